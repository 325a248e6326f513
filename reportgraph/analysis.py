"""Linkage analysis over the networkx projection: explain, centrality, brokers, communities, ego.

Small functions over the projection (:mod:`reportgraph.network`), each using networkx's
own algorithms. Every path is made of facts, so every hop comes with its quote.

Centrality, brokers and communities are computed on the *actor graph*
(:func:`actor_graph`): the projection without its classification nodes (concepts
such as sectors and designations, chain stages, statistics), so that a concept
shared by many entities, or the nineteen statistics about Baise, do not make
their neighbours look central. Parallel facts between two actors become one
undirected edge whose ``weight`` counts them.

>>> G = load(".")
>>> [p[0]["sentence_en"] for p in explain(G, "南海铝协", "百色市铝产业协会")][-1]
'Foshan Nanhai District Aluminium Profile Industry Association —friendly association of→ Baise Aluminium Industry Association'
"""

import difflib
import json
from itertools import islice
from pathlib import Path

import networkx as nx

from .network import read_graphml

GRAPHML = Path("graph") / "knowledge_graph.graphml"

#: Categories left out of the actor graph: they classify entities rather than link them.
CLASSIFYING = frozenset({"concept", "stage", "statistic"})

#: The two sides of the report by default: the Guangdong delegation, and its Guangxi hosts.
GUANGDONG = ("nanhai-aluminium-alliance", "nanhai-aluminium-profile-association", "nanhai-delegation")
GUANGXI = ("baise-government", "baise-aluminium-association", "guangxi-government")

#: Above this many actors, betweenness is estimated from a seeded sample of sources
#: (networkx's ``k``): exact betweenness costs O(nodes × edges), a minute at 5,000 nodes.
EXACT_BETWEENNESS = 2000
BETWEENNESS_SAMPLE = 300

#: Algorithms, with their parameters, recorded with the results.
MEASURES = {
    "degree": ("networkx.degree_centrality", {}),
    "betweenness": ("networkx.betweenness_centrality", {"normalized": True}),
    "pagerank": ("networkx.pagerank", {"alpha": 0.85, "weight": "weight"}),
}
COMMUNITIES = ("networkx.community.louvain_communities", {"seed": 7, "weight": "weight", "resolution": 1.0})


def load(root="."):
    """The projection of the built graph, read from ``graph/knowledge_graph.graphml``."""
    path = Path(root, GRAPHML)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no built graph; run python build_graph.py first")
    return read_graphml(path)


def find(G, text):
    """The node named ``text``: its id, zh or en label, alias or search term (case does not matter).

    A name that is part of exactly one entity's names finds it too. Raises ``LookupError``
    for an empty name, for an unknown one (with the nearest names: "did you mean …"), and
    for one that several entities share (listing them).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("miit", label_zh="工业和信息化部", label_en="Ministry of Industry and Information Technology",
    ...            aliases_zh=["工信部"], aliases_en=["MIIT"])
    >>> G.add_node("nanhai-association", label_zh="佛山市南海区铝型材行业协会", aliases_zh=["南海铝协"])
    >>> find(G, "MIIT"), find(G, "工信部"), find(G, "nanhai-association"), find(G, "型材")
    ('miit', 'miit', 'nanhai-association', 'nanhai-association')
    >>> find(G, "南海铝会")
    Traceback (most recent call last):
    ...
    LookupError: no entity is called '南海铝会'; did you mean 南海铝协 (nanhai-association)?
    >>> find(G, "部会")
    Traceback (most recent call last):
    ...
    LookupError: no entity is called '部会'
    """
    if text in G:
        return text
    wanted = text.strip().casefold()
    if not wanted:
        raise LookupError("an entity name is empty: give an id, a zh or en name, or an alias")
    exact, partial, named = [], [], {}
    for node, d in G.nodes(data=True):
        names = [d.get("label_zh"), d.get("label_en"), *d.get("aliases_zh", []),
                 *d.get("aliases_en", []), *d.get("search", [])]
        names = [n for n in names if n]
        for n in [*names, str(node)]:   # ids too, for "did you mean"
            named.setdefault(n.casefold(), (n, node))
        folded = [n.casefold() for n in names]
        if wanted in folded:
            exact.append(node)
        elif any(wanted in n for n in folded):
            partial.append(node)
    matches = exact or partial
    if len(matches) == 1:
        return matches[0]
    if not matches:
        near = difflib.get_close_matches(wanted, list(named), n=8, cutoff=0.6)
        shown = []
        for n in near:
            name, node = named[n]
            entry = name if name == node else f"{name} ({node})"
            if node not in (other for _, other in shown) and len(shown) < 3:
                shown.append((entry, node))
        hint = f"; did you mean {', '.join(e for e, _ in shown)}?" if shown else ""
        raise LookupError(f"no entity is called {text!r}{hint}")
    listed = sorted(f"{G.nodes[m]['label_zh']} ({m})" for m in matches)
    more = f" … and {len(listed) - 8} more" if len(listed) > 8 else ""
    raise LookupError(f"{text!r} could be any of: {', '.join(listed[:8])}{more}")


def linkage_graph(G, exclude=()):
    """G as an undirected multigraph for path finding, without the predicates (``schema:location``)
    or node categories (``place``) named in ``exclude``."""
    exclude = set(exclude)
    H = nx.MultiGraph()
    H.add_nodes_from(n for n, d in G.nodes(data=True) if d.get("category") not in exclude)
    for u, v, key, d in G.edges(keys=True, data=True):
        if u in H and v in H and key.split(" ")[0] not in exclude:
            H.add_edge(u, v, key=(u, v, key), **d)
    return H


def _hop(G, u, v, H):
    """The facts linking ``u`` and ``v`` (either direction), as readable hops."""
    facts = []
    for (s, o, key), d in sorted(H.get_edge_data(u, v).items(), key=lambda kv: (kv[1]["start"], str(kv[0]))):
        sz, oz = G.nodes[s]["label_zh"], G.nodes[o]["label_zh"]
        se, oe = G.nodes[s].get("label_en") or sz, G.nodes[o].get("label_en") or oz
        facts.append({
            "from": s, "to": o, "predicate": key.split(" ")[0],
            "sentence_zh": f"{sz} —{d['label_zh']}→ {oz}",
            "sentence_en": f"{se} —{d.get('label_en') or d['label_zh']}→ {oe}",
            "quote": d["quote"], "start": d["start"], "end": d["end"], "report": d["report"],
            "assertion": d.get("assertion", "stated")})
    return facts


def explain(G, a, b, exclude=(), k=None):
    """Every shortest linkage path between entities ``a`` and ``b`` (names as :func:`find` takes),
    or with ``k`` the ``k`` shortest simple paths; each path is a list of hops, each hop a fact
    with its sentence, quote and offsets. Where two entities are linked by several facts, each
    is its own hop of its own path.

    >>> paths = explain(load("."), "南海铝协", "工业和信息化部")
    >>> [[hop["sentence_zh"] for hop in p] for p in paths]   # doctest: +NORMALIZE_WHITESPACE
    [['2023中国产业转移发展对接活动(广西) —参加者→ 佛山市南海区铝型材行业协会',
      '2023中国产业转移发展对接活动(广西) —主办方→ 工业和信息化部']]
    """
    source, target = find(G, a), find(G, b)
    H = linkage_graph(G, exclude)
    if source not in H or target not in H:
        raise LookupError("an end of the path is of an excluded category")
    try:
        if k:
            node_paths = list(islice(nx.shortest_simple_paths(nx.Graph(H), source, target), k))
        else:
            node_paths = sorted(nx.all_shortest_paths(H, source, target))
    except nx.NetworkXNoPath:
        return []
    paths = []
    for nodes in node_paths:
        expanded = [[]]
        for u, v in zip(nodes, nodes[1:]):
            expanded = [p + [fact] for p in expanded for fact in _hop(G, u, v, H)]
        paths.extend(expanded)
    return paths


def actor_graph(G):
    """The undirected, weighted graph of actors, events and places (see the module's notes)."""
    A = nx.Graph()
    A.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d.get("category") not in CLASSIFYING)
    for u, v in G.edges():
        if u in A and v in A and u != v:
            w = A.get_edge_data(u, v, {"weight": 0})["weight"]
            A.add_edge(u, v, weight=w + 1)
    return A


def centrality(G):
    """``{measure: {node: value}}`` for degree, betweenness and PageRank on the actor graph.

    >>> c = centrality(load("."))
    >>> max(c["pagerank"], key=c["pagerank"].get)
    'docking-activity-2023'
    """
    return _centrality(actor_graph(G))


def _centrality(A):
    return {
        "degree": nx.degree_centrality(A),
        "betweenness": nx.betweenness_centrality(A, **parameters(A, "betweenness")),
        "pagerank": nx.pagerank(A, **MEASURES["pagerank"][1]),
    }


def parameters(A, measure):
    """The parameters ``measure`` runs with on actor graph ``A`` (betweenness is sampled when large)."""
    params = dict(MEASURES[measure][1])
    if measure == "betweenness" and A.number_of_nodes() > EXACT_BETWEENNESS:
        params.update(k=BETWEENNESS_SAMPLE, seed=7)
    return params


def top(values, G, n=5, categories=None):
    """The ``n`` highest ``(node, value)`` pairs, optionally of the given categories only."""
    items = [(k, v) for k, v in values.items()
             if categories is None or G.nodes[k].get("category") in categories]
    return sorted(items, key=lambda kv: (-kv[1], kv[0]))[:n]


def brokers(G, side_a=GUANGDONG, side_b=GUANGXI):
    """Who brokers between two groups: ``{"nodes": [...], "edges": [...]}``, each entry with the
    pairs (a, b) its removal disconnects and the total length it adds to the remaining paths,
    largest effect first. Only nodes and edges on some shortest path between the groups matter.

    >>> [(b["node"], b["disconnects"], b["adds_length"]) for b in brokers(load("."))["nodes"]]
    [('docking-activity-2023', 0, 2), ('guangxi-government-briefing', 0, 0)]
    """
    return _brokers(G, actor_graph(G), side_a, side_b)


def _brokers(G, A, side_a=GUANGDONG, side_b=GUANGXI):
    side_a, side_b = [n for n in side_a if n in A], [n for n in side_b if n in A]
    pairs = [(a, b) for a in side_a for b in side_b if a != b]

    def lengths(graph):
        out = {}
        for a, b in pairs:
            try:
                out[(a, b)] = nx.shortest_path_length(graph, a, b)
            except nx.NetworkXNoPath:
                out[(a, b)] = None
        return out

    base = lengths(A)
    on_paths_nodes, on_paths_edges = set(), set()
    for a, b in pairs:
        if base[(a, b)] is None:
            continue
        for path in nx.all_shortest_paths(A, a, b):
            on_paths_nodes.update(path[1:-1])
            on_paths_edges.update(tuple(sorted(e)) for e in zip(path, path[1:]))

    def effect(graph):
        after = lengths(graph)
        cut = [p for p in pairs if base[p] is not None and after[p] is None]
        longer = sum(after[p] - base[p] for p in pairs if base[p] is not None and after[p] is not None)
        return cut, longer

    nodes, edges, H = [], [], linkage_graph(G)
    for n in sorted(on_paths_nodes - set(side_a) - set(side_b)):
        cut, longer = effect(nx.restricted_view(A, [n], []))
        nodes.append({"node": n, "label_zh": G.nodes[n]["label_zh"], "label_en": G.nodes[n].get("label_en", ""),
                      "disconnects": len(cut), "adds_length": longer})
    for u, v in sorted(on_paths_edges):
        cut, longer = effect(nx.restricted_view(A, [], [(u, v)]))
        edges.append({"edge": [u, v], "disconnects": len(cut), "adds_length": longer,
                      "facts": [f["sentence_zh"] for f in _hop(G, u, v, H)]})
    key = lambda x: (-x["disconnects"], -x["adds_length"], str(x.get("node", x.get("edge"))))
    return {"side_a": side_a, "side_b": side_b, "pairs": len(pairs),
            "nodes": sorted(nodes, key=key), "edges": sorted(edges, key=key)}


def communities(G):
    """Communities of the actor graph (Louvain, seeded), largest first, each a sorted list of nodes.

    >>> groups = communities(load("."))
    >>> any({"nanhai-aluminium-profile-association", "nanhai-aluminium-alliance"} <= set(c) for c in groups)
    True
    """
    return _communities(actor_graph(G))


def _communities(A):
    found = nx.community.louvain_communities(A, **COMMUNITIES[1])
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def measures(G):
    """Everything the analysis computes, once, on one actor graph: ``{"actors", "centrality",
    "brokers", "communities"}``, for :func:`analyse`, :func:`annotate` and :func:`to_rdf`."""
    A = actor_graph(G)
    return {"actors": A, "centrality": _centrality(A), "brokers": _brokers(G, A),
            "communities": _communities(A)}


def ego(G, node, radius=1):
    """The ego network of ``node`` (a name :func:`find` takes) to depth ``radius``, as a subgraph of G.

    >>> sorted(ego(load("."), "南海铝协", 1).nodes)[:3]
    ['baise-aluminium-association', 'baise-government', 'docking-activity-2023']
    """
    center = find(G, node)
    keep = nx.ego_graph(G.to_undirected(as_view=True), center, radius=radius)
    return G.subgraph(keep.nodes).copy()


def analyse(G, n=10, found=None):
    """The whole report as plain data: top entities by each measure, brokers, communities
    (``found``: the :func:`measures` of G, if already computed)."""
    found = found or measures(G)
    label = lambda k: G.nodes[k]["label_zh"]
    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "actor_graph": {"nodes": found["actors"].number_of_nodes(), "edges": found["actors"].number_of_edges()},
        "centrality": {m: [{"node": k, "label_zh": label(k), "value": round(v, 6)} for k, v in top(vals, G, n)]
                       for m, vals in found["centrality"].items()},
        "brokers": found["brokers"],
        "communities": [{"size": len(m), "members": [{"node": k, "label_zh": label(k)} for k in m]}
                        for m in found["communities"]],
    }


def markdown(report):
    """The report of :func:`analyse` as Markdown."""
    out = [f"# Linkage analysis\n\n{report['nodes']} nodes, {report['edges']} edges; actor graph "
           f"{report['actor_graph']['nodes']} nodes, {report['actor_graph']['edges']} edges "
           f"(without concepts, chain stages and statistics).\n"]
    for measure, rows in report["centrality"].items():
        out.append(f"## Top by {measure}\n\n| # | entity | id | {measure} |\n|---|---|---|---|")
        out += [f"| {i} | {r['label_zh']} | {r['node']} | {r['value']:.4f} |" for i, r in enumerate(rows, 1)]
        out.append("")
    b = report["brokers"]
    out.append(f"## Brokers between {', '.join(b['side_a'])} and {', '.join(b['side_b'])}\n\n"
               f"| entity | id | pairs disconnected (of {b['pairs']}) | length added |\n|---|---|---|---|")
    out += [f"| {r['label_zh']} | {r['node']} | {r['disconnects']} | {r['adds_length']} |" for r in b["nodes"]]
    out.append("\n| link | pairs disconnected | length added | facts |\n|---|---|---|---|")
    out += [f"| {r['edge'][0]} — {r['edge'][1]} | {r['disconnects']} | {r['adds_length']} | "
            f"{'; '.join(r['facts'])} |" for r in b["edges"]]
    out.append("\n## Communities (Louvain)\n")
    out += [f"{i}. ({c['size']}) " + "、".join(m["label_zh"] for m in c["members"])
            for i, c in enumerate(report["communities"], 1)]
    return "\n".join(out) + "\n"


def text(report):
    """The report of :func:`analyse` as aligned text for a terminal."""
    from .sparql import aligned

    out = [f"{report['nodes']} nodes, {report['edges']} edges; actor graph {report['actor_graph']['nodes']} "
           f"nodes, {report['actor_graph']['edges']} edges (without concepts, chain stages and statistics)"]
    for measure, rows in report["centrality"].items():
        out += ["", f"Top by {measure}:",
                aligned(["#", "entity", "id", measure],
                        [[i, r["label_zh"], r["node"], f"{r['value']:.4f}"] for i, r in enumerate(rows, 1)])]
    b = report["brokers"]
    out += ["", f"Brokers between {', '.join(b['side_a'])} and {', '.join(b['side_b'])} ({b['pairs']} pairs):",
            aligned(["entity", "id", "pairs cut", "length added"],
                    [[r["label_zh"], r["node"], r["disconnects"], r["adds_length"]] for r in b["nodes"]]),
            "", aligned(["link", "pairs cut", "length added", "facts"],
                        [[" — ".join(r["edge"]), r["disconnects"], r["adds_length"], "; ".join(r["facts"])]
                         for r in b["edges"]])]
    out += ["", "Communities (Louvain):"]
    out += [f"{i:>3}. ({c['size']}) " + "、".join(m["label_zh"] for m in c["members"])
            for i, c in enumerate(report["communities"], 1)]
    return "\n".join(out) + "\n"


def as_json(report):
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def annotate(G, found=None):
    """Store each node's ``pagerank`` (0 outside the actor graph) and ``community`` (its index in
    :func:`communities`, from 1; 0 outside the actor graph) on G, for the explorer; returns G."""
    found = found or measures(G)
    rank = found["centrality"]["pagerank"]
    member = {n: i for i, c in enumerate(found["communities"], 1) for n in c}
    for n, d in G.nodes(data=True):
        d["pagerank"] = round(rank.get(n, 0.0), 6)
        d["community"] = member.get(n, 0)
    return G


def to_rdf(G, input_digest, base=None, found=None):
    """The results as RDF (graph/analysis.ttl): every centrality score, broker score and community,
    linked to its entity, each generated by a ``prov:Activity`` naming the algorithm, its
    parameters, the software and the digest of the graph it ran on (``found``: the
    :func:`measures` of G, if already computed).

    >>> from reportgraph.vocab import RG
    >>> g = to_rdf(load("."), "0" * 64)
    >>> len(set(g.subjects(predicate=None, object=RG.Community))) == len(communities(load(".")))
    True
    """
    from decimal import Decimal

    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import PROV, RDF, RDFS

    from .rdf import decimal_literal
    from .vocab import DEFAULT_BASE, PREFIXES, RG, SCHEMA

    base = base or DEFAULT_BASE
    found = found or measures(G)
    entity = {n: URIRef(d["iri"]) for n, d in G.nodes(data=True)}
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns, override=True)
    data = base + "analysis/"
    out.bind("analysis", data)

    def activity(name, algorithm, parameters):
        node = URIRef(data + f"activity/{name}")
        out.add((node, RDF.type, PROV.Activity))
        out.add((node, RDFS.label, Literal(f"{name} on the actor graph", lang="en")))
        out.add((node, RG.algorithm, Literal(algorithm)))
        out.add((node, RG.parameters, Literal(json.dumps(parameters, sort_keys=True))))
        out.add((node, RG.software, Literal(f"networkx {nx.__version__}")))
        out.add((node, RG.inputDigest, Literal(input_digest)))
        return node

    for measure, values in found["centrality"].items():
        act = activity(measure, MEASURES[measure][0], parameters(found["actors"], measure))
        for rank, (n, value) in enumerate(top(values, G, len(values)), 1):
            score = URIRef(data + f"{measure}/{n}")
            out.add((score, RDF.type, RG.CentralityScore))
            out.add((score, RG.measure, RG[measure]))
            out.add((score, RG.scoreOf, entity[n]))
            out.add((score, SCHEMA.value, decimal_literal(Decimal(f"{value:.6f}").normalize())))
            out.add((score, RG.rank, Literal(rank)))
            out.add((score, PROV.wasGeneratedBy, act))
    broker = found["brokers"]
    act = activity("brokers", "reportgraph.analysis.brokers (networkx.shortest_path_length)",
                   {"side_a": broker["side_a"], "side_b": broker["side_b"]})
    for b in broker["nodes"]:
        score = URIRef(data + f"broker/{b['node']}")
        out.add((score, RDF.type, RG.BrokerScore))
        out.add((score, RG.scoreOf, entity[b["node"]]))
        out.add((score, RG.disconnectsPairs, Literal(b["disconnects"])))
        out.add((score, RG.addsPathLength, Literal(b["adds_length"])))
        out.add((score, PROV.wasGeneratedBy, act))
    act = activity("communities", *COMMUNITIES)
    for i, members in enumerate(found["communities"], 1):
        community = URIRef(data + f"community/{i}")
        out.add((community, RDF.type, RG.Community))
        out.add((community, RDFS.label, Literal(f"community {i}", lang="en")))
        out.add((community, RG.rank, Literal(i)))
        out.add((community, PROV.wasGeneratedBy, act))
        for n in members:
            out.add((community, PROV.hadMember, entity[n]))
    return out
