"""reportgraph.rdf, exactly: small hand-made facts models in, the exact set of triples out.

Each test builds a model with the dataclasses of reportgraph.model (no loader involved) and
compares the whole graph with the triples written out here in Turtle, so that a triple too
many, one missing, a wrong IRI, datatype or language tag all fail.
"""

from datetime import date
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from reportgraph.model import Corpus, Entity, Mention, Note, Observation, Post, Report, Span, Statement, Unit, Where
from reportgraph.rdf import Iris, build_graph, decimal_literal
from reportgraph.vocab import DEFAULT_BASE, PREFIXES, RG, SCHEMA, UNIT

HERE = Where("test", 1)

PREAMBLE = f"""
@base <{DEFAULT_BASE}> .
@prefix rg: <https://reportgraph.example/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def turtle(text):
    return Graph().parse(data=PREAMBLE + text, format="turtle")


def assert_triples(g, expected_turtle):
    """The triples of ``g`` are exactly those of ``expected_turtle``: none missing, none extra, each
    term as N-Triples writes it (so that a language tag "ZH" is not "zh", nor 1 "1"^^xsd:int)."""
    def texts(graph):
        return {" ".join(term.n3() for term in triple) for triple in graph}

    got, want = texts(g), texts(turtle(expected_turtle))
    missing = sorted(t for t in want - got)
    extra = sorted(t for t in got - want)
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


def entity(ident, type_, zh, en=None, **kwargs):
    fields = dict(aliases_zh=[], aliases_en=[], search=[], note=None)
    fields.update(kwargs)
    return Entity(id=ident, type=type_, zh=zh, en=en, where=HERE, **fields)


def span(text, start, end, report="r1", before=3, after=3):
    """The span text[start:end] of report ``report``, with up to 3 characters either side."""
    return Span(report=report, start=start, end=end, exact=text[start:end],
                prefix=text[max(0, start - before):start], suffix=text[end:end + after])


def report(text, **kwargs):
    return Report(id="r1", text=text, sha256="abc123", language="zh", where=HERE, **kwargs)


# --- IRIs ---------------------------------------------------------------------------------------

def test_iris_are_under_the_base_with_a_slash_added_only_when_missing():
    assert Iris().base == DEFAULT_BASE
    assert Iris("https://example.org/kg").base == "https://example.org/kg/"
    assert Iris("https://example.org/kg/").base == "https://example.org/kg/"
    assert Iris("https://example.org/kg#").base == "https://example.org/kg#"
    iris = Iris("https://example.org/kg")
    assert iris.entity("miit") == URIRef("https://example.org/kg/entity/miit")
    assert iris.report("r 1") == URIRef("https://example.org/kg/report/r%201")
    assert iris.scheme("Role") == URIRef("https://example.org/kg/scheme/Role")
    assert iris.observation("a-b_c.d") == URIRef("https://example.org/kg/observation/a-b_c.d")


def test_iri_parts_are_percent_encoded_except_unreserved_characters():
    iris = Iris()
    assert iris.entity("a/b c~d") == URIRef(DEFAULT_BASE + "entity/a%2Fb%20c~d")
    assert iris.entity("南海") == URIRef(DEFAULT_BASE + "entity/%E5%8D%97%E6%B5%B7")
    assert iris.span(Span("r/1", 3, 17, "x", "", "")) == URIRef(DEFAULT_BASE + "report/r%2F1/text/3-17")
    post = Post(person="p", role="r", organization="o", span=None, where=HERE)
    assert iris.post(post) == URIRef(DEFAULT_BASE + "post/o/r/p")
    from urllib.parse import quote   # plain parts skip the call: every part is still what quote makes of it
    for part in ("gen_0004", "a.b-c~d", "", "A9", "a b", "%41", "x\n", "é", "a+b", "[1]", "南海铝协"):
        assert iris.entity(part) == URIRef(DEFAULT_BASE + "entity/" + quote(part, safe="-_."))


def test_relation_iris_name_subject_property_and_object():
    iris = Iris()
    a, b = iris.entity("a"), iris.entity("b")
    org = URIRef("http://www.w3.org/ns/org#memberOf")
    assert iris.relation(a, org, b) == URIRef(DEFAULT_BASE + "relation/a/org.memberOf/b")
    # subjects and objects that are not entities keep their kind
    assert iris.relation(iris.report("r1"), org, iris.observation("o")) == \
        URIRef(DEFAULT_BASE + "relation/report.r1/org.memberOf/observation.o")
    # a literal object: a digest of its text and its language or datatype
    theme = URIRef("https://reportgraph.example/ontology#theme")
    assert iris.relation(a, theme, Literal("开放合作", lang="zh")) == \
        URIRef(DEFAULT_BASE + "relation/a/rg.theme/v-a3ddd867820a")
    assert iris.relation(a, theme, Literal(12)) == URIRef(DEFAULT_BASE + "relation/a/rg.theme/v-d23fe64304e6")


def test_decimal_literals_are_canonical():
    assert decimal_literal(Decimal("31")) == Literal("31.0", datatype=XSD.decimal)
    assert decimal_literal(Decimal("12.50")) == Literal("12.50", datatype=XSD.decimal)
    assert decimal_literal(Decimal("1E+2")) == Literal("100.0", datatype=XSD.decimal)
    assert decimal_literal(Decimal("0.5")) == Literal("0.5", datatype=XSD.decimal)
    assert str(decimal_literal(Decimal("1205000"))) == "1205000.0"


# --- entities -----------------------------------------------------------------------------------

def test_entities_with_labels_aliases_notes_schemes_stages_and_a_chain():
    entities = {e.id: e for e in [
        entity("assoc", "IndustryAssociation", "甲协会", "Jia Association", aliases_zh=["甲会", "甲协"],
               aliases_en=["JA"], search=["甲"], note="a note"),
        entity("bare", "IndustryAlliance", "乙联盟"),
        entity("president", "Role", "会长", "President", heads=True),
        entity("output", "Variable", "产量", "output", stage="smelting"),
        entity("mining", "ChainStage", "采矿", "mining"),
        entity("smelting", "ChainStage", "冶炼", "smelting"),
        entity("rolling", "ChainStage", "轧制"),
        entity("chain", "IndustryChain", "铝产业链", "aluminium chain", stages=["mining", "smelting", "rolling"]),
    ]}
    g = build_graph(Corpus(entities=entities, reports=[]))
    assert_triples(g, """
        <entity/assoc> a rg:IndustryAssociation ; skos:prefLabel "甲协会"@zh, "Jia Association"@en ;
            skos:altLabel "甲会"@zh, "甲协"@zh, "JA"@en ; skos:hiddenLabel "甲"@zh ; skos:note "a note"@en .
        <entity/bare> a rg:IndustryAlliance ; skos:prefLabel "乙联盟"@zh .
        <entity/president> a org:Role, skos:Concept ; skos:prefLabel "会长"@zh, "President"@en ;
            skos:inScheme <scheme/Role> .
        <scheme/Role> a skos:ConceptScheme ; skos:prefLabel "职位"@zh, "roles"@en .
        <entity/output> a schema:StatisticalVariable, skos:Concept ; skos:prefLabel "产量"@zh, "output"@en ;
            skos:inScheme <scheme/Variable> ; rg:measuresStage <entity/smelting> .
        <scheme/Variable> a skos:ConceptScheme ; skos:prefLabel "统计指标"@zh, "statistical variables"@en .
        <entity/mining> a rg:IndustryChainStage, skos:Concept ; skos:prefLabel "采矿"@zh, "mining"@en ;
            skos:inScheme <scheme/ChainStage> ; schema:position 1 .
        <entity/smelting> a rg:IndustryChainStage, skos:Concept ; skos:prefLabel "冶炼"@zh, "smelting"@en ;
            skos:inScheme <scheme/ChainStage> ; schema:position 2 .
        <entity/rolling> a rg:IndustryChainStage, skos:Concept ; skos:prefLabel "轧制"@zh ;
            skos:inScheme <scheme/ChainStage> ; schema:position 3 .
        <scheme/ChainStage> a skos:ConceptScheme ; skos:prefLabel "产业链环节"@zh, "industry chain stages"@en .
        <entity/chain> a rg:IndustryChain ; skos:prefLabel "铝产业链"@zh, "aluminium chain"@en ;
            skos:memberList <entity/chain/stages/1> .
        <entity/chain/stages/1> rdf:first <entity/mining> ; rdf:rest <entity/chain/stages/2> .
        <entity/chain/stages/2> rdf:first <entity/smelting> ; rdf:rest <entity/chain/stages/3> .
        <entity/chain/stages/3> rdf:first <entity/rolling> ; rdf:rest rdf:nil .
    """)


def test_a_chain_of_one_stage_is_a_list_of_one_cell():
    entities = {e.id: e for e in [entity("s", "Person", "甲"),
                                  entity("c", "IndustryChain", "链", stages=["s"])]}
    g = build_graph(Corpus(entities=entities, reports=[]))
    assert_triples(g, """
        <entity/s> a foaf:Person ; skos:prefLabel "甲"@zh ; schema:position 1 .
        <entity/c> a rg:IndustryChain ; skos:prefLabel "链"@zh ; skos:memberList <entity/c/stages/1> .
        <entity/c/stages/1> rdf:first <entity/s> ; rdf:rest rdf:nil .
    """)


# --- one relation, one post, one observation ----------------------------------------------------

TEXT = "甲协会是乙联盟的成员。会长李四。产量约120.5万吨。"


def one_of_each(relation_inferred=None, post_inferred=None, obs_inferred="a reason"):
    entities = {e.id: e for e in [
        entity("assoc", "IndustryAssociation", "甲协会", "Jia Association"),
        entity("alliance", "IndustryAlliance", "乙联盟"),
        entity("li", "Person", "李四", "Li Si"),
        entity("president", "Role", "会长", "President", heads=True),
        entity("output", "Variable", "产量", "output"),
        entity("expo", "Event", "博览会"),
    ]}
    rep = report(TEXT)
    rep.mentions = [Mention("assoc", "name", span(TEXT, 0, 3), HERE),
                    Mention("alliance", "alias", span(TEXT, 4, 7), HERE)]
    rep.statements = [Statement(subject="assoc", key="memberOf", object="alliance", value=None, value_en=None,
                                span=span(TEXT, 0, 10), where=HERE, context="expo",
                                inferred=relation_inferred)]
    rep.posts = [Post(person="li", role="president", organization="assoc", span=span(TEXT, 11, 15),
                      where=HERE, inferred=post_inferred)]
    rep.observations = [Observation(
        id="assoc-output-2023", about="assoc", variable="output", value=Decimal("1205000"),
        unit=str(UNIT.TONNE), raw="120.5万吨", year=2023, span=span(TEXT, 16, 26), where=HERE,
        share_of="alliance", denominator_text="全联盟", qualifiers=["approximately", "over"],
        defect="a defect", event="expo", inferred=obs_inferred)]
    return Corpus(entities=entities, reports=[rep])


ENTITIES_OF_ONE_OF_EACH = """
    <entity/assoc> a rg:IndustryAssociation ; skos:prefLabel "甲协会"@zh, "Jia Association"@en .
    <entity/alliance> a rg:IndustryAlliance ; skos:prefLabel "乙联盟"@zh .
    <entity/li> a foaf:Person ; skos:prefLabel "李四"@zh, "Li Si"@en .
    <entity/president> a org:Role, skos:Concept ; skos:prefLabel "会长"@zh, "President"@en ;
        skos:inScheme <scheme/Role> .
    <scheme/Role> a skos:ConceptScheme ; skos:prefLabel "职位"@zh, "roles"@en .
    <entity/output> a schema:StatisticalVariable, skos:Concept ; skos:prefLabel "产量"@zh, "output"@en ;
        skos:inScheme <scheme/Variable> .
    <scheme/Variable> a skos:ConceptScheme ; skos:prefLabel "统计指标"@zh, "statistical variables"@en .
    <entity/expo> a schema:Event ; skos:prefLabel "博览会"@zh .
"""


def mention_node(start, end, exact, prefix, suffix):
    node = f"<report/r1/text/{start}-{end}>"
    return f"""
    {node} a rg:Mention, oa:SpecificResource ; oa:hasSource <report/r1> ;
        oa:hasSelector <report/r1/text/{start}-{end}/position>, <report/r1/text/{start}-{end}/quote> .
    <report/r1/text/{start}-{end}/position> a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} .
    <report/r1/text/{start}-{end}/quote> a oa:TextQuoteSelector ;
        oa:exact "{exact}" ; oa:prefix "{prefix}" ; oa:suffix "{suffix}" .
"""


REPORT_OF_ONE_OF_EACH = f"""
    <report/r1> a schema:NewsArticle ; dcterms:identifier "r1" ; dcterms:language "zh"^^xsd:language ;
        schema:text "{TEXT}" ; rg:sha256 "abc123" ; schema:mentions <entity/assoc>, <entity/alliance> .
    <report/r1/text/0-3> rg:denotes <entity/assoc> ; rg:mentionKind rg:NameMention .
    <report/r1/text/4-7> rg:denotes <entity/alliance> ; rg:mentionKind rg:AliasMention .
""" + mention_node(0, 3, "甲协会", "", "是乙联") + mention_node(4, 7, "乙联盟", "协会是", "的成员") \
    + mention_node(0, 10, "甲协会是乙联盟的成员", "", "。会长") \
    + mention_node(11, 15, "会长李四", "成员。", "。产量") \
    + mention_node(16, 26, "产量约120.5万吨", "李四。", "。")


def test_one_relation_one_post_one_observation_exactly():
    g = build_graph(one_of_each())
    assert_triples(g, ENTITIES_OF_ONE_OF_EACH + REPORT_OF_ONE_OF_EACH + """
        <entity/assoc> org:memberOf <entity/alliance> .
        <relation/assoc/org.memberOf/alliance> a rg:Relation, org:Membership ;
            rg:subject <entity/assoc> ; rg:property org:memberOf ; rg:object <entity/alliance> ;
            rg:assertion rg:Stated ; prov:wasDerivedFrom <report/r1/text/0-10> ; rg:context <entity/expo> ;
            org:member <entity/assoc> ; org:organization <entity/alliance> .

        <post/assoc/president/li> a org:Post ; org:role <entity/president> ; org:postIn <entity/assoc> ;
            org:heldBy <entity/li> ; skos:prefLabel "甲协会会长"@zh, "President, Jia Association"@en ;
            rg:assertion rg:Stated ; prov:wasDerivedFrom <report/r1/text/11-15> .
        <entity/li> org:holds <post/assoc/president/li> ; org:headOf <entity/assoc> .

        <observation/assoc-output-2023> a schema:Observation ; schema:observationAbout <entity/assoc> ;
            schema:variableMeasured <entity/output> ; schema:value 1205000.0 ; schema:unitCode unit:TONNE ;
            rg:rawValue "120.5万吨"@zh ; schema:observationDate "2023"^^xsd:gYear ;
            schema:measurementDenominator <entity/alliance> ; rg:denominatorText "全联盟"@zh ;
            rg:qualifier rg:approximately, rg:over ; rg:defect "a defect"@en ; rg:atEvent <entity/expo> ;
            rg:assertion rg:Inferred ; rg:inferenceNote "a reason"@en ;
            prov:wasDerivedFrom <report/r1/text/16-26> .
    """)


def test_inferred_relation_and_post_say_why():
    g = build_graph(one_of_each(relation_inferred="the text implies it", post_inferred="by title",
                                obs_inferred=None))
    relation = URIRef(DEFAULT_BASE + "relation/assoc/org.memberOf/alliance")
    post = URIRef(DEFAULT_BASE + "post/assoc/president/li")
    obs = URIRef(DEFAULT_BASE + "observation/assoc-output-2023")
    rg = PREFIXES["rg"]
    assert set(g.predicate_objects(relation)) >= {(rg.assertion, rg.Inferred),
                                                   (rg.inferenceNote, Literal("the text implies it", lang="en"))}
    assert (relation, rg.assertion, rg.Stated) not in g
    assert set(g.objects(post, rg.inferenceNote)) == {Literal("by title", lang="en")}
    assert set(g.objects(post, rg.assertion)) == {rg.Inferred}
    assert set(g.objects(obs, rg.assertion)) == {rg.Stated}
    assert set(g.objects(obs, rg.inferenceNote)) == set()


def test_a_reason_given_in_chinese_too_is_stored_in_both_languages():
    g = build_graph(one_of_each(relation_inferred=Note("the text implies it", zh="原文暗示"), obs_inferred=None))
    relation = URIRef(DEFAULT_BASE + "relation/assoc/org.memberOf/alliance")
    assert set(g.objects(relation, PREFIXES["rg"].inferenceNote)) == {
        Literal("the text implies it", lang="en"), Literal("原文暗示", lang="zh")}


def test_a_post_whose_role_does_not_head_and_an_observation_with_no_options():
    entities = {e.id: e for e in [
        entity("assoc", "IndustryAssociation", "甲协会"),
        entity("li", "Person", "李四", "Li Si"),
        entity("sec", "Role", "秘书长", "Secretary-General"),
        entity("output", "Variable", "产量"),
    ]}
    rep = report("秘书长李四。产量3个。")
    rep.posts = [Post(person="li", role="sec", organization="assoc", span=span(rep.text, 0, 5), where=HERE)]
    rep.observations = [Observation(id="o", about="assoc", variable="output", value=Decimal("3"),
                                    unit=str(UNIT.NUM), raw="3个", year=None, span=span(rep.text, 6, 10),
                                    where=HERE)]
    g = build_graph(Corpus(entities=entities, reports=[rep]))
    assert_triples(g, """
        <entity/assoc> a rg:IndustryAssociation ; skos:prefLabel "甲协会"@zh .
        <entity/li> a foaf:Person ; skos:prefLabel "李四"@zh, "Li Si"@en .
        <entity/sec> a org:Role, skos:Concept ; skos:prefLabel "秘书长"@zh, "Secretary-General"@en ;
            skos:inScheme <scheme/Role> .
        <scheme/Role> a skos:ConceptScheme ; skos:prefLabel "职位"@zh, "roles"@en .
        <entity/output> a schema:StatisticalVariable, skos:Concept ; skos:prefLabel "产量"@zh ;
            skos:inScheme <scheme/Variable> .
        <scheme/Variable> a skos:ConceptScheme ; skos:prefLabel "统计指标"@zh, "statistical variables"@en .
        <report/r1> a schema:NewsArticle ; dcterms:identifier "r1" ; dcterms:language "zh"^^xsd:language ;
            schema:text "秘书长李四。产量3个。" ; rg:sha256 "abc123" .
        <post/assoc/sec/li> a org:Post ; org:role <entity/sec> ; org:postIn <entity/assoc> ;
            org:heldBy <entity/li> ; skos:prefLabel "甲协会秘书长"@zh ;
            rg:assertion rg:Stated ; prov:wasDerivedFrom <report/r1/text/0-5> .
        <entity/li> org:holds <post/assoc/sec/li> .
        <observation/o> a schema:Observation ; schema:observationAbout <entity/assoc> ;
            schema:variableMeasured <entity/output> ; schema:value 3.0 ; schema:unitCode unit:NUM ;
            rg:rawValue "3个"@zh ; rg:assertion rg:Stated ; prov:wasDerivedFrom <report/r1/text/6-10> .
    """ + mention_node(0, 5, "秘书长李四", "", "。产量") + mention_node(6, 10, "产量3个", "李四。", "。"))


def test_a_post_label_in_english_needs_both_english_names():
    entities = {e.id: e for e in [entity("assoc", "IndustryAssociation", "甲协会", "Jia Association"),
                                  entity("li", "Person", "李四"), entity("sec", "Role", "秘书长")]}
    rep = report("秘书长李四。")
    rep.posts = [Post(person="li", role="sec", organization="assoc", span=span(rep.text, 0, 5), where=HERE)]
    g = build_graph(Corpus(entities=entities, reports=[rep]))
    post = URIRef(DEFAULT_BASE + "post/assoc/sec/li")
    skos = PREFIXES["skos"]
    assert set(g.objects(post, skos.prefLabel)) == {Literal("甲协会秘书长", lang="zh")}


# --- statements: grouping, direction, literals, report fields -------------------------------------

STATEMENTS_TEXT = "发布日期:2024-05-02。来源:测试。点击数:12。政府主办博览会。博览会以开放合作为主题。博览会于5月1日开幕。甲与乙友好。"


def statement(subject, key, start, end, obj=None, value=None, value_en=None, inferred=None, context=None):
    return Statement(subject=subject, key=key, object=obj, value=value, value_en=value_en,
                     span=span(STATEMENTS_TEXT, start, end, before=1, after=1), where=HERE,
                     inferred=inferred, context=context)


def test_statements_grouped_by_triple_with_direction_literals_and_report_fields():
    t = STATEMENTS_TEXT
    rep = report(t, statements=[
        statement("r1", "issued", 0, 15, value=date(2024, 5, 2)),
        statement("r1", "source", 16, 21, value="测试"),
        statement("r1", "clicks", 22, 28, value=12),
        statement("gov", "organizes", 29, 36, obj="expo", inferred="first reason"),
        statement("gov", "organizes", 29, 33, obj="expo", inferred="second reason"),
        statement("expo", "theme", 37, 48, value="开放合作", value_en="open cooperation"),
        statement("expo", "startDate", 49, 59, value=date(2024, 5, 1)),
        statement("a", "friendlyAssociationOf", 60, 65, obj="b", inferred="a guess"),
        statement("a", "friendlyAssociationOf", 60, 62, obj="b"),
    ])
    assert [t[s.span.start:s.span.end] for s in rep.statements] == [
        "发布日期:2024-05-02", "来源:测试", "点击数:12", "政府主办博览会", "政府主办", "博览会以开放合作为主题",
        "博览会于5月1日开幕", "甲与乙友好", "甲与"]
    g = build_graph(Corpus(entities={}, reports=[rep]))

    def mention(start, end):
        return mention_node(start, end, t[start:end], t[max(0, start - 1):start], t[end:end + 1])

    assert_triples(g, f"""
        <report/r1> a schema:NewsArticle ; dcterms:identifier "r1" ; dcterms:language "zh"^^xsd:language ;
            schema:text "{t}" ; rg:sha256 "abc123" ;
            dcterms:issued "2024-05-02"^^xsd:date ; dcterms:source "测试"@zh ; rg:clickCount 12 .
        <relation/report.r1/dcterms.issued/v-5d3f30c660d6> a rg:Relation ; rg:subject <report/r1> ;
            rg:property dcterms:issued ; rg:object "2024-05-02"^^xsd:date ; rg:assertion rg:Stated ;
            prov:wasDerivedFrom <report/r1/text/0-15> .
        <relation/report.r1/dcterms.source/v-24127ba31a52> a rg:Relation ; rg:subject <report/r1> ;
            rg:property dcterms:source ; rg:object "测试"@zh ; rg:assertion rg:Stated ;
            prov:wasDerivedFrom <report/r1/text/16-21> .
        <relation/report.r1/rg.clickCount/v-d23fe64304e6> a rg:Relation ; rg:subject <report/r1> ;
            rg:property rg:clickCount ; rg:object 12 ; rg:assertion rg:Stated ;
            prov:wasDerivedFrom <report/r1/text/22-28> .

        <entity/expo> schema:organizer <entity/gov> .
        <relation/expo/schema.organizer/gov> a rg:Relation ; rg:subject <entity/expo> ;
            rg:property schema:organizer ; rg:object <entity/gov> ; rg:assertion rg:Inferred ;
            rg:inferenceNote "first reason"@en, "second reason"@en ;
            prov:wasDerivedFrom <report/r1/text/29-36>, <report/r1/text/29-33> .

        <entity/expo> rg:theme "开放合作"@zh, "open cooperation"@en .
        <relation/expo/rg.theme/v-a3ddd867820a> a rg:Relation ; rg:subject <entity/expo> ;
            rg:property rg:theme ; rg:object "开放合作"@zh, "open cooperation"@en ; rg:assertion rg:Stated ;
            prov:wasDerivedFrom <report/r1/text/37-48> .

        <entity/expo> schema:startDate "2024-05-01"^^xsd:date .
        <relation/expo/schema.startDate/v-ef7870f77fa2> a rg:Relation ; rg:subject <entity/expo> ;
            rg:property schema:startDate ; rg:object "2024-05-01"^^xsd:date ; rg:assertion rg:Stated ;
            prov:wasDerivedFrom <report/r1/text/49-59> .

        <entity/a> rg:friendlyAssociationOf <entity/b> .
        <entity/b> rg:friendlyAssociationOf <entity/a> .   # symmetric: the shortcut both ways
        <relation/a/rg.friendlyAssociationOf/b> a rg:Relation ; rg:subject <entity/a> ;
            rg:property rg:friendlyAssociationOf ; rg:object <entity/b> ; rg:assertion rg:Stated ;
            prov:wasDerivedFrom <report/r1/text/60-65>, <report/r1/text/60-62> .
    """ + "".join(mention(s, e) for s, e in [(0, 15), (16, 21), (22, 28), (29, 36), (29, 33), (37, 48),
                                              (49, 59), (60, 65), (60, 62)]))


def test_a_symmetric_relation_stated_both_ways_is_one_node_in_the_direction_first_stated():
    rep = report(STATEMENTS_TEXT, statements=[
        statement("b", "exchangesWith", 60, 65, obj="a"),
        statement("a", "exchangesWith", 60, 62, obj="b", inferred="read the other way"),
        statement("a", "organizes", 29, 33, obj="b"),   # not symmetric: one way only
    ])
    g = build_graph(Corpus(entities={}, reports=[rep]))
    nodes = set(g.subjects(RG.property, RG.exchangedWith))
    assert [str(n).removeprefix(DEFAULT_BASE) for n in nodes] == ["relation/b/rg.exchangedWith/a"]
    (node,) = nodes
    assert len(list(g.objects(node, PROV.wasDerivedFrom))) == 2 and (node, RG.assertion, RG.Stated) in g
    a, b = (URIRef(f"{DEFAULT_BASE}entity/{x}") for x in "ab")
    assert (a, RG.exchangedWith, b) in g and (b, RG.exchangedWith, a) in g
    assert (b, SCHEMA.organizer, a) in g and (a, SCHEMA.organizer, b) not in g


def test_a_report_in_another_language_tags_its_text_fields_so():
    rep = Report(id="r2", text="Source: test.", sha256="0", language="en", where=HERE, statements=[
        Statement(subject="r2", key="source", object=None, value="test", value_en=None,
                  span=Span("r2", 8, 12, "test", "", "."), where=HERE),
        Statement(subject="x", key="theme", object=None, value="openness", value_en="openness",
                  span=Span("r2", 0, 6, "Source", "", ":"), where=HERE)])
    g = build_graph(Corpus(entities={}, reports=[rep]))
    dcterms, rg = PREFIXES["dcterms"], PREFIXES["rg"]
    report_iri, x = URIRef(DEFAULT_BASE + "report/r2"), URIRef(DEFAULT_BASE + "entity/x")
    assert set(g.objects(report_iri, dcterms.language)) == {Literal("en", datatype=XSD.language)}
    assert set(g.objects(report_iri, dcterms.source)) == {Literal("test", lang="en")}
    assert set(g.objects(x, rg.theme)) == {Literal("openness", lang="en")}


def test_a_start_date_is_an_xsd_date_whatever_python_type_holds_it():
    rep = report("5月1日开幕", statements=[
        Statement(subject="expo", key="startDate", object=None, value="2024-05-01", value_en=None,
                  span=Span("r1", 0, 6, "5月1日开幕", "", ""), where=HERE)])
    g = build_graph(Corpus(entities={}, reports=[rep]))
    schema = PREFIXES["schema"]
    assert [o.n3() for o in g.objects(URIRef(DEFAULT_BASE + "entity/expo"), schema.startDate)] == \
        ['"2024-05-01"^^<http://www.w3.org/2001/XMLSchema#date>']


def test_two_reports_share_one_relation_node_and_each_its_own_mentions():
    reps = []
    for ident in ("r1", "r2"):
        reps.append(Report(id=ident, text="甲属乙", sha256="0", language="zh", where=HERE, statements=[
            Statement(subject="a", key="memberOf", object="b", value=None, value_en=None,
                      span=Span(ident, 0, 3, "甲属乙", "", ""), where=HERE)]))
    g = build_graph(Corpus(entities={}, reports=reps))
    node = URIRef(DEFAULT_BASE + "relation/a/org.memberOf/b")
    prov, rg = PREFIXES["prov"], PREFIXES["rg"]
    assert set(g.objects(node, prov.wasDerivedFrom)) == {URIRef(DEFAULT_BASE + "report/r1/text/0-3"),
                                                         URIRef(DEFAULT_BASE + "report/r2/text/0-3")}
    assert set(g.objects(node, rg.assertion)) == {rg.Stated}


# --- the graph's prefixes and base ----------------------------------------------------------------

@pytest.mark.parametrize("base,bound", [(DEFAULT_BASE, DEFAULT_BASE),
                                        ("https://example.org/kg", "https://example.org/kg/")])
def test_the_graph_binds_every_prefix_and_the_base_as_data(base, bound):
    g = build_graph(one_of_each(), base=base)
    namespaces = {prefix: str(ns) for prefix, ns in g.namespaces()}
    assert namespaces["data"] == bound
    for prefix, ns in PREFIXES.items():
        assert namespaces[prefix] == str(ns)
    assert URIRef(bound + "relation/assoc/org.memberOf/alliance") in set(g.subjects())
    assert not any(str(s).startswith(DEFAULT_BASE) for s in g.subjects()) or base == DEFAULT_BASE


def test_a_report_record_a_post_won_at_a_meeting_and_the_names_of_a_unit():
    entities = {e.id: e for e in [
        entity("assoc", "IndustryAssociation", "甲协会"),
        entity("li", "Person", "李四"),
        entity("sec", "Role", "秘书长"),
        entity("congress", "Meeting", "大会"),
        entity("output", "Variable", "产量"),
    ]}
    rep = report("大会聘任李四为秘书长。会员30余家。")
    rep.url, rep.accessed = "https://example.org/a?b=1", date(2026, 11, 27)
    rep.posts = [Post(person="li", role="sec", organization="assoc", span=span(rep.text, 2, 10), where=HERE,
                      how="appointed", event="congress")]
    rep.observations = [Observation(id="o", about="assoc", variable="output", value=Decimal("30"),
                                    unit=str(UNIT.NUM), raw="30余家", year=None, span=span(rep.text, 11, 18),
                                    where=HERE)]
    units = {"count": Unit("count", str(UNIT.NUM), "个数", "count", "", ("家",)),
             "tonne": Unit("tonne", str(UNIT.TONNE), "吨", "tonne", "t", ("吨",))}   # unused: not in the graph
    g = build_graph(Corpus(entities=entities, reports=[rep], units=units))
    node = URIRef(DEFAULT_BASE + "report/r1")
    rg = PREFIXES["rg"]
    assert set(g.objects(node, PREFIXES["schema"].url)) == {Literal("https://example.org/a?b=1", datatype=XSD.anyURI)}
    assert set(g.objects(node, rg.accessed)) == {Literal(date(2026, 11, 27))}
    post = URIRef(DEFAULT_BASE + "post/assoc/sec/li")
    assert set(g.objects(post, rg.appointedAt)) == {URIRef(DEFAULT_BASE + "entity/congress")}
    assert (post, rg.electedAt, None) not in g
    assert set(g.predicate_objects(UNIT.NUM)) == {
        (PREFIXES["skos"].prefLabel, Literal("个数", lang="zh")), (PREFIXES["skos"].prefLabel, Literal("count", lang="en")),
        (rg.englishSuffix, Literal(""))}
    assert (UNIT.TONNE, None, None) not in g
