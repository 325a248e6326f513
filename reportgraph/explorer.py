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
from pathlib import Path

import networkx as nx

from .firstview import FRAME, LABEL_PX, plan
from .layout import layout
from .pages import ASSETS, environment, with_policy
from .paths import HTML, Paths
from .presentation import BORDER, CATEGORIES, COLLAPSED, COMMUNITY_COLOURS, INTERFACE, NO_COMMUNITY
from .project import curie

#: The explorer's script, in parts (``templates/explorer/``) joined in this order into one
#: script, which the template runs in a function of its own.
SCRIPTS = ("base.js", "search.js", "panel.js", "facts.js", "text.js", "view.js", "path.js", "filters.js",
           "language.js", "start.js")

#: Above this many nodes the page trades hover effects and edge drawing while moving for speed.
LARGE = 1000


def build_html(G: nx.MultiDiGraph, title: str = "reportgraph", rank: dict | None = None,
               looks: dict | None = None) -> str:
    """The explorer page of projection ``G`` as text; nodes are drawn at their ``x``, ``y``
    (:func:`reportgraph.layout.place`), or laid out here if they have none. ``rank``: the map nodes'
    PageRank (:func:`reportgraph.firstview.pagerank`), ``looks`` how each is drawn
    (:func:`reportgraph.firstview.plan`), if already known.

    >>> G = nx.MultiDiGraph(reports={})
    >>> G.add_node("a", label_zh="甲", label_en="A", category="person")
    >>> page = build_html(G)
    >>> "new vis.Network" in page and "<script src" not in page
    True
    """
    from pyvis.network import Network

    large = G.number_of_nodes() > LARGE
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    net.node_ids = _Ids()
    _add_nodes(net, G, rank, looks)
    _add_edges(net, G)
    net.options = {"vis": vis_options(large), "explorer": _explorer_data(G, title, large)}
    return with_policy(_render(net))


class _Ids(list):
    """pyvis's list of node ids, which it asks whether it holds a node before adding it and each edge's
    ends before adding the edge: a scan of the list each time (quadratic in the nodes: ten million
    comparisons for the 4,574 nodes of a 100-report page, 800 million at 40,000). A set beside the list answers.

    >>> ids = _Ids(); ids.append("miit"); ("miit" in ids, "baise" in ids, list(ids))
    (True, False, ['miit'])
    """

    def __init__(self):
        super().__init__()
        self._held = set()

    def append(self, node_id) -> None:
        super().append(node_id)
        self._held.add(node_id)

    def __contains__(self, node_id) -> bool:
        return node_id in self._held


def vis_options(large: bool) -> dict:
    """vis-network options: physics off (positions are precomputed), no label drawn under 11 px
    (``drawThreshold`` 12: vis draws a label from one pixel under it), lighter drawing when large."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": not large, "tooltipDelay": 250, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False, "keyboard": False},
        "nodes": {"font": {"face": "Noto Sans CJK SC, Noto Sans, sans-serif", "size": LABEL_PX,
                           "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#222222"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 12, "maxVisible": 30}}},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "color": {"color": "#a3adb8", "highlight": "#c0392b", "hover": "#555555",
                            "inherit": False, "opacity": 0.9},
                  "font": {"face": "Noto Sans CJK SC, Noto Sans, sans-serif", "size": 11,
                           "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }


# --- the nodes and edges ------------------------------------------------------------------------

def _positions(G, rank):
    if any("x" not in data for _, data in G.nodes(data=True)):
        return layout(G, rank=rank)
    return {n: (data["x"], data["y"]) for n, data in G.nodes(data=True)}


def _node_data(key, data, look):
    rg = {k: v for k, v in data.items() if k not in ("x", "y")}
    rg.update(id=key, canvas_zh=look.zh, canvas_en=look.en, tier=look.tier, font=look.font, box=look.box)
    return rg


def _colour(category):
    return {"background": category.colour, "border": BORDER,
            "highlight": {"background": category.colour, "border": "#000000"},
            "hover": {"background": category.colour, "border": "#000000"}}


def _add_nodes(net, G, rank, looks):
    positions, looks = _positions(G, rank), looks if looks is not None else plan(G, rank)
    for key in sorted(G, key=str):
        data, look = G.nodes[key], looks[key]
        category = CATEGORIES[data["category"]]
        x, y = positions[key]
        net.add_node(key, label=look.zh, shape=category.shape, color=_colour(category),
                     size=look.size, font={"size": look.font}, x=x, y=y, hidden=data["category"] in COLLAPSED,
                     title=data["label_zh"] + (f"\n{data['label_en']}" if data.get("label_en") else ""),
                     rg=_node_data(key, data, look))


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


#: How an edge's line tells its assertion: solid stated, dashed inferred, dotted drafted (unreviewed).
_DASHES = {"inferred": True, "drafted": [2, 4]}


def _add_edges(net, G):
    ordered = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2]))
    bends = _bends([(u, v) for u, v, _, _ in ordered])
    for i, ((u, v, key, data), bend) in enumerate(zip(ordered, bends)):
        net.add_edge(u, v, id=f"e{i}", title=f"{data['label_zh']}: {data['quote']} ({data['report']})",
                     dashes=_DASHES.get(data.get("assertion"), False), smooth=bend,
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


def _community_legend(G):
    """The communities (numbered by reportgraph.analysis.annotate) in the legend: each with its colour,
    its size and the names of its most central member."""
    groups = {}
    for n, d in G.nodes(data=True):
        if d.get("community"):
            groups.setdefault(d["community"], []).append(n)
    legend = []
    for number, members in sorted(groups.items()):
        top = G.nodes[min(members, key=lambda n: (-G.nodes[n].get("pagerank", 0), str(n)))]
        legend.append({"key": number, "colour": COMMUNITY_COLOURS[(number - 1) % len(COMMUNITY_COLOURS)],
                       "zh": top["label_zh"], "en": top.get("label_en") or top["label_zh"], "count": len(members)})
    return legend


def _chain(G):
    """The industry chain's stages in their order (their ``position``), for the strip under the map."""
    stages = [n for n, d in G.nodes(data=True) if d["category"] == "stage"]
    stages.sort(key=lambda n: (G.nodes[n].get("position", 0), str(n)))
    return [{"id": n, "zh": G.nodes[n]["label_zh"], "en": G.nodes[n].get("label_en") or G.nodes[n]["label_zh"]}
            for n in stages]


def _explorer_data(G, title, large):
    return {
        "title": title, "large": large, "frame": FRAME, "collapsed": sorted(COLLAPSED),
        "communities": _community_legend(G), "chain": _chain(G),
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
