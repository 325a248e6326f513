"""python build_graph.py push, tested against a real OpenLink Virtuoso started for the test."""

import io
import re

import pytest
from rdflib.query import Result
from SPARQLWrapper import JSON, SPARQLWrapper

from conftest import ROOT, cli
from reportgraph import sparql
from reportgraph.push import count, default_graph

GRAPH = default_graph()
NAMED = sparql.questions(ROOT)


def rows(body):
    parsed = Result.parse(io.BytesIO(body), format="json")
    return [tuple(None if row.get(v) is None else row[v].toPython() for v in parsed.vars)
            for row in parsed.bindings]


def test_push_by_graph_store_protocol_replaces_the_graph(virtuoso_url):
    crud = virtuoso_url.replace("/sparql", "/sparql-graph-crud")
    for _ in range(2):   # idempotent: twice gives the same graph
        result = cli(ROOT, "push", crud)
        assert result.returncode == 0, result.stderr
        assert f"pushed 4892 triples to graph <{GRAPH}>" in result.stdout
        assert count(virtuoso_url, GRAPH) == 4892


def test_push_by_sparql_update_replaces_the_graph(virtuoso_url):
    for _ in range(2):
        result = cli(ROOT, "push", virtuoso_url, "--protocol", "update")
        assert result.returncode == 0, result.stderr
        assert count(virtuoso_url, GRAPH) == 4892


@pytest.fixture(scope="module")
def local():
    return sparql.open_store(ROOT)


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_questions_answer_the_same_from_virtuoso(virtuoso_url, local, name):
    if count(virtuoso_url, GRAPH) != 4892:
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
