"""The interactive explorer: ``knowledge_graph.html`` of the built graph, made with pyvis from the projection.

One self-contained page: vis-network (from the pyvis package), its CSS and the
explorer's own script and style are inlined, and a Content-Security-Policy lets
the page load nothing from anywhere, so it works from ``file://`` with no
network. pyvis 0.3.2's own templates link Bootstrap and vis-network from CDNs
and write files in the locale's encoding, so the page is rendered with pyvis's
``generate_html()`` through this package's Jinja template and written as UTF-8
by the build.

Report text is untrusted: the data goes into the page as JSON with ``<``, ``>``,
``&`` and ``'`` escaped (Jinja's ``tojson``), the script only ever sets
``textContent``, and the policy allows no inline event handler, so a label such
as ``<img src=x onerror=…>`` is shown as text.

The script (``templates/explorer/*.js``, one file a feature) and the template hold no words:
the interface's words, the categories' names, colours and shapes come from
:mod:`reportgraph.presentation` as data (``config.explorer``), in Chinese and English.
"""

import html as html_lib
import math
from pathlib import Path

import networkx as nx

from .layout import layout
from .pages import ASSETS, environment, with_policy
from .paths import HTML, Paths
from .presentation import CATEGORIES, COMMUNITY_COLOURS, INTERFACE, NO_COMMUNITY
from .project import curie

#: The explorer's script, in parts (``templates/explorer/``) joined in this order into one
#: script, which the template runs in a function of its own.
SCRIPTS = ("base.js", "search.js", "panel.js", "text.js", "path.js", "filters.js", "language.js",
           "start.js")

#: Above this many nodes the page trades hover effects and edge drawing while moving for speed.
LARGE = 1000


def build_html(G: nx.MultiDiGraph, title: str = "reportgraph") -> str:
    """The explorer page of projection ``G`` as text; nodes are drawn at their ``x``, ``y``
    (:func:`reportgraph.layout.place`), or laid out here if they have none.

    >>> G = nx.MultiDiGraph(reports={})
    >>> G.add_node("a", label_zh="甲", label_en="A", category="person")
    >>> page = build_html(G)
    >>> "new vis.Network" in page and "<script src" not in page
    True
    """
    from pyvis.network import Network

    large = G.number_of_nodes() > LARGE
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    _add_nodes(net, G, large)
    net.node_ids = set(net.node_ids)   # pyvis checks every edge's ends against a list: O(n) each
    _add_edges(net, G)
    net.options = {"vis": vis_options(large), "explorer": _explorer_data(G, title, large)}
    return with_policy(_render(net))


def vis_options(large: bool) -> dict:
    """vis-network options: physics off (positions are precomputed), lighter drawing when large."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": not large, "tooltipDelay": 250, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False, "keyboard": False},
        "nodes": {"font": {"face": "Noto Sans CJK SC, Noto Sans, sans-serif", "size": 13,
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 6}},
                  "widthConstraint": {"maximum": 170}},   # English names wrap at spaces
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "color": {"color": "#a3adb8", "highlight": "#d62728", "hover": "#555555",
                            "inherit": False, "opacity": 0.9},
                  "font": {"face": "Noto Sans CJK SC, Noto Sans, sans-serif", "size": 11,
                           "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }


# --- the nodes and edges ------------------------------------------------------------------------

def _positions(G):
    if any("x" not in data for _, data in G.nodes(data=True)):
        return layout(G)
    return {n: (data["x"], data["y"]) for n, data in G.nodes(data=True)}


def _sizes(G):
    """Each node's size: by PageRank on the actor graph where the analysis has run
    (reportgraph.analysis), else by degree."""
    ranks = [d.get("pagerank", 0) for _, d in G.nodes(data=True)]
    top_rank = max(ranks) if ranks and max(ranks) > 0 else None
    if top_rank:
        return {n: round(8 + 22 * math.sqrt(d.get("pagerank", 0) / top_rank), 1) for n, d in G.nodes(data=True)}
    return {n: round(8 + 3 * math.sqrt(degree), 1) for n, degree in G.degree()}


def _canvas_label(text, width=10):
    """A label broken into lines of ``width`` characters for the canvas (CJK has no spaces)."""
    if " " in text or len(text) <= width + 2:
        return text
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _node_data(key, data):
    rg = {k: v for k, v in data.items() if k not in ("x", "y")}
    rg["id"] = key
    # what the canvas shows: a statistic's number as written, else the name, in lines
    rg["canvas_zh"] = _canvas_label(data.get("value_zh") or data["label_zh"])
    rg["canvas_en"] = _canvas_label(data.get("value_en") or data.get("label_en") or data["label_zh"])
    return rg


def _add_nodes(net, G, large):
    positions, sizes = _positions(G), _sizes(G)
    for key in sorted(G, key=str):
        data = G.nodes[key]
        category = CATEGORIES[data["category"]]
        x, y = positions[key]
        rg = _node_data(key, data)
        net.add_node(key, label=rg["canvas_zh"], shape=category.shape,
                     color={"background": category.colour, "border": "#ffffff" if large else "#33333355",
                            "highlight": {"background": category.colour, "border": "#111111"},
                            "hover": {"background": category.colour, "border": "#111111"}},
                     size=sizes[key], x=x, y=y,
                     title=data["label_zh"] + (f"\n{data['label_en']}" if data.get("label_en") else ""),
                     rg=rg)


def _edge_data(key, data):
    rg = {k: v for k, v in data.items() if k not in ("quote", "start", "end", "report")}
    rg["key"] = key
    rg["predicate_curie"] = curie(data["predicate"])
    return rg


def _bends(ends):
    """vis ``smooth`` of each edge (given by its two ends): straight, except that edges between
    the same two nodes fan out in curves so that each can be seen and clicked."""
    groups = {}
    for i, (u, v) in enumerate(ends):
        groups.setdefault(tuple(sorted((str(u), str(v)))), []).append(i)
    bends = [False] * len(ends)
    for (first, _), members in groups.items():
        for rank, i in enumerate(members):
            offset = 0.25 * (rank - (len(members) - 1) / 2)
            if str(ends[i][0]) != first:   # curves turn relative to the edge's own direction
                offset = -offset
            if offset:
                bends[i] = {"enabled": True, "type": "curvedCW" if offset > 0 else "curvedCCW",
                            "roundness": abs(offset)}
    return bends


def _add_edges(net, G):
    ordered = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2]))
    bends = _bends([(u, v) for u, v, _, _ in ordered])
    for i, ((u, v, key, data), bend) in enumerate(zip(ordered, bends)):
        net.add_edge(u, v, id=f"e{i}", title=f"{data['label_zh']}: {data['quote']} ({data['report']})",
                     dashes=data.get("assertion") == "inferred", smooth=bend,
                     rg=_edge_data(key, data))


# --- what the page's script reads: config.explorer ---------------------------------------------

def _categories(G):
    """The legend: the categories that G has, each with how it looks and its number of nodes."""
    counts = {}
    for _, data in G.nodes(data=True):
        counts[data["category"]] = counts.get(data["category"], 0) + 1
    return [{"key": c.key, "zh": c.zh, "en": c.en, "colour": c.colour, "shape": c.shape,
             "symbol": c.symbol, "count": counts[c.key]}
            for c in CATEGORIES.values() if c.key in counts]


def _relations(G):
    """The relation filters: each predicate of G by its CURIE, with its labels and number of edges."""
    relations = {}
    for _, _, data in G.edges(data=True):
        key = curie(data["predicate"])
        entry = relations.setdefault(key, {"key": key, "zh": data.get("relation_zh") or key,
                                           "en": data.get("relation_en") or key, "count": 0})
        entry["count"] += 1
    return sorted(relations.values(), key=lambda r: (-r["count"], r["key"]))


def _explorer_data(G, title, large):
    return {
        "title": title, "large": large,
        "categories": _categories(G),
        "relations": _relations(G),
        "reports": G.graph.get("reports", {}),
        "ui": {key: words._asdict() for key, words in INTERFACE.items()},
        "communityColours": list(COMMUNITY_COLOURS), "noCommunity": NO_COMMUNITY,
    }


def _render(net):
    """The page of ``net`` through this package's template, with everything it needs inlined."""
    vis_js, vis_css = _vis_assets()
    scripts = ASSETS / "explorer"
    env = environment()
    env.globals.update(vis_js=vis_js, vis_css=vis_css,
                       explorer_js="\n".join((scripts / name).read_text("utf-8") for name in SCRIPTS),
                       explorer_css=(ASSETS / "explorer.css").read_text("utf-8"))
    net.templateEnv, net.path = env, "explorer.html"
    return net.generate_html()


def _vis_assets():
    import pyvis
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text("utf-8"), (lib / "vis-network.css").read_text("utf-8")


class Inline:
    """An explorer page shown inline in Jupyter, as an ``<iframe srcdoc>``: no file, no server,
    no network. ``page`` is the text of a built ``knowledge_graph.html`` or of :func:`build_html`.

    >>> Inline("<p>x</p>")._repr_html_().startswith('<iframe srcdoc="&lt;p&gt;x&lt;/p&gt;"')
    True
    """

    def __init__(self, page: str, height: int = 720):
        self.page, self.height = page, int(height)

    def __repr__(self) -> str:
        return f"<reportgraph explorer, {len(self.page.encode('utf-8')) / 1e6:.1f} MB page, shown inline>"

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html_lib.escape(self.page, quote=True)}" width="100%" '
                f'height="{self.height}" style="border:1px solid #ddd" sandbox="allow-scripts"></iframe>')


def notebook(source: Paths | str | Path | nx.MultiDiGraph = Paths(), height: int = 720) -> Inline:
    """Show the explorer in a notebook cell: ``notebook()`` (the page built in the project of
    the working folder), ``notebook(Paths(root))`` (the page built there), ``notebook(path)``
    (a page file) or ``notebook(G)`` (the page of projection G, made here).

    >>> G = nx.MultiDiGraph(reports={})
    >>> G.add_node("a", label_zh="甲", category="person")
    >>> notebook(G).page.startswith("<!DOCTYPE html>")
    True
    """
    if isinstance(source, Paths):
        source = source.built(HTML)
    if isinstance(source, (str, Path)):
        page = Path(source).read_text(encoding="utf-8")
    else:
        page = build_html(source)
    return Inline(page, height)
