"""The command line: ``python build_graph.py [build|validate|query|serve|push|reports|explain|analyse|notebooks|screenshot] …``.

A thin layer over the package (build, queries, sparql, serve, push, reports, analysis, browser); each
command imports only what it needs, so that ``query`` starts without pySHACL, networkx or pyvis.
Every command that reads the built graph takes ``--graph DIR`` and reads it through one
:class:`~reportgraph.paths.Paths`; a folder without it is one error, said in one place (:func:`main`).

Every error is one line on stderr, ``error: …``, with exit status 1 (2 for a usage
error); never a traceback.
"""

import argparse
import os
import sys

from .paths import GRAPH, HTML, GraphMissing, Paths
from .vocab import DEFAULT_BASE


class _Parser(argparse.ArgumentParser):
    """argparse, telling a usage error in one line (exit status 2); subcommands' parsers too."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {_one_line(message)} (see {self.prog} --help)\n")


def _positive(text):
    """An argparse type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return value


def _seconds(text):
    """An argparse type: a finite number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text!r}")
    return value


def _one_line(text):
    """``text`` with its lines joined, for a one-line error message."""
    return " ".join(line.strip() for line in str(text).splitlines() if line.strip())


def _error(message):
    """Print ``error: message`` as one line on stderr; returns 1, the exit status."""
    print(f"error: {_one_line(message)}", file=sys.stderr)
    return 1


def _parser():
    p = _Parser(
        prog="build_graph.py",
        description="Build, validate and explore the reportgraph knowledge graph.")
    p.add_argument("--root", default=".", help="project folder (registry/, reports/, ontology.ttl …)")
    p.add_argument("--base", default=DEFAULT_BASE, help=f"base of data IRIs (default {DEFAULT_BASE})")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help=f"load, validate and write {GRAPH}/ (the default command)")
    b.add_argument("--out", default=GRAPH, help=f"output folder, relative to --root (default {GRAPH})")
    sub.add_parser("validate", help="load and validate without writing anything")
    for add in (_add_query, _add_serve, _add_push, _add_reports, _add_explain, _add_analyse, _add_notebooks,
                _add_screenshot):
        add(sub)
    return p


def _add_query(sub):
    q = sub.add_parser("query", help=f"run a SPARQL query (a named question, a .rq file or text) on {GRAPH}/")
    q.add_argument("query", nargs="?", help="a name from --list, a .rq file, or 'SELECT …'")
    q.add_argument("--list", action="store_true", help="list the named questions with their text")
    q.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json", "xml", "turtle", "jsonld", "nt"],
                   help="table (aligned, zh labels; the default), SPARQL csv/tsv/json/xml; "
                        "CONSTRUCT/DESCRIBE print turtle (or jsonld, nt)")
    q.add_argument("--lang", default="zh", help="language of the labels in a table (default zh)")
    q.add_argument("--iris", action="store_true", help="show IRIs (as CURIEs) in a table, not labels")
    _store_options(q)
    _graph_option(q)
    q.set_defaults(handler=_query)


def _add_serve(sub):
    v = sub.add_parser("serve", help=f"a read-only SPARQL 1.1 endpoint over {GRAPH}/ (and a query page at /)")
    v.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    v.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    v.add_argument("--workers", type=_positive, default=2, help="query worker processes (default 2)")
    v.add_argument("--timeout", type=_seconds, default=10.0, help="seconds a query may run (default 10)")
    v.add_argument("--max-rows", type=_positive, default=10000, help="largest SELECT result served (default 10000)")
    v.add_argument("--max-memory", default="1G", metavar="SIZE",
                   help="memory cap of each query worker (default 1G; 512M …; 0: none); a query over it gets 503")
    v.add_argument("--receive-timeout", type=float, default=5.0, metavar="S",
                   help="seconds a client has to send its whole request (default 5); slower ones get 408")
    v.add_argument("--allow-service", action="store_true",
                   help="let SERVICE through (refused by default: the server would fetch the IRI a query names)")
    v.add_argument("--cors", metavar="ORIGIN",
                   help="let pages from ORIGIN (https://example.org) read the answers (default: no CORS header)")
    _store_options(v)
    _graph_option(v)
    v.set_defaults(handler=_serve)


def _add_push(sub):
    u = sub.add_parser("push", help="replace the project's named graph in a SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB …)")
    u.add_argument("url", help="the store's Graph Store endpoint (gsp) or SPARQL Update endpoint (update)")
    u.add_argument("--protocol", choices=["gsp", "update"], default="gsp",
                   help="gsp: HTTP PUT of the graph (default); update: DROP GRAPH + INSERT DATA")
    u.add_argument("--named-graph", metavar="IRI", help="named graph IRI in the store (default <base>graph)")
    u.add_argument("--user", help="login, if the store asks (password from REPORTGRAPH_PASSWORD)")
    u.add_argument("--query-url", metavar="URL",
                   help="the store's SPARQL query endpoint, where the pushed graph is counted "
                        "(default: URL for update; for gsp, the graph is read back with GET URL?graph=)")
    u.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="seconds to connect, and to wait for each answer (default 60)")
    u.add_argument("--follow", action="store_true",
                   help="follow redirects (at most 5), sending the same method and body; "
                        "without it a redirect is an error naming the new location")
    _graph_option(u)
    u.set_defaults(handler=_push)


def _add_explain(sub):
    e = sub.add_parser("explain", help="how are two entities linked? every shortest path, each hop with its quote")
    e.add_argument("a", help="an entity: id, zh or en name, or alias (南海铝协, MIIT …)")
    e.add_argument("b", help="the other entity")
    e.add_argument("--exclude", action="append", default=[], metavar="TYPE",
                   help="leave out a relation (schema:location) or entity category (place); repeatable")
    e.add_argument("-k", type=_positive, help="list the k shortest simple paths instead")
    e.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the sentences (default zh)")
    e.add_argument("--format", choices=["text", "json"], default="text")
    _graph_option(e)
    e.set_defaults(handler=_explain)


def _add_reports(sub):
    r = sub.add_parser("reports", help="every report: title, date, source, facts, entities, reports sharing them")
    r.add_argument("--format", choices=["table", "json"], default="table")
    _graph_option(r)
    r.set_defaults(handler=_reports)


def _add_analyse(sub):
    a = sub.add_parser("analyse", help="centrality, brokers and communities of the linkage graph")
    a.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    a.add_argument("--top", type=_positive, default=10, help="entities listed per measure (default 10)")
    _graph_option(a)
    a.set_defaults(handler=_analyse)


def _add_notebooks(sub):
    n = sub.add_parser("notebooks", help="run notebooks/*.ipynb top to bottom and save them with their outputs")
    n.add_argument("--check", action="store_true", help="only check that the committed outputs are current")
    n.set_defaults(handler=_notebooks)


def _add_screenshot(sub):
    s = sub.add_parser("screenshot", help="save a PNG of the explorer page as headless Chromium draws it")
    s.add_argument("--html", help=f"the page, relative to --root (default: {HTML} of --graph)")
    s.add_argument("--out", default="docs/explorer.png", help="the PNG, relative to --root")
    s.add_argument("--width", type=_positive, default=1600)
    s.add_argument("--height", type=_positive, default=1000)
    s.add_argument("--focus", metavar="NAME", help="search for NAME first and show its facts (南海铝协, MIIT …)")
    _graph_option(s)
    s.set_defaults(handler=_screenshot)


def _graph_option(p):
    """``--graph DIR``, on every command that reads the built graph (``build --out DIR`` writes it)."""
    p.add_argument("--graph", default=GRAPH, metavar="DIR",
                   help=f"the built graph's folder, relative to --root (default {GRAPH}; build --out writes it)")


def _paths(args):
    return Paths(args.root, args.graph)


def _store_options(p):
    p.add_argument("--store", default="rdflib", metavar="rdflib|oxigraph:PATH",
                   help="rdflib in memory (default), or an Oxigraph store on disk at PATH (relative to --root)")
    p.add_argument("--reason", action="store_true",
                   help="answer over the OWL-RL closure of the graph with ontology.ttl (owlrl)")


def _query(args):
    from . import queries, sparql

    if args.list:
        try:
            named = queries.questions(args.root).values()
        except queries.QueryError as e:
            return _error(e)
        for q in named:
            print(f"{q.name}\n    {q.en}\n    {q.zh}")
        return 0
    if not args.query:
        print("error: give a query (a name, a .rq file or SPARQL text), or --list", file=sys.stderr)
        return 2
    name = args.query if len(args.query) < 60 and "\n" not in args.query else "query"
    try:
        name, text = queries.resolve(args.root, args.query)
        store = sparql.open_store(_paths(args), args.store, args.reason)
        answer = store.query(text)
    except (queries.QueryError, sparql.StoreError) as e:
        return _error(f"{name}: {e}")
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
    data = memoryview(answer.serialise(fmt))
    while data:   # a write can be partial (a reader that went away): write the rest, or fail
        data = data[sys.stdout.buffer.write(data):]
    return 0


def _serve(args):
    from . import sparql
    from .serve import serve
    from .workers import parse_size

    def ready(url):
        print(f"serving {url}/sparql (SPARQL 1.1, read-only; query page at {url}/) "
              f"from store {args.store}{' with OWL-RL reasoning' if args.reason else ''}; "
              f"Ctrl-C stops", flush=True)

    try:
        max_memory = parse_size(args.max_memory)
    except ValueError as e:
        print(f"error: --max-memory: {e}", file=sys.stderr)
        return 2
    try:
        serve(_paths(args), args.host, args.port, args.store, args.reason, args.workers, args.timeout,
              args.max_rows, ready, max_memory=max_memory, allow_service=args.allow_service,
              cors=args.cors, receive_timeout=args.receive_timeout)
    except GraphMissing:   # an OSError too, but said by main, as for every command
        raise
    except (sparql.StoreError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


def _push(args):
    from .push import PushError, default_graph, push

    graph = args.named_graph or default_graph(args.base)
    try:
        done = push(_paths(args), args.url, graph, args.protocol, args.user, args.timeout, args.follow,
                    args.query_url)
    except PushError as e:
        print(f"error: {' '.join(str(e).split())}", file=sys.stderr)
        return 1
    what = f"triples to graph <{graph}> at {args.url} ({args.protocol}, {done.requests} request(s))"
    if done.stored is None:
        print(f"sent {done.sent} {what} and the store accepted them, but not verified: {done.unverified}")
    else:
        print(f"pushed {done.sent} {what}; the store holds {done.stored} triples in the graph "
              f"({done.checked})")
    return 0


def _explain(args):
    from . import analysis, analysis_text

    G = analysis.read_network(_paths(args))
    try:
        ends = [analysis.find(G, name) for name in (args.a, args.b)]
        paths = analysis.explain(G, *ends, args.exclude, args.k)
    except LookupError as e:
        return _error(e.args[0] if e.args else e)
    names = [G.nodes[n]["label_" + args.lang] or G.nodes[n]["label_zh"] for n in ends]
    print(analysis_text.explained(paths, names, args.format, args.lang, args.exclude, args.k), end="")
    return 0


def _reports(args):
    from . import reports

    write = reports.as_json if args.format == "json" else reports.as_table
    print(write(reports.summaries(_paths(args))).rstrip("\n"))
    return 0


def _analyse(args):
    from . import analysis, analysis_text

    summary = analysis.analyse(analysis.read_network(_paths(args)), args.top)
    write = {"json": analysis_text.as_json, "markdown": analysis_text.as_markdown, "text": analysis_text.as_text}
    print(write[args.format](summary), end="")
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

    png = Path(args.root, args.out)
    html = Path(args.root, args.html) if args.html else _paths(args).built(HTML)
    if not html.is_file():
        return _error(f"{html}: no such page; run python build_graph.py first")
    try:
        png.parent.mkdir(parents=True, exist_ok=True)
        ms = screenshot(html, png, args.width, args.height, args.focus)
    except (BrowserMissing, RuntimeError) as e:
        return _error(e)
    except OSError as e:
        return _error(f"cannot write {e.filename or png}: {e.strerror or e}")
    print(f"wrote {png} ({args.width}×{args.height}; first drawn {ms:.0f} ms after navigation)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):   # an ASCII terminal gets \u escapes, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        status = getattr(args, "handler", _build)(args)
        sys.stdout.flush()   # here, so that a closed pipe is caught below and not at exit
        return status
    except GraphMissing as e:   # every command that reads the built graph: one message
        return _error(e)
    except BrokenPipeError:
        # The reader went away (``query … | head``): stop quietly, as Python's documentation
        # advises (signal module, "Note on SIGPIPE"): no more output, nothing on stderr.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:   # Ctrl-C: the shell's status for SIGINT, no traceback
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:   # a bug: still one line; REPORTGRAPH_TRACEBACK=1 shows where
        if os.environ.get("REPORTGRAPH_TRACEBACK"):
            raise
        return _error(f"{type(e).__name__}: {e} (unexpected; REPORTGRAPH_TRACEBACK=1 shows where)")


def _build(args):
    """``build`` (the default) and ``validate``."""
    command = args.command or "build"
    from .build import ValidationFailed, run, summary
    from .load import LoadError
    from .output import OutputError

    try:
        result = run(args.root, out=getattr(args, "out", GRAPH), write=command == "build",
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
    except OutputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:   # an input that cannot be read (shapes.ttl, ontology.ttl …)
        return _error(f"{e.filename}: {e.strerror}; nothing was written" if e.filename else e)
    print(summary(result))
    return 0
