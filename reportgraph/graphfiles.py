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

import json
from os import PathLike
from typing import BinaryIO

import networkx as nx

from .attributes import EDGE_ATTRIBUTES, GRAPH_ATTRIBUTES, NODE_ATTRIBUTES
from .presentation import CATEGORIES, rgb

#: The attributes stored as JSON text.
_JSON_ATTRS = {name for table in (GRAPH_ATTRIBUTES, NODE_ATTRIBUTES, EDGE_ATTRIBUTES)
               for name, attribute in table.items() if attribute.structured}


def graphml(G: nx.MultiDiGraph) -> str:
    """GraphML text of G; lists and dicts become JSON strings."""
    return "\n".join(nx.generate_graphml(_flat(G), encoding="utf-8", prettyprint=True)) + "\n"


def gexf(G: nx.MultiDiGraph) -> str:
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
