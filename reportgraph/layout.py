"""Where the explorer draws each node: a deterministic layout, computed once at build time.

Each connected component is laid out on its own with igraph's Fruchterman-Reingold
from seeded random starting points, scaled to about ``per_node`` square pixels a
node, and the components are then packed in rows, largest first (isolated nodes
end up in a tidy grid instead of being flung to the edges). Fruchterman-Reingold
lays out the seed graph in a few hundredths of a second and reads well; above
1,000 nodes its grid variant keeps 5,000 nodes to about a second, where networkx's
ForceAtlas2 and spring layouts take more than a minute.
"""

import random
from collections.abc import Hashable

import networkx as nx

Positions = dict[Hashable, tuple[float, float]]


def layout(G: nx.Graph, seed: int = 7, per_node: float = 16000.0) -> Positions:
    """Node positions ``{node: (x, y)}`` for drawing, in pixels; the same graph always gets the same.

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    >>> layout(nx.empty_graph(2))   # two components of one node, packed in rows
    {0: (0.0, -63.2), 1: (0.0, 63.2)}
    """
    undirected = nx.Graph(G.to_undirected(as_view=True)) if G.is_directed() else nx.Graph(G)
    undirected.remove_edges_from(nx.selfloop_edges(undirected))
    components = sorted((sorted(c, key=str) for c in nx.connected_components(undirected)),
                        key=lambda c: (-len(c), str(c[0])))
    rng = random.Random(seed)
    boxes = [_component_layout(undirected, nodes, rng, per_node) for nodes in components]
    return _packed(boxes, cell=per_node ** 0.5)


def place(G: nx.Graph, seed: int = 7) -> nx.Graph:
    """Lay G out (:func:`layout`) and store each node's position as its ``x`` and ``y``; returns G.

    >>> G = place(nx.Graph([("a", "b")]))
    >>> G.nodes["a"]["x"] != G.nodes["b"]["x"] or G.nodes["a"]["y"] != G.nodes["b"]["y"]
    True
    """
    for node, (x, y) in layout(G, seed).items():
        G.nodes[node]["x"], G.nodes[node]["y"] = x, y
    return G


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


def _scaled(pos, per_node):
    """Positions scaled to about ``per_node`` square pixels a node, lower-left corner at (0, 0)."""
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    size = (per_node * len(pos)) ** 0.5
    return {n: ((float(x) - min(xs)) / span * size, (float(y) - min(ys)) / span * size)
            for n, (x, y) in pos.items()}
