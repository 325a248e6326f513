"""SPARQL speed and memory: ``python benchmarks/sparql.py [--runs N] [--triples N]``.

Prints, for the seed graph and for the seed graph plus a synthetic graph of about
``--triples`` triples (1 million by default, generated with reportgraph.synthetic):
- load time (median of several loads, one for rdflib on the large graph) and peak memory
  (the fresh process's VmHWM) of rdflib's store, of the project's Oxigraph path
  (``--store oxigraph:PATH``) and of raw pyoxigraph;
- the median latency of three representative named questions and of a 2-hop
  "shared event" join on each store;
- every named question on the large graph through the project's Oxigraph path, and
  every named question with rdflib on a 100 k-triple graph, listing any over 1 s;
- the endpoint's throughput and p50/p99 latency under 2,000 queries from 8 clients;
- the cold time of ``python build_graph.py query <name>`` on the seed graph.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPRESENTATIVE = ["organisers-of-docking-activity", "baise-statistics-2022", "facts-about-nanhai-association"]
# the 2-hop "shared event" join: which pairs of attendees met at the most events?
SHARED_EVENT = """PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?events) WHERE {
  ?e schema:attendee ?x , ?y . FILTER (STR(?x) < STR(?y))
  ?x skos:prefLabel ?a . ?y skos:prefLabel ?b . FILTER (lang(?a) = "zh" && lang(?b) = "zh")
} GROUP BY ?a ?b ORDER BY DESC(?events) ?a ?b LIMIT 20"""


def project(folder, extra_triples):
    """A project folder whose graph/knowledge_graph.nt is the seed graph plus ``extra_triples``
    synthetic ones (reportgraph.synthetic), with the ontology and the named questions."""
    from reportgraph.rdf import build_graph
    from reportgraph.synthetic import corpus

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "ontology.ttl", folder / "ontology.ttl")
    shutil.copytree(ROOT / "queries", folder / "queries", dirs_exist_ok=True)
    nt = (ROOT / "graph" / "knowledge_graph.nt").read_text(encoding="utf-8")
    if extra_triples:
        facts = max(1, extra_triples // 21)   # a generated fact brings about 21 triples
        g = build_graph(corpus(entities=max(10, facts // 3), relations=facts, seed=3,
                               report_id="synthetic"))
        nt += g.serialize(format="nt")
    (folder / "graph" / "knowledge_graph.nt").write_text(nt, encoding="utf-8")
    return folder, nt.count("\n")


def child(kind, root, runs, queries, load_runs):
    """In a fresh process: load the store (median of ``load_runs`` loads, each into a new
    store), time the queries; prints JSON."""
    from reportgraph import queries, sparql
    from reportgraph.paths import Paths

    named = queries.questions(root)
    texts = {name: named[name].text for name in queries if name in named}
    texts["shared-event join"] = SHARED_EVENT
    loads = []
    for i in range(load_runs):
        store = raw = None
        t0 = time.perf_counter()
        if kind == "rdflib":
            store = sparql.open_store(Paths(root))
        elif kind == "oxigraph":
            store = sparql.open_store(Paths(root), f"oxigraph:{Path(root) / f'oxigraph-{i}'}")
        else:   # raw pyoxigraph, as its own documentation loads a file
            import pyoxigraph as ox
            raw = ox.Store(str(Path(root) / f"raw-oxigraph-{i}"))
            raw.bulk_load(path=str(Path(root) / "graph" / "knowledge_graph.nt"), format=ox.RdfFormat.N_TRIPLES)
        loads.append(time.perf_counter() - t0)
    out = {"load": statistics.median(loads), "queries": {}}
    for name, text in texts.items():
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            if kind == "raw":
                list(raw.query(text))
            else:
                store.query(text).rows()
            times.append(time.perf_counter() - t)
        out["queries"][name] = statistics.median(times)
    status = Path("/proc/self/status").read_text()   # VmHWM: this process's peak resident memory
    out["rss_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps(out))


def in_child(kind, root, runs, queries, load_runs=1):
    """Run :func:`child` in a fresh process; returns its figures (with its peak RSS in MB)."""
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(root), "--runs", str(runs),
                          "--queries", ",".join(queries), "--load-runs", str(load_runs)],
                         stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(title, triples, results):
    print(f"{title}: {triples:,} triples")
    for kind, f in results.items():
        qs = ", ".join(f"{name} {secs * 1000:.1f} ms" for name, secs in f["queries"].items())
        print(f"  {kind:<9} load {f['load']:.2f} s, peak memory {f['rss_mb']:.0f} MB; medians: {qs}")


def load_test(root, clients=8, total=2000):
    """The endpoint's load test (benchmarks/endpoint.py) on the graph of ``root``."""
    from endpoint import Server, load, print_load
    from reportgraph import queries

    named = queries.questions(root)
    texts = [named[n].text for n in REPRESENTATIVE[:2]] + [named["posts-of-ge-guoke"].text]
    server = Server(ROOT, root=root)
    try:
        print_load(f"endpoint load test ({clients} clients)", *load(server, texts, clients, total))
    finally:
        server.stop()


def cold_query(runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "build_graph.py", "query", "organisers-of-docking-activity"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    print(f"cold python build_graph.py query organisers-of-docking-activity, median of {runs}: "
          f"{statistics.median(times):.3f} s (min {min(times):.3f})")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--triples", type=int, default=1_000_000)
    p.add_argument("--child", nargs=2, metavar=("KIND", "ROOT"), help=argparse.SUPPRESS)
    p.add_argument("--queries", default=",".join(REPRESENTATIVE), help=argparse.SUPPRESS)
    p.add_argument("--load-runs", type=int, default=1, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], args.runs, args.queries.split(","), args.load_runs)
    from reportgraph import queries

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seed, n = project(tmp / "seed", 0)
        report("seed graph", n, {k: in_child(k, seed, args.runs, REPRESENTATIVE, args.runs)
                                 for k in ("rdflib", "oxigraph", "raw")})
        cold_query(args.runs)
        load_test(seed)

        medium, n = project(tmp / "medium", 100_000)
        slow = in_child("rdflib", medium, 1, list(queries.questions(medium)))["queries"]
        slow.pop("shared-event join")   # not a named question
        over = {k: round(v, 2) for k, v in slow.items() if v > 1}
        print(f"every named question with rdflib on {n:,} triples: slowest {max(slow, key=slow.get)} "
              f"{max(slow.values()):.2f} s; over 1 s: {over or 'none'}")

        large, n = project(tmp / "large", args.triples)
        results = {k: in_child(k, large, args.runs if k != "rdflib" else 1, REPRESENTATIVE,
                               3 if k != "rdflib" else 1)   # rdflib: one load of 30 s is enough
                   for k in ("raw", "oxigraph", "rdflib")}
        report("seed + synthetic graph", n, results)
        ox, raw, rd = results["oxigraph"], results["raw"], results["rdflib"]
        join = "shared-event join"
        print(f"  project's Oxigraph path vs raw pyoxigraph: load {ox['load'] / raw['load']:.2f}×, "
              f"2-hop join {ox['queries'][join] / raw['queries'][join]:.2f}×")
        print(f"  Oxigraph vs rdflib: load {rd['load'] / ox['load']:.0f}× faster, "
              f"2-hop join {rd['queries'][join] / ox['queries'][join]:.0f}× faster")
        every = in_child("oxigraph", large, 3, list(queries.questions(large)))["queries"]
        every.pop("shared-event join")
        worst = max(every.items(), key=lambda kv: kv[1])
        over = {k: round(v, 2) for k, v in every.items() if v > 1}
        print(f"every named question with Oxigraph on {n:,} triples (median of 3): slowest {worst[0]} "
              f"{worst[1] * 1000:.0f} ms; over 1 s: {over or 'none'}")


if __name__ == "__main__":
    main()
