"""Time a cold full build: ``python benchmarks/build.py [--runs N]``.

Prints the median wall time of ``python build_graph.py`` (a fresh process each run,
in a scratch copy of the project so graph/ is not touched), the median cold import
time of what the build imports, and the median time of each step in one process.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "import rdflib, yaml, pyshacl, networkx, igraph, pyvis.network, reportgraph.build, reportgraph.cli"


def wall(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def steps(root: Path, runs: int) -> dict[str, float]:
    """Median seconds of each build step, measured in this process."""
    from rdflib import Graph

    from reportgraph import analysis, analysis_rdf, explorer, graphfiles, layout, output, project, validate
    from reportgraph.load import load_corpus
    from reportgraph.rdf import build_graph

    times = {k: [] for k in ("load", "rdf", "validate", "serialise", "views")}
    for _ in range(runs):
        t0 = time.perf_counter()
        corpus = load_corpus(root)
        t1 = time.perf_counter()
        g = build_graph(corpus)
        t2 = time.perf_counter()
        ontology = Graph().parse(root / "ontology.ttl")
        validate.shacl(g, Graph().parse(root / "shapes.ttl"), ontology)
        t3 = time.perf_counter()
        output.turtle(g), output.jsonld(g), output.ntriples(g)
        t4 = time.perf_counter()
        G = analysis.annotate(layout.place(project.project(g, ontology)))
        graphfiles.graphml(G), graphfiles.gexf(G), explorer.build_html(G)
        analysis_rdf.turtle_utf8(G, "0" * 64)
        t5 = time.perf_counter()
        for k, v in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            times[k].append(v)
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from reportgraph.build import SOURCES

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in SOURCES:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, work / name)
        builds = [wall([sys.executable, "build_graph.py"], work) for _ in range(args.runs)]
        imports = [wall([sys.executable, "-c", IMPORTS], work) for _ in range(args.runs)]
        bare = [wall([sys.executable, "-c", "pass"], work) for _ in range(args.runs)]
        step = steps(work, args.runs)
    print(f"cold build (python build_graph.py), median of {args.runs}: {statistics.median(builds):.3f} s "
          f"(min {min(builds):.3f}, max {max(builds):.3f})")
    print(f"  of which interpreter start:      {statistics.median(bare):.3f} s")
    print(f"  of which imports ({IMPORTS}): "
          f"{statistics.median(imports) - statistics.median(bare):.3f} s")
    for name, secs in step.items():
        print(f"  step {name:<10} (warm, median): {secs:.3f} s")
    print("  (validate runs in a forked process alongside serialise and views)")


if __name__ == "__main__":
    main()
