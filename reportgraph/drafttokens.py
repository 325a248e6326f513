"""The draft's tokenizer: jieba's part-of-speech tagger, its dictionary read only for the characters
of the texts it cuts.

jieba (0.42.1, pinned) reads its whole dictionary once a process: about 500,000 words and prefixes,
unmarshalled from its cache with one read call per object (1.2 s on a slow 2-core machine), and,
when ``jieba.posseg`` is imported, the part-of-speech table parsed from dict.txt (0.5 s). A cut
only looks up substrings of its text, so the draft keeps a cache of its own in the temporary folder,
made once a machine from jieba's dictionary: the words and prefixes with their frequencies and tags,
one marshalled chunk per first character. Before a text is cut, the chunks of its characters not yet
read are added (0.2 s for the first report's 700 characters). The tokens are those of jieba's
tokenizer with the whole dictionary; a test compares them on every fixture text.

jieba's global state is left as jieba makes it. ``jieba.posseg`` is imported with jieba's global
tokenizer pointed at an empty dictionary for the import alone (the module's global tagger would
read the table at import), and that global tagger is then made as jieba makes it on its first use;
``pkg_resources``, which jieba tries first to open its files (0.2 s to import), is kept out of that
import, so jieba opens them with ``open``.
"""

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path

_TOKENIZERS: dict[frozenset, "_Tokenizer"] = {}


class _Tokenizer:
    """A ``jieba.posseg.POSTokenizer`` of its own over the chunks of the dictionary read so far."""

    def __init__(self, chunks: dict, total: int, people: frozenset):
        jieba, posseg = _jieba()
        self.chunks, self.read = chunks, set()
        base = jieba.Tokenizer()
        base.FREQ, base.total, base.initialized = {}, total, True
        self.pos = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
        self.pos.tokenizer, self.pos.word_tag_tab = base, {}
        self._read(w[:1] for w in people)      # before the people's words, so theirs win
        for word in sorted(people):
            base.add_word(word, freq=2000, tag="nr")

    def _read(self, characters) -> None:
        for c in set(characters) - self.read:
            self.read.add(c)
            if c in self.chunks:
                freq, tags = marshal.loads(self.chunks[c])
                self.pos.tokenizer.FREQ.update(freq)
                self.pos.word_tag_tab.update(tags)

    def cut(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, tag)`` of every token of ``text``."""
        self._read(text)
        out, i = [], 0
        for word, flag in self.pos.cut(text, HMM=True):
            out.append((i, i + len(word), flag))
            i += len(word)
        return out


def tokens(text: str, people: frozenset = frozenset()) -> list[tuple[int, int, str]]:
    """``(start, end, tag)`` of every token of ``text``, with ``people``'s names as words tagged
    ``nr``. The tokenizer is made once per set of people (the last one kept).

    >>> [(s, e, t) for s, e, t in tokens("王明出席会议。", frozenset({"王明"}))][0]
    (0, 2, 'nr')
    """
    return tokenizer(people).cut(text)


def tokenizer(people: frozenset = frozenset()) -> _Tokenizer:
    """The tokenizer with ``people``'s names as words, its dictionary's index loaded."""
    if people not in _TOKENIZERS:
        total, chunks = _chunks()
        _TOKENIZERS.clear()
        _TOKENIZERS[people] = _Tokenizer(chunks, total, people)
    return _TOKENIZERS[people]


def _jieba():
    """``(jieba, jieba.posseg)``, imported without reading the part-of-speech table (see above)."""
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba"], sys.modules["jieba.posseg"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None     # an ImportError for jieba._compat
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    dictionary, jieba.dt.dictionary = jieba.dt.dictionary, os.devnull
    try:
        import jieba.posseg as posseg
    finally:
        jieba.dt.dictionary = dictionary
    posseg.dt = _Later(posseg, jieba.dt)
    return jieba, posseg


class _Later:
    """``jieba.posseg.dt`` until first used, then jieba's own, made as jieba makes it."""

    def __init__(self, posseg, tokenizer):
        self._posseg, self._tokenizer = posseg, tokenizer

    def __getattr__(self, name: str):
        made = self._posseg.POSTokenizer(self._tokenizer)
        self._posseg.dt = made
        return getattr(made, name)


def _cache_path(dictionary: Path, version: str) -> Path:
    """The chunks' cache file for jieba's ``dictionary`` file as it stands (version, size, time)."""
    stat = dictionary.stat()
    mark = f"{version} {stat.st_size} {stat.st_mtime_ns}"
    return Path(tempfile.gettempdir()) / f"reportgraph-jieba-{hashlib.sha256(mark.encode()).hexdigest()[:16]}.marshal"


def _chunks() -> tuple[int, dict]:
    """``(total, {first character: marshalled ({word: frequency}, {word: tag})})`` of jieba's
    dictionary, from the cache when it is there and this user's, else made and cached."""
    jieba, _ = _jieba()
    path = _cache_path(Path(jieba.__file__).parent / "dict.txt", jieba.__version__)
    try:
        if path.stat().st_uid == os.getuid():
            total, chunks = marshal.loads(path.read_bytes())
            if isinstance(total, int) and isinstance(chunks, dict):
                return total, chunks
    except (OSError, EOFError, ValueError, TypeError):
        pass
    total, chunks = _made()
    try:
        handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    except OSError:
        return total, chunks      # an unwritable temporary folder: the chunks serve this process alone
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps((total, chunks)))
        os.replace(scratch, path)
    except OSError:
        Path(scratch).unlink(missing_ok=True)
    return total, chunks


def _made() -> tuple[int, dict]:
    """The chunks of jieba's whole dictionary, as jieba reads it (its frequencies and prefixes,
    its part-of-speech table)."""
    jieba, posseg = _jieba()
    base = jieba.Tokenizer()
    base.tmp_dir = tempfile.gettempdir()
    base.initialize()
    tags = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    tags.load_word_tag(base.get_dict_file())
    grouped: dict[str, tuple[dict, dict]] = {}
    for word, freq in base.FREQ.items():
        grouped.setdefault(word[0], ({}, {}))[0][word] = freq
    for word, tag in tags.word_tag_tab.items():
        grouped.setdefault(word[0], ({}, {}))[1][word] = tag
    return base.total, {c: marshal.dumps(parts) for c, parts in grouped.items()}
