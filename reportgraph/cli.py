"""The command line: ``python build_graph.py [build|validate] …``.

A thin layer over :mod:`reportgraph.build`; each command imports only what it needs.
"""

import argparse
import sys

from .vocab import DEFAULT_BASE


def _parser():
    p = argparse.ArgumentParser(
        prog="build_graph.py",
        description="Build, validate and explore the reportgraph knowledge graph.")
    p.add_argument("--root", default=".", help="project folder (registry/, reports/, ontology.ttl …)")
    p.add_argument("--base", default=DEFAULT_BASE, help=f"base of data IRIs (default {DEFAULT_BASE})")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="load, validate and write graph/ (the default command)")
    b.add_argument("--out", default="graph", help="output folder, relative to --root (default graph)")
    sub.add_parser("validate", help="load and validate without writing anything")
    return p


def main(argv=None):
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    command = args.command or "build"
    from .build import ValidationFailed, run, summary
    from .load import LoadError

    try:
        result = run(args.root, out=getattr(args, "out", "graph"), write=command == "build",
                     base=args.base)
    except LoadError as e:
        print(f"error: the input has {len(e.errors)} problem(s); nothing was written", file=sys.stderr)
        for err in e.errors:
            print(err, file=sys.stderr)
        return 1
    except ValidationFailed as e:
        print("error: the graph does not conform to shapes.ttl; nothing was written", file=sys.stderr)
        for f in e.findings:
            print(f"  {f}", file=sys.stderr)
        return 1
    print(summary(result))
    return 0
