"""python build_graph.py query: named questions, files and text; formats; stores; reasoning; errors."""

import io
import json

import pytest
from rdflib import Graph
from rdflib.query import Result

from helpers import ROOT, cli, in_process
from reportgraph import queries, textformat

ORG = "PREFIX org: <http://www.w3.org/ns/org#> "


def run(*args):
    """``python build_graph.py query ARGS`` on the committed graph, run in this process (the README's
    tests and test_cli_errors run it as a process of its own)."""
    result = in_process(ROOT, "query", *args)
    return result.returncode, result.stdout, result.stderr


def test_list_names_every_question_in_en_and_zh():
    code, out, _ = run("--list")
    assert code == 0
    for q in queries.questions(ROOT).values():
        assert f"{q.name}\n    {q.en}\n    {q.zh}" in out
    assert len(queries.questions(ROOT)) >= 20


def test_named_question_prints_an_aligned_table_with_zh_labels():
    code, out, _ = run("posts-of-ge-guoke")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["role", "organisation"] and set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["副书记", "百色市委"] and lines[-1] == "(2 rows)"
    width = textformat.display_width   # columns line up in display width, CJK counting two
    assert width(lines[2].split("百色市委")[0]) == width(lines[0].split("organisation")[0])


def test_iris_instead_of_labels():
    code, out, _ = run("SELECT ?o WHERE { ?e <https://schema.org/organizer> ?o } ORDER BY ?o", "--iris")
    assert code == 0 and "<https://reportgraph.example/id/entity/guangxi-government>" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_result_formats_parse_back(fmt):
    code, out, _ = run("organisers-of-docking-activity", "--format", fmt)
    assert code == 0
    parsed = Result.parse(io.BytesIO(out.encode("utf-8")), format=fmt)
    assert [str(r[0]) for r in parsed] == ["工业和信息化部", "广西壮族自治区人民政府"]


def test_query_file_and_construct_print_turtle(tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text("PREFIX schema: <https://schema.org/>\n"
                  "CONSTRUCT { ?e schema:organizer ?o } WHERE { ?e schema:organizer ?o }", encoding="utf-8")
    code, out, _ = run(str(rq))
    assert code == 0 and len(Graph().parse(data=out, format="turtle")) == 2
    code, out, _ = run(str(rq), "--format", "jsonld")
    assert code == 0 and len(Graph().parse(data=out, format="json-ld")) == 2
    code, out, _ = run("DESCRIBE <https://reportgraph.example/id/entity/miit>")
    assert code == 0 and "工业和信息化部" in out


def test_malformed_query_names_line_and_column():
    code, out, err = run("SELECT ?x WHERE {\n  ?x a ")
    assert code == 1 and out == ""
    assert "line 2, column" in err or "line 1, column" in err
    code, _, err = run("no-such-question")
    assert code == 1 and "--list" in err
    code, _, err = run("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert code == 1 and "SPARQL Update" in err


@pytest.mark.parametrize("update", [
    "PREFIX ex: <urn:ex:> INSERT DATA { ex:a ex:b ex:c }",
    "BASE <urn:ex:>\nPREFIX ex: <urn:ex:>\nprefix ex2:<urn:ex2:> DELETE WHERE { ?s ex:b ?o }",
    "# a comment first\nPREFIX ex: <urn:ex:> # and one after\nCLEAR ALL",
])
def test_an_update_with_a_prologue_is_refused_as_an_update(update):
    # PREFIX and BASE come before the operation: the update is refused as read-only, not
    # handed to the query parser to fail on INSERT
    assert queries.is_update(update)
    code, out, err = run(update)
    assert code == 1 and out == ""
    assert "SPARQL Update" in err and "read-only" in err, err
    assert "column" not in err, err


def test_a_query_with_a_prologue_is_not_an_update():
    assert not queries.is_update(ORG + "SELECT ?x WHERE { ?x a org:Organization }")
    assert not queries.is_update("# INSERT DATA in a comment\nPREFIX insert: <urn:x:> SELECT * WHERE { ?s ?p ?o }")


def test_reason_finds_subclass_members_and_inverses():
    both = ORG + ("SELECT ?n ?sub WHERE { { SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a org:Organization } } UNION "
                  "{ ?e <https://schema.org/subEvent> ?s ; <http://www.w3.org/2004/02/skos/core#prefLabel> "
                  "\"2023中国产业转移发展对接活动(广西)\"@zh . ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?sub } }")
    answers = []
    for reason in ((), ("--reason",)):    # one reasoned run for both questions: the closure takes seconds
        code, out, err = run(both, "--format", "json", *reason)
        assert code == 0, err
        rows = json.loads(out)["results"]["bindings"]
        answers.append(([int(r["n"]["value"]) for r in rows if "n" in r], {r["sub"]["value"] for r in rows if "sub" in r}))
    (plain_n, plain_sub), (reasoned_n, reasoned_sub) = answers
    assert plain_n == [0] and reasoned_n[0] >= 16   # formal organisations, units, alliances …
    assert plain_sub == set() and "2023中国产业转移发展对接活动(广西)·新型生态铝产业专题对接活动" in reasoned_sub


def test_oxigraph_store_gives_the_same_table(tmp_path):
    for name in ("baise-statistics-2022", "keynotes"):
        _, rdflib_out, _ = run(name)
        code, oxigraph_out, err = run(name, "--store", f"oxigraph:{tmp_path / 'store'}")
        assert code == 0, err
        assert oxigraph_out == rdflib_out


def test_query_without_a_built_graph_says_so(project):
    (project / "graph" / "knowledge_graph.nt").unlink()
    result = cli(project, "query", "keynotes")
    assert result.returncode == 1 and "run python build_graph.py first" in result.stderr
