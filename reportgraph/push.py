"""Load the built graph into any SPARQL 1.1 store: ``python build_graph.py push URL``.

Two standard ways, both replacing the project's named graph so that pushing twice
leaves the same data:

- ``gsp`` (the default): the SPARQL 1.1 Graph Store HTTP Protocol, one
  ``PUT URL?graph=G`` with the N-Triples file (atomic in the store);
- ``update``: SPARQL 1.1 Update at URL: ``DROP SILENT GRAPH G`` and then ``INSERT DATA``
  in batches (:func:`batches`), for stores whose Graph Store endpoint is not open to writing.

A push is only reported as done when the store, asked afterwards, holds as many triples
in the graph as were sent: counted with a SPARQL query at ``query_url`` (for ``update``,
URL itself by default), or for ``gsp`` without one by reading the graph back with
``GET URL?graph=G``. If the store cannot be asked, the result says "not verified".

Nothing is followed silently: a redirect is an error naming the new location, unless
``follow`` (then the same method and body go to the new location, at most
:data:`MAX_HOPS` times). Every request has a connect and read timeout. Every failure
is a :class:`PushError` whose message is one line.

Where the store asks for a login, ``--user`` and the ``REPORTGRAPH_PASSWORD``
environment variable give it (HTTP Basic or Digest, as the store asks).
"""

import http.client
import json
import math
import os
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .paths import NT, Paths
from .vocab import DEFAULT_BASE, with_slash

# Triples per INSERT DATA, at most. Virtuoso 7.2's SPARQL parser (bison) runs out of parser
# stack ("SP030 … memory exhausted") at 4,991 triples in one INSERT DATA, however short or
# long they are (tests/test_push.py measures it); 2,000 leaves a wide margin.
BATCH_TRIPLES = 2000
# UTF-8 bytes of triples per INSERT DATA, at most (a single longer triple goes alone).
# Virtuoso refuses a request body over 10 MB (HT057), and its lexer slows down on long
# requests; 1 MiB stays far under both, and other stores' default limits.
BATCH_BYTES = 1 << 20
MAX_HOPS = 5      # redirects followed with follow=True
TIMEOUT = 60.0    # seconds to connect, and to wait for each read
REDIRECTS = (301, 302, 303, 307, 308)


class PushError(RuntimeError):
    """The push failed or could not be checked; the message is one line saying why."""


@dataclass
class Pushed:
    """What a push did: ``sent`` distinct triples in ``requests`` requests; ``stored`` is the
    count found in the store afterwards (``checked`` says how), or None with ``unverified`` saying why."""
    sent: int
    requests: int
    stored: int | None
    checked: str | None
    unverified: str | None = None


def default_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph the project's triples go to: ``<base>graph``."""
    return with_slash(base) + "graph"


def _line(text, limit=None):
    """``text`` on one line (whitespace collapsed), cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def check_url(url: str, what: str = "URL") -> str:
    """``url`` if it is an absolute http(s) URL with a host (non-ASCII characters percent-encoded),
    else :class:`PushError`.

    >>> check_url("http://127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql'
    >>> check_url("file:///etc/passwd")
    Traceback (most recent call last):
    reportgraph.push.PushError: file:///etc/passwd: not an http(s) URL (give http://HOST[:PORT]/PATH)
    """
    url = urllib.parse.quote(str(url).strip(), safe=":/?#[]@!$&'()*+,;=%~")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise PushError(f"{_line(url, 200)}: not a valid {what}: {e}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise PushError(f"{_line(url, 200)}: not an http(s) {what} (give http://HOST[:PORT]/PATH)")
    if parts.username is not None or parts.password is not None:
        raise PushError(f"the {what} holds a login: give it with --user and REPORTGRAPH_PASSWORD instead")
    if port == 0:
        raise PushError(f"{_line(url, 200)}: port 0 is not a port")
    return url


def check_graph(graph: str) -> str:
    """``graph`` if it is an absolute IRI that can be written as ``<graph>`` in SPARQL."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+", graph or ""):
        raise PushError(f"graph {_line(graph, 200)!r}: not an absolute IRI")
    return graph


def triples(paths: Paths) -> list[str]:
    """The distinct triples (lines) of the N-Triples file built in ``paths.out``, in order;
    :class:`~reportgraph.paths.GraphMissing` if there is none.

    Lines are split at ``\\n`` only: a literal may hold U+2028, U+0085 or a form feed
    unescaped, which ``str.splitlines`` would cut in two."""
    path = paths.built(NT)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PushError(f"{path}: {_line(e)}") from None
    lines = (line.rstrip("\r") for line in text.split("\n"))
    return list(dict.fromkeys(line for line in lines if line.strip() and not line.lstrip().startswith("#")))


def batches(lines: Iterable[str], max_triples: int = BATCH_TRIPLES,
            max_bytes: int = BATCH_BYTES) -> Iterator[list[str]]:
    """``lines`` cut into consecutive batches of at most ``max_triples`` lines and ``max_bytes``
    UTF-8 bytes (a longer line goes alone).

    >>> [len(b) for b in batches(["a", "b", "c", "dddd", "e"], max_triples=2, max_bytes=6)]
    [2, 1, 1, 1]
    """
    batch, size = [], 0
    for line in lines:
        n = len(line.encode("utf-8")) + 1
        if batch and (len(batch) >= max_triples or size + n > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(line)
        size += n
    if batch:
        yield batch


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects reach the caller as HTTPError (urllib would repeat a POST as a GET with no body)."""

    def redirect_request(self, *args, **kwargs):
        return None


class _Unanswered(PushError):
    """The server answered, but not with what was asked (an HTTP error, or not the expected format)."""


class Client:
    """HTTP requests with timeouts, optional login, and redirects followed only when asked."""

    def __init__(self, url: str, user: str | None = None, timeout: float = TIMEOUT, follow: bool = False):
        try:
            timeout = float(timeout)
        except (TypeError, ValueError):
            raise PushError(f"timeout {timeout!r}: not a number of seconds") from None
        if not (timeout > 0 and math.isfinite(timeout)):
            raise PushError(f"timeout {timeout:g}: give a positive, finite number of seconds")
        self.timeout, self.follow, self.requests = timeout, follow, 0
        handlers = [_NoRedirect]
        if user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, user, os.environ.get("REPORTGRAPH_PASSWORD", ""))
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                         urllib.request.HTTPBasicAuthHandler(passwords)]
        self.opener = urllib.request.build_opener(*handlers)

    def send(self, method: str, url: str, data: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        """``(status, content type, body)`` of the answer to ``method url``; 2xx only, else PushError."""
        headers = dict(headers or {})
        for hop in range(MAX_HOPS + 1):
            where = f"{method} {url.split('?')[0]}"
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            self.requests += 1
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    return response.status, response.headers.get("Content-Type", ""), response.read()
            except urllib.error.HTTPError as e:
                if e.code not in REDIRECTS:
                    raise _Unanswered(f"{where}: HTTP {e.code} {_line(e.reason)}{self._body(e)}") from None
                location = e.headers.get("Location")
                e.close()
                if not location:
                    raise PushError(f"{where}: HTTP {e.code} redirect with no Location") from None
                target = urllib.parse.urljoin(url, location)
                if not self.follow:
                    raise PushError(f"{where}: HTTP {e.code} redirect to {_line(target, 300)}; "
                                    f"push to that URL, or pass --follow") from None
                if hop == MAX_HOPS:
                    raise PushError(f"{where}: more than {MAX_HOPS} redirects") from None
                url = check_url(target, "redirect location")
            except urllib.error.URLError as e:
                raise PushError(f"{where}: {self._why(e.reason)}") from None
            except (OSError, http.client.HTTPException, ValueError) as e:
                raise PushError(f"{where}: {self._why(e)}") from None

    def _why(self, error):
        if isinstance(error, (TimeoutError, socket.timeout)):
            return f"no answer within {self.timeout:g} s (--timeout)"
        if isinstance(error, ConnectionRefusedError):
            return "connection refused"
        if isinstance(error, socket.gaierror):
            return f"unknown host ({_line(error.strerror or error)})"
        if isinstance(error, ssl.SSLError):
            return f"TLS: {_line(error.reason or error)}"
        if isinstance(error, http.client.RemoteDisconnected):
            return "the server closed the connection without answering"
        if isinstance(error, http.client.HTTPException):
            return f"not an HTTP answer ({type(error).__name__}: {_line(error, 100)})"
        if isinstance(error, OSError) and error.strerror:
            return _line(error.strerror).lower()
        return _line(error) or type(error).__name__

    def _body(self, error):
        """The start of an error answer's body as text, tags dropped, on one line."""
        try:
            body = error.read(4000).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            return ""
        finally:
            error.close()
        text = _line(re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", " ", body, flags=re.S | re.I), 300)
        return f": {text}" if text else ""


def count(url: str, graph: str, timeout: float = TIMEOUT, client: Client | None = None) -> int:
    """How many triples the store's SPARQL query endpoint ``url`` holds in ``graph``."""
    client = client or Client(url, timeout=timeout)
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{check_graph(graph)}> {{ ?s ?p ?o }} }}"
    separator = "&" if "?" in url else "?"
    _, _, body = client.send("GET", f"{url}{separator}{urllib.parse.urlencode({'query': query})}",
                             headers={"Accept": "application/sparql-results+json"})
    try:
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise _Unanswered(f"GET {url}: the answer to a COUNT query is not SPARQL JSON results: "
                          f"{_line(body[:200].decode('utf-8', 'replace'), 100)!r}") from None


def _read_back(client, url, graph):
    """How many triples ``GET url?graph=G`` (Graph Store Protocol) returns."""
    separator = "&" if "?" in url else "?"
    _, content_type, body = client.send(
        "GET", f"{url}{separator}{urllib.parse.urlencode({'graph': graph})}",
        headers={"Accept": "application/n-triples, text/plain;q=0.9, text/turtle;q=0.5"})
    mime = content_type.split(";")[0].strip().lower()
    if mime in ("application/n-triples", "text/plain"):
        text = body.decode("utf-8", "replace")
        return len({line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")})
    from rdflib import Graph

    try:
        return len(Graph().parse(data=body, format=mime))
    except Exception as e:   # rdflib raises many types for a format it lacks or a bad body
        raise _Unanswered(f"GET {url}?graph=…: answered {mime or 'no Content-Type'}, "
                          f"not a graph it could read ({type(e).__name__})") from None


def push(paths: Paths, url: str, graph: str | None = None, protocol: str = "gsp", user: str | None = None,
         timeout: float = TIMEOUT, follow: bool = False, query_url: str | None = None) -> Pushed:
    """Replace the named graph ``graph`` in the store at ``url`` with the graph built in
    ``paths.out``, then count it there.

    Returns a :class:`Pushed`; raises :class:`PushError` if anything fails, including a
    count that differs from the triples sent (and :class:`~reportgraph.paths.GraphMissing`
    if there is no built graph)."""
    if protocol not in ("gsp", "update"):
        raise PushError(f"unknown protocol {protocol!r}: use gsp or update")
    url = check_url(url)
    query_url = check_url(query_url, "query URL") if query_url else None
    graph = check_graph(graph or default_graph())
    lines = triples(paths)
    client = Client(url, user, timeout, follow)
    if protocol == "gsp":
        separator = "&" if "?" in url else "?"
        client.send("PUT", f"{url}{separator}{urllib.parse.urlencode({'graph': graph})}",
                    data=("\n".join(lines) + "\n").encode("utf-8"),
                    headers={"Content-Type": "application/n-triples"})
    else:
        headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        client.send("POST", url, data=f"DROP SILENT GRAPH <{graph}>".encode("utf-8"), headers=headers)
        parts = list(batches(lines))
        for i, batch in enumerate(parts, 1):
            update = f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(batch) + "\n} }"
            try:
                client.send("POST", url, data=update.encode("utf-8"), headers=headers)
            except PushError as e:
                raise PushError(f"{e} (INSERT DATA {i} of {len(parts)}: the graph now holds "
                                f"only part of the data; push again)") from None
    sent, requests = len(lines), client.requests
    stored, where, why = _verify(client, protocol, url, graph, query_url)
    if stored is not None and stored != sent:
        raise PushError(f"the store holds {stored} triples in <{graph}> after the push, "
                        f"but {sent} were sent ({where})")
    return Pushed(sent, requests, stored, where, why)


def _verify(client, protocol, url, graph, query_url):
    """``(count, how counted, None)``, or ``(None, None, why not)`` if the store cannot be asked."""
    if query_url:
        return count(query_url, graph, client=client), f"counted at {query_url}", None
    try:
        if protocol == "update":
            return count(url, graph, client=client), f"counted at {url}", None
        return _read_back(client, url, graph), f"read back from {url}", None
    except _Unanswered as e:
        return None, None, f"{e} (give --query-url, the store's SPARQL query endpoint, to count the graph)"
