"""Check the knowledge graph against shapes.ttl with pySHACL, and the ontology with OWL-RL.

Violations are returned as readable lines that name, where the graph knows it,
the facts file and line that produced the offending node.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from .vocab import SH

if TYPE_CHECKING:
    import pyoxigraph


@dataclass
class Finding:
    severity: str        # "Violation" or "Warning"
    focus: str
    path: str
    message: str

    def __str__(self):
        path = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{path}: {self.message}"


def shacl(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, list[Finding]]:
    """``(conforms, findings)`` of ``data`` against ``shapes``; ``ontology`` supplies subclassing.

    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
    ...     ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
    ...         sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "a thing needs a name" ] .''')
    >>> data = Graph().parse(format="turtle", data="<urn:ex:a> a <urn:ex:Thing> .")
    >>> conforms, found = shacl(data, shapes, Graph())
    >>> conforms, [str(f) for f in found]
    (False, ['Violation: <urn:ex:a> <urn:ex:name>: a thing needs a name'])

    The engine is pyshacl-turbo: pySHACL's interface and report, with the validation done in
    Rust (its SPARQL constraints by Oxigraph's engine). pySHACL took 36 s on a report naming
    one organisation 6,000 times, turbo 2.4 s; the tests check that both engines give the
    same findings on every constraint of shapes.ttl (tests/test_shapes.py). The build validates
    its N-Triples with :func:`shacl_ntriples` instead, which finds the same faster.
    """
    import pyshacl_turbo   # only validation pays for this import

    return _validate(pyshacl_turbo, data, shapes, ontology)


def shacl_ntriples(nt: bytes | str, shapes: Graph, ontology: bytes | str,
                   prefixes: Iterable[tuple[str, str]] = ()) -> tuple[bool, list[Finding]]:
    """``(conforms, findings)`` of the graph written in N-Triples ``nt``, with the Turtle ``ontology``
    mixed in, against ``shapes``: what :func:`shacl` finds on that graph, with nodes named by
    ``prefixes`` (``(prefix, namespace)`` pairs, as the graph binds them).

    The graph goes straight into an Oxigraph store, which pyshacl-turbo validates natively, with
    no rdflib graph made: on 100 reports (450,000 triples) 9 s and 0.7 GB against 20 s and 1 GB
    (plus the rdflib graph) for :func:`shacl`. tests/test_shapes.py checks that both find the same.

    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
    ...     ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
    ...         sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "a thing needs a name" ] .''')
    >>> nt = "<urn:ex:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:Thing> .\\n"
    >>> conforms, found = shacl_ntriples(nt, shapes, "", [("ex", "urn:ex:")])
    >>> conforms, [str(f) for f in found]
    (False, ['Violation: ex:a ex:name: a thing needs a name'])
    """
    return shacl_store(ntriples_store(nt, ontology), shapes, prefixes)


def ntriples_store(nt: bytes | str, ontology: bytes | str) -> "pyoxigraph.Store":
    """An Oxigraph store of the N-Triples ``nt`` and the Turtle ``ontology``, for :func:`shacl_store`
    (the text can be freed once it returns: a corpus's N-Triples are gigabytes)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(input=nt, format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(input=ontology, format=ox.RdfFormat.TURTLE)
    return store


def shacl_store(store: "pyoxigraph.Store", shapes: Graph,
                prefixes: Iterable[tuple[str, str]] = ()) -> tuple[bool, list[Finding]]:
    """``(conforms, findings)`` of the graph in ``store`` (:func:`ntriples_store`), as
    :func:`shacl_ntriples` has them."""
    import pyshacl_turbo

    conforms, report, _ = pyshacl_turbo.validate(
        store, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True, abort_on_first=False)
    names = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes:
        names.bind(prefix, namespace, override=True)
    return conforms, findings(report, names)


def _validate(engine, data, shapes, ontology):
    """``(conforms, findings)`` by ``engine`` (``pyshacl`` or ``pyshacl_turbo``, one interface)."""
    # The ontology is mixed into a copy of the data so that sh:class follows rdfs:subClassOf
    # and the shapes can reach rg:ShortcutProperty; the engines' ont_graph does this only
    # when they also run inference, which the build does not need.
    mixed = data + ontology
    conforms, report, _ = engine.validate(
        mixed, shacl_graph=shapes, inference="none", inplace=True,
        advanced=False, allow_warnings=True, abort_on_first=False)
    return conforms, findings(report, data)


def findings(report: Graph, data: Graph) -> list[Finding]:
    """The results of a SHACL validation report graph, violations first, in a stable order."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        path = report.value(result, SH.resultPath)
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage) or "constraint not met"
        if value is not None:
            if isinstance(value, Literal) and value.datatype == XSD.string:   # a simple literal, as rdflib has it
                value = Literal(str(value))
            message = f"{message} (value {value.n3(data.namespace_manager)})"
        out.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1],
            focus=focus.n3(data.namespace_manager) if focus is not None else "?",
            path=_path(report, path, data.namespace_manager) if path is not None else "",
            message=str(message)))
    return sorted(out, key=lambda f: (f.severity != "Violation", f.focus, f.path, f.message))


def _path(graph, path, names):
    """A SHACL property path of ``graph`` written as in Turtle: ``oa:exact``,
    ``(oa:hasSelector oa:exact)``, ``[sh:inversePath org:holds]``, never a blank node's label.

    >>> from rdflib import BNode, Graph, URIRef
    >>> from rdflib.collection import Collection
    >>> g, head = Graph(), BNode()
    >>> _ = Collection(g, head, [URIRef("urn:a"), URIRef("urn:b")])
    >>> _path(g, head, g.namespace_manager)
    '(<urn:a> <urn:b>)'
    """
    from rdflib import BNode
    from rdflib.collection import Collection

    if not isinstance(path, BNode):
        return path.n3(names)
    if graph.value(path, RDF.first) is not None:
        return "(" + " ".join(_path(graph, step, names) for step in Collection(graph, path)) + ")"
    for kind in ("inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath"):
        inner = graph.value(path, SH[kind])
        if inner is not None:
            return f"[sh:{kind} {_path(graph, inner, names)}]"
    return "[a path]"


def owl_rl_errors(*graphs: Graph) -> list[str]:
    """Inconsistencies OWL-RL finds in the union of ``graphs`` (empty list: consistent).

    >>> ontology = Graph().parse(format="turtle", data='''
    ...     @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix ex: <urn:ex:> .
    ...     ex:A a owl:Class ; owl:disjointWith ex:B . ex:B a owl:Class .''')
    >>> owl_rl_errors(ontology)
    []
    >>> owl_rl_errors(ontology, Graph().parse(format="turtle", data="<urn:ex:x> a <urn:ex:A>, <urn:ex:B> ."))
    ['Disjoint classes urn:ex:A and urn:ex:B have a common individual urn:ex:x']
    """
    import owlrl

    union = Graph()
    for g in graphs:
        union += g
    closure = owlrl.OWLRL_Semantics(union, False, False, False)
    closure.closure()
    return list(closure.error_messages)
