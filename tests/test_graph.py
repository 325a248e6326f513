"""The built graph: provenance, offsets, shapes, serialisations, determinism, freshness."""

import hashlib

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF

from helpers import REPORT, ROOT, cli
from reportgraph import output, validate
from reportgraph.vocab import OA, ORG, RG, SCHEMA


def test_shacl_conforms_without_warnings(built):
    assert [f for f in built.findings] == []


def test_every_mention_slices_its_quote(graph):
    text = (ROOT / "reports" / REPORT / "report.txt").read_text(encoding="utf-8")
    mentions = set(graph.subjects(RDF.type, RG.Mention))
    assert len(mentions) > 200
    for m in mentions:
        sel = {graph.value(s, RDF.type): s for s in graph.objects(m, OA.hasSelector)}
        pos, quote = sel[OA.TextPositionSelector], sel[OA.TextQuoteSelector]
        start, end = graph.value(pos, OA.start).toPython(), graph.value(pos, OA.end).toPython()
        exact = str(graph.value(quote, OA.exact))
        assert text[start:end] == exact
        assert text[max(0, start - len(str(graph.value(quote, OA.prefix)))):start] == str(graph.value(quote, OA.prefix))
        assert text[end:end + len(str(graph.value(quote, OA.suffix)))] == str(graph.value(quote, OA.suffix))


def test_every_shortcut_is_backed_by_a_node_with_provenance(graph):
    ontology = Graph().parse(ROOT / "ontology.ttl")
    shortcuts = set(ontology.subjects(RDF.type, RG.ShortcutProperty))
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    checked = 0
    for s, p, o in graph:
        if p not in shortcuts:
            continue
        checked += 1
        ends = [(s, o), (o, s)] if p in symmetric else [(s, o)]   # one node states both ways
        backers = [r for x, y in ends for r in graph.subjects(RG.subject, x)
                   if (r, RG.property, p) in graph and (r, RG.object, y) in graph]
        if p == ORG.holds:
            backers.append(o)
        if p == ORG.headOf:
            backers += [post for post in graph.subjects(ORG.heldBy, s) if (post, ORG.postIn, o) in graph]
        if p == SCHEMA.mentions:
            backers += [m for m in graph.subjects(RG.denotes, o) if (m, OA.hasSource, s) in graph]
        assert any((b, PROV.wasDerivedFrom, None) in graph or (b, RG.denotes, None) in graph
                   for b in backers), (s, p, o)
    assert checked > 200


def test_shacl_catches_a_shortcut_without_provenance(graph):
    broken = Graph() + graph
    rel = next(broken.subjects(RG.property, RG.friendlyAssociationOf))
    for m in list(broken.objects(rel, PROV.wasDerivedFrom)):
        broken.remove((rel, PROV.wasDerivedFrom, m))
    shapes, ontology = Graph().parse(ROOT / "shapes.ttl"), Graph().parse(ROOT / "ontology.ttl")
    conforms, findings = validate.shacl(broken, shapes, ontology)
    assert not conforms
    messages = " ".join(str(f) for f in findings)
    assert "friendlyAssociationOf" in messages and "no rg:Relation node with provenance" in messages


def test_shacl_catches_a_post_shortcut_without_its_post(graph):
    broken = Graph() + graph
    post = next(broken.subjects(RDF.type, ORG.Post))
    broken.remove((post, PROV.wasDerivedFrom, None))
    conforms, findings = validate.shacl(broken, Graph().parse(ROOT / "shapes.ttl"),
                                        Graph().parse(ROOT / "ontology.ttl"))
    assert not conforms
    assert any("but no org:Post with provenance" in f.message for f in findings)


def test_shacl_catches_wrong_offsets(graph):
    broken = Graph() + graph
    pos = next(broken.subjects(RDF.type, OA.TextPositionSelector))
    start = broken.value(pos, OA.start)
    broken.set((pos, OA.start, Literal(start.toPython() + 1)))
    conforms, findings = validate.shacl(broken, Graph().parse(ROOT / "shapes.ttl"),
                                        Graph().parse(ROOT / "ontology.ttl"))
    assert not conforms
    assert any("do not slice its quote" in f.message for f in findings)


@pytest.mark.parametrize("name,fmt", [("knowledge_graph.ttl", "turtle"),
                                      ("knowledge_graph.jsonld", "json-ld"),
                                      ("knowledge_graph.nt", "nt")])
def test_serialisations_round_trip(graph, name, fmt):
    serialise = {"turtle": output.turtle, "json-ld": output.jsonld, "nt": output.ntriples}[fmt]
    reparsed = Graph().parse(data=serialise(graph), format=fmt)
    assert len(reparsed) == len(graph)
    assert isomorphic(reparsed, graph)


def test_committed_graph_is_fresh_and_builds_are_identical(project):
    """Two builds, one of them on another day (a faked clock), in the C locale and with
    another hash seed, give the same bytes as the committed graph/."""
    import os
    import shutil
    import subprocess
    import sys

    from helpers import missing
    from reportgraph.build import ANALYSIS, OUTPUTS, VIEWS
    from reportgraph.staging import MANIFEST

    faketime = shutil.which("faketime")
    if not faketime:
        missing("faketime is not installed: apt-get install faketime")
    committed = {name: (ROOT / "graph" / name).read_bytes()
                 for name in (*OUTPUTS, *VIEWS, ANALYSIS, MANIFEST)}
    digests = []
    for seed, clock, locale in (("1", [], "C.UTF-8"), ("2", [faketime, "2031-02-03 04:05:06"], "C")):
        env = dict(os.environ, PYTHONHASHSEED=seed, LC_ALL=locale, LANG=locale)
        run = subprocess.run([*clock, sys.executable, "build_graph.py"], cwd=project, env=env,
                             capture_output=True, text=True, encoding="utf-8")
        assert run.returncode == 0, run.stderr
        digests.append({n: hashlib.sha256((project / "graph" / n).read_bytes()).hexdigest()
                        for n in committed})
    assert digests[0] == digests[1]
    for name, data in committed.items():
        assert (project / "graph" / name).read_bytes() == data, \
            f"graph/{name} is stale: run python build_graph.py and commit graph/"


def test_summary_names_types_facts_and_outputs(project):
    result = cli(project)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "entities: 102" in out and "Person 6" in out
    assert "9 posts, 19 observations" in out
    assert "SHACL: conforms" in out
    for name in ("ttl", "jsonld", "nt", "graphml", "gexf", "html"):
        assert f"wrote graph/knowledge_graph.{name}" in out


def test_inferred_facts_say_why(graph):
    inferred = set(graph.subjects(RG.assertion, RG.Inferred))
    assert len(inferred) >= 15
    for node in inferred:
        assert graph.value(node, RG.inferenceNote) is not None


def test_report_node_keeps_the_text_verbatim(graph):
    raw = (ROOT / "reports" / REPORT / "report.txt").read_bytes()
    seed = ROOT.parent / "shared" / "seed" / f"{REPORT}.txt"
    if seed.exists():
        assert seed.read_bytes() == raw
    report = next(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    assert str(graph.value(report, SCHEMA.text)) == raw.decode("utf-8")
    assert str(graph.value(report, RG.sha256)) == hashlib.sha256(raw).hexdigest()
