"""Write the build's RDF files byte-identical for the same graph.

rdflib's N-Triples and JSON-LD follow the store's iteration order, which is not fixed
across runs; both are put in a canonical order here. Before anything is replaced, every
file is parsed back (:func:`reportgraph.staging.counts`, through :meth:`reportgraph.staging.Staging.verify`;
these three a body at a time, as :class:`Framed` writes them) and its triples, nodes and edges counted against
what was serialised, so that a file a reader cannot parse is never published.
"""

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Graph

from . import cache


class OutputError(RuntimeError):
    """An output cannot be written or does not parse back; nothing was replaced."""


def ntriples(graph: Graph, nt: str | None = None) -> str:
    """N-Triples text of ``graph``, one triple a ``\\n``-terminated line, lines sorted (``nt``
    if already made).

    Lines are split on ``\\n`` alone: a literal may hold U+2028, U+0085 and the like,
    which N-Triples writes as they are and ``str.splitlines`` would wrongly split on.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:b"), Literal("x\\u2028y\\nz")))
    >>> ntriples(g).count("\\n"), len(Graph().parse(data=ntriples(g), format="nt"))
    (1, 1)
    """
    return nt if nt is not None else ntriples_utf8(graph).decode("utf-8")


def ntriples_utf8(graph: Graph, rows: Iterable[bytes] = ()) -> bytes:
    """:func:`ntriples` as UTF-8 bytes, made as bytes: a corpus's text is half the size so (its IRIs
    are ASCII, which a ``str`` holding any Chinese stores in two bytes a character), and the
    sorted order is the same (UTF-8 sorts as code points do). ``rows`` are more N-Triples rows,
    of triples not in ``graph`` (the mentions' of :class:`reportgraph.graphparts.Parts`), sorted in."""
    lines = nt_rows(graph)   # no whole text first: less memory
    lines.extend(rows)
    lines.sort()
    return b"".join(lines)


def nt_rows(triples: Iterable[tuple]) -> list[bytes]:
    """The N-Triples row of each of ``triples``, in UTF-8, as rdflib's writer writes it (its ``_nt_row``),
    each IRI and blank node written once however many rows hold it: the rows of a corpus hold few
    terms many times (the 139,348 rows of 100 generated reports hold 404,372 IRIs and blank nodes, 39,370
    of them distinct), and rdflib checks an IRI again each time it writes it.

    >>> from rdflib import BNode, Literal, URIRef
    >>> from rdflib.plugins.serializers.nt import _nt_row
    >>> a, b = URIRef("urn:a"), URIRef("urn:b")
    >>> triples = [(a, b, Literal("x\\n")), (a, b, BNode("a")), (a, b, a), (BNode("a"), b, Literal("1", lang="zh"))]
    >>> nt_rows(triples) == [_nt_row(t).encode("utf-8") for t in triples]
    True
    """
    from rdflib import Literal
    from rdflib.plugins.serializers.nt import _quoteLiteral

    written = {}   # IRI or blank node -> its N-Triples (an IRI never equals a blank node of the same text)

    def term(t):
        n3 = written.get(t)
        if n3 is None:
            n3 = written[t] = t.n3().encode("utf-8")
        return n3

    return [b"%s %s %s .\n" % (term(s), term(p), _quoteLiteral(o).encode("utf-8") if isinstance(o, Literal)
                                else term(o)) for s, p, o in triples]


def _prefixes(graph, nt, made=None):
    """The prefixes ``graph`` binds that ``nt`` (N-Triples, UTF-8) uses, by name, but those with a
    local name holding "/" (which a prefixed name would have to escape). With a ``made`` that keeps
    pieces, what each of the :func:`chunks` uses is kept there: a rebuild reads only the chunks that
    changed (each search reads all the text it is given)."""
    namespaces = tuple((prefix, str(ns)) for prefix, ns in sorted(graph.namespaces()) if prefix)
    if made is None or made.path is None:
        return _used(namespaces, (_uses(namespaces, nt),))
    kind = b"prefixes " + repr(namespaces).encode("utf-8")
    return _used(namespaces, [made.piece(kind, chunk, lambda text: _uses(namespaces, text)) for chunk in chunks(nt)])


def _uses(namespaces, nt):
    """How ``nt`` uses each namespace, a byte each: ``-`` not at all, ``/`` in an IRI whose local name
    holds "/", ``u`` otherwise.

    >>> _uses((("a", "urn:a:"), ("b", "urn:b:"), ("c", "urn:c:")), b"<urn:a:x> <urn:b:y/z> <urn:a:q> .\\n")
    b'u/-'
    """
    return b"".join(b"-" if f"<{ns}".encode() not in nt else b"/" if re.search(re.escape(f"<{ns}".encode()) + b"[^>]*/", nt)
                    else b"u" for _, ns in namespaces)


def _used(namespaces, uses):
    """``{prefix: namespace}`` of the namespaces some of ``uses`` (:func:`_uses` of each part of a text)
    use and none with "/"."""
    return {prefix: ns for i, (prefix, ns) in enumerate(namespaces)
            if any(u[i] == ord("u") for u in uses) and not any(u[i] == ord("/") for u in uses)}


def forget() -> None:
    """Drop the text the chunks were cut from (a corpus's N-Triples are gigabytes)."""
    _cuts.cache_clear()


def _parsed(nt):
    import pyoxigraph as ox

    return ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)


def turtle(graph: Graph, nt: str | bytes | None = None) -> str:
    """Turtle text of ``graph`` (from its N-Triples text ``nt`` if already made): triples in the
    sorted order of :func:`ntriples`, grouped by subject and predicate, with the prefixes the
    graph binds and uses, in name order.

    Written by Oxigraph from the sorted N-Triples: rdflib's Turtle writer looks for a prefix of every
    IRI among all it has tried (42 s for 89,000 triples, against a third of a second here).

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> g.bind("ex", "urn:ex:")
    >>> _ = g.add((URIRef("urn:ex:a"), URIRef("urn:ex:b"), Literal("百色", lang="zh")))
    >>> print(turtle(g), end="")
    @prefix ex: <urn:ex:> .
    ex:a ex:b "百色"@zh .
    """
    return _whole(turtle_utf8, graph, nt)


def turtle_utf8(graph: Graph, nt: bytes, made: "Made | None" = None) -> "Framed":
    """:func:`turtle` of the N-Triples ``nt`` as UTF-8 pieces, to be written one after the other: the
    prefixes, then the Turtle of each of its :func:`chunks` (kept in ``made`` if given), which put
    together are the Turtle Oxigraph writes of the whole, byte for byte."""
    prefixes, made = _prefixes(graph, nt, made), made or Made()
    kind = b"turtle " + repr(prefixes).encode("utf-8")
    head = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes.items()).encode("utf-8")
    return Framed(head, (made.piece(kind, chunk, lambda text: _turtle_body(text, prefixes)) for chunk in chunks(nt)))


def _turtle_body(nt, prefixes):
    """The Turtle Oxigraph writes of ``nt``, past its own prefix lines (whose order is its own)."""
    import pyoxigraph as ox

    text = ox.serialize(_parsed(nt), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    start = 0
    while text.startswith(b"@prefix ", start):
        start = text.index(b"\n", start) + 1
    return text[start:]


def jsonld(graph: Graph, nt: str | bytes | None = None) -> str:
    """JSON-LD text of ``graph``: an ``@context`` of the prefixes it uses, and a ``@graph`` of its
    nodes with prefixed property names and types, everything in a fixed order.

    Oxigraph writes the expanded form from the sorted N-Triples (200 times faster than rdflib), the
    names are shortened here (as JSON-LD compaction would, without its cost), and orjson writes the
    JSON (30 times faster than the standard library, same bytes), a chunk of about a thousand subjects at
    a time (:func:`chunks`, :func:`_nodes`). Each node gives its ``@type`` first, as JSON-LD's streaming profile asks.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> g.bind("ex", "urn:ex:")
    >>> _ = g.add((URIRef("urn:ex:a"), URIRef("urn:ex:b"), Literal("百色", lang="zh")))
    >>> print(jsonld(g).replace("\\n", "").replace(" ", ""))
    {"@context":{"ex":"urn:ex:"},"@graph":[{"@id":"urn:ex:a","ex:b":[{"@language":"zh","@value":"百色"}]}]}
    """
    return _whole(jsonld_utf8, graph, nt)


def _whole(pieces, graph, nt):
    """The text ``pieces`` (``turtle_utf8``, ``jsonld_utf8``) gives of ``graph``, its N-Triples ``nt``
    made if not given."""
    nt = ntriples_utf8(graph) if nt is None else nt if isinstance(nt, bytes) else nt.encode("utf-8")
    return b"".join(pieces(graph, nt)).decode("utf-8")


def jsonld_utf8(graph: Graph, nt: bytes, made: "Made | None" = None) -> "Framed":
    """:func:`jsonld` of the N-Triples ``nt`` as UTF-8 pieces, the nodes of one of its :func:`chunks` at
    a time (kept in ``made`` if given): written as they come, the document is never whole in memory."""
    import orjson

    prefixes, made = _prefixes(graph, nt, made), made or Made()
    kind = b"json-ld " + repr(prefixes).encode("utf-8")
    # As orjson indents {"@context": …, "@graph": [node, …]} (sorted keys), each node at depth 2.
    options = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
    context = orjson.dumps(prefixes, option=options).replace(b"\n", b"\n  ")
    head = b'{\n  "@context": ' + context + b',\n  "@graph": '
    return Framed(head + b"[\n", (made.piece(kind, chunk, lambda text: _nodes(text, prefixes, options))
                                  for chunk in chunks(nt)), b"\n  ]\n}\n", b",\n", empty=head + b"[]\n}\n")


def _nodes(nt, prefixes, options):
    """The JSON text of each node of ``nt``, indented for the ``@graph`` list and joined by commas:
    Oxigraph writes the nodes (in the order of the sorted N-Triples), their names are shortened,
    and orjson writes each."""
    import orjson
    import pyoxigraph as ox

    by_length = sorted(prefixes.items(), key=lambda p: -len(p[1]))

    def short(iri):
        for prefix, ns in by_length:
            if iri.startswith(ns) and "/" not in iri[len(ns):]:
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    texts = []
    for node in orjson.loads(ox.serialize(_parsed(nt), format=ox.RdfFormat.JSON_LD)):
        compact, types = {}, None
        for key, values in node.items():
            if key == _RDF_TYPE:
                types = sorted(short(v["@id"]) for v in values)
            else:
                compact[key if key.startswith("@") else short(key)] = values
        text = orjson.dumps(compact, option=options)
        if types:   # @type first, as the streaming profile of JSON-LD has it
            text = orjson.dumps({"@type": types}, option=options)[:-2] + b"," + text[1:]
        texts.append(b"    " + text.replace(b"\n", b"\n    "))
    return b",\n".join(texts)


class Framed:
    """An RDF file written as ``bodies`` between a ``head`` and a ``tail``, ``sep`` between two bodies
    (``empty`` is the file when there is none, if not the head and the tail): each body alone between the
    head and the tail is a file of the same format, and the whole holds the triples of all of them. Iterated,
    the pieces to write one after the other; :attr:`lengths` is then each body's length, so that
    :meth:`reportgraph.staging.Staging.verify_rdf` parses the file back a body at a time.

    >>> framed = Framed(b"[", iter([b"1", b"2"]), b"]", b",")
    >>> b"".join(framed), framed.lengths
    (b'[1,2]', [1, 1])
    >>> b"".join(Framed(b"[", iter([]), b"]", b",", empty=b"[]"))
    b'[]'
    """

    def __init__(self, head: bytes, bodies: Iterable[bytes], tail: bytes = b"", sep: bytes = b"",
                 empty: bytes | None = None):
        self.head, self.bodies, self.tail, self.sep, self.lengths = head, bodies, tail, sep, []
        self.empty = head + tail if empty is None else empty

    def __iter__(self) -> Iterator[bytes]:
        for body in self.bodies:
            yield self.sep if self.lengths else self.head
            self.lengths.append(len(body))
            yield body
        yield self.tail if self.lengths else self.empty


#: One subject in this many ends a chunk of N-Triples (:func:`chunks`), on average.
CHUNK = 1024


def chunks(nt: bytes, every: int | None = None) -> Iterable[bytes]:
    """``nt`` (sorted N-Triples, UTF-8) cut after each subject whose CRC-32 is a multiple of ``every``
    (:data:`CHUNK`),
    never within a subject: where it is cut depends on the subjects alone, so that a change to a few
    triples changes the chunks that hold them and leaves the others as they were (their Turtle and
    JSON-LD are kept by :class:`Made`).

    >>> nt = b"".join(sorted(b"<urn:%d> <urn:p%d> <urn:o> .\\n" % (i // 2, i) for i in range(40)))
    >>> cut = list(chunks(nt, 4))
    >>> b"".join(cut) == nt and len(cut) > 1
    True
    """
    ends = _cuts(nt, every or CHUNK)
    return (nt[a:b] for a, b in zip((0, *ends), (*ends, len(nt))) if b > a)


@functools.lru_cache(maxsize=1)
def _cuts(nt, every):
    # cached: Turtle and JSON-LD of one graph cut it alike (forget() drops it)
    import zlib

    ends, at = [], 0
    # Sorted, the rows of a subject are together and the subjects' rows in the subjects' order (no subject
    # starts with another and a space): each is looked for past the last, the text read once.
    for head in sorted(s + b" " for s in _subjects(nt) if zlib.crc32(s) % every == 0):
        if not nt.startswith(head, at):
            at = nt.index(b"\n" + head, at) + 1
        while nt.startswith(head, at):   # past its rows (the last may have no line end)
            at = nt.find(b"\n", at) + 1 or len(nt)
        ends.append(at)
    return tuple(ends)


def _subjects(nt, window=1 << 23):
    """The subjects of the N-Triples ``nt``, read about ``window`` bytes at a time (the lines of the
    whole would take more memory than its text): half the time of a regular expression matching each
    line's (0.34 s against 0.67 s for 100 reports' N-Triples)."""
    found, start = set(), 0
    while start < len(nt):
        end = nt.find(b"\n", min(start + window, len(nt)) - 1) + 1 or len(nt)
        found.update(line.partition(b" ")[0] for line in nt[start:end].split(b"\n"))
        start = end
    found.discard(b"")
    return found


class Made(cache.Kept):
    """The Turtle and JSON-LD made of each chunk of N-Triples (:func:`chunks`), and the prefixes it uses
    (:func:`_uses`), by the digest of what was made (its kind: format and prefixes) and of the chunk.
    With a ``path``, what the last build made is read from there (:class:`reportgraph.cache.Kept`, with
    the digest of this module and of the writers' versions) and :meth:`save` keeps what this one used: a
    rebuild after one report changed makes again only the chunks that hold its triples."""

    def __init__(self, path: Path | None = None):
        super().__init__(path, self._key)

    @staticmethod
    def _key():
        """This module's source and the writers' versions: what the pieces are made by."""
        import orjson
        import pyoxigraph as ox

        return cache.digest(Path(__file__).read_bytes(), ox.__version__.encode(), orjson.__version__.encode())

    def piece(self, kind: bytes, chunk: bytes, make: Callable[[bytes], bytes]) -> bytes:
        """``make(chunk)``, or what it made before (:meth:`reportgraph.cache.Kept.get`)."""
        return self.get((kind,), chunk, make)


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
