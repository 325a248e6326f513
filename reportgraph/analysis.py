"""Linkage analysis over the networkx projection: explain, centrality, brokers, communities, ego.

Small functions over the projection (:mod:`reportgraph.project`), each using networkx's
own algorithms. Every path is made of facts, so every hop comes with its quote
(:func:`explain`). The results as RDF (``analysis.ttl`` of the built graph) are
:mod:`reportgraph.analysis_rdf`'s; as text, Markdown and JSON :mod:`reportgraph.analysis_text`'s.

Centrality, brokers and communities are computed on the *actor graph*
(:func:`actor_graph`): the projection without its classification nodes (concepts
such as sectors and designations, chain stages, statistics), so that a concept
shared by many entities, or the nineteen statistics about Baise, do not make
their neighbours look central. Parallel facts between two actors become one
undirected edge whose ``weight`` counts them.
"""

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

import networkx as nx

from .firstview import PAGERANK, actors, pagerank
from .graphfiles import read_graphml
from .lookup import find
from .paths import GRAPHML, Paths
from .presentation import COLLAPSED
from .project import curie

#: Categories left out of the actor graph: they classify entities rather than link them.
CLASSIFYING = COLLAPSED

#: The two sides of the report by default: the Guangdong delegation, and its Guangxi hosts.
GUANGDONG = ("nanhai-aluminium-alliance", "nanhai-aluminium-profile-association", "nanhai-delegation")
GUANGXI = ("baise-government", "baise-aluminium-association", "guangxi-government")

#: Above this many actors, betweenness is estimated from a seeded sample of sources
#: (networkx's ``k``): exact betweenness costs O(nodes × edges), a minute at 5,000 nodes.
EXACT_BETWEENNESS = 2000
BETWEENNESS_SAMPLE = 300


class Algorithm(NamedTuple):
    """An algorithm the analysis runs, with its parameters, recorded with the results."""

    name: str
    parameters: dict[str, Any]


MEASURES = {
    "degree": Algorithm("networkx.degree_centrality", {}),
    "betweenness": Algorithm("networkx.betweenness_centrality", {"normalized": True}),
    "pagerank": Algorithm("networkx.pagerank", PAGERANK),
}
COMMUNITIES = Algorithm("networkx.community.louvain_communities", {"seed": 7, "weight": "weight", "resolution": 1.0})


def read_network(paths: Paths = Paths()) -> nx.MultiDiGraph:
    """The projection of the graph built in ``paths.out``, read from its GraphML file;
    :class:`~reportgraph.paths.GraphMissing` if there is none."""
    return read_graphml(paths.built(GRAPHML))


def linkage_graph(G: nx.MultiDiGraph, exclude: Collection[str] = ()) -> nx.MultiGraph:
    """G as an undirected multigraph for path finding, without the predicates (``schema:location``)
    or node categories (``place``) named in ``exclude``."""
    exclude = set(exclude)
    H = nx.MultiGraph()
    H.add_nodes_from(n for n, d in G.nodes(data=True) if d.get("category") not in exclude)
    for u, v, key, d in G.edges(keys=True, data=True):
        if u in H and v in H and (not exclude or curie(d["predicate"]) not in exclude):
            H.add_edge(u, v, key=(u, v, key), **d)
    return H


def _hop(G, u, v, H):
    """The facts linking ``u`` and ``v`` (either direction), as readable hops."""
    facts = []
    for (s, o, _), d in sorted(H.get_edge_data(u, v).items(),
                               key=lambda kv: (kv[1]["report"], kv[1]["start"], str(kv[0]))):
        subject_zh, object_zh = G.nodes[s]["label_zh"], G.nodes[o]["label_zh"]
        subject_en = G.nodes[s].get("label_en") or subject_zh
        object_en = G.nodes[o].get("label_en") or object_zh
        facts.append({
            "from": s, "to": o, "predicate": curie(d["predicate"]),
            "sentence_zh": f"{subject_zh} —{d['label_zh']}→ {object_zh}",
            "sentence_en": f"{subject_en} —{d.get('label_en') or d['label_zh']}→ {object_en}",
            "quote": d["quote"], "start": d["start"], "end": d["end"], "report": d["report"],
            "evidence": d.get("evidence") or [{k: d[k] for k in ("report", "start", "end", "quote")}],
            "assertion": d.get("assertion", "stated")})
    return facts


def explain(G: nx.MultiDiGraph, a: str, b: str, exclude: Collection[str] = (),
            k: int | None = None) -> list[list[dict]]:
    """Every shortest linkage path between entities ``a`` and ``b`` (names as :func:`find` takes),
    or with ``k`` the ``k`` shortest simple paths; each path is a list of hops, each hop a fact
    with its sentence, quote and offsets. Where two entities are linked by several facts, each
    is its own hop of its own path.

    >>> G = nx.MultiDiGraph([("expo", "assoc", {"predicate": "https://schema.org/attendee", "label_zh": "参加者"}),
    ...     ("expo", "miit", {"predicate": "https://schema.org/organizer", "label_zh": "主办方"})])
    >>> nx.set_node_attributes(G, {"expo": "博览会", "assoc": "南海铝协", "miit": "工业和信息化部"}, "label_zh")
    >>> for _, _, fact in G.edges(data=True):   # one quote for both, to be short
    ...     fact.update(quote="……", start=0, end=2, report="r1")
    >>> [[(hop["sentence_zh"], hop["predicate"]) for hop in p] for p in explain(G, "南海铝协", "工业和信息化部")]
    [[('博览会 —参加者→ 南海铝协', 'schema:attendee'), ('博览会 —主办方→ 工业和信息化部', 'schema:organizer')]]
    >>> explain(G, "南海铝协", "工业和信息化部", exclude=["schema:attendee"])
    []
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


def actor_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected, weighted graph of actors, events and places (see the module's notes): the first
    view's map (:func:`reportgraph.firstview.actors`), whose layout ranks them by this PageRank."""
    return actors(G)


def centrality(G: nx.MultiDiGraph) -> dict[str, dict[Hashable, float]]:
    """``{measure: {node: value}}`` for degree, betweenness and PageRank on the actor graph.

    >>> c = centrality(nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("hub", "c"), ("c", "d")]))
    >>> max(c["pagerank"], key=c["pagerank"].get), c["betweenness"]["hub"]
    ('hub', 0.8333333333333333)
    """
    return _centrality(actor_graph(G))


def _centrality(A):
    return {
        "degree": nx.degree_centrality(A),
        "betweenness": _betweenness(A, **parameters(A, "betweenness")),
        "pagerank": pagerank(A),
    }


def _betweenness(A, normalized=True, k=None, seed=None):
    """``nx.betweenness_centrality(A, normalized=normalized, k=k, seed=seed)``. Sampled and normalized,
    the paths from networkx's own seeded sample of sources are counted by igraph, in C (a tenth of the
    time at 2,600 actors), and scaled as networkx scales them: equal to the last bits of a float.

    >>> A = nx.gnm_random_graph(60, 150, seed=1)
    >>> mine, theirs = _betweenness(A, True, 20, 7), nx.betweenness_centrality(A, k=20, seed=7)
    >>> max(abs(mine[n] - theirs[n]) for n in A) < 1e-12
    True
    """
    if not normalized or k is None or not 2 <= k < len(A):
        return nx.betweenness_centrality(A, normalized=normalized, k=k, seed=seed)
    import random

    from .layout import igraph_module

    nodes = list(A)
    sources = random.Random(seed).sample(nodes, k)   # networkx's sample for an integer seed
    index = {n: i for i, n in enumerate(nodes)}
    arcs = [(index[u], index[v]) for u, v in A.edges()]
    # both ways, directed: igraph then counts every (source, target) pair in order, as networkx does
    graph = igraph_module().Graph(n=len(nodes), edges=arcs + [(v, u) for u, v in arcs], directed=True)
    counted = graph.betweenness(directed=True, sources=[index[s] for s in sources])
    n, sampled = len(nodes), set(sources)
    # networkx's _rescale, normalized, endpoints left out: a source is on paths to the other k - 1
    scale_source, scale_other = 1 / ((k - 1) * (n - 2)), 1 / (k * (n - 2))
    return {v: counted[i] * (scale_source if v in sampled else scale_other) for v, i in index.items()}


def parameters(A: nx.Graph, measure: str) -> dict[str, Any]:
    """The parameters ``measure`` runs with on actor graph ``A`` (betweenness is sampled when large)."""
    params = dict(MEASURES[measure].parameters)
    if measure == "betweenness" and A.number_of_nodes() > EXACT_BETWEENNESS:
        params.update(k=BETWEENNESS_SAMPLE, seed=7)
    return params


def top(values: dict[Hashable, float], G: nx.MultiDiGraph, n: int = 5,
        categories: Collection[str] | None = None) -> list[tuple[Hashable, float]]:
    """The ``n`` highest ``(node, value)`` pairs, optionally of the given categories only; values equal
    to twelve decimals are ranked by node (sums in another order differ in the last bits: a tie stays one)."""
    items = [(k, v) for k, v in values.items()
             if categories is None or G.nodes[k].get("category") in categories]
    return sorted(items, key=lambda kv: (-round(kv[1], 12), kv[0]))[:n]


def brokers(G: nx.MultiDiGraph, side_a: Iterable[Hashable] = GUANGDONG,
            side_b: Iterable[Hashable] = GUANGXI) -> dict[str, Any]:
    """Who brokers between two groups: ``{"nodes": [...], "edges": [...]}``, each entry with the
    pairs (a, b) its removal disconnects and the total length it adds to the remaining paths,
    largest effect first. Only nodes and edges on some shortest path between the groups matter.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a1", "a2", "hub", "b"], label_zh="…")
    >>> _ = G.add_edges_from([("a1", "hub"), ("a2", "hub"), ("hub", "b"), ("a1", "a2")], label_zh="…",
    ...                  predicate="https://reportgraph.example/ontology#invited", quote="…", start=0, end=1, report="r")
    >>> [(b["node"], b["disconnects"], b["adds_length"]) for b in brokers(G, ["a1", "a2"], ["b"])["nodes"]]
    [('hub', 2, 0)]
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

    # the linkage graph of the nodes at the ends of those edges alone: their facts are all it is read for
    nodes, edges, H = [], [], linkage_graph(G.subgraph({n for e in on_paths_edges for n in e}))
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


def communities(G: nx.MultiDiGraph) -> list[list[Hashable]]:
    """Communities of the actor graph (Louvain, seeded), largest first, each a sorted list of nodes.

    >>> communities(nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "x"), ("x", "y"), ("y", "z"),
    ...                              ("z", "x"), ("p", "q")]))
    [['a', 'b', 'c'], ['x', 'y', 'z'], ['p', 'q']]
    """
    return _communities(actor_graph(G))


def _communities(A):
    sets = nx.community.louvain_communities(A, **COMMUNITIES.parameters)
    return sorted((sorted(c) for c in sets), key=lambda c: (-len(c), c[0]))


@dataclass
class Measures:
    """Everything the analysis computes on one actor graph, computed once (:func:`measures`) for
    :func:`analyse`, :func:`annotate` and :func:`reportgraph.analysis_rdf.to_rdf`."""

    actors: nx.Graph                                 # the actor graph (:func:`actor_graph`)
    centrality: dict[str, dict[Hashable, float]]     # as :func:`centrality` gives it
    brokers: dict[str, Any]                          # as :func:`brokers` gives it
    communities: list[list[Hashable]]                # as :func:`communities` gives them


def measures(G: nx.MultiDiGraph) -> Measures:
    """The :class:`Measures` of G."""
    A = actor_graph(G)
    return Measures(A, _centrality(A), _brokers(G, A), _communities(A))


def ego(G: nx.MultiDiGraph, node: str, radius: int = 1) -> nx.MultiDiGraph:
    """The ego network of ``node`` (a name :func:`find` takes) to depth ``radius``, as a subgraph of G.

    >>> sorted(ego(nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")]), "b").nodes)
    ['a', 'b', 'c']
    """
    center = find(G, node)
    keep = nx.ego_graph(G.to_undirected(as_view=True), center, radius=radius)
    return G.subgraph(keep.nodes).copy()


def analyse(G: nx.MultiDiGraph, n: int = 10, measured: Measures | None = None) -> dict[str, Any]:
    """The whole analysis as plain data, for people: top ``n`` entities by each measure, brokers,
    communities (``measured``: the :func:`measures` of G, if already computed). Written out by
    :mod:`reportgraph.analysis_text`."""
    measured = measured or measures(G)
    label = lambda k: G.nodes[k]["label_zh"]
    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "actor_graph": {"nodes": measured.actors.number_of_nodes(), "edges": measured.actors.number_of_edges()},
        "centrality": {m: [{"node": k, "label_zh": label(k), "value": round(v, 6)} for k, v in top(vals, G, n)]
                       for m, vals in measured.centrality.items()},
        "brokers": measured.brokers,
        "communities": [{"size": len(m), "members": [{"node": k, "label_zh": label(k)} for k in m]}
                        for m in measured.communities],
    }


def annotate(G: nx.MultiDiGraph, measured: Measures | None = None) -> nx.MultiDiGraph:
    """Store each node's ``pagerank`` (0 outside the actor graph) and ``community`` (its index in
    :func:`communities`, from 1; 0 outside the actor graph) on G, for the explorer; returns G."""
    measured = measured or measures(G)
    rank = measured.centrality["pagerank"]
    member = {n: i for i, c in enumerate(measured.communities, 1) for n in c}
    for n, d in G.nodes(data=True):
        d["pagerank"] = round(rank.get(n, 0.0), 6)
        d["community"] = member.get(n, 0)
    return G
