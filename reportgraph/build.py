"""The build: load the facts, make the graph, validate it, write graph/.

The Python API behind ``python build_graph.py`` and ``python build_graph.py validate``.
"""

import gc
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from . import corpuscheck, notebooks, output, paths, staging, validate
from .forks import forked
from .load import LoadError, load_corpus
from .paths import GRAPH, Paths
from .graphparts import Parts
from .rdf import graph_parts
from .vocab import DEFAULT_BASE, ORG, RG, SCHEMA, TYPES, with_slash
from .yamlfile import FactsError

#: What a build reads (and ``build_graph.py`` with the package that runs it): a copy of these
#: is a complete project, as the tests and benchmarks make.
SOURCES = ("registry", "reports", "ontology.ttl", "shapes.ttl", "build_graph.py", "reportgraph")

OUTPUTS = {  # name -> f(graph, its N-Triples in UTF-8, made once, an output.Made): the file's UTF-8 pieces, in
    # order (an output.Framed: parsed back a piece at a time)
    paths.NT: lambda graph, nt, made=None: output.Framed(b"", output.chunks(nt)),
    paths.TTL: output.turtle_utf8,
    paths.JSONLD: output.jsonld_utf8,
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
    """What a build made: the graph (in its parts), the facts it was made from, what SHACL found,
    and what was written."""

    parts: Parts
    corpus: object
    findings: list
    network: object = None   # the networkx projection, made when files are written
    written: list = field(default_factory=list)
    notes: list = field(default_factory=list)   # what went wrong after the files were written
    seconds: dict = field(default_factory=dict)   # wall time of each step, in the order run
    counted: dict = field(default_factory=dict)   # triples and links to quotes, counted in the N-Triples

    @cached_property
    def graph(self) -> Graph:
        """The whole graph in rdflib, made when first asked for (the build itself needs only its parts)."""
        return self.parts.whole()

    @property
    def warnings(self) -> list:
        return [f for f in self.findings if f.severity != "Violation"]

    @cached_property
    def registry_warnings(self) -> list:
        """What :func:`reportgraph.corpuscheck.warnings` finds in the corpus (file:line each)."""
        return corpuscheck.warnings(self.corpus)

    @cached_property
    def drafts(self) -> list:
        """The lines the draft step wrote that nobody has reviewed (:func:`reportgraph.corpuscheck.drafts`)."""
        return corpuscheck.drafts(self.corpus)


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
    watch = Stopwatch()
    shacl = _Validation() if write else None   # forked now, while this process is small
    collecting = _collector_off()
    try:
        corpus = load_corpus(root, cached=True)
        gc.freeze()
        watch.lap("load")
        parts = graph_parts(corpus, base=base)
        gc.freeze()
        watch.lap("rdf")
        Graph().parse(root / "shapes.ttl")   # read here too, so that a broken file is told at once
        ontology = Graph().parse(root / "ontology.ttl")
        _check_units_declared(corpus, ontology)
        nt = output.ntriples_utf8(parts.core, parts.mentions)
        counted = {"triples": nt.count(b"\n"),   # a row a triple: len(parts) counts rdflib's store one at a time
                   "derivations": nt.count(b" <%s> " % str(PROV.wasDerivedFrom).encode())}
        watch.lap("n-triples")
        checks = (root / "shapes.ttl", root / "ontology.ttl", parts.core.namespaces(), with_slash(base),
                  Paths(root).cache / "shacl.json")
        if not write:
            result = _checked(Result(parts, corpus, [], counted=counted), *_validated(nt, *checks))
            watch.lap("shacl")
            result.seconds = watch.laps
            return result
        # SHACL is the slowest step: it runs in the second process while this one makes the files,
        # which are written only if the graph conforms.
        shacl.send(nt, *checks)
        texts = [nt]   # handed over, so that the text is freed once the files that need it are made
        del nt
        result = _write(root, out, base, parts, texts, counted["triples"], corpus, ontology, shacl.wait, watch)
        result.counted = counted
    finally:
        gc.unfreeze()      # what this build made may be collected once it is let go
        if collecting:
            gc.enable()
        if shacl:
            shacl.stop()   # a failure before SHACL's answer leaves no validating process behind
    if Paths(root, out).out.resolve() == Paths(root).out.resolve():   # the graph the notebooks read
        try:
            result.written += notebooks.refresh_if_stale(root)
        except Exception as e:   # a notebook failing (any error a cell raises) does not undo the build
            result.notes.append(f"the notebooks were not run again ({notebooks.failure(e)}); run python "
                                "build_graph.py notebooks to see why")
        watch.lap("notebooks")
    result.seconds = watch.laps
    return result


def _collector_off() -> bool:
    """Turn Python's collector off for a build; whether it was on.

    What the build makes lives to its end (the corpus, its graph, the projection, the views): a collection
    during it scans them and finds next to no garbage, and scans more the larger the corpus. At 100 reports,
    in one process (medians of four), the graph and its N-Triples took 1.86 CPU-seconds with no collection
    against 2.23, the projection 1.14 against 1.49; alternating rebuilds, 11.1 s against 12.1 and 12.2
    against 12.9 (medians of six and of eight each way); peak memory 390 MB against 384. The corpus, the
    graph and the projection are frozen as made all the same, so that when the collector is on again they
    go to its oldest generation (``gc.unfreeze``) and its next young pass does not scan them all."""
    collecting = gc.isenabled()
    gc.disable()
    return collecting


class Stopwatch:
    """Wall seconds between laps, by name: ``watch.lap("load")`` after loading.

    >>> watch = Stopwatch(); watch.lap("nothing"); list(watch.laps)
    ['nothing']
    """

    def __init__(self):
        self.laps, self._last = {}, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


def _write(root, out, base, parts, texts, triples, corpus, ontology, shacl, watch):
    """Make every file into a staging folder while SHACL runs; publish them if the graph conforms.
    SHACL's findings, which the curator can act on, are told before a file that cannot be written
    or does not parse back."""
    try:
        staged = staging.Staging(Paths(root, out).out, [*OUTPUTS, *VIEWS, ANALYSIS])
    except output.OutputError:
        _checked(Result(parts, corpus, []), *shacl())
        raise
    try:
        try:
            G, expected = _staged_files(staged, base, parts, texts, triples, ontology, watch, Paths(root).cache)
            staged.verify(expected)
            watch.lap("verify")
        except output.OutputError:
            _checked(Result(parts, corpus, []), *shacl())
            raise
        result = _checked(Result(parts, corpus, [], network=G), *shacl())
        watch.lap("waiting for shacl")
        result.written = staged.publish()
        watch.lap("publish")
        return result
    finally:
        staged.discard()


def _staged_files(staged, base, parts, texts, triples, ontology, watch, kept):
    """Write every file into ``staged``, each dropped from memory once on disk (the N-Triples, the
    one item of ``texts``, of ``triples`` rows, too); returns the projection and what each file must
    parse back to.

    The N-Triples, and Turtle and JSON-LD made from them alone, are written and parsed back in a second
    process while this one makes the views (the SHACL process is mostly done by then); the Turtle and
    JSON-LD of each chunk of the N-Triples, and the prefixes it uses, are kept in the cache folder
    ``kept`` for the next build (:class:`reportgraph.output.Made`)."""
    nt, graph = texts.pop(), parts.core
    serialised = forked(_serialised, staged, graph, nt, triples, kept)
    del nt
    watch.lap("serialise")
    try:
        return _views(staged, base, parts, ontology, watch, serialised)
    finally:
        serialised.stop()


def _serialised(staged, graph, nt, triples, kept):
    """Write the N-Triples ``nt`` and the other RDF files (made from ``nt``, chunk by chunk, each chunk's
    text kept in the cache folder ``kept``) into ``staged`` and parse each back (the triples of each piece
    counted kept there too); ``{name: SHA-256}`` of each."""
    made, parsed = output.Made(kept / "serialised.pickle"), staging.Parsed(kept / "parsed.pickle")
    for name, serialise in OUTPUTS.items():   # the N-Triples first
        pieces = serialise(graph, nt, made)
        staged.write(name, pieces)
        staged.verify_rdf(name, pieces, triples, parsed)
    made.save()
    parsed.save()
    output.forget()
    return {name: staged.digests[name] for name in OUTPUTS}


def _views(staged, base, parts, ontology, watch, rdf_files):
    """The projection, laid out and measured, written as the views and the analysis (the GraphML and
    GEXF, each parsed back, by a forked process of its own while this one makes the page; ``analysis.ttl``,
    which names the N-Triples by their digest, once ``rdf_files()`` gives the RDF files' digests); returns
    it and what the files not parsed back yet must parse back to."""
    from . import analysis, analysis_rdf, explorer, firstview, graphfiles, layout, project

    G = project.project(parts.core, ontology, base, spans=parts.spans)
    gc.freeze()   # as the graph's (run)
    watch.lap("projection")
    measured = analysis.measures(G)
    watch.lap("analysis")
    rank = measured.centrality["pagerank"]   # its PageRank, actor graph and looks, computed once
    looks = firstview.plan(G, rank, measured.actors)
    G = layout.place(G, rank=rank, looks=looks, A=measured.actors)
    analysis.annotate(G, measured)   # after the layout: the nodes' attributes keep their order in the files
    watch.lap("layout")
    files = [forked(_graph_file, staged, G, name, write)
             for name, write in ((paths.GRAPHML, graphfiles.graphml), (paths.GEXF, graphfiles.gexf))]
    try:   # GraphML and GEXF meanwhile, each in a process of its own
        staged.write(paths.HTML, explorer.build_html(G, rank=rank, looks=looks))
        staged.digests.update(rdf_files())   # long made by now
        watch.lap("page")
        analysed, triples = analysis_rdf.turtle_utf8(G, staged.digests[paths.NT], base, measured)
        staged.write(ANALYSIS, analysed)
        for made in files:
            staged.digests.update(made())
    finally:
        for made in files:
            made.stop()
    watch.lap("analysis.ttl and waiting for GraphML and GEXF")
    return G, {ANALYSIS: {"triples": triples}}


def _graph_file(staged, G, name, write):
    """Write ``write(G)`` (the GraphML or GEXF) into ``staged`` as ``name`` and parse it back; ``{name: SHA-256}``."""
    staged.write(name, write(G))
    staged.verify({name: {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}})
    return {name: staged.digests[name]}


def _check_units_declared(corpus, ontology):
    """Raise :class:`~reportgraph.load.LoadError` naming the units table's row of every project unit
    (``rg:…``) that ontology.ttl does not declare as an rg:Unit (its names live there)."""
    missing = [u for u in corpus.units.values() if u.iri.startswith(str(RG))
               and (URIRef(u.iri), RDF.type, RG.Unit) not in ontology]
    if missing:
        raise LoadError([FactsError(u.where.path, u.where.line, f"project unit rg:{u.iri[len(str(RG)):]} is not "
                                    "declared in ontology.ttl: add it there as an rg:Unit with zh and en labels")
                         for u in missing])


class _Validation:
    """SHACL of the build's graph in a second process, forked when the build starts, while this
    process is still small (a forked process's resident memory counts every page it shares with
    this one), and sent the N-Triples once they are made; it validates them report by report
    (:func:`reportgraph.validate.shacl_by_report`). Where fork is unavailable, the validation runs
    here when waited for."""

    def __init__(self):
        import multiprocessing

        self._args = None
        self._send = self._wait = None
        if "fork" in multiprocessing.get_all_start_methods():
            receive, self._send = multiprocessing.get_context("fork").Pipe(duplex=False)
            self._wait = forked(_validate_sent, receive)

    def send(self, nt: bytes, shapes: Path, ontology: Path, prefixes, base: str, cache: Path) -> None:
        """Hand over the graph (its sorted N-Triples, UTF-8, IRIs under ``base``), the files to
        validate it with and the cache of findings by report."""
        checks = (shapes, ontology, [(prefix, str(namespace)) for prefix, namespace in prefixes], base, cache)
        if self._send is None:
            self._args = (nt, *checks)
            return
        self._send.send(checks)
        self._send.send_bytes(nt)

    def wait(self) -> tuple:
        """``(conforms, findings)``; raises what the validation raised."""
        return self._wait() if self._wait else _validated(*self._args)

    def stop(self) -> None:
        if self._wait:
            self._wait.stop()


def _validate_sent(receive):
    """In the forked process: wait for the graph, then validate it."""
    checks = receive.recv()
    return _validated(receive.recv_bytes(), *checks)


def _validated(nt, shapes, ontology, prefixes, base, cache):
    return validate.shacl_by_report(nt, Graph().parse(shapes), Path(ontology).read_bytes(), prefixes, base, cache)


def _checked(result, conforms, findings):
    if not conforms:
        raise ValidationFailed(findings)
    result.findings = findings
    return result


def summary(result: Result) -> str:
    """A one-screen text summary of a build: entities by type, facts, validation, outputs."""
    g, corpus = result.parts.core, result.corpus   # the mentions' own triples are counted, not read
    counted = result.counted if "derivations" in result.counted else {   # counted by the build, else here
        "triples": len(result.parts), "derivations": sum(1 for _ in g.subject_objects(PROV.wasDerivedFrom))}
    lines = [f"reportgraph: {len(corpus.reports)} report(s), {counted['triples']} triples"]
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
    drafted = len(set(g.subjects(RG.assertion, RG.Drafted)))
    mentions = len(result.parts.spans)
    derivations = counted["derivations"]
    lines.append(f"facts: {relations} relations, {posts} posts, {observations} observations "
                 f"({inferred} inferred, " + (f"{drafted} drafted, " if drafted else "")
                 + f"the rest stated); {derivations} links to quotes")
    lines.append(f"mentions: {mentions} spans of report text located by offset and quote")
    violations = [f for f in result.findings if f.severity == "Violation"]
    lines.append(f"SHACL: {'conforms' if not violations else 'does not conform'}"
                 f" ({len(result.warnings)} warning(s))")
    lines.extend(f"  {w}" for w in result.warnings)
    notices = result.registry_warnings
    lines.append(f"registry: {len(notices)} warning(s)" + (" (the curator decides; nothing was changed)" if notices else ""))
    lines.extend(f"  warning: {w}" for w in notices)
    if result.drafts:
        lines.append(f"drafts: {len(result.drafts)} drafted line(s) not reviewed (validate --strict lists them "
                     "and fails until each is corrected or deleted and its 'drafted:' removed)")
    lines.extend(f"warning: {note}" for note in result.notes)
    for path in result.written:
        lines.append(f"wrote {path}")
    return "\n".join(lines)
