"""Write the build's folder: byte-identical for the same graph, checked, and replaced all or nothing.

rdflib's N-Triples and JSON-LD follow the store's iteration order, which is not fixed
across runs; both are put in a canonical order here. Before anything is replaced, every
file is parsed back (:func:`verify`) and its triples, nodes and edges counted against
what was serialised, so that a file a reader cannot parse is never published.

:func:`publish` writes the whole set into a hidden sibling folder, with a manifest
naming each file and its SHA-256, and then swaps that folder with the old one in one
``rename`` (``renameat2(RENAME_EXCHANGE)`` where Linux has it). A build killed at any
moment leaves either the old folder or the new one, never a mix; what a killed build
left behind is removed by the next one.
"""

import ctypes
import functools
import glob
import hashlib
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

MANIFEST = "manifest.json"


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
    if nt is not None:
        return nt
    from rdflib.plugins.serializers.nt import _nt_row   # the row rdflib's N-Triples writer writes

    lines = [_nt_row(triple) for triple in graph]   # no whole text first: a third less memory
    lines.sort()
    return "".join(lines)


def _prefixes(graph, nt, slash=False):
    """The prefixes ``graph`` binds that ``nt`` uses, by name; unless ``slash``, only those whose
    local names hold no "/" (which a prefixed name would have to escape)."""
    return dict(_used(tuple(sorted(graph.namespaces())), nt, slash))


def forget() -> None:
    """Drop the texts the prefix search remembers (a corpus's N-Triples are gigabytes)."""
    _used.cache_clear()


@functools.lru_cache(maxsize=4)
def _used(namespaces, nt, slash):
    # cached: Turtle and JSON-LD of one graph ask alike, and each search reads all of ``nt``
    return tuple((prefix, str(ns)) for prefix, ns in namespaces if prefix and f"<{ns}" in nt
                 and (slash or not re.search(re.escape(f"<{ns}") + "[^>]*/", nt)))


def _parsed(nt):
    import pyoxigraph as ox

    return ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)


def turtle(graph: Graph, nt: str | None = None) -> str:
    """Turtle text of ``graph`` (from its N-Triples text ``nt`` if already made): triples in the
    sorted order of :func:`ntriples`, grouped by subject and predicate, with the prefixes the
    graph binds and uses, in name order.

    Written by Oxigraph (pyoxigraph) from the sorted N-Triples: rdflib's Turtle writer looks
    for a prefix of every IRI among all it has tried, which makes it slower than linear
    (42 s for 89,000 triples, against a third of a second here).

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> g.bind("ex", "urn:ex:")
    >>> _ = g.add((URIRef("urn:ex:a"), URIRef("urn:ex:b"), Literal("百色", lang="zh")))
    >>> print(turtle(g), end="")
    @prefix ex: <urn:ex:> .
    ex:a ex:b "百色"@zh .
    """
    import pyoxigraph as ox

    nt = ntriples(graph, nt)
    prefixes = _prefixes(graph, nt)
    text = ox.serialize(_parsed(nt), format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("@prefix "))
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes.items()) + body


def jsonld(graph: Graph, nt: str | None = None) -> str:
    """JSON-LD text of ``graph``: an ``@context`` of the prefixes it uses, and a ``@graph`` of its
    nodes with prefixed property names and types, everything in a fixed order.

    Oxigraph writes the expanded form (full IRIs) from the sorted N-Triples, 200 times faster
    than rdflib's writer; the names are then shortened here, which JSON-LD's compaction would
    do too, without its cost. orjson reads and writes the JSON: the standard library indents
    in pure Python, 30 times slower, to the same bytes. The nodes are made a few thousand
    subjects at a time (:func:`_node_texts`), so that the graph is never held as Python objects.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> g.bind("ex", "urn:ex:")
    >>> _ = g.add((URIRef("urn:ex:a"), URIRef("urn:ex:b"), Literal("百色", lang="zh")))
    >>> print(jsonld(g).replace("\\n", "").replace(" ", ""))
    {"@context":{"ex":"urn:ex:"},"@graph":[{"@id":"urn:ex:a","ex:b":[{"@language":"zh","@value":"百色"}]}]}
    """
    import orjson

    nt = ntriples(graph, nt)
    prefixes = _prefixes(graph, nt)
    # As orjson indents {"@context": …, "@graph": [node, …]} (sorted keys), each node at depth 2.
    options = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
    context = orjson.dumps(prefixes, option=options).decode("utf-8").replace("\n", "\n  ")
    nodes = ",\n".join(_node_texts(nt, prefixes, options))
    body = f"[\n{nodes}\n  ]" if nodes else "[]"
    return f'{{\n  "@context": {context},\n  "@graph": {body}\n}}\n'


def _node_texts(nt, prefixes, options, subjects=5000):
    """The JSON text of each node, indented for the ``@graph`` list: Oxigraph writes the nodes of
    about ``subjects`` subjects at a time (the sorted N-Triples keep each subject's lines together,
    and Oxigraph writes nodes and values in their order), their names are shortened, and orjson
    writes each."""
    import orjson
    import pyoxigraph as ox

    by_length = sorted(prefixes.items(), key=lambda p: -len(p[1]))

    def short(iri):
        for prefix, ns in by_length:
            if iri.startswith(ns) and "/" not in iri[len(ns):]:
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    for chunk in _subject_chunks(nt, subjects):
        for node in orjson.loads(ox.serialize(_parsed(chunk), format=ox.RdfFormat.JSON_LD)):
            compact = {}
            for key, values in node.items():
                if key == _RDF_TYPE:
                    compact["@type"] = sorted(short(v["@id"]) for v in values)
                elif key.startswith("@"):
                    compact[key] = values
                else:
                    compact[short(key)] = values
            yield "    " + orjson.dumps(compact, option=options).decode("utf-8").replace("\n", "\n    ")


def _subject_chunks(nt, subjects):
    """``nt`` (sorted N-Triples) in pieces of about ``subjects`` subjects, never splitting one."""
    start, count, previous = 0, 0, None
    position = 0
    while position < len(nt):
        end = nt.index("\n", position) + 1
        subject = nt[position:nt.index(" ", position)]
        if subject != previous:
            if count == subjects:
                yield nt[start:position]
                start, count = position, 0
            count, previous = count + 1, subject
        position = end
    if start < len(nt):
        yield nt[start:]


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


# --- parse back -------------------------------------------------------------------------------

_RDF_FORMATS = {".nt": "N_TRIPLES", ".ttl": "TURTLE", ".jsonld": "JSON_LD"}


def counts(name: str, text: str | Path) -> dict[str, int]:
    """What the file ``name`` holding ``text`` (or the file at the path ``text``) parses to:
    ``{"triples": n}`` for RDF, ``{"nodes": n, "edges": m}`` for GraphML and GEXF; raises
    :class:`OutputError` if it does not parse. A file is read as it is parsed, never whole.

    >>> counts("x.nt", '<urn:a> <urn:b> "c" .\\n')
    {'triples': 1}
    >>> counts("x.graphml", "<graphml><graph><node id='a'/><node id='b'/><edge source='a' target='b'/></graph></graphml>")
    {'nodes': 2, 'edges': 1}
    """
    suffix = Path(name).suffix
    try:
        source = {"path": str(text)} if isinstance(text, Path) else {"input": text.encode("utf-8")}
        if suffix in _RDF_FORMATS:
            import pyoxigraph as ox

            # counted as parsed, nothing kept: a store of a corpus's triples took gigabytes (a triple
            # written twice is counted twice, and so fails the comparison with the graph)
            return {"triples": sum(1 for _ in ox.parse(**source, format=getattr(ox.RdfFormat, _RDF_FORMATS[suffix])))}
        if suffix in (".graphml", ".gexf"):
            return _xml_counts(text if isinstance(text, Path) else io.BytesIO(source["input"]))
    except (SyntaxError, ValueError, ET.ParseError) as e:
        raise OutputError(f"{name} does not parse back: {e}") from None
    return {}


def _xml_counts(source):
    """``{"nodes": n, "edges": m}`` of a GraphML or GEXF file, parsed element by element (each
    element emptied once counted: a corpus's GraphML as one tree took gigabytes)."""
    found = {"nodes": 0, "edges": 0}
    for _, element in ET.iterparse(source, events=("end",)):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("node", "edge"):
            found[tag + "s"] += 1
        element.clear()
    return found


def verify(files: dict[str, str], expected: dict[str, dict[str, int]]) -> None:
    """Parse every file of ``{name: text}`` back and compare with ``{name: counts}``;
    raises :class:`OutputError` naming the first file that differs."""
    for name, want in expected.items():
        got = counts(name, files[name])
        if got != want:
            raise OutputError(f"{name} parses back to {got}, not the {want} it was written from; "
                              "nothing was replaced")


# --- publish -----------------------------------------------------------------------------------

def manifest(files: dict[str, str]) -> str:
    """The manifest text of ``{name: text}``: each file's SHA-256, in name order."""
    return _manifest({name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in files.items()})


def _manifest(digests):
    return json.dumps({"files": dict(sorted(digests.items()))}, indent=2, sort_keys=True) + "\n"


class Staging:
    """The files of one build, written one by one into a hidden folder beside ``out`` as they are
    made (so that a build need not hold them all in memory at once), then parsed back
    (:meth:`verify`) and put in place of ``out`` all at once (:meth:`publish`), or thrown away
    (:meth:`discard`). ``names`` are the files the set will hold.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     staged = Staging(Path(tmp) / "out", ["a.nt"])
    ...     staged.write("a.nt", '<urn:a> <urn:b> "c" .\\n')
    ...     staged.verify({"a.nt": {"triples": 1}})
    ...     [p.name for p in staged.publish()]
    ['a.nt', 'manifest.json']
    """

    def __init__(self, out: str | os.PathLike, names: Iterable[str]):
        self.out = Path(out)
        self.digests = {}
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            _clean_leftovers(self.out)
            if self.out.exists():
                _check_ours(self.out, {*names, MANIFEST})
            self.folder = self.out.parent / f".{self.out.name}.new-{os.getpid()}"
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir()
        except OSError as e:
            raise OutputError(f"cannot write {self.out}/: {_reason(e)}") from None

    def write(self, name: str, text: str) -> None:
        """Write ``text`` (UTF-8, ``\\n`` line ends) as the file ``name`` of the set."""
        try:
            with open(self.folder / name, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        except OSError as e:
            self.discard()
            raise OutputError(f"cannot write {self.out}/: {_reason(e)}; nothing was replaced") from None
        self.digests[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()

    def verify(self, expected: dict[str, dict[str, int]]) -> None:
        """Parse every file named in ``{name: counts}`` back from the disk, one at a time, and
        compare; raises :class:`OutputError` naming the first that differs."""
        for name, want in expected.items():
            got = counts(name, self.folder / name)
            if got != want:
                raise OutputError(f"{name} parses back to {got}, not the {want} it was written from; "
                                  "nothing was replaced")

    def publish(self) -> list[Path]:
        """Add the manifest and put the set in place of ``out``; returns the paths written."""
        self.write(MANIFEST, _manifest(self.digests))
        try:
            _swap(self.folder, self.out)
        except OSError as e:
            raise OutputError(f"cannot write {self.out}/: {_reason(e)}; nothing was replaced") from None
        finally:
            self.discard()   # the old folder after a swap, or a failed new one
        return sorted(self.out / name for name in self.digests)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def publish(out: str | os.PathLike, files: dict[str, str]) -> list[Path]:
    """Replace the folder ``out`` with exactly ``{name: text}`` (UTF-8) and a manifest, all or
    nothing (through a :class:`Staging`); returns the paths written.

    Refuses (:class:`OutputError`) when ``out`` holds files that no build wrote, so that a
    mistaken ``--out`` never deletes anybody's work.
    """
    staged = Staging(out, files)
    for name, text in files.items():
        staged.write(name, text)
    return staged.publish()


def _reason(error):
    if error.filename and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return error.strerror or str(error)


def _check_ours(out, files):
    if not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder")
    ours = set(files)
    try:
        ours |= set(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        pass   # no manifest yet: a folder of an older build holds only the files named above
    foreign = sorted(p.name for p in out.iterdir() if p.name not in ours)
    if foreign:
        raise OutputError(f"{out}/ holds files the build did not write ({', '.join(foreign[:5])}); "
                          "move them, or build into another folder with --out")


def _swap(new, out):
    """Put folder ``new`` at ``out``; the old ``out`` (if any) ends up at ``new``."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.rename(out, old)       # a kill between these two renames is undone by _clean_leftovers
    os.rename(new, out)
    os.rename(old, new)


def _exchange(a, b):
    """Swap two paths atomically with Linux's ``renameat2(RENAME_EXCHANGE)``; False where unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):   # EINVAL, ENOSYS, EOPNOTSUPP: not on this kernel or file system
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def _clean_leftovers(out):
    """Remove the staging folders of builds that were killed; put back a folder a killed swap
    left aside."""
    for path in out.parent.glob(f".{glob.escape(out.name)}.*-*"):   # a name may hold [ ] * ?
        kind, _, pid = path.name.rpartition("-")
        if not pid.isdigit() or kind not in (f".{out.name}.new", f".{out.name}.old") or _alive(int(pid)):
            continue
        if kind.endswith(".old") and not out.exists():
            os.rename(path, out)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid):
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
