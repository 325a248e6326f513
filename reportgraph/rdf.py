"""Turn the facts model into the RDF knowledge graph (rdflib), with the terms of ontology.ttl.

Each stated relation becomes a node (``rg:Relation``, ``org:Post`` or
``schema:Observation``) whose ``prov:wasDerivedFrom`` points at the mention of
the report text that states it; the plain "shortcut" triple is asserted too so
that simple SPARQL stays simple. IRIs are derived from registry ids, offsets
and property names under one base, never from counters, so the same input
always gives the same graph.
"""

import hashlib
import re
from decimal import Decimal
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD
from rdflib.plugins.serializers.nt import _quote_encode   # N-Triples' escapes, as rdflib writes them

from .graphparts import Parts, Triples
from .model import Corpus, Post, Span
from .vocab import (ACCESSED, ATTRIBUTES, CONCEPT_SCHEMES, DEFAULT_BASE, EN_SUFFIX, MENTION_KINDS,
                    MENTION_SHORTCUT, OA, ORG, POST_EVENTS, QUALIFIERS, RELATIONS, REPORT_FIELDS, RG, SCHEMA,
                    SYMMETRIC, TYPES, URL, namespaces, with_slash)


class Iris:
    """The IRIs of the data, all under ``base``.

    >>> Iris("https://example.org/").entity("miit")
    rdflib.term.URIRef('https://example.org/entity/miit')
    """

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = with_slash(base)
        self._made = {}   # entities' and reports' IRIs, made once each: every fact and mention names them
        self.spans = {}   # every mention node named so far -> its span (graph_parts writes their triples)

    def _iri(self, *parts):   # a plain part (ids, offsets: nearly all) as it is, without quote's call
        return URIRef(self.base + "/".join(p if _PLAIN(p) else quote(p, safe="-_.") for p in map(str, parts)))

    def _parts(self, iri):
        kind, _, rest = str(iri)[len(self.base):].partition("/")
        return kind, rest

    def key(self, iri: str) -> str:
        """The key of a data IRI, as the views name nodes: the registry id of an entity,
        ``<kind>/<rest>`` of anything else.

        >>> iris = Iris("https://example.org/")
        >>> iris.key(iris.entity("百色")), iris.key(iris.observation("o1"))
        ('百色', 'observation/o1')
        """
        kind, rest = self._parts(iri)
        return unquote(rest) if kind == "entity" else f"{kind}/{unquote(rest)}"

    def _once(self, kind, ident):
        if (kind, ident) not in self._made:
            self._made[kind, ident] = self._iri(kind, ident)
        return self._made[kind, ident]

    def entity(self, ident: str) -> URIRef:
        return self._once("entity", ident)

    def report(self, ident: str) -> URIRef:
        return self._once("report", ident)

    def span(self, span: Span) -> URIRef:
        """The mention node of a span of report text (its triples are :func:`mention_rows`)."""
        node = self._iri("report", span.report, "text", f"{span.start}-{span.end}")
        self.spans.setdefault(node, span)
        return node

    def scheme(self, concept_type: str) -> URIRef:
        return self._iri("scheme", concept_type)

    def post(self, post: Post) -> URIRef:
        return self._iri("post", post.organization, post.role, post.person)

    def observation(self, ident: str) -> URIRef:
        return self._iri("observation", ident)

    def relation(self, subject: URIRef, prop: URIRef, obj: URIRef | Literal) -> URIRef:
        """The node of the stated relation ``subject prop obj``: readable, one per triple."""
        if isinstance(obj, Literal):
            key = f"{obj}@{obj.language or obj.datatype}"
            tail = "v-" + hashlib.sha1(key.encode()).hexdigest()[:12]
        else:
            tail = self._local(obj)
        return self._iri("relation", self._local(subject), prop.n3(_NS).replace(":", "."), tail)

    def _local(self, iri):
        kind, rest = self._parts(iri)
        return rest if kind == "entity" else f"{kind}.{rest}"


_NS = namespaces()
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch   # a part quote leaves as it is


def build_graph(corpus: Corpus, base: str = DEFAULT_BASE) -> Graph:
    """The knowledge graph of ``corpus`` (a :class:`~reportgraph.model.Corpus`) as an rdflib Graph.

    The graph holds data only; the ontology stays in ontology.ttl.

    >>> from reportgraph.model import Entity, Where
    >>> miit = Entity("miit", "GovernmentBody", "工业和信息化部", "MIIT", ["工信部"], [], [], None,
    ...               Where("registry/organisations.yaml", 1))
    >>> g = build_graph(Corpus({"miit": miit}, []), base="https://example.org/id/")
    >>> for line in sorted(g.serialize(format="nt").splitlines()): print(line)
    <https://example.org/id/entity/miit> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://reportgraph.example/ontology#GovernmentBody> .
    <https://example.org/id/entity/miit> <http://www.w3.org/2004/02/skos/core#altLabel> "工信部"@zh .
    <https://example.org/id/entity/miit> <http://www.w3.org/2004/02/skos/core#prefLabel> "MIIT"@en .
    <https://example.org/id/entity/miit> <http://www.w3.org/2004/02/skos/core#prefLabel> "工业和信息化部"@zh .
    """
    return graph_parts(corpus, base).whole()


def graph_parts(corpus: Corpus, base: str = DEFAULT_BASE) -> Parts:
    """:func:`build_graph`'s graph in its :class:`Parts`, as the build uses it."""
    iris = Iris(base)
    g = Triples(iris.base)   # no rdflib store: what the build asks of the graph, Triples answers
    for entity in corpus.entities.values():
        _add_entity(g, iris, entity, corpus.entities)
    for report in corpus.reports:
        _add_report(g, iris, report)
    _add_relations(g, iris, corpus)
    for report in corpus.reports:
        for post in report.posts:
            _add_post(g, iris, post, corpus.entities)
        for obs in report.observations:
            _add_observation(g, iris, obs)
    _add_units(g, corpus)
    return Parts(g, mention_rows(iris), iris.spans)


def _add_units(g, corpus):
    """The names of every unit a statistic of the corpus is in, from the units table, and what
    English writes after a number in it, so that the views word numbers from the graph alone."""
    used = {o.unit for report in corpus.reports for o in report.observations}
    for unit in corpus.units.values():
        if unit.iri in used:
            node = URIRef(unit.iri)
            _labels(g, node, unit.zh, unit.en)
            g.add((node, EN_SUFFIX, Literal(unit.en_suffix)))


def _labels(g, node, zh, en, prop=SKOS.prefLabel):
    g.add((node, prop, Literal(zh, lang="zh")))
    if en:
        g.add((node, prop, Literal(en, lang="en")))


def _add_entity(g, iris, e, entities):
    node = iris.entity(e.id)
    cls, kind = TYPES[e.type]
    g.add((node, RDF.type, cls))
    _labels(g, node, e.zh, e.en)
    for alias in e.aliases_zh:
        g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
    for alias in e.aliases_en:
        g.add((node, SKOS.altLabel, Literal(alias, lang="en")))
    for term in e.search:
        g.add((node, SKOS.hiddenLabel, Literal(term, lang="zh")))
    if e.note:
        _add_note(g, node, SKOS.note, e.note)
    if e.drafted:   # proposed by the draft step, not yet reviewed
        g.add((node, RG.draftRule, Literal(e.drafted)))
    if kind == "concept":
        scheme = iris.scheme(e.type)
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        _labels(g, scheme, *CONCEPT_SCHEMES[e.type])
    if e.stage:
        g.add((node, RG.measuresStage, iris.entity(e.stage)))
    if e.stages:   # the chain's order as a SKOS ordered collection, list cells named, not blank
        cells = [URIRef(f"{node}/stages/{i}") for i in range(1, len(e.stages) + 1)]
        g.add((node, SKOS.memberList, cells[0]))
        for i, (cell, stage) in enumerate(zip(cells, e.stages)):
            g.add((cell, RDF.first, iris.entity(stage)))
            g.add((cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
            g.add((iris.entity(stage), SCHEMA.position, Literal(i + 1)))


#: The N-Triples terms of a mention node's own triples.
_MENTION_TERMS = tuple(term.n3() for term in (
    RDF.type, RG.Mention, OA.SpecificResource, OA.hasSource, OA.hasSelector, OA.TextPositionSelector,
    OA.start, OA.end, OA.TextQuoteSelector, OA.exact, OA.prefix, OA.suffix, XSD.integer))


def mention_rows(iris: Iris) -> list[bytes]:
    """The N-Triples rows (UTF-8, sorted, as rdflib writes them) of every mention node ``iris`` has
    named: its types, its report, and the position and quote selectors that locate its span.

    >>> from reportgraph.model import Span
    >>> iris = Iris("https://example.org/")
    >>> node = iris.span(Span("r1", 3, 5, "铝业", "广东", "协会"))
    >>> for row in mention_rows(iris)[:3]: print(row.decode().strip())
    <https://example.org/report/r1/text/3-5/position> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#TextPositionSelector> .
    <https://example.org/report/r1/text/3-5/position> <http://www.w3.org/ns/oa#end> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
    <https://example.org/report/r1/text/3-5/position> <http://www.w3.org/ns/oa#start> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
    """
    a, mention, specific, source, selector, position, start, end, quoted, exact, prefix, suffix, integer = \
        _MENTION_TERMS
    rows = []
    for node, span in iris.spans.items():
        n, pos, quote_ = f"<{node}>", f"<{node}/position>", f"<{node}/quote>"
        rows.extend(f"{s} {p} {o} .\n".encode() for s, p, o in (
            (n, a, mention), (n, a, specific), (n, source, iris.report(span.report).n3()),
            (n, selector, pos), (n, selector, quote_),
            (pos, a, position), (pos, start, f'"{span.start}"^^{integer}'), (pos, end, f'"{span.end}"^^{integer}'),
            (quote_, a, quoted), (quote_, exact, _quote_encode(span.exact)),
            (quote_, prefix, _quote_encode(span.prefix)), (quote_, suffix, _quote_encode(span.suffix))))
    rows.sort()
    return rows


def _add_report(g, iris, report):
    node = iris.report(report.id)
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, DCTERMS.identifier, Literal(report.id)))
    g.add((node, DCTERMS.language, Literal(report.language, datatype=XSD.language)))
    g.add((node, SCHEMA.text, Literal(report.text)))
    g.add((node, RG.sha256, Literal(report.sha256)))
    if report.url:
        g.add((node, URL, Literal(report.url, datatype=XSD.anyURI)))
    if report.accessed:
        g.add((node, ACCESSED, Literal(report.accessed)))
    for m in report.mentions:
        span = iris.span(m.span)
        g.add((span, RG.denotes, iris.entity(m.entity)))
        g.add((span, RG.mentionKind, MENTION_KINDS[m.kind]))
        g.add((node, MENTION_SHORTCUT, iris.entity(m.entity)))
        if m.drafted:
            g.add((span, RG.draftRule, Literal(m.drafted)))


def _statement_triples(iris, s, language):
    """The shortcut triples ``(subject, property, object)`` one statement asserts."""
    if s.key in REPORT_FIELDS:
        prop, kind = REPORT_FIELDS[s.key]
        value = Literal(s.value, lang=language) if kind == "text" else Literal(s.value)
        return [(iris.report(s.subject), prop, value)]
    if s.key in ATTRIBUTES:
        prop, datatype = ATTRIBUTES[s.key]
        if datatype == "lang":
            return [(iris.entity(s.subject), prop, Literal(s.value, lang=language)),
                    (iris.entity(s.subject), prop, Literal(s.value_en, lang="en"))]
        return [(iris.entity(s.subject), prop, Literal(s.value, datatype=datatype))]
    prop, inverse = RELATIONS[s.key]
    a, b = iris.entity(s.subject), iris.entity(s.object)
    return [(b, prop, a) if inverse else (a, prop, b)]


def _add_relations(g, iris, corpus):
    """One rg:Relation node per distinct triple, derived from every span that states it.

    A symmetric relation stated both ways ("A exchangesWith B", then "B exchangesWith A") is one
    fact: one node, in the direction first stated, whose shortcut is asserted both ways.
    """
    grouped = {}
    for report in corpus.reports:
        for s in report.statements:
            triples = _statement_triples(iris, s, report.language)
            subject, prop, obj = triples[0]
            node = iris.relation(subject, prop, obj)
            if prop in SYMMETRIC and node not in grouped:
                reverse = iris.relation(obj, prop, subject)
                node = reverse if reverse in grouped else node
            entry = grouped.setdefault(node, {"triples": triples, "statements": []})
            entry["statements"].append(s)
    for node, entry in grouped.items():
        subject, prop, _ = entry["triples"][0]
        g.add((node, RDF.type, RG.Relation))
        g.add((node, RG.subject, subject))
        g.add((node, RG.property, prop))
        for triple in entry["triples"]:
            g.add(triple)
            g.add((node, RG.object, triple[2]))
            if prop in SYMMETRIC:
                g.add((triple[2], prop, triple[0]))
        _add_assertion(g, node, entry["statements"])
        for s in entry["statements"]:
            g.add((node, PROV.wasDerivedFrom, iris.span(s.span)))
            if s.context:
                g.add((node, RG.context, iris.entity(s.context)))
        if prop == ORG.memberOf:   # also the W3C ORG n-ary form of a membership
            g.add((node, RDF.type, ORG.Membership))
            g.add((node, ORG.member, subject))
            g.add((node, ORG.organization, entry["triples"][0][2]))


def _add_assertion(g, node, sources):
    """Stated if a reviewed source states it; else inferred, with every reason given; else (only
    drafts stand for it) drafted, with the rule of every draft. A source is a statement, post or
    observation (its ``inferred`` and ``drafted``)."""
    reviewed = [s for s in sources if s.drafted is None]
    if any(s.inferred is None for s in reviewed):
        g.add((node, RG.assertion, RG.Stated))
    elif reviewed:
        g.add((node, RG.assertion, RG.Inferred))
        for s in reviewed:
            _add_note(g, node, RG.inferenceNote, s.inferred)
    else:
        g.add((node, RG.assertion, RG.Drafted))
        for s in sources:
            g.add((node, RG.draftRule, Literal(s.drafted)))


def _add_note(g, node, predicate, note):
    """The curator's note in English, and in Chinese when given (:class:`~reportgraph.model.Note`)."""
    g.add((node, predicate, Literal(note, lang="en")))
    if getattr(note, "zh", None):
        g.add((node, predicate, Literal(note.zh, lang="zh")))


def _add_post(g, iris, post, entities):
    node = iris.post(post)
    person, org = iris.entity(post.person), iris.entity(post.organization)
    role, organization = entities[post.role], entities[post.organization]
    g.add((node, RDF.type, ORG.Post))
    g.add((node, ORG.role, iris.entity(post.role)))
    g.add((node, ORG.postIn, org))
    g.add((node, ORG.heldBy, person))
    g.add((person, ORG.holds, node))
    if role.heads:
        g.add((person, ORG.headOf, org))
    _labels(g, node, organization.zh + role.zh,
            f"{role.en}, {organization.en}" if role.en and organization.en else None)
    _add_assertion(g, node, [post])
    g.add((node, PROV.wasDerivedFrom, iris.span(post.span)))
    if post.how:
        g.add((node, POST_EVENTS[post.how], iris.entity(post.event)))


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in canonical form (``31.0``, not ``31``), as Turtle writes it back.

    >>> decimal_literal(Decimal("31"))
    rdflib.term.Literal('31.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    text = format(value, "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _add_observation(g, iris, o):
    node = iris.observation(o.id)
    g.add((node, RDF.type, SCHEMA.Observation))
    g.add((node, SCHEMA.observationAbout, iris.entity(o.about)))
    g.add((node, SCHEMA.variableMeasured, iris.entity(o.variable)))
    g.add((node, SCHEMA.value, decimal_literal(o.value)))
    g.add((node, SCHEMA.unitCode, URIRef(o.unit)))
    g.add((node, RG.rawValue, Literal(o.raw, lang="zh")))
    if o.year:
        g.add((node, SCHEMA.observationDate, Literal(str(o.year), datatype=XSD.gYear)))
    if o.share_of:
        g.add((node, SCHEMA.measurementDenominator, iris.entity(o.share_of)))
    if o.denominator_text:
        g.add((node, RG.denominatorText, Literal(o.denominator_text, lang="zh")))
    for q in o.qualifiers:
        g.add((node, RG.qualifier, QUALIFIERS[q].concept))
    if o.defect:
        g.add((node, RG.defect, Literal(o.defect, lang="en")))
    if o.event:
        g.add((node, RG.atEvent, iris.entity(o.event)))
    _add_assertion(g, node, [o])
    g.add((node, PROV.wasDerivedFrom, iris.span(o.span)))
