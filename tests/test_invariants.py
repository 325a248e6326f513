"""What only "a rebuild differs from the committed graph/" used to catch, checked directly.

- Direction: for every relation key of the facts format, the subject and object of "A key B"
  land where the ontology says, in the shortcut triple, the relation node and the projection
  (a reversed ``exchangesWith`` or ``organizes`` is an error even where SHACL cannot see it).
- Derivation: every kind of fact (relation, literal attribute, report field, post, statistic)
  is ``prov:wasDerivedFrom`` the mention of its own quote, at its own offsets.
- The projection's ``heads`` flag of a post, both ways.
- The weights of the actor graph of the linkage analysis.

Exact answers come from the tiny hand-made corpus of ``tests/fixtures/tiny`` (see its README);
the checks of the committed corpus are invariants that hold for any report, read from its
facts files with plain PyYAML rather than the project's loader.
"""

from pathlib import Path

import networkx as nx
import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from helpers import DEV2, DEV3, DEV4, DEV5, DEVSET, HELDOUT, ROOT, devset_project, subclasses
from reportgraph import analysis, project, validate
from reportgraph.load import load_corpus
from reportgraph.rdf import build_graph
from reportgraph.vocab import DEFAULT_BASE, OA, ORG, RELATIONS, RG, SCHEMA

TINY = ROOT / "tests" / "fixtures" / "tiny"
TINY_REPORT = "tiny_0001"
TINY_TEXT = (TINY / "reports" / TINY_REPORT / "report.txt").read_text(encoding="utf-8")
ONTOLOGY = Graph().parse(ROOT / "ontology.ttl")


def entity(ident):
    return URIRef(f"{DEFAULT_BASE}entity/{ident}")


def report_iri(ident):
    return URIRef(f"{DEFAULT_BASE}report/{ident}")


@pytest.fixture(scope="module")
def tiny():
    """The graph of the tiny corpus, and its projection."""
    g = build_graph(load_corpus(TINY))
    return g, project.project(g, ONTOLOGY)


# --- where each relation lands ----------------------------------------------------------------

#: What "A key B" states, as the ontology defines the property: (property, reversed). With
#: reversed the triple is "B property A": an event's organiser, attendee and performer are
#: properties of the event (schema.org), and so are its undertaker, co-organiser, guiding unit
#: and chair; every other property points from A to B. The symmetric ones (friendly association,
#: exchanges, agreements) are stored from A to B and also from B to A (:data:`SYMMETRIC_KEYS`).
DIRECTIONS = {
    "organizes": (SCHEMA.organizer, True),
    "undertakes": (RG.undertaker, True),
    "coOrganizes": (RG.coOrganizer, True),
    "guides": (RG.guidingUnit, True),
    "chairs": (RG.chair, True),
    "attends": (SCHEMA.attendee, True),
    "delivers": (SCHEMA.performer, True),
    "partOf": (SCHEMA.superEvent, False),
    "locatedIn": (SCHEMA.location, False),
    "containedIn": (SCHEMA.containedInPlace, False),
    "memberOf": (ORG.memberOf, False),
    "unitOf": (ORG.unitOf, False),
    "subOrganizationOf": (ORG.subOrganizationOf, False),
    "headOf": (ORG.headOf, False),
    "invites": (RG.invited, False),
    "leads": (RG.ledDelegation, False),
    "delegationOf": (RG.delegationOf, False),
    "friendlyAssociationOf": (RG.friendlyAssociationOf, False),
    "exchangesWith": (RG.exchangedWith, False),
    "visits": (RG.visited, False),
    "signsAgreementWith": (RG.signedAgreementWith, False),
    "partyTo": (RG.partyTo, False),
    "agreementKind": (RG.agreementKind, False),
    "follows": (RG.follows, False),
    "supports": (RG.supports, False),
    "designatedAs": (RG.designation, False),
    "focusSector": (RG.focusSector, False),
    "activityType": (RG.activityType, False),
    "feedsInto": (RG.feedsInto, False),
    "hasIndustryChain": (RG.industryChain, False),
    "gatewayTo": (RG.gatewayTo, False),
    "faces": (RG.faces, False),
    "aimsAt": (RG.developmentGoal, False),
}

#: The tiny corpus's relation statements as its facts file writes them: (key, A, B, quote), and
#: where a quote occurs more than once, the text around the occurrence meant.
TINY_RELATIONS = [
    ("organizes", "city-gov", "expo", "2024乙市铝业博览会由乙市政府主办"),
    ("attends", "assoc-a", "expo", "乙市铝业协会参加了博览会"),
    ("attends", "alliance", "expo", "参加了博览会"),   # within: 铝加工产业联盟也参加了博览会
    ("attends", "wang", "expo", "参加了博览会"),       # occurrence: 3
    ("delivers", "zhang", "keynote-zhang", "张三在论坛上作主旨演讲"),
    ("partOf", "forum", "expo", "铝业发展论坛是博览会的一部分"),
    ("locatedIn", "expo", "city", "博览会在乙市举行"),
    ("containedIn", "city", "province", "乙市隶属甲省"),
    ("memberOf", "company-a", "alliance", "甲铝业公司是铝加工产业联盟的成员"),
    ("unitOf", "gov-office", "city-gov", "乙市政府办公室是乙市政府的内设机构"),
    ("subOrganizationOf", "company-b", "company-a", "甲铝业分公司隶属于甲铝业公司"),
    ("headOf", "zhang", "city-gov", "张三主持乙市政府全面工作"),
    ("headOf", "zhao", "assoc-b", "赵六负责丁市铝业协会全面工作"),
    ("invites", "city-gov", "assoc-b", "乙市政府邀请丁市铝业协会"),
    ("leads", "li", "delegation", "李四率领乙市代表团"),
    ("delegationOf", "delegation", "assoc-a", "代表团由乙市铝业协会派出"),
    ("friendlyAssociationOf", "assoc-a", "assoc-b", "乙市铝业协会与丁市铝业协会缔结友好协会关系"),
    ("friendlyAssociationOf", "assoc-a", "assoc-b", "两会结为友好协会"),   # stated twice
    ("exchangesWith", "assoc-b", "alliance", "丁市铝业协会同铝加工产业联盟进行交流"),
    ("follows", "keynote-zhang", "forum", "主旨演讲在论坛开幕之后举行"),
    ("supports", "province-gov", "city-aluminium", "甲省政府支持乙市铝产业发展"),
    ("designatedAs", "city", "aluminium-city", "乙市被评为铝业强市"),
    ("focusSector", "expo", "non-ferrous", "博览会聚焦有色金属"),
    ("activityType", "expo", "signing", "博览会期间举行项目签约"),
    ("feedsInto", "mining", "smelting", "铝土矿开采为电解铝冶炼提供原料"),
    ("hasIndustryChain", "city-aluminium", "chain", "乙市铝产业已形成完整产业链"),
    ("gatewayTo", "city", "country", "乙市是面向丙国开放合作的前沿"),
    ("faces", "city-aluminium", "overcapacity", "乙市铝产业面临产能过剩"),
    ("aimsAt", "city-aluminium", "green", "乙市铝产业向绿色低碳方向发展"),
    ("undertakes", "society", "expo", "乙市有色金属学会承办博览会"),
    ("coOrganizes", "chamber", "expo", "丁市铝业商会协办博览会"),
    ("guides", "department", "expo", "甲省工业和信息化厅指导博览会"),
    ("subOrganizationOf", "department", "province-gov", "甲省工业和信息化厅是甲省政府的工作部门"),
    ("attends", "committee", "expo", "乙市铝业专家委员会列席博览会"),
    ("chairs", "li", "assembly", "李四主持乙市铝业协会会员大会"),
    ("visits", "delegation", "company-a", "代表团一行参观甲铝业公司"),
    ("signsAgreementWith", "group", "assoc-a", "甲铝业集团与乙市铝业协会签署战略合作协议"),
    ("partyTo", "assoc-a", "agreement", "乙市铝业协会是该协议的一方"),
    ("partyTo", "group", "agreement", "甲铝业集团是该协议的另一方"),
    ("agreementKind", "agreement", "strategic-cooperation", "该协议为战略合作协议"),
    ("signsAgreementWith", "chamber", "society", "丁市铝业商会与乙市有色金属学会签署合作备忘录"),
    ("partyTo", "chamber", "memorandum", "丁市铝业商会和乙市有色金属学会是备忘录的双方"),
    ("partyTo", "society", "memorandum", "丁市铝业商会和乙市有色金属学会是备忘录的双方"),
]
#: The keys whose property holds both ways (owl:SymmetricProperty).
SYMMETRIC_KEYS = {"friendlyAssociationOf", "exchangesWith", "signsAgreementWith"}
AROUND = {("alliance", "参加了博览会"): "铝加工产业联盟也参加了博览会",
          ("wang", "参加了博览会"): "王五参加了博览会"}


def _facts(report_dir):
    """A facts file read with plain PyYAML (not the project's loader, which is under test)."""
    return yaml.safe_load((Path(report_dir) / "facts.yaml").read_text(encoding="utf-8"))


def _only(values, what):
    values = list(values)
    assert len(values) == 1, f"{what}: {values}"
    return values[0]


def _mention(g, mention):
    """``(report IRI, start, end, quote)`` of a mention node."""
    assert (mention, RDF.type, RG.Mention) in g, mention
    selectors = list(g.objects(mention, OA.hasSelector))
    position = _only((s for s in selectors if (s, OA.start, None) in g), f"positions of {mention}")
    quote = _only((s for s in selectors if (s, OA.exact, None) in g), f"quotes of {mention}")
    return (g.value(mention, OA.hasSource), g.value(position, OA.start).toPython(),
            g.value(position, OA.end).toPython(), str(g.value(quote, OA.exact)))


def _tiny_span(quote, around=None):
    """``(report, start, end, quote)`` of ``quote`` in the tiny report, inside the text ``around``
    it if it occurs more than once."""
    around = around or quote
    assert TINY_TEXT.count(around) == 1, around
    start = TINY_TEXT.index(around) + around.index(quote)
    return report_iri(TINY_REPORT), start, start + len(quote), quote


def _derived_from_its_quote(g, node, quote, around=None):
    """``node`` is derived from exactly one mention: of ``quote``, at its place in the tiny report."""
    mention = _only(g.objects(node, PROV.wasDerivedFrom), f"derivations of {node}")
    assert _mention(g, mention) == _tiny_span(quote, around)


def test_every_relation_key_has_a_direction_and_a_tiny_statement():
    assert set(DIRECTIONS) == set(RELATIONS), "a relation key was added or removed: give it its " \
        "direction here and a statement in tests/fixtures/tiny"
    assert {row[0] for row in TINY_RELATIONS} == set(RELATIONS)
    stated = [(r["relation"], r["subject"], r["object"], r["quote"])
              for r in _facts(TINY / "reports" / TINY_REPORT)["relations"] if r["relation"] in RELATIONS]
    assert sorted(stated) == sorted(TINY_RELATIONS)


def test_the_tiny_corpus_conforms(tiny):
    g, _ = tiny
    conforms, findings = validate.shacl(g, Graph().parse(ROOT / "shapes.ttl"), ONTOLOGY)
    assert conforms and findings == [], findings


@pytest.mark.parametrize("key,a,b,quote", TINY_RELATIONS, ids=[f"{r[1]}-{r[0]}-{r[2]}" for r in TINY_RELATIONS])
def test_subject_and_object_land_where_the_ontology_says(tiny, key, a, b, quote):
    g, G = tiny
    p, reversed_ = DIRECTIONS[key]
    s, o = (b, a) if reversed_ else (a, b)
    assert (entity(s), p, entity(o)) in g, f"'{a} {key} {b}' is not stored as {s} {p} {o}"
    if key in SYMMETRIC_KEYS:
        assert (entity(o), p, entity(s)) in g, f"'{a} {key} {b}' is not stored both ways"
    else:
        assert (entity(o), p, entity(s)) not in g, f"'{a} {key} {b}' is stored reversed"
    # the relation node says the same, once, and only that
    node = _only((r for r in g.subjects(RG.property, p)
                  if (r, RG.subject, entity(s)) in g and (r, RG.object, entity(o)) in g),
                 f"relation nodes of {s} {p} {o}")
    assert set(g.objects(node, RG.subject)) == {entity(s)} and set(g.objects(node, RG.object)) == {entity(o)}
    assert (node, RDF.type, RG.Relation) in g and (node, RG.assertion, RG.Stated) in g
    # derived from this statement's quote, at its place, and from those of the same fact only
    spans = sorted((_tiny_span(q, AROUND.get((a_, q))) for k, a_, b_, q in TINY_RELATIONS
                    if (k, a_, b_) == (key, a, b)), key=lambda span: span[1])
    assert _tiny_span(quote, AROUND.get((a, quote))) in spans
    assert sorted((_mention(g, m) for m in g.objects(node, PROV.wasDerivedFrom)), key=lambda span: span[1]) == spans
    # and so does the projection, with every quote as evidence, the first in the text as its quote
    curie = g.namespace_manager.normalizeUri(p)
    edge = G.get_edge_data(s, o, curie)
    assert edge is not None, f"no projected edge {s} -{curie}-> {o}"
    assert not G.has_edge(o, s, curie), f"the projection has {o} -{curie}-> {s}"
    _, first_start, first_end, first_quote = spans[0]
    assert (edge["quote"], edge["start"], edge["end"], edge["report"]) == \
        (first_quote, first_start, first_end, TINY_REPORT)
    assert [(e["quote"], e["start"], e["end"]) for e in edge["evidence"]] == [(q, st, en) for _, st, en, q in spans]


# --- what every other kind of fact is derived from ---------------------------------------------

def test_literal_attributes_and_report_fields_are_derived_from_their_quotes(tiny):
    g, G = tiny
    rows = [  # subject, property, value, quote
        (entity("expo"), SCHEMA.startDate, Literal("2024-05-01", datatype=XSD.date), "博览会于2024年5月1日开幕"),
        (entity("expo"), RG.theme, Literal("开放合作", lang="zh"), "博览会以“开放合作”为主题"),
        (report_iri(TINY_REPORT), DCTERMS.issued, Literal("2024-05-02", datatype=XSD.date), "发布日期:2024-05-02"),
        (report_iri(TINY_REPORT), DCTERMS.source, Literal("测试", lang="zh"), "来源:测试"),
        (report_iri(TINY_REPORT), RG.clickCount, Literal(12), "点击数:12"),
    ]
    for s, p, value, quote in rows:
        assert (s, p, value) in g, (s, p, value)
        node = _only((r for r in g.subjects(RG.property, p) if (r, RG.subject, s) in g), f"nodes of {s} {p}")
        assert value in set(g.objects(node, RG.object))
        _derived_from_its_quote(g, node, quote)
    start = [a for a in G.nodes["expo"]["attributes"] if a["predicate"] == "schema:startDate"]
    assert [(a["value"], a["quote"], a["start"]) for a in start] == [
        ("2024-05-01", "博览会于2024年5月1日开幕", TINY_TEXT.index("博览会于2024年5月1日开幕"))]


TINY_POSTS = [  # person, role, organisation, quote
    ("zhang", "mayor", "city-gov", "乙市政府市长张三"),
    ("li", "president", "assoc-a", "乙市铝业协会会长李四"),
    ("wang", "secretary-general", "alliance", "铝加工产业联盟秘书长王五"),
    ("zhao", "secretary-general", "assoc-b", "丁市铝业协会秘书长赵六"),
]


@pytest.mark.parametrize("person,role,organisation,quote", TINY_POSTS)
def test_posts_are_derived_from_their_quotes(tiny, person, role, organisation, quote):
    g, G = tiny
    post = _only(g.subjects(ORG.heldBy, entity(person)), f"posts of {person}")
    assert (post, ORG.postIn, entity(organisation)) in g and (post, ORG.role, entity(role)) in g
    assert (entity(person), ORG.holds, post) in g
    _derived_from_its_quote(g, post, quote)
    edge = G.edges[person, organisation, "org:holds"]
    assert (edge["role"], edge["quote"], edge["start"]) == (role, quote, TINY_TEXT.index(quote))


def test_statistics_are_derived_from_their_quotes(tiny):
    g, G = tiny
    rows = [("city-aluminium-output-2023", "120.5万吨", "2023年乙市电解铝产量120.5万吨"),
            ("city-aluminium-share-2023", "12.5%", "约占全省的12.5%")]
    for ident, raw, quote in rows:
        obs = URIRef(f"{DEFAULT_BASE}observation/{ident}")
        assert (obs, SCHEMA.observationAbout, entity("city")) in g
        assert (obs, RG.rawValue, Literal(raw, lang="zh")) in g
        _derived_from_its_quote(g, obs, quote)
        node = G.nodes[f"observation/{ident}"]
        assert (node["quote"], node["start"], node["raw"]) == (quote, TINY_TEXT.index(quote), raw)
    share = URIRef(f"{DEFAULT_BASE}observation/city-aluminium-share-2023")
    assert (share, SCHEMA.measurementDenominator, entity("province")) in g
    assert (share, RG.assertion, RG.Inferred) in g


# --- the heads flag of a post -----------------------------------------------------------------

def test_the_heads_flag_is_set_only_where_just_a_post_says_so(tiny):
    g, G = tiny
    # the RDF: a heading role implies org:headOf; a stated headOf is there whatever the post
    for person, org in (("zhang", "city-gov"), ("li", "assoc-a"), ("zhao", "assoc-b")):
        assert (entity(person), ORG.headOf, entity(org)) in g
    assert (entity("wang"), ORG.headOf, None) not in g
    flags = {(u, v): d["heads"] for u, v, k, d in G.edges(keys=True, data=True) if k == "org:holds"}
    assert flags == {
        ("zhang", "city-gov"): False,   # mayor, but the text also states it: its own headOf edge
        ("li", "assoc-a"): True,        # only her post as president says she heads it
        ("wang", "alliance"): False,    # a secretary-general heads nothing
        ("zhao", "assoc-b"): False,     # stated, not by his post
    }
    heads_edges = sorted((u, v) for u, v, k in G.edges(keys=True) if k == "org:headOf")
    assert heads_edges == [("zhang", "city-gov"), ("zhao", "assoc-b")]


# --- any corpus: the committed reports and the tiny one ------------------------------------------

#: The fixture sets built with the first report: the development sets and the held-out one.
_SETS = {"devset": DEVSET, "heldout": HELDOUT, "dev2": DEV2, "dev3": DEV3, "dev4": DEV4, "dev5": DEV5}


@pytest.fixture(scope="module")
def with_first(tmp_path_factory):
    """``(root, graph)`` of the first report with a fixture set of :data:`_SETS`, by name, each built
    once, when first asked for."""
    made = {}

    def corpus_of(name):
        if name not in made:
            root = devset_project(tmp_path_factory.mktemp(name), _SETS[name])
            made[name] = root, build_graph(load_corpus(root))
        return made[name]
    return corpus_of


@pytest.fixture(params=["reports", "tiny", *_SETS])
def corpus(request, graph, tiny, with_first):
    """``(root, graph)`` of the committed corpus, of the tiny one, and of the first report with the
    development sets (the first of eight reports) and with the held-out set."""
    if request.param == "reports":
        return ROOT, graph
    return (TINY, tiny[0]) if request.param == "tiny" else with_first(request.param)


def _spans(g, node):
    return [_mention(g, m) for m in g.objects(node, PROV.wasDerivedFrom)]


def _derived_from(g, node, report_dir, quote):
    """Some derivation of ``node`` is a mention of ``quote`` in that report, whose offsets slice it."""
    text = (report_dir / "report.txt").read_text(encoding="utf-8")
    spans = _spans(g, node)
    assert spans, f"{node} is derived from nothing"
    ours = [(s, e) for source, s, e, exact in spans
            if source == report_iri(report_dir.name) and exact == quote and text[s:e] == quote]
    assert ours, f"{node} is not derived from '{quote}' of {report_dir.name}: {spans}"


def test_every_relation_statement_lands_per_its_key_and_is_derived_from_its_quote(corpus):
    root, g = corpus
    checked, expected = 0, set()
    for report_dir in sorted(p.parent for p in (root / "reports").glob("*/facts.yaml")):
        for item in _facts(report_dir).get("relations", []):
            if item["relation"] not in DIRECTIONS:
                continue
            p, reversed_ = DIRECTIONS[item["relation"]]
            a, b = entity(item["subject"]), entity(item["object"])
            s, o = (b, a) if reversed_ else (a, b)
            both_ways = item["relation"] in SYMMETRIC_KEYS
            expected |= {(s, p, o), (o, p, s)} if both_ways else {(s, p, o)}
            assert (s, p, o) in g, f"{report_dir.name}: {item} is not stored as {s} {p} {o}"
            ends = [(s, o), (o, s)] if both_ways else [(s, o)]   # one node, as first stated
            nodes = [r for x, y in ends for r in g.subjects(RG.subject, x)
                     if (r, RG.property, p) in g and (r, RG.object, y) in g]
            _derived_from(g, _only(nodes, f"relation nodes of {s} {p} {o}"), report_dir, str(item["quote"]))
            checked += 1
    assert checked >= len(DIRECTIONS)
    for s, p, o in expected:   # nothing is stored the other way round unless stated or symmetric
        assert (s, p, o) in g and ((o, p, s) not in g or (o, p, s) in expected), \
            f"{o} {p} {s} is stored but never stated"
    stored = {(s, p, o) for p, _ in DIRECTIONS.values() for s, o in g.subject_objects(p)}
    posts = {(s, ORG.headOf, o) for s, o in g.subject_objects(ORG.headOf)
             if any((post, ORG.postIn, o) in g for post in g.subjects(ORG.heldBy, s))}
    assert stored - posts <= expected


def test_every_post_and_statistic_is_derived_from_its_quote(corpus):
    root, g = corpus
    checked = 0
    for report_dir in sorted(p.parent for p in (root / "reports").glob("*/facts.yaml")):
        facts = _facts(report_dir)
        for item in facts.get("posts", []):
            person, org, role = (entity(item[k]) for k in ("person", "organization", "role"))
            post = _only((p for p in g.subjects(ORG.heldBy, person)
                          if (p, ORG.postIn, org) in g and (p, ORG.role, role) in g), f"post {item}")
            assert (person, ORG.holds, post) in g
            _derived_from(g, post, report_dir, str(item["quote"]))
            checked += 1
        for item in facts.get("observations", []):
            obs = URIRef(f"{DEFAULT_BASE}observation/{item['id']}")
            assert set(g.objects(obs, RG.rawValue)) == {Literal(str(item["raw"]), lang="zh")}, item
            assert (obs, SCHEMA.observationAbout, entity(item["about"])) in g, item
            assert (obs, SCHEMA.variableMeasured, entity(item["variable"])) in g, item
            _derived_from(g, obs, report_dir, str(item["quote"]))
            checked += 1
    assert checked > 0


def _instances(g, cls):
    """Nodes of ``cls`` or of any subclass of it (by ontology.ttl); ``cls`` may be an owl:unionOf."""
    union = ONTOLOGY.value(cls, OWL.unionOf)
    if union is not None:
        return {n for member in Collection(ONTOLOGY, union) for n in _instances(g, member)}
    return {n for c in subclasses(ONTOLOGY, cls) for n in g.subjects(RDF.type, c)}


def test_shortcut_triples_respect_the_ontologys_domains_and_ranges(corpus):
    _, g = corpus
    checked = 0
    for p, _ in DIRECTIONS.values():
        domain, range_ = ONTOLOGY.value(p, RDFS.domain), ONTOLOGY.value(p, RDFS.range)
        for s, o in g.subject_objects(p):
            if domain is not None:
                assert s in _instances(g, domain), f"{s} {p} {o}: the subject is no {domain}"
                checked += 1
            if range_ is not None and isinstance(o, URIRef):
                assert o in _instances(g, range_), f"{s} {p} {o}: the object is no {range_}"
                checked += 1
    assert checked > 10


# --- the actor graph's weights --------------------------------------------------------------

def test_actor_edges_count_the_facts_between_two_actors_either_way():
    G = nx.MultiDiGraph()
    for node, category in (("assoc", "association"), ("gov", "government"), ("person", "person"),
                           ("event", "event"), ("place", "place"), ("sector", "concept"),
                           ("stage", "stage"), ("obs", "statistic")):
        G.add_node(node, category=category)
    for u, v, key in (("assoc", "gov", "rg:invited"), ("assoc", "gov", "rg:exchangedWith"),
                      ("gov", "assoc", "rg:supports"),            # 3 facts between assoc and gov
                      ("event", "assoc", "schema:attendee"),
                      ("event", "assoc", "schema:organizer"),      # 2 between event and assoc
                      ("person", "gov", "org:holds"),              # 1
                      ("event", "place", "schema:location"),       # 1
                      ("person", "person", "rg:follows"),          # a loop: no edge
                      ("event", "sector", "rg:focusSector"),       # classifying nodes: no edge
                      ("stage", "stage", "rg:feedsInto"), ("obs", "place", "schema:observationAbout")):
        G.add_edge(u, v, key=key)
    A = analysis.actor_graph(G)
    assert sorted(A.nodes) == ["assoc", "event", "gov", "person", "place"]
    assert not A.is_directed()
    assert {tuple(sorted((u, v))): w for u, v, w in A.edges(data="weight")} == {
        ("assoc", "gov"): 3, ("assoc", "event"): 2, ("gov", "person"): 1, ("event", "place"): 1}
    assert A.nodes["assoc"]["category"] == "association"   # node data kept
