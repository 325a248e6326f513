"""python build_graph.py push, tested against a real OpenLink Virtuoso started for the test
(tests/test_push_http.py tests redirects, timeouts and failing stores with fake servers)."""

import io
import re
import time
import urllib.error
import urllib.request

import pytest
from rdflib.query import Result
from SPARQLWrapper import JSON, SPARQLWrapper

from helpers import ROOT, cli
from reportgraph import queries, sparql
from reportgraph.paths import Paths
from reportgraph.push import BATCH_BYTES, BATCH_TRIPLES, count, default_graph

GRAPH = default_graph()
#: the committed graph's triples (one an N-Triples line; the graph is checked fresh elsewhere)
TRIPLES = (ROOT / "graph" / "knowledge_graph.nt").read_text(encoding="utf-8").count("\n")
NAMED = queries.questions(ROOT)


def rows(body):
    parsed = Result.parse(io.BytesIO(body), format="json")
    return [tuple(None if row.get(v) is None else row[v].toPython() for v in parsed.vars)
            for row in parsed.bindings]


def test_push_by_graph_store_protocol_replaces_the_graph(virtuoso_url):
    crud = virtuoso_url.replace("/sparql", "/sparql-graph-crud")
    for _ in range(2):   # idempotent: twice gives the same graph
        result = cli(ROOT, "push", crud)
        assert result.returncode == 0, result.stderr
        assert f"pushed {TRIPLES} triples to graph <{GRAPH}>" in result.stdout
        assert f"the store holds {TRIPLES} triples in the graph (read back from {crud})" in result.stdout
        assert count(virtuoso_url, GRAPH) == TRIPLES


def test_push_by_sparql_update_replaces_the_graph(virtuoso_url):
    for _ in range(2):
        result = cli(ROOT, "push", virtuoso_url, "--protocol", "update")
        assert result.returncode == 0, result.stderr
        assert f"the store holds {TRIPLES} triples in the graph (counted at {virtuoso_url})" in result.stdout
        assert count(virtuoso_url, GRAPH) == TRIPLES


@pytest.fixture(scope="module")
def local():
    return sparql.open_store(Paths(ROOT))


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_questions_answer_the_same_from_virtuoso(virtuoso_url, local, name):
    if count(virtuoso_url, GRAPH) != TRIPLES:
        assert cli(ROOT, "push", virtuoso_url, "--protocol", "update").returncode == 0
    client = SPARQLWrapper(virtuoso_url)
    client.addDefaultGraph(GRAPH)
    client.setQuery(NAMED[name].text)
    client.setReturnFormat(JSON)
    remote = rows(client.query().response.read())
    assert remote == rows(local.query(NAMED[name].text).serialise("json"))


def test_push_to_a_store_that_refuses_says_why(virtuoso_url):
    result = cli(ROOT, "push", virtuoso_url.replace("/sparql", "/no-such-endpoint"))
    assert result.returncode == 1 and re.search(r"error: PUT \S+/no-such-endpoint: HTTP [45]\d\d", result.stderr)


def _update(url, text):
    request = urllib.request.Request(url, data=text.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, ""
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_virtuoso_parser_limit_is_triples_per_insert_not_bytes(virtuoso_url):
    """Why BATCH_TRIPLES: Virtuoso 7.2's SPARQL parser runs out of stack at 4,991 triples in one
    INSERT DATA, as short or as long as they are; bytes are no limit at that size (3 MB passes)."""
    graph = "https://reportgraph.example/id/batch-probe"
    long = "百色市铝产业协会邀请佛山市南海区铝型材行业协会参加对接活动。" * 6
    for n, obj in [(4990, "<http://o>"), (4990, f'"{long}"@zh'), (4991, "<http://o>"), (4991, f'"{long}"@zh')]:
        triples = "\n".join(f"<http://s/{i}> <http://p> {obj} ." for i in range(n))
        status, answer = _update(virtuoso_url, f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples}\n}} }}")
        if n == 4990:
            assert status == 200, answer
        else:
            assert status == 400 and "SP030" in answer and "memory exhausted" in answer
    assert _update(virtuoso_url, f"DROP SILENT GRAPH <{graph}>")[0] == 200
    assert BATCH_TRIPLES <= 4990 // 2 and BATCH_BYTES < 10 * 1000 * 1000   # 10 MB: Virtuoso's HTTP body limit


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    """A project folder whose built graph is the seed graph plus a synthetic corpus of ``facts``
    facts (reportgraph.synthetic: Chinese names and quotes, the report text as one long literal)
    and literals holding U+2028, U+0085 and a form feed; gives (folder, its distinct triples)."""
    from reportgraph.rdf import build_graph
    from reportgraph.synthetic import corpus

    folder = tmp_path_factory.mktemp("scale")
    synthetic = build_graph(corpus(entities=866, relations=2600, seed=3)).serialize(format="nt")
    odd = "".join(f'<https://reportgraph.example/id/text/{i}> <https://reportgraph.example/ontology#text> '
                  f'"第一段\u2028第二段\x85第三段\x0c第四段{i}"@zh .\n' for i in range(3))
    (folder / "graph").mkdir(parents=True)
    text = (ROOT / "graph" / "knowledge_graph.nt").read_text(encoding="utf-8") + synthetic + odd
    (folder / "graph" / "knowledge_graph.nt").write_text(text, encoding="utf-8")
    return folder, len({line for line in text.split("\n") if line.strip()})


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_push_of_a_graph_of_over_50000_triples(virtuoso_url, scale, protocol):
    folder, n = scale
    assert n > 50000
    graph = "https://reportgraph.example/id/scale-test"   # not the graph the other tests query
    # gsp is counted at --query-url here: reading 60,000 triples back would add a second
    # (the read-back is tested above)
    url = virtuoso_url.replace("/sparql", "/sparql-graph-crud") if protocol == "gsp" else virtuoso_url
    start = time.monotonic()
    result = cli(ROOT, "--root", str(folder), "push", url, "--protocol", protocol, "--named-graph", graph,
                 "--query-url", virtuoso_url)
    took = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert f"pushed {n} triples to graph <{graph}>" in result.stdout
    assert f"the store holds {n} triples in the graph (counted at {virtuoso_url})" in result.stdout
    assert count(virtuoso_url, graph) == n
    print(f"push --protocol {protocol} of {n} triples: {took:.1f} s")
    assert _update(virtuoso_url, f"DROP SILENT GRAPH <{graph}>")[0] == 200
