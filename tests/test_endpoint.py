"""The SPARQL endpoint (python build_graph.py serve), queried over HTTP by SPARQLWrapper, a real client."""

import io
import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from conftest import ROOT, server
from reportgraph import sparql

NAMED = sparql.questions(ROOT)
ORGANISERS = NAMED["organisers-of-docking-activity"].text
CONSTRUCT = """PREFIX schema: <https://schema.org/>
CONSTRUCT { ?e schema:organizer ?o } WHERE { ?e schema:organizer ?o }"""


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def endpoint(request, tmp_path_factory):
    store = "rdflib" if request.param == "rdflib" else f"oxigraph:{tmp_path_factory.mktemp('ox')}"
    with server("--store", store) as url:
        yield url


@pytest.fixture(scope="module")
def local():
    return sparql.open_store(ROOT)


def client(url, query, fmt=JSON, method=None):
    c = SPARQLWrapper(url + "/sparql")
    c.setQuery(query)
    c.setReturnFormat(fmt)
    if method:
        c.setMethod(POST)
        c.setRequestMethod(method)
    return c


def values(result_bytes, fmt):
    """Rows of a SPARQL result document as Python values (rdflib's own result parsers)."""
    parsed = Result.parse(io.BytesIO(result_bytes), format=fmt)
    return [tuple(None if row.get(v) is None else row[v].toPython() for v in parsed.vars)
            for row in parsed.bindings]


@pytest.mark.parametrize("name", sorted(NAMED))
def test_every_named_question_over_http(endpoint, local, name):
    body = client(endpoint, NAMED[name].text).query().response.read()
    expected = local.query(NAMED[name].text)
    assert values(body, "json") == values(expected.serialise("json"), "json")


@pytest.mark.parametrize("fmt,parser", [(JSON, "json"), (XML, "xml"), (CSV, "csv"), (TSV, "tsv")])
def test_select_in_every_result_format_by_get_and_post(endpoint, fmt, parser):
    for method in (None, POSTDIRECTLY, "urlencoded"):
        response = client(endpoint, ORGANISERS, fmt, method).query().response
        assert response.status == 200
        rows = values(response.read(), parser)
        expected = ["工业和信息化部", "广西壮族自治区人民政府"]
        assert [str(r[0]) for r in rows] == expected


def test_content_negotiation_by_accept_header(endpoint):
    for accept, media in (("application/sparql-results+xml", "application/sparql-results+xml"),
                          ("text/csv;q=0.4, text/tab-separated-values", "text/tab-separated-values"),
                          ("*/*", "application/sparql-results+json")):
        request = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": ORGANISERS}),
                                         headers={"Accept": accept})
        with urllib.request.urlopen(request) as r:
            assert r.headers["Content-Type"].split(";")[0] == media


@pytest.mark.parametrize("fmt,parser", [(TURTLE, "turtle"), (JSONLD, "json-ld")])
def test_construct_as_turtle_and_jsonld(endpoint, local, fmt, parser):
    body = client(endpoint, CONSTRUCT, fmt).query().response.read()
    got = Graph().parse(data=body, format=parser)
    assert len(got) == 2 and isomorphic(got, local.query(CONSTRUCT).result.graph)


def test_updates_are_refused_and_change_nothing(endpoint):
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    for method, body, media in (("POST", update, "application/sparql-update"),
                                ("POST", urllib.parse.urlencode({"update": update}), "application/x-www-form-urlencoded"),
                                ("POST", update, "application/sparql-query")):
        request = urllib.request.Request(endpoint + "/sparql", data=body.encode(), method=method,
                                         headers={"Content-Type": media})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request)
        assert e.value.code == 403 and "read-only" in e.value.read().decode()
    c = SPARQLWrapper(endpoint + "/sparql")
    c.setQuery(update)
    c.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as e:   # SPARQLWrapper passes a 403 on as is
        c.query()
    assert e.value.code == 403
    ask = client(endpoint, "ASK { <urn:x> ?p ?o }").query().convert()
    assert ask["boolean"] is False


def test_malformed_query_gets_400_with_the_parsers_message(endpoint):
    with pytest.raises(QueryBadFormed) as e:
        client(endpoint, "SELECT ?x WHERE { ?x a ").query()
    assert "malformed query" in str(e.value)
    assert client(endpoint, ORGANISERS).query().response.status == 200   # still serving


def test_timeout_stops_a_runaway_query_and_keeps_serving():
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with server("--timeout", "1", "--workers", "1") as url:
        started = time.perf_counter()
        request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode({"query": runaway}))
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request)
        assert e.value.code == 503 and "time limit of 1 s" in e.value.read().decode()
        assert time.perf_counter() - started < 5
        for _ in range(3):   # the worker was replaced
            assert client(url, ORGANISERS).query().response.status == 200


def test_result_size_cap():
    with server("--max-rows", "50") as url:
        request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { ?s ?p ?o }"}))
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request)
        assert e.value.code == 400 and "add a LIMIT" in e.value.read().decode()
        limited = client(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 50").query().convert()
        assert len(limited["results"]["bindings"]) == 50


def test_load_2000_queries_from_8_clients_without_error(endpoint):
    questions = [ORGANISERS, NAMED["posts-of-ge-guoke"].text, NAMED["industry-chain-in-order"].text]
    errors, done = [], []

    def run(worker):
        for i in range(250):
            try:
                body = client(endpoint, questions[(worker + i) % 3]).query().response.read()
                json.loads(body)
                done.append(1)
            except Exception as e:   # every failure is counted, none is fatal to the test run
                errors.append(repr(e))

    threads = [threading.Thread(target=run, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(done) == 2000


def test_query_page_works_offline(endpoint, chromium):
    from reportgraph import browser

    visit = browser.open_page(chromium, endpoint + "/", ready=None, allow=(endpoint,))
    visit.page.click("#questions button[data-name=organisers-of-docking-activity]")
    visit.page.wait_for_selector("body[data-answered=true]", state="attached")
    cells = visit.page.locator("#results td").all_inner_texts()
    assert cells == ["工业和信息化部", "广西壮族自治区人民政府"]
    assert visit.errors == [] and visit.blocked == []
    assert [m for m in visit.console if m[0] == "error"] == []
    visit.page.close()


def test_query_command_shares_an_oxigraph_store_with_a_running_server(tmp_path):
    from conftest import cli

    store = f"oxigraph:{tmp_path / 'shared'}"
    with server("--store", store) as url:
        result = cli(ROOT, "query", "organisers-of-docking-activity", "--store", store)
        assert result.returncode == 0, result.stderr
        assert "工业和信息化部" in result.stdout
        assert client(url, ORGANISERS).query().response.status == 200


def test_result_size_cap_on_oxigraph_stops_reading_early(tmp_path):
    from reportgraph import sparql as S

    store = S.open_store(ROOT, f"oxigraph:{tmp_path / 'cap'}")
    answer = store.query("SELECT * WHERE { ?s ?p ?o }", max_rows=10)
    assert len(answer.result.bindings) == 11   # the cap plus one: enough to refuse, no more read
    with server("--max-rows", "50", "--store", f"oxigraph:{tmp_path / 'cap2'}") as url:
        request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { ?s ?p ?o }"}))
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request)
        assert e.value.code == 400 and "cap of 50 rows" in e.value.read().decode()
