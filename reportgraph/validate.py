"""Check the knowledge graph against shapes.ttl with pySHACL, and the ontology with OWL-RL.

Violations are returned as readable lines that name, where the graph knows it,
the facts file and line that produced the offending node.
"""

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import RDF

from .vocab import SH


@dataclass
class Finding:
    severity: str        # "Violation" or "Warning"
    focus: str
    path: str
    message: str

    def __str__(self):
        path = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{path}: {self.message}"


def shacl(data, shapes, ontology):
    """``(conforms, findings)`` of ``data`` against ``shapes``; ``ontology`` supplies subclassing.

    >>> from rdflib import Graph
    >>> empty = Graph()
    >>> shacl(empty, Graph().parse("shapes.ttl"), Graph().parse("ontology.ttl"))
    (True, [])
    """
    import pyshacl   # only validation pays for this import

    # The ontology is mixed into a copy of the data so that sh:class follows rdfs:subClassOf
    # and the shapes can reach rg:ShortcutProperty; pySHACL's ont_graph does this only when
    # it also runs inference, which the build does not need.
    conforms, report, _ = pyshacl.validate(
        data + ontology, shacl_graph=shapes, inference="none", inplace=True,
        advanced=False, allow_warnings=True, abort_on_first=False)
    return conforms, findings(report, data)


def findings(report, data):
    """The results of a SHACL validation report graph, violations first, in a stable order."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        path = report.value(result, SH.resultPath)
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage) or "constraint not met"
        if value is not None:
            message = f"{message} (value {value.n3(data.namespace_manager)})"
        out.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1],
            focus=focus.n3(data.namespace_manager) if focus is not None else "?",
            path=path.n3(data.namespace_manager) if path is not None and not isinstance(path, Graph)
            else "",
            message=str(message)))
    return sorted(out, key=lambda f: (f.severity != "Violation", f.focus, f.path, f.message))


def owl_rl_errors(*graphs):
    """Inconsistencies OWL-RL finds in the union of ``graphs`` (empty list: consistent).

    >>> from rdflib import Graph
    >>> owl_rl_errors(Graph().parse("ontology.ttl"))
    []
    """
    import owlrl

    union = Graph()
    for g in graphs:
        union += g
    closure = owlrl.OWLRL_Semantics(union, False, False, False)
    closure.closure()
    return list(closure.error_messages)
