"""The linkage analysis written out for people: the summary of :func:`reportgraph.analysis.analyse`
as aligned text (the ``analyse`` command's default), Markdown or JSON.

The algorithms are :mod:`reportgraph.analysis`'s and the same results as RDF are
:mod:`reportgraph.analysis_rdf`'s; here is only how a summary (plain data: names and
numbers) is laid out. Imports :mod:`reportgraph.textformat` of the package.
"""

import json
from typing import Any

from .textformat import aligned


def as_markdown(summary: dict[str, Any]) -> str:
    """The :func:`~reportgraph.analysis.analyse` summary as Markdown."""
    out = [f"# Linkage analysis\n\n{summary['nodes']} nodes, {summary['edges']} edges; actor graph "
           f"{summary['actor_graph']['nodes']} nodes, {summary['actor_graph']['edges']} edges "
           f"(without concepts, chain stages and statistics).\n"]
    for measure, rows in summary["centrality"].items():
        out.append(f"## Top by {measure}\n\n| # | entity | id | {measure} |\n|---|---|---|---|")
        out += [f"| {i} | {r['label_zh']} | {r['node']} | {r['value']:.4f} |" for i, r in enumerate(rows, 1)]
        out.append("")
    b = summary["brokers"]
    out.append(f"## Brokers between {', '.join(b['side_a'])} and {', '.join(b['side_b'])}\n\n"
               f"| entity | id | pairs disconnected (of {b['pairs']}) | length added |\n|---|---|---|---|")
    out += [f"| {r['label_zh']} | {r['node']} | {r['disconnects']} | {r['adds_length']} |" for r in b["nodes"]]
    out.append("\n| link | pairs disconnected | length added | facts |\n|---|---|---|---|")
    out += [f"| {r['edge'][0]} — {r['edge'][1]} | {r['disconnects']} | {r['adds_length']} | "
            f"{'; '.join(r['facts'])} |" for r in b["edges"]]
    out.append("\n## Communities (Louvain)\n")
    out += [f"{i}. ({c['size']}) " + "、".join(m["label_zh"] for m in c["members"])
            for i, c in enumerate(summary["communities"], 1)]
    return "\n".join(out) + "\n"


def as_text(summary: dict[str, Any]) -> str:
    """The :func:`~reportgraph.analysis.analyse` summary as aligned text for a terminal."""
    out = [f"{summary['nodes']} nodes, {summary['edges']} edges; actor graph {summary['actor_graph']['nodes']} "
           f"nodes, {summary['actor_graph']['edges']} edges (without concepts, chain stages and statistics)"]
    for measure, rows in summary["centrality"].items():
        out += ["", f"Top by {measure}:",
                aligned(["#", "entity", "id", measure],
                        [[i, r["label_zh"], r["node"], f"{r['value']:.4f}"] for i, r in enumerate(rows, 1)])]
    b = summary["brokers"]
    out += ["", f"Brokers between {', '.join(b['side_a'])} and {', '.join(b['side_b'])} ({b['pairs']} pairs):",
            aligned(["entity", "id", "pairs cut", "length added"],
                    [[r["label_zh"], r["node"], r["disconnects"], r["adds_length"]] for r in b["nodes"]]),
            "", aligned(["link", "pairs cut", "length added", "facts"],
                        [[" — ".join(r["edge"]), r["disconnects"], r["adds_length"], "; ".join(r["facts"])]
                         for r in b["edges"]])]
    out += ["", "Communities (Louvain):"]
    out += [f"{i:>3}. ({c['size']}) " + "、".join(m["label_zh"] for m in c["members"])
            for i, c in enumerate(summary["communities"], 1)]
    return "\n".join(out) + "\n"


def as_json(summary: dict[str, Any]) -> str:
    """The :func:`~reportgraph.analysis.analyse` summary as JSON, keys sorted."""
    return json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
