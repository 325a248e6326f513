"""SPARQL over the built graph: two stores, the answers they give, and the result formats.

The graph is read from the build's N-Triples file in the folder a
:class:`~reportgraph.paths.Paths` names (``graph/`` by default; never the YAML). Two stores
answer the same SPARQL 1.1:

- ``rdflib`` (the default): the graph in memory;
- ``oxigraph:PATH``: an on-disk Oxigraph store (pyoxigraph) at PATH, loaded from the
  N-Triples file on first use and reloaded whenever the file changes, for graphs that
  outgrow memory or rdflib's query planner.

Either way a query gives an :class:`Answer` that holds an rdflib ``Result``, so both
stores print and serialise through the same code (SPARQL JSON, XML, CSV, TSV; Turtle
or JSON-LD for CONSTRUCT and DESCRIBE). The named questions and the checks on a query's
text are :mod:`reportgraph.queries`'.
"""

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import SKOS, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.query import Result

from .paths import NT, Paths
from .queries import QueryError, refuse_updates
from .textformat import aligned
from .vocab import bind_prefixes, namespaces

if TYPE_CHECKING:   # imported where a store is opened: ``query`` on rdflib need not load it
    import pyoxigraph

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


class StoreError(RuntimeError):
    """The store cannot be opened: an unknown store spec, a worker that cannot open it.
    (A folder without a built graph is :class:`~reportgraph.paths.GraphMissing`.)"""


@dataclass
class Answer:
    """What a query gave: ``result`` is an rdflib ``Result`` whatever the store."""

    result: Result

    @property
    def kind(self) -> str:
        return self.result.type   # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"

    def rows(self) -> list[tuple]:
        """SELECT rows as tuples of rdflib terms (None where unbound)."""
        return [tuple(row.get(v) for v in self.result.vars) for row in self.result.bindings]

    def serialise(self, fmt: str) -> bytes:
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

    #: How many queries' parsed forms a store keeps (the oldest made is dropped first).
    PREPARED = 256

    def __init__(self, graph: Graph):
        self.graph = graph
        self._prepared = {}   # query text -> rdflib's parsed and translated query

    def __len__(self) -> int:
        return len(self.graph)

    def query(self, text: str, max_rows: int | None = None) -> Answer:
        """The :class:`Answer` to ``text``; with ``max_rows`` a SELECT whose rows rdflib finds one by one
        stops after ``max_rows + 1``, as :meth:`OxigraphStore.query` does (one it sorts or groups is
        whole before its first row), so that a result over an endpoint's cap is refused quickly.

        rdflib's parsing and translating of a query take nine tenths of a named question's time
        (25 ms against 3 ms to evaluate it on the first report): each text is parsed once, as
        ``graph.query`` parses it (with the graph's prefixes), and its translation evaluated again
        each time it is asked, as rdflib's prepared queries are."""
        from pyparsing import ParseException

        refuse_updates(text)
        try:
            result = self.graph.query(self._prepare(text))
        except ParseException as e:
            raise QueryError(f"line {e.lineno}, column {e.col}: {e.msg}: {e.line.strip()!r}") from None
        except Exception as e:   # rdflib reports unknown prefixes and the like this way
            raise QueryError(f"{type(e).__name__}: {e}") from None
        rows = getattr(result, "_genbindings", None)   # a SELECT's rows, found as they are read
        if max_rows is not None and rows is not None:
            result.bindings = islice(rows, max_rows + 1)
        return Answer(result)

    def _prepare(self, text):
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery

        prepared = self._prepared.get(text)
        if prepared is None:
            prepared = translateQuery(parseQuery(text), None, dict(self.graph.namespaces()))
            if len(self._prepared) >= self.PREPARED:
                del self._prepared[next(iter(self._prepared))]
            self._prepared[text] = prepared
        return prepared


class OxigraphStore:
    """An Oxigraph store (pyoxigraph), on disk or in memory."""

    name = "oxigraph"

    def __init__(self, store: "pyoxigraph.Store"):
        self.store = store

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str, max_rows: int | None = None) -> Answer:
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


#: What :func:`open_store` gives: either store answers ``query(text, max_rows)`` with an :class:`Answer`.
Store = RdflibStore | OxigraphStore


def reasoned(graph: Graph, root: str | os.PathLike = ".") -> Graph:
    """``graph`` with ``root/ontology.ttl`` and their OWL-RL closure (owlrl): subclasses, inverses …"""
    import owlrl

    out = Graph()
    out += graph
    out.parse(Path(root, "ontology.ttl"))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(out)
    return out


def _reasoned_kept(path: Path, paths: Paths) -> Graph:
    """:func:`reasoned` of the graph in the N-Triples file ``path``, kept in the project's cache folder
    (:mod:`reportgraph.cache`) with the digest of that file, the ontology, owlrl's version and this
    package's code, and read from there the next time: the closure of the first report took 8 to 9 s
    on a slow machine, reading it back 0.3 s (``query --reason``; each worker of ``serve --reason``: one
    reasons, the others wait for its closure and read it, :func:`reportgraph.cache.made_once`)."""
    import owlrl

    from . import cache

    data = path.read_bytes()
    key = cache.digest(b"reasoned", data, Path(paths.root, "ontology.ttl").read_bytes(),
                       owlrl.__version__.encode(), cache.code())
    made = []   # the closure made here, if made here

    def make():
        made.append(reasoned(Graph().parse(data=data, format="nt"), paths.root))
        return list(made[0].namespaces()), list(made[0])

    namespaces, triples = cache.made_once(paths.cache / "reasoned.pickle", key, make)
    if made:
        return made[0]
    out = Graph()   # the triples (the ontology's blank nodes as they were) and the prefixes
    for prefix, namespace in namespaces:
        out.bind(prefix, namespace, override=True, replace=True)
    for triple in triples:
        out.add(triple)
    return out


def prepare(paths: Paths = Paths(), spec: str = "rdflib") -> None:
    """Make sure the store ``spec`` holds the current graph (loads an Oxigraph store on disk)."""
    if spec.startswith("oxigraph:"):
        open_store(paths, spec)   # and dropped at once, which closes it: others may open it read-only


def open_store(paths: Paths = Paths(), spec: str = "rdflib", reason: bool = False,
               read_only: bool = False) -> Store:
    """The store ``spec`` names (``rdflib`` or ``oxigraph:PATH``, PATH under ``paths.root``)
    holding the graph built in ``paths.out``;
    :class:`~reportgraph.paths.GraphMissing` if there is none.

    With ``reason`` the graph is first closed under OWL-RL with the ontology; an Oxigraph
    store then lives in memory so that the store on disk keeps the plain graph. With
    ``read_only`` an Oxigraph store on disk is opened read-only, as it is (several
    processes may do so at once; :func:`prepare` it first).
    """
    path = paths.built(NT)
    if spec == "rdflib":
        return RdflibStore(_reasoned_kept(path, paths) if reason else Graph().parse(path, format="nt"))
    if spec.startswith("oxigraph:") and spec != "oxigraph:":
        import pyoxigraph as ox

        if reason:
            store = ox.Store()
            data = _reasoned_kept(path, paths).serialize(format="nt")
            store.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            return OxigraphStore(store)
        directory = paths.root / spec.removeprefix("oxigraph:")
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

def labels(store: Store, iris: Iterable[URIRef | str], lang: str = "zh") -> dict[str, str]:
    """``{iri: label}``: the ``skos:prefLabel`` in ``lang`` of each IRI that has one."""
    iris = sorted({str(i) for i in iris})
    out = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{i}>" for i in iris[start:start + 500])
        answer = store.query(f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s <{SKOS.prefLabel}> ?l "
                             f"FILTER (lang(?l) = '{lang}') }}")
        out.update({str(s): str(label) for s, label in answer.rows()})
    return out


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


def table(answer: Answer, store: Store, lang: str = "zh", iris: bool = False) -> str:
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
