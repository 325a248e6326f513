"""The build: load the facts, make the graph, validate it, write graph/.

The Python API behind ``python build_graph.py`` and ``python build_graph.py validate``.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import PROV, RDF

from . import output, validate
from .load import load_corpus
from .rdf import build_graph
from .vocab import DEFAULT_BASE, ORG, RG, SCHEMA, TYPES

#: What a build reads (and ``build_graph.py`` with the package that runs it): a copy of these
#: is a complete project, as the tests and benchmarks make.
SOURCES = ("registry", "reports", "ontology.ttl", "shapes.ttl", "build_graph.py", "reportgraph")

OUTPUTS = {  # file name -> serialiser
    "knowledge_graph.ttl": output.turtle,
    "knowledge_graph.jsonld": output.jsonld,
    "knowledge_graph.nt": output.ntriples,
}


class ValidationFailed(Exception):
    """The graph does not conform to shapes.ttl; ``findings`` says where."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings if f.severity == "Violation"))


@dataclass
class Result:
    graph: Graph
    corpus: object
    findings: list
    written: list = field(default_factory=list)

    @property
    def warnings(self):
        return [f for f in self.findings if f.severity != "Violation"]


def run(root=".", out="graph", write=True, base=DEFAULT_BASE):
    """Load, build and validate the graph of ``root``; write ``out/`` unless ``write`` is False.

    >>> result = run(".", write=False)
    >>> len(result.graph) > 1000, result.warnings
    (True, [])

    Raises :class:`~reportgraph.load.LoadError` for bad input and :class:`ValidationFailed`
    when the graph breaks a shape; nothing is written then.
    """
    root = Path(root)
    corpus = load_corpus(root)
    graph = build_graph(corpus, base=base)
    shapes = Graph().parse(root / "shapes.ttl")
    ontology = Graph().parse(root / "ontology.ttl")
    conforms, findings = validate.shacl(graph, shapes, ontology)
    if not conforms:
        raise ValidationFailed(findings)
    result = Result(graph=graph, corpus=corpus, findings=findings)
    if write:
        files = {Path(root, out, name): serialise(graph) for name, serialise in OUTPUTS.items()}
        output.write_all(files)
        result.written = sorted(files)
    return result


def summary(result):
    """A one-screen text summary of a build: entities by type, facts, validation, outputs."""
    g, corpus = result.graph, result.corpus
    lines = [f"reportgraph: {len(corpus.reports)} report(s), {len(g)} triples"]
    types = Counter(e.type for e in corpus.entities.values())
    kinds = Counter(TYPES[e.type][1] for e in corpus.entities.values())
    lines.append(f"entities: {len(corpus.entities)} — " + ", ".join(
        f"{kind} {n}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))))
    lines.append("  by type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    relations = len(set(g.subjects(RDF.type, RG.Relation)))
    posts = len(set(g.subjects(RDF.type, ORG.Post)))
    observations = len(set(g.subjects(RDF.type, SCHEMA.Observation)))
    inferred = len(set(g.subjects(RG.assertion, RG.Inferred)))
    mentions = len(set(g.subjects(RDF.type, RG.Mention)))
    derivations = len(list(g.triples((None, PROV.wasDerivedFrom, None))))
    lines.append(f"facts: {relations} relations, {posts} posts, {observations} observations "
                 f"({inferred} inferred, the rest stated); {derivations} links to quotes")
    lines.append(f"mentions: {mentions} spans of report text located by offset and quote")
    violations = [f for f in result.findings if f.severity == "Violation"]
    lines.append(f"SHACL: {'conforms' if not violations else 'does not conform'}"
                 f" ({len(result.warnings)} warning(s))")
    lines.extend(f"  {w}" for w in result.warnings)
    for path in result.written:
        lines.append(f"wrote {path}")
    return "\n".join(lines)
