"""The networkx projection of the RDF graph: entities as nodes, facts as edges, each with its quote.

The projection is a :class:`networkx.MultiDiGraph` whose nodes are entities only
(literals become attributes, never nodes) and whose edges are facts, each with
the quote that states it. Its attributes are listed, with what each holds, in
:mod:`reportgraph.attributes` (``GRAPH_ATTRIBUTES``, ``NODE_ATTRIBUTES``, ``EDGE_ATTRIBUTES``).
How the RDF relation nodes are projected, and why:

- ``rg:Relation`` nodes (one per stated triple) are folded into one edge
  ``subject -[property]-> object``: they are binary, so an edge loses nothing,
  and the edge carries the relation node's evidence, assertion mode and note.
- ``org:Post`` nodes are folded into one edge ``person -[org:holds]-> organisation``
  labelled with the role (葛国科 —市长→ 百色市人民政府): a post is a person in a
  role at an organisation, and as a node it would put a hop between a person and
  their organisation on every linkage path. Roles are edge labels, not nodes; an
  ``org:headOf`` that only a post implies becomes the edge's ``heads`` flag.
- ``schema:Observation`` nodes stay nodes (category ``statistic``): a statistic
  has a value, unit, year, denominator and qualifiers, and links to what it is
  about, the variable, the area of the total and the event; as an edge it would
  lose all that.
- Literal-valued relations (``schema:startDate``, ``rg:theme``) become the
  subject's ``attributes``, each still with its quote; the report itself is not
  a node (it would link to every entity it mentions) but graph data, with its text
  so views can show a quote in place; the mentions of an entity are its
  ``mentions`` (report, start, end).

Node keys are registry ids (``miit``) and ``observation/<id>`` for statistics. The
edge key is the predicate as a CURIE (``schema:organizer``), made unique where two
edges of one predicate join the same nodes (a second post of a person in one
organisation: ``org:holds vice-mayor``); code that wants the predicate reads the
edge's ``predicate`` (:func:`curie` gives its CURIE), never the key.

Every edge has at least one quote. Lists and dicts in attributes are plain Python values
here; the files (:mod:`reportgraph.graphfiles`) store them as JSON text and read them back.
"""

from functools import cached_property, lru_cache

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from .attributes import CATEGORY_TYPES
from .rdf import Iris
from .vocab import (ACCESSED, DEFAULT_BASE, EN_SUFFIX, OA, ORG, POST_EVENTS, QUALIFIERS, RG, SCHEMA, TYPES, URL,
                    namespaces)
from .wording import Reading, observation_labels

_CLASS_OF_TYPE = {key: t.cls for key, t in TYPES.items()}
_CATEGORY_OF_CLASS = {_CLASS_OF_TYPE[t]: c for c, types in CATEGORY_TYPES.items() for t in types}
_FOLDED_CLASSES = {ORG.Role}   # roles label the post edges
_REPORT_RECORD = {"text": SCHEMA.text, "sha256": RG.sha256, "title": DCTERMS.title, "issued": DCTERMS.issued,
                  "source": DCTERMS.source, "publisher": DCTERMS.publisher, "url": URL, "accessed": ACCESSED}


def project(graph: Graph, ontology: Graph, base: str = DEFAULT_BASE, spans: dict | None = None) -> nx.MultiDiGraph:
    """The entity graph of ``graph`` as a MultiDiGraph; ``ontology`` gives the relation labels.
    ``spans`` (mention node -> :class:`~reportgraph.model.Span`), where given, locates the mentions
    instead of their selectors in ``graph``, as the build's :class:`~reportgraph.graphparts.Parts` have them.

    >>> data = Graph().parse(format="turtle", data='''
    ... @prefix rg: <https://reportgraph.example/ontology#> . @prefix schema: <https://schema.org/> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix oa: <http://www.w3.org/ns/oa#> .
    ... @prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> .
    ... @prefix e: <https://reportgraph.example/id/entity/> .
    ... e:miit a rg:GovernmentBody ; skos:prefLabel "工业和信息化部"@zh ; skos:altLabel "MIIT"@en .
    ... e:expo a schema:Event ; skos:prefLabel "博览会"@zh .
    ... [] a rg:Relation ; rg:subject e:expo ; rg:property schema:organizer ; rg:object e:miit ;
    ...    prov:wasDerivedFrom [ oa:hasSource [ dcterms:identifier "r1" ] ;
    ...        oa:hasSelector [ a oa:TextPositionSelector ; oa:start 0 ; oa:end 8 ] ,
    ...                       [ a oa:TextQuoteSelector ; oa:exact "工信部主办博览会" ] ] .''')
    >>> ontology = Graph().parse(format="turtle", data='''@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <https://schema.org/organizer> rdfs:label "主办方"@zh, "organiser"@en .''')
    >>> G = project(data, ontology)
    >>> sorted(G.nodes), G.nodes["miit"]["category"], G.nodes["miit"]["aliases_en"]
    (['expo', 'miit'], 'government', ['MIIT'])
    >>> e = G.edges["expo", "miit", "schema:organizer"]
    >>> e["label_en"], e["quote"], e["start"], e["end"], curie(e["predicate"])
    ('organiser', '工信部主办博览会', 0, 8, 'schema:organizer')
    """
    return _Projection(graph, ontology, base, spans).run()


_curie_namespaces = lru_cache(maxsize=None)(namespaces)


@lru_cache(maxsize=4096)
def curie(iri: str) -> str:
    """The CURIE of an ontology term under the project's prefixes, as edge keys begin with it.

    >>> curie("https://schema.org/organizer"), curie("http://www.w3.org/ns/org#holds")
    ('schema:organizer', 'org:holds')
    """
    return _curie_namespaces().normalizeUri(URIRef(iri))


class _Lookup:
    """The questions the projection asks of the data graph, answered from each predicate's subjects and
    objects read once from rdflib's index (its own answers pass through layers of generators: a tenth
    of a corpus's projection). A subject's objects come in the order that index gives; the projection
    sorts every list it keeps, and asks :meth:`value` only of predicates with one object a subject."""

    def __init__(self, graph):
        self.graph, self._by = graph, {}

    def _of(self, predicate):
        found = self._by.get(predicate)
        if found is None:
            found = self._by[predicate] = {}
            for s, o in self.graph.subject_objects(predicate):
                found.setdefault(s, []).append(o)
        return found

    def objects(self, subject, predicate):
        return iter(self._of(predicate).get(subject, ()))

    def value(self, subject, predicate):
        values = self._of(predicate).get(subject)
        return values[0] if values else None

    def subjects(self, predicate, obj):
        return self.graph.subjects(predicate, obj)

    def subject_objects(self, predicate):
        return self.graph.subject_objects(predicate)

    def __contains__(self, triple):
        s, p, o = triple
        return o in self._of(p).get(s, ())


class _Projection:
    def __init__(self, graph, ontology, base, spans=None):
        self.g, self.onto, self.iris = _Lookup(graph), ontology, Iris(base)
        if spans is not None:
            self._spans = {node: {"report": s.report, "start": s.start, "end": s.end, "quote": s.exact}
                           for node, s in spans.items()}
        self.base, self.G = self.iris.base, nx.MultiDiGraph()
        self._labels = {}   # asked again and again: a predicate's label

    def curie(self, iri):   # the module's, cached: a few predicates and classes, asked of 100,000 facts
        return curie(iri) if not str(iri).startswith(self.base) else self.key(iri)

    def key(self, iri):
        """Node key of a data IRI: the registry id, or ``observation/<id>``."""
        return self.iris.key(iri)

    def label(self, node, lang, source=None):
        if source is None and (node, lang) in self._labels:
            return self._labels[node, lang]
        found = None
        for g in (source,) if source is not None else (self.g, self.onto):
            for prop in (SKOS.prefLabel, RDFS.label):
                found = found or next((str(v) for v in g.objects(node, prop) if v.language == lang), None)
            if found:
                break
        if source is None:
            self._labels[node, lang] = found
        return found

    def labels(self, node):
        return self.label(node, "zh"), self.label(node, "en")

    def evidence(self, node):
        """Every span ``node`` is derived from, in text order: report, start, end, quote."""
        spans = [self.span(mention) for mention in self.g.objects(node, PROV.wasDerivedFrom)]
        return sorted(spans, key=lambda s: (s["report"], s["start"], s["end"]))

    def span(self, mention):
        """The report, offsets and quote of a mention node (``{"report", "start", "end", "quote"}``)."""
        return dict(self._spans[mention])

    @cached_property
    def _spans(self):
        """Every mention's report, offsets and quote, each predicate read once (by :class:`_Lookup`, the
        first value of each, as ``Graph.value`` gives it): 30,000 mentions asked one by one were a third
        of a corpus's projection."""
        g = self.g
        positions = set(g.subjects(RDF.type, OA.TextPositionSelector))
        reports, spans = {}, {}
        for mention, selector in g.subject_objects(OA.hasSelector):
            source = g.value(mention, OA.hasSource)
            if source not in reports:
                reports[source] = str(g.value(source, DCTERMS.identifier))
            span = spans.setdefault(mention, {"report": reports[source]})
            if selector in positions:
                span["start"], span["end"] = int(g.value(selector, OA.start)), int(g.value(selector, OA.end))
            else:
                span["quote"] = str(g.value(selector, OA.exact))
        return spans

    def provenance(self, node):
        """Assertion mode, inference notes and evidence of a relation, post or observation."""
        evidence = self.evidence(node)
        assertion = {RG.Inferred: "inferred", RG.Drafted: "drafted"}.get(self.g.value(node, RG.assertion), "stated")
        en, zh = self.notes(node, RG.inferenceNote)
        en += sorted(f"drafted: {rule}" for rule in self.g.objects(node, RG.draftRule))
        first = evidence[0]
        return {"assertion": assertion, "note": " / ".join(en), "note_zh": " / ".join(zh),
                "quote": first["quote"], "start": first["start"], "end": first["end"],
                "report": first["report"], "evidence": evidence}

    def notes(self, node, predicate) -> tuple[list, list]:
        """The curator's notes on ``node`` in English, and in Chinese if every one is given in it."""
        notes = sorted(self.g.objects(node, predicate))
        en, zh = ([str(n) for n in notes if n.language == lang] for lang in ("en", "zh"))
        return en, zh if len(zh) == len(en) else []

    def add_edge(self, u, v, predicate, **attrs):
        key = self.curie(predicate)
        if self.G.has_edge(u, v, key):   # a second post of a person in one organisation
            key = f"{key} {attrs.get('role', len(self.G[u][v]))}"
        zh, en = self.labels(predicate)
        attrs = {"predicate": str(predicate), "relation_zh": zh, "relation_en": en,
                 "label_zh": zh, "label_en": en, **attrs}
        self.G.add_edge(u, v, key=key, **attrs)

    # --- the projection ----------------------------------------------------------------------
    def run(self):
        for step in (self.add_reports, self.add_entities, self.add_relations, self.add_posts,
                     self.add_observations, self.add_mentions):
            step()
        return _sorted(self.G)

    def add_reports(self):
        reports = {}
        for node in self.g.subjects(RDF.type, SCHEMA.NewsArticle):
            reports[str(self.g.value(node, DCTERMS.identifier))] = {
                "iri": str(node), **{key: str(self.g.value(node, prop) or "") for key, prop in _REPORT_RECORD.items()}}
        self.G.graph["reports"] = dict(sorted(reports.items()))

    def add_entities(self):
        for node, cls in self.g.subject_objects(RDF.type):
            category = _CATEGORY_OF_CLASS.get(cls)
            if category is None or cls in _FOLDED_CLASSES:
                continue
            zh, en = self.labels(node)
            aliases = sorted(self.g.objects(node, SKOS.altLabel))
            attrs = {
                "iri": str(node), "label_zh": zh, "label_en": en or "",
                "aliases_zh": [str(a) for a in aliases if a.language == "zh"],
                "aliases_en": [str(a) for a in aliases if a.language == "en"],
                "search": sorted(str(a) for a in self.g.objects(node, SKOS.hiddenLabel)),
                "type": self.curie(cls), "type_zh": self.label(cls, "zh"),
                "type_en": self.label(cls, "en"), "category": category,
                **dict(zip(("note", "note_zh"), map(" / ".join, self.notes(node, SKOS.note)))),
                "attributes": [], "mentions": []}
            stage = self.g.value(node, RG.measuresStage)
            if stage is not None:
                attrs["measures_stage"] = self.key(stage)
            position = self.g.value(node, SCHEMA.position)
            if position is not None:
                attrs["position"] = int(position)
            self.G.add_node(self.key(node), **attrs)

    def add_relations(self):
        g = self.g
        for rel in g.subjects(RDF.type, RG.Relation):
            subject, prop = g.value(rel, RG.subject), g.value(rel, RG.property)
            objects = sorted(g.objects(rel, RG.object))
            provenance = self.provenance(rel)
            context = g.value(rel, RG.context)
            if context is not None:
                provenance["context"] = self.key(context)
            u = self.key(subject)
            if isinstance(objects[0], Literal):
                if u in self.G:        # report metadata stays with the report
                    self.add_attributes(u, prop, objects, provenance)
                continue
            self.add_edge(u, self.key(objects[0]), prop, **provenance)
        for _, data in self.G.nodes(data=True):
            data["attributes"].sort(key=lambda a: (a["predicate"], a["lang"]))

    def add_attributes(self, u, prop, values, provenance):
        zh, en = self.labels(prop)
        for value in values:
            self.G.nodes[u]["attributes"].append({
                "predicate": self.curie(prop), "label_zh": zh, "label_en": en,
                "value": str(value), "lang": value.language or "",
                **{k: v for k, v in provenance.items() if k != "evidence"},
                "evidence": provenance["evidence"]})

    def add_posts(self):
        g = self.g
        stated_heads = {(g.value(r, RG.subject), g.value(r, RG.object))
                        for r in g.subjects(RG.property, ORG.headOf)}
        for post in g.subjects(RDF.type, ORG.Post):
            person, org, role = (g.value(post, p) for p in (ORG.heldBy, ORG.postIn, ORG.role))
            role_zh, role_en = self.labels(role)
            heads = (person, ORG.headOf, org) in g and (person, org) not in stated_heads
            self.add_edge(self.key(person), self.key(org), ORG.holds,
                          **{"label_zh": role_zh, "label_en": role_en or "",
                             "role": self.key(role), "post": str(post), "heads": heads},
                          **self.provenance(post))
            for prop in POST_EVENTS.values():   # the meeting that elected or appointed them
                for meeting in g.objects(post, prop):
                    self.add_edge(self.key(person), self.key(meeting), prop, role=self.key(role),
                                  post=str(post), **self.provenance(post))

    def add_observations(self):
        g = self.g
        for obs in g.subjects(RDF.type, SCHEMA.Observation):
            provenance = self.provenance(obs)
            key = self.key(obs)
            self.G.add_node(key, **self.observation(obs, provenance))
            for prop in (SCHEMA.observationAbout, SCHEMA.variableMeasured,
                         SCHEMA.measurementDenominator, RG.atEvent):
                target = g.value(obs, prop)
                if target is not None:
                    self.add_edge(key, self.key(target), prop, **provenance)

    def observation(self, obs, provenance):
        """The node attributes of a statistic."""
        g = self.g
        unit, value = g.value(obs, SCHEMA.unitCode), g.value(obs, SCHEMA.value).toPython()
        raw, year = str(g.value(obs, RG.rawValue)), g.value(obs, SCHEMA.observationDate)
        share_of = g.value(obs, SCHEMA.measurementDenominator)
        denominator_text = str(g.value(obs, RG.denominatorText) or "")
        stated = {q: qualifier.concept for q, qualifier in QUALIFIERS.items()
                  if (obs, RG.qualifier, qualifier.concept) in g}
        qualifiers = sorted(stated)
        words = {q: self.label(stated[q], "en") for q in qualifiers}
        labels = observation_labels(Reading(
            self.labels(g.value(obs, SCHEMA.variableMeasured)), raw, value, unit,
            str(g.value(unit, EN_SUFFIX) or ""), year and str(year),
            words, denominator_text, share_of is not None and self.label(share_of, "en")))
        return {
            "iri": str(obs), "label_zh": labels.zh, "label_en": labels.en, "aliases_zh": [], "aliases_en": [],
            "search": [], "type": self.curie(SCHEMA.Observation),
            "type_zh": self.label(SCHEMA.Observation, "zh"),
            "type_en": self.label(SCHEMA.Observation, "en"), "category": "statistic",
            "attributes": [], "mentions": [], "value": str(value), "unit": self.curie(unit), "raw": raw,
            "value_zh": labels.value_zh, "value_en": labels.value_en,
            "year": str(year or ""), "qualifiers": qualifiers,
            "denominator_text": denominator_text, "defect": str(g.value(obs, RG.defect) or ""),
            **{k: provenance[k] for k in ("assertion", "note", "note_zh", "quote", "start", "end",
                                           "report", "evidence")}}

    def add_mentions(self):
        kinds = {}   # a mention kind's name, asked once (a corpus has tens of thousands of mentions, a few kinds)
        for mention, entity in self.g.subject_objects(RG.denotes):
            key = self.key(entity)
            if key in self.G:
                kind = self.g.value(mention, RG.mentionKind)
                if kind not in kinds:
                    kinds[kind] = self.label(kind, "en", self.onto) or self.curie(kind)
                self.G.nodes[key]["mentions"].append({**self.span(mention), "kind": kinds[kind]})
        for _, data in self.G.nodes(data=True):
            data["mentions"].sort(key=lambda m: (m["report"], m["start"]))


def _sorted(G):
    """G with nodes and edges inserted in sorted order, so that files written from it are stable."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda n: str(n[0])))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])))
    return H
