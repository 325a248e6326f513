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

import hashlib
import re
import unicodedata
from itertools import islice
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import SKOS, XSD
from rdflib.query import Result

from .vocab import PREFIXES

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
        text = path.read_text(encoding="utf-8")
        head = text.splitlines()[:2] + ["", ""]
        out[path.stem] = Question(path.stem, path, head[0].removeprefix("# en: "),
                                  head[1].removeprefix("# zh: "), text)
    return out


def resolve(root, spec):
    """``(name, text)`` of a query given as a question name, a ``.rq`` file, or SPARQL text."""
    named = questions(root)
    if spec in named:
        return spec, named[spec].text
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and path.is_file()):
        if not path.is_file():
            raise QueryError(f"{spec}: no such query file")
        return str(path), path.read_text(encoding="utf-8")
    if "{" not in spec and not re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec):
        raise QueryError(f"{spec!r} is neither a named question (python build_graph.py query --list), "
                         f"a .rq file, nor a SPARQL query")
    return "query", spec


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
            graph = self.result.graph
            for prefix, ns in PREFIXES.items():
                graph.bind(prefix, ns, override=True)
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
        lines.append("\t".join("" if row.get(v) is None else
                               row[v].n3().replace("\t", "\\t") for v in result.vars))
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
        import pyoxigraph as ox

        refuse_updates(text)
        try:
            results = self.store.query(text)
        except SyntaxError as e:
            raise QueryError(str(e)) from None
        except (OSError, ValueError) as e:
            raise QueryError(f"{type(e).__name__}: {e}") from None
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
        return Answer(result)


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
        return format(value.normalize(), "f") if hasattr(value, "normalize") else str(term)
    return str(term)


def table(answer, store, lang="zh", iris=False):
    """An aligned text table of a SELECT answer; IRIs shown by their ``lang`` label unless ``iris``.

    CJK characters count two columns wide, so the columns line up in a terminal.
    """
    if answer.kind == "ASK":
        return "true" if answer.result.askAnswer else "false"
    rows = answer.rows()
    nm = Graph().namespace_manager
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns, override=True)

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

