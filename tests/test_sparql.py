"""reportgraph.sparql in process: tables, result formats, stores, errors, update and fetch checks.

test_query.py runs the query command in a subprocess; these tests call the module itself, with
exact expected outputs and messages.
"""

import hashlib
import io
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.query import Result

from helpers import ROOT
from reportgraph import queries, sparql, textformat
from reportgraph.paths import NT, GraphMissing, Paths

ENTITY = "https://reportgraph.example/id/entity/"
SCHEMA = "https://schema.org/"
ORGANISERS = f"SELECT ?o WHERE {{ ?e <{SCHEMA}organizer> ?o }} ORDER BY ?o"
READ_ONLY = ("this is a SPARQL Update; the graph is read-only here: it is built from the reports' facts "
             "(python build_graph.py)")
NOT_A_QUERY = ("neither a named question (python build_graph.py query --list), a .rq file, "
               "nor a SPARQL query")


@pytest.fixture(scope="module")
def store():
    """The rdflib store, opened with every default (the project in the working folder)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return sparql.open_store()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    return sparql.open_store(Paths(ROOT), f"oxigraph:{tmp_path_factory.mktemp('ox') / 'store'}")


@pytest.fixture(scope="module")
def closure(tmp_path_factory):
    """The OWL-RL closure of the graph with the ontology as ``--reason`` opens it, from another working
    folder: reasoned once and kept in the project's cache folder for every test and command that reasons
    (test_a_reasoned_graph_is_kept… checks that what is kept is what is reasoned; test_reasoned_reads…
    that reasoning leaves the graph it is given as it was)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path_factory.mktemp("elsewhere"))
        return sparql.open_store(Paths(ROOT), reason=True).graph


TINY = (f"<{ENTITY}a> <{SKOS.prefLabel}> \"甲\"@zh .\n"
        f"<{ENTITY}a> <{SKOS.prefLabel}> \"A\"@en .\n"
        f"<{ENTITY}b> <{SCHEMA}organizer> <{ENTITY}a> .\n")


@pytest.fixture
def mini(tmp_path):
    """A project root with a three-triple graph and the ontology."""
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "knowledge_graph.nt").write_text(TINY, encoding="utf-8")
    shutil.copy(ROOT / "ontology.ttl", tmp_path / "ontology.ttl")
    return tmp_path


def query(store, name):
    return store.query(queries.questions(ROOT)[name].text)


# --- named questions and resolving a query -----------------------------------------------------

def test_questions_read_name_path_en_zh_and_text():
    named = queries.questions(ROOT)
    q = named["posts-of-ge-guoke"]
    text = (ROOT / "queries" / "posts-of-ge-guoke.rq").read_text(encoding="utf-8")
    assert q == queries.Question("posts-of-ge-guoke", ROOT / "queries" / "posts-of-ge-guoke.rq",
                                "Every post of Ge Guoke: the role and the organisation it is in.",
                                "葛国科的全部职务:职位及所在组织。", text)
    assert list(named) == sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


def test_defaults_are_the_project_in_the_working_folder(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert [(q.name, q.path, q.text) for q in queries.questions().values()] == [
        (q.name, Path("queries", f"{q.name}.rq"), q.text) for q in queries.questions(ROOT).values()]
    assert Paths().built(NT) == Path("graph", "knowledge_graph.nt")


def test_questions_without_heads(tmp_path):
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "b-one-line.rq").write_text("# en: only English", encoding="utf-8")
    (tmp_path / "queries" / "a-empty.rq").write_text("", encoding="utf-8")
    (tmp_path / "queries" / "c-plain.rq").write_text("ASK {}\n# zh: 第二行", encoding="utf-8")
    named = queries.questions(tmp_path)
    assert list(named) == ["a-empty", "b-one-line", "c-plain"]
    assert [(q.en, q.zh) for q in named.values()] == [
        ("", ""), ("only English", ""), ("ASK {}", "第二行")]
    assert named["a-empty"].path == tmp_path / "queries" / "a-empty.rq"


def test_questions_name_an_unreadable_file(tmp_path):
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "bad.rq").write_bytes(b"ASK\x80 {}")
    with pytest.raises(queries.QueryError) as e:
        queries.questions(tmp_path)
    assert str(e.value) == (f"{tmp_path / 'queries' / 'bad.rq'}: not UTF-8 text (byte 0x80 at offset 3); "
                            "a query file is SPARQL text")


def test_read_query_errors(tmp_path):
    for path, message in [(tmp_path, "cannot read: Is a directory"),
                          (tmp_path / "none.rq", "cannot read: No such file or directory")]:
        with pytest.raises(queries.QueryError) as e:
            queries._read_query(path)
        assert str(e.value) == message
    (tmp_path / "latin.rq").write_bytes(b"\xe9")
    with pytest.raises(queries.QueryError) as e:
        queries._read_query(tmp_path / "latin.rq")
    assert str(e.value) == "not UTF-8 text (byte 0xe9 at offset 0); a query file is SPARQL text"


def test_resolve_a_name_a_file_or_text(tmp_path):
    text = (ROOT / "queries" / "keynotes.rq").read_text(encoding="utf-8")
    assert queries.resolve(ROOT, "keynotes") == ("keynotes", text)
    rq = tmp_path / "mine.rq"
    rq.write_text("ASK {}", encoding="utf-8")
    assert queries.resolve(ROOT, str(rq)) == (str(rq), "ASK {}")
    plain = tmp_path / "plain-file"   # an existing file, even without .rq
    plain.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert queries.resolve(ROOT, str(plain)) == (str(plain), "ASK { ?s ?p ?o }")
    for spec in ["SELECT * WHERE { ?s ?p ?o }", "ask {}", "SELEC ?x"]:
        assert queries.resolve(ROOT, spec) == ("query", spec)


def test_resolve_a_file_named_like_a_query_is_the_query(tmp_path):
    (tmp_path / "select").write_text("ASK {}", encoding="utf-8")
    spec = str(tmp_path / "select")
    assert queries.resolve(ROOT, spec) == ("query", spec)


def test_resolve_a_long_or_multi_line_path_is_no_file(tmp_path):
    for name in ["a\nb", "x" * (300 - len(str(tmp_path)) - 1)]:
        path = tmp_path / name
        path.write_text("ASK {}", encoding="utf-8")
        with pytest.raises(queries.QueryError) as e:
            queries.resolve(ROOT, str(path))
        assert str(e.value) == NOT_A_QUERY
    assert len(str(path)) == 300
    path = tmp_path / ("y" * (299 - len(str(tmp_path)) - 1))
    path.write_text("ASK {}", encoding="utf-8")
    assert queries.resolve(ROOT, str(path)) == (str(path), "ASK {}")


def test_resolve_errors(tmp_path):
    (tmp_path / "folder.rq").mkdir()
    cases = [
        (str(tmp_path / "folder.rq"), "is a folder, not a query file"),
        (str(tmp_path), "is a folder, not a query file"),
        (str(tmp_path / "keynote.rq"), "no such query file; did you mean keynotes (a named question)?"),
        (str(tmp_path / "zzzz.rq"), "no such query file"),
        ("organizers-of-docking-activity", NOT_A_QUERY + "; did you mean organisers-of-docking-activity?"),
        ("nothing like it", NOT_A_QUERY),
    ]
    for spec, message in cases:
        with pytest.raises(queries.QueryError) as e:
            queries.resolve(ROOT, spec)
        assert str(e.value) == message, spec


@pytest.mark.parametrize("text,expected", [
    ("?x", True), ("$x", True), ("{", True), ("what?", False), ("where is it", True),
    ("select", True), ("Selec x", True), ("WHERX", True), ("SELEC1", False), ("hello", False),
    ("hello select", True), ("hello SELECT", True), ("", False), ("   ", False), ("WHEEEE", False),
])
def test_looks_like_sparql(text, expected):
    assert queries._looks_like_sparql(text) is expected


def test_did_you_mean():
    assert textformat.did_you_mean("keynote", ["keynotes", "posts-of-ge-guoke"]) == "; did you mean keynotes?"
    assert textformat.did_you_mean(" KEYNOTE ", ["Keynotes"], " (x)") == "; did you mean Keynotes (x)?"
    assert textformat.did_you_mean("keynote", ["Keynotes", "keynotes"]) == "; did you mean Keynotes?"
    assert textformat.did_you_mean("abcdx", ["abcd1", "abcd2", "abcd3", "abcd4", "zzzzz"]) == \
        "; did you mean abcd4, abcd3, abcd2?"
    assert textformat.did_you_mean("abcde", ["abcxy"]) == "; did you mean abcxy?"   # ratio 0.6
    assert textformat.did_you_mean("abcde", ["abxyz"]) == ""
    assert textformat.did_you_mean("anything", []) == ""


# --- update and fetch checks -------------------------------------------------------------------

@pytest.mark.parametrize("word", ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                                  "MOVE", "ADD", "WITH"])
def test_every_update_word_is_an_update(word):
    assert queries.is_update(f"{word} x")
    assert queries.is_update(f"\n  {word.lower()}\tx")
    assert not queries.is_update(f"{word}X y")
    assert not queries.is_update(f"SELECT * {{ }} {word} x")


@pytest.mark.parametrize("text,expected", [
    ("# a comment\nINSERT DATA {}", True),
    ("# INSERT DATA {}\nSELECT * {}", False),
    ("prefix ex: <urn:ex:> insert data {}", True),
    ("PREFIX ex:<urn:ex:>DELETE WHERE {}", True),
    ("PREFIX : <urn:ex:>\nPREFIX\tex2:\n<urn:ex2:> CLEAR ALL", True),
    ("base <urn:ex:> load <urn:x>", True),
    ("BASE<urn:ex:>DROP ALL", True),
    ("PREFIX insert: <urn:x:> SELECT * {}", False),
    ("ASK {}", False),
    ("", False),
])
def test_is_update(text, expected):
    assert queries.is_update(text) is expected


def test_refuse_updates():
    queries.refuse_updates("ASK {}")
    with pytest.raises(queries.UpdateRefused) as e:
        queries.refuse_updates("DROP ALL")
    assert str(e.value) == READ_ONLY
    assert isinstance(e.value, queries.QueryError)


@pytest.mark.parametrize("text,expected", [
    ("SELECT * WHERE { ?s ?p ?o }", []),
    ('SELECT * WHERE { ?s ?p "from SERVICE <http://x/>" }', []),
    ("SELECT ?service ?from WHERE { ?service ?from ?o }", []),
    ("# SERVICE <http://x/>\nSELECT * WHERE { ?s ?p ?o }", []),
    ("PREFIX ex: <http://x/> SELECT * WHERE { SERVICE ex:svc { ?s ?p ?o } }", ["SERVICE ex:svc"]),
    ("PREFIX ex: <http://x/> SELECT * WHERE { SERVICE ex: { ?s ?p ?o } }", ["SERVICE ex:"]),
    ("PREFIX : <http://x/> SELECT * WHERE { SERVICE :svc { ?s ?p ?o } }", ["SERVICE :svc"]),
    ("SELECT * WHERE { service silent ?where { ?s ?p ?o } }", ["SERVICE ?where"]),
    ("SELECT * FROM NAMED <http://n/> FROM <http://d/> WHERE { SERVICE <http://s/> { } }",
     ["SERVICE <http://s/>", "FROM NAMED <http://n/>", "FROM <http://d/>"]),
    ("PREFIX ex: <http://x/> SELECT * FROM ex:d WHERE { }", ["FROM ex:d"]),
    ("SELECT * WHERE { \\u0053ERVICE <http://x/> { } }", ["SERVICE <http://x/>"]),
    ("SELECT * WHERE { OPTIONAL { SERVICE <http://a/> { } } MINUS { SERVICE <http://b/> { } } }",
     ["SERVICE <http://a/>", "SERVICE <http://b/>"]),
    # what rdflib cannot parse is searched for the word
    ("SELECT * WHERE { SERVICE <http://x/> ", ["SERVICE"]),
    ("SELECT * WHERE { service", ["SERVICE"]),
    ("SELECT * WHERE { ?SERVICE $SERVICE ex:SERVICE SERVICEX SERVICE:x ", []),
    ("SELECT * FROM WHERE {", []),
    # nested too deep for rdflib's parser (RecursionError): any mention counts
    ("SELECT ?SERVICE WHERE { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }", ["SERVICE"]),
    ("SELECT ?from WHERE { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }", []),
])
def test_fetches(text, expected):
    assert queries.fetches(text) == expected


# --- the rdflib store ----------------------------------------------------------------------------

def test_rdflib_store_and_its_errors(store):
    assert len(store) == len(Graph().parse(ROOT / "graph" / "knowledge_graph.nt", format="nt"))
    assert store.name == "rdflib"
    for text, message in [
        ("SELECT ?x WHERE {\n  ?x a ", "line 2, column 3: Expected SelectQuery: '?x a'"),
        ("SELECT ?x WHERE { ?x foo:bar ?y }", "Exception: Unknown namespace prefix : foo"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", READ_ONLY),
    ]:
        with pytest.raises(sparql.QueryError) as e:
            store.query(text)
        assert str(e.value) == message


def test_rdflib_store_parses_a_text_once_and_answers_it_the_same_each_time(monkeypatch):
    from rdflib.plugins.sparql import parser

    graph = Graph().parse(ROOT / "graph" / "knowledge_graph.nt", format="nt")
    fresh, kept = sparql.RdflibStore(graph), sparql.RdflibStore(graph)
    parsed = []
    real = parser.parseQuery
    monkeypatch.setattr(parser, "parseQuery", lambda text: parsed.append(text) or real(text))
    named = [q.text for _, q in sorted(queries.questions(ROOT).items())]
    first = [kept.query(text).serialise("json") for text in named]
    for text, answer in zip(named, first):   # asked again: the same answer, from the one parse
        assert kept.query(text).serialise("json") == answer
    assert parsed == named
    monkeypatch.setattr(sparql.RdflibStore, "PREPARED", 2)   # the oldest text is parsed again
    parsed.clear()
    for text in (named[0], named[1], named[2], named[2], named[0]):
        fresh.query(text)
    assert parsed == [named[0], named[1], named[2], named[0]]
    for _ in range(2):   # a text that does not parse is refused each time it is asked
        with pytest.raises(sparql.QueryError, match="line 1, column 19"):
            fresh.query("SELECT ?x WHERE { ?x a")


def test_answer_kind_rows_and_ask(store):
    answer = store.query(ORGANISERS)
    assert answer.kind == "SELECT"
    assert answer.rows() == [(URIRef(ENTITY + "guangxi-government"),), (URIRef(ENTITY + "miit"),)]
    for text, value in [("ASK { ?s ?p ?o }", "true"), ("ASK { <urn:no> ?p ?o }", "false")]:
        answer = store.query(text)
        assert answer.kind == "ASK"
        assert sparql.table(answer, store) == value
        assert json.loads(answer.serialise("json")) == {"head": {}, "boolean": value == "true"}
        assert answer.serialise("tsv") == b"?_askResult\n%s\n" % value.encode()
        assert answer.serialise("xml").endswith(b"<head></head><boolean>%s</boolean></sparql>" % value.encode())
        assert Result.parse(io.BytesIO(answer.serialise("xml")), format="xml").askAnswer is (value == "true")


# --- tables -------------------------------------------------------------------------------------

def test_table_of_a_named_question_with_zh_labels(store):
    assert sparql.table(query(store, "posts-of-ge-guoke"), store) == (
        "role    organisation\n"
        "------  --------------\n"
        "副书记  百色市委\n"
        "市长    百色市人民政府\n"
        "(2 rows)")


def test_table_normalises_decimals_and_leaves_unbound_cells_empty(store):
    assert sparql.table(query(store, "baise-alumina-2022"), store) == (
        "raw         value    unit    denominator  qualifier\n"
        "----------  -------  ------  -----------  -------------\n"
        "959.33万吨  9593300  吨\n"
        "79%         79       百分比  全区\n"
        "11.38%      11.38    百分比  全国         approximately\n"
        "(3 rows)")
    assert sparql.table(query(store, "events-attended-by-nanhai-alliance"), store) == (
        "event                               place   date\n"
        "----------------------------------  ------  ----------\n"
        "2023中国产业转移发展对接活动(广西)  南宁市  2023-07-30\n"
        "联谊交流\n"
        "(2 rows)")


def test_table_labels_in_zh_or_en_or_iris(store):
    answer = store.query(ORGANISERS)
    assert sparql.table(answer, store) == (
        "o\n----------------------\n广西壮族自治区人民政府\n工业和信息化部\n(2 rows)")
    assert sparql.table(answer, store, lang="en") == (
        "o\n-------------------------------------------------------\n"
        "People's Government of Guangxi Zhuang Autonomous Region\n"
        "Ministry of Industry and Information Technology\n(2 rows)")
    assert sparql.table(answer, store, iris=True) == (
        "o\n----------------------------------------------------------\n"
        f"<{ENTITY}guangxi-government>\n<{ENTITY}miit>\n(2 rows)")
    answer = store.query(f"SELECT ?o WHERE {{ VALUES ?o {{ <{ENTITY}miit> <{SCHEMA}organizer> }} }}")
    assert sparql.table(answer, store, "en") == (
        "o\n-----------------------------------------------\n"
        "Ministry of Industry and Information Technology\nschema:organizer\n(2 rows)")


def test_table_cells_of_every_kind():
    empty = sparql.RdflibStore(Graph())
    answer = empty.query(
        'SELECT ?v ?w WHERE { VALUES (?v ?w) { (3.0 "a") (1.50 UNDEF) (100.0 7) (0.0 "x"@en) '
        '("abc"^^<http://www.w3.org/2001/XMLSchema#decimal> <http://qudt.org/vocab/unit/TONNE>) } }')
    assert sparql.table(answer, empty) == (
        "v    w\n"
        "---  ----------\n"
        "3    a\n"
        "1.5\n"
        "100  7\n"
        "0    x\n"
        "abc  unit:TONNE\n"
        "(5 rows)")
    assert sparql.table(empty.query("SELECT ?x WHERE { VALUES ?x { 1 } }"), empty) == "x\n-\n1\n(1 row)"
    assert sparql.table(empty.query("SELECT ?x WHERE { }"), empty) == "x\n-\n\n(1 row)"
    assert sparql.table(empty.query("SELECT ?x WHERE { ?x ?p ?o }"), empty) == "x\n-\n(0 rows)"


def test_cell():
    names = {"urn:a": "甲"}

    def curie(iri):
        return f"curie({iri})"

    assert sparql._cell(None, names, curie) == ""
    assert sparql._cell(URIRef("urn:a"), names, curie) == "甲"
    assert sparql._cell(URIRef("urn:b"), names, curie) == "curie(urn:b)"
    assert sparql._cell(Literal("2.50", datatype=XSD.decimal), names, curie) == "2.5"
    assert sparql._cell(Literal("2.50", datatype=URIRef("urn:dt")), names, curie) == "2.50"
    assert sparql._cell(Literal("urn:a"), names, curie) == "urn:a"
    assert sparql._cell(BNode("b1"), names, curie) == "b1"


def test_aligned_and_width():
    assert textformat.display_width("百Ａｱa·") == 7   # wide, fullwidth: 2; halfwidth, narrow, ambiguous: 1
    assert textformat.aligned(["name", "n"], [["百色市", 1], ["a", 22]]) == (
        "name    n\n------  --\n百色市  1\na       22")
    assert textformat.aligned(["a", "b"], []) == "a  b\n-  -"


def test_labels_in_batches_of_500():
    graph = Graph()
    iris = [URIRef(f"urn:i:{i:04}") for i in range(1201)]
    for i, iri in enumerate(iris):
        graph.add((iri, SKOS.prefLabel, Literal(f"标{i}", lang="zh")))
        if i % 2:
            graph.add((iri, SKOS.prefLabel, Literal(f"L{i}", lang="en")))
    small = sparql.RdflibStore(graph)
    zh = sparql.labels(small, iris + iris[:3])
    assert zh == {f"urn:i:{i:04}": f"标{i}" for i in range(1201)}
    assert list(zh) == sorted(zh)
    assert sparql.labels(small, iris, "en") == {f"urn:i:{i:04}": f"L{i}" for i in range(1, 1201, 2)}
    assert sparql.labels(small, []) == {}


# --- result formats -----------------------------------------------------------------------------

def test_select_result_formats(store):
    answer = store.query(ORGANISERS)
    iris = [f"{ENTITY}guangxi-government", f"{ENTITY}miit"]
    assert json.loads(answer.serialise("json")) == {
        "results": {"bindings": [{"o": {"type": "uri", "value": i}} for i in iris]}, "head": {"vars": ["o"]}}
    assert answer.serialise("xml") == (
        '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#" '
        'xmlns:xml="http://www.w3.org/XML/1998/namespace"><head><variable name="o"></variable></head>'
        "<results>" + "".join(f'<result><binding name="o"><uri>{i}</uri></binding></result>' for i in iris)
        + "</results></sparql>").encode()
    assert answer.serialise("csv") == ("o\r\n" + "".join(f"{i}\r\n" for i in iris)).encode()
    assert answer.serialise("tsv") == ("?o\n" + "".join(f"<{i}>\n" for i in iris)).encode()
    for fmt in sparql.RESULT_FORMATS:
        parsed = Result.parse(io.BytesIO(answer.serialise(fmt)), format=fmt)
        assert [str(r[0]) for r in parsed] == iris


def test_tsv_escapes_and_parses_back():
    empty = sparql.RdflibStore(Graph())
    answer = empty.query('SELECT ?a ?b ?c ?d WHERE { VALUES (?a ?b ?c ?d) { '
                         '("x\\ty\\nz\\r" "e"@en 1.50 <urn:x>) (UNDEF "q\\"\\\\" UNDEF <urn:y>) } }')
    data = answer.serialise("tsv")
    assert data == (b'?a\t?b\t?c\t?d\n'
                    b'"x\\ty\\nz\\r"\t"e"@en\t"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>\t<urn:x>\n'
                    b'\t"q\\"\\\\"\t\t<urn:y>\n')
    parsed = Result.parse(io.BytesIO(data), format="tsv")
    assert [list(r) for r in parsed] == [list(r) for r in answer.rows()]


def test_tsv_of_quotes_with_line_breaks_keeps_one_row_a_line(store):
    answer = store.query("SELECT ?s WHERE { ?q <http://www.w3.org/ns/oa#suffix> ?s } ORDER BY ?s")
    assert any("\n" in row[0] for row in answer.rows())
    data = answer.serialise("tsv")
    assert len(data.decode("utf-8").splitlines()) == len(answer.rows()) + 1
    assert [r[0] for r in Result.parse(io.BytesIO(data), format="tsv")] == [r[0] for r in answer.rows()]


CONSTRUCT = (f"PREFIX s: <{SCHEMA}> CONSTRUCT {{ ?e s:organizer ?o ; <http://qudt.org/vocab/unit/x> 1 }} "
             "WHERE { ?e s:organizer ?o }")
TURTLE = ("@prefix schema: <https://schema.org/> .\n"
          "@prefix unit: <http://qudt.org/vocab/unit/> .\n"
          "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
          f"<{ENTITY}docking-activity-2023> unit:x 1 ;\n"
          f"    schema:organizer <{ENTITY}guangxi-government>,\n"
          f"        <{ENTITY}miit> .\n\n")


@pytest.mark.parametrize("which", ["rdflib", "oxigraph"])
def test_graph_result_formats(which, store, oxigraph):
    answer = (store if which == "rdflib" else oxigraph).query(CONSTRUCT)
    assert answer.kind == "CONSTRUCT"
    expected = Graph().parse(data=TURTLE, format="turtle")
    assert answer.serialise("turtle").decode() == TURTLE
    for fmt, parser in [("turtle", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")]:
        data = answer.serialise(fmt)
        assert isinstance(data, bytes)
        assert set(Graph().parse(data=data, format=parser)) == set(expected), fmt
    assert sorted(answer.serialise("nt").decode().splitlines()) == sorted(
        f"<{ENTITY}docking-activity-2023> {p} ." for p in
        [f"<{SCHEMA}organizer> <{ENTITY}guangxi-government>", f"<{SCHEMA}organizer> <{ENTITY}miit>",
         '<http://qudt.org/vocab/unit/x> "1"^^<http://www.w3.org/2001/XMLSchema#integer>'])
    assert json.loads(answer.serialise("jsonld"))[0]["@id"] == f"{ENTITY}docking-activity-2023"


def test_describe_serialises_as_a_graph(store):
    answer = store.query(f"DESCRIBE <{ENTITY}miit>")
    assert answer.kind == "DESCRIBE"
    data = answer.serialise("turtle").decode()
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in data
    assert len(Graph().parse(data=data, format="turtle")) == len(answer.result.graph) > 0


# --- the Oxigraph store -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["posts-of-ge-guoke", "baise-alumina-2022", "events-attended-by-nanhai-alliance",
                                  "industry-chain-in-order"])
def test_oxigraph_gives_the_same_table_as_rdflib(name, store, oxigraph):
    assert oxigraph.name == "oxigraph"
    assert sparql.table(query(oxigraph, name), oxigraph) == sparql.table(query(store, name), store)


def test_oxigraph_answers(oxigraph):
    assert len(oxigraph) == len(sparql.open_store(Paths(ROOT)).graph) + 1   # and the stamp
    answer = oxigraph.query("SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 UNDEF) (UNDEF \"x\"@en) } }")
    assert answer.kind == "SELECT"
    assert answer.result.vars == [Variable("a"), Variable("b")]
    assert answer.result.bindings == [{Variable("a"): Literal(1)}, {Variable("b"): Literal("x", lang="en")}]
    assert answer.rows() == [(Literal(1), None), (None, Literal("x", lang="en"))]
    for text, value in [("ASK { ?s ?p ?o }", True), ("ASK { <urn:no> ?p ?o }", False)]:
        answer = oxigraph.query(text)
        assert answer.kind == "ASK" and answer.result.askAnswer is value
        assert sparql.table(answer, oxigraph) == str(value).lower()
    answer = oxigraph.query(f"DESCRIBE <{ENTITY}miit>")
    assert answer.kind == "CONSTRUCT" and len(answer.result.graph) > 0


def test_oxigraph_stops_after_max_rows_plus_one(oxigraph):
    text = "SELECT ?s WHERE { ?s ?p ?o }"
    assert len(oxigraph.query(text, max_rows=3).rows()) == 4
    assert len(oxigraph.query(text, max_rows=0).rows()) == 1
    assert len(oxigraph.query(text).rows()) == len(oxigraph) - 1   # the stamp is in a named graph


def test_oxigraph_errors(oxigraph):
    text = "SELECT ?x WHERE { ?x foo:bar ?y }"
    with pytest.raises(SyntaxError) as raw:
        ox.Store().query(text)
    with pytest.raises(sparql.QueryError) as e:
        oxigraph.query(text)
    assert str(e.value) == str(raw.value) and str(e.value).startswith("error at 1:29: ")
    with pytest.raises(queries.UpdateRefused) as e:
        oxigraph.query("CLEAR ALL")
    assert str(e.value) == READ_ONLY

    class Failing:
        def __init__(self, error):
            self.error = error

        def query(self, text):
            raise self.error

    for error, message in [(OSError("disk"), "OSError: disk"), (ValueError("bad"), "ValueError: bad"),
                           (SyntaxError("at 1:2"), "at 1:2")]:
        with pytest.raises(sparql.QueryError) as e:
            sparql.OxigraphStore(Failing(error)).query("ASK {}")
        assert str(e.value) == message


def test_rdflib_terms_of_oxigraph_terms():
    term = sparql._rdflib_term
    assert term(None) is None
    assert term(ox.NamedNode("urn:a")) == URIRef("urn:a") and isinstance(term(ox.NamedNode("urn:a")), URIRef)
    assert term(ox.BlankNode("b1")) == BNode("b1") and isinstance(term(ox.BlankNode("b1")), BNode)
    zh = term(ox.Literal("甲", language="zh"))
    assert (zh, zh.language, zh.datatype) == (Literal("甲", lang="zh"), "zh", None)
    plain = term(ox.Literal("x"))
    assert (plain, plain.language, plain.datatype) == (Literal("x"), None, None)
    typed = term(ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer))))
    assert (typed, typed.datatype) == (Literal(1), XSD.integer)


# --- opening stores -----------------------------------------------------------------------------

def test_graph_file(mini, tmp_path_factory):
    assert Paths(mini).built(NT) == mini / "graph" / "knowledge_graph.nt"
    empty = tmp_path_factory.mktemp("empty")
    with pytest.raises(GraphMissing) as e:
        Paths(empty).built(NT)
    assert str(e.value) == f"{empty / 'graph'}: no built graph; run python build_graph.py first, or pass --graph DIR"
    for spec in ["rdflib", "oxigraph:store"]:
        with pytest.raises(GraphMissing):
            sparql.open_store(Paths(empty), spec)


def test_open_store_unknown_specs(mini):
    for spec in ["oxigraph:", "Rdflib", "oxigraph", "store"]:
        with pytest.raises(sparql.StoreError) as e:
            sparql.open_store(Paths(mini), spec)
        assert str(e.value) == f"unknown store {spec!r}: use rdflib or oxigraph:PATH"
    assert sorted(p.name for p in mini.iterdir()) == ["graph", "ontology.ttl"]


def test_open_store_rdflib(mini):
    store = sparql.open_store(Paths(mini))
    assert isinstance(store, sparql.RdflibStore)
    assert set(store.graph) == set(Graph().parse(data=TINY, format="nt"))


def test_open_store_with_reasoning(mini, monkeypatch):
    calls = []
    closed = Graph().parse(data=TINY + f"<{ENTITY}a> <{RDF.type}> <{OWL.Thing}> .\n", format="nt")

    def fake(graph, root="."):
        calls.append((set(graph), root))
        return closed

    monkeypatch.setattr(sparql, "reasoned", fake)
    tiny = set(Graph().parse(data=TINY, format="nt"))
    store = sparql.open_store(Paths(mini), "rdflib", reason=True)
    assert store.graph is closed and calls == [(tiny, mini)]
    for kept in (True, False):   # the closure the first kept, then, once it is gone, made again
        if not kept:
            (Paths(mini).cache / "reasoned.pickle").unlink()
        store = sparql.open_store(Paths(mini), "oxigraph:store", True)
        assert isinstance(store, sparql.OxigraphStore) and len(store) == 4
        assert store.query(f"ASK {{ <{ENTITY}a> a <{OWL.Thing}> }}").result.askAnswer is True
        assert calls == [(tiny, mini)] * (1 if kept else 2)
    assert not (mini / "store").exists()   # in memory: the store on disk keeps the plain graph


def test_oxigraph_on_disk_is_stamped_reused_and_reloaded(mini):
    nt = mini / "graph" / "knowledge_graph.nt"
    stamp = ox.NamedNode("https://reportgraph.example/ontology#loadedFrom")

    def stamps(store):
        return list(store.store.quads_for_pattern(None, None, None, stamp))

    def quad(data):
        return ox.Quad(ox.NamedNode(nt.resolve().as_uri()), stamp,
                       ox.Literal(hashlib.sha256(data).hexdigest()), stamp)

    store = sparql.open_store(Paths(mini), "oxigraph:store")
    assert stamps(store) == [quad(TINY.encode())] and len(store) == 4
    assert store.query(f"ASK {{ <{ENTITY}b> <{SCHEMA}organizer> <{ENTITY}a> }}").result.askAnswer
    assert store.query(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != {stamp}) }}").result.askAnswer is False
    del store
    again = sparql.open_store(Paths(mini), "oxigraph:store")   # current: opened read-only, not reloaded
    assert len(again) == 4
    with pytest.raises(RuntimeError):
        again.store.add(quad(b"other"))
    del again
    smaller = TINY.splitlines(keepends=True)[0]
    nt.write_text(smaller, encoding="utf-8")
    stale = sparql.open_store(Paths(mini), "oxigraph:store", read_only=True)   # read-only: as it is
    assert len(stale) == 4
    del stale
    store = sparql.open_store(Paths(mini), "oxigraph:store")   # changed: reloaded
    assert stamps(store) == [quad(smaller.encode())] and len(store) == 2
    del store


def test_oxigraph_on_disk_in_an_empty_folder(mini):
    (mini / "store").mkdir()
    store = sparql.open_store(Paths(mini), "oxigraph:store")
    assert len(store) == 4


def test_oxigraph_read_only_needs_a_prepared_store(mini):
    with pytest.raises(OSError):
        sparql.open_store(Paths(mini), "oxigraph:store", read_only=True)
    assert sparql.prepare(Paths(mini), "oxigraph:store") is None
    assert (mini / "store").is_dir()
    store = sparql.open_store(Paths(mini), "oxigraph:store", read_only=True)
    assert len(store) == 4
    with pytest.raises(RuntimeError):
        store.store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))


def test_prepare_in_the_working_folder(mini, monkeypatch):
    monkeypatch.chdir(mini)
    sparql.prepare(spec="oxigraph:store")
    assert len(sparql.open_store(Paths(mini), "oxigraph:store", read_only=True)) == 4


def test_prepare_rdflib_does_nothing(tmp_path):
    assert sparql.prepare(Paths(tmp_path)) is None   # no graph here, and no need of one
    assert sparql.prepare(Paths(tmp_path), "rdflib") is None
    assert list(tmp_path.iterdir()) == []


# --- reasoning ------------------------------------------------------------------------------------

def test_reasoned_reads_the_ontology_of_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "ontology.ttl").write_text(
        f"<urn:Sub> <{RDFS.subClassOf}> <urn:Super> .", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    graph = Graph().parse(data=f"<urn:x> <{RDF.type}> <urn:Sub> .", format="nt")
    assert (URIRef("urn:x"), RDF.type, URIRef("urn:Super")) in sparql.reasoned(graph)
    assert len(graph) == 1


def test_a_reasoned_graph_is_kept_and_read_back_until_the_graph_or_ontology_changes(tmp_path, monkeypatch):
    import owlrl

    (tmp_path / "graph").mkdir()
    nt, ontology = tmp_path / "graph" / NT, tmp_path / "ontology.ttl"
    nt.write_text(f"<urn:x> <{RDF.type}> <urn:Sub> .\n", encoding="utf-8")
    ontology.write_text(f"@prefix ex: <urn:ex:> .\n<urn:Sub> <{RDFS.subClassOf}> <urn:Super> .\n"
                        f"<urn:Super> <{OWL.unionOf}> (<urn:A> <urn:B>) .\n", encoding="utf-8")   # a blank node
    paths, expanded = Paths(tmp_path), []
    real = owlrl.DeductiveClosure.expand
    monkeypatch.setattr(owlrl.DeductiveClosure, "expand", lambda self, g: expanded.append(1) or real(self, g))
    first = sparql.open_store(paths, reason=True)
    kept = sparql.open_store(paths, reason=True)
    assert expanded == [1] and (paths.cache / "reasoned.pickle").is_file()
    assert set(kept.graph) == set(first.graph) and (URIRef("urn:x"), RDF.type, URIRef("urn:Super")) in kept.graph
    assert dict(kept.graph.namespaces()) == dict(first.graph.namespaces()) and "ex" in dict(kept.graph.namespaces())
    ask = "ASK { <urn:x> a ?c . ?c owl:unionOf/rdf:rest/rdf:first <urn:B> }"   # prefixes the graph binds
    assert kept.query(ask).result.askAnswer and first.query(ask).result.askAnswer
    nt.write_text(f"<urn:y> <{RDF.type}> <urn:Sub> .\n", encoding="utf-8")   # another graph
    assert (URIRef("urn:y"), RDF.type, URIRef("urn:Super")) in sparql.open_store(paths, reason=True).graph
    ontology.write_text(f"<urn:Sub> <{RDFS.subClassOf}> <urn:Other> .\n", encoding="utf-8")   # another ontology
    assert (URIRef("urn:y"), RDF.type, URIRef("urn:Other")) in sparql.open_store(paths, reason=True).graph
    assert len(expanded) == 3
    (paths.cache / "reasoned.pickle").write_bytes(b"not a pickle")   # a broken cache is no cache
    assert (URIRef("urn:y"), RDF.type, URIRef("urn:Other")) in sparql.open_store(paths, reason=True).graph
    assert len(expanded) == 4


def test_processes_that_reason_at_once_reason_once_and_read_that_closure(tmp_path, monkeypatch):
    """The workers of ``serve --reason`` open their stores together: one reasons, the others wait for it
    and read its closure (before, each reasoned: four workers, four closures on two cores)."""
    import multiprocessing
    import os

    import owlrl

    from helpers import until

    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / NT).write_text(f"<urn:x> <{RDF.type}> <urn:Sub> .\n", encoding="utf-8")
    (tmp_path / "ontology.ttl").write_text(f"<urn:Sub> <{RDFS.subClassOf}> <urn:Super> .\n", encoding="utf-8")
    log, started = tmp_path / "reasoned.log", [tmp_path / f"started-{i}" for i in range(3)]
    real = owlrl.DeductiveClosure.expand

    def expand(self, g):   # every process has asked for the closure before the first has made it
        assert until(lambda: all(p.exists() for p in started))
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        return real(self, g)

    monkeypatch.setattr(owlrl.DeductiveClosure, "expand", expand)

    def opened(i, answers):
        started[i].touch()
        graph = sparql.open_store(Paths(tmp_path), reason=True).graph
        answers.put((URIRef("urn:x"), RDF.type, URIRef("urn:Super")) in graph)

    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    processes = [context.Process(target=opened, args=(i, answers)) for i in range(3)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(60)
    assert [p.exitcode for p in processes] == [0, 0, 0]
    assert [answers.get(timeout=5) for _ in processes] == [True] * 3
    assert len(log.read_text().split()) == 1


def test_reasoned_closure(closure, store):
    org, miit = URIRef("http://www.w3.org/ns/org#Organization"), URIRef(ENTITY + "miit")
    assert (miit, RDF.type, org) in closure and (miit, RDF.type, org) not in store.graph
    assert set(store.graph) <= set(closure)
    ontology = Graph().parse(ROOT / "ontology.ttl")   # its blank nodes (owl:unionOf lists) differ by parse
    assert {t for t in ontology if not any(isinstance(term, BNode) for term in t)} <= set(closure)
    assert len(list(closure.triples((None, OWL.unionOf, None)))) == len(list(ontology.triples((None, OWL.unionOf, None))))
    # no axiomatic triples, no datatype axioms
    assert (RDF.HTML, RDF.type, RDFS.Resource) not in closure
    assert (XSD.NCName, RDFS.subClassOf, XSD.string) not in closure
    members = sparql.RdflibStore(closure).query(
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <http://www.w3.org/ns/org#Organization> }")
    assert members.rows()[0][0].toPython() >= 16


def test_an_error_while_oxigraph_reads_the_results_is_a_query_error():
    """Oxigraph's results are lazy: what fails while they are read (here a SERVICE it cannot
    fetch) is a QueryError like a parse error, not an OSError escaping to the caller."""
    import pyoxigraph as ox

    store = sparql.OxigraphStore(ox.Store())
    with pytest.raises(sparql.QueryError, match=r"^OSError: "):
        store.query("SELECT * WHERE { SERVICE <file:///nonexistent> { ?s ?p ?o } }")


@pytest.mark.parametrize("lexical", ["sNaN", "NaN", "abc"])
def test_a_decimal_that_is_no_finite_number_is_shown_as_written(lexical):
    from rdflib import Literal
    from rdflib.namespace import XSD

    assert sparql._cell(Literal(lexical, datatype=XSD.decimal), {}, str) == lexical
