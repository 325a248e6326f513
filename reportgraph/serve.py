"""A read-only SPARQL 1.1 Protocol endpoint over the built graph: ``python build_graph.py serve``.

HTTP itself is uvicorn's (h11) with Starlette's routing; what is the project's own is here:

- ``GET /sparql?query=…`` and ``POST /sparql`` (``application/sparql-query``, or a form
  with ``query=``); results by content negotiation (``Accept``) or ``format=``: SPARQL
  JSON (the default), XML, CSV and TSV for SELECT, the same but CSV for ASK; Turtle (the
  default), JSON-LD and N-Triples for CONSTRUCT and DESCRIBE. An answer the client accepts
  in no format it can be given in gets 406;
- ``GET /``: a query page that works offline, with the named questions one click away;
- read-only: SPARQL Update (``update=``, ``application/sparql-update``, or an update sent
  as a query) is refused with 403 and the reason;
- it fetches nothing: ``SERVICE`` (which both stores would fetch, rdflib even from a
  ``file:`` IRI) and ``FROM``/``FROM NAMED`` (which rdflib loads from the web) get 400 and
  the reason, unless ``allow_service`` lets SERVICE through;
- limits: a query that runs past the time limit or passes the memory cap of its worker
  is stopped (the worker is replaced) and gets 503; a SELECT over the row cap gets 400
  asking for a LIMIT; a body over 1 MB gets 413; a request not received in full within
  ``receive_timeout`` seconds gets 408 and its connection is closed (slow clients cost a
  socket for that long, never a thread). The server keeps serving;
- no CORS header unless ``cors`` names the one origin whose pages may read the answers.

Queries run in a small pool of worker processes, each with its own copy of the store,
so that a runaway query can be stopped (a Python thread cannot be) and its memory
capped (``RLIMIT_DATA``: rdflib then raises MemoryError, Oxigraph's Rust code aborts).
A worker that dies for another reason (killed, crashed) is replaced, and the query it
had is retried once on another: a dead worker never fails a request.
"""

import asyncio
import multiprocessing
import os
import re
import signal
import socket
import sys
from dataclasses import dataclass
from urllib.parse import parse_qs

from . import sparql

TEXT = "text/plain; charset=utf-8"
MAX_BODY = 1_000_000

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


def formats(kind):
    """``{format key: (serialiser, media type)}`` an answer of ``kind`` can be given in, the default first.
    (SPARQL's CSV has no form for a boolean, so ASK has no CSV.)"""
    if kind in ("CONSTRUCT", "DESCRIBE"):
        return sparql.GRAPH_FORMATS
    if kind == "ASK":
        return {k: v for k, v in sparql.RESULT_FORMATS.items() if k != "csv"}
    return sparql.RESULT_FORMATS


def negotiate(kind, preferences):
    """``(format key, media type)`` for an answer of ``kind`` given the client's preferences,
    or None if it accepts none of the formats the answer can be given in.

    >>> negotiate("SELECT", ["text/turtle", "text/csv"]), negotiate("CONSTRUCT", ["*/*"])
    (('csv', 'text/csv'), ('turtle', 'text/turtle'))
    >>> negotiate("ASK", ["text/csv"]) is None, negotiate("ASK", ["text/csv", "text/*"])
    (True, ('tsv', 'text/tab-separated-values'))
    """
    offered = formats(kind)
    default = next(iter(offered))
    if not preferences:
        return default, offered[default][1]
    by_media = {media: key for key, (_, media) in offered.items()}
    for media in preferences:
        if media == "*/*":
            return default, offered[default][1]
        if media.endswith("/*"):
            key = next((k for m, k in by_media.items() if m.startswith(media[:-1])), None)
        else:
            key = by_media.get(media) or ALIASES.get(media, media)
        if key in offered:
            return key, offered[key][1]
    return None


def parse_size(text):
    """Bytes in a size such as ``1G``, ``512M``, ``800k`` or ``1000000``; 0 means no cap.

    >>> parse_size("1G"), parse_size("512M"), parse_size("0")
    (1073741824, 536870912, 0)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", str(text), flags=re.I)
    if not m:
        raise ValueError(f"{text!r} is not a size: give bytes, or a number with K, M or G (1G, 512M)")
    return int(float(m.group(1)) * 1024 ** " kmgt".index(m.group(2).lower() or " "))


def _mb(n):
    return f"{n / 2**30:g} GB" if n >= 2**30 and n % 2**28 == 0 else f"{n / 2**20:.0f} MB"


READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused. The graph is built from the "
             "reports' facts (python build_graph.py); to load it into a writable store use "
             "python build_graph.py push URL")
SERVICE = ("this endpoint fetches nothing: the query has {what}, which would make the server fetch "
           "that IRI. Run the query where it may fetch, or start the server with "
           "python build_graph.py serve --allow-service")
DATASET = ("this endpoint fetches nothing and serves one graph: the query has {what}, which would "
           "make rdflib load that IRI from the web. Leave FROM and FROM NAMED out")
MEMORY = ("the query needed more memory than this endpoint's limit of {limit} per query and was "
          "stopped")
TIME = "the query ran past this endpoint's time limit of {limit:g} s and was stopped"


# --- workers --------------------------------------------------------------------------------

def _data_size():
    """Bytes of this process's data segment (heap and private mappings, what RLIMIT_DATA counts)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    return 0


def _no_fetching():
    """Under :func:`sparql.fetches`, belt and braces: rdflib's SERVICE client and FROM loading
    are switched off in this worker process."""
    import rdflib.plugins.sparql
    from rdflib.plugins.sparql import evaluate

    def refuse(*args, **kwargs):
        raise PermissionError("this endpoint fetches nothing")

    evaluate.urlopen = refuse
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _answer(store, text, preferences, max_rows, allow_service):
    """``(status, content type, body)`` of one query on ``store``."""
    try:
        sparql.refuse_updates(text)
        remote = sparql.fetches(text)
        datasets = [r for r in remote if r.startswith("FROM")]
        services = [r for r in remote if r.startswith("SERVICE")]
        if datasets:
            return 400, TEXT, DATASET.format(what=", ".join(datasets)).encode()
        if services and not allow_service:
            return 400, TEXT, SERVICE.format(what=", ".join(services)).encode()
        answer = store.query(text, max_rows)
        if answer.kind == "SELECT" and len(answer.result.bindings) > max_rows:
            return (400, TEXT, f"the result has more than this endpoint's cap of {max_rows} rows: "
                               f"add a LIMIT".encode())
        chosen = negotiate(answer.kind, preferences)
        if chosen is None:
            offered = ", ".join(media for _, media in formats(answer.kind).values())
            return (406, TEXT, f"an {answer.kind} answer can be given as {offered}; the request "
                               f"accepts none of them ({', '.join(preferences)})".encode())
        key, media = chosen
        return 200, media + ("" if key == "jsonld" else "; charset=utf-8"), answer.serialise(key)
    except sparql.UpdateRefused:
        return 403, TEXT, READ_ONLY.encode()
    except sparql.QueryError as e:
        if isinstance(e.__context__, MemoryError):   # the rdflib store reports any failure as a QueryError
            raise MemoryError from None
        return 400, TEXT, f"malformed query: {e}".encode()
    except MemoryError:
        raise
    except Exception as e:   # the worker must outlive any one query
        return 500, TEXT, f"{type(e).__name__}: {e}".encode()


def _worker(conn, root, spec, reason, max_rows, max_memory, allow_service):
    """A worker process: open the store, say so, then answer ``(query, preferences)`` requests
    with ``(status, content type, body, retire)`` until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is for the server, which stops the workers
    os.environ["RUST_BACKTRACE"] = "0"   # Oxigraph over the cap aborts with one line, not a backtrace
    try:
        store = sparql.open_store(root, spec, reason, read_only=True)
        store.query("ASK {}")   # the parser's first use costs; not a query's time
        if max_memory:
            import resource

            used = _data_size()
            if used + (64 << 20) > max_memory:
                raise MemoryError(f"the store alone takes {_mb(used)} of the worker's memory limit "
                                  f"of {_mb(max_memory)}: raise --max-memory")
            resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))
        if not allow_service:
            _no_fetching()
    except Exception as e:
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            text, preferences = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send((*_answer(store, text, preferences, max_rows, allow_service), False))
        except MemoryError:   # rdflib (Python) over the cap; start afresh, the heap may be in pieces
            conn.send((503, TEXT, MEMORY.format(limit=_mb(max_memory)).encode(), True))
            return


async def _readable(conn, timeout):
    """Whether ``conn`` has something to read (a message, or the end: its worker died) within ``timeout`` s."""
    if conn.poll(0):
        return True
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except asyncio.TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)


@dataclass(eq=False)
class _Worker:
    process: object
    conn: object


class WorkerFailed(sparql.StoreError):
    """A query worker could not open the store (within its memory limit, or at all)."""


_RETRY = object()


class Pool:
    """Worker processes holding the store, used from one asyncio loop.

    A query waits for a worker that is ready (a replacement counts only once it has opened
    its store, so a query's time limit never includes a worker's start); a worker that overran
    the time limit or the memory cap is replaced, and one found dead is replaced and its
    query retried once.
    """

    def __init__(self, root, spec="rdflib", reason=False, size=2, timeout=10.0, max_rows=10000,
                 max_memory=1 << 30, allow_service=False, start_timeout=120.0):
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:   # workers start with these imported: a replacement is ready sooner
            self.context.set_forkserver_preload(["reportgraph.sparql", "rdflib.plugins.sparql.parser"])
        self.args = (str(root), spec, reason, max_rows, max_memory, allow_service)
        self.size, self.timeout, self.max_memory = size, timeout, max_memory
        self.start_timeout = start_timeout
        self.wait = 4 * timeout + start_timeout   # for a free worker, before "busy"
        self.idle = None
        self.workers = set()
        self.tasks = set()

    async def start(self):
        """Start the workers; :class:`WorkerFailed` if they cannot open the store."""
        self.idle = asyncio.Queue()
        for worker in await asyncio.gather(*(self._spawn() for _ in range(self.size))):
            self.idle.put_nowait(worker)

    async def _spawn(self):
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(theirs, *self.args), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        self.workers.add(worker)
        message = ("failed", f"it did not open the store within {self.start_timeout:g} s")
        if await _readable(mine, self.start_timeout):
            try:
                message = mine.recv()
            except (EOFError, OSError):
                process.join(5)
                message = ("failed", f"it stopped while opening the store (exit code {process.exitcode})")
        if message[0] != "ready":
            self._retire(worker)
            raise WorkerFailed(f"a query worker could not start: {message[1]}")
        return worker

    def _retire(self, worker):
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers.discard(worker)

    def _replace(self, worker):
        """Retire ``worker`` and start another in the background; it joins the idle ones once ready."""
        self._retire(worker)
        task = asyncio.ensure_future(self._refill())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _refill(self):
        for _ in range(3):   # a replacement too may be killed while it starts
            try:
                self.idle.put_nowait(await self._spawn())
                return
            except WorkerFailed as e:
                failure = e
        print(f"error: {failure}", file=sys.stderr, flush=True)

    async def _take(self):
        """An idle, live worker, or None if none is free within ``self.wait`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        while True:
            try:
                worker = await asyncio.wait_for(self.idle.get(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                return None
            if worker.process.is_alive():
                return worker
            self._replace(worker)   # died while idle: not this query's doing

    async def run(self, text, preferences):
        """``(status, content type, body)`` of a query."""
        for _ in range(2):
            worker = await self._take()
            if worker is None:
                return 503, TEXT, b"all query workers are busy; try again"
            reply = await self._ask(worker, text, preferences)
            if reply is not _RETRY:
                return reply
        return 503, TEXT, b"two query workers in turn stopped while answering this query; try again"

    async def _ask(self, worker, text, preferences):
        """The reply of ``worker``, or ``_RETRY`` if it died of something else than the query."""
        try:
            worker.conn.send((text, preferences))
            if await _readable(worker.conn, self.timeout):
                status, media, body, retire = worker.conn.recv()
                if retire:
                    self._replace(worker)
                else:
                    self.idle.put_nowait(worker)
                return status, media, body
        except (EOFError, OSError):
            worker.process.join(5)
            aborted = worker.process.exitcode == -signal.SIGABRT   # Rust's answer to a failed allocation
            self._replace(worker)
            if aborted and self.max_memory:
                return 503, TEXT, MEMORY.format(limit=_mb(self.max_memory)).encode()
            return _RETRY
        except BaseException:   # cancelled mid-query: the worker's state is unknown
            self._replace(worker)
            raise
        self._replace(worker)
        return 503, TEXT, TIME.format(limit=self.timeout).encode()

    def close(self):
        for task in list(self.tasks):
            task.cancel()
        for worker in list(self.workers):
            self._retire(worker)


# --- HTTP ---------------------------------------------------------------------------------------

def _protocol(receive_timeout):
    """uvicorn's HTTP/1.1 protocol (h11) with a deadline on receiving a request.

    uvicorn times out only the wait between two requests on a kept-alive connection: a
    client that never finishes its headers, or its body, keeps its connection for ever.
    Here a request not received in full within ``receive_timeout`` seconds of the
    connection, or of its first byte, gets 408 and the connection is closed.
    """
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    receiving = (h11.IDLE, h11.SEND_BODY)
    message = f"the request was not received in full within {receive_timeout:g} s\n".encode()
    too_slow = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
                b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(message), message))

    class Protocol(H11Protocol):
        deadline = None

        def connection_made(self, transport):
            super().connection_made(transport)
            self._arm()

        def data_received(self, data):
            self._arm()
            super().data_received(data)
            if self.conn.their_state not in receiving:
                self._disarm()

        def connection_lost(self, exc):
            self._disarm()
            super().connection_lost(exc)

        def _arm(self):
            if self.deadline is None and self.conn.their_state in receiving:
                self.deadline = self.loop.call_later(receive_timeout, self._too_slow)

        def _disarm(self):
            if self.deadline is not None:
                self.deadline.cancel()
                self.deadline = None

        def _too_slow(self):
            self.deadline = None
            if self.conn.their_state in receiving and not self.transport.is_closing():
                self.transport.write(too_slow)
                self.transport.close()

    return Protocol


def application(pool, page, cors=None, hosts=None):
    """The ASGI app: the query page at ``/``, the SPARQL endpoint at ``/sparql``.

    ``cors``: the one origin whose pages may read the answers (none by default). ``hosts``:
    the ``Host`` names served (a server on the loopback answers only to loopback names, so
    that a web page cannot reach it by pointing its own name at 127.0.0.1).
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import ClientDisconnect
    from starlette.responses import Response
    from starlette.routing import Route

    def respond(status, content_type, body):
        return Response(body, status, headers={"Vary": "Accept"}, media_type=content_type)

    def text(status, message):
        return respond(status, TEXT, (message + "\n").encode("utf-8"))

    async def index(request):
        return respond(200, "text/html; charset=utf-8", page)

    async def elsewhere(request):
        return text(404, f"no such page: {request.url.path}; the endpoint is /sparql")

    async def answer(request, query, params):
        fmt = (params.get("format") or params.get("output") or [None])[0]   # as SPARQLWrapper sends
        preferences = accepted(request.headers.get("accept"), ALIASES.get(fmt, fmt) if fmt else None)
        return respond(*await pool.run(query, preferences))

    async def endpoint(request):
        if request.method in ("PUT", "DELETE", "PATCH"):
            return text(403, READ_ONLY)
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method in ("GET", "HEAD"):
            if "update" in params:
                return text(403, READ_ONLY)
            if "query" not in params:
                return text(400, "give a query: /sparql?query=SELECT … (SPARQL 1.1 Protocol)")
            return await answer(request, params["query"][0], params)
        if int(request.headers.get("content-length") or 0) > MAX_BODY:   # h11 has checked it is a number
            return text(413, "the request is larger than 1 MB")
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BODY:
                    return text(413, "the request is larger than 1 MB")
        except ClientDisconnect:
            return text(400, "the client went away before sending the whole request")
        body = body.decode("utf-8", "replace")
        media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return text(403, READ_ONLY)
        if media == "application/sparql-query":
            return await answer(request, body, params)
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return text(403, READ_ONLY)
            if "query" in form:
                return await answer(request, form["query"][0], {**params, **form})
            return text(400, "the form has no query= field")
        return text(415, "send application/sparql-query, or a form with query=")

    middleware = []
    if hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)))
    if cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[cors], allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept"]))
    return Starlette(routes=[
        Route("/", index), Route("/index.html", index),
        Route("/sparql", endpoint, methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/{path:path}", elsewhere, methods=["GET", "HEAD", "POST"]),
    ], middleware=middleware)


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


def _loopback_names(host):
    """The Host names a server bound to ``host`` answers to: loopback names if it is on the
    loopback (IPv4), else any (None)."""
    if host == "localhost" or host.startswith("127."):
        return sorted({host, "localhost", "127.0.0.1"})
    return None


def serve(root=".", host="127.0.0.1", port=7878, spec="rdflib", reason=False, workers=2,
          timeout=10.0, max_rows=10000, ready=None, max_memory=1 << 30, allow_service=False,
          cors=None, receive_timeout=5.0):
    """Serve until interrupted. ``ready(url)`` is called once the workers are ready and the
    socket listens."""
    sparql.prepare(root, spec)   # load an on-disk store once, before the workers open it read-only
    page = query_page(root)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    pool = Pool(root, spec, reason, workers, timeout, max_rows, max_memory, allow_service)
    try:
        asyncio.run(_run(pool, sock, page, cors, receive_timeout, ready))
    except KeyboardInterrupt:
        pass
    finally:
        pool.close()
        sock.close()


async def _run(pool, sock, page, cors, receive_timeout, ready):
    import uvicorn

    await pool.start()
    name = sock.getsockname()
    config = uvicorn.Config(application(pool, page, cors, _loopback_names(name[0])),
                            http=_protocol(receive_timeout), lifespan="off", log_level="error",
                            access_log=False, server_header=False, timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    started = asyncio.ensure_future(server.serve(sockets=[sock]))
    while not server.started and not started.done():
        await asyncio.sleep(0.01)
    if ready and server.started:
        ready(f"http://{name[0]}:{name[1]}" if ":" not in name[0] else f"http://[{name[0]}]:{name[1]}")
    try:
        await started
    finally:
        pool.close()
