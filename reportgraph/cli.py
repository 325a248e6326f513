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
    s = sub.add_parser("screenshot", help="save a PNG of the explorer page as headless Chromium draws it")
    s.add_argument("--html", default="graph/knowledge_graph.html", help="the page, relative to --root")
    s.add_argument("--out", default="docs/explorer.png", help="the PNG, relative to --root")
    s.add_argument("--width", type=int, default=1600)
    s.add_argument("--height", type=int, default=1000)
    s.add_argument("--focus", metavar="NAME", help="search for NAME first and show its facts (南海铝协, MIIT …)")
    return p


def _screenshot(args):
    from pathlib import Path

    from .browser import BrowserMissing, screenshot

    html, png = Path(args.root, args.html), Path(args.root, args.out)
    if not html.exists():
        print(f"error: {html}: no such page; run python build_graph.py first", file=sys.stderr)
        return 1
    png.parent.mkdir(parents=True, exist_ok=True)
    try:
        ms = screenshot(html, png, args.width, args.height, args.focus)
    except BrowserMissing as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {png} ({args.width}×{args.height}; first drawn {ms:.0f} ms after navigation)")
    return 0


def main(argv=None):
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):   # an ASCII terminal gets \u escapes, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    command = args.command or "build"
    if command == "screenshot":
        return _screenshot(args)
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
