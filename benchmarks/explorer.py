"""Time the explorer page: ``python benchmarks/explorer.py [--runs N] [--nodes N --edges N]``.

For the seed graph and for a synthetic graph (5,000 nodes and 15,000 edges by default,
from :mod:`reportgraph.synthetic`) prints the medians of N runs of:
- making the page from the RDF graph: the networkx projection, the layout, the HTML;
- the page's size;
- the time until headless Chromium (Debian's, network cut off) has first drawn the
  page: ``performance.now()`` at vis-network's first ``afterDrawing``, i.e. from
  navigation start until the graph is on screen and the page answers clicks;
- the first view as drawn in a 1400 × 900 window, in zh and in en
  (:func:`reportgraph.browser.geometry`): pairs of node boxes (shape and label) that overlap,
  the smallest label drawn (px), how many labels are drawn, boxes not wholly on screen, and
  whether the 25 most central entities are all labelled, and how many times an edge crosses a
  drawn label (beside the count with no node moved off the edges, reportgraph.untangle.UNTANGLED = 0).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent


def make_page(graph: Graph, ontology: Graph) -> tuple[str, nx.MultiDiGraph, dict[str, float]]:
    from reportgraph import explorer, layout, project

    t0 = time.perf_counter()
    G = project.project(graph, ontology)
    t1 = time.perf_counter()
    layout.place(G)
    t2 = time.perf_counter()
    page = explorer.build_html(G)
    t3 = time.perf_counter()
    return page, G, {"project": t1 - t0, "layout": t2 - t1, "html": t3 - t2, "total": t3 - t0}


def measure(name: str, graph: Graph, ontology: Graph, runs: int, browser_: object) -> None:
    from reportgraph import browser

    times, ready = [], []
    for _ in range(runs):
        page, G, t = make_page(graph, ontology)
        times.append(t)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(page, encoding="utf-8")
        for _ in range(runs):
            visit = browser.open_page(browser_, path)
            assert not visit.errors and not visit.blocked, (visit.errors, visit.blocked)
            ready.append(visit.ready_ms / 1000)
            visit.page.close()
    med = {k: statistics.median(t[k] for t in times) for k in times[0]}
    views = first_views(browser_, page, G)
    plain = first_views(browser_, plain_page(graph, ontology), G)
    print(f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, {len(graph)} triples")
    print(f"  make the page (median of {runs}): {med['total']:.3f} s "
          f"(projection {med['project']:.3f}, layout {med['layout']:.3f}, HTML {med['html']:.3f})")
    print(f"  page size: {len(page.encode('utf-8')) / 1e6:.2f} MB")
    print(f"  Chromium, navigation to first drawing (median of {runs}): {statistics.median(ready):.3f} s "
          f"(min {min(ready):.3f}, max {max(ready):.3f})")
    for lang, g in views.items():
        print(f"  first view, {lang}, 1400 x 900: {len(g['overlaps'])} overlapping boxes, smallest label "
              f"{g['smallest_px']:.1f} px, {len(g['labelled'])} of {g['shown']} labelled, {g['offscreen']} off "
              f"screen, 25 most central labelled: {g['top']}; edges across a drawn label: "
              f"{len(g['crossings'])} ({len(plain[lang]['crossings'])} with no node moved off the edges)")


def plain_page(graph: Graph, ontology: Graph) -> str:
    """The page as it would be with no node moved off the edges (reportgraph.untangle.UNTANGLED = 0)."""
    from reportgraph import untangle

    kept, untangle.UNTANGLED = untangle.UNTANGLED, 0
    try:
        return make_page(graph, ontology)[0]
    finally:
        untangle.UNTANGLED = kept


def first_views(browser_: object, page: str, G: nx.MultiDiGraph) -> dict[str, dict]:
    """The first view's geometry (reportgraph.browser.geometry) in zh and en, in a 1400 x 900 window."""
    from reportgraph import browser
    from reportgraph.analysis import centrality

    rank = centrality(G)["pagerank"]
    top = sorted(rank, key=lambda n: (-rank[n], str(n)))[:25]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(page, encoding="utf-8")
        visit = browser.open_page(browser_, path, 1400, 900)
        for lang in ("zh", "en"):
            visit.page.evaluate(f"rgExplorer.setLanguage('{lang}')")
            g = browser.geometry(visit.page)
            g["top"] = set(top) <= set(g["labelled"])
            out[lang] = g
        visit.page.close()
    return out


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from rdflib import Graph

    from reportgraph import browser
    from reportgraph.build import run
    from reportgraph.rdf import build_graph
    from reportgraph.synthetic import corpus

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--nodes", type=int, default=5000)
    p.add_argument("--edges", type=int, default=15000)
    args = p.parse_args()
    ontology = Graph().parse(ROOT / "ontology.ttl")
    seed = run(ROOT, write=False).graph
    synthetic = build_graph(corpus(args.nodes, args.edges))
    with browser.chromium() as b:
        measure("seed graph", seed, ontology, args.runs, b)
        measure(f"synthetic graph ({args.nodes} entities, {args.edges} facts)", synthetic, ontology,
                args.runs, b)


if __name__ == "__main__":
    main()
