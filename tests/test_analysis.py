"""Linkage analysis: known answers on the seed graph, graph/analysis.ttl, and the commands."""

import json
from itertools import combinations

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.namespace import PROV, RDF

from helpers import REPORT, ROOT, in_process
from reportgraph import analysis
from reportgraph.paths import Paths
from reportgraph.vocab import RG, SCHEMA

TEXT = (ROOT / "reports" / REPORT / "report.txt").read_text(encoding="utf-8")
NANHAI = "nanhai-aluminium-profile-association"


@pytest.fixture(scope="module")
def G():
    return analysis.read_network(Paths(ROOT))


def test_path_between_the_nanhai_association_and_miit(G):
    paths = analysis.explain(G, "南海铝协", "工业和信息化部")
    assert [[(h["from"], h["predicate"], h["to"]) for h in p] for p in paths] == [[
        ("docking-activity-2023", "schema:attendee", NANHAI),
        ("docking-activity-2023", "schema:organizer", "miit")]]
    assert paths[0][1]["sentence_en"] == ("2023 China Industrial Transfer Development Docking Activity (Guangxi) "
                                          "—organiser→ Ministry of Industry and Information Technology")


def test_the_friendly_association_hop(G):
    hops = [p[0] for p in analysis.explain(G, "南海铝协", "百色市铝产业协会")]
    friendly = [h for h in hops if h["predicate"] == "rg:friendlyAssociationOf"]
    assert [h["sentence_zh"] for h in friendly] == ["佛山市南海区铝型材行业协会 —友好协会→ 百色市铝产业协会"]
    assert (friendly[0]["start"], friendly[0]["end"], friendly[0]["quote"]) == (937, 952, "南海铝协已与之缔结友好协会关系")
    assert {h["predicate"] for h in hops} == {"rg:invited", "rg:exchangedWith", "rg:friendlyAssociationOf"}


def test_a_hop_gives_every_quote_of_its_fact_with_its_report(G):
    from reportgraph.analysis_text import explained

    paths = [p for p in analysis.explain(G, "南海铝协", "百色市铝产业协会") if p[0]["predicate"] == "rg:friendlyAssociationOf"]
    evidence = paths[0][0]["evidence"]
    assert [(s["report"], s["start"], s["end"]) for s in evidence] == [(REPORT, 937, 952), (REPORT, 1123, 1143)]
    text = explained(paths, ["佛山市南海区铝型材行业协会", "百色市铝产业协会"])
    assert all(f"“{s['quote']}” ({REPORT}, chars {s['start']}–{s['end']})" in text for s in evidence)


def test_every_hop_of_every_explained_path_has_its_quote(G):
    actors = sorted(analysis.actor_graph(G))[:18]
    checked = 0
    for a, b in combinations(actors, 2):
        for path in analysis.explain(G, a, b):
            at = a
            for hop in path:   # the hops chain from a to b, whichever way each fact points
                assert at in (hop["from"], hop["to"])
                at = hop["to"] if hop["from"] == at else hop["from"]
                assert TEXT[hop["start"]:hop["end"]] == hop["quote"] != ""
                checked += 1
            assert at == b
    assert checked > 100


def test_exclude_and_k_shortest(G):
    direct = analysis.explain(G, "南海铝协", "工业和信息化部", exclude=["schema:attendee"])
    assert direct and all(h["predicate"] != "schema:attendee" for p in direct for h in p)
    three = analysis.explain(G, "南海铝协", "MIIT", k=3)
    assert [len(p) for p in three][:1] == [2] and len({tuple(h["to"] for h in p) for p in three}) >= 2
    with pytest.raises(LookupError, match="no entity"):
        analysis.explain(G, "南海铝协", "no such body")


def test_brokers_between_the_guangdong_delegation_and_the_guangxi_hosts(G):
    found = analysis.brokers(G)
    assert found["side_a"] == list(analysis.GUANGDONG) and found["side_b"] == list(analysis.GUANGXI)
    assert [(b["node"], b["disconnects"], b["adds_length"]) for b in found["nodes"]] == [
        ("docking-activity-2023", 0, 2), ("guangxi-government-briefing", 0, 0)]
    assert found["edges"][0]["edge"] == ["baise-government", "nanhai-aluminium-alliance"]
    # the measure agrees with networkx: without the docking activity, Guangxi's government is farther
    A = analysis.actor_graph(G)
    before = nx.shortest_path_length(A, NANHAI, "guangxi-government")
    after = nx.shortest_path_length(nx.restricted_view(A, ["docking-activity-2023"], []), NANHAI, "guangxi-government")
    assert after > before


def test_centrality_ignores_classifying_nodes(G):
    c = analysis.centrality(G)
    assert set(c["pagerank"]) == set(analysis.actor_graph(G))
    assert not any(G.nodes[n]["category"] in analysis.CLASSIFYING for n in c["degree"])
    assert analysis.top(c["pagerank"], G, 1) == [("docking-activity-2023", c["pagerank"]["docking-activity-2023"])]
    assert analysis.top(c["betweenness"], G, 1, {"association", "government"})[0][0] in {
        "nanhai-aluminium-alliance", "baise-government", "nanhai-aluminium-profile-association", "baise-aluminium-association"}


def test_communities_and_ego(G):
    groups = analysis.communities(G)
    members = [n for c in groups for n in c]
    assert sorted(members) == sorted(analysis.actor_graph(G)) and len(members) == len(set(members))
    assert any({"cnfa", "lu-jian", "keynote-lu-jian"} <= set(c) for c in groups)
    ego = analysis.ego(G, "南海铝协", 1)
    assert NANHAI in ego and "baise-aluminium-association" in ego and "miit" not in ego


def test_analysis_ttl_matches_networkx(G):
    g = Graph().parse(ROOT / "graph" / "analysis.ttl")
    c = analysis.centrality(G)
    scores = list(g.subjects(RDF.type, RG.CentralityScore))
    assert len(scores) == sum(len(v) for v in c.values())
    for score in scores:
        measure = str(g.value(score, RG.measure)).rsplit("#", 1)[1]
        node = str(g.value(score, RG.scoreOf)).rsplit("/", 1)[1]
        assert float(g.value(score, SCHEMA.value)) == pytest.approx(c[measure][node], abs=1e-6)
        activity = g.value(score, PROV.wasGeneratedBy)
        assert str(g.value(activity, RG.algorithm)) == analysis.MEASURES[measure].name
        assert str(g.value(activity, RG.software)) == f"networkx {nx.__version__}"
    communities = sorted(g.subjects(RDF.type, RG.Community), key=lambda x: int(g.value(x, RG.rank)))
    assert [sorted(str(m).rsplit("/", 1)[1] for m in g.objects(x, PROV.hadMember)) for x in communities] == \
        analysis.communities(G)
    digest = __import__("hashlib").sha256((ROOT / "graph" / "knowledge_graph.nt").read_bytes()).hexdigest()
    assert {str(o) for o in g.objects(None, RG.inputDigest)} == {digest}


def test_the_five_most_central_organisations_by_sparql():
    g = Graph().parse(ROOT / "graph" / "analysis.ttl").parse(ROOT / "graph" / "knowledge_graph.nt")
    rows = list(g.query("""
        PREFIX rg: <https://reportgraph.example/ontology#> PREFIX schema: <https://schema.org/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?name ?value WHERE {
          ?s rg:measure rg:pagerank ; rg:scoreOf ?o ; schema:value ?value .
          ?o skos:prefLabel ?name . FILTER (lang(?name) = "zh")
          FILTER EXISTS { VALUES ?t { rg:GovernmentBody rg:IndustryAssociation rg:IndustryAlliance rg:PartyBody
                                       rg:ConsultativeBody rg:Company org:OrganizationalUnit } ?o a ?t }
        } ORDER BY DESC(?value) LIMIT 5"""))
    assert len(rows) == 5 and str(rows[0][0]) == "广东(南海)铝加工产业联盟"


def test_explain_and_analyse_commands():
    """The commands' handlers, run in this process on the committed graph (the README's tests run
    ``explain`` and ``analyse`` as processes of their own)."""
    def run(*args):
        result = in_process(ROOT, *args)
        return result.returncode, result.stdout, result.stderr

    code, out, err = run("explain", "南海铝协", "工业和信息化部")
    assert code == 0, err
    assert "“2023中国产业转移对接活动是由工业和信息化部、广西壮族自治区人民政府共同主办”" in out
    code, out, err = run("explain", "南海铝协", "MIIT", "--format", "json", "--lang", "en")
    assert json.loads(out)[0][1]["predicate"] == "schema:organizer"
    code, out, err = run("explain", "南海铝协", "nobody")
    assert code == 1 and "no entity is called 'nobody'" in err
    for fmt in ("text", "markdown", "json"):
        code, out, err = run("analyse", "--format", fmt)
        assert code == 0, err
        assert "docking-activity-2023" in out
    report = json.loads(out)   # the last: json
    assert report["brokers"]["nodes"][0]["node"] == "docking-activity-2023"
