"""The command line: ``python build_graph.py [build|validate|query|serve|push|explain|analyse|notebooks|screenshot] …``.

A thin layer over the package (build, sparql, serve, push, browser); each command
imports only what it needs, so that ``query`` starts without pySHACL, networkx or pyvis.
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
    q = sub.add_parser("query", help="run a SPARQL query (a named question, a .rq file or text) on graph/")
    q.add_argument("query", nargs="?", help="a name from --list, a .rq file, or 'SELECT …'")
    q.add_argument("--list", action="store_true", help="list the named questions with their text")
    q.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json", "xml", "turtle", "jsonld", "nt"],
                   help="table (aligned, zh labels; the default), SPARQL csv/tsv/json/xml; "
                        "CONSTRUCT/DESCRIBE print turtle (or jsonld, nt)")
    q.add_argument("--lang", default="zh", help="language of the labels in a table (default zh)")
    q.add_argument("--iris", action="store_true", help="show IRIs (as CURIEs) in a table, not labels")
    _store_options(q)
    q.set_defaults(handler=_query)
    v = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint over graph/ (and a query page at /)")
    v.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    v.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    v.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    v.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    v.add_argument("--max-rows", type=int, default=10000, help="largest SELECT result served (default 10000)")
    _store_options(v)
    v.set_defaults(handler=_serve)
    u = sub.add_parser("push", help="replace the project's named graph in a SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB …)")
    u.add_argument("url", help="the store's Graph Store endpoint (gsp) or SPARQL Update endpoint (update)")
    u.add_argument("--protocol", choices=["gsp", "update"], default="gsp",
                   help="gsp: HTTP PUT of the graph (default); update: DROP GRAPH + INSERT DATA")
    u.add_argument("--graph", help="named graph IRI (default <base>graph)")
    u.add_argument("--user", help="login, if the store asks (password from REPORTGRAPH_PASSWORD)")
    u.set_defaults(handler=_push)
    e = sub.add_parser("explain", help="how are two entities linked? every shortest path, each hop with its quote")
    e.add_argument("a", help="an entity: id, zh or en name, or alias (南海铝协, MIIT …)")
    e.add_argument("b", help="the other entity")
    e.add_argument("--exclude", action="append", default=[], metavar="TYPE",
                   help="leave out a relation (schema:location) or entity category (place); repeatable")
    e.add_argument("-k", type=int, help="list the k shortest simple paths instead")
    e.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the sentences (default zh)")
    e.add_argument("--format", choices=["text", "json"], default="text")
    e.set_defaults(handler=_explain)
    a = sub.add_parser("analyse", help="centrality, brokers and communities of the linkage graph")
    a.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    a.add_argument("--top", type=int, default=10, help="entities listed per measure (default 10)")
    a.set_defaults(handler=_analyse)
    n = sub.add_parser("notebooks", help="run notebooks/*.ipynb top to bottom and save them with their outputs")
    n.add_argument("--check", action="store_true", help="only check that the committed outputs are current")
    n.set_defaults(handler=_notebooks)
    s = sub.add_parser("screenshot", help="save a PNG of the explorer page as headless Chromium draws it")
    s.add_argument("--html", default="graph/knowledge_graph.html", help="the page, relative to --root")
    s.add_argument("--out", default="docs/explorer.png", help="the PNG, relative to --root")
    s.add_argument("--width", type=int, default=1600)
    s.add_argument("--height", type=int, default=1000)
    s.add_argument("--focus", metavar="NAME", help="search for NAME first and show its facts (南海铝协, MIIT …)")
    s.set_defaults(handler=_screenshot)
    return p


def _store_options(p):
    p.add_argument("--store", default="rdflib", metavar="rdflib|oxigraph:PATH",
                   help="rdflib in memory (default), or an Oxigraph store on disk at PATH (relative to --root)")
    p.add_argument("--reason", action="store_true",
                   help="answer over the OWL-RL closure of the graph with ontology.ttl (owlrl)")


def _query(args):
    from . import sparql

    if args.list:
        for q in sparql.questions(args.root).values():
            print(f"{q.name}\n    {q.en}\n    {q.zh}")
        return 0
    if not args.query:
        print("error: give a query (a name, a .rq file or SPARQL text), or --list", file=sys.stderr)
        return 2
    name = args.query if len(args.query) < 60 else "query"
    try:
        name, text = sparql.resolve(args.root, args.query)
        store = sparql.open_store(args.root, args.store, args.reason)
        answer = store.query(text)
    except (sparql.QueryError, sparql.StoreError) as e:
        print(f"error: {name}: {e}", file=sys.stderr)
        return 1
    graph_result = answer.kind in ("CONSTRUCT", "DESCRIBE")
    fmt = args.format
    if graph_result and fmt not in sparql.GRAPH_FORMATS:
        fmt = "turtle"
    if fmt == "table":
        print(sparql.table(answer, store, args.lang, args.iris))
        return 0
    if not graph_result and fmt not in sparql.RESULT_FORMATS:
        print(f"error: --format {fmt} is for CONSTRUCT and DESCRIBE results", file=sys.stderr)
        return 2
    sys.stdout.flush()
    sys.stdout.buffer.write(answer.serialise(fmt))
    return 0


def _serve(args):
    from . import sparql
    from .serve import serve

    def ready(url):
        print(f"serving {url}/sparql (SPARQL 1.1, read-only; query page at {url}/) "
              f"from store {args.store}{' with OWL-RL reasoning' if args.reason else ''}; "
              f"Ctrl-C stops", flush=True)

    try:
        serve(args.root, args.host, args.port, args.store, args.reason, args.workers, args.timeout,
              args.max_rows, ready)
    except (sparql.StoreError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


def _push(args):
    from .push import PushError, default_graph, push
    from .sparql import StoreError

    graph = args.graph or default_graph(args.base)
    try:
        n = push(args.root, args.url, graph, args.protocol, args.user)
    except (PushError, StoreError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"pushed {n} triples to graph <{graph}> at {args.url} ({args.protocol}); the graph was replaced")
    return 0


def _explain(args):
    import json

    from . import analysis

    try:
        G = analysis.load(args.root)
        ends = [analysis.find(G, name) for name in (args.a, args.b)]
        paths = analysis.explain(G, *ends, args.exclude, args.k)
    except (LookupError, FileNotFoundError) as e:
        print(f"error: {e.args[0] if e.args else e}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(paths, ensure_ascii=False, indent=2))
        return 0
    a, b = (G.nodes[n]["label_" + args.lang] or G.nodes[n]["label_zh"] for n in ends)
    if not paths:
        print(f"{a} and {b} are not linked" + (" without " + ", ".join(args.exclude) if args.exclude else ""))
        return 0
    kind = f"{len(paths)} path(s)" + (f", the {args.k} shortest" if args.k else ", all of the shortest length")
    print(f"{a} → {b}: {kind}")
    for i, path in enumerate(paths, 1):
        print(f"\n{i}. {len(path)} hop(s)")
        for hop in path:
            mark = " [inferred]" if hop["assertion"] == "inferred" else ""
            print(f"   {hop['sentence_' + args.lang]}{mark}\n      “{hop['quote']}” "
                  f"({hop['report']}, chars {hop['start']}–{hop['end']})")
    return 0


def _analyse(args):
    from . import analysis

    try:
        report = analysis.analyse(analysis.load(args.root), args.top)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    out = {"json": analysis.as_json, "markdown": analysis.markdown, "text": analysis.text}[args.format](report)
    print(out, end="")
    return 0


def _notebooks(args):
    from pathlib import Path

    from . import notebooks

    if not args.check:
        for path in notebooks.refresh(args.root):
            print(f"ran and saved {path}")
        return 0
    status = 0
    for path in sorted(Path(args.root, notebooks.NOTEBOOKS).glob("*.ipynb")):
        changed = notebooks.stale(path)
        for cell, _, _ in changed:
            print(f"{path}: cell {cell}: output changed; run python build_graph.py notebooks", file=sys.stderr)
        status = status or (1 if changed else 0)
        if not changed:
            print(f"{path}: outputs current")
    return status


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
    return getattr(args, "handler", _build)(args)


def _build(args):
    """``build`` (the default) and ``validate``."""
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
