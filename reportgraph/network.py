"""The networkx projection of the RDF graph, its layout, and its GraphML and GEXF files.

The projection is a :class:`networkx.MultiDiGraph` whose nodes are entities only
(literals become attributes, never nodes) and whose edges are facts, each with
the quote that states it. How the RDF relation nodes are projected, and why:

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

Every edge has at least one quote. Lists and dicts in attributes are plain
Python values here; :func:`write_graphml` and :func:`write_gexf` store them as
JSON text, which :func:`read_graphml` and :func:`read_gexf` turn back.
"""

import json
import random
from decimal import Decimal
from urllib.parse import unquote

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from .vocab import (CUR, DEFAULT_BASE, OA, ORG, PREFIXES, QUALIFIERS, RG, SCHEMA, TYPES, UNIT)

#: Categories of nodes shown, coloured and filtered together: key -> (zh, en, colour, shape,
#: type keys of the facts format). ``statistic`` is the category of observations.
CATEGORIES = {
    "government": ("政府与党政机构", "government and party bodies", "#d62728", "dot",
                   ("GovernmentBody", "PartyBody", "ConsultativeBody")),
    "association": ("协会与联盟", "associations and alliances", "#1f77b4", "dot",
                    ("IndustryAssociation", "IndustryAlliance")),
    "company": ("企业", "companies", "#8c564b", "dot", ("Company",)),
    "organization": ("其他组织", "other organisations", "#7f7f7f", "dot", ("InternationalOrganization",)),
    "unit": ("内设机构", "organisational units", "#ff9896", "square", ("OrganizationalUnit",)),
    "group": ("群体与代表团", "groups and delegations", "#aec7e8", "square",
              ("OrganizationGroup", "PersonGroup", "Delegation")),
    "person": ("人物", "people", "#2ca02c", "diamond", ("Person",)),
    "event": ("活动", "events", "#ff7f0e", "triangle",
              ("Event", "SigningCeremony", "Speech", "WelcomeSpeech", "Keynote", "Briefing",
               "ExchangeVisit")),
    "place": ("地点", "places", "#9467bd", "star", ("Country", "AdministrativeArea", "City")),
    "industry": ("产业与产业链", "industries and chains", "#17becf", "hexagon",
                 ("RegionalIndustry", "IndustryChain")),
    "stage": ("产业链环节", "chain stages", "#bcbd22", "hexagon", ("ChainStage",)),
    "concept": ("概念", "concepts", "#c7c7c7", "triangleDown",
                ("Sector", "ActivityType", "Designation", "Challenge", "DevelopmentGoal", "Variable")),
    "statistic": ("统计数据", "statistics", "#e377c2", "square", ()),
}
_CATEGORY_OF_CLASS = {TYPES[t][0]: c for c, spec in CATEGORIES.items() for t in spec[4]}
_FOLDED_CLASSES = {ORG.Role}   # roles label the post edges

# How a value in a QUDT unit is written in English labels.
_UNIT_EN = {UNIT.TONNE: " t", CUR.CNY: " CNY", UNIT.PERCENT: "%", UNIT.NUM: "", UNIT.YR: " years"}


def project(graph, ontology, base=DEFAULT_BASE):
    """The entity graph of ``graph`` as a MultiDiGraph; ``ontology`` gives the relation labels.

    Node keys are registry ids (``miit``) and ``observation/<id>`` for statistics; the
    edge key is the predicate as a CURIE (``schema:organizer``).

    >>> from reportgraph.build import run
    >>> from rdflib import Graph
    >>> G = project(run(".", write=False).graph, Graph().parse("ontology.ttl"))
    >>> G.nodes["miit"]["label_en"], G.nodes["miit"]["category"]
    ('Ministry of Industry and Information Technology', 'government')
    >>> e = G.edges["nanhai-aluminium-profile-association", "baise-aluminium-association",
    ...             "rg:friendlyAssociationOf"]
    >>> e["label_en"], e["quote"]
    ('friendly association of', '南海铝协已与之缔结友好协会关系')
    """
    return _Projection(graph, ontology, base).run()


class _Projection:
    def __init__(self, graph, ontology, base):
        self.g, self.onto = graph, ontology
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.ns = Graph().namespace_manager   # not the input graph's: it is left as it was
        for prefix, ns in PREFIXES.items():
            self.ns.bind(prefix, ns, override=True)
        self.G = nx.MultiDiGraph()

    # --- helpers --------------------------------------------------------------------------
    def curie(self, iri):
        return self.ns.normalizeUri(iri) if not str(iri).startswith(self.base) else self.key(iri)

    def key(self, iri):
        """Node key of a data IRI: the registry id, or ``observation/<id>``."""
        kind, _, rest = str(iri)[len(self.base):].partition("/")
        return unquote(rest) if kind == "entity" else f"{kind}/{unquote(rest)}"

    def label(self, node, lang, source=None):
        for g in (source,) if source is not None else (self.g, self.onto):
            for prop in (SKOS.prefLabel, RDFS.label):
                for value in g.objects(node, prop):
                    if value.language == lang:
                        return str(value)
        return None

    def labels(self, node):
        return self.label(node, "zh"), self.label(node, "en")

    def evidence(self, node):
        """Every span ``node`` is derived from, in text order: report, start, end, quote."""
        spans = []
        for mention in self.g.objects(node, PROV.wasDerivedFrom):
            spans.append(self.span(mention))
        return sorted(spans, key=lambda s: (s["report"], s["start"], s["end"]))

    def span(self, mention):
        g = self.g
        out = {"report": str(g.value(g.value(mention, OA.hasSource), DCTERMS.identifier))}
        for selector in g.objects(mention, OA.hasSelector):
            if (selector, RDF.type, OA.TextPositionSelector) in g:
                out["start"] = int(g.value(selector, OA.start))
                out["end"] = int(g.value(selector, OA.end))
            else:
                out["quote"] = str(g.value(selector, OA.exact))
        return out

    def provenance(self, node):
        """Assertion mode, inference notes and evidence of a relation, post or observation."""
        evidence = self.evidence(node)
        inferred = (node, RG.assertion, RG.Inferred) in self.g
        notes = sorted(str(n) for n in self.g.objects(node, RG.inferenceNote))
        first = evidence[0]
        return {"assertion": "inferred" if inferred else "stated", "note": " / ".join(notes),
                "quote": first["quote"], "start": first["start"], "end": first["end"],
                "report": first["report"], "evidence": evidence}

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
        self.add_reports()
        self.add_entities()
        self.add_relations()
        self.add_posts()
        self.add_observations()
        self.add_mentions()
        return _sorted(self.G)

    def add_reports(self):
        reports = {}
        for node in self.g.subjects(RDF.type, SCHEMA.NewsArticle):
            reports[str(self.g.value(node, DCTERMS.identifier))] = {
                "iri": str(node), "text": str(self.g.value(node, SCHEMA.text)),
                "sha256": str(self.g.value(node, RG.sha256)),
                "issued": str(self.g.value(node, DCTERMS.issued) or ""),
                "source": str(self.g.value(node, DCTERMS.source) or "")}
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
                "note": str(self.g.value(node, SKOS.note) or ""),
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
                    zh, en = self.labels(prop)
                    for value in objects:
                        self.G.nodes[u]["attributes"].append({
                            "predicate": self.curie(prop), "label_zh": zh, "label_en": en,
                            "value": str(value), "lang": value.language or "",
                            **{k: v for k, v in provenance.items() if k != "evidence"},
                            "evidence": provenance["evidence"]})
                continue
            self.add_edge(u, self.key(objects[0]), prop, **provenance)
        for _, data in self.G.nodes(data=True):
            data["attributes"].sort(key=lambda a: (a["predicate"], a["lang"]))

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

    def add_observations(self):
        g = self.g
        for obs in g.subjects(RDF.type, SCHEMA.Observation):
            about, variable = g.value(obs, SCHEMA.observationAbout), g.value(obs, SCHEMA.variableMeasured)
            share_of, event = g.value(obs, SCHEMA.measurementDenominator), g.value(obs, RG.atEvent)
            unit, value = g.value(obs, SCHEMA.unitCode), g.value(obs, SCHEMA.value).toPython()
            raw = str(g.value(obs, RG.rawValue))
            year = g.value(obs, SCHEMA.observationDate)
            denominator_text = str(g.value(obs, RG.denominatorText) or "")
            qualifiers = sorted(q for q, (iri, _) in QUALIFIERS.items() if (obs, RG.qualifier, iri) in g)
            provenance = self.provenance(obs)
            zh, en, value_zh, value_en = _observation_labels(
                self.labels(variable), raw, value, unit, year and str(year),
                {q: self.label(QUALIFIERS[q][0], "en") for q in qualifiers},
                denominator_text, share_of is not None and self.label(share_of, "en"))
            key = self.key(obs)
            self.G.add_node(key, **{
                "iri": str(obs), "label_zh": zh, "label_en": en, "aliases_zh": [], "aliases_en": [],
                "search": [], "type": self.curie(SCHEMA.Observation),
                "type_zh": self.label(SCHEMA.Observation, "zh"),
                "type_en": self.label(SCHEMA.Observation, "en"), "category": "statistic",
                "note": "", "attributes": [], "mentions": [],
                "value": str(value), "unit": self.curie(unit), "raw": raw,
                "value_zh": value_zh, "value_en": value_en,
                "year": str(year or ""), "qualifiers": qualifiers,
                "denominator_text": denominator_text, "defect": str(g.value(obs, RG.defect) or ""),
                **{k: provenance[k] for k in ("assertion", "note", "quote", "start", "end", "report",
                                               "evidence")}})
            for prop, target in ((SCHEMA.observationAbout, about), (SCHEMA.variableMeasured, variable),
                                 (SCHEMA.measurementDenominator, share_of), (RG.atEvent, event)):
                if target is not None:
                    self.add_edge(key, self.key(target), prop, **provenance)

    def add_mentions(self):
        for mention, entity in self.g.subject_objects(RG.denotes):
            key = self.key(entity)
            if key in self.G:
                span = self.span(mention)
                kind = self.g.value(mention, RG.mentionKind)
                self.G.nodes[key]["mentions"].append(
                    {**span, "kind": self.label(kind, "en", self.onto) or self.curie(kind)})
        for _, data in self.G.nodes(data=True):
            data["mentions"].sort(key=lambda m: (m["report"], m["start"]))


def _sorted(G):
    """G with nodes and edges inserted in sorted order, so that files written from it are stable."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda n: str(n[0])))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])))
    return H


def _observation_labels(variable, raw, value, unit, year, qualifiers, denominator_text, area_en):
    """zh and en labels of a statistic (the variable and the number as the report words it),
    and of its number alone.

    ``qualifiers`` maps each qualifier key to its English word; ``area_en`` names the
    area whose total a share (or rank) is of.

    >>> _observation_labels(("氧化铝产量", "alumina output"), "11.38%", Decimal("11.38"),
    ...     UNIT.PERCENT, "2022", {"approximately": "approximately"}, "全国", "China")
    ('氧化铝产量占全国:约11.38%(2022年)', 'alumina output, share of China’s total: approximately 11.38% (2022)', '约11.38%', 'approximately 11.38%')
    >>> _observation_labels(("签约项目总投资", "total investment"), "147.39亿元", Decimal("14739000000"),
    ...     CUR.CNY, "2023", {}, "", None)[1]
    'total investment: 14.739 billion CNY (2023)'
    """
    var_zh, var_en = variable
    before = "".join(QUALIFIERS[q][1] for q in qualifiers
                     if q not in _ZH_AFTER and QUALIFIERS[q][1] not in raw)
    after = "".join(QUALIFIERS[q][1] for q in qualifiers
                    if q in _ZH_AFTER and QUALIFIERS[q][1] not in raw)
    share = unit == UNIT.PERCENT
    if denominator_text:
        var_zh += f"占{denominator_text}" if share else f"({denominator_text})"
    if area_en:
        var_en = f"{var_en}, {f'share of {area_en}’s total' if share else f'within {area_en}'}"
    en_before = "".join(w + " " for q, w in qualifiers.items() if q not in _EN_AFTER)
    en_after = "".join(("" if w.startswith("-") else " ") + w
                       for q, w in qualifiers.items() if q in _EN_AFTER)
    number = _ordinal(value) if unit == UNIT.UNITLESS else _number_en(value) + _UNIT_EN.get(unit, "")
    value_zh, value_en = f"{before}{raw}{after}", f"{en_before}{number}{en_after}"
    zh, en = f"{var_zh}:{value_zh}", f"{var_en or var_zh}: {value_en}"
    if year:
        zh += f"({year}年)"
        en += f" ({year})"
    return zh, en, value_zh, value_en


_ZH_AFTER = {"orMore", "moreThan", "odd"}   # written after the number: 80%以上, 2000余人, 20多位
_EN_AFTER = {"orMore", "odd"}               # "80% or more", "20-odd"


def _ordinal(value):
    """``3`` -> ``3rd``: a rank as English writes it."""
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _number_en(value):
    """A number as English writes it: ``2,000``, ``9.5933 million``, ``14.739 billion``.

    >>> _number_en(Decimal("9593300")), _number_en(Decimal("2000")), _number_en(Decimal("11.38"))
    ('9.5933 million', '2,000', '11.38')
    """
    for size, word in ((Decimal(10) ** 9, " billion"), (Decimal(10) ** 6, " million")):
        if abs(value) >= size:
            return f"{(value / size).normalize():f}{word}"
    return f"{value.normalize():,f}"


# --- layout ---------------------------------------------------------------------------------

def layout(G, seed=7, per_node=16000.0):
    """Node positions ``{node: (x, y)}`` for drawing, in pixels; the same graph always gets the same.

    Each connected component is laid out on its own with igraph's Fruchterman-Reingold
    from seeded random starting points, scaled to about ``per_node`` square pixels a
    node, and the components are then packed in rows, largest first (isolated nodes
    end up in a tidy grid instead of being flung to the edges). Fruchterman-Reingold
    lays out the seed graph in a few hundredths of a second and reads well; above
    1,000 nodes its grid variant keeps 5,000 nodes to about a second, where networkx's
    ForceAtlas2 and spring layouts take more than a minute.

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    undirected = nx.Graph(G.to_undirected(as_view=True)) if G.is_directed() else nx.Graph(G)
    undirected.remove_edges_from(nx.selfloop_edges(undirected))
    components = sorted((sorted(c, key=str) for c in nx.connected_components(undirected)),
                        key=lambda c: (-len(c), str(c[0])))
    rng = random.Random(seed)
    boxes = [_component_layout(undirected, nodes, rng, per_node) for nodes in components]
    return _packed(boxes, cell=per_node ** 0.5)


def _component_layout(G, nodes, rng, per_node):
    """Positions of one connected component, scaled, with their lower-left corner at (0, 0)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    import igraph

    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted((min(index[u], index[v]), max(index[u], index[v])) for u, v in G.subgraph(nodes).edges())
    half = len(nodes) ** 0.5 / 2   # igraph's own scale: a grid of cells of about one node each
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in nodes]
    large = len(nodes) > 1000
    igraph.set_random_number_generator(rng)   # igraph draws from Python's random by default
    try:
        coords = igraph.Graph(n=len(nodes), edges=edges).layout_fruchterman_reingold(
            seed=start, niter=500 if large else 1000, grid="grid" if large else "nogrid").coords
    finally:
        igraph.set_random_number_generator(random)
    pos = _scaled(dict(zip(nodes, coords)), per_node)
    return pos if large else _spread(pos)


def _spread(pos, width=120.0, aspect=2.5, rounds=60):
    """Push apart nodes whose labels would overlap (closer than ``width`` across, or
    ``width / aspect`` up and down), keeping the layout's shape; lower-left corner at (0, 0)."""
    import numpy as np   # only a build lays out: explain and analyse need no numpy

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    for _ in range(rounds):
        diff = xy[:, None, :] - xy[None, :, :]
        diff[:, :, 1] *= aspect
        dist = np.hypot(diff[:, :, 0], diff[:, :, 1])
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(width - dist, 0, None)
        if not overlap.any():
            break
        direction = diff / np.where(dist == 0, 1, dist)[:, :, None]
        direction[:, :, 1] /= aspect
        xy += 0.5 * (direction * overlap[:, :, None]).sum(axis=1)
    xy -= xy.min(axis=0)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def _packed(boxes, cell):
    """Components (position dicts with corner (0, 0)) packed in rows, centred on (0, 0)."""
    sizes = [(max(x for x, _ in b.values()) + cell, max(y for _, y in b.values()) + cell) for b in boxes]
    row_width = max(max(w for w, _ in sizes), sum(w * h for w, h in sizes) ** 0.5 * 1.2)
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for box, (w, h) in zip(boxes, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        pos.update({n: (px + x, py + y) for n, (px, py) in box.items()})
        x, row_height = x + w, max(row_height, h)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round(px - cx, 1), round(py - cy, 1)) for n, (px, py) in pos.items()}


def place(G, seed=7):
    """Lay G out (:func:`layout`) and store each node's position as its ``x`` and ``y``; returns G."""
    for node, (x, y) in layout(G, seed).items():
        G.nodes[node]["x"], G.nodes[node]["y"] = x, y
    return G


def _scaled(pos, per_node):
    """Positions scaled to about ``per_node`` square pixels a node, lower-left corner at (0, 0)."""
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    size = (per_node * len(pos)) ** 0.5
    return {n: ((float(x) - min(xs)) / span * size, (float(y) - min(ys)) / span * size)
            for n, (x, y) in pos.items()}


# --- files ------------------------------------------------------------------------------------

def _flat(G, gexf=False):
    """A copy of G whose attributes are all strings, numbers or booleans (lists as JSON)."""
    def flat(data):
        out = {}
        for k, v in data.items():
            if isinstance(v, (list, dict, tuple)):
                out[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
            elif v is not None:
                out[k] = v
        return out

    H = nx.MultiDiGraph()
    H.graph.update(flat(G.graph))
    for n, data in G.nodes(data=True):
        attrs = flat(data)
        if gexf:
            attrs.pop("x", None), attrs.pop("y", None)
            spec = CATEGORIES[data["category"]]
            r, g_, b = (int(spec[2][i:i + 2], 16) for i in (1, 3, 5))
            attrs["viz"] = {"color": {"r": r, "g": g_, "b": b, "a": 1.0},
                            "position": {"x": float(data.get("x", 0)), "y": -float(data.get("y", 0)),
                                         "z": 0.0}}
        H.add_node(n, label=data["label_zh"], **attrs) if gexf else H.add_node(n, **attrs)
    for u, v, k, data in G.edges(keys=True, data=True):
        attrs = flat(data)
        if gexf:
            attrs["label"] = data["label_zh"]
        H.add_edge(u, v, key=k, **attrs)
    return H


def graphml(G):
    """GraphML text of G; lists and dicts become JSON strings."""
    return "\n".join(nx.generate_graphml(_flat(G), encoding="utf-8", prettyprint=True)) + "\n"


def gexf(G):
    """GEXF 1.2 text of G, with Gephi's viz colours and positions.

    Its ``lastmodifieddate`` is the newest report's date (none if no report has one), not
    the day of the build, so that the same graph gives the same bytes on any day.
    """
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    dates = [r.get("issued") for r in G.graph.get("reports", {}).values() if r.get("issued")]
    if dates:
        meta.set("lastmodifieddate", max(dates))
    else:
        del meta.attrib["lastmodifieddate"]
    writer.add_graph(_flat(G, gexf=True))
    return str(writer).rstrip("\n") + "\n"


_JSON_ATTRS = {"aliases_zh", "aliases_en", "search", "attributes", "mentions", "qualifiers",
               "evidence", "reports"}


def _unflatten(G):
    for data in [G.graph, *(d for _, d in G.nodes(data=True)),
                 *(d for *_, d in G.edges(data=True))]:
        for k in _JSON_ATTRS & set(data):
            if isinstance(data[k], str):
                data[k] = json.loads(data[k])
    return G


def read_graphml(path):
    """Read a file :func:`graphml` wrote back into the projection's form."""
    return _unflatten(nx.read_graphml(path, force_multigraph=True))


def read_gexf(path):
    """Read a file :func:`gexf` wrote back into the projection's form (viz data dropped)."""
    G = nx.read_gexf(path)
    for _, data in G.nodes(data=True):
        data.pop("viz", None)
    return _unflatten(G)
