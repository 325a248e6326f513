"""SPARQL over the built graph: the named questions, two stores, and the result formats.

The graph is read from ``graph/knowledge_graph.nt`` (the build's output; never the
YAML). Two stores answer the same SPARQL 1.1:

- ``rdflib`` (the default): the graph in memory;
- ``oxigraph:PATH``: an on-disk Oxigraph store (pyoxigraph) at PATH, loaded from the
  N-Triples file on first use and reloaded whenever the file changes, for graphs that
  outgrow memory or rdflib's query planner.

Either way a query gives an :class:`Answer` that holds an rdflib ``Result``, so both
stores print and serialise through the same code (SPARQL JSON, XML, CSV, TSV; Turtle
or JSON-LD for CONSTRUCT and DESCRIBE).
"""

import difflib
import hashlib
import re
import unicodedata
from decimal import Decimal
from itertools import islice
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import SKOS, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.query import Result

from .vocab import bind_prefixes, namespaces

GRAPH_FILE = Path("graph") / "knowledge_graph.nt"
QUERY_DIR = Path("queries")

#: ``--format`` -> (rdflib result serialiser, media type) for SELECT and ASK results
RESULT_FORMATS = {
    "json": ("json", "application/sparql-results+json"),
    "xml": ("xml", "application/sparql-results+xml"),
    "csv": ("csv", "text/csv"),
    "tsv": ("tsv", "text/tab-separated-values"),
}
#: graph format -> (rdflib serialiser, media type) for CONSTRUCT and DESCRIBE results
GRAPH_FORMATS = {
    "turtle": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
    "nt": ("nt", "application/n-triples"),
}


class QueryError(ValueError):
    """The query does not parse (the message gives line and column) or cannot be run."""


class UpdateRefused(QueryError):
    """The text is a SPARQL Update: the graph is built from the facts, never edited here."""


class StoreError(RuntimeError):
    """The store cannot be opened: a missing graph file, an unknown store spec."""


@dataclass
class Question:
    """A named competency question of ``queries/``."""

    name: str
    path: Path
    en: str
    zh: str
    text: str


def questions(root="."):
    """The named questions of ``root/queries``, by name.

    >>> q = questions()["organisers-of-docking-activity"]
    >>> q.zh
    '2023中国产业转移发展对接活动(广西)由谁主办?'
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


def resolve(root, spec):
    """``(name, text)`` of a query given as a question name, a ``.rq`` file, or SPARQL text.

    Raises :class:`QueryError` with a message that does not repeat ``spec`` (the caller
    names it): an unknown name gets the nearest question names.

    >>> resolve(".", "organizers-of-docking-activity")
    Traceback (most recent call last):
    ...
    reportgraph.sparql.QueryError: neither a named question (python build_graph.py query --list), a .rq file, nor a SPARQL query; did you mean organisers-of-docking-activity?
    >>> resolve(".", "SELEC ?x")
    ('query', 'SELEC ?x')
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


def did_you_mean(text, names, note=""):
    """``"; did you mean A, B?"``: the names nearest to ``text`` (difflib, case ignored), or "".

    >>> did_you_mean("keynote", ["keynotes", "posts-of-ge-guoke"])
    '; did you mean keynotes?'
    """
    folded = {}
    for name in names:
        folded.setdefault(str(name).casefold(), str(name))
    near = difflib.get_close_matches(text.strip().casefold(), list(folded), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(folded[n] for n in near)}{note}?" if near else ""


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


@dataclass
class Answer:
    """What a query gave: ``result`` is an rdflib ``Result`` whatever the store."""

    result: Result

    @property
    def kind(self):
        return self.result.type   # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"

    def rows(self):
        """SELECT rows as tuples of rdflib terms (None where unbound)."""
        return [tuple(row.get(v) for v in self.result.vars) for row in self.result.bindings]

    def serialise(self, fmt):
        """Bytes of the answer in ``fmt`` (a key of RESULT_FORMATS or GRAPH_FORMATS)."""
        if self.kind in ("CONSTRUCT", "DESCRIBE"):
            graph = bind_prefixes(self.result.graph)
            return graph.serialize(format=GRAPH_FORMATS[fmt][0]).encode("utf-8")
        if fmt == "tsv":
            return _tsv(self.result)
        return self.result.serialize(format=RESULT_FORMATS[fmt][0])


def _tsv(result):
    """SPARQL 1.1 TSV (rdflib has no serialiser for it): terms in N-Triples syntax."""
    if result.type == "ASK":
        return b"?_askResult\n" + (b"true\n" if result.askAnswer else b"false\n")
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result.bindings:
        lines.append("\t".join("" if row.get(v) is None else   # N-Triples: no line breaks
                               (_quoteLiteral(row[v]) if isinstance(row[v], Literal) else row[v].n3())
                               .replace("\t", "\\t") for v in result.vars))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _rdflib_term(term):
    """An rdflib term for a pyoxigraph term (plain literals stay plain, as rdflib has them)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


class RdflibStore:
    """The graph in memory, queried by rdflib."""

    name = "rdflib"

    def __init__(self, graph):
        self.graph = graph

    def __len__(self):
        return len(self.graph)

    def query(self, text, max_rows=None):
        """The :class:`Answer` to ``text``. (rdflib materialises every row; ``max_rows`` is
        accepted for a common signature, and the caller checks the count.)"""
        from pyparsing import ParseException

        refuse_updates(text)
        try:
            return Answer(self.graph.query(text))
        except ParseException as e:
            raise QueryError(f"line {e.lineno}, column {e.col}: {e.msg}: {e.line.strip()!r}") from None
        except Exception as e:   # rdflib reports unknown prefixes and the like this way
            raise QueryError(f"{type(e).__name__}: {e}") from None


class OxigraphStore:
    """An Oxigraph store (pyoxigraph), on disk or in memory."""

    name = "oxigraph"

    def __init__(self, store):
        self.store = store

    def __len__(self):
        return len(self.store)

    def query(self, text, max_rows=None):
        """The :class:`Answer` to ``text``; with ``max_rows`` a SELECT stops after ``max_rows + 1``
        rows, enough to tell that a result is over a cap without reading all of it."""
        refuse_updates(text)
        try:
            results = self.store.query(text)
        except SyntaxError as e:
            raise QueryError(str(e)) from None
        except (OSError, ValueError) as e:
            raise QueryError(f"{type(e).__name__}: {e}") from None
        try:   # the results are lazy: an error while they are read is the query's too
            return Answer(self._result(results, max_rows))
        except (OSError, ValueError) as e:
            raise QueryError(f"{type(e).__name__}: {e}") from None

    @staticmethod
    def _result(results, max_rows):
        """An rdflib ``Result`` holding what Oxigraph's ``results`` give (SELECT rows up to the cap)."""
        import pyoxigraph as ox

        if isinstance(results, (bool, getattr(ox, "QueryBoolean", bool))):
            result = Result("ASK")
            result.askAnswer = bool(results)
        elif isinstance(results, ox.QuerySolutions):
            result = Result("SELECT")
            result.vars = [Variable(v.value) for v in results.variables]
            names = [v.value for v in results.variables]
            rows = results if max_rows is None else islice(results, max_rows + 1)
            result.bindings = [
                {Variable(n): _rdflib_term(s[n]) for n in names if s[n] is not None} for s in rows]
        else:
            result = Result("CONSTRUCT")
            graph = Graph()
            for t in results:
                graph.add((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)))
            result.graph = graph
        return result


def graph_file(root="."):
    path = Path(root, GRAPH_FILE)
    if not path.exists():
        raise StoreError(f"{path}: no built graph; run python build_graph.py first")
    return path


def reasoned(graph, root="."):
    """``graph`` with ``ontology.ttl`` and their OWL-RL closure (owlrl): subclasses, inverses …"""
    import owlrl

    out = Graph()
    out += graph
    out.parse(Path(root, "ontology.ttl"))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(out)
    return out


def prepare(root=".", spec="rdflib"):
    """Make sure the store ``spec`` holds the current graph (loads an Oxigraph store on disk)."""
    if spec.startswith("oxigraph:"):
        store = open_store(root, spec)
        del store   # closes it, so that other processes can open it read-only


def open_store(root=".", spec="rdflib", reason=False, read_only=False):
    """The store ``spec`` names (``rdflib`` or ``oxigraph:PATH``) holding the built graph.

    With ``reason`` the graph is first closed under OWL-RL with the ontology; an Oxigraph
    store then lives in memory so that the store on disk keeps the plain graph. With
    ``read_only`` an Oxigraph store on disk is opened read-only, as it is (several
    processes may do so at once; :func:`prepare` it first).
    """
    path = graph_file(root)
    if spec == "rdflib":
        graph = Graph().parse(path, format="nt")
        return RdflibStore(reasoned(graph, root) if reason else graph)
    if spec.startswith("oxigraph:") and spec != "oxigraph:":
        import pyoxigraph as ox

        if reason:
            store = ox.Store()
            data = reasoned(Graph().parse(path, format="nt"), root).serialize(format="nt")
            store.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            return OxigraphStore(store)
        directory = Path(root, spec.removeprefix("oxigraph:"))
        if read_only:
            return OxigraphStore(ox.Store.read_only(str(directory)))
        return OxigraphStore(_oxigraph_on_disk(directory, path))
    raise StoreError(f"unknown store {spec!r}: use rdflib or oxigraph:PATH")


_STAMP = URIRef("https://reportgraph.example/ontology#loadedFrom")


def _oxigraph_on_disk(directory, nt):
    """The Oxigraph store in ``directory``, (re)loaded from ``nt`` if it holds another version.

    A current store is opened read-only, so that ``query`` can share it with a running
    ``serve``; only a missing or stale one is opened for writing and loaded.
    """
    import pyoxigraph as ox

    digest = hashlib.sha256()
    with open(nt, "rb") as f:   # in blocks: the file may be larger than memory allows twice
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    digest = digest.hexdigest()
    stamp_graph = ox.NamedNode(str(_STAMP))

    def stamps(store):
        return [q.object.value for q in store.quads_for_pattern(None, None, None, stamp_graph)]

    if directory.exists():
        try:
            store = ox.Store.read_only(str(directory))
            if stamps(store) == [digest]:
                return store
            del store
        except OSError:
            pass   # not (yet) an Oxigraph store: made below
    store = ox.Store(str(directory))
    if stamps(store) != [digest]:
        store.clear()
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        store.add(ox.Quad(ox.NamedNode(nt.resolve().as_uri()), ox.NamedNode(str(_STAMP)),
                          ox.Literal(digest), stamp_graph))
        store.flush()
    return store


# --- the readable table --------------------------------------------------------------------

def labels(store, iris, lang="zh"):
    """``{iri: label}``: the ``skos:prefLabel`` in ``lang`` of each IRI that has one."""
    iris = sorted({str(i) for i in iris})
    out = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{i}>" for i in iris[start:start + 500])
        answer = store.query(f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s <{SKOS.prefLabel}> ?l "
                             f"FILTER (lang(?l) = '{lang}') }}")
        out.update({str(s): str(label) for s, label in answer.rows()})
    return out


def _width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(term, names, curie):
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return names.get(str(term)) or curie(term)
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        value = term.toPython()   # one form whatever the store: 3.0 and 3 are the same decimal
        finite = isinstance(value, Decimal) and value.is_finite()
        return format(value.normalize(), "f") if finite else str(term)   # ill-typed, NaN: as written
    return str(term)


def table(answer, store, lang="zh", iris=False):
    """An aligned text table of a SELECT answer; IRIs shown by their ``lang`` label unless ``iris``.

    CJK characters count two columns wide, so the columns line up in a terminal.
    """
    if answer.kind == "ASK":
        return "true" if answer.result.askAnswer else "false"
    rows = answer.rows()
    nm = namespaces()

    def curie(iri):
        try:
            return nm.normalizeUri(iri)
        except Exception:
            return f"<{iri}>"

    names = {} if iris else labels(store, [t for row in rows for t in row if isinstance(t, URIRef)], lang)
    cells = [[_cell(t, names, curie) for t in row] for row in rows]
    return aligned([str(v) for v in answer.result.vars], cells) + \
        f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def aligned(header, rows):
    """Rows of text as columns that line up in a terminal (CJK characters count two wide).

    >>> print(aligned(["a", "b"], [["百色", "1"]]))
    a     b
    ----  -
    百色  1
    """
    rows = [[str(v) for v in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(values):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def refuse_updates(text):
    """Raise :class:`UpdateRefused` if ``text`` is a SPARQL Update (every store calls this first)."""
    if is_update(text):
        raise UpdateRefused("this is a SPARQL Update; the graph is read-only here: it is built from "
                            "the reports' facts (python build_graph.py)")


def is_update(text):
    """Whether ``text`` looks like a SPARQL Update (which this project never runs)."""
    body = re.sub(r"#[^\n]*", "", text)
    body = re.sub(r"(?is)\bPREFIX\s+\S*\s*<[^>]*>|\bBASE\s*<[^>]*>", "", body)
    return re.match(r"(?is)\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", body) is not None



def fetches(text):
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
