"""The networkx projection: entities as nodes, facts as edges with quotes, its layout, GraphML and GEXF files."""

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from helpers import REPORT, ROOT
from reportgraph import attributes, firstview, graphfiles, layout, presentation, project, untangle
from reportgraph.vocab import ORG, RG, SCHEMA, TYPES

TEXT = (ROOT / "reports" / REPORT / "report.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def G(graph):
    return layout.place(project.project(graph, Graph().parse(ROOT / "ontology.ttl")))


def test_nodes_are_the_entities_and_statistics_only(G, graph):
    entity_classes = {cls for cls, _ in TYPES.values()} - {ORG.Role}
    entities = {s for s, o in graph.subject_objects(RDF.type) if o in entity_classes}
    observations = set(graph.subjects(RDF.type, SCHEMA.Observation))
    assert {d["iri"] for _, d in G.nodes(data=True)} == {str(n) for n in entities | observations}
    assert G.number_of_nodes() == len(entities) + len(observations) == 112
    assert all(not isinstance(n, Literal) for n in G)   # literals are attributes, never nodes
    for _, d in G.nodes(data=True):
        assert d["label_zh"] and d["category"] in attributes.CATEGORY_TYPES and d["type"]


def test_every_attribute_is_documented_in_one_place(G):
    """project.py's tables name every attribute the projection (and layout) gives, and the files
    store as JSON exactly the structured ones."""
    assert set(G.graph) <= set(attributes.GRAPH_ATTRIBUTES)
    for _, d in G.nodes(data=True):
        assert set(d) <= set(attributes.NODE_ATTRIBUTES), set(d) - set(attributes.NODE_ATTRIBUTES)
    for *_, d in G.edges(data=True):
        assert set(d) <= set(attributes.EDGE_ATTRIBUTES), set(d) - set(attributes.EDGE_ATTRIBUTES)
    for table in (attributes.GRAPH_ATTRIBUTES, attributes.NODE_ATTRIBUTES, attributes.EDGE_ATTRIBUTES):
        for name, attribute in table.items():
            values = [G.graph.get(name)] + [d.get(name) for _, d in G.nodes(data=True)] + \
                     [d.get(name) for *_, d in G.edges(data=True)]
            assert attribute.structured == any(isinstance(v, (list, dict)) for v in values), name


def test_every_category_has_its_presentation():
    assert list(attributes.CATEGORY_TYPES) == list(presentation.CATEGORIES)
    types = [t for ts in attributes.CATEGORY_TYPES.values() for t in ts]
    assert len(types) == len(set(types)) and set(types) | {"Role"} == set(TYPES)


def test_node_attributes(G):
    miit = G.nodes["miit"]
    assert (miit["label_zh"], miit["label_en"]) == ("工业和信息化部", "Ministry of Industry and Information Technology")
    assert miit["aliases_en"] == ["MIIT"] and miit["search"] == ["工信部"]
    assert miit["type"] == "rg:GovernmentBody" and miit["type_zh"] == "政府机关"
    nanhai = G.nodes["nanhai-aluminium-profile-association"]
    assert nanhai["aliases_zh"] == ["南海铝协"] and nanhai["category"] == "association"
    assert any(m["kind"] == "pronoun" and TEXT[m["start"]:m["end"]] == "之" for m in nanhai["mentions"])
    docking = G.nodes["docking-activity-2023"]
    date = [a for a in docking["attributes"] if a["predicate"] == "schema:startDate"]
    assert [a["value"] for a in date] == ["2023-07-30"] and TEXT[date[0]["start"]:date[0]["end"]] == date[0]["quote"]


def test_every_edge_is_a_fact_with_its_quote(G, graph):
    assert G.number_of_edges() == 165
    for u, v, key, d in G.edges(keys=True, data=True):
        predicate = project.curie(d["predicate"])
        assert predicate == graph.namespace_manager.normalizeUri(URIRef(d["predicate"]))
        assert key == predicate or key.startswith(predicate + " ")   # the key is unique, the predicate is not
        assert d["relation_zh"] and d["relation_en"] and d["assertion"] in {"stated", "inferred"}
        assert d["evidence"] and d["report"] == REPORT
        for ev in d["evidence"]:
            assert TEXT[ev["start"]:ev["end"]] == ev["quote"]
        assert (d["quote"], d["start"], d["end"]) == tuple(d["evidence"][0][k] for k in ("quote", "start", "end"))
        if d["assertion"] == "inferred":
            assert d["note"]


def test_relation_nodes_fold_into_edges(G, graph):
    stated = [r for r in graph.subjects(RDF.type, RG.Relation)
              if not isinstance(graph.value(r, RG.object), Literal)]
    relation_edges = [e for e in G.edges(data=True)
                      if e[2]["predicate"] != str(ORG.holds) and not e[0].startswith("observation/")]
    assert len(relation_edges) == len(stated)
    friendly = G.edges["nanhai-aluminium-profile-association", "baise-aluminium-association",
                       "rg:friendlyAssociationOf"]
    assert friendly["label_en"] == "friendly association of" and len(friendly["evidence"]) == 2
    assert friendly["quote"] == "南海铝协已与之缔结友好协会关系"
    organiser = G.edges["docking-activity-2023", "miit", "schema:organizer"]
    assert organiser["relation_zh"] == "主办方"


def test_posts_fold_into_role_labelled_edges(G, graph):
    assert len([e for e in G.edges(keys=True) if e[2] == "org:holds"]) == len(set(graph.subjects(RDF.type, ORG.Post))) == 9
    mayor = G.edges["ge-guoke", "baise-government", "org:holds"]
    assert (mayor["label_zh"], mayor["label_en"], mayor["role"], mayor["heads"]) == ("市长", "Mayor", "mayor", True)
    assert mayor["quote"] == "百色市委副书记、市人民政府市长葛国科"
    assert "mayor" not in G   # roles are edge labels, not nodes


def test_statistics_are_nodes_linked_to_what_they_measure(G):
    key = "observation/baise-alumina-share-national-2022"
    obs = G.nodes[key]
    assert obs["label_zh"] == "氧化铝产量占全国:约11.38%(2022年)"
    assert obs["label_en"] == "alumina output, share of China’s total: approximately 11.38% (2022)"
    assert (obs["value"], obs["unit"], obs["raw"], obs["qualifiers"]) == ("11.38", "unit:PERCENT", "11.38%", ["approximately"])
    assert obs["quote"] == "约占全国的11.38%"
    assert {(v, k) for _, v, k in G.out_edges(key, keys=True)} == {
        ("baise", "schema:observationAbout"), ("alumina-output", "schema:variableMeasured"),
        ("china", "schema:measurementDenominator")}
    defect = G.nodes["observation/baise-aluminium-processing-share-regional-2022"]
    assert defect["label_zh"].startswith("铝加工产量占全区:78.6(") and defect["defect"]


def test_layout_is_deterministic_and_spread(G):
    again = layout.layout(G)
    assert again == {n: (d["x"], d["y"]) for n, d in G.nodes(data=True)}
    points = set(again.values())
    assert len(points) == G.number_of_nodes()   # no two nodes on one spot


def boxes_overlap(G, pos):
    """Pairs of map nodes whose boxes (shape and label) overlap at ``pos``."""
    looks, half = firstview.plan(G), layout.GAP / 2
    rects = {n: tuple(c + d for c, d in zip(layout._rect(*pos[n], looks[n].box), (half, half, -half, -half)))
             for n in firstview.actors(G)}
    items = sorted(rects.items(), key=lambda kv: kv[1][0])
    return [(a, b) for i, (a, p) in enumerate(items) for b, q in items[i + 1:]
            if q[0] < p[2] and p[0] < q[2] and p[1] < q[3] and q[1] < p[3]]


@pytest.mark.parametrize("shape", ["seed", "scale-free", "star of stars", "islands"])
def test_moving_nodes_off_the_edges_lowers_crossings_and_keeps_boxes_apart(G, monkeypatch, shape):
    H = {"seed": G, "scale-free": nx.MultiDiGraph(nx.scale_free_graph(120, seed=3)),
         "star of stars": nx.MultiDiGraph(nx.balanced_tree(6, 2)),
         "islands": nx.MultiDiGraph(nx.disjoint_union(nx.path_graph(3), nx.empty_graph(4)))}[shape]
    untangled = layout.layout(H)
    monkeypatch.setattr(untangle, "UNTANGLED", 0)
    plain = layout.layout(H)
    assert boxes_overlap(H, untangled) == [] and boxes_overlap(H, plain) == []
    assert untangle.crossings(H, untangled, weighed=True) <= untangle.crossings(H, plain, weighed=True)
    if shape == "seed":   # the first report: most of its crossings can be avoided
        assert untangle.crossings(H, untangled) < 0.7 * untangle.crossings(H, plain)


def test_the_raster_of_taken_spots_spares_searches_and_changes_no_placing(monkeypatch):
    """layout._Inside marks a spot only where every box still to place, centred there, overlaps a placed
    box: a packed placing with it puts every box where the placing that searches every spot puts it."""
    import random

    import numpy as np

    rng = random.Random(5)
    order = list(range(300))
    pos = {n: (rng.gauss(0, 40), rng.gauss(0, 25)) for n in order}   # packed: most boxes must move
    boxes = {n: (rng.choice([1.4, 4.0, 9.0, 60.0]) * rng.uniform(0.9, 1.1), rng.uniform(1.0, 16.0),
                 rng.uniform(-4.0, 16.0)) for n in order}
    taken, spared = layout._Inside.taken, []

    def counted(self, xs, ys):
        out = taken(self, xs, ys)
        spared.append(int(out.sum()))
        return out

    monkeypatch.setattr(layout._Inside, "taken", counted)
    with_raster = layout._placed(order, pos, boxes)
    assert sum(spared) > 1000   # the raster spares searches here
    monkeypatch.setattr(layout._Inside, "taken", lambda self, xs, ys: np.zeros(len(xs), dtype=bool))
    assert layout._placed(order, pos, boxes) == with_raster


def test_a_map_packed_tighter_keeps_the_placing_that_fits_the_frame_best(monkeypatch):
    """A map too wide for the frame is placed again, packed tighter; a placing that spreads wider than
    the one before it is not kept."""
    H = nx.MultiDiGraph(nx.path_graph(6))
    spreads, placings, kept = iter([40.0, 60.0, 1.0]), [], []

    def placed(order, pos, boxes):   # each placing wider than the frame, the second wider still
        k = next(spreads)
        placings.append({n: (100.0 * i * k, 50.0 * i * k) for i, n in enumerate(order)})
        return placings[-1]

    monkeypatch.setattr(layout, "_placed", placed)
    monkeypatch.setattr(layout, "untangled", lambda A, order, pos, looks: kept.append(pos) or pos)
    layout.layout(H)
    assert len(placings) == 2 and kept == [placings[0]]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_files_read_back_with_networkx(G, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    path.write_text(getattr(graphfiles, fmt)(G), encoding="utf-8")
    H = getattr(graphfiles, f"read_{fmt}")(path)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert set(H.nodes) == set(G.nodes)
    for n, d in G.nodes(data=True):
        got = H.nodes[n]
        for k in ("label_zh", "label_en", "aliases_zh", "aliases_en", "category", "iri", "mentions"):
            assert got[k] == d[k], (n, k)
    edges = {(u, v, d["predicate"], d["start"]): d for u, v, d in G.edges(data=True)}
    for u, v, d in H.edges(data=True):
        original = edges[(u, v, d["predicate"], d["start"])]
        assert (d["quote"], d["evidence"], d["label_zh"]) == (original["quote"], original["evidence"], original["label_zh"])
    if fmt == "gexf":   # Gephi reads colours and positions from viz
        text = path.read_text(encoding="utf-8")
        assert "<viz:color" in text and "<viz:position" in text


def _tricky():
    """A graph with what GraphML escapes or types apart: markup, quotes, line ends, astral characters,
    empty and blank values, one name with two types, nodes and edges with no values, a graph value."""
    S = nx.MultiDiGraph(reports={"r": {"text": "a\r\nb\tc <&> \"q\" 😀 \u2028 x"}})
    S.add_node("a&<b>\"", x=1.0, n=3, flag=True, s="", t=" ", label_zh="甲\n乙", aliases_zh=["一", "二"])
    S.add_node("bare")
    S.add_node("mixed", x=2, n=3.5, flag=False)
    S.add_edge("a&<b>\"", "bare", key="k\"1", w=0.5, note="x\ty")
    S.add_edge("bare", "mixed", key="k2")
    return S


@pytest.mark.parametrize("shape", ["seed", "tricky", "one bare node", "empty"])
def test_graphml_is_the_text_networkx_writes_byte_for_byte(G, shape):
    """graphfiles.graphml writes its lines itself (networkx's ElementTree took 2 s at 100 reports); the
    text is networkx's own, whatever the graph holds."""
    H = {"seed": G, "tricky": _tricky(), "one bare node": nx.MultiDiGraph([("a", "a")]),
         "empty": nx.MultiDiGraph()}[shape]
    assert graphfiles.graphml(H) == graphfiles._graphml_by_networkx(graphfiles._flat(H))


def _gexf_by_networkx(H):
    """What graphfiles.gexf wrote through networkx's GEXFWriter (an ElementTree of every value)."""
    dates = [r.get("issued") for r in H.graph.get("reports", {}).values() if r.get("issued")]
    return graphfiles._gexf_by_networkx(graphfiles._flat(H, gexf=True), max(dates) if dates else None)


def _tricky_gexf(dated):
    """A graph with what GEXF writes apart: timed nodes and edges (int, then float), given and counted
    edge ids, weights and types, booleans, infinities, markup in ids, labels and values."""
    S = nx.MultiDiGraph(reports={"r": {"issued": "2024-05-17"}} if dated else {})
    S.add_node("a&<b>\"", label_zh="甲\n乙 😀", category="person", x=1.5, y=-2, flag=True, n=float("inf"),
               start=3, end=9, note="x\ty")
    S.add_node("b", label_zh="乙", category="place", m=float("nan"), flag=False)
    S.add_node("c", label_zh="丙", category="company")
    S.add_edge("a&<b>\"", "b", key="k\"1", label_zh="到", id=1, weight=2.5, start=1.5, end=2.0)
    S.add_edge("b", "c", key="k2", label_zh="于", type="x", note="")
    S.add_edge("c", "b", key="k3", label_zh="在")
    return S


@pytest.mark.parametrize("shape", ["seed", "tricky", "tricky, undated", "one node", "empty"])
def test_gexf_is_the_text_networkx_writes_byte_for_byte(G, shape):
    """graphfiles.gexf writes its lines itself, as graphml does; the text is networkx's own."""
    H = {"seed": G, "tricky": _tricky_gexf(True), "tricky, undated": _tricky_gexf(False),
         "one node": nx.MultiDiGraph([("a", "a", {"label_zh": "自"})]), "empty": nx.MultiDiGraph()}[shape]
    if shape == "one node":
        H.nodes["a"].update(label_zh="甲", category="person")
    assert graphfiles.gexf(H) == _gexf_by_networkx(H)


def test_what_the_writers_do_not_write_themselves_goes_to_networkx():
    """A numpy number, a graph id, a date to escape: networkx's writers write them (the same text as ever)."""
    import numpy as np

    H = _tricky_gexf(True)
    H.nodes["b"]["m"] = np.float64("inf")
    H.graph["reports"]["r"]["issued"] = "2024&<"
    assert graphfiles.gexf(H) == _gexf_by_networkx(H) and "2024&amp;&lt;" in graphfiles.gexf(H)
    H.graph["id"] = "g1"
    assert graphfiles.graphml(H) == graphfiles._graphml_by_networkx(graphfiles._flat(H)) and 'id="g1"' in graphfiles.graphml(H)


def test_committed_files_are_what_networkx_reads(G):
    for H in (graphfiles.read_graphml(ROOT / "graph" / "knowledge_graph.graphml"),
              nx.read_gexf(ROOT / "graph" / "knowledge_graph.gexf")):
        assert set(H.nodes) == set(G.nodes) and H.number_of_edges() == G.number_of_edges()
    H = graphfiles.read_graphml(ROOT / "graph" / "knowledge_graph.graphml")
    assert {n: (d["x"], d["y"]) for n, d in H.nodes(data=True)} == layout.layout(G)


def test_readme_python_example_is_true():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b.split("```", 1)[0] for b in readme.split("```python\n")[1:] if "read_graphml" in b)
    block = block.strip().splitlines()
    *statements, expression, expected = block
    scope = {}
    import os
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec("\n".join(statements), scope)
        assert repr(eval(expression, scope)) == expected.lstrip("# ")
    finally:
        os.chdir(cwd)
