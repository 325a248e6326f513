"""Where the built graph is: one record that every command reading it takes.

The build writes its files into one folder (``graph/`` under the project by default,
``build --out DIR`` elsewhere); ``query``, ``serve``, ``push``, ``explain``, ``analyse`` and
``screenshot`` read them from the folder ``--graph DIR`` names, the same default. The folder
and the names of the files in it are written here only, so that a reader cannot look in
one place while the build wrote to another; and a folder without the file a command
needs is one error, :class:`GraphMissing`, with one message, whichever command asked.
"""

import os
from dataclasses import dataclass
from pathlib import Path

#: The built graph's folder under the project, unless ``build --out`` / ``--graph`` says otherwise.
GRAPH = "graph"

# The files of a built graph (reportgraph.build writes them).
NT = "knowledge_graph.nt"            # the RDF graph as N-Triples: what SPARQL and push read
TTL = "knowledge_graph.ttl"
JSONLD = "knowledge_graph.jsonld"
GRAPHML = "knowledge_graph.graphml"  # the networkx projection: what the linkage analysis reads
GEXF = "knowledge_graph.gexf"
HTML = "knowledge_graph.html"        # the explorer page: what screenshot and notebooks show
ANALYSIS = "analysis.ttl"
MANIFEST = "manifest.json"

#: What a build keeps under the project to do less the next time (findings by report): never
#: an input, removable at any time.
CACHE = ".reportgraph-cache"


class GraphMissing(FileNotFoundError):
    """The folder holds no built graph (or not the file a command reads); the message says
    which folder, and how to build it or name another."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        super().__init__(f"{folder}: no built graph; run python build_graph.py first, or pass --graph DIR")


@dataclass(frozen=True)
class Paths:
    """A project folder (``root``: ``queries/``, ``ontology.ttl`` …) and the folder of its built
    graph (``out``), given relative to ``root`` or absolute, as ``build --out`` takes it.

    >>> str(Paths().out), str(Paths("project").out), str(Paths("project", "/tmp/other").out)
    ('graph', 'project/graph', '/tmp/other')
    >>> Paths("/nowhere").built(GRAPHML)
    Traceback (most recent call last):
    ...
    reportgraph.paths.GraphMissing: /nowhere/graph: no built graph; run python build_graph.py first, or pass --graph DIR
    """

    root: Path = Path(".")
    out: Path = Path(GRAPH)

    def __post_init__(self):
        # frozen: the fields are set once, here, as paths (out under root unless absolute)
        object.__setattr__(self, "root", Path(self.root))
        object.__setattr__(self, "out", self.root / self.out)

    @property
    def cache(self) -> Path:
        """The build's cache folder (:data:`CACHE`) of the project."""
        return self.root / CACHE

    def built(self, name: str) -> Path:
        """The built file ``name`` (:data:`NT`, :data:`GRAPHML` …) of the graph folder;
        :class:`GraphMissing` if it is not there."""
        path = self.out / name
        if not path.is_file():
            raise GraphMissing(self.out)
        return path
