"""Where the explorer draws each node: a deterministic layout, computed once at build time.

The map (the actors: :func:`reportgraph.firstview.on_map`) is laid out so that it tells
the story and reads at a glance:

1. communities of the actor graph (igraph's multilevel, seeded) start as regions around
   the most central node, which starts in the middle: the sides of a report (the Guangdong
   delegation, the Guangxi hosts, the national bodies) become visible regions;
2. Fruchterman-Reingold (igraph, from those starting points; its grid variant above 1,000
   nodes) settles them, and the result is scaled to the frame the first view is planned for
   (:data:`reportgraph.firstview.FRAME`);
3. every node's box (shape and label, :func:`reportgraph.firstview.plan`) is placed in order
   of centrality where it lies, or at the nearest free spot, so that no two boxes overlap at
   any zoom (a grid of buckets keeps this near-linear; on a packed map, a raster of where boxes surely
   are spares most of the searches);
4. nodes whose labels are seen first are moved off the edges where they can
   (:func:`reportgraph.untangle.untangled`): half as many crossings on the first report.

Concepts, statistics and chain stages sit on a ring round the entity they describe, drawn only when
asked. The seed graph takes a tenth of a second, 5,000 nodes about four (benchmarks/explorer.py).
"""

import math
import random
import sys
from collections.abc import Hashable
from contextlib import contextmanager
from types import ModuleType

import networkx as nx

from .firstview import FRAME, GAP, Look, actors, pagerank, plan, ranked
from .untangle import Positions, untangled


def layout(G: nx.Graph, seed: int = 7, rank: dict[Hashable, float] | None = None,
           looks: dict[Hashable, Look] | None = None, A: nx.Graph | None = None) -> Positions:
    """Node positions ``{node: (x, y)}`` for drawing, in pixels; the same graph always gets the same.
    ``rank``: the map nodes' PageRank (:func:`reportgraph.firstview.pagerank`), ``looks`` their
    :func:`~reportgraph.firstview.plan` and ``A`` the actor graph (:func:`~reportgraph.firstview.actors`),
    if already known (the build computes each once for the analysis, the layout and the page).

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    >>> pos = layout(nx.empty_graph(2))   # two nodes, side by side, apart
    >>> pos[0] != pos[1]
    True
    """
    G = G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)
    A = A if A is not None else actors(G)
    rank = rank if rank is not None else pagerank(A)
    looks, order = looks if looks is not None else plan(G, rank, A), ranked(A, rank)
    rng = random.Random(seed)
    start = _regions(A, order, rng)
    settled, boxes = _framed(_settled(A, order, start, rng)), {n: looks[n].box for n in order}
    pos = _placed(order, settled, boxes)
    fit = _fit(pos, boxes)
    for _ in range(3):   # spread too wide to fit the frame at full label size: pack tighter
        if fit >= 0.9:   # at 0.9, tier 1 is still drawn at 11.25 px in the frame
            break
        # by the fit found and a tenth more: boxes pushed together spread again (a 100-report map
        # fits in two placings so, not three)
        settled = {n: (x * fit * 0.9, y * fit * 0.9) for n, (x, y) in settled.items()}
        tighter = _placed(order, settled, boxes)
        tighter_fit = _fit(tighter, boxes)
        if tighter_fit <= fit:   # packed tighter, the boxes spread wider: the last placing stays
            break
        pos, fit = tighter, tighter_fit
    pos = untangled(A, order, pos, looks)
    pos.update(_satellites(G, pos, looks))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in sorted(pos.items(), key=lambda kv: str(kv[0]))}


def place(G: nx.Graph, seed: int = 7, rank: dict[Hashable, float] | None = None,
          looks: dict[Hashable, Look] | None = None, A: nx.Graph | None = None) -> nx.Graph:
    """Lay G out (:func:`layout`, with what is known of it) and store each node's position as its ``x``
    and ``y``; returns G.

    >>> G = place(nx.Graph([("a", "b")]))
    >>> G.nodes["a"]["x"] != G.nodes["b"]["x"] or G.nodes["a"]["y"] != G.nodes["b"]["y"]
    True
    """
    for node, (x, y) in layout(G, seed, rank, looks, A).items():
        G.nodes[node]["x"], G.nodes[node]["y"] = x, y
    return G


def igraph_module() -> ModuleType:
    """igraph, imported with matplotlib hidden from it: its drawing module, which nothing here uses,
    imports matplotlib.pyplot when it can, a quarter of a second of every build."""
    hide = "igraph" not in sys.modules and "matplotlib" not in sys.modules
    if hide:
        sys.modules["matplotlib"] = None   # an import of it fails: igraph leaves drawing out
    try:
        import igraph
    finally:
        if hide:
            del sys.modules["matplotlib"]
    return igraph


@contextmanager
def _igraph(rng):
    """igraph (:func:`igraph_module`), drawing its random numbers from ``rng`` (so that a graph always
    gets one layout)."""
    igraph = igraph_module()
    igraph.set_random_number_generator(rng)
    try:
        yield igraph
    finally:
        igraph.set_random_number_generator(random)


def _communities(A, order, rng):
    """Communities of the actor graph (igraph multilevel, seeded), each a list of nodes, the most
    central node's first and the rest by size."""
    index = {n: i for i, n in enumerate(order)}
    edges = sorted((min(index[u], index[v]), max(index[u], index[v]), d["weight"]) for u, v, d in A.edges(data=True))
    with _igraph(rng) as igraph:
        graph = igraph.Graph(n=len(order), edges=[e[:2] for e in edges])
        membership = graph.community_multilevel(weights=[e[2] for e in edges]).membership if edges else [0] * len(order)
    groups = {}
    for n in order:
        groups.setdefault(membership[index[n]], []).append(n)
    return sorted(groups.values(), key=lambda g: (index[g[0]] != 0, -len(g), index[g[0]]))


def _regions(A, order, rng):
    """Starting points: the most central node's community in the middle, the others round it,
    each a disc of random points with its area in proportion to its size."""
    if not order:
        return {}
    groups = _communities(A, order, rng)
    start, total, angle = {}, len(order), 0.0
    for i, group in enumerate(groups):
        radius = math.sqrt(len(group) / total)
        if i == 0:
            centre = (0.0, 0.0)
        else:
            angle += math.pi * len(group) / max(1, total - len(groups[0])) * 2
            ring = math.sqrt(len(groups[0]) / total) + radius
            centre = (ring * math.cos(angle), ring * math.sin(angle) * 0.75)
        for n in group:
            r, a = radius * math.sqrt(rng.random()), rng.random() * 2 * math.pi
            start[n] = (centre[0] + r * math.cos(a), centre[1] + r * math.sin(a))
    start[order[0]] = (0.0, 0.0)
    return start


def _settled(A, order, start, rng):
    """Fruchterman-Reingold from ``start``; components are held together by a weak tie from each
    to the most central node, so that none drifts off."""
    if len(order) < 3:
        return {n: (float(i), 0.0) for i, n in enumerate(order)}
    index = {n: i for i, n in enumerate(order)}
    edges = {(min(index[u], index[v]), max(index[u], index[v])): d["weight"] for u, v, d in A.edges(data=True)}
    for component in nx.connected_components(A):
        first = min(index[n] for n in component)
        if first != 0:
            edges[(0, first)] = 0.2
    pairs = sorted(edges)
    half = len(order) ** 0.5 / 2
    seed = [[start[n][0] * half, start[n][1] * half] for n in order]
    large = len(order) > 1000
    low, high = [0.0] + [-1e9] * (len(order) - 1), [0.0] + [1e9] * (len(order) - 1)   # the most central in the middle
    with _igraph(rng) as igraph:
        coords = igraph.Graph(n=len(order), edges=pairs).layout_fruchterman_reingold(
            weights=[edges[p] for p in pairs], seed=seed, niter=300 if large else 600,
            minx=low, maxx=high, miny=low, maxy=high, grid="grid" if large else "nogrid").coords
    return {n: (float(x), float(y)) for n, (x, y) in zip(order, coords)}


def _framed(pos):
    """Positions scaled (keeping their shape) to 85 % of the first view's frame."""
    if not pos:
        return {}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    k = 0.85 * min(FRAME[0] / span_x, FRAME[1] / span_y)
    return {n: (x * k, y * k) for n, (x, y) in pos.items()}


def _fit(pos, boxes):
    """How much the placed boxes must be scaled to fit the first view's frame (1: they just fit)."""
    return min(FRAME[0] / _extent(pos, boxes, 0), FRAME[1] / _extent(pos, boxes, 1))


def _extent(pos, boxes, axis):
    """The width (axis 0) or height (1) the boxes of the placed nodes cover."""
    if not pos:
        return 1.0
    rects = [_rect(x, y, boxes[n]) for n, (x, y) in pos.items()]
    return max(r[axis + 2] for r in rects) - min(r[axis] for r in rects)


class _Boxes:
    """Boxes placed so far, in buckets of a grid, to find the ones a new box might overlap."""

    def __init__(self, cell, inside):
        self.cell, self.buckets, self.inside = cell, {}, inside    # inside: an _Inside, kept up to date here

    def _cells(self, b):
        c = self.cell
        return ((i, j) for i in range(math.floor(b[0] / c), math.floor(b[2] / c) + 1)
                for j in range(math.floor(b[1] / c), math.floor(b[3] / c) + 1))

    def hit(self, b):
        """A placed box that ``b`` overlaps, or None: the first of the first cell that holds one, in
        the order of :meth:`_cells` (written out: millions of calls place a corpus's map)."""
        c, buckets, floor = self.cell, self.buckets, math.floor
        x0, y0, x1, y1 = b
        rows = range(floor(y0 / c), floor(y1 / c) + 1)
        for i in range(floor(x0 / c), floor(x1 / c) + 1):
            for j in rows:
                for o in buckets.get((i, j), ()):
                    if o[0] < x1 and x0 < o[2] and o[1] < y1 and y0 < o[3]:
                        return o
        return None

    def add(self, b):
        for cell in self._cells(b):
            self.buckets.setdefault(cell, []).append(b)
        self.inside.add(b)


def _rect(x, y, box):
    w, h, dy = box
    return (x - w / 2 - GAP / 2, y + dy - h / 2 - GAP / 2, x + w / 2 + GAP / 2, y + dy + h / 2 + GAP / 2)


def _placed(order, pos, boxes):
    """Each node at its position or, if its box would overlap one placed before it (more central),
    at the nearest free spot found; no two boxes overlap."""
    if not order:
        return {}
    sizes = sorted(max(b[0], b[1]) for b in boxes.values())
    grid = _Boxes(max(sizes[len(sizes) // 2] * 2, 1.0), _Inside(pos.values(), boxes.values()))
    out = {}
    for n in order:
        spot = _free_spot(grid, pos[n], boxes[n])
        grid.add(_rect(*spot, boxes[n]))
        out[n] = spot
    return out


class _Inside:
    """Where no box may be centred: a raster (numpy) whose cells, each ``res`` pixels wide, are marked
    when they lie inside a placed box widened by half the narrowest and lowest of the ``boxes`` to place
    (any of them centred there overlaps it), with a cell to spare on every side. A box whose centre falls
    in a marked cell overlaps a placed box, whatever the floating point; an unmarked one may be free or not.
    Widened so, it spares three in four of the checks against the placed boxes (:meth:`_Boxes.hit`) that a
    100-report map's placing makes: 75,641 of them, not 295,402."""

    def __init__(self, spots, boxes):
        import numpy as np

        xs, ys = [x for x, _ in spots], [y for _, y in spots]
        boxes = list(boxes)
        self.pad = (min((b[0] for b in boxes), default=0.0) / 2 + GAP / 2,
                    min((b[1] for b in boxes), default=0.0) / 2 + GAP / 2)   # as _rect widens a box
        big = max((max(b[0], b[1]) for b in boxes), default=1.0)
        span = max(max(xs) - min(xs), max(ys) - min(ys), *FRAME) + 4 * big
        self.res = span / 4000      # 8,002 cells a side (64 MB, of which only the part under boxes is touched)
        self.x0, self.y0 = min(xs) - span / 2, min(ys) - span / 2
        self.cells = np.zeros((int(2 * span / self.res) + 2, int(2 * span / self.res) + 2), dtype=bool)
        self.np = np

    def add(self, b):
        res, x0, y0, (px, py) = self.res, self.x0, self.y0, self.pad
        i0, i1 = math.floor((b[0] - px - x0) / res) + 2, math.ceil((b[2] + px - x0) / res) - 2
        j0, j1 = math.floor((b[1] - py - y0) / res) + 2, math.ceil((b[3] + py - y0) / res) - 2
        if i0 < i1 and j0 < j1:
            self.cells[max(i0, 0):max(i1, 0), max(j0, 0):max(j1, 0)] = True

    def taken(self, xs, ys):
        """Whether each box centred at (x, y) surely overlaps a placed box: its centre is in a marked cell
        (more points of each box tried cost more than the searches they spare)."""
        np, (n, m) = self.np, self.cells.shape
        out = np.zeros(len(xs), dtype=bool)
        i = np.floor((xs - self.x0) / self.res).astype(np.int64)
        j = np.floor((ys - self.y0) / self.res).astype(np.int64)
        inside = (i >= 0) & (i < n) & (j >= 0) & (j < m)
        out[inside] = self.cells[i[inside], j[inside]]
        return out


def _free_spot(grid, at, box):
    """The nearest spot to ``at`` found free for ``box``: best first, from each spot tried to the four
    spots just clear of the box it hits (so a small box steps round a large one at once), then on rings
    ever wider."""
    import heapq

    x0, y0 = at
    w, h, dy = box
    hit = grid.hit
    w2, h2, g2 = w / 2, h / 2, GAP / 2   # the box at (x, y) as _rect has it, the same sums in the same order

    def rect(x, y):
        return (x - w2 - g2, y + dy - h2 - g2, x + w2 + g2, y + dy + h2 + g2)

    queue, seen, tries = [(0.0, x0, y0)], set(), 40 if w >= _SMALL else 4
    while queue and len(seen) < tries:
        _, x, y = heapq.heappop(queue)
        key = (round(x, 1), round(y, 1))
        if key in seen:
            continue
        seen.add(key)
        o = hit(rect(x, y))
        if o is None:
            return x, y
        for nx_, ny_ in ((o[0] - w2 - g2 - 0.01, y), (o[2] + w2 + g2 + 0.01, y),
                         (x, o[1] - dy - h2 - g2 - 0.01), (x, o[3] - dy + h2 + g2 + 0.01)):
            heapq.heappush(queue, ((nx_ - x0) ** 2 + ((ny_ - y0) / 0.7) ** 2, nx_, ny_))
    step = max(min(w, h) / 2, 0.5)
    for first in range(1, 100000, _BLOCK):   # crowded: rings ever wider apart, until one spot is free
        rings, cosines, sines = _rings(first)
        r = rings * step * (1 + rings / 2)
        xs, ys = x0 + r * cosines, y0 + r * sines * 0.7    # the sums the rings were written with, per spot
        for k in grid.inside.np.flatnonzero(~grid.inside.taken(xs, ys + dy)):
            x, y = float(xs[k]), float(ys[k])
            if hit(rect(x, y)) is None:
                return x, y
    raise AssertionError("unreachable: far enough out every spot is free")


#: A box narrower than this (canvas units; a node whose label is drawn only far into the zoom) tries
#: four spots best first, not forty, before the rings: on a packed map nearly every such search
#: fails, and they were most of the layout's time.
_SMALL = 8.0
_BLOCK = 32   # rings tried at once (a packed map's node tries twenty or more)


def _rings(first):
    """The spots of rings ``first`` … ``first + _BLOCK - 1`` round a node, in the order they are tried:
    each spot's ring, and the cosine and sine of its angle (``min(6 * ring, 16)`` spots a ring, every
    other ring turned by half a step), as numpy arrays; made once."""
    if first not in _RING_SPOTS:
        import numpy as np

        spots = [(ring, math.cos(a), math.sin(a)) for ring in range(first, first + _BLOCK)
                 for count in [min(6 * ring, 16)]
                 for a in (2 * math.pi * (k + 0.5 * (ring % 2)) / count for k in range(count))]
        _RING_SPOTS[first] = tuple(np.array(column) for column in zip(*spots))
    return _RING_SPOTS[first]


_RING_SPOTS: dict[int, tuple] = {}


def _satellites(G, pos, looks):
    """Nodes off the map on a ring round the map's node they are most tied to (one with the most
    facts with them, through one other node off the map if need be), or in a row below the map."""
    owners, rings = {}, {}
    off = sorted((n for n in G if n not in pos), key=str)
    for n in off:
        near = [m for m in nx.all_neighbors(G, n) if m in pos]
        if not near:
            near = [m for k in nx.all_neighbors(G, n) if k not in pos for m in nx.all_neighbors(G, k) if m in pos]
        if near:
            owners[n] = min(near, key=lambda m: (-near.count(m), str(m)))
            rings.setdefault(owners[n], []).append(n)
    out = {}
    for owner, members in rings.items():
        ox, oy = pos[owner]
        radius = looks[owner].box[0] / 2 + 40
        for i, n in enumerate(members):
            a = 2 * math.pi * i / len(members)
            out[n] = (ox + radius * math.cos(a), oy + radius * math.sin(a))
    bottom = max((y for _, y in pos.values()), default=0.0) + 80
    for i, n in enumerate(m for m in off if m not in owners):
        out[n] = (-FRAME[0] / 2 + (i % 12) * 90, bottom + (i // 12) * 50)
    return out
