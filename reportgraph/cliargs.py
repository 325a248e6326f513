"""The command line's arguments: ``python build_graph.py [COMMAND] --help`` says what they are.

Each subcommand's parser names its handler (a function of :mod:`reportgraph.cli`) by name, so
that this module needs nothing but argparse and the defaults it shows.
"""

import argparse

from .paths import GRAPH, HTML
from .vocab import DEFAULT_BASE


class _Parser(argparse.ArgumentParser):
    """argparse, telling a usage error in one line (exit status 2); subcommands' parsers too."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see {self.prog} --help)\n")


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


def parser() -> argparse.ArgumentParser:
    """The command line's parser; each subcommand names its handler in cli (``handler``)."""
    p = _Parser(
        prog="build_graph.py",
        description="Build, validate and explore the reportgraph knowledge graph.")
    p.add_argument("--root", default=".", help="project folder (registry/, reports/, ontology.ttl …)")
    p.add_argument("--base", default=DEFAULT_BASE, help=f"base of data IRIs (default {DEFAULT_BASE})")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help=f"load, validate and write {GRAPH}/ (the default command)")
    b.add_argument("--out", default=GRAPH, help=f"output folder, relative to --root (default {GRAPH})")
    b.add_argument("--timings", action="store_true", help="also print the seconds each step of the build took")
    c = sub.add_parser("validate", help="load and validate without writing anything")
    c.add_argument("--strict", action="store_true",
                   help="also fail while any drafted line (drafted: by python build_graph.py add) is not reviewed")
    for add in (_add_add, _add_draft, _add_query, _add_serve, _add_push, _add_reports, _add_explain, _add_analyse, _add_notebooks,
                _add_screenshot):
        add(sub)
    return p


def _add_add(sub):
    a = sub.add_parser("add", help="add a report: copy its text and write a draft of its facts to review")
    _draft_options(a)
    a.set_defaults(handler="add")


def _add_draft(sub):
    d = sub.add_parser("draft", help="print the draft of a report's facts (what add would write), writing nothing")
    _draft_options(d)
    d.add_argument("--format", choices=["yaml", "json"], default="yaml",
                   help="yaml: the facts file and registry entries add would write (default); json: the draft itself")
    d.set_defaults(handler="draft")


def _draft_options(p):
    p.add_argument("path", help="the report's text, UTF-8 (copied byte for byte)")
    p.add_argument("--id", help="the report's id (default: from the file name)")
    p.add_argument("--title", help="the report's title, if the text's headline is not it")
    p.add_argument("--url", help="where the text was found (https://…)")


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
    q.set_defaults(handler="query")


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
    v.set_defaults(handler="serve")


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
    u.set_defaults(handler="push")


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
    e.set_defaults(handler="explain")


def _add_reports(sub):
    r = sub.add_parser("reports", help="every report: title, date, source, facts, entities, reports sharing them")
    r.add_argument("--format", choices=["table", "json"], default="table")
    _graph_option(r)
    r.set_defaults(handler="reports")


def _add_analyse(sub):
    a = sub.add_parser("analyse", help="centrality, brokers and communities of the linkage graph")
    a.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    a.add_argument("--top", type=_positive, default=10, help="entities listed per measure (default 10)")
    _graph_option(a)
    a.set_defaults(handler="analyse")


def _add_notebooks(sub):
    n = sub.add_parser("notebooks", help="run notebooks/*.ipynb top to bottom and save them with their outputs")
    n.add_argument("--check", action="store_true", help="only check that the committed outputs are current")
    n.set_defaults(handler="notebooks")


def _add_screenshot(sub):
    s = sub.add_parser("screenshot", help="save a PNG of the explorer page as headless Chromium draws it")
    s.add_argument("--html", help=f"the page, relative to --root (default: {HTML} of --graph)")
    s.add_argument("--out", default="docs/explorer.png", help="the PNG, relative to --root")
    s.add_argument("--width", type=_positive, default=1600)
    s.add_argument("--height", type=_positive, default=1000)
    s.add_argument("--focus", metavar="NAME", help="search for NAME first and show its facts (南海铝协, MIIT …)")
    _graph_option(s)
    s.set_defaults(handler="screenshot")


def _graph_option(p):
    """``--graph DIR``, on every command that reads the built graph (``build --out DIR`` writes it)."""
    p.add_argument("--graph", default=GRAPH, metavar="DIR",
                   help=f"the built graph's folder, relative to --root (default {GRAPH}; build --out writes it)")


def _store_options(p):
    p.add_argument("--store", default="rdflib", metavar="rdflib|oxigraph:PATH",
                   help="rdflib in memory (default), or an Oxigraph store on disk at PATH (relative to --root)")
    p.add_argument("--reason", action="store_true",
                   help="answer over the OWL-RL closure of the graph with ontology.ttl (owlrl)")
