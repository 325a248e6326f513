"""Check the knowledge graph against shapes.ttl with pySHACL, and the ontology with OWL-RL.

Violations are returned as readable lines that name, where the graph knows it,
the facts file and line that produced the offending node.
"""

from collections.abc import Iterable
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from . import cache as buildcache
from .vocab import RG, SH

if TYPE_CHECKING:
    import pyshacl_turbo.rdf


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

    The text goes straight to pyshacl-turbo's engine, which parses it itself (:func:`ntriples_input`),
    with no rdflib graph made: on 100 reports (450,000 triples) 5 s against 20 s and 1 GB (plus the
    rdflib graph) for :func:`shacl`. tests/test_shapes.py checks that both find the same.

    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
    ...     ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
    ...         sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "a thing needs a name" ] .''')
    >>> nt = "<urn:ex:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:Thing> .\\n"
    >>> conforms, found = shacl_ntriples(nt, shapes, "", [("ex", "urn:ex:")])
    >>> conforms, [str(f) for f in found]
    (False, ['Violation: ex:a ex:name: a thing needs a name'])
    """
    return shacl_input(ntriples_input(nt, ontology), shapes, prefixes)


def ntriples_input(nt: bytes | str, ontology: bytes | str) -> "pyshacl_turbo.rdf.Input":
    """The N-Triples ``nt`` and the Turtle ``ontology`` as one text for :func:`shacl_input` (``nt``
    can be freed once it returns: a corpus's N-Triples are gigabytes).

    The engine parses the text itself. Handed an Oxigraph store instead, it dumps the store to text
    twice and parses that: the store's load and the dumps were a fifth of the validation."""
    from pyshacl_turbo.rdf import Input

    text = (nt if isinstance(nt, str) else nt.decode("utf-8")) + _ntriples_of(ontology)
    return Input(text, "nt", None, {}, {}, preserve_ids=True)


@lru_cache(maxsize=2)
def _ntriples_of(turtle: bytes | str) -> str:
    """The Turtle ``turtle`` as N-Triples, made once (a build validates each changed report with it)."""
    import pyoxigraph as ox

    return (ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def shacl_input(data: "pyshacl_turbo.rdf.Input", shapes: Graph, prefixes: Iterable[tuple[str, str]] = (),
                use: Iterable[URIRef] | None = None) -> tuple[bool, list[Finding]]:
    """``(conforms, findings)`` of the graph in ``data`` (:func:`ntriples_input`), as
    :func:`shacl_ntriples` has them; with the node shapes ``use`` alone if given."""
    import pyshacl_turbo

    conforms, report, _ = pyshacl_turbo.validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True, abort_on_first=False,
        use_shapes=None if use is None else [str(s) for s in use])
    names = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes:
        names.bind(prefix, namespace, override=True)
    return conforms, findings(report, names)


#: The shapes validated report by report, each on its report's own triples: they read a mention's
#: selectors, source and what it denotes, which no other shape reads (the others read of a mention
#: only that it is one: tests/test_shapes.py checks both, and that the findings are the same as the
#: whole graph's).
REPORT_SHAPES = (URIRef("https://reportgraph.example/shapes#Mention"),
                 URIRef("https://reportgraph.example/shapes#MentionOffsets"),
                 URIRef("https://reportgraph.example/shapes#MentionsBacked"))

#: The one triple of a mention or its selectors that a shape other than the :data:`REPORT_SHAPES`
#: reads: that the mention is one (the rest are most of a corpus's triples).
_MENTION_TYPE = f" {RDF.type.n3()} {RG.Mention.n3()} .\n".encode()


def shacl_by_report(nt: bytes, shapes: Graph, ontology: bytes, prefixes: Iterable[tuple[str, str]],
                    base: str, cache: Path | None = None) -> tuple[bool, list[Finding]]:
    """:func:`shacl_ntriples` of the sorted N-Triples ``nt`` of a build, made in pieces: the
    :data:`REPORT_SHAPES` on each report's own triples, those of the subjects under its IRI (the
    report, its mentions and their selectors, as :class:`reportgraph.rdf.Iris` names them under
    ``base``), the other shapes on the rest of the graph, which holds of a mention only its type (they
    read no more). A graph with a report, mention or selector elsewhere is validated whole.

    A report's findings are kept in the JSON file ``cache`` by the digest of its triples, the
    shapes, the ontology, the engine and this module (:mod:`reportgraph.cache`), so that a build
    validates again only the reports that changed (a file that cannot be read or written is no
    cache; the findings are the same).
    """
    prefixes, prefix = list(prefixes), f"<{base}report/".encode()
    start = 0 if nt.startswith(prefix) else nt.find(b"\n" + prefix) + 1
    end = nt.index(b"\n", nt.rfind(b"\n" + prefix) + 1) + 1 if start or nt.startswith(prefix) else 0
    if not end or _holds_report_terms(nt, 0, start) or _holds_report_terms(nt, end, len(nt)):
        return shacl_ntriples(nt, shapes, ontology, prefixes)
    reports, rest = _by_report(nt[start:end], prefix)
    others = [s for s in shapes.subjects(RDF.type, SH.NodeShape) if s not in REPORT_SHAPES]
    found = shacl_input(ntriples_input(nt[:start] + rest + nt[end:], ontology), shapes, prefixes, others)[1]
    del rest
    kept, used = buildcache.read_json(cache), {}
    salt = buildcache.digest(Path(__file__).read_bytes(), _canonical(shapes), ontology,
                            _engine_version().encode())   # this module's code: another module's edit keeps the findings
    for text in reports.values():
        key = buildcache.digest(salt, text).hex()
        if key not in kept:
            kept[key] = [vars(f) for f in shacl_input(ntriples_input(text, ontology), shapes, prefixes,
                                                       REPORT_SHAPES)[1]]
        used[key] = kept[key]
        found += [Finding(**f) for f in used[key]]
    buildcache.write_json(cache, used)
    found.sort(key=_finding_order)
    return not any(f.severity == "Violation" for f in found), found


def _by_report(block: bytes, prefix: bytes) -> tuple[dict[bytes, bytes], bytes]:
    """The rows of ``block`` (sorted N-Triples whose subjects all start with ``prefix``, a report's IRI
    but its id) by report, ``{id: rows}``, each report's in their order; and the rows the other shapes
    read, in theirs: a report's own, and that each mention is one.

    Sorted, the rows whose subjects start alike are together: the rows of a report's own subject, and
    those of its mentions and selectors (``<id>/…``), are each found by bisection of the bytes
    (:func:`_rows_from`), and the mentions' types by their row's end, with no row split from the next (at
    100 reports 0.20 s, against 0.34 s splitting the rows and bisecting their list; medians of seven).

    >>> block = (b"<r/a/t/1> <p> <q> .\\n<r/a/t/1> <x> <y> .\\n<r/a0/t/1> <p> <q> .\\n<r/a0> <p> <q> .\\n"
    ...          b"<r/a> <p> <q> .\\n")
    >>> by, rest = _by_report(block, b"<r/")
    >>> by == {b"a": b"<r/a/t/1> <p> <q> .\\n<r/a/t/1> <x> <y> .\\n<r/a> <p> <q> .\\n",
    ...        b"a0": b"<r/a0/t/1> <p> <q> .\\n<r/a0> <p> <q> .\\n"}, rest
    (True, b'<r/a0> <p> <q> .\\n<r/a> <p> <q> .\\n')
    """
    reports, rest, i = {}, [], 0
    while i < len(block):
        close = block.index(b">", i + len(prefix))
        slash = block.find(b"/", i + len(prefix), close)
        end = close if slash < 0 else slash   # the report's id ends there, the subject's own or a mention's
        after = _rows_from(block, block[i:end + 1], i)
        reports.setdefault(block[i + len(prefix):end], []).append(block[i:after])
        rest.extend([block[i:after]] if slash < 0 else _rows_ending(block, _MENTION_TYPE, i, after))
        i = after
    return {report: b"".join(own) for report, own in reports.items()}, b"".join(rest)


def _rows_from(block: bytes, key: bytes, lo: int) -> int:
    """Where the rows that start with ``key`` end in the sorted rows of ``block``, from the row that starts
    at ``lo`` (one of them): the start of the first row that does not, or the end of ``block``.

    >>> _rows_from(b"a1\\na2\\nb1\\n", b"a", 0), _rows_from(b"a1\\na2\\nb1\\n", b"b", 6), _rows_from(b"a1\\n", b"a", 0)
    (6, 9, 3)
    """
    hi = len(block)   # the start of a row that does not start with key, or the end
    while True:
        middle = (lo + hi) // 2
        row = block.find(b"\n", middle, hi - 1) + 1 or block.rfind(b"\n", lo, middle) + 1   # a row's start in (lo, hi)
        if row <= lo:
            return hi
        lo, hi = (row, hi) if block.startswith(key, row) else (lo, row)


def _rows_ending(block: bytes, end: bytes, lo: int, hi: int) -> list[bytes]:
    """The rows of ``block[lo:hi]`` (whole rows) that end with ``end`` (a row's end, with its line break)."""
    rows, at = [], block.find(end, lo, hi)
    while at >= 0:
        rows.append(block[block.rfind(b"\n", lo, at) + 1 or lo:at + len(end)])
        at = block.find(end, at + len(end), hi)
    return rows


def _canonical(graph: Graph) -> bytes:
    """``graph`` as sorted N-Triples with its blank nodes named canonically (RDFC-1.0): the same bytes
    for the same graph however it was read (a parse names blank nodes afresh each time).

    >>> shapes = "[] a <urn:Shape> ; <urn:path> <urn:p> ."
    >>> _canonical(Graph().parse(data=shapes, format="turtle")) == _canonical(Graph().parse(data=shapes, format="turtle"))
    True
    """
    import pyoxigraph as ox

    dataset = ox.Dataset(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return b"".join(sorted(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))


#: What only a report's own triples hold: the type of a report or of a mention (an object that ends its
#: row), a mention's source or selector (a predicate). Looked for as plain bytes (0.015 s outside the reports'
#: triples of 100 reports, against 0.3 to 0.5 s for a regular expression of the rows): found anywhere else,
#: within a literal too, it sends the graph to be validated whole, which is never wrong, only slower.
_REPORT_TERMS = (b"<https://schema.org/NewsArticle> .", b"<https://reportgraph.example/ontology#Mention> .",
                 b" <http://www.w3.org/ns/oa#hasSource> ", b" <http://www.w3.org/ns/oa#hasSelector> ")


def _holds_report_terms(nt: bytes, start: int, end: int) -> bool:
    """Whether ``nt[start:end]`` holds one of :data:`_REPORT_TERMS`."""
    return any(nt.find(term, start, end) >= 0 for term in _REPORT_TERMS)


def _engine_version():
    from importlib.metadata import version

    return version("pyshacl-turbo")


def _finding_order(f):
    return f.severity != "Violation", f.focus, f.path, f.message


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
    return sorted(out, key=_finding_order)


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
