"""Time the pieces of a corpus build one by one: ``python benchmarks/pieces.py [--reports 100] [--runs 5]
[--against REV]``.

A whole rebuild of 100 reports takes some 15 s here and varies by a tenth or more from one run to the
next, more than most changes to one of its pieces save. So each piece the build runs (the same calls,
on the same corpus) is timed alone, in a fresh process each run, with no other process of the build
beside it: making the graph and its N-Triples, SHACL as a rebuild runs it (its findings by report
already kept), cutting the N-Triples into chunks, the RDF files made and parsed back as a rebuild makes
and parses them (with nothing changed: the pieces and their counts all kept), the projection, the
analysis, the layout, the page, GraphML and GEXF each written and parsed back, and ``analysis.ttl``. The
scratch project is written once by :mod:`reportgraph.corpusgen` (as ``benchmarks/corpus.py`` writes it)
and built once, so that the caches are those of a rebuild.

With ``--against REV``, the package as it is at the git revision ``REV`` is timed too, on the same
project, the two alternating run by run (so that a slow minute of the machine falls on both), and
each piece's median is printed with the ratio of the two. Prints one line per piece and a total.
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


def pieces(code: Path, folder: Path) -> dict[str, float]:
    """Seconds of each piece of the build of ``folder``, run in this process with the package in ``code``."""
    import gc

    sys.path.insert(0, str(code))
    from rdflib import Graph

    from reportgraph import analysis, analysis_rdf, build, explorer, firstview, graphfiles, layout, output, project
    from reportgraph import staging, validate
    from reportgraph.load import load_corpus
    from reportgraph.paths import Paths
    from reportgraph.rdf import graph_parts
    from reportgraph.vocab import DEFAULT_BASE, with_slash

    counts = getattr(staging, "counts", None) or output.counts   # where an older package has it
    times, clock = {}, [time.perf_counter()]

    def lap(name):
        now = time.perf_counter()
        times[name] = now - clock[0]
        clock[0] = now

    corpus = load_corpus(folder, cached=True)
    gc.freeze()   # as the build freezes what lives to its end
    lap("load")
    parts = graph_parts(corpus)
    gc.freeze()
    lap("rdf graph")
    nt = output.ntriples_utf8(parts.core, parts.mentions)
    lap("n-triples")
    shapes, ontology = Graph().parse(folder / "shapes.ttl"), Graph().parse(folder / "ontology.ttl")
    clock[0] = time.perf_counter()
    validate.shacl_by_report(nt, shapes, (folder / "ontology.ttl").read_bytes(), parts.core.namespaces(),
                             with_slash(DEFAULT_BASE), Paths(folder).cache / "shacl.json")
    lap("shacl (a rebuild's)")
    output.forget()
    output.chunks(nt)
    lap("chunks")
    with tempfile.TemporaryDirectory() as tmp:
        made, written = output.Made(Paths(folder).cache / "serialised.pickle"), {}
        staged = staging.Staging(Path(tmp) / "graph", build.OUTPUTS)
        for name, serialise in build.OUTPUTS.items():
            written[name] = serialise(parts.core, nt, made)
            staged.write(name, written[name])
        made.save()   # for the next run, as a build keeps it
        lap("rdf files (a rebuild's)")
        if hasattr(staging, "Parsed"):   # a body at a time, the counts of the last build's bodies kept
            parsed = staging.Parsed(Paths(folder).cache / "parsed.pickle")
            for name, pieces in written.items():
                staged.verify_rdf(name, pieces, nt.count(b"\n"), parsed)
            parsed.save()
        else:   # a package from before it: each file whole
            staged.verify({name: {"triples": nt.count(b"\n")} for name in written})
        lap("rdf files parsed back")
        G = project.project(parts.core, ontology, spans=parts.spans)
        gc.freeze()
        lap("projection")
        measured = analysis.measures(G)
        lap("analysis")
        rank = measured.centrality["pagerank"]
        looks = firstview.plan(G, rank, measured.actors)
        G = layout.place(G, rank=rank, looks=looks, A=measured.actors)
        analysis.annotate(G, measured)
        lap("layout")
        explorer.build_html(G, rank=rank, looks=looks)
        lap("page")
        for name, write in (("graphml", graphfiles.graphml), ("gexf", graphfiles.gexf)):
            path = Path(tmp) / f"g.{name}"
            path.write_text(write(G), encoding="utf-8")
            lap(name)
            counts(path.name, path)
            lap(f"{name} parsed back")
        analysis_rdf.turtle_utf8(G, "0" * 64, DEFAULT_BASE, measured)
        lap("analysis.ttl")
    return times


def package_at(rev: str, into: Path) -> Path:
    """The package as it is at git revision ``rev``, unpacked into ``into``; the folder to import it from."""
    archive = subprocess.run(["git", "archive", rev, "reportgraph"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run(code: Path, folder: Path) -> dict[str, float]:
    """:func:`pieces` in a fresh process."""
    out = subprocess.run([sys.executable, __file__, "--worker", str(code), str(folder)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--reports", type=int, default=100)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--against", metavar="REV", help="time the package at this git revision too, alternating")
    p.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        print(json.dumps(pieces(Path(args.worker[0]), Path(args.worker[1]))))
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder, this, other = Path(tmp) / "project", Path(tmp) / "this", Path(tmp) / "other"
        for made in (folder, this, other):
            made.mkdir()
        corpus.project(folder, args.reports)
        corpus.build(folder)
        shutil.copytree(ROOT / "reportgraph", this / "reportgraph", ignore=shutil.ignore_patterns("__pycache__"))
        codes = {"this checkout": this,   # as it is now: an edit while this runs changes nothing
                 **({args.against: package_at(args.against, other)} if args.against else {})}
        folders = {name: Path(tmp) / f"project-{i}" for i, name in enumerate(codes)}
        for name, code in codes.items():   # each package its own copy, its caches those of its own rebuild
            shutil.copytree(folder, folders[name])
            run(code, folders[name])
        runs = {name: [] for name in codes}
        for _ in range(args.runs):
            for name, code in codes.items():
                runs[name].append(run(code, folders[name]))
    names = list(runs)
    print(f"{args.reports} reports, each piece alone in a fresh process, median of {args.runs} (s):")
    print(f"  {'piece':<26}" + "".join(f"{n[:14]:>16}" for n in names) + ("       ratio" if len(names) > 1 else ""))
    medians = {n: {k: statistics.median(r[k] for r in runs[n]) for k in runs[n][0]} for n in names}
    for piece in medians[names[0]]:
        values = [medians[n].get(piece) for n in names]
        ratio = f"{values[0] / values[1]:12.2f}" if len(names) > 1 and values[1] else ""
        print(f"  {piece:<26}" + "".join(f"{v:16.2f}" if v is not None else f"{'-':>16}" for v in values) + ratio)
    totals = [sum(medians[n].values()) for n in names]
    print(f"  {'all pieces':<26}" + "".join(f"{t:16.2f}" for t in totals)
          + (f"{totals[0] / totals[1]:12.2f}" if len(names) > 1 else ""))


if __name__ == "__main__":
    main()
