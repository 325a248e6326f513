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

Queries run in a small pool of worker processes, each with its own copy of the store
(:mod:`reportgraph.workers`); what a query's reply is, :mod:`reportgraph.replies`. Here is
HTTP: the routes, the limits on requests, and the query page (from the templates and
policy of :mod:`reportgraph.pages`, so that serving imports neither the explorer nor
networkx). Imports those, :mod:`reportgraph.queries`, :mod:`reportgraph.sparql` and
:mod:`reportgraph.paths` of the package.
"""

import asyncio
import socket
from collections.abc import Callable
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from . import pages, queries, sparql
from .paths import NT, Paths
from .replies import ALIASES, READ_ONLY, TEXT, accepted
from .workers import Pool

MAX_BODY = 1_000_000


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


def application(pool: Pool, page: bytes, cors: str | None = None,
                hosts: list[str] | None = None) -> Starlette:
    """The ASGI app: the query page at ``/``, the SPARQL endpoint at ``/sparql``.

    ``cors``: the one origin whose pages may read the answers (none by default). ``hosts``:
    the ``Host`` names served (a server on the loopback answers only to loopback names, so
    that a web page cannot reach it by pointing its own name at 127.0.0.1).
    """
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.routing import Route

    async def index(request):
        return _respond(200, "text/html; charset=utf-8", page)

    async def elsewhere(request):
        return _text(404, f"no such page: {request.url.path}; the endpoint is /sparql")

    async def endpoint(request):
        return await _endpoint(pool, request)

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


def _respond(status, content_type, body):
    return Response(body, status, headers={"Vary": "Accept"}, media_type=content_type)


def _text(status, message):
    return _respond(status, TEXT, (message + "\n").encode("utf-8"))


async def _endpoint(pool, request):
    """``/sparql``: a query by GET, by POST as ``application/sparql-query`` or as a form; an
    update, however sent, gets 403."""
    if request.method in ("PUT", "DELETE", "PATCH"):
        return _text(403, READ_ONLY)
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method in ("GET", "HEAD"):
        if "update" in params:
            return _text(403, READ_ONLY)
        if "query" not in params:
            return _text(400, "give a query: /sparql?query=SELECT … (SPARQL 1.1 Protocol)")
        return await _answer(pool, request, params["query"][0], params)
    body = await _body(request)
    if isinstance(body, Response):   # refused: too large, or not received in full
        return body
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        return _text(403, READ_ONLY)
    if media == "application/sparql-query":
        return await _answer(pool, request, body, params)
    if media == "application/x-www-form-urlencoded":
        form = parse_qs(body, keep_blank_values=True)
        if "update" in form:
            return _text(403, READ_ONLY)
        if "query" in form:
            return await _answer(pool, request, form["query"][0], {**params, **form})
        return _text(400, "the form has no query= field")
    return _text(415, "send application/sparql-query, or a form with query=")


async def _body(request):
    """The body of a POST as text, or the response refusing it (over 1 MB, or cut short)."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY:   # h11 has checked it is a number
        return _text(413, "the request is larger than 1 MB")
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return _text(413, "the request is larger than 1 MB")
    except ClientDisconnect:
        return _text(400, "the client went away before sending the whole request")
    return body.decode("utf-8", "replace")


async def _answer(pool, request, query, params):
    """The reply of a worker to ``query``, in a format the request accepts."""
    fmt = (params.get("format") or params.get("output") or [None])[0]   # as SPARQLWrapper sends
    preferences = accepted(request.headers.get("accept"), ALIASES.get(fmt, fmt) if fmt else None)
    return _respond(*await pool.run(query, preferences))


def query_page(paths: Paths) -> bytes:
    """The offline query page: a form, the named questions, and a script that shows the answers."""
    named = [{"name": q.name, "en": q.en, "zh": q.zh, "text": q.text}
             for q in queries.questions(paths.root).values()]
    page = pages.environment().get_template("endpoint.html").render(
        questions=named, script=(pages.ASSETS / "endpoint.js").read_text("utf-8"))
    return pages.with_policy(page).encode("utf-8")


def _loopback_names(host):
    """The Host names a server bound to ``host`` answers to: loopback names if it is on the
    loopback (IPv4), else any (None)."""
    if host == "localhost" or host.startswith("127."):
        return sorted({host, "localhost", "127.0.0.1"})
    return None


def serve(paths: Paths = Paths(), host: str = "127.0.0.1", port: int = 7878, spec: str = "rdflib",
          reason: bool = False, workers: int = 2, timeout: float = 10.0, max_rows: int = 10000,
          ready: Callable[[str], None] | None = None, max_memory: int = 1 << 30,
          allow_service: bool = False, cors: str | None = None, receive_timeout: float = 5.0) -> None:
    """Serve the graph built in ``paths.out`` until interrupted. ``ready(url)`` is called once
    the workers are ready and the socket listens.

    :class:`~reportgraph.paths.GraphMissing` if there is no built graph: said once, here,
    rather than by every worker that fails to open it."""
    paths.built(NT)
    sparql.prepare(paths, spec)   # load an on-disk store once, before the workers open it read-only
    page = query_page(paths)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    pool = Pool(paths, spec, reason, workers, timeout, max_rows, max_memory, allow_service)
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
