"""The linkage analysis written out for people: the summary of :func:`reportgraph.analysis.analyse`
as aligned text (the ``analyse`` command's default), Markdown or JSON, and the paths of
:func:`reportgraph.analysis.explain` as the ``explain`` command prints them.

The algorithms are :mod:`reportgraph.analysis`'s and the same results as RDF are
:mod:`reportgraph.analysis_rdf`'s; here is only how a summary (plain data: names and
numbers) is laid out. Imports :mod:`reportgraph.textformat` of the package.
"""

import json
from collections.abc import Sequence
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


#: How a hop that the text does not simply state is marked, by language.
_MARKS = {"en": {"inferred": " [inferred]", "drafted": " [drafted, unreviewed]"},
          "zh": {"inferred": " [编者推断]", "drafted": " [待审核]"}}


def explained(paths: list[list[dict]], names: Sequence[str], fmt: str = "text", lang: str = "zh",
              exclude: Sequence[str] = (), k: int | None = None) -> str:
    """The paths :func:`~reportgraph.analysis.explain` found between the entities called ``names``
    (two), as JSON (``fmt="json"``) or as text: each hop's sentence in ``lang``, then every quote
    stating it, each with its report and offsets (``exclude`` and ``k`` as the paths were found).

    >>> hop = {"sentence_zh": "博览会 —主办方→ 工信部", "assertion": "stated",
    ...        "evidence": [{"quote": "工信部主办博览会", "report": "r1", "start": 0, "end": 8}]}
    >>> print(explained([[hop]], ["博览会", "工信部"]), end="")
    博览会 → 工信部: 1 path(s), all of the shortest length
    <BLANKLINE>
    1. 1 hop(s)
       博览会 —主办方→ 工信部
          “工信部主办博览会” (r1, chars 0–8)
    """
    if fmt == "json":
        return json.dumps(paths, ensure_ascii=False, indent=2) + "\n"
    a, b = names
    if not paths:
        return f"{a} and {b} are not linked" + (" without " + ", ".join(exclude) if exclude else "") + "\n"
    kind = f"{len(paths)} path(s)" + (f", the {k} shortest" if k else ", all of the shortest length")
    out = [f"{a} → {b}: {kind}"]
    for i, path in enumerate(paths, 1):
        out.append(f"\n{i}. {len(path)} hop(s)")
        for hop in path:
            out.append(f"   {hop['sentence_' + lang]}" + _MARKS[lang].get(hop["assertion"], ""))
            out += [f"      “{span['quote']}” ({span['report']}, chars {span['start']}–{span['end']})"
                    for span in hop["evidence"]]
    return "\n".join(out) + "\n"
