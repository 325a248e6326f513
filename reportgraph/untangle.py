"""Nodes moved off the edges: a layout's labels crossed by as few edges as a move near by allows.

After the layout (:mod:`reportgraph.layout`) has placed every box, the nodes whose labels a reader
sees first are moved, one at a time and most central first, to a free spot near by where fewer
edges cross boxes (:func:`untangled`); :func:`crossings` counts them. Arrays (numpy) and the
edges and boxes near each node keep it to a few milliseconds a node.
"""

from collections.abc import Hashable

import networkx as nx
import numpy as np

from .firstview import GAP, actors, plan

Positions = dict[Hashable, tuple[float, float]]


def crossings(G: nx.Graph, pos: Positions, weighed: bool = False) -> float:
    """How many times a straight edge between two map nodes crosses the box (shape and label,
    :func:`reportgraph.firstview.plan`) of a third map node, at ``pos``; an edge drawn once per
    fact is counted as many times. ``weighed``: each crossing counted by how soon its box's label
    is seen (1 in tier 1, ½ in tier 2 …), as :func:`untangled` weighs them.

    >>> G = nx.MultiDiGraph([("a", "b")]); G.add_node("c")
    >>> ends = {"a": (-200, 0), "b": (200, 0)}
    >>> crossings(G, {**ends, "c": (0, 0)}), crossings(G, {**ends, "c": (0, 300)})
    (1, 0)
    """
    G = G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)
    looks, A = plan(G), actors(G)
    order = list(A)
    if not order:
        return 0
    R = _rects(np.array([pos[n] for n in order], dtype=float), np.array([looks[n].box for n in order], dtype=float))
    seen = _seen(order, looks) if weighed else np.ones(len(order))
    index, total = {n: i for i, n in enumerate(order)}, 0
    for u, v, d in A.edges(data=True):
        hit = _crosses(np.array([pos[u]], dtype=float), np.array([pos[v]], dtype=float), R)
        hit[[index[u], index[v]]] = False
        total += d["weight"] * seen[hit].sum()
    return float(total) if weighed else int(total)


#: The nodes :func:`untangled` may move: among the most central this many, those labelled in the
#: first view or at the first zoom (tiers 1 and 2) with at most :data:`HUB` neighbours (a hub's edges
#: go everywhere: moving it moves crossings about, at the most cost).
UNTANGLED = 300
HUB = 40


def untangled(A: nx.Graph, order: list, pos: Positions, looks: dict, rounds: int = 3) -> Positions:
    """Nodes moved, one at a time and most central first, to a spot near by where fewer edges cross
    boxes: edges between other nodes crossing its box, and its own edges crossing other boxes.
    Every move lowers the count of such crossings (an edge counted as many times as the facts it
    draws, a box by how soon its label is seen: 1 in tier 1, ½ in tier 2 …), keeps every box clear
    of the others, and stays inside the map's extent, so the first view's fit and labels hold.
    ``A`` is the actor graph, ``order`` its nodes most central first, ``pos`` where they are placed,
    ``looks`` their :func:`reportgraph.firstview.plan`."""
    index = {n: i for i, n in enumerate(order)}
    pairs = [(index[u], index[v], d["weight"]) for u, v, d in A.edges(data=True) if u != v]
    if not pairs:
        return pos
    moves = _Untangler(np.array([pos[n] for n in order], dtype=float),
                       np.array([looks[n].box for n in order], dtype=float),
                       _seen(order, looks),
                       np.array([p[:2] for p in pairs]), np.array([p[2] for p in pairs], dtype=float))
    movable = [index[n] for n in order[:UNTANGLED] if looks[n].tier <= 2 and A.degree(n) <= HUB]
    for _ in range(rounds):
        if not [i for i in movable if moves.move(i)]:
            break
    return {n: (float(moves.P[i][0]), float(moves.P[i][1])) for n, i in index.items()}


class _Untangler:
    """The map as arrays (positions ``P``, boxes ``B``, how soon each label is ``seen``, edges as
    ``ends`` with their ``weight``), and one node's move at a time, weighed against the edges and
    boxes near enough to matter."""

    def __init__(self, P, B, seen, ends, weight):
        self.P, self.B, self.seen, self.ends, self.weight = P, B, seen, ends, weight
        self.R = _rects(P, B)
        self.extent = (self.R[:, 0].min(), self.R[:, 1].min(), self.R[:, 2].max(), self.R[:, 3].max())
        self.incident = [[] for _ in P]
        for k, (i, j) in enumerate(ends):
            self.incident[i].append(k)
            self.incident[j].append(k)

    def move(self, i: int) -> bool:
        """Move node ``i`` to the tried spot with the fewest crossings, if fewer than now."""
        P, R, ends, spots = self.P, self.R, self.ends, np.vstack([_near(self.P[i], self.B[i]), self.P[i][None]])
        rects = _rects(spots, np.repeat(self.B[i][None], len(spots), 0))
        window = np.concatenate([rects[:, :2].min(0), rects[:, 2:].max(0)])
        a, b = P[ends[:, 0]], P[ends[:, 1]]
        near = _meets(np.minimum(a, b), np.maximum(a, b), window)
        near[self.incident[i]] = False
        edges = np.nonzero(near)[0]
        others = [ends[k][1] if ends[k][0] == i else ends[k][0] for k in self.incident[i]]
        points = P[others + [i]]   # the boxes its edges may cross lie between it and its neighbours
        reach = np.concatenate([np.minimum(window[:2], points.min(0)), np.maximum(window[2:], points.max(0))])
        boxes = np.setdiff1d(np.nonzero(_meets(R[:, :2], R[:, 2:], reach))[0], [i])   # the others near enough
        mine = boxes[None] != np.array(others, dtype=int)[:, None]   # an edge never crosses its own ends

        def cost(k):   # the crossings with node i at spot k
            total = float(self.weight[edges][_crosses(a[edges], b[edges], rects[k][None])].sum()) * self.seen[i]
            hit = _crosses(spots[k][None, None], P[others][:, None], R[boxes][None]) & mine
            return total + float((self.weight[self.incident[i]][:, None] * self.seen[boxes][None] * hit).sum())

        free = np.flatnonzero(self._free(rects[:-1], R[boxes]))
        now = cost(len(spots) - 1) if len(free) else 0
        best = min(((cost(k), float(np.hypot(*(spots[k] - P[i]))), k) for k in free if now), default=None)
        if best is None or best[0] >= now:
            return False
        P[i], R[i] = spots[best[2]], rects[best[2]]
        return True

    def _free(self, rects, R):
        """Whether each of ``rects`` lies inside the map's extent and clear of the boxes ``R``."""
        e = self.extent
        inside = (rects[:, 0] >= e[0]) & (rects[:, 1] >= e[1]) & (rects[:, 2] <= e[2]) & (rects[:, 3] <= e[3])
        hit = ((R[None, :, 0] < rects[:, None, 2]) & (rects[:, None, 0] < R[None, :, 2])
               & (R[None, :, 1] < rects[:, None, 3]) & (rects[:, None, 1] < R[None, :, 3])).any(1)
        return inside & ~hit


def _meets(lo, hi, window):
    """Whether each box (rows of corners ``lo`` and ``hi``) meets ``window`` (left, top, right, bottom)."""
    return (lo[:, 0] <= window[2]) & (hi[:, 0] >= window[0]) & (lo[:, 1] <= window[3]) & (hi[:, 1] >= window[1])


def _seen(order, looks):
    """How soon each node's label is seen, as crossings of its box are weighed: 1 in tier 1, ½ in tier 2 …"""
    return np.array([0.5 ** (looks[n].tier - 1) for n in order])


def _rects(P, B):
    """The boxes (left, top, right, bottom, with half the gap each side) of nodes at ``P`` (x, y
    rows) with boxes ``B`` (width, height, dy rows), as :func:`reportgraph.layout._rect` has one."""
    x, y, w, h, dy = P[:, 0], P[:, 1], B[:, 0], B[:, 1], B[:, 2]
    return np.stack([x - w / 2 - GAP / 2, y + dy - h / 2 - GAP / 2, x + w / 2 + GAP / 2, y + dy + h / 2 + GAP / 2], 1)


def _near(at, box):
    """The spots tried for a node at ``at``: a box's width or half of it across, its height or half
    of it up and down, and two, three and four times that in eight directions."""
    w, h = box[0] + GAP, box[1] + GAP
    steps = [(a, b) for a in (-1, -0.5, 0, 0.5, 1) for b in (-1, -0.5, 0, 0.5, 1) if (a, b) != (0, 0)]
    steps += [(k * a, k * b) for k in (2, 3, 4) for a in (-1, 0, 1) for b in (-1, 0, 1) if (a, b) != (0, 0)]
    return [at + np.array([a * w, b * h]) for a, b in steps]


def _crosses(a, b, rects):
    """Whether segments a–b (points on the last axis) meet boxes (left, top, right, bottom on the last
    axis), the other axes broadcast: Liang–Barsky clipping, as the explorer's geometry has it."""
    d = b - a
    p = np.stack(np.broadcast_arrays(-d[..., 0], d[..., 0], -d[..., 1], d[..., 1]), -1)
    q = np.stack(np.broadcast_arrays(a[..., 0] - rects[..., 0], rects[..., 2] - a[..., 0],
                                     a[..., 1] - rects[..., 1], rects[..., 3] - a[..., 1]), -1)
    p, q = np.broadcast_arrays(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = q / p
    lower = np.where(p < 0, t, -np.inf).max(-1).clip(min=0)
    upper = np.where(p > 0, t, np.inf).min(-1).clip(max=1)
    return (lower < upper) & ~((p == 0) & (q < 0)).any(-1)
