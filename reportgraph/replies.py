"""The endpoint's reply to one query: status, content type and body.

What the SPARQL 1.1 Protocol asks of a reply and what this endpoint refuses, apart from
HTTP and from the worker processes that call :func:`reply` (:mod:`reportgraph.workers`):
content negotiation (``Accept`` or ``format=``), updates refused (403), queries that would
fetch refused (400), the row cap (400) and formats the client accepts none of (406).
Imports :mod:`reportgraph.queries` and :mod:`reportgraph.sparql` of the package.
"""

from . import queries, sparql

TEXT = "text/plain; charset=utf-8"

ALIASES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml",
           "application/x-turtle": "turtle", "application/json+ld": "jsonld", "text/plain": "nt",
           "json-ld": "jsonld", "ttl": "turtle", "n3": "turtle", "n-triples": "nt", "ntriples": "nt"}


def accepted(header: str | None, fmt: str | None = None) -> list[str]:
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


def formats(kind: str) -> dict[str, tuple[str, str]]:
    """``{format key: (serialiser, media type)}`` an answer of ``kind`` can be given in, the default first.
    (SPARQL's CSV has no form for a boolean, so ASK has no CSV.)"""
    if kind in ("CONSTRUCT", "DESCRIBE"):
        return sparql.GRAPH_FORMATS
    if kind == "ASK":
        return {k: v for k, v in sparql.RESULT_FORMATS.items() if k != "csv"}
    return sparql.RESULT_FORMATS


def negotiate(kind: str, preferences: list[str]) -> tuple[str, str] | None:
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


READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused. The graph is built from the "
             "reports' facts (python build_graph.py); to load it into a writable store use "
             "python build_graph.py push URL")
SERVICE = ("this endpoint fetches nothing: the query has {what}, which would make the server fetch "
           "that IRI. Run the query where it may fetch, or start the server with "
           "python build_graph.py serve --allow-service")
DATASET = ("this endpoint fetches nothing and serves one graph: the query has {what}, which would "
           "make rdflib load that IRI from the web. Leave FROM and FROM NAMED out")


def reply(store: sparql.Store, text: str, preferences: list[str], max_rows: int,
          allow_service: bool) -> tuple[int, str, bytes]:
    """``(status, content type, body)`` of one query on ``store``; a MemoryError is raised for
    the caller to retire its process (the heap may be in pieces)."""
    try:
        queries.refuse_updates(text)
        remote = queries.fetches(text)
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
    except queries.UpdateRefused:
        return 403, TEXT, READ_ONLY.encode()
    except queries.QueryError as e:
        if isinstance(e.__context__, MemoryError):   # the rdflib store reports any failure as a QueryError
            raise MemoryError from None
        return 400, TEXT, f"malformed query: {e}".encode()
    except MemoryError:
        raise
    except Exception as e:   # the worker must outlive any one query
        return 500, TEXT, f"{type(e).__name__}: {e}".encode()
