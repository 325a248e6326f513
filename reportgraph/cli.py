"""The command line: ``python build_graph.py [build|validate|add|draft|query|serve|push|reports|explain|analyse|notebooks|screenshot] …``.

A thin layer over the package (build, draft, queries, sparql, serve, push, reports, analysis, browser); each
command imports only what it needs, so that ``query`` starts without pySHACL, networkx or pyvis.
Every command that reads the built graph takes ``--graph DIR`` and reads it through one
:class:`~reportgraph.paths.Paths`; a folder without it is one error, said in one place (:func:`main`).

Every error is one line on stderr, ``error: …``, with exit status 1 (2 for a usage
error); never a traceback.
"""

import os
import sys

from .cliargs import parser
from .paths import GRAPH, HTML, GraphMissing, Paths


def _one_line(text):
    """``text`` with its lines joined, for a one-line error message."""
    return " ".join(line.strip() for line in str(text).splitlines() if line.strip())


def _error(message):
    """Print ``error: message`` as one line on stderr; returns 1, the exit status."""
    print(f"error: {_one_line(message)}", file=sys.stderr)
    return 1


def _paths(args):
    return Paths(args.root, args.graph)


def _drafted(args):
    """``(text, draft, registry entities)`` of the report ``args.path``, drafted on ``args.root``'s registry."""
    from . import draftfile

    text = draftfile.read_text(args.path)   # a bad file is told before the tokenizer loads
    entities, units = draftfile.registry(args.root)
    from . import draft

    return text, draft.draft(text, entities, units), entities


def _add(args):
    from .draftfile import DraftError, add
    from .load import LoadError

    try:
        _, drafted, entities = _drafted(args)
        rendered, written = add(args.root, args.path, args.id, drafted, entities, args.title, args.url)
    except (DraftError, LoadError) as e:
        return _error(e)
    for path in written:
        print(f"wrote {path}")
    print(rendered.counts() + "; review every line marked drafted:, then run python build_graph.py "
          "(validate --strict fails until all are reviewed)")
    return 0


def _draft(args):
    import json

    from .draftfile import DraftError, checked, render, report_id
    from .load import LoadError

    try:
        text, drafted, entities = _drafted(args)
        if args.format == "json":
            print(json.dumps(drafted, ensure_ascii=False, indent=2))
            return 0
        rendered = checked(render(drafted, text, args.id or report_id(args.path), entities, args.title, args.url),
                           text, args.root)
    except (DraftError, LoadError) as e:
        return _error(e)
    print(rendered.facts.rstrip("\n"))
    if rendered.registry:
        print(f"---\n# registry/drafts-{rendered.report_id}.yaml\n" + rendered.registry.rstrip("\n"))
    return 0


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
    from . import analysis, analysis_text, lookup

    G = analysis.read_network(_paths(args))
    try:
        ends = [lookup.find(G, name) for name in (args.a, args.b)]
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
    args = parser().parse_args(argv)
    try:
        status = _HANDLERS[getattr(args, "handler", "build")](args)
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
    if getattr(args, "timings", False):
        print("seconds: " + ", ".join(f"{step} {s:.2f}" for step, s in result.seconds.items()))
    if getattr(args, "strict", False) and result.drafts:
        print(f"error: --strict: {len(result.drafts)} drafted line(s) not reviewed", file=sys.stderr)
        for line in result.drafts:
            print(line, file=sys.stderr)
        return 1
    return 0


_HANDLERS = {"build": _build, "add": _add, "draft": _draft, "query": _query, "serve": _serve, "push": _push,
             "explain": _explain, "reports": _reports, "analyse": _analyse, "notebooks": _notebooks,
             "screenshot": _screenshot}
