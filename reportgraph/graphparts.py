"""The build's knowledge graph as :func:`reportgraph.rdf.graph_parts` makes it: its triples held as they
are added, each once and by predicate, with no rdflib store (one is made only when asked for), and the
mention nodes' own triples as N-Triples rows.

What the build asks of the graph (its N-Triples, the projection's questions, the summary's counts, the
prefixes it binds) is answered from those. With rdflib's store, making the graph of 100 reports and its
N-Triples took 3.7 s (``benchmarks/pieces.py``, medians of five), now 2.2 s (with the IRIs' plain parts not
percent-encoded, :mod:`reportgraph.rdf`), and the largest process of a rebuild 452 MB, now 390 MB.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef

from .model import Span
from .vocab import bind_prefixes

Triple = tuple   # (subject, predicate, object), rdflib terms


class Triples:
    """A set of triples (rdflib terms) and the prefixes they are written with, answering the questions an
    rdflib :class:`~rdflib.Graph` answers that the build asks: ``subject_objects``, ``subjects``,
    ``namespaces``, ``len`` and iteration (each triple once, in the order first added).

    >>> from rdflib import Literal
    >>> t = Triples("urn:data/")
    >>> a, p = URIRef("urn:data/a"), URIRef("urn:p")
    >>> for triple in [(a, p, Literal("x")), (a, p, Literal("x")), (a, p, Literal("y"))]: t.add(triple)
    >>> len(t), sorted(str(o) for _, o in t.subject_objects(p)), list(t.subjects(p, Literal("y")))
    (2, ['x', 'y'], [rdflib.term.URIRef('urn:data/a')])
    >>> len(t.graph()), ("data", URIRef("urn:data/")) in set(t.namespaces())
    (2, True)
    """

    def __init__(self, data: str):
        self._all, self._by = {}, {}   # each triple once, in the order added (a dict keeps it); predicate -> [(s, o)]
        self._names = bind_prefixes(Graph(store="SimpleMemory"))   # the prefixes; the triples, when asked for
        self._names.bind("data", data)
        self._stored = False   # the triples are in that graph too (graph())

    def add(self, triple: Triple) -> None:
        """Add ``triple`` (rdflib terms), once; not after :meth:`graph` (its graph has them all)."""
        if triple not in self._all:
            self._all[triple] = None
            self._by.setdefault(triple[1], []).append((triple[0], triple[2]))

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._all)

    def subject_objects(self, predicate: URIRef) -> Iterator[tuple]:
        return iter(self._by.get(predicate, ()))

    def subjects(self, predicate: URIRef, obj: object) -> Iterator:
        return (s for s, o in self._by.get(predicate, ()) if o == obj)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return self._names.namespaces()

    def graph(self) -> Graph:
        """The triples in an rdflib graph (its lean store: no named graphs) binding the prefixes, made once."""
        graph = self._names
        if not self._stored:
            add = graph.store.add
            for triple in self._all:
                add(triple, context=graph, quoted=False)   # Graph.add but its checks: every term is one
            self._stored = True
        return graph


@dataclass
class Parts:
    """The knowledge graph in two parts: ``core``, the :class:`Triples` of all but the mention nodes' own
    triples, and ``mentions``, those triples as N-Triples rows (:func:`reportgraph.rdf.mention_rows`);
    ``spans`` maps each mention node to its span. :meth:`whole` is the one graph, in rdflib.

    Three mention triples in four are a mention's own (its types, source and the two selectors
    that locate it); made as rdflib terms and stored, they were most of a corpus's build.
    """

    core: Triples
    mentions: list[bytes]
    spans: dict[URIRef, Span]
    _whole: bool = False   # the mentions' triples are in the core's graph

    def __len__(self) -> int:
        return len(self.core) + len(self.mentions)

    def whole(self) -> Graph:
        """The whole graph in rdflib: ``core``'s triples with the mentions' added, made once."""
        graph = self.core.graph()
        if not self._whole:
            graph.parse(data=b"".join(self.mentions), format="nt")
            self._whole = True
        return graph
