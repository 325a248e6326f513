"""What a build keeps under the project, in ``.reportgraph-cache/`` (:attr:`reportgraph.paths.Paths.cache`),
to do less the next time: each report as loaded, each report's SHACL findings, and the Turtle and
JSON-LD of each chunk of the N-Triples (:class:`reportgraph.output.Made`), the triples counted in each
piece of the RDF files parsed back (:class:`reportgraph.staging.Parsed`); and, for ``--reason``, the
graph's OWL-RL closure (:mod:`reportgraph.sparql`). Each is kept with the digest of all it was made from
(its files or triples, the registry's, the shapes, the ontology, the code that made it).

Never an input: a file that is missing, cannot be read, or was made from anything else is no cache,
the work is done again, and the folder can be deleted at any time. It lives under the project, as
the code that reads it does: pickles are read from there alone.
"""

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .paths import CACHE


def digest(*parts: bytes) -> bytes:
    """The SHA-256 of ``parts`` one after the other, each preceded by its length (so that no two
    lists of parts share one)."""
    out = hashlib.sha256()
    for part in parts:
        out.update(len(part).to_bytes(8, "big"))
        out.update(part)
    return out.digest()


@lru_cache(maxsize=1)
def code() -> bytes:
    """The digest of this package's source files: what other code made is no cache."""
    package = Path(__file__).parent
    return digest(*(p.name.encode() + p.read_bytes() for p in sorted(package.glob("*.py"))))


def read_pickle(path: Path, key: bytes) -> object | None:
    """What :func:`write_pickle` kept in ``path`` with ``key``; None if nothing was, or with another key."""
    try:
        with open(path, "rb") as f:
            if pickle.load(f) != key:     # the key first: a stale file is not read through
                return None
            return pickle.load(f)
    except Exception:   # missing, unreadable, or not what this module wrote: no cache
        return None


def write_pickle(path: Path, key: bytes, value: object) -> None:
    """Keep ``value`` in ``path`` with ``key`` (nothing happens where the folder cannot be written),
    pickled straight into the file (no copy of a large value in memory)."""
    _write(path, lambda f: (pickle.dump(key, f, protocol=pickle.HIGHEST_PROTOCOL),
                            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)))


class Kept:
    """Values made from bytes, each known by the digest of what made it (``kind``, then the bytes): with a
    ``path``, what the last build made is read from there with ``key`` (the digest of the code and versions
    that make them) and :meth:`save` keeps what this one used; with none, each is made afresh. What
    :class:`reportgraph.output.Made` and :class:`reportgraph.staging.Parsed` keep."""

    def __init__(self, path: Path | None, key: Callable[[], bytes]):
        self.path, self.used = path, {}
        self._key = key() if path else b""
        self.kept = (read_pickle(path, self._key) if path else None) or {}

    def get(self, kind: tuple[bytes, ...], data: bytes, make: Callable[[bytes], object]) -> object:
        """``make(data)``, or what it made before (a value moves from the last build's to this one's: the two
        are never both whole in memory)."""
        if self.path is None:
            return make(data)
        key = digest(*kind, data)
        found = self.used.get(key)
        if found is None:
            found = self.kept.pop(key, None)
        if found is None:
            found = make(data)
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep what this build used (and nothing else) for the next."""
        if self.path:
            write_pickle(self.path, self._key, self.used)


def made_once(path: Path, key: bytes, make: Callable[[], object]) -> object:
    """What is kept in ``path`` with ``key`` (:func:`read_pickle`), else ``make()``, kept there: made by one
    process at a time (a lock beside ``path``), so that processes started together (the workers of ``serve
    --reason``) make it once and the others read it. Without a lock (no fcntl, a folder that cannot be
    written), each makes its own."""
    kept = read_pickle(path, key)
    if kept is not None:
        return kept
    try:
        import fcntl

        _folder(path)
        lock = open(path.with_name(f".{path.name}.lock"), "w")
    except (ImportError, OSError):
        lock = None
    try:
        if lock is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)   # released when closed, or when the process holding it ends
            kept = read_pickle(path, key)      # made while this process waited
            if kept is not None:
                return kept
        made = make()
        write_pickle(path, key, made)
        return made
    finally:
        if lock is not None:
            lock.close()


def read_json(path: Path | None) -> dict:
    """The JSON object :func:`write_json` kept in ``path``; empty if none."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (AttributeError, OSError, ValueError):   # no path, no file, not JSON
        return {}
    return kept if isinstance(kept, dict) else {}


def write_json(path: Path | None, value: dict) -> None:
    """Keep the JSON object ``value`` in ``path`` (nothing happens for no path, or one that cannot be written)."""
    if path is not None:
        data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
        _write(path, lambda f: f.write(data))


def _write(path, write):
    """``write(file)`` into ``path`` at once (written aside, then renamed over it: a build reading it at the
    same time reads the old file or the new one); the cache folder gets a .gitignore that ignores it all."""
    try:
        _folder(path)
        staged = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            with open(staged, "wb") as f:
                write(f)
            os.replace(staged, path)
        finally:
            staged.unlink(missing_ok=True)    # a file half written (a full disk) is not left behind
    except OSError:   # a folder that cannot be written: no cache, the same results
        pass


def _folder(path):
    """Make the folder of ``path``; the cache folder gets a .gitignore that ignores it all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    top = next((p for p in (path.parent, *path.parent.parents) if p.name == CACHE), path.parent)
    if not (top / ".gitignore").exists():
        (top / ".gitignore").write_text("# made by reportgraph's build, which makes it again when it is gone\n*\n")
