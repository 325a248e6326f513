"""Publish the build's folder all or nothing: files staged as they are made, checked, swapped in.

:func:`publish` writes the whole set into a hidden sibling folder, with a manifest
naming each file and its SHA-256, and then swaps that folder with the old one in one
``rename`` (``renameat2(RENAME_EXCHANGE)`` where Linux has it). A build killed at any
moment leaves either the old folder or the new one, never a mix; what a killed build
left behind is removed by the next one.
"""

import ctypes
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

from . import cache
from .output import Framed, OutputError

MANIFEST = "manifest.json"


def manifest(files: dict[str, str]) -> str:
    """The manifest text of ``{name: text}``: each file's SHA-256, in name order."""
    return _manifest({name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in files.items()})


def _manifest(digests):
    return json.dumps({"files": dict(sorted(digests.items()))}, indent=2, sort_keys=True) + "\n"


class Staging:
    """The files of one build, written one by one into a hidden folder beside ``out`` as they are
    made (so that a build need not hold them all in memory at once), then parsed back from the disk
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

    def write(self, name: str, text: str | bytes | Iterable[bytes]) -> None:
        """Write ``text`` (UTF-8, ``\\n`` line ends; or its UTF-8 bytes, or pieces of them written one
        after the other as they come) as the file ``name`` of the set."""
        digest = hashlib.sha256()
        pieces = [text.encode("utf-8")] if isinstance(text, str) else [text] if isinstance(text, bytes) else text
        try:
            with open(self.folder / name, "wb") as f:
                for piece in pieces:
                    f.write(piece)
                    digest.update(piece)
        except OSError as e:
            self.discard()
            raise OutputError(f"cannot write {self.out}/: {_reason(e)}; nothing was replaced") from None
        self.digests[name] = digest.hexdigest()

    def verify(self, expected: dict[str, dict[str, int]]) -> None:
        """Parse every file named in ``{name: counts}`` back from the disk, one at a time, and
        compare; raises :class:`OutputError` naming the first that differs."""
        for name, want in expected.items():
            _same(name, counts(name, self.folder / name), want)

    def verify_rdf(self, name: str, pieces: Iterable[bytes], triples: int, parsed: "Parsed | None" = None) -> None:
        """:meth:`verify` the RDF file ``name``, written from ``pieces``, to ``triples`` triples. When those are
        an :class:`reportgraph.output.Framed`, the file is read back a body at a time and each body parsed
        between the head and the tail, unless ``parsed`` has counted the triples of those bytes before: a
        rebuild parses again only the bodies that changed (one report of 100 changed: 6 bodies of 261, 0.23 s
        against 3.0 s for the three files whole). Each body parses alone so, and the separators hold between
        bodies (nothing for N-Triples and Turtle, whose bodies end their lines; a comma in JSON-LD's list of
        nodes), so the whole parses to the triples of all: a file read back otherwise than it was framed is
        parsed whole."""
        got = self._framed_count(name, pieces, parsed or Parsed()) if isinstance(pieces, Framed) else None
        if got is None:
            self.verify({name: {"triples": triples}})
        else:
            _same(name, {"triples": got}, {"triples": triples})

    def _framed_count(self, name, framed, parsed):
        """The triples of the file ``name`` read back a body at a time, or None if it is not ``framed`` so."""
        if not framed.lengths:
            return None
        got = 0
        with open(self.folder / name, "rb") as f:
            if f.read(len(framed.head)) != framed.head:
                return None
            for i, length in enumerate(framed.lengths):
                body = f.read(length) if not i or f.read(len(framed.sep)) == framed.sep else b""
                if not body or len(body) != length or not (framed.sep or body.endswith(b"\n")):
                    return None
                got += parsed.count(name, framed.head, body, framed.tail)
            if f.read(len(framed.tail)) != framed.tail or f.read(1):
                return None
        return got

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


def _same(name, got, want):
    """Raise :class:`OutputError` if the file ``name`` parsed back to ``got``, not to the ``want`` it was written from."""
    if got != want:
        raise OutputError(f"{name} parses back to {got}, not the {want} it was written from; nothing was replaced")


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


# --- parse back -------------------------------------------------------------------------------

_RDF_FORMATS = {".nt": "N_TRIPLES", ".ttl": "TURTLE", ".jsonld": "STREAMING_JSON_LD"}   # JSON-LD as it is written


def counts(name: str, text: str | bytes | Path) -> dict[str, int]:
    """What the file ``name`` holding ``text`` (or its UTF-8, or the file at the path ``text``) parses to:
    ``{"triples": n}`` for RDF, ``{"nodes": n, "edges": m}`` for GraphML and GEXF; raises
    :class:`OutputError` if it does not parse. A file is read as it is parsed, never whole.

    >>> counts("x.nt", '<urn:a> <urn:b> "c" .\\n')
    {'triples': 1}
    >>> counts("x.graphml", "<graphml><graph><node id='a'/><node id='b'/><edge source='a' target='b'/></graph></graphml>")
    {'nodes': 2, 'edges': 1}
    """
    suffix = Path(name).suffix
    try:
        source = {"path": str(text)} if isinstance(text, Path) else {
            "input": text if isinstance(text, bytes) else text.encode("utf-8")}
        if suffix in _RDF_FORMATS:
            import pyoxigraph as ox

            # counted as parsed, nothing kept: a store of a corpus's triples took gigabytes (a triple
            # written twice is counted twice, and so fails the comparison with the graph)
            return {"triples": sum(1 for _ in ox.parse(**source, format=getattr(ox.RdfFormat, _RDF_FORMATS[suffix])))}
        if suffix in (".graphml", ".gexf"):
            with open(text, "rb") if isinstance(text, Path) else io.BytesIO(source["input"]) as f:
                return _xml_counts(f)
    except (SyntaxError, ValueError, ET.ParseError) as e:
        raise OutputError(f"{name} does not parse back: {e}") from None
    return {}


class Parsed(cache.Kept):
    """The triples counted in each body of an RDF file parsed back (:meth:`Staging.verify_rdf`), by the digest
    of its format, head, tail and bytes. With a ``path``, what the last build counted is read from there
    (:class:`reportgraph.cache.Kept`, with the digest of this module and of Oxigraph's version) and
    :meth:`save` keeps what this one counted."""

    def __init__(self, path: Path | None = None):
        super().__init__(path, self._key)

    @staticmethod
    def _key():
        import pyoxigraph as ox

        return cache.digest(Path(__file__).read_bytes(), ox.__version__.encode())

    def count(self, name: str, head: bytes, body: bytes, tail: bytes) -> int:
        """The triples of ``body`` between ``head`` and ``tail``, in the format of the file ``name`` (raises
        :class:`OutputError` naming it if they do not parse)."""
        return self.get((Path(name).suffix.encode(), head, tail), body,
                        lambda text: counts(name, head + text + tail)["triples"])


_TAG = re.compile(rb"<(node|edge)[\s/>]")   # a node's or an edge's tag, as _xml_counts counts them


def _xml_counts(source):
    """``{"nodes": n, "edges": m}`` of a GraphML or GEXF file (a binary file object): its elements whose
    tag is written ``node`` or ``edge``, unprefixed, as the writers here write them. Parsed by expat,
    namespaces checked, as it is read (no tree: a corpus's GraphML as one took gigabytes), with no
    handler called for each element (in GEXF, where every value is an element, those calls were most
    of the time): the tags are counted in the bytes read, as ``<node`` or ``<edge`` followed by a space,
    ``/`` or ``>``. In well-formed XML with no comment, CDATA section, processing instruction or
    document type, every ``<`` opens or closes a tag, so that count is the elements'. A file that has
    any of those is read again and its elements counted as expat meets them.

    >>> import io
    >>> _xml_counts(io.BytesIO(b"<g><nodes><node id='a'/><node\tid='b'></node></nodes><edge/></g>"))
    {'nodes': 2, 'edges': 1}
    >>> _xml_counts(io.BytesIO(b"<g><!-- <node/> --><node/><x:node xmlns:x='urn:x'/></g>"))
    {'nodes': 1, 'edges': 0}
    """
    from xml.parsers import expat

    found, other = {"nodes": 0, "edges": 0}, []
    parser = expat.ParserCreate(namespace_separator=" ")
    for event in ("CommentHandler", "StartCdataSectionHandler", "ProcessingInstructionHandler",
                  "StartDoctypeDeclHandler"):
        setattr(parser, event, lambda *_: other.append(True))
    carried = b""   # the last bytes read, where a tag may begin that the next block ends
    try:
        for block in iter(lambda: source.read(1 << 20), b""):
            parser.Parse(block, False)
            text = carried + block
            tags = _TAG.findall(text)
            found["nodes"] += tags.count(b"node")
            found["edges"] += tags.count(b"edge")
            carried = text[-len(b"<node"):]   # a tag's six bytes are whole in this text or in the next
        parser.Parse(b"", True)
    except expat.ExpatError as e:
        raise ET.ParseError(str(e)) from None
    if other:
        source.seek(0)
        return _xml_counts_by_element(source)
    return found


def _xml_counts_by_element(source):
    """:func:`_xml_counts` of a well-formed file, counted as expat meets each element."""
    from xml.parsers import expat

    found = {"nodes": 0, "edges": 0}
    names = {"node": "nodes", "edge": "edges"}

    def start(name, _):
        if name in names:
            found[names[name]] += 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.ParseFile(source)
    return found
