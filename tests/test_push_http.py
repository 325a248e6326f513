"""python build_graph.py push against tiny HTTP servers started here (127.0.0.1, port 0):
redirects, timeouts, refused connections, HTTP errors, bad URLs, stores that store nothing or
cannot be asked. Every error is one line on stderr with exit 1, never a traceback."""

import json
import re
import socket
import subprocess
import threading
import time
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers import ROOT, cli
from reportgraph.push import BATCH_BYTES, BATCH_TRIPLES, MAX_HOPS, default_graph

GRAPH = default_graph()
SEED = (ROOT / "graph" / "knowledge_graph.nt").read_text(encoding="utf-8").count("\n")   # triples of the committed graph


class Store:
    """A fake SPARQL 1.1 store: Graph Store PUT and GET at ``…/gsp``, SPARQL Update (POST) and
    COUNT queries (GET ?query=) at ``…/sparql``, under any path prefix.

    ``redirects`` maps a path to (status, Location); with ``keeps`` False it accepts every
    write and stores nothing; with ``reads`` False it answers 404 to queries and reads;
    ``fails`` is (status, body) answered to every write."""

    def __init__(self):
        self.graphs, self.log, self.inserts, self.redirects = {}, [], [], {}
        self.keeps, self.reads, self.fails, self.turtle = True, True, None, False
        self.url = None

    def handle(self, h):
        url = urllib.parse.urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        self.log.append((h.command, url.path, body))
        params = dict(urllib.parse.parse_qsl(url.query))
        if url.path in self.redirects:
            status, location = self.redirects[url.path]
            if location.startswith("/") and url.query:   # a path on this server keeps the query
                location += "?" + url.query
            return status, b"", {"Location": location}
        if h.command in ("PUT", "POST") and self.fails:
            return self.fails[0], self.fails[1], {"Content-Type": "text/html"}
        if h.command == "PUT" and url.path.endswith("/gsp"):
            if self.keeps:
                self.graphs[params["graph"]] = {t for t in body.decode().split("\n") if t.strip()}
            return 201, b"", {}
        if h.command == "POST" and url.path.endswith("/sparql"):
            text = body.decode()
            if h.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
                text = urllib.parse.parse_qs(text)["update"][0]
            if m := re.fullmatch(r"DROP SILENT GRAPH <([^>]*)>", text):
                if self.keeps:
                    self.graphs.pop(m[1], None)
                return 204, b"", {}
            if m := re.fullmatch(r"INSERT DATA \{ GRAPH <([^>]*)> \{\n(.*)\n\} \}", text, re.S):
                triples = m[2].split("\n")
                self.inserts.append((len(triples), len(m[2].encode()) + 1))
                if self.keeps:
                    self.graphs.setdefault(m[1], set()).update(triples)
                return 204, b"", {}
            return 400, b"not an update this store knows", {}
        if h.command == "GET" and not params:   # a home page (what urllib's redirect of a POST found)
            return 200, b"<html>a store</html>", {"Content-Type": "text/html"}
        if h.command == "GET" and self.reads and "query" in params and url.path.endswith("/sparql"):
            n = len(self.graphs.get(re.search(r"GRAPH <([^>]*)>", params["query"])[1], ()))
            answer = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {
                "type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": str(n)}}]}}
            return 200, json.dumps(answer).encode(), {"Content-Type": "application/sparql-results+json"}
        if h.command == "GET" and self.reads and "graph" in params and url.path.endswith("/gsp"):
            body = "".join(t + "\n" for t in self.graphs.get(params["graph"], ()))
            if self.turtle:   # a store that ignores Accept
                from rdflib import Graph

                return 200, Graph().parse(data=body, format="nt").serialize(format="turtle").encode(), \
                    {"Content-Type": "text/turtle; charset=utf-8"}
            return 200, body.encode(), {"Content-Type": "application/n-triples"}
        return 404, b"not found", {}

    def paths(self):
        return [(method, path) for method, path, _ in self.log]


@contextmanager
def serving(store):
    class Handler(BaseHTTPRequestHandler):
        def answer(self):
            status, body, headers = store.handle(self)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_POST = answer

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def store():
    s = Store()
    with serving(s) as url:
        s.url = url
        yield s


def endpoint(store, protocol, prefix=""):
    return f"{store.url}{prefix}/{'gsp' if protocol == 'gsp' else 'sparql'}"


@pytest.fixture
def push(capsys):
    """``python build_graph.py [--root ROOT] push ARGS`` run in this process (fast); returns a
    CompletedProcess. The bad-URL tests run the real command line in a new process."""
    from reportgraph.cli import main

    def run(*args, root=ROOT):
        try:
            code = main(["--root", str(root), "push", *args])
        except SystemExit as e:   # argparse: a usage error
            code = e.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)
    return run


def failed(result):
    """The one line of a failed push (exit 1, no traceback)."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and not result.stdout, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


PROTOCOLS = ["gsp", "update"]


@pytest.mark.parametrize("protocol, status", [("update", 302), ("gsp", 307)])
def test_a_redirect_is_an_error_naming_the_new_location(store, push, protocol, status):
    moved, target = endpoint(store, protocol, "/old"), endpoint(store, protocol, "/new")
    store.redirects[urllib.parse.urlsplit(moved).path] = (status, "/new/" + moved.rsplit("/", 1)[1])
    error = failed(push(moved, "--protocol", protocol))
    assert f"HTTP {status} redirect to {target}" in error and "--follow" in error
    assert all(path.startswith("/old/") for _, path in store.paths())   # nothing went to /new
    assert len(store.log) == 1 and not store.graphs


@pytest.mark.parametrize("protocol, status", [("gsp", 301), ("gsp", 307), ("update", 302), ("update", 303),
                                              ("update", 308)])
def test_follow_resends_the_same_method_and_body_to_the_new_location(store, push, protocol, status):
    moved = endpoint(store, protocol, "/old")
    store.redirects[urllib.parse.urlsplit(moved).path] = (status, "/new/" + moved.rsplit("/", 1)[1])
    result = push(moved, "--protocol", protocol, "--follow")
    assert result.returncode == 0, result.stderr
    assert f"pushed {SEED} triples" in result.stdout and f"holds {SEED} triples" in result.stdout
    assert len(store.graphs[GRAPH]) == SEED
    method = "PUT" if protocol == "gsp" else "POST"
    writes = [(m, path, body) for m, path, body in store.log if m != "GET"]
    assert {path.split("/")[1] for _, path, _ in writes} == {"old", "new"}
    for (m1, p1, b1), (m2, p2, b2) in zip(writes[::2], writes[1::2]):   # each write, then its repeat
        assert (m1, m2, p1.split("/")[1], p2.split("/")[1]) == (method, method, "old", "new")
        assert b1 == b2 and b1


@pytest.mark.parametrize("location, message", [
    ("/loop/sparql", f"more than {MAX_HOPS} redirects"),
    ("file:///etc/passwd", "not an http(s) redirect location"),
])
def test_follow_stops_at_a_loop_or_a_location_that_is_not_http(store, push, location, message):
    store.redirects["/loop/sparql"] = (307, location)
    error = failed(push(store.url + "/loop/sparql", "--protocol", "update", "--follow"))
    assert message in error
    assert len(store.log) == (MAX_HOPS + 1 if location.startswith("/") else 1)


@pytest.mark.parametrize("url", ["not-a-url", "file:///etc/passwd", "ftp://127.0.0.1/x", "http://",
                                 "localhost:8890/sparql", "http://127.0.0.1:99999/sparql"])
def test_only_http_urls_are_accepted(url):
    error = failed(cli(ROOT, "push", url, "--protocol", "update"))
    assert re.match(r"error: \S+: not (an http\(s\)|a valid) URL", error)


def test_a_login_in_the_url_is_refused_without_echoing_it(push):
    error = failed(push( "http://dba:s3cret@127.0.0.1:9/sparql"))
    assert "--user" in error and "s3cret" not in error


def test_a_graph_iri_that_would_break_the_update_is_refused(store, push):
    error = failed(push( endpoint(store, "update"), "--protocol", "update",
                       "--named-graph", "http://x/g> } } ; DROP ALL ; INSERT DATA { GRAPH <http://x/h"))
    assert "not an absolute IRI" in error and not store.log


@contextmanager
def silent():
    """A server that accepts connections (the kernel's backlog does) and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        yield f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_server_that_never_answers_is_an_error_after_the_timeout(protocol):
    with silent() as url:
        start = time.monotonic()
        error = failed(cli(ROOT, "push", url + "/sparql", "--protocol", protocol, "--timeout", "0.5"))
        took = time.monotonic() - start
    assert re.fullmatch(r"error: (PUT|POST) http://127\.0\.0\.1:\d+/sparql: no answer within 0\.5 s \(--timeout\)",
                        error)
    assert took < 10


@pytest.mark.parametrize("seconds", ["0", "-1", "inf", "nan"])
def test_a_timeout_that_is_not_a_positive_number_of_seconds_is_refused(store, push, seconds):
    error = failed(push(endpoint(store, "gsp"), "--timeout", seconds))
    assert error == f"error: timeout {seconds}: give a positive, finite number of seconds" and not store.log


def test_the_default_timeout_is_60_seconds():
    from reportgraph.cliargs import parser

    assert parser().parse_args(["push", "http://127.0.0.1/sparql"]).timeout == 60


def test_a_refused_connection_is_one_line(push):
    with socket.socket() as s:   # a port that was free a moment ago, now closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    error = failed(push(f"http://127.0.0.1:{port}/gsp"))
    assert error == f"error: PUT http://127.0.0.1:{port}/gsp: connection refused"


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_an_http_error_is_one_line_with_status_and_a_short_body(store, push, protocol):
    page = "<html>\n<head><title>Error</title></head>\n<body>\n<h1>Internal failure</h1>\n" \
           + "<p>stack\ntrace\nline</p>\n" * 400 + "</body>\n</html>\n"
    store.fails = (500, page.encode())
    error = failed(push(endpoint(store, protocol), "--protocol", protocol))
    method = "PUT" if protocol == "gsp" else "POST"
    assert re.match(rf"error: {method} http://127\.0\.0\.1:\d+/\w+: HTTP 500 Internal Server Error: "
                    r"Error Internal failure stack trace line", error)
    assert "<" not in error and len(error) < 500


@pytest.mark.parametrize("protocol, options", [("gsp", []), ("gsp", ["--query-url", "/sparql"]), ("update", [])])
def test_a_store_that_stores_nothing_fails_the_push(store, push, protocol, options):
    store.keeps = False
    options = [store.url + o if o.startswith("/") else o for o in options]
    error = failed(push(endpoint(store, protocol), "--protocol", protocol, *options))
    assert re.fullmatch(rf"error: the store holds 0 triples in <{GRAPH}> after the push, but {SEED} were sent "
                        r"\((counted at|read back from) http://127\.0\.0\.1:\d+/\w+\)", error)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_store_that_cannot_be_asked_says_not_verified(store, push, protocol):
    store.reads = False
    result = push(endpoint(store, protocol), "--protocol", protocol)
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert result.stdout.startswith(f"sent {SEED} triples to graph <{GRAPH}>")
    assert "but not verified: GET " in result.stdout and "HTTP 404" in result.stdout
    assert "--query-url" in result.stdout and "pushed" not in result.stdout
    assert len(result.stdout.splitlines()) == 1


def test_gsp_reads_back_a_graph_in_turtle_too(store, push):
    store.turtle = True
    result = push(endpoint(store, "gsp"))
    assert result.returncode == 0, result.stderr
    assert f"the store holds {SEED} triples in the graph (read back from {endpoint(store, 'gsp')})" in result.stdout


def test_a_query_url_that_cannot_be_asked_is_an_error(store, push):
    store.reads = False
    error = failed(push(endpoint(store, "gsp"), "--query-url", store.url + "/sparql"))
    assert re.fullmatch(r"error: GET http://127\.0\.0\.1:\d+/sparql: HTTP 404 Not Found: not found", error)


def test_update_batches_are_small_and_cut_only_between_triples(store, push, tmp_path):
    base = "https://reportgraph.example/id/"
    lines = [f'<{base}s/{i}> <http://www.w3.org/2004/02/skos/core#prefLabel> "百色市铝产业协会{i}"@zh .'
             for i in range(2 * BATCH_TRIPLES + 345)]
    # literals that str.splitlines() would cut: U+2028, NEL, form feed (rdflib writes them raw)
    lines += [f'<{base}text/{i}> <{base}ontology#text> "第一段\u2028第二段\x85第三段\x0c第四段{i}" .' for i in range(3)]
    # triples longer than a batch's byte budget go one by one
    lines += [f'<{base}report/{i}> <{base}ontology#text> "{"铝" * (BATCH_BYTES // 2)}{i}" .' for i in range(3)]
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "knowledge_graph.nt").write_text("\n".join(lines + lines[:10]) + "\n", encoding="utf-8")
    result = push(endpoint(store, "update"), "--protocol", "update", root=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"pushed {len(lines)} triples" in result.stdout   # duplicates counted once
    assert store.graphs[GRAPH] == set(lines)
    assert all(n <= BATCH_TRIPLES and (size <= BATCH_BYTES or n == 1) for n, size in store.inserts)
    assert len(store.inserts) >= 5
