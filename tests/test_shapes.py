"""shapes.ttl, negatively: for every constraint, breaking exactly what it checks is reported.

A constraint is one constraint component of one shape: each parameter of a property shape
(``sh:minCount``, ``sh:class`` …), each ``sh:sparql``, and each node-level parameter of a
node shape. :func:`constraints` enumerates them from shapes.ttl with rdflib, and ``CASES``
gives each one a negative case: what to break, on which node, and the severity expected.
A constraint added to shapes.ttl without a case fails :func:`test_every_constraint_has_a_negative_case`.

SHACL on the whole graph is the slow part, so the cases do not run one validation each:
every case breaks its own node (its focus), and all of them are validated together in one
run of :func:`reportgraph.validate.shacl`, as the build calls it (and once more by pySHACL,
the reference engine, which must report every case alike). The results stay
distinguishable because each names its focus node, source shape and constraint component
(and, for SPARQL constraints, its value): no two cases of one property shape break the same
node, and nodes whose breakage could show up under another constraint (relation nodes,
posts, mentions, observations, reports) are fresh copies, one per case. The same batch run
*without* the breakages (copies made, nothing broken) must conform, so what each case finds
is caused by its breakage and nothing else.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, SKOS, XSD

from helpers import ROOT, subclasses
from reportgraph import validate
from reportgraph.vocab import DEFAULT_BASE, OA, ORG, RG, SCHEMA, SH, UNIT

SHAPES = Graph().parse(ROOT / "shapes.ttl")
ONTOLOGY = Graph().parse(ROOT / "ontology.ttl")

# --- the constraints of shapes.ttl -------------------------------------------------------------

#: Shape parameters that are not constraints of their own (targets, wording, the parts of a
#: constraint that another parameter names).
NOT_CONSTRAINTS = {RDF.type, SH.path, SH.message, SH.severity, SH.name, SH.description,
                   SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                   SH.property, SH.sparql, SH.declare, SH.prefixes, SH.deactivated, SH.order,
                   SH.group, SH.flags, SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint,
                   SH.ignoredProperties}
#: Parameters of SHACL Core constraint components; the component is named after the parameter.
CONSTRAINT_PARAMETERS = {SH[p] for p in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "languageIn",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not", "and", "or",
    "xone", "node", "qualifiedMinCount", "qualifiedMaxCount", "closed", "hasValue", "in")}


@dataclass(frozen=True)
class Constraint:
    key: str            # "Mention (oa:hasSelector oa:exact) sh:minCount"
    slot: str           # the shape and path: cases of one slot break different nodes
    shape: object       # the source shape of its results (node shape IRI or property shape node)
    component: URIRef   # sh:MinCountConstraintComponent …
    path: object        # None, a property IRI, or a tuple of them (a sequence path)
    sparql: object      # the sh:sparql node of a SPARQL constraint, else None
    severity: URIRef


def _curie(term, graph=SHAPES):
    return graph.namespace_manager.normalizeUri(term)


def _path(shapes, node):
    """A path as a property IRI, a tuple of paths for a sequence path, or ``(sh:inversePath,
    path)`` and ``(sh:alternativePath, (path, …))``."""
    if node is None or isinstance(node, URIRef):
        return node
    if shapes.value(node, RDF.first) is not None:
        return tuple(_path(shapes, step) for step in Collection(shapes, node))
    for kind in (SH.inversePath, SH.alternativePath):
        inner = shapes.value(node, kind)
        if inner is not None:
            return kind, _path(shapes, inner)
    raise ValueError(f"a kind of path this test does not know: {node.n3()}")


def _path_text(path, graph=SHAPES):
    """A path as SPARQL writes it: ``rg:p``, ``(a b)`` for a sequence, ``^p``, ``(a|b)``."""
    if isinstance(path, URIRef):
        return _curie(path, graph)
    if path[0] == SH.inversePath:
        return "^" + _path_text(path[1], graph)
    if path[0] == SH.alternativePath:
        return "(" + "|".join(_path_text(p, graph) for p in path[1]) + ")"
    return "(" + " ".join(_path_text(p, graph) for p in path) + ")"


def constraints(shapes=SHAPES):
    """``{key: Constraint}`` of every constraint of every shape of ``shapes``.

    Raises ValueError on a shape parameter this test does not know, so that a new kind of
    constraint cannot go unnoticed.
    """
    out = {}

    def add(name, shape, path, key_tail, component, sparql=None):
        slot = f"{name} {_path_text(path, shapes)}" if path is not None else name
        if sparql is not None:
            slot = f"{name} sh:sparql \"{shapes.value(sparql, SH.message)}\""
        key = f"{slot} {key_tail}" if sparql is None else slot
        if key in out:
            raise ValueError(f"two constraints are both called {key!r}")
        severity = shapes.value(sparql if sparql is not None else shape, SH.severity) \
            or shapes.value(shape, SH.severity) or SH.Violation
        out[key] = Constraint(key, slot, shape, component, path, sparql, severity)

    def parameters(name, shape, path):
        for p, o in sorted(shapes.predicate_objects(shape)):
            if p in NOT_CONSTRAINTS:
                continue
            if p not in CONSTRAINT_PARAMETERS:
                raise ValueError(f"{name}: unknown shape parameter {_curie(p, shapes)}")
            local = p[len(SH):]
            tail = _curie(p, shapes)
            if p in (SH.qualifiedMinCount, SH.qualifiedMaxCount):   # told apart by what they count
                qualified = shapes.value(shape, SH.qualifiedValueShape)
                langs, cls = shapes.value(qualified, SH.languageIn), shapes.value(qualified, SH["class"])
                tail += "[" + (" ".join(map(str, Collection(shapes, langs))) if langs is not None
                               else _curie(cls, shapes) if cls is not None else qualified.n3()) + "]"
            add(name, shape, path, tail, SH[local[0].upper() + local[1:] + "ConstraintComponent"])
        for sparql in shapes.objects(shape, SH.sparql):
            add(name, shape, path, "", SH.SPARQLConstraintComponent, sparql)

    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        name = _curie(node_shape, shapes).split(":", 1)[1]
        parameters(name, node_shape, None)
        for prop in shapes.objects(node_shape, SH.property):
            parameters(name, prop, _path(shapes, shapes.value(prop, SH.path)))
    return out


CONSTRAINTS = constraints()

# --- breaking things ---------------------------------------------------------------------------

#: Classes whose nodes the cases never break in place but copy first: a broken relation node,
#: post, mention or observation can show up under a SPARQL constraint whose focus is shared
#: (rg:ShortcutProperty, the report), and a copy makes the value of that result unique.
COPIED = (RG.Relation, ORG.Post, RG.Mention, SCHEMA.Observation)
SHORTCUTS = set(ONTOLOGY.subjects(RDF.type, RG.ShortcutProperty))


@dataclass
class Expect:
    focus: object
    value: object = None    # for SPARQL constraints: the result's sh:value
    says: str = ""          # text the result's message must contain


class Case:
    """What one case may do to the batch graph ``g``.

    ``copy``, ``pick`` and ``fresh`` make the same nodes in both batches; ``drop``, ``extra``,
    ``swap`` and ``add`` break things, and only in the batch that breaks (``breaking``).
    """

    def __init__(self, g, number, slot, used, breaking):
        self.g, self.number, self.slot, self.used, self.breaking = g, number, slot, used, breaking

    # making and picking (both batches)
    def fresh(self, name):
        """A new IRI of this case; typed nothing, so of no class a shape asks for."""
        return URIRef(f"urn:reportgraph-test:case-{self.number}:{name}")

    def instances(self, cls=None, has=None):
        g = self.g
        if cls is not None:
            nodes = {n for c in subclasses(ONTOLOGY, cls) for n in g.subjects(RDF.type, c)}
        else:
            nodes = set(g.subjects(has, None))
        if has is not None:
            p, v = has if isinstance(has, tuple) else (has, None)
            nodes = {n for n in nodes if (n, p, v) in g}
        return sorted(nodes, key=str)

    def pick(self, cls=None, has=None):
        """A node of ``cls`` (with a value for ``has``) that no other case of this slot breaks;
        for the classes of COPIED, a fresh copy of one."""
        nodes = self.instances(cls, has)
        assert nodes, f"the graph has no {cls or ''} with {has} to break"
        if cls in COPIED:
            return self.copy(nodes[0])
        for node in nodes:
            if node not in self.used.setdefault(self.slot, set()):
                self.used[self.slot].add(node)
                return node
        raise AssertionError(f"{self.slot}: not enough nodes of {cls} with {has} to break one per case")

    def copy(self, node, name="copy"):
        """A fresh node with the statements of ``node`` (its selectors copied too), less the
        shortcut triples, which would need their own relation nodes."""
        g, new = self.g, self.fresh(name)
        for p, o in list(g.predicate_objects(node)):
            if p in SHORTCUTS:
                continue
            if p == OA.hasSelector:
                selector = self.fresh(f"{name}-selector-{len(list(g.objects(new, OA.hasSelector)))}")
                for sp, so in list(g.predicate_objects(o)):
                    g.add((selector, sp, so))
                o = selector
            g.add((new, p, o))
        return new

    def report(self):
        """A fresh copy of the report: the real one anchors every mention and must stay whole."""
        return self.copy(self.instances(SCHEMA.NewsArticle)[0], "report")

    def person(self):
        """A fresh, valid person (labelled zh and en)."""
        person = self.fresh("person")
        for triple in ((person, RDF.type, FOAF.Person), (person, SKOS.prefLabel, Literal("测试人", lang="zh")),
                       (person, SKOS.prefLabel, Literal("Test Person", lang="en"))):
            self.g.add(triple)
        return person

    # breaking (only in the breaking batch)
    def _ends(self, focus, path):
        """The ``(node, property)`` pairs whose values are the values of ``path`` at ``focus``."""
        *hops, last = path if isinstance(path, tuple) else (path,)
        nodes = [focus]
        for hop in hops:
            nodes = [o for n in nodes for o in self.g.objects(n, hop)]
        return [(n, last) for n in nodes]

    def drop(self, focus, path):
        """Remove every value of ``path`` at ``focus``."""
        ends = self._ends(focus, path)
        assert any(self.g.value(n, p) is not None for n, p in ends), f"{focus} has no {path} to drop"
        if self.breaking:
            for n, p in ends:
                self.g.remove((n, p, None))
        return focus

    def swap(self, focus, path, value):
        """Replace every value of ``path`` at ``focus`` with ``value``."""
        ends = [(n, p) for n, p in self._ends(focus, path) if self.g.value(n, p) is not None]
        assert ends, f"{focus} has no {path} to swap"
        if self.breaking:
            for n, p in ends:
                self.g.set((n, p, value))
        return focus

    def extra(self, focus, path, value):
        """Give ``path`` at ``focus`` one more (different) value."""
        ends = [(n, p) for n, p in self._ends(focus, path) if self.g.value(n, p) is not None] \
            or self._ends(focus, path)
        n, p = ends[0]
        assert (n, p, value) not in self.g
        if self.breaking:
            self.g.add((n, p, value))
        return focus

    def add(self, s, p, o):
        if self.breaking:
            self.g.add((s, p, o))

    def value(self, focus, path):
        (value,) = {v for n, p in self._ends(focus, path) for v in self.g.objects(n, p)}
        return value


V, W = "Violation", "Warning"
START, END, EXACT = (OA.hasSelector, OA.start), (OA.hasSelector, OA.end), (OA.hasSelector, OA.exact)
DATE = Literal("2023-08-02", datatype=XSD.date)


def _offsets_shifted(c):
    mention = c.pick(RG.Mention)
    c.swap(mention, START, Literal(c.value(mention, START).toPython() + 1))
    c.swap(mention, END, Literal(c.value(mention, END).toPython() + 1))
    return Expect(c.g.value(mention, OA.hasSource), mention)


def _relation_states_an_unasserted_triple(c):
    # A copy of a relation node about a fresh subject, with its shortcut triple: the triple of
    # the node copied may be broken by another case.
    targeted = set(SHAPES.objects(None, SH.targetSubjectsOf))
    relation = c.copy(next(r for r in c.instances(RG.Relation) if c.g.value(r, RG.property) not in targeted))
    subject = c.fresh("subject")
    c.g.set((relation, RG.subject, subject))
    for o in c.g.objects(relation, RG.object):
        c.g.add((subject, c.g.value(relation, RG.property), o))
    c.swap(relation, RG.object, c.fresh("elsewhere"))
    return Expect(RG.ShortcutProperty, relation)


def _unbacked_shortcut(c):
    relation = next(r for r in c.instances(RG.Relation) if isinstance(c.g.value(r, RG.object), URIRef))
    subject, prop, obj = c.fresh("subject"), c.g.value(relation, RG.property), c.g.value(relation, RG.object)
    c.add(subject, prop, obj)
    return Expect(RG.ShortcutProperty, subject, says=f"{prop} {obj}")


def _holds_a_post_without_provenance(c):
    person, post = c.person(), c.pick(ORG.Post)
    c.g.set((post, ORG.heldBy, person))
    c.g.add((person, ORG.holds, post))
    c.drop(post, PROV.wasDerivedFrom)
    return Expect(RG.ShortcutProperty, person, says=str(post))


def _heads_without_post_or_relation(c):
    person, organisation = c.person(), c.instances(ORG.Organization)[0]
    c.add(person, ORG.headOf, organisation)
    return Expect(RG.ShortcutProperty, person, says=str(organisation))


def _mentions_without_a_mention(c):
    report = c.instances(SCHEMA.NewsArticle)[0]
    entity = sorted(c.g.objects(report, SCHEMA.mentions), key=str)[0]
    for mention in list(c.g.subjects(RG.denotes, entity)):
        c.drop(mention, RG.denotes)
    return Expect(report, report, says=str(entity))   # a SELECT with no ?value: the value is the focus


def _share_without_denominator(c):
    obs = c.pick(SCHEMA.Observation, has=(SCHEMA.unitCode, UNIT.PERCENT))
    c.drop(obs, SCHEMA.measurementDenominator)
    return Expect(obs, obs)   # a SELECT with no ?value: the value is the focus


def _node(c, subject_of, obj_cls):
    """A fresh node, of no class, made the subject of ``subject_of`` with a real object."""
    node = c.fresh("untyped")
    c.add(node, subject_of, c.instances(obj_cls)[0])
    return node


def _designation_of_no_class(c):
    designation = c.fresh("designation")
    c.add(c.instances(has=RG.designation)[0], RG.designation, designation)
    return designation


def _issued_twice(c):
    report = c.report()   # the copy has no dcterms:issued (a shortcut): it is given two
    c.add(report, DCTERMS.issued, DATE)
    c.add(report, DCTERMS.issued, Literal("2023-08-03", datatype=XSD.date))
    return report


def _report_given_two(c, prop, one, other):
    report = c.report()   # a copy with none of prop (the seed's report states no title, url or access)
    c.add(report, prop, one)
    c.add(report, prop, other)
    return report


def _issued_as_text(c):
    report = c.report()
    c.add(report, DCTERMS.issued, Literal("2023-08-02"))
    return report


def _second_property(c):
    relation = c.pick(RG.Relation)
    other = next(p for p in sorted(SHORTCUTS) if (relation, RG.property, p) not in c.g)
    return c.extra(relation, RG.property, other)


def _feeds_two_stages(c):
    stage = c.pick(has=RG.feedsInto)
    other = next(t for t in c.instances(RG.IndustryChainStage)
                 if t != stage and (stage, RG.feedsInto, t) not in c.g)
    return c.extra(stage, RG.feedsInto, other)


def _symmetric_one_way(c):
    relation = c.instances(RG.Relation, has=(RG.property, RG.exchangedWith))[-1]   # no other case touches it
    subject, obj = c.g.value(relation, RG.subject), c.g.value(relation, RG.object)
    if c.breaking:   # the way back is missing
        c.g.remove((obj, RG.exchangedWith, subject))
    return Expect(RG.ShortcutProperty, subject, says=f"{RG.exchangedWith} {obj}")


def _department_under_no_government(c):
    department = c.pick(RG.GovernmentDepartment)
    return c.drop(department, ORG.subOrganizationOf)


def _party_of_no_class(c):
    node = c.fresh("untyped")   # a party to the last agreement: the first loses one (below)
    c.add(node, RG.partyTo, c.instances(RG.Agreement)[-1])
    return node


def _party_of_the_last_agreement(c):
    return sorted(c.g.subjects(RG.partyTo, c.instances(RG.Agreement)[-1]), key=str)[0]


def _agreement_of_one_party(c):
    agreement = c.pick(RG.Agreement)
    party = sorted(c.g.subjects(RG.partyTo, agreement), key=str)[0]
    if c.breaking:
        c.g.remove((party, RG.partyTo, agreement))
    return agreement


def _inferred_without_note(c):
    return c.drop(c.pick(RG.Relation, has=RG.inferenceNote), RG.inferenceNote)


#: constraint key -> (severity, breakage). A breakage takes a :class:`Case` and returns the
#: focus node of the result it must cause (or an :class:`Expect`).
CASES = {
    # every entity: one zh name, an en name expected
    "Labelled skos:prefLabel sh:languageIn": (V, lambda c: c.extra(c.pick(FOAF.Person), SKOS.prefLabel, Literal("x", lang="fr"))),
    "Labelled skos:prefLabel sh:uniqueLang": (V, lambda c: c.extra(c.pick(FOAF.Person), SKOS.prefLabel, Literal("另一个名字", lang="zh"))),
    "Labelled skos:prefLabel sh:qualifiedMinCount[zh]": (V, lambda c: c.swap(c.pick(FOAF.Person), SKOS.prefLabel, Literal("Only English", lang="en"))),
    "Labelled skos:prefLabel sh:qualifiedMinCount[en]": (W, lambda c: c.swap(c.pick(FOAF.Person), SKOS.prefLabel, Literal("只有中文", lang="zh"))),
    # the report
    "Report schema:text sh:minCount": (V, lambda c: c.drop(c.report(), SCHEMA.text)),
    "Report schema:text sh:maxCount": (V, lambda c: c.extra(c.report(), SCHEMA.text, Literal("另一篇"))),
    "Report schema:text sh:datatype": (V, lambda c: c.swap(c.report(), SCHEMA.text, Literal("全文", lang="zh"))),
    "Report rg:sha256 sh:minCount": (V, lambda c: c.drop(c.report(), RG.sha256)),
    "Report rg:sha256 sh:maxCount": (V, lambda c: c.extra(c.report(), RG.sha256, Literal("0" * 64))),
    "Report rg:sha256 sh:pattern": (V, lambda c: c.swap(c.report(), RG.sha256, Literal("5E8FBDC2"))),
    "Report dcterms:issued sh:maxCount": (V, _issued_twice),
    "Report dcterms:issued sh:datatype": (V, _issued_as_text),
    "Report dcterms:title sh:maxCount": (V, lambda c: _report_given_two(c, DCTERMS.title, Literal("标题", lang="zh"), Literal("另一个标题", lang="zh"))),
    "Report dcterms:title sh:datatype": (V, lambda c: c.extra(c.report(), DCTERMS.title, Literal("无语言标签的标题"))),
    "Report schema:url sh:maxCount": (V, lambda c: _report_given_two(c, SCHEMA.url, *(Literal(f"https://example.org/{x}", datatype=XSD.anyURI) for x in "ab"))),
    "Report schema:url sh:datatype": (V, lambda c: c.extra(c.report(), SCHEMA.url, Literal("https://example.org/a"))),
    "Report rg:accessed sh:maxCount": (V, lambda c: _report_given_two(c, RG.accessed, DATE, Literal("2023-08-03", datatype=XSD.date))),
    "Report rg:accessed sh:datatype": (V, lambda c: c.extra(c.report(), RG.accessed, Literal("2026-11-27"))),
    "Report dcterms:language sh:minCount": (V, lambda c: c.drop(c.report(), DCTERMS.language)),
    "Report dcterms:language sh:maxCount": (V, lambda c: c.extra(c.report(), DCTERMS.language, Literal("en", datatype=XSD.language))),
    # mentions
    "Mention oa:hasSource sh:minCount": (V, lambda c: c.drop(c.pick(RG.Mention), OA.hasSource)),
    "Mention oa:hasSource sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Mention), OA.hasSource, c.report())),
    "Mention oa:hasSource sh:class": (V, lambda c: c.swap(c.pick(RG.Mention), OA.hasSource, c.fresh("not-a-report"))),
    "Mention (oa:hasSelector oa:start) sh:minCount": (V, lambda c: c.drop(c.pick(RG.Mention), START)),
    "Mention (oa:hasSelector oa:start) sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Mention), START, Literal(10 ** 6))),
    "Mention (oa:hasSelector oa:start) sh:datatype": (V, lambda c: c.swap(c.pick(RG.Mention), START, Literal("5"))),
    "Mention (oa:hasSelector oa:start) sh:minInclusive": (V, lambda c: c.swap(c.pick(RG.Mention), START, Literal(-1))),
    "Mention (oa:hasSelector oa:end) sh:minCount": (V, lambda c: c.drop(c.pick(RG.Mention), END)),
    "Mention (oa:hasSelector oa:end) sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Mention), END, Literal(10 ** 6))),
    "Mention (oa:hasSelector oa:end) sh:datatype": (V, lambda c: c.swap(c.pick(RG.Mention), END, Literal("5"))),
    "Mention (oa:hasSelector oa:exact) sh:minCount": (V, lambda c: c.drop(c.pick(RG.Mention), EXACT)),
    "Mention (oa:hasSelector oa:exact) sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Mention), EXACT, Literal("另一段原文"))),
    "Mention (oa:hasSelector oa:exact) sh:minLength": (V, lambda c: c.swap(c.pick(RG.Mention), EXACT, Literal(""))),
    "Mention rg:denotes sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Mention, has=RG.denotes), RG.denotes, c.fresh("entity"))),
    "Mention rg:mentionKind sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Mention, has=RG.mentionKind), RG.mentionKind, c.fresh("kind"))),
    "Mention rg:mentionKind sh:in": (V, lambda c: c.swap(c.pick(RG.Mention, has=RG.mentionKind), RG.mentionKind, RG.Stated)),
    "MentionOffsets sh:sparql \"the offsets of mention {?value} do not slice its quote out of the report's text\"": (V, _offsets_shifted),
    'MentionsBacked sh:sparql "the report has schema:mentions {?o}, but none of its mentions denotes {?o}"': (V, _mentions_without_a_mention),
    # provenance
    "Provenance prov:wasDerivedFrom sh:minCount": (V, lambda c: c.drop(c.pick(SCHEMA.Observation), PROV.wasDerivedFrom)),
    "Provenance prov:wasDerivedFrom sh:class": (V, lambda c: c.swap(c.pick(ORG.Post), PROV.wasDerivedFrom, c.fresh("not-a-mention"))),
    "Provenance rg:assertion sh:minCount": (V, lambda c: c.drop(c.pick(RG.Relation), RG.assertion)),
    "Provenance rg:assertion sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Relation, has=(RG.assertion, RG.Stated)), RG.assertion, RG.Inferred)),
    "Provenance rg:assertion sh:in": (V, lambda c: c.swap(c.pick(RG.Relation), RG.assertion, RG.NameMention)),
    "Provenance sh:or": (V, _inferred_without_note),
    # relation nodes
    "Relation rg:subject sh:minCount": (V, lambda c: c.drop(c.pick(RG.Relation), RG.subject)),
    "Relation rg:subject sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Relation), RG.subject, c.fresh("subject"))),
    "Relation rg:subject sh:nodeKind": (V, lambda c: c.swap(c.pick(RG.Relation), RG.subject, Literal("miit"))),
    "Relation rg:property sh:minCount": (V, lambda c: c.drop(c.pick(RG.Relation), RG.property)),
    "Relation rg:property sh:maxCount": (V, _second_property),
    "Relation rg:property sh:class": (V, lambda c: c.swap(c.pick(RG.Relation), RG.property, ORG.heldBy)),
    "Relation rg:object sh:minCount": (V, lambda c: c.drop(c.pick(RG.Relation), RG.object)),
    # shortcut triples and the nodes that back them
    'ShortcutBacked sh:sparql "the relation node {?value} states a triple that is not asserted as a shortcut"': (V, _relation_states_an_unasserted_triple),
    'ShortcutBacked sh:sparql "shortcut triple {?value} {?p} {?o} has no rg:Relation node with provenance that states it"': (V, _unbacked_shortcut),
    'ShortcutBacked sh:sparql "{?value} org:holds {?o}, but no org:Post with provenance is held by {?value}"': (V, _holds_a_post_without_provenance),
    'ShortcutBacked sh:sparql "{?value} org:headOf {?o}, but neither a post nor a relation node with provenance states it"': (V, _heads_without_post_or_relation),
    'ShortcutBacked sh:sparql "{?value} {?p} {?o} holds both ways ({?p} is symmetric), but {?o} {?p} {?value} is not asserted"': (V, _symmetric_one_way),
    # events
    "Event schema:organizer sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=SCHEMA.organizer), SCHEMA.organizer, c.fresh("not-an-agent"))),
    "Event schema:attendee sh:or": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=SCHEMA.attendee), SCHEMA.attendee, c.fresh("not-an-agent"))),
    "Event schema:performer sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=SCHEMA.performer), SCHEMA.performer, c.fresh("not-an-agent"))),
    "Event schema:superEvent sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=SCHEMA.superEvent), SCHEMA.superEvent, c.fresh("not-an-event"))),
    "Event schema:location sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=SCHEMA.location), SCHEMA.location, c.fresh("not-a-place"))),
    "Event schema:startDate sh:datatype": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=SCHEMA.startDate), SCHEMA.startDate, Literal("2023-07-30"))),
    "Event schema:startDate sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Event, has=SCHEMA.startDate), SCHEMA.startDate, Literal("1999-01-01", datatype=XSD.date))),
    "Event rg:undertaker sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=RG.undertaker), RG.undertaker, c.fresh("not-an-agent"))),
    "Event rg:coOrganizer sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=RG.coOrganizer), RG.coOrganizer, c.fresh("not-an-agent"))),
    "Event rg:guidingUnit sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=RG.guidingUnit), RG.guidingUnit, c.fresh("not-an-agent"))),
    "Event rg:chair sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=RG.chair), RG.chair, c.fresh("not-a-person"))),
    "Event rg:theme sh:datatype": (V, lambda c: c.swap(c.pick(SCHEMA.Event, has=RG.theme), RG.theme, Literal("主题"))),
    # posts
    "Post org:role sh:minCount": (V, lambda c: c.drop(c.pick(ORG.Post), ORG.role)),
    "Post org:role sh:maxCount": (V, lambda c: c.extra(c.pick(ORG.Post), ORG.role, c.fresh("role"))),
    "Post org:role sh:class": (V, lambda c: c.swap(c.pick(ORG.Post), ORG.role, c.fresh("not-a-role"))),
    "Post org:postIn sh:minCount": (V, lambda c: c.drop(c.pick(ORG.Post), ORG.postIn)),
    "Post org:postIn sh:maxCount": (V, lambda c: c.extra(c.pick(ORG.Post), ORG.postIn, c.fresh("organisation"))),
    "Post org:postIn sh:class": (V, lambda c: c.swap(c.pick(ORG.Post), ORG.postIn, c.fresh("not-an-agent"))),
    "Post org:heldBy sh:minCount": (V, lambda c: c.drop(c.pick(ORG.Post), ORG.heldBy)),
    "Post rg:electedAt sh:class": (V, lambda c: c.extra(c.pick(ORG.Post), RG.electedAt, c.fresh("not-an-event"))),
    "Post rg:appointedAt sh:class": (V, lambda c: c.extra(c.pick(ORG.Post), RG.appointedAt, c.fresh("not-an-event"))),
    "Post org:heldBy sh:class": (V, lambda c: c.swap(c.pick(ORG.Post), ORG.heldBy, c.fresh("not-a-person"))),
    # types along the edges
    "Place sh:class": (V, lambda c: _node(c, SCHEMA.containedInPlace, SCHEMA.Place)),
    "Place schema:containedInPlace sh:class": (V, lambda c: c.swap(c.pick(has=SCHEMA.containedInPlace), SCHEMA.containedInPlace, c.fresh("not-a-place"))),
    "Organisations org:unitOf sh:class": (V, lambda c: c.swap(c.pick(has=ORG.unitOf), ORG.unitOf, c.fresh("not-an-organisation"))),
    "Organisations org:subOrganizationOf sh:class": (V, lambda c: c.swap(c.pick(has=ORG.subOrganizationOf), ORG.subOrganizationOf, c.fresh("not-an-organisation"))),
    "Friendly sh:class": (V, lambda c: _node(c, RG.friendlyAssociationOf, RG.IndustryAssociation)),
    "Friendly rg:friendlyAssociationOf sh:class": (V, lambda c: c.swap(c.pick(has=RG.friendlyAssociationOf), RG.friendlyAssociationOf, c.fresh("not-an-association"))),
    "Chain sh:class": (V, lambda c: _node(c, RG.feedsInto, RG.IndustryChainStage)),
    "Chain rg:feedsInto sh:class": (V, lambda c: c.swap(c.pick(has=RG.feedsInto), RG.feedsInto, c.fresh("not-a-stage"))),
    "Chain rg:feedsInto sh:maxCount": (V, _feeds_two_stages),
    "Designation sh:class": (V, _designation_of_no_class),
    "Agreements sh:class": (V, _party_of_no_class),
    "Agreements rg:partyTo sh:class": (V, lambda c: c.extra(_party_of_the_last_agreement(c), RG.partyTo, c.fresh("not-an-agreement"))),
    "Agreements rg:signedAgreementWith sh:class": (V, lambda c: c.extra(c.pick(has=RG.signedAgreementWith), RG.signedAgreementWith, c.fresh("not-an-agent"))),
    "Agreement rg:agreementKind sh:class": (V, lambda c: c.swap(c.pick(RG.Agreement, has=RG.agreementKind), RG.agreementKind, c.fresh("not-a-kind"))),
    "Agreement dcterms:date sh:datatype": (V, lambda c: c.swap(c.pick(RG.Agreement, has=DCTERMS.date), DCTERMS.date, Literal("2024-05-02"))),
    "Agreement dcterms:date sh:maxCount": (V, lambda c: c.extra(c.pick(RG.Agreement, has=DCTERMS.date), DCTERMS.date, Literal("1999-01-01", datatype=XSD.date))),
    "Agreement ^rg:partyTo sh:minCount": (W, _agreement_of_one_party),
    "Visits sh:class": (V, lambda c: _node(c, RG.visited, ORG.Organization)),
    "Visits rg:visited sh:or": (V, lambda c: c.swap(c.pick(has=RG.visited), RG.visited, c.fresh("not-an-agent-or-place"))),
    "Department (org:subOrganizationOf|org:unitOf) sh:qualifiedMinCount[rg:GovernmentBody]": (W, _department_under_no_government),
    # statistics
    "Observation schema:observationAbout sh:minCount": (V, lambda c: c.drop(c.pick(SCHEMA.Observation), SCHEMA.observationAbout)),
    "Observation schema:observationAbout sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Observation), SCHEMA.observationAbout, c.fresh("area"))),
    "Observation schema:observationAbout sh:nodeKind": (V, lambda c: c.swap(c.pick(SCHEMA.Observation), SCHEMA.observationAbout, Literal("百色市"))),
    "Observation schema:variableMeasured sh:minCount": (V, lambda c: c.drop(c.pick(SCHEMA.Observation), SCHEMA.variableMeasured)),
    "Observation schema:variableMeasured sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Observation), SCHEMA.variableMeasured, c.fresh("variable"))),
    "Observation schema:variableMeasured sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Observation), SCHEMA.variableMeasured, c.fresh("not-a-variable"))),
    "Observation schema:value sh:minCount": (V, lambda c: c.drop(c.pick(SCHEMA.Observation), SCHEMA.value)),
    "Observation schema:value sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Observation), SCHEMA.value, Literal(Decimal("0.5")))),
    "Observation schema:value sh:datatype": (V, lambda c: c.swap(c.pick(SCHEMA.Observation), SCHEMA.value, Literal("959.33"))),
    "Observation schema:unitCode sh:minCount": (V, lambda c: c.drop(c.pick(SCHEMA.Observation), SCHEMA.unitCode)),
    "Observation schema:unitCode sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Observation), SCHEMA.unitCode, UNIT["KiloGM-TEST"])),
    "Observation schema:unitCode sh:nodeKind": (V, lambda c: c.swap(c.pick(SCHEMA.Observation), SCHEMA.unitCode, Literal(str(UNIT.TONNE)))),
    "Observation schema:unitCode sh:or": (V, lambda c: c.swap(c.pick(SCHEMA.Observation), SCHEMA.unitCode, URIRef("http://example.org/unit/TONNE"))),
    "Observation rg:rawValue sh:minCount": (V, lambda c: c.drop(c.pick(SCHEMA.Observation), RG.rawValue)),
    "Observation rg:rawValue sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Observation), RG.rawValue, Literal("1吨", lang="zh"))),
    "Observation schema:observationDate sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Observation, has=SCHEMA.observationDate), SCHEMA.observationDate, Literal("1999", datatype=XSD.gYear))),
    "Observation schema:observationDate sh:datatype": (V, lambda c: c.swap(c.pick(SCHEMA.Observation, has=SCHEMA.observationDate), SCHEMA.observationDate, Literal(2022))),
    "Observation schema:measurementDenominator sh:maxCount": (V, lambda c: c.extra(c.pick(SCHEMA.Observation, has=SCHEMA.measurementDenominator), SCHEMA.measurementDenominator, c.fresh("area"))),
    "Observation schema:measurementDenominator sh:or": (V, lambda c: c.swap(c.pick(SCHEMA.Observation, has=SCHEMA.measurementDenominator), SCHEMA.measurementDenominator, c.fresh("not-a-place"))),
    "Observation rg:qualifier sh:class": (V, lambda c: c.swap(c.pick(SCHEMA.Observation, has=RG.qualifier), RG.qualifier, c.fresh("not-a-qualifier"))),
    'Observation sh:sparql "a share (a % of a total the report names, rg:denominatorText) must name what it is a share of (schema:measurementDenominator)"': (V, _share_without_denominator),
}

# --- the batches -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    focus: object
    shape: object
    component: URIRef
    path: object
    sparql: object
    value: object
    severity: URIRef
    message: str


@dataclass
class Batch:
    graph: Graph
    expected: dict      # key -> Expect
    conforms: bool
    findings: list      # what reportgraph.validate.shacl says
    results: list       # the report graph's results, as Result


def _validate(g, engine=None):
    """``validate.shacl`` as the build calls it (or, given ``engine``, validate's own call of that
    engine), keeping the report graph it reads the findings from."""
    seen = []
    read = validate.findings

    def keep(report, data):
        seen.append(report)
        return read(report, data)

    validate.findings = keep
    try:
        if engine is None:
            conforms, findings = validate.shacl(g, SHAPES, ONTOLOGY)
        else:
            conforms, findings = validate._validate(engine, g, SHAPES, ONTOLOGY)
    finally:
        validate.findings = read
    (report,) = seen
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        results.append(Result(
            report.value(r, SH.focusNode), report.value(r, SH.sourceShape),
            report.value(r, SH.sourceConstraintComponent), _path(report, path),
            report.value(r, SH.sourceConstraint), report.value(r, SH.value),
            report.value(r, SH.resultSeverity), str(report.value(r, SH.resultMessage) or "")))
    return conforms, findings, results


def run_cases(graph, breaking):
    """A copy of ``graph`` with every case's copies made and the breakage of the cases named in
    ``breaking`` done; validated."""
    g = Graph() + graph
    for prefix, ns in graph.namespaces():
        g.bind(prefix, ns, override=True)
    used, expected = {}, {}
    for number, key in enumerate(sorted(CASES)):
        slot = CONSTRAINTS[key].slot if key in CONSTRAINTS else key
        found = CASES[key][1](Case(g, number, slot, used, key in breaking))
        expected[key] = found if isinstance(found, Expect) else Expect(found)
    return Batch(g, expected, *_validate(g))


@pytest.fixture(scope="module")
def both(graph):
    """The built graph and the tiny corpus's, which uses every relation key and type."""
    from reportgraph.load import load_corpus
    from reportgraph.rdf import build_graph

    return graph + build_graph(load_corpus(ROOT / "tests" / "fixtures" / "tiny"))


@pytest.fixture(scope="module")
def whole(both):
    """The graphs, copies made, nothing broken."""
    return run_cases(both, breaking=())


@pytest.fixture(scope="module")
def broken(both):
    """The graphs with every case's breakage."""
    return run_cases(both, breaking=set(CASES))


# --- the tests ---------------------------------------------------------------------------------

def test_every_constraint_has_a_negative_case():
    declared = set(CONSTRAINTS)
    assert len(declared) > 80   # the enumeration sees the constraints at all
    assert not declared - set(CASES), "constraints of shapes.ttl with no negative case here: " \
        + ", ".join(sorted(declared - set(CASES)))
    assert not set(CASES) - declared, "negative cases of constraints shapes.ttl no longer has: " \
        + ", ".join(sorted(set(CASES) - declared))


def test_the_enumeration_knows_every_constraint_kind():
    extra = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:maxLength 3 ] ;
            sh:sparql [ sh:message "m" ; sh:select "SELECT $this WHERE {}" ] ; sh:closed true .""")
    assert sorted(constraints(extra)) == ["S ex:p sh:maxLength", "S ex:p sh:minCount", "S sh:closed",
                                          'S sh:sparql "m"']
    with pytest.raises(ValueError, match="unknown shape parameter"):
        constraints(Graph().parse(data="""
            @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
            ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:newThing 1 ] ."""))


def test_the_built_graph_conforms(graph):
    conforms, findings, results = _validate(graph)
    assert conforms and findings == [] and results == []


def test_the_cases_copies_conform_before_they_are_broken(whole):
    assert whole.conforms and whole.findings == [], "\n".join(map(str, whole.findings))


@pytest.mark.parametrize("key", sorted(CASES))
def test_breaking_a_constraint_is_reported(key, whole, broken):
    severity, _ = CASES[key]
    assert key in CONSTRAINTS, f"shapes.ttl has no constraint {key!r} any more"
    constraint, expect = CONSTRAINTS[key], broken.expected[key]
    assert expect == whole.expected[key]   # both batches made the same nodes

    found = _reported(broken.results, constraint, expect)
    others = sorted({f"{_curie(r.component)} {r.message}" for r in broken.results if r.focus == expect.focus})
    assert found, f"breaking {key} at {expect.focus} was not reported by that constraint; " \
                  f"results on that node: {others}"
    for r in found:
        assert r.severity == SH[severity], f"{key}: reported as {_curie(r.severity)}, not sh:{severity}"
        assert r.path == constraint.path
        assert expect.says in r.message, r.message
    focus = expect.focus.n3(broken.graph.namespace_manager)
    assert any(f.severity == severity and f.focus == focus for f in broken.findings), \
        f"reportgraph.validate.shacl does not list a {severity} at {focus}"
    assert not broken.conforms or severity == W


def _reported(results, constraint, expect):
    return [r for r in results if r.focus == expect.focus and r.shape == constraint.shape
            and r.component == constraint.component
            and (constraint.sparql is None or (r.sparql == constraint.sparql and r.value == expect.value))]


def test_pyshacl_reports_every_case_as_the_build_engine_does(broken):
    """The build validates with pyshacl-turbo (reportgraph.validate); pySHACL, the engine it
    stands in for, must report every case with the same shape, component, path and severity."""
    import pyshacl

    conforms, _, results = _validate(broken.graph, pyshacl)
    assert conforms == broken.conforms
    differ = []
    for key, expect in broken.expected.items():
        constraint = CONSTRAINTS[key]

        def seen(found):
            return sorted((str(r.severity), str(r.path)) for r in _reported(found, constraint, expect))

        if not seen(results) or seen(results) != seen(broken.results):
            differ.append(f"{key}: pySHACL {seen(results)}, the build's engine {seen(broken.results)}")
    assert not differ, "\n".join(differ)


def test_findings_name_a_sequence_path_readably(broken):
    focus = broken.expected["Mention (oa:hasSelector oa:exact) sh:minCount"].focus
    paths = {f.path for f in broken.findings if f.focus == focus.n3(broken.graph.namespace_manager)}
    assert paths and not any(p.startswith("_:") for p in paths), paths


def test_a_relation_node_is_backed_only_by_the_very_term_it_states():
    """12 and 12.0 are equal numbers but other terms: a node stating 12.0 is not backed by a shortcut 12."""
    data = Graph().parse(format="turtle", data="""
        @prefix rg: <https://reportgraph.example/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:rep> rg:clickCount 12 .
        <urn:r> rg:subject <urn:rep> ; rg:property rg:clickCount ; rg:object "12.0"^^xsd:decimal .""")
    conforms, findings = validate.shacl(data, SHAPES, ONTOLOGY)
    assert any("the relation node urn:r states a triple that is not asserted as a shortcut" in f.message
               for f in findings), findings


def test_a_drafted_fact_is_valid_only_with_the_rule_that_drafted_it(graph):
    """The third assertion mode (python build_graph.py add): rg:Drafted needs rg:draftRule."""
    g = Graph() + graph
    node = sorted(g.subjects(RG.assertion, RG.Stated), key=str)[0]
    g.set((node, RG.assertion, RG.Drafted))
    conforms, findings, results = _validate(g)
    assert not conforms
    assert {(r.focus, r.shape) for r in results} == {(node, URIRef("https://reportgraph.example/shapes#Provenance"))}
    g.add((node, RG.draftRule, Literal("invite")))
    assert _validate(g)[0]


@pytest.mark.parametrize("batch", ["whole", "broken"])
def test_validating_the_n_triples_in_oxigraph_finds_what_validating_the_graph_finds(batch, request):
    """The build validates its N-Triples in an Oxigraph store (validate.shacl_ntriples); the graph's
    own validation (validate.shacl) is the reference, on every case broken and on none."""
    from reportgraph import output

    b = request.getfixturevalue(batch)
    nt = output.ntriples(b.graph)
    conforms, findings = validate.shacl_ntriples(nt, SHAPES, (ROOT / "ontology.ttl").read_bytes(), b.graph.namespaces())
    assert (conforms, findings) == (b.conforms, b.findings)
    assert batch == "whole" or len(findings) > 80


def _by_report(g, cache):
    from reportgraph import output

    return validate.shacl_by_report(output.ntriples_utf8(g), SHAPES, (ROOT / "ontology.ttl").read_bytes(),
                                    g.namespaces(), DEFAULT_BASE, cache)


@pytest.mark.parametrize("batch", ["whole", "broken"])
def test_validating_report_by_report_finds_what_validating_the_whole_graph_finds(batch, request, tmp_path):
    """The build validates report by report (validate.shacl_by_report); every case, broken and not,
    gives the same findings (their reports and mentions are not under the data's base: the graph
    is validated whole)."""
    b = request.getfixturevalue(batch)
    assert _by_report(b.graph, tmp_path / "shacl.json") == (b.conforms, b.findings)


def _mention(g, kind):
    return sorted(g.subjects(RDF.type, kind), key=str)[0]


BREAK_A_REPORT = {   # what breaks a report's own triples (or, the last ones, the rest of the graph)
    "no start": lambda g: g.remove((_mention(g, OA.TextPositionSelector), OA.start, None)),
    "offsets off": lambda g: g.set((_mention(g, OA.TextPositionSelector), OA.start, Literal(1))),
    "two sources": lambda g: g.add((_mention(g, RG.Mention), OA.hasSource, _mention(g, SCHEMA.Event))),
    "two entities": lambda g: g.add((next(m for m in sorted(g.subjects(RG.denotes, None), key=str)      # not one of its own
                                          if (m, RG.denotes, _mention(g, SCHEMA.Event)) not in g),
                                     RG.denotes, _mention(g, SCHEMA.Event))),
    "undenoted": lambda g: g.remove((None, RG.denotes, sorted(g.objects(_mention(g, SCHEMA.NewsArticle), SCHEMA.mentions),
                                                              key=str)[0])),
    "no text": lambda g: g.remove((_mention(g, SCHEMA.NewsArticle), SCHEMA.text, None)),
    "no zh label": lambda g: g.remove((_mention(g, SCHEMA.Event), SKOS.prefLabel, None)),
    "no assertion": lambda g: g.remove((_mention(g, RG.Relation), RG.assertion, None)),
    "not a mention": lambda g: g.remove((next(g.objects(_mention(g, RG.Relation), PROV.wasDerivedFrom)), RDF.type, RG.Mention)),
    # a mention outside the reports' IRIs, which the report shapes must still read: validated whole
    "an entity typed a mention": lambda g: g.add((_mention(g, SCHEMA.Event), RDF.type, RG.Mention)),
}


@pytest.fixture(scope="module")
def kept_clean(both, tmp_path_factory):
    """The findings cache of ``both`` validated report by report, which finds what validating it whole
    finds (it conforms): the text of the cache file, for each test below to start from."""
    cache = tmp_path_factory.mktemp("clean") / "shacl.json"
    conforms, findings = validate.shacl(both, SHAPES, ONTOLOGY)
    assert conforms and _by_report(both, cache) == (True, findings)
    return cache.read_text(encoding="utf-8")


@pytest.mark.parametrize("breakage", sorted(BREAK_A_REPORT))
def test_a_build_validated_report_by_report_finds_what_the_whole_graph_finds(breakage, both, kept_clean, tmp_path):
    """On graphs the build makes (reports and mentions under the data's base), the report shapes run on
    each report's own triples and the others on the rest: the findings are the whole graph's, made and
    then read from the cache (kept from the graph before it was broken), with any one thing broken, and
    once the cache is damaged."""
    cache = tmp_path / "cache" / "shacl.json"
    cache.parent.mkdir()
    cache.write_text(kept_clean, encoding="utf-8")
    g = Graph() + both
    for prefix, ns in both.namespaces():
        g.bind(prefix, ns, override=True)
    reports = set(g.subjects(RDF.type, SCHEMA.NewsArticle))
    assert len(reports) >= 2 and all(str(r).startswith(DEFAULT_BASE + "report/") for r in reports)
    assert len(json.loads(kept_clean)) == len(reports)
    BREAK_A_REPORT[breakage](g)
    whole = validate.shacl(g, SHAPES, ONTOLOGY)
    assert not whole[0]
    for _ in range(2):
        assert _by_report(g, cache) == whole
        assert len(json.loads(cache.read_text(encoding="utf-8"))) == len(reports)
    cache.write_text("{not json", encoding="utf-8")
    assert _by_report(g, cache) == whole


def test_the_findings_kept_by_report_serve_a_later_build_that_reads_the_shapes_again(both, tmp_path, monkeypatch):
    """The shapes are read afresh by each build, their blank nodes named anew: the findings kept for a
    report still serve, so that a later build validates with the report shapes only what changed."""
    from reportgraph import output

    cache, g = tmp_path / "shacl.json", Graph() + both
    nt, ontology = output.ntriples_utf8(g), (ROOT / "ontology.ttl").read_bytes()
    first = validate.shacl_by_report(nt, Graph().parse(ROOT / "shapes.ttl"), ontology, g.namespaces(), DEFAULT_BASE, cache)
    runs, real = [], validate.shacl_input
    monkeypatch.setattr(validate, "shacl_input", lambda data, shapes, prefixes=(), use=None: (
        runs.append(use), real(data, shapes, prefixes, use))[1])
    again = validate.shacl_by_report(nt, Graph().parse(ROOT / "shapes.ttl"), ontology, g.namespaces(), DEFAULT_BASE, cache)
    assert again == first and validate.REPORT_SHAPES not in runs and len(runs) == 1   # the rest of the graph alone


def test_only_the_report_shapes_read_more_of_a_mention_than_that_it_is_one():
    """The shapes validated on the graph without the mentions' own triples but their type (all but
    validate.REPORT_SHAPES) never name another term of a mention or its selectors, in a path or in
    SPARQL, and target no mention."""
    more = {OA.hasSelector, OA.start, OA.end, OA.exact, OA.prefix, OA.suffix, OA.hasSource, RG.denotes,
            RG.mentionKind, OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector}
    names = {SHAPES.namespace_manager.normalizeUri(t) for t in more} | {str(t) for t in more}
    shapes = set(SHAPES.subjects(RDF.type, SH.NodeShape))
    assert set(validate.REPORT_SHAPES) <= shapes
    for shape in shapes - set(validate.REPORT_SHAPES):
        reached = {shape} | set(SHAPES.transitiveClosure(lambda n, _: SHAPES.objects(n), shape))
        terms = {str(o) for n in reached for o in SHAPES.objects(n) if not isinstance(o, Literal)}
        text = " ".join(str(o) for n in reached for o in SHAPES.objects(n) if isinstance(o, Literal))
        assert not terms & names and not any(name in text for name in names), shape
        assert not {RG.Mention, OA.SpecificResource} & set(SHAPES.objects(shape, SH.targetClass)), shape
