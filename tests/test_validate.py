"""reportgraph.validate, exactly: the findings read from SHACL report graphs written by hand,
property paths as Turtle writes them, how the engines are called, and OWL-RL's errors."""

import pytest
from rdflib import BNode, Graph, URIRef

from reportgraph import validate
from reportgraph.validate import Finding

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <urn:ex:> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def ttl(text):
    return Graph().parse(data=PREFIXES + text, format="turtle")


def data_graph():
    g = Graph()
    g.bind("ex", "urn:ex:")
    return g


# --- Finding ------------------------------------------------------------------------------------

def test_a_finding_reads_severity_focus_path_and_message():
    assert str(Finding("Violation", "ex:a", "ex:p", "wrong")) == "Violation: ex:a ex:p: wrong"
    assert str(Finding("Warning", "ex:a", "", "wrong")) == "Warning: ex:a: wrong"


# --- findings -----------------------------------------------------------------------------------

REPORT = """
[] a sh:ValidationReport ; sh:conforms false ; sh:result _:r1, _:r2, _:r3, _:r4, _:r5, _:r6 .
_:r1 a sh:ValidationResult ; sh:resultSeverity sh:Warning ; sh:focusNode ex:a ; sh:resultPath ex:q ;
    sh:resultMessage "a warning" .
_:r2 a sh:ValidationResult ; sh:resultSeverity sh:Violation ; sh:focusNode ex:b ; sh:resultPath ex:p ;
    sh:resultMessage "too many" ; sh:value "x"@zh .
_:r3 a sh:ValidationResult ; sh:resultSeverity sh:Violation ; sh:focusNode ex:a ;
    sh:value ex:c .
_:r4 a sh:ValidationResult ; sh:resultSeverity sh:Violation ; sh:focusNode ex:a ; sh:resultPath ex:p ;
    sh:resultMessage "b message" .
_:r5 a sh:ValidationResult ; sh:resultSeverity sh:Violation ; sh:focusNode ex:a ; sh:resultPath ex:p ;
    sh:resultMessage "a message" ; sh:value 3 .
_:r6 a sh:ValidationResult ; sh:resultSeverity sh:Info ;
    sh:resultPath ( ex:p [ sh:inversePath ex:q ] ) .
ex:notAResult sh:resultSeverity sh:Violation ; sh:focusNode ex:z ; sh:resultMessage "not a result" ;
    rdfs:seeAlso sh:ValidationResult .
"""


def test_findings_are_violations_first_then_by_focus_path_and_message():
    found = validate.findings(ttl(REPORT), data_graph())
    assert found == [
        Finding("Violation", "ex:a", "", "constraint not met (value ex:c)"),
        Finding("Violation", "ex:a", "ex:p", 'a message (value "3"^^xsd:integer)'),
        Finding("Violation", "ex:a", "ex:p", "b message"),
        Finding("Violation", "ex:b", "ex:p", 'too many (value "x"@zh)'),
        Finding("Info", "?", "(ex:p [sh:inversePath ex:q])", "constraint not met"),
        Finding("Warning", "ex:a", "ex:q", "a warning"),
    ]
    assert [str(f) for f in found] == [
        "Violation: ex:a: constraint not met (value ex:c)",
        'Violation: ex:a ex:p: a message (value "3"^^xsd:integer)',
        "Violation: ex:a ex:p: b message",
        'Violation: ex:b ex:p: too many (value "x"@zh)',
        "Info: ? (ex:p [sh:inversePath ex:q]): constraint not met",
        "Warning: ex:a ex:q: a warning",
    ]
    assert all(type(f.message) is str and type(f.focus) is str and type(f.path) is str for f in found)


def test_findings_name_terms_with_the_datas_prefixes_not_the_reports():
    report = ttl("""
        _:r a sh:ValidationResult ; sh:resultSeverity sh:Violation ; sh:focusNode ex:a ;
            sh:resultPath ex:p ; sh:resultMessage "m" ; sh:value ex:v .""")
    report.bind("rep", "urn:ex:", override=True, replace=True)
    data = Graph(bind_namespaces="none")
    data.bind("d", "urn:ex:")
    assert validate.findings(report, data) == [Finding("Violation", "d:a", "d:p", "m (value d:v)")]
    assert validate.findings(report, Graph(bind_namespaces="none")) == [
        Finding("Violation", "<urn:ex:a>", "<urn:ex:p>", "m (value <urn:ex:v>)")]


def test_a_severity_of_its_own_is_named_by_its_local_name_or_whole_iri():
    report = ttl("""
        _:r1 a sh:ValidationResult ; sh:resultSeverity <urn:severity#a#Minor> ; sh:focusNode ex:a .
        _:r2 a sh:ValidationResult ; sh:resultSeverity <urn:severity:Major> ; sh:focusNode ex:b .""")
    assert validate.findings(report, data_graph()) == [
        Finding("Minor", "ex:a", "", "constraint not met"),
        Finding("urn:severity:Major", "ex:b", "", "constraint not met")]


def test_no_results_no_findings():
    assert validate.findings(ttl("[] a sh:ValidationReport ; sh:conforms true ."), data_graph()) == []


# --- paths --------------------------------------------------------------------------------------

@pytest.mark.parametrize("path,text", [
    ("ex:p", "ex:p"),
    ("( ex:p ex:q )", "(ex:p ex:q)"),
    ("[ sh:inversePath ex:p ]", "[sh:inversePath ex:p]"),
    ("[ sh:alternativePath ( ex:p ex:q ) ]", "[sh:alternativePath (ex:p ex:q)]"),
    ("[ sh:zeroOrMorePath ex:p ]", "[sh:zeroOrMorePath ex:p]"),
    ("[ sh:oneOrMorePath ( ex:p [ sh:inversePath ex:q ] ) ]",
     "[sh:oneOrMorePath (ex:p [sh:inversePath ex:q])]"),
    ("[ sh:zeroOrOnePath ex:p ]", "[sh:zeroOrOnePath ex:p]"),
    ("[ ex:unknown ex:p ]", "[a path]"),
])
def test_paths_are_written_as_in_turtle(path, text):
    g = ttl(f"ex:shape sh:path {path} .")
    node = g.value(URIRef("urn:ex:shape"), URIRef("http://www.w3.org/ns/shacl#path"))
    assert validate._path(g, node, data_graph().namespace_manager) == text


def test_a_path_of_an_iri_without_a_prefix_is_written_in_angle_brackets():
    assert validate._path(Graph(), URIRef("urn:other:p"), Graph(bind_namespaces="none").namespace_manager) \
        == "<urn:other:p>"


def test_a_blank_node_path_that_is_not_a_path_is_never_written_by_its_label():
    assert validate._path(Graph(), BNode("b0"), data_graph().namespace_manager) == "[a path]"


# --- the engines --------------------------------------------------------------------------------

class Engine:
    """Stands in for pyshacl / pyshacl_turbo: records its call and returns a fixed report."""

    def __init__(self, report):
        self.report, self.calls = report, []

    def validate(self, data, **kwargs):
        self.calls.append((data, kwargs))
        return "conforms?", self.report, "text"


def test_the_engine_is_called_on_data_and_ontology_without_inference_keeping_warnings():
    data = ttl("ex:a ex:p ex:b .")
    data.bind("ex", "urn:ex:")
    ontology = ttl("ex:p a rdf:Property .")
    shapes = ttl("ex:S a sh:NodeShape .")
    engine = Engine(ttl(REPORT))
    conforms, found = validate._validate(engine, data, shapes, ontology)
    assert conforms == "conforms?"
    assert found == validate.findings(ttl(REPORT), data) and len(found) == 6
    ((graph, kwargs),) = engine.calls
    assert set(graph) == set(data) | set(ontology)
    assert kwargs == dict(shacl_graph=shapes, inference="none", inplace=True, advanced=False,
                          allow_warnings=True, abort_on_first=False)
    assert len(data) == 1 and len(ontology) == 1   # a copy was handed over, not the data


SHAPES = """
ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:p ; sh:class ex:Super ] ;
    sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "needs a q" ] .
"""
ONTOLOGY = "ex:Sub rdfs:subClassOf ex:Super ."


def test_shacl_follows_the_ontologys_subclasses_and_reports_every_finding():
    data = ttl("ex:a a ex:Thing ; ex:p ex:b, ex:c . ex:b a ex:Sub . ex:c a ex:Other .")
    data.bind("ex", "urn:ex:")
    before = set(data)
    conforms, found = validate.shacl(data, ttl(SHAPES), ttl(ONTOLOGY))
    assert conforms is False
    assert [str(f) for f in found] == [
        "Violation: ex:a ex:p: Value does not have class ex:Super (value ex:c)",
        "Warning: ex:a ex:q: needs a q"]
    assert set(data) == before


def test_warnings_alone_conform():
    data = ttl("ex:a a ex:Thing ; ex:p ex:b . ex:b a ex:Sub .")
    data.bind("ex", "urn:ex:")
    assert validate.shacl(data, ttl(SHAPES), ttl(ONTOLOGY)) == (
        True, [Finding("Warning", "ex:a", "ex:q", "needs a q")])


def test_shacl_reports_a_shape_that_needs_inference_as_unmet_without_it():
    """No inference is run: a type only RDFS would infer does not count."""
    data = ttl("ex:a a ex:Thing ; ex:q 1 ; ex:p ex:b . ex:b ex:r ex:x . ex:r rdfs:domain ex:Super .")
    data.bind("ex", "urn:ex:")
    conforms, found = validate.shacl(data, ttl(SHAPES), ttl(ONTOLOGY))
    assert (conforms, [str(f) for f in found]) == (
        False, ["Violation: ex:a ex:p: Value does not have class ex:Super (value ex:b)"])


# --- OWL-RL -------------------------------------------------------------------------------------

def test_owl_rl_errors_of_the_union_of_the_graphs():
    ontology = ttl("ex:A owl:disjointWith ex:B .")
    data = ttl("ex:x a ex:A, ex:B .")
    assert validate.owl_rl_errors(ontology, data) == [
        "Disjoint classes urn:ex:A and urn:ex:B have a common individual urn:ex:x"]
    assert validate.owl_rl_errors(ontology) == []
    assert validate.owl_rl_errors(data) == []
    assert validate.owl_rl_errors() == []
    assert len(ontology) == 1 and len(data) == 2   # the closure is computed on a copy


def test_owl_rl_errors_without_axiomatic_triples():
    """Neither OWL's axiomatic triples (disjointWith's domain is owl:Class) nor the datatype
    axioms (xsd:integer is disjoint with xsd:string) are added: only what the graphs say counts."""
    ontology = ttl("owl:Class owl:disjointWith ex:A . ex:p rdfs:range xsd:string .")
    data = ttl("ex:x owl:disjointWith ex:y ; a ex:A . ex:z ex:p 3 .")
    assert validate.owl_rl_errors(ontology, data) == []


def test_owl_rl_errors_needs_the_inferences_of_the_closure():
    ontology = ttl("ex:A owl:disjointWith ex:B . ex:C rdfs:subClassOf ex:B .")
    data = ttl("ex:x a ex:A, ex:C .")
    assert validate.owl_rl_errors(data, ontology) == [
        "Disjoint classes urn:ex:A and urn:ex:B have a common individual urn:ex:x"]


def test_rows_split_by_report_as_each_row_read_one_by_one_splits_them():
    """validate._by_report finds a report's rows by bisection: the same as reading each row, with report ids
    that begin like another's (a, a-b, a.b, a0) and whose own rows are not beside their mentions' rows."""
    prefix, mention = b"<urn:r/", validate._MENTION_TYPE
    rows = sorted([*(b"<urn:r/%s> <urn:p> \"%d\" .\n" % (i, n) for i in (b"a", b"a-b", b"a.b", b"a0") for n in range(2)),
                   *(b"<urn:r/%s/t/%d> <urn:q> <urn:e> .\n" % (i, n) for i in (b"a", b"a-b", b"a0") for n in range(3)),
                   *(b"<urn:r/%s/t/%d>" % (i, n) + mention for i in (b"a", b"a0") for n in range(3))])
    by, rest, own = {}, [], b"".join(rows)
    for row in rows:   # the definition, row by row
        subject = row[len(prefix):row.index(b">")]
        by.setdefault(subject.split(b"/", 1)[0], []).append(row)
        if b"/" not in subject or row.endswith(mention):
            rest.append(row)
    assert validate._by_report(own, prefix) == ({k: b"".join(v) for k, v in by.items()}, b"".join(rest))
    assert list(validate._by_report(own, prefix)[0]) == [b"a-b", b"a.b", b"a", b"a0"]   # in their rows' order
