"""A read-only SPARQL 1.1 Protocol endpoint over the built graph: ``python build_graph.py serve``.

- ``GET /sparql?query=…`` and ``POST /sparql`` (``application/sparql-query``, or a form
  with ``query=``); results by content negotiation (``Accept``) or ``format=``: SPARQL
  JSON (the default), XML, CSV and TSV for SELECT and ASK; Turtle (the default),
  JSON-LD and N-Triples for CONSTRUCT and DESCRIBE;
- ``GET /``: a query page that works offline, with the named questions one click away;
- read-only: SPARQL Update (``update=``, ``application/sparql-update``, or an update sent
  as a query) is refused with 403 and the reason;
- a malformed query gets 400 with the parser's message; a query that runs past the time
  limit is stopped (its worker process is killed and replaced) and gets 503; a result
  with more rows than the cap gets 400 asking for a LIMIT. The server keeps serving.

Queries run in a small pool of worker processes, each with its own copy of the store,
so that a runaway query can be stopped: a Python thread cannot be.
"""

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import sparql

ALIASES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml",
           "application/x-turtle": "turtle", "application/json+ld": "jsonld", "text/plain": "nt",
           "json-ld": "jsonld", "ttl": "turtle", "n3": "turtle", "n-triples": "nt", "ntriples": "nt"}


def accepted(header, fmt=None):
    """Media types the client accepts, best first (q-values honoured), from ``Accept`` or ``format=``.

    >>> accepted("text/csv;q=0.5, application/sparql-results+xml")
    ['application/sparql-results+xml', 'text/csv']
    """
    if fmt:
        return [fmt]
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media.lower()))
    return [m for *_, m in sorted(ranked)]


def negotiate(kind, preferences):
    """``(format key, media type)`` for an answer of ``kind`` given the client's preferences.

    >>> negotiate("SELECT", ["text/turtle", "text/csv"]), negotiate("CONSTRUCT", ["*/*"])
    (('csv', 'text/csv'), ('turtle', 'text/turtle'))
    """
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    formats = sparql.GRAPH_FORMATS if graph else sparql.RESULT_FORMATS
    by_media = {media: key for key, (_, media) in formats.items()}
    for media in preferences:
        key = by_media.get(media) or ALIASES.get(media, media)
        if key in formats:
            return key, formats[key][1]
    key = "turtle" if graph else "json"
    return key, formats[key][1]


READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused. The graph is built from the "
             "reports' facts (python build_graph.py); to load it into a writable store use "
             "python build_graph.py push URL")


# --- workers --------------------------------------------------------------------------------

def _worker(conn, root, spec, reason, max_rows):
    """A worker process: answer (query, preferences) requests until the pipe closes."""
    store = sparql.open_store(root, spec, reason, read_only=True)
    while True:
        try:
            text, preferences = conn.recv()
        except EOFError:
            return
        try:
            answer = store.query(text, max_rows)
            if answer.kind == "SELECT" and len(answer.result.bindings) > max_rows:
                reply = (400, "text/plain; charset=utf-8",
                         f"the result has more than this endpoint's cap of {max_rows} rows: "
                         f"add a LIMIT".encode())
            else:
                key, media = negotiate(answer.kind, preferences)
                charset = "" if key == "jsonld" else "; charset=utf-8"
                reply = (200, media + charset, answer.serialise(key))
        except sparql.UpdateRefused:
            reply = (403, "text/plain; charset=utf-8", READ_ONLY.encode())
        except sparql.QueryError as e:
            reply = (400, "text/plain; charset=utf-8", f"malformed query: {e}".encode())
        except Exception as e:   # the worker must outlive any one query
            reply = (500, "text/plain; charset=utf-8", f"{type(e).__name__}: {e}".encode())
        conn.send(reply)


@dataclass
class _Worker:
    process: object
    conn: object


class Pool:
    """Worker processes holding the store; a query that overruns has its worker replaced."""

    def __init__(self, root, spec, reason, size, timeout, max_rows):
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.args = (str(root), spec, reason, max_rows)
        self.timeout = timeout
        self.idle = queue.Queue()
        self.workers = []
        self.lock = threading.Lock()
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self):
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(theirs, *self.args), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        with self.lock:
            self.workers.append(worker)
        return worker

    def _retire(self, worker):
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        with self.lock:
            self.workers.remove(worker)

    def run(self, text, preferences):
        """``(status, content type, body)`` of a query."""
        try:
            worker = self.idle.get(timeout=self.timeout * 4)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"all query workers are busy; try again"
        try:
            worker.conn.send((text, preferences))
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self.idle.put(worker)
                return reply
            message = f"the query ran past this endpoint's time limit of {self.timeout:g} s and was stopped"
            status = 503
        except (EOFError, OSError, BrokenPipeError) as e:
            message, status = f"the query worker failed ({type(e).__name__}); it has been replaced", 500
        self._retire(worker)
        self.idle.put(self._start())
        return status, "text/plain; charset=utf-8", message.encode()

    def close(self):
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            worker.process.kill()
            worker.process.join()


# --- HTTP ---------------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    server_version = "reportgraph-sparql/1"
    pool = None          # set by serve()
    page = b""

    def log_message(self, fmt, *args):   # quiet by default; errors still reach stderr
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status, message):
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def do_GET(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            return self._send(200, "text/html; charset=utf-8", self.page)
        if url.path != "/sparql":
            return self._text(404, f"no such page: {url.path}; the endpoint is /sparql")
        if "update" in params:
            return self._refuse_update()
        if "query" not in params:
            return self._text(400, "give a query: /sparql?query=SELECT … (SPARQL 1.1 Protocol)")
        self._answer(params["query"][0], params)

    do_HEAD = do_GET

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._text(404, f"no such page: {url.path}; the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            return self._text(413, "the request is larger than 1 MB")
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            return self._refuse_update()
        if media == "application/sparql-query":
            return self._answer(body, params)
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self._refuse_update()
            if "query" in form:
                return self._answer(form["query"][0], {**params, **form})
            return self._text(400, "the form has no query= field")
        return self._text(415, "send application/sparql-query, or a form with query=")

    def do_PUT(self):
        self._refuse_update()

    do_DELETE = do_PATCH = do_PUT

    def _refuse_update(self):
        self._text(403, READ_ONLY)

    def _answer(self, text, params):
        fmt = (params.get("format") or params.get("output") or [None])[0]   # as SPARQLWrapper sends
        if fmt:
            fmt = ALIASES.get(fmt, fmt)
        preferences = accepted(self.headers.get("Accept"), fmt)
        self._send(*self.pool.run(text, preferences))


def query_page(root):
    """The offline query page: a form, the named questions, and a script that shows the answers."""
    from .explorer import ASSETS, with_policy
    from jinja2 import Environment, FileSystemLoader

    named = [{"name": q.name, "en": q.en, "zh": q.zh, "text": q.text}
             for q in sparql.questions(root).values()]
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=True)
    page = env.get_template("endpoint.html").render(
        questions=named, script=(ASSETS / "endpoint.js").read_text("utf-8"))
    return with_policy(page).encode("utf-8")


def serve(root=".", host="127.0.0.1", port=7878, spec="rdflib", reason=False, workers=2,
          timeout=10.0, max_rows=10000, ready=None):
    """Serve until interrupted. ``ready(url)`` is called once the socket listens."""
    sparql.prepare(root, spec)   # load an on-disk store once, before the workers open it read-only
    pool = Pool(root, spec, reason, workers, timeout, max_rows)
    handler = type("BoundHandler", (Handler,), {"pool": pool, "page": query_page(root)})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    url = f"http://{server.server_address[0]}:{server.server_address[1]}"
    try:
        if ready:
            ready(url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
