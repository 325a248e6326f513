"""Time builds of synthetic corpora: ``python benchmarks/corpus.py [--reports 10,100] [--runs R]``.

For each N, :mod:`reportgraph.corpusgen` writes N reports shaped like the first (each with its
facts, about 5,000 triples) over one shared registry into a scratch project, which is then
built by ``python build_graph.py`` in a fresh process:

- cold: the first build of the project (no cache of any kind);
- rebuild: after one report's facts change (a relation removed), the build again;
- peak: the largest resident memory of the build process or one of its forked processes (SHACL;
  Turtle and JSON-LD; GraphML; GEXF);
- the steps of the last rebuild (``build --timings``): where its time goes, and the CPU seconds (user and
  system) of that build's process and every process it forked: beside the wall time, how much the two
  cores had to do.

First it builds the committed report alone, in a fresh process each time (median of at least three,
after one build that compiles its bytecode): the yardstick of this machine at this moment. Prints one
line per N and a final line that sums it up, with the cost per triple at the largest N against the
smallest and the rebuild of the largest as a multiple of the first report's build, both measured in
this same run (machines of one kind have differed threefold in speed). With ``--questions``, every
named question is also timed through the Oxigraph store (``query --store oxigraph:…``, the
store loaded once); with ``--push``, the largest corpus is pushed to a Virtuoso started for
the run (tests/virtuoso.py), with both protocols, and the count read back is checked.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgraph import corpusgen  # noqa: E402


def project(folder, reports, seed=1):
    """A scratch project of ``reports`` generated reports beside the committed one (so that the named
    questions have answers), with this checkout's registry, code, ontology, shapes and questions."""
    first_report(folder)
    return corpusgen.write(folder, reports, seed)


def first_report(folder):
    """A scratch project of the committed report alone, with this checkout's registry, code, ontology,
    shapes and questions."""
    for name in ("ontology.ttl", "shapes.ttl", "build_graph.py", "reportgraph", "queries", "registry", "reports"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, folder / name,
                                                           **({"ignore": shutil.ignore_patterns("__pycache__")}
                                                              if src.is_dir() else {}))


def build(folder):
    """``(wall seconds, peak resident MB, triples, the seconds of its steps, CPU seconds)`` of one
    ``python build_graph.py build --timings`` in ``folder`` (its CPU: its own and its forked processes')."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "build_graph.py", "build", "--timings"], cwd=folder,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"the build failed in {folder}:\n{err}")
    peak, cpu = _USAGE.pop(process.pid, (0.0, 0.0))
    triples = int(out.split(" triples", 1)[0].rsplit(" ", 1)[1])
    return wall, peak, triples, out.rsplit("seconds: ", 1)[1].strip(), cpu


_USAGE = {}   # pid -> (peak resident MB, CPU seconds), as os.wait4 reports them


def _popen_with_rusage():
    """Make Popen.wait record each child's peak resident memory and CPU seconds (user and system), its own
    and those of the children it waited for."""
    real_wait = subprocess.Popen._try_wait

    def _try_wait(self, flags):
        pid, status, usage = os.wait4(self.pid, flags)
        if pid == self.pid:
            _USAGE[pid] = (usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)
        return pid, status

    subprocess.Popen._try_wait = _try_wait
    return real_wait


def change_one_report(folder, report):
    """Remove the last relation of ``report``'s facts (its quote stays in the text)."""
    facts = folder / "reports" / report / "facts.yaml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["relations"].pop()
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def questions(folder):
    """``{name: seconds}`` of every named question on the built graph of ``folder``, through Oxigraph."""
    from reportgraph import queries, sparql
    from reportgraph.paths import Paths

    store = sparql.open_store(Paths(folder), f"oxigraph:{folder / 'oxigraph'}")
    times = {}
    for name, question in sorted(queries.questions(folder).items()):
        start = time.perf_counter()
        store.query(question.text).rows()
        times[name] = time.perf_counter() - start
    return times


def push_both_ways(folder, triples):
    """Push the built graph of ``folder`` to a fresh Virtuoso with each protocol; ``{protocol: s}``."""
    sys.path.insert(0, str(ROOT / "tests"))
    import virtuoso

    seconds = {}
    with tempfile.TemporaryDirectory() as data, virtuoso.running(Path(data)) as url:
        for protocol, target in (("gsp", url.replace("/sparql", "/sparql-graph-crud")), ("update", url)):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "build_graph.py", "push", target, "--protocol", protocol,
                                   "--query-url", url, "--timeout", "600"],
                                  cwd=folder, capture_output=True, text=True)
            seconds[protocol] = time.perf_counter() - start
            if done.returncode or f"holds {triples} triples" not in done.stdout:
                raise SystemExit(f"push --protocol {protocol} failed:\n{done.stdout}{done.stderr}")
    return seconds


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--reports", default="10,100", help="comma-separated corpus sizes")
    p.add_argument("--runs", type=int, default=1, help="builds of each kind per size (median)")
    p.add_argument("--questions", action="store_true", help="time every named question through Oxigraph")
    p.add_argument("--push", action="store_true", help="push the largest corpus to Virtuoso, both protocols")
    args = p.parse_args()
    _popen_with_rusage()
    with tempfile.TemporaryDirectory() as tmp:   # the yardstick: the first report's build on this machine now
        first_report(Path(tmp))
        build(Path(tmp))   # its bytecode compiled, as a checkout's is after its first build
        first = statistics.median(build(Path(tmp))[0] for _ in range(max(args.runs, 3)))
    print(f"the first report alone: {first:.2f} s a build (median of {max(args.runs, 3)})", flush=True)
    rows = []
    for n in (int(x) for x in args.reports.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            ids = project(folder, n)
            colds, rebuilds, peaks = [], [], []
            for _ in range(args.runs):
                shutil.rmtree(folder / "graph", ignore_errors=True)
                wall, peak, triples, *_ = build(folder)
                colds.append(wall)
                peaks.append(peak)
                change_one_report(folder, ids[len(ids) // 2])
                wall, peak, now, steps, cpu = build(folder)   # the graph now built: one fact fewer
                rebuilds.append(wall)
                peaks.append(peak)
            row = {"reports": n, "triples": triples, "cold": statistics.median(colds),
                   "rebuild": statistics.median(rebuilds), "peak": max(peaks)}
            rows.append(row)
            print(f"reports={n} triples={triples} cold_build_s={row['cold']:.1f} "
                  f"rebuild_one_s={row['rebuild']:.1f} peak_mb={row['peak']:.0f} "
                  f"us_per_triple={row['cold'] / triples * 1e6:.1f}", flush=True)
            print(f"  the last rebuild's steps (s): {steps}; its CPU (all its processes): {cpu:.1f} s", flush=True)
            if args.questions:
                times = questions(folder)
                slowest = max(times, key=times.get)
                print(f"  {len(times)} named questions through Oxigraph: median {statistics.median(times.values()):.3f} s, "
                      f"slowest {slowest} {times[slowest]:.3f} s", flush=True)
            if args.push and n == max(int(x) for x in args.reports.split(",")):
                pushed = push_both_ways(folder, now)
                print("  pushed to Virtuoso: " + ", ".join(f"{k} {v:.1f} s" for k, v in pushed.items()), flush=True)
    small, large = rows[0], rows[-1]
    ratio = (large["cold"] / large["triples"]) / (small["cold"] / small["triples"])
    print(f"corpus reports={large['reports']} triples={large['triples']} cold_build_s={large['cold']:.1f} "
          f"rebuild_one_s={large['rebuild']:.1f} peak_mb={large['peak']:.0f} "
          f"per_triple_{large['reports']}_vs_{small['reports']}={ratio:.2f} first_report_s={first:.2f} "
          f"rebuild_vs_first_report={large['rebuild'] / first:.1f}")


if __name__ == "__main__":
    main()
