"""Time the linkage analysis: ``python benchmarks/analysis.py [--runs N] [--nodes N --edges N]``.

Prints the median of N runs of ``analyse`` (centrality, brokers, communities) and of
``explain`` (every shortest path between two entities), on the seed graph and on a
synthetic graph (5,000 entities and 15,000 facts by default, from reportgraph.synthetic),
measured in one process on the projection; and the cold time of the two commands on
the seed graph (fresh processes, as a researcher runs them).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_time(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        function()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(name: str, G: nx.MultiDiGraph, a: str, b: str, runs: int) -> None:
    from reportgraph import analysis

    t_analyse = median_time(lambda: analysis.analyse(G), runs)
    t_explain = median_time(lambda: analysis.explain(G, a, b), runs)
    paths = analysis.explain(G, a, b)
    print(f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    print(f"  analyse (median of {runs}): {t_analyse:.3f} s")
    print(f"  explain {a} → {b} (median of {runs}): {t_explain * 1000:.1f} ms "
          f"({len(paths)} path(s) of {len(paths[0]) if paths else 0} hop(s))")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--nodes", type=int, default=5000)
    p.add_argument("--edges", type=int, default=15000)
    args = p.parse_args()
    from rdflib import Graph

    from reportgraph import analysis, project
    from reportgraph.paths import Paths
    from reportgraph.rdf import build_graph
    from reportgraph.synthetic import corpus

    measure("seed graph", analysis.read_network(Paths(ROOT)), "南海铝协", "工业和信息化部", args.runs)
    G = project.project(build_graph(corpus(args.nodes, args.edges)), Graph().parse(ROOT / "ontology.ttl"))
    actors = sorted(analysis.actor_graph(G))
    measure(f"synthetic graph ({args.nodes} entities, {args.edges} facts)", G, actors[0], actors[-1], args.runs)
    for command in (["explain", "南海铝协", "工业和信息化部"], ["analyse"]):
        cold = median_time(lambda: subprocess.run([sys.executable, "build_graph.py", *command], cwd=ROOT,
                                                  check=True, stdout=subprocess.DEVNULL), args.runs)
        print(f"cold python build_graph.py {' '.join(command)} (median of {args.runs}): {cold:.3f} s")


if __name__ == "__main__":
    main()
