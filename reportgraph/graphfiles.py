"""The projection as files: ``graph/knowledge_graph.graphml`` and ``.gexf``, and reading them back.

GraphML and GEXF hold strings, numbers and booleans only: the attributes that are lists or
dicts (``structured`` in :mod:`reportgraph.project`'s tables) are written as JSON text and
turned back into lists and dicts when read. The GEXF file also carries Gephi's ``viz``
colour (the category's, from :mod:`reportgraph.presentation`) and position of each node.

>>> G = nx.MultiDiGraph(reports={})
>>> G.add_node("a", label_zh="甲", category="person", aliases_zh=["小甲"], x=1.0, y=2.0)
>>> G.add_node("b", label_zh="乙", category="place")
>>> _ = G.add_edge("a", "b", key="rg:livesIn", label_zh="住在", quote="甲住在乙")
>>> import io
>>> H = read_graphml(io.BytesIO(graphml(G).encode("utf-8")))
>>> H.nodes["a"]["aliases_zh"], H.edges["a", "b", "rg:livesIn"]["quote"]
(['小甲'], '甲住在乙')
>>> 'r="44" g="160" b="44"' in gexf(G)   # a person's green
True
"""

import itertools
import json
import re
from os import PathLike
from typing import BinaryIO

import networkx as nx

from .attributes import EDGE_ATTRIBUTES, GRAPH_ATTRIBUTES, NODE_ATTRIBUTES
from .presentation import CATEGORIES, rgb

#: The attributes stored as JSON text.
_JSON_ATTRS = {name for table in (GRAPH_ATTRIBUTES, NODE_ATTRIBUTES, EDGE_ATTRIBUTES)
               for name, attribute in table.items() if attribute.structured}


def graphml(G: nx.MultiDiGraph) -> str:
    """GraphML text of G; lists and dicts become JSON strings.

    The text networkx's GraphML writer gives (``nx.generate_graphml(…, prettyprint=True)``, its lines
    joined), byte for byte, written here line by line: networkx builds an ElementTree of every value
    first and serialises it in Python, 2 s for a 100-report corpus against 0.4 s here. Keys are
    numbered as networkx numbers them, in the order met (graph, nodes, edges), one per name, type and
    scope, and listed last first; characters beyond ASCII are character references, as ElementTree
    writes them."""
    H = _flat(G)
    if not _plain(H):
        return _graphml_by_networkx(H)
    xml_type = nx.readwrite.graphml.GraphMLWriter().get_xml_type
    keys = {}

    def data(values, scope, indent):
        lines = []
        for name, value in values.items():
            kind = (str(name), xml_type(type(value)), scope)
            if kind not in keys:
                keys[kind] = f"d{len(keys)}"
            text = _escape(str(value))
            lines.append(f'{indent}<data key="{keys[kind]}">{text}</data>' if text else f'{indent}<data key="{keys[kind]}" />')
        return lines

    about_graph = data(H.graph, "graph", "    ")   # its keys come first, its values after the edges
    body = [line for node, values in H.nodes(data=True)
            for line in _element("node", [("id", str(node))], data(values, "node", "      "), "    ")]
    body += [line for u, v, key, values in H.edges(keys=True, data=True)
             for line in _element("edge", [("source", str(u)), ("target", str(v)), ("id", str(key))],
                                  data(values, "edge", "      "), "    ")]
    names = nx.readwrite.graphml.GraphML
    lines = [f'<graphml xmlns="{names.NS_GRAPHML}" xmlns:xsi="{names.NS_XSI}" xsi:schemaLocation="{names.SCHEMALOCATION}">',
             *(f'  <key id="{i}" for="{scope}" attr.name="{_escape(name, True)}" attr.type="{kind}" />'
               for (name, kind, scope), i in reversed(keys.items())),
             *_element("graph", [("edgedefault", "directed")], body + about_graph, "  "), "</graphml>"]
    text = "\n".join(lines).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return "\n".join(text.splitlines()) + "\n"


def gexf(G: nx.MultiDiGraph) -> str:
    """GEXF 1.2 text of G, with Gephi's viz colours and positions.

    Its ``lastmodifieddate`` is the newest report's date (none if no report has one), not
    the day of the build, so that the same graph gives the same bytes on any day.

    The text networkx's GEXF writer gives (``nx.readwrite.gexf.GEXFWriter``, pretty-printed), byte for
    byte, written here line by line as :func:`graphml` is (:class:`_Gexf`)."""
    H, out = _flat(G, gexf=True), _Gexf()
    dates = [r.get("issued") for r in G.graph.get("reports", {}).values() if r.get("issued")]
    if not _plain(H, ("pid", "parents", "spells", "slices", "viz")):
        return _gexf_by_networkx(H, max(dates) if dates else None)
    nodes = [line for node, data in H.nodes(data=True) for line in out.node(node, dict(data))]
    taken = {str(d["id"]) for *_, d in H.edges(data=True) if d.get("id") is not None}
    numbers = (str(n) for n in itertools.count() if str(n) not in taken)   # as networkx numbers edges
    edges = [line for u, v, key, data in H.edges(keys=True, data=True)
             for line in out.edge(H, u, v, {**data, "key": key}, numbers)]
    graph = [("defaultedgetype", "directed"),
             ("mode", "dynamic" if out.time or H.graph.get("mode") == "dynamic" else "static"),
             ("name", H.graph.get("name", "")), *([("timeformat", out.time)] if out.time else [])]
    w = out.writer
    viz = f' xmlns:viz="{w.NS_VIZ}"' if out.viz else ""   # declared as ElementTree declares a namespace used
    lines = [f'<gexf{viz} xmlns="{w.NS_GEXF}" xmlns:xsi="{w.NS_XSI}" xsi:schemaLocation="{w.SCHEMALOCATION}" '
             f'version="{w.VERSION}">', f'  <meta lastmodifieddate="{_escape(max(dates), True)}">' if dates else "  <meta>",
             f"    <creator>NetworkX {nx.__version__}</creator>", "  </meta>"]
    inner = [line for cls in reversed(out.declared) for line in _element(
        "attributes", [("mode", "static"), ("class", cls)],
        [f'      <attribute id="{i}" title="{_escape(title, True)}" type="{kind}" />'
         for title, (i, kind) in out.declared[cls].items()], "    ")]
    inner += _element("nodes", [], nodes, "    ") + _element("edges", [], edges, "    ")
    lines += _element("graph", graph, inner, "  ") + ["</gexf>"]
    return "\n".join(lines).encode("ascii", "xmlcharrefreplace").decode("ascii") + "\n"


def _plain(H, special=()):
    """Whether the flattened graph ``H`` holds only what the writers here write as networkx does: values
    of exactly str, int, float or bool (no numpy number, no date), no graph ``id`` or defaults, and no
    node value named in ``special`` but a ``viz`` dict (which GEXF writes its own way)."""
    if {"id", "node_default", "edge_default", "mode", "name"} & set(H.graph):
        return False
    values = [*H.graph.values(), *(v for _, d in H.nodes(data=True) for k, v in d.items()
                                   if not (k == "viz" and isinstance(v, dict))),
              *(v for *_, d in H.edges(data=True) for v in d.values()), *(k for *_, k in H.edges(keys=True))]
    return all(type(v) in (str, int, float, bool) for v in values) and \
        not any(k in special and k != "viz" for _, d in H.nodes(data=True) for k in d)


def _graphml_by_networkx(H):
    return "\n".join(nx.generate_graphml(H, encoding="utf-8", prettyprint=True)) + "\n"


def _gexf_by_networkx(H, date):
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if date:
        meta.set("lastmodifieddate", date)
    else:
        del meta.attrib["lastmodifieddate"]
    writer.add_graph(H)
    return str(writer).rstrip("\n") + "\n"


class _Gexf:
    """The nodes and edges of a GEXF file as networkx writes them, for what the projection holds (no
    spells, parents or dynamic values): ``start`` and ``end`` are a node's or an edge's own attributes
    (which makes the graph "dynamic", timed as the last of them is typed), an edge's key is its value
    ``networkx_key``, and attributes are numbered in the order met, once per class and title (the
    edges' declared before the nodes', as networkx inserts each class first)."""

    def __init__(self):
        self.writer = nx.readwrite.gexf.GEXFWriter(version="1.2draft")   # its namespaces and types
        self.declared, self.time, self.viz = {}, None, False   # declared: {class: {title: (id, type)}}

    def node(self, node, data):
        attributes = [("id", str(data.pop("id", node))), ("label", str(data.pop("label", node))),
                      *self._own(data, ("pid", "start", "end"))]
        return _element("node", attributes, self._inner("node", data), "      ")

    def edge(self, H, u, v, data, numbers):
        number = data.pop("id", None)
        attributes = [("source", str(H.nodes[u].get("id", u))), ("target", str(H.nodes[v].get("id", v))),
                      ("id", next(numbers) if number is None else str(number)),
                      *self._own(data, ("label", "weight", "type", "start", "end"))]
        return _element("edge", attributes, self._inner("edge", data), "      ")

    def _own(self, data, names):
        found = [(name, data.pop(name)) for name in names if name in data]
        for name, value in found:
            if name in ("start", "end"):
                self.time = "date" if isinstance(value, str) else "double" if isinstance(value, float) else "long"
        return [(name, str(value)) for name, value in found]

    def _inner(self, cls, data):
        lines = _viz_lines(data.pop("viz", False), "        ")
        self.viz = self.viz or bool(lines)
        values = []
        for name, value in data.items():
            title = "networkx_key" if name == "key" else str(name)
            known = self.declared.setdefault(cls, {})
            if title not in known:
                known[title] = (str(sum(map(len, self.declared.values()))), self.writer.xml_type[type(value)])
            text = str(value).lower() if isinstance(value, bool) else _number_text(value)
            values.append(f'          <attvalue for="{known[title][0]}" value="{_escape(text, True)}" />')
        return lines + _element("attvalues", [], values, "        ") if values else lines


def _element(tag, attributes, inner, indent):
    """The lines of an element pretty-printed as ElementTree writes it (``inner``: its children's lines)."""
    opening = f"{indent}<{tag}" + "".join(f' {k}="{_escape(v, True)}"' for k, v in attributes)
    return [opening + ">", *inner, f"{indent}</{tag}>"] if inner else [opening + " />"]


_SPECIAL = re.compile('[&<>"\r\n\t]')   # what _escape may replace: most texts hold none


def _escape(text, attribute=False):
    """Text (or, with ``attribute``, an attribute's value) escaped as ElementTree escapes it."""
    if not _SPECIAL.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
    return text


def _viz_lines(viz, indent):
    """The ``viz:`` elements networkx writes for a node's or an edge's ``viz`` data, in its order."""
    if not viz:
        return []
    lines = []
    if viz.get("color") is not None:
        c = viz["color"]
        lines.append(f'{indent}<viz:color r="{c.get("r")}" g="{c.get("g")}" b="{c.get("b")}" a="{c.get("a", 1.0)}" />')
    for name in ("size", "thickness"):
        if viz.get(name) is not None:
            lines.append(f'{indent}<viz:{name} value="{_escape(str(viz[name]), True)}" />')
    shape = viz.get("shape")
    if shape is not None:
        lines.append(f'{indent}<viz:shape value="image" uri="{_escape(str(shape), True)}" />' if shape.startswith("http")
                     else f'{indent}<viz:shape value="{_escape(str(shape), True)}" />')
    if viz.get("position") is not None:
        p = viz["position"]
        lines.append(f'{indent}<viz:position x="{p.get("x")}" y="{p.get("y")}" z="{p.get("z")}" />')
    return lines


def _number_text(value):
    """``str(value)``, and a float's infinities and NaN as GEXF writes them."""
    text = str(value)
    return {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(text, text) if isinstance(value, float) else text


def read_graphml(path: str | PathLike | BinaryIO) -> nx.MultiDiGraph:
    """Read a file :func:`graphml` wrote back into the projection's form."""
    return _unflatten(nx.read_graphml(path, force_multigraph=True))


def read_gexf(path: str | PathLike | BinaryIO) -> nx.MultiDiGraph:
    """Read a file :func:`gexf` wrote back into the projection's form (viz data dropped)."""
    G = nx.read_gexf(path)
    for _, data in G.nodes(data=True):
        data.pop("viz", None)
    return _unflatten(G)


def _flat_attrs(data):
    """Attributes as GraphML and GEXF hold them: lists and dicts as JSON, no None."""
    out = {}
    for k, v in data.items():
        if isinstance(v, (list, dict, tuple)):
            out[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
        elif v is not None:
            out[k] = v
    return out


def _viz(data):
    """Gephi's colour and position of a node (GEXF's y axis points up, the explorer's down)."""
    r, g, b = rgb(CATEGORIES[data["category"]].colour)
    return {"color": {"r": r, "g": g, "b": b, "a": 1.0},
            "position": {"x": float(data.get("x", 0)), "y": -float(data.get("y", 0)), "z": 0.0}}


def _flat(G, gexf=False):
    """A copy of G whose attributes are all strings, numbers or booleans (lists as JSON)."""
    H = nx.MultiDiGraph()
    H.graph.update(_flat_attrs(G.graph))
    for n, data in G.nodes(data=True):
        attrs = _flat_attrs(data)
        if gexf:
            attrs.pop("x", None), attrs.pop("y", None)
            attrs["viz"] = _viz(data)
        H.add_node(n, label=data["label_zh"], **attrs) if gexf else H.add_node(n, **attrs)
    for u, v, k, data in G.edges(keys=True, data=True):
        attrs = _flat_attrs(data)
        if gexf:
            attrs["label"] = data["label_zh"]
        H.add_edge(u, v, key=k, **attrs)
    return H


def _unflatten(G):
    for data in [G.graph, *(d for _, d in G.nodes(data=True)),
                 *(d for *_, d in G.edges(data=True))]:
        for k in _JSON_ATTRS & set(data):
            if isinstance(data[k], str):
                data[k] = json.loads(data[k])
    return G
