"""A query before any store sees it: the named questions, a query given by name, file or
text, and what its text would do (update the graph, fetch from elsewhere).

The named questions are the ``.rq`` files of ``queries/``, each starting with the
question in English and Chinese (``# en: …``, ``# zh: …``). Every store refuses an update
(:func:`refuse_updates`) and the endpoint refuses a query that would fetch
(:func:`fetches`), both from the text alone. Imports only :mod:`reportgraph.textformat`
of the package (and rdflib's SPARQL parser, when a query is searched for SERVICE or FROM).
"""

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .textformat import did_you_mean

QUERY_DIR = Path("queries")


class QueryError(ValueError):
    """The query does not parse (the message gives line and column) or cannot be run."""


class UpdateRefused(QueryError):
    """The text is a SPARQL Update: the graph is built from the facts, never edited here."""


@dataclass
class Question:
    """A named competency question of ``queries/``."""

    name: str
    path: Path
    en: str
    zh: str
    text: str


def questions(root: str | os.PathLike = ".") -> dict[str, Question]:
    """The named questions of ``root/queries``, by name.

    >>> import shutil, tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "queries").mkdir()
    >>> _ = (root / "queries" / "organisers.rq").write_text(
    ...     "# en: Who organised it?\\n# zh: 由谁主办?\\nSELECT ?o {}", encoding="utf-8")
    >>> q = questions(root)["organisers"]
    >>> q.en, q.zh, q.path == root / "queries" / "organisers.rq"
    ('Who organised it?', '由谁主办?', True)
    >>> shutil.rmtree(root)
    """
    out = {}
    for path in sorted(Path(root, QUERY_DIR).glob("*.rq")):
        try:
            text = _read_query(path)
        except QueryError as e:
            raise QueryError(f"{path}: {e}") from None
        head = text.splitlines()[:2] + ["", ""]
        out[path.stem] = Question(path.stem, path, head[0].removeprefix("# en: "),
                                  head[1].removeprefix("# zh: "), text)
    return out


#: Words a SPARQL query starts with or is made of; text with one of them, even misspelt,
#: is a query attempt (it goes to the parser, whose message says what is wrong).
_KEYWORDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "WHERE")


def resolve(root: str | os.PathLike, spec: str) -> tuple[str, str]:
    """``(name, text)`` of a query given as a question name (of ``root/queries``), a ``.rq``
    file, or SPARQL text.

    Raises :class:`QueryError` with a message that does not repeat ``spec`` (the caller
    names it): an unknown name gets the nearest question names.

    >>> import shutil, tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "queries").mkdir()
    >>> _ = (root / "queries" / "keynotes.rq").write_text("SELECT ?k {}", encoding="utf-8")
    >>> resolve(root, "keynotes"), resolve(root, "SELEC ?x")
    (('keynotes', 'SELECT ?k {}'), ('query', 'SELEC ?x'))
    >>> resolve(root, "keynote")
    Traceback (most recent call last):
    ...
    reportgraph.queries.QueryError: neither a named question (python build_graph.py query --list), a .rq file, nor a SPARQL query; did you mean keynotes?
    >>> shutil.rmtree(root)
    """
    named = questions(root)
    if spec in named:
        return spec, named[spec].text
    path = Path(spec)
    one_line = len(spec) < 300 and "\n" not in spec
    if spec.endswith(".rq") or (one_line and path.exists() and not _looks_like_sparql(spec)):
        if path.is_dir():
            raise QueryError("is a folder, not a query file")
        if not path.exists():
            raise QueryError("no such query file" + did_you_mean(path.stem, named, " (a named question)"))
        return str(path), _read_query(path)
    if _looks_like_sparql(spec):
        return "query", spec
    raise QueryError("neither a named question (python build_graph.py query --list), a .rq file, "
                     "nor a SPARQL query" + did_you_mean(spec, named))


def _looks_like_sparql(text):
    """Whether ``text`` is an attempt at a query: it has a ``?variable``, a ``{``, or a keyword
    (misspelt or not) as its first word, or a keyword anywhere."""
    if re.search(r"[?$]\w|\{", text):
        return True
    words = re.findall(r"[A-Za-z]+", text)
    if any(w.upper() in _KEYWORDS for w in words):
        return True
    first = text.split()[0] if text.split() else ""
    return first.isalpha() and bool(difflib.get_close_matches(first.upper(), _KEYWORDS, n=1, cutoff=0.8))


def _read_query(path):
    """The text of the query file at ``path``; :class:`QueryError` if it is not readable UTF-8."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise QueryError(f"cannot read: {e.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise QueryError(f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
                         f"a query file is SPARQL text") from None


# --- what the text would do ----------------------------------------------------------------------

def refuse_updates(text: str) -> None:
    """Raise :class:`UpdateRefused` if ``text`` is a SPARQL Update (every store calls this first)."""
    if is_update(text):
        raise UpdateRefused("this is a SPARQL Update; the graph is read-only here: it is built from "
                            "the reports' facts (python build_graph.py)")


def is_update(text: str) -> bool:
    """Whether ``text`` looks like a SPARQL Update (which this project never runs)."""
    body = re.sub(r"#[^\n]*", "", text)
    body = re.sub(r"(?is)\bPREFIX\s+\S*\s*<[^>]*>|\bBASE\s*<[^>]*>", "", body)
    return re.match(r"(?is)\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", body) is not None


def fetches(text: str) -> list[str]:
    """The parts of a query that would make a store read a URL or a file, as written, best first.

    ``SERVICE`` makes both stores fetch its IRI (rdflib over ``urllib``, so ``file:`` too;
    Oxigraph over HTTP); ``FROM`` and ``FROM NAMED`` make rdflib load their IRI into a
    dataset. They are found in rdflib's parse tree, so a comment, a string or a name that
    merely says "SERVICE" is not taken for one. A query rdflib cannot parse (malformed, or
    in syntax only Oxigraph knows) is searched for the word instead, which errs towards
    finding one.

    >>> fetches('SELECT * WHERE { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>')
    []
    >>> fetches("SELECT * FROM <http://a/> WHERE { FILTER EXISTS { SERVICE <http://b/> {} } }")
    ['SERVICE <http://b/>', 'FROM <http://a/>']
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    expanded = expandUnicodeEscapes(text)
    if not re.search(r"(?i)SERVICE|FROM", expanded):
        return []   # neither keyword is there to be parsed: no need to parse (rdflib's parser is slow)
    try:
        tree = parseQuery(text)
    except ParseException:
        words = re.findall(r"(?i)(?<![\w?$:])SERVICE(?![\w:])", expanded)
        return ["SERVICE"] if words else []
    except Exception:   # rdflib's parser fails in other ways on odd input: assume the worst
        return ["SERVICE"] if re.search(r"(?i)SERVICE", text) else []
    services, datasets = [], []

    def term(t):   # an IRI, a variable, or a prefixed name as written (not yet expanded)
        if isinstance(t, CompValue):   # (CompValue.get(k) gives k itself when k is missing)
            return f"{t['prefix'] if 'prefix' in t else ''}:{t['localname'] if 'localname' in t else ''}"
        return t.n3()

    def walk(node):
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                services.append(f"SERVICE {term(node['term'])}")
            elif node.name == "DatasetClause":
                datasets.append(f"FROM NAMED {term(node['named'])}" if "named" in node
                                else f"FROM {term(node['default'])}")
            children = node.values()
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            children = node
        else:
            return
        for child in children:
            walk(child)

    walk(tree)
    return services + datasets
