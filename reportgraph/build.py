"""The build: load the facts, make the graph, validate it, write graph/.

The Python API behind ``python build_graph.py`` and ``python build_graph.py validate``.
"""

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from . import corpuscheck, notebooks, output, paths, validate
from .load import LoadError, load_corpus
from .paths import GRAPH, Paths
from .rdf import build_graph
from .vocab import DEFAULT_BASE, ORG, RG, SCHEMA, TYPES
from .yamlfile import FactsError

#: What a build reads (and ``build_graph.py`` with the package that runs it): a copy of these
#: is a complete project, as the tests and benchmarks make.
SOURCES = ("registry", "reports", "ontology.ttl", "shapes.ttl", "build_graph.py", "reportgraph")

OUTPUTS = {  # file name -> serialiser of the RDF graph (each given the N-Triples text, made once)
    paths.NT: output.ntriples,
    paths.TTL: output.turtle,
    paths.JSONLD: output.jsonld,
}
ANALYSIS = paths.ANALYSIS   # centrality, brokers and communities as RDF (reportgraph.analysis_rdf)
#: Files written from the networkx projection (reportgraph.graphfiles, .explorer); only a build that
#: writes imports networkx, igraph and pyvis.
VIEWS = (paths.GRAPHML, paths.GEXF, paths.HTML)


class ValidationFailed(Exception):
    """The graph does not conform to shapes.ttl; ``findings`` says where."""

    def __init__(self, findings: list):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings if f.severity == "Violation"))


@dataclass
class Result:
    """What a build made: the graph, the facts it was made from, what SHACL found, and what was written."""

    graph: Graph
    corpus: object
    findings: list
    network: object = None   # the networkx projection, made when files are written
    written: list = field(default_factory=list)
    notes: list = field(default_factory=list)   # what went wrong after the files were written

    @property
    def warnings(self) -> list:
        return [f for f in self.findings if f.severity != "Violation"]

    @cached_property
    def registry_warnings(self) -> list:
        """What :func:`reportgraph.corpuscheck.warnings` finds in the corpus (file:line each)."""
        return corpuscheck.warnings(self.corpus)


def run(root: str | os.PathLike = ".", out: str | os.PathLike = GRAPH, write: bool = True,
        base: str = DEFAULT_BASE) -> Result:
    """Load, build and validate the graph of ``root``; write ``out/`` (under ``root`` unless
    absolute, as :class:`~reportgraph.paths.Paths` takes it) unless ``write`` is False:
    ``run("path/to/project", write=False).graph`` is its graph, checked.

    The notebooks of ``root/notebooks`` are run again when the graph they ran on is not the one
    written (:func:`reportgraph.notebooks.refresh_if_stale`), so that their outputs stay current.

    Raises :class:`~reportgraph.load.LoadError` for bad input and :class:`ValidationFailed`
    when the graph breaks a shape, :class:`~reportgraph.output.OutputError` when ``out/``
    cannot be written or an output does not parse back; nothing is written then.
    """
    root = Path(root)
    corpus = load_corpus(root)
    graph = build_graph(corpus, base=base)
    shapes = Graph().parse(root / "shapes.ttl")
    ontology = Graph().parse(root / "ontology.ttl")
    _check_units_declared(corpus, ontology)
    if not write:
        return _checked(Result(graph, corpus, []), *validate.shacl(graph, shapes, ontology))
    # SHACL is the slowest step: it runs in a second process while this one makes the files,
    # which are written only if the graph conforms.
    # imported before the fork: measured faster
    from . import analysis, analysis_rdf, explorer, graphfiles, layout, project  # noqa: F401

    shacl = _forked(_validate_own_copy, graph, shapes, ontology, here=validate.shacl)
    try:
        result = _write(root, out, base, graph, corpus, ontology, shacl)
    finally:
        shacl.stop()   # a failure before SHACL's answer leaves no validating process behind
    if Paths(root, out).out.resolve() == Paths(root).out.resolve():   # the graph the notebooks read
        try:
            result.written += notebooks.refresh_if_stale(root)
        except Exception as e:   # a notebook failing (any error a cell raises) does not undo the build
            result.notes.append(f"the notebooks were not run again ({notebooks.failure(e)}); run python "
                                "build_graph.py notebooks to see why")
    return result


def _write(root, out, base, graph, corpus, ontology, shacl):
    from . import analysis, analysis_rdf, explorer, graphfiles, layout, project

    nt = output.ntriples(graph)
    files = {name: serialise(graph, nt) for name, serialise in OUTPUTS.items()}
    expected = dict.fromkeys(files, {"triples": len(graph)})
    G = layout.place(project.project(graph, ontology, base))
    measured = analysis.measures(G)
    analysis.annotate(G, measured)
    views = (graphfiles.graphml, graphfiles.gexf, explorer.build_html)
    files.update({name: view(G) for name, view in zip(VIEWS, views)})
    expected.update(dict.fromkeys(VIEWS[:2], {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}))
    digest = hashlib.sha256(files[paths.NT].encode("utf-8")).hexdigest()
    as_rdf = analysis_rdf.to_rdf(G, digest, base, measured)
    files[ANALYSIS] = output.turtle(as_rdf)
    expected[ANALYSIS] = {"triples": len(as_rdf)}
    try:   # while SHACL still runs; its findings, which the curator can act on, come first
        output.verify(files, expected)
    except output.OutputError as e:
        unreadable = e
    else:
        unreadable = None
    result = _checked(Result(graph, corpus, [], network=G), *shacl())
    if unreadable:
        raise unreadable
    result.written = output.publish(Paths(root, out).out, files)
    return result


def _check_units_declared(corpus, ontology):
    """Raise :class:`~reportgraph.load.LoadError` naming the units table's row of every project unit
    (``rg:…``) that ontology.ttl does not declare as an rg:Unit (its names live there)."""
    missing = [u for u in corpus.units.values() if u.iri.startswith(str(RG))
               and (URIRef(u.iri), RDF.type, RG.Unit) not in ontology]
    if missing:
        raise LoadError([FactsError(u.where.path, u.where.line, f"project unit rg:{u.iri[len(str(RG)):]} is not "
                                    "declared in ontology.ttl: add it there as an rg:Unit with zh and en labels")
                         for u in missing])


def _validate_own_copy(graph, shapes, ontology):
    """SHACL in the forked process, which owns its copy of ``graph`` and may add the ontology to it."""
    return validate.shacl(graph, shapes, ontology, inplace=True)


def _checked(result, conforms, findings):
    if not conforms:
        raise ValidationFailed(findings)
    result.findings = findings
    return result


def _forked(function, *args, here=None):
    """Start ``function(*args)`` in a forked process; returns a function that waits for its value.

    Where fork is unavailable ``here(*args)`` (``function`` unless given) runs here and now: a
    function that may change its arguments, as the fork owns copies of them, needs a ``here``
    that does not.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        value = (here or function)(*args)

        def wait():
            return value

        wait.stop = lambda: None
        return wait
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    parent = os.getpid()

    def child():
        _die_with_parent(parent)
        try:
            send.send((True, function(*args)))
        except BaseException as e:   # handed to the parent, which raises it
            send.send((False, e))

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def wait():
        try:
            ok, value = receive.recv()
        except EOFError:
            raise RuntimeError(f"the validating process died (exit code {process.exitcode})") from None
        finally:
            process.join()
        if not ok:
            raise value
        return value

    def stop():
        if process.is_alive():
            process.kill()
        process.join()

    wait.stop = stop
    return wait


def _die_with_parent(parent):
    """Ask Linux to kill this (forked) process when its parent dies (``PR_SET_PDEATHSIG``), so
    that a killed build leaves no validating child behind; elsewhere a no-op."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG = 1
    except (AttributeError, OSError):
        return
    if os.getppid() != parent:   # the parent died before the request took effect
        os._exit(1)


def summary(result: Result) -> str:
    """A one-screen text summary of a build: entities by type, facts, validation, outputs."""
    g, corpus = result.graph, result.corpus
    lines = [f"reportgraph: {len(corpus.reports)} report(s), {len(g)} triples"]
    types = Counter(e.type for e in corpus.entities.values())
    kind_of = {key: t.kind for key, t in TYPES.items()}
    kinds = Counter(kind_of[e.type] for e in corpus.entities.values())
    lines.append(f"entities: {len(corpus.entities)} — " + ", ".join(
        f"{kind} {n}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))))
    lines.append("  by type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    relations = len(set(g.subjects(RDF.type, RG.Relation)))
    posts = len(set(g.subjects(RDF.type, ORG.Post)))
    observations = len(set(g.subjects(RDF.type, SCHEMA.Observation)))
    inferred = len(set(g.subjects(RG.assertion, RG.Inferred)))
    mentions = len(set(g.subjects(RDF.type, RG.Mention)))
    derivations = len(list(g.triples((None, PROV.wasDerivedFrom, None))))
    lines.append(f"facts: {relations} relations, {posts} posts, {observations} observations "
                 f"({inferred} inferred, the rest stated); {derivations} links to quotes")
    lines.append(f"mentions: {mentions} spans of report text located by offset and quote")
    violations = [f for f in result.findings if f.severity == "Violation"]
    lines.append(f"SHACL: {'conforms' if not violations else 'does not conform'}"
                 f" ({len(result.warnings)} warning(s))")
    lines.extend(f"  {w}" for w in result.warnings)
    notices = result.registry_warnings
    lines.append(f"registry: {len(notices)} warning(s)" + (" (the curator decides; nothing was changed)" if notices else ""))
    lines.extend(f"  warning: {w}" for w in notices)
    lines.extend(f"warning: {note}" for note in result.notes)
    for path in result.written:
        lines.append(f"wrote {path}")
    return "\n".join(lines)
