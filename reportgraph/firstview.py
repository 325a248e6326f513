"""What the explorer's first view draws, and how big: the map's nodes, their short names in
lines, and a level of detail by centrality.

The map holds the actors (organisations, people, events, places, groups): concepts,
statistics and chain stages (:data:`reportgraph.presentation.COLLAPSED`) live in the panel
of the entity they describe. The map is planned for a canvas of :data:`FRAME` pixels (a
1400 × 900 window less the legend and the bar). Each map node gets a *tier* by PageRank on
the actor graph (the same PageRank as :mod:`reportgraph.analysis`): tier 1 is labelled at
:data:`LABEL_PX` when the map fills the frame, tier *k* at ``LABEL_PX / 2**(k-1)``, so its
label is drawn (vis-network draws no label under 11 px) once the reader zooms in
``2**(k-1)`` times. Tiers are filled in order of rank while the area of their boxes stays
within their share of the frame (:data:`BUDGET`), and tier 1 always holds the
:data:`MIN_LABELLED` most central.
Each node's *box* (shape and label, the larger of its zh and en labels) is what the
layout (:mod:`reportgraph.layout`) keeps apart: no two boxes overlap at any zoom, since
labels grow with the zoom as the distances do.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("m", label_zh="工业和信息化部", label_en="Ministry of Industry and Information Technology",
...            aliases_en=["MIIT"], category="government")
>>> look = plan(G)["m"]
>>> look.tier, look.en, look.zh
(1, 'MIIT', '工业和信息化部')
"""

import math
import unicodedata
from collections.abc import Hashable
from typing import NamedTuple

import networkx as nx

from .presentation import COLLAPSED

#: The canvas the first view is planned for, in pixels (width, height).
FRAME = (1100.0, 760.0)
#: The label size of tier 1 when the map fills the frame; labels under 11 px are not drawn.
LABEL_PX = 12.5
#: The most central nodes that are always labelled in the first view.
MIN_LABELLED = 25
#: The share of the frame the boxes of tier 1, 2, 3 … may cover (tier 1 more if its
#: :data:`MIN_LABELLED` need it); the last tier takes the rest.
BUDGET = (0.30, 0.06, 0.03, 0.02, 0.01)
#: Space the layout keeps between two boxes, canvas units.
GAP = 3.0
#: Canvas labels: at most this many characters a line (CJK, Latin) and this many lines.
LINE = {"zh": 8, "en": 20}
LINES = 3


class Look(NamedTuple):
    """How one node is drawn: its tier, label size and shape size (vis-network's ``font.size`` and
    ``size``, canvas units), its canvas labels, and its box (width, height, and how far the box's
    centre is below the node's centre)."""

    tier: int
    font: float
    size: float
    zh: str
    en: str
    box: tuple[float, float, float]


def on_map(data: dict) -> bool:
    """Whether a node of this data is drawn on the map (not collapsed into a panel)."""
    return data.get("category") not in COLLAPSED


def actors(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected actor graph of the map's nodes, parallel facts as weight (as the analysis has it)."""
    A = nx.Graph()
    A.add_nodes_from((n, d) for n, d in G.nodes(data=True) if on_map(d))
    for u, v in G.edges():
        if u in A and v in A and u != v:
            w = A.get_edge_data(u, v, {"weight": 0})["weight"]
            A.add_edge(u, v, weight=w + 1)
    return A


#: The parameters of :func:`pagerank` (:mod:`reportgraph.analysis` records them with its results).
PAGERANK = {"alpha": 0.85, "weight": "weight"}


def pagerank(A: nx.Graph) -> dict[Hashable, float]:
    """PageRank of the actor graph ``A``, which the layout ranks the map by and the analysis reports."""
    return nx.pagerank(A, **PAGERANK) if A.number_of_nodes() else {}


def ranked(A: nx.Graph, rank: dict[Hashable, float] | None = None) -> list[Hashable]:
    """The actors, most central first (by ``rank``, their :func:`pagerank` if not given or not
    given for all of them; then id)."""
    if rank is None or any(n not in rank for n in A):
        rank = pagerank(A)
    return sorted(A, key=lambda n: (-round(rank[n], 6), str(n)))


def width(text: str) -> float:
    """The width of ``text`` in ems, as a sans-serif face draws it (wide CJK, narrow Latin), a little generous."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)


def wrap(text: str, lang: str) -> str:
    """``text`` in lines for the canvas: CJK by characters, other text at spaces; an ellipsis past
    :data:`LINES` lines.

    >>> wrap("广东(南海)铝加工产业联盟", "zh")
    '广东(南海)铝加\\n工产业联盟'
    >>> wrap("Analysis of the Key Points of Concern in the Development of China's Aluminium Industry", "en")
    "Analysis of the Key Points\\nof Concern in the\\nDevelopment of China's…"
    """
    limit, lines = LINE[lang], []
    if lang == "en" and " " in text:
        for word in text.split(" "):
            if lines and width(lines[-1] + " " + word) <= limit * 0.62 * 1.3:
                lines[-1] += " " + word
            else:
                lines.append(word)
    else:
        lines = [text[i:i + limit] for i in range(0, len(text), limit)] or [""]
    if len(lines) > LINES:
        lines = lines[:LINES]
        lines[-1] = lines[-1].rstrip(" ,") + "…"
    return "\n".join(lines)


def _in_order(short: str, full: str) -> bool:
    """Whether every character of ``short`` occurs in ``full``, in order (南海铝协 in 佛山市南海区铝型材行业协会)."""
    rest = iter(full)
    return all(c in rest for c in short)


def short_name(data: dict, lang: str, taken: dict[str, int]) -> str:
    """The name the canvas shows: an alias that abbreviates a long label (南海铝协, MIIT, Guangxi
    government) and names no other node; else the label."""
    label = data.get(f"label_{lang}") or data.get("label_zh") or ""
    long = len(label) > 8 if lang == "zh" else len(label) > 24
    if not long:
        return label
    words = set(label.lower().replace(",", " ").replace("'s", " ").split())
    cut = wrap(label, lang).endswith("…")   # the canvas would cut it short: any alias of its own is better
    aliases = [a for a in data.get(f"aliases_{lang}") or [] if taken.get(a.lower(), 0) < 2 and 3 <= len(a) < len(label)]
    for alias in sorted(aliases, key=lambda a: (len(a), a)):
        if lang == "zh" and _in_order(alias, label):
            return alias
        if lang == "en" and (alias.isupper() or set(alias.lower().split()) <= words):
            return alias
    return min(aliases, key=lambda a: (len(a), a)) if cut and aliases else label


def _names_taken(G):
    """How many nodes have each name (lower case), as search finds them."""
    taken = {}
    for _, d in G.nodes(data=True):
        names = {d.get("label_zh"), d.get("label_en"), *(d.get("aliases_zh") or ()), *(d.get("aliases_en") or ())}
        for name in names - {None, ""}:
            taken[name.lower()] = taken.get(name.lower(), 0) + 1
    return taken


def _box(size, font, labels):
    """A node's box: its shape, with the label below it (vis draws it there), for the widest of its labels."""
    text_w = max(max(width(line) for line in label.split("\n")) for label in labels) * font + font * 0.4
    text_h = max(label.count("\n") + 1 for label in labels) * font * 1.25
    w, h = max(2 * size, text_w), 2 * size + font * 0.35 + text_h
    return round(w, 2), round(h, 2), round(h / 2 - size, 2)


def _canvas(G, n, taken):
    d = G.nodes[n]
    zh, en = (d.get("value_zh"), d.get("value_en")) if d.get("category") == "statistic" else (None, None)
    return (wrap(zh or short_name(d, "zh", taken), "zh"), wrap(en or short_name(d, "en", taken), "en"))


def _look(tier, weight, labels):
    scale = 0.5 ** (tier - 1)
    font, size = LABEL_PX * scale, (6.0 + 8.0 * weight) * scale
    return Look(tier, round(font, 3), round(size, 2), *labels, _box(size, font, labels))


def plan(G: nx.MultiDiGraph, rank: dict[Hashable, float] | None = None,
         A: nx.Graph | None = None) -> dict[Hashable, Look]:
    """How every node of projection ``G`` is drawn (:class:`Look`); nodes off the map get tier 0 and
    a small shape with a full-size label (they are drawn only when the reader asks for them).
    ``rank``: the map nodes' :func:`pagerank`, ``A`` their :func:`actors` graph, if already known."""
    taken = _names_taken(G)
    order = ranked(A if A is not None else actors(G), rank)
    frame = FRAME[0] * FRAME[1]
    looks, used, tier, before = {}, 0.0, 1, 0.0   # before: the area of the tiers above this one
    for i, n in enumerate(order):
        labels = _canvas(G, n, taken)
        weight = math.sqrt(1 - i / len(order))
        while True:
            look = _look(tier, weight, labels)
            area = look.box[0] * look.box[1]
            if i < MIN_LABELLED or tier > len(BUDGET) or used + area <= before + BUDGET[tier - 1] * frame:
                break
            tier, before = tier + 1, used
        looks[n], used = look, used + area
    for n, d in G.nodes(data=True):
        if n not in looks:
            looks[n] = _look(1, 0.0, _canvas(G, n, taken))._replace(tier=0)
    return looks
