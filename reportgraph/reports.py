"""The reports of the built graph: what each one is, what it states, and which others it meets.

For every report (``schema:NewsArticle``) of the graph built in a :class:`~reportgraph.paths.Paths`
folder, :func:`summaries` gives its id, title, date and source (its ``schema:url``, else its
``dcterms:publisher``, else its ``dcterms:source``), how many facts it states by assertion
(``rg:Stated``, ``rg:Inferred``, ``rg:Drafted``, and any other value the graph holds), how many
entities it names (``schema:mentions``), and the other reports that name some of the same
entities, the most shared first. A fact is a node with an ``rg:assertion`` (a relation, a post,
a statistic); it counts for every report one of its quotes is in.

The lines of the N-Triples file that matter (about one in eight) are loaded into an in-memory
Oxigraph store (pyoxigraph) and asked a few aggregate queries: the counting is Oxigraph's, not
Python's, so a graph of 460,000 triples takes half a second. The command ``python build_graph.py reports`` prints the summaries as
an aligned table (:func:`as_table`) or JSON (:func:`as_json`).
"""

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from rdflib.namespace import DCTERMS, PROV, RDF

from .paths import NT, Paths
from .textformat import aligned
from .vocab import MENTION_SHORTCUT, OA, RG, SCHEMA, URL

#: The assertion values every summary counts, in this order, even where none is found.
ASSERTIONS = ("stated", "inferred", "drafted")

#: How many of the reports that share entities with one report a table shows (JSON has all).
SHOWN_SHARED = 5

_METADATA = {str(DCTERMS.title): "title", str(DCTERMS.issued): "date", str(URL): "url",
             str(DCTERMS.publisher): "publisher", str(DCTERMS.source): "source"}


@dataclass
class Summary:
    """One report of the graph: ``facts`` maps an assertion (``stated`` …) to how many facts
    it states so; ``shared`` lists ``(other report, entities both name)``, most first."""

    id: str
    title: str = ""
    date: str = ""
    source: str = ""
    facts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ASSERTIONS, 0))
    entities: int = 0
    shared: list[tuple[str, int]] = field(default_factory=list)


def summaries(paths: Paths = Paths()) -> list[Summary]:
    """A :class:`Summary` of every report of the graph built in ``paths.out``, by id;
    :class:`~reportgraph.paths.GraphMissing` if there is none."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(b"".join(_lines(paths.built(NT))), format=ox.RdfFormat.N_TRIPLES)

    def rows(query):
        return [[None if term is None else term.value for term in solution] for solution in store.query(query)]

    found = {}
    for report, identifier in rows(f"SELECT ?r ?id WHERE {{ ?r a <{SCHEMA.NewsArticle}> ; "
                                   f"<{DCTERMS.identifier}> ?id }}"):
        found[report] = Summary(identifier)
    _metadata(found, rows(f"SELECT ?r ?p ?o (LANG(?o) AS ?lang) WHERE {{ ?r a <{SCHEMA.NewsArticle}> ; ?p ?o . "
                          f"VALUES ?p {{ {' '.join(f'<{p}>' for p in _METADATA)} }} }}"))
    for report, assertion, n in rows(
            f"SELECT ?r ?a (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f <{RG.assertion}> ?a ; "
            f"<{PROV.wasDerivedFrom}>/<{OA.hasSource}> ?r }} GROUP BY ?r ?a"):
        if report in found:
            name = assertion.rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower()
            found[report].facts[name] = found[report].facts.get(name, 0) + int(n)
    for report, n in rows(f"SELECT ?r (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?r <{MENTION_SHORTCUT}> ?e }} GROUP BY ?r"):
        if report in found:
            found[report].entities = int(n)
    for a, b, n in rows(f"SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?a <{MENTION_SHORTCUT}> ?e . "
                        f"?b <{MENTION_SHORTCUT}> ?e . FILTER (?a != ?b) }} GROUP BY ?a ?b"):
        if a in found and b in found:
            found[a].shared.append((found[b].id, int(n)))
    for summary in found.values():
        summary.shared.sort(key=lambda s: (-s[1], s[0]))
    return sorted(found.values(), key=lambda s: s.id)


def _lines(nt):
    """The lines of the N-Triples file ``nt`` that the summaries read: the reports, their
    metadata, the facts' assertions and sources, and what the reports mention. (Every triple
    of a built graph is one line, so a line is kept or left whole; loading an eighth of the
    graph into the store takes an eighth of the time and memory.)"""
    wanted = b"|".join(re.escape(f"<{p}>".encode()) for p in (*_METADATA, DCTERMS.identifier, RG.assertion,
                                                              PROV.wasDerivedFrom, OA.hasSource, MENTION_SHORTCUT))
    report = re.escape(f"<{RDF.type}> <{SCHEMA.NewsArticle}>".encode())
    match = re.compile(rb"(?:<[^>]*>|_:\S+) (?:" + wanted + b"|" + report + b")").match
    with open(nt, "rb") as f:
        return [line for line in f if match(line)]


def _metadata(found, rows):
    """Title, date and source of each report from ``(report, property, value, language)`` rows:
    a Chinese title first, then any; the source is the URL, else the publisher, else dcterms:source."""
    values = {}
    for report, prop, value, lang in sorted(rows, key=lambda r: (r[3] != "zh", r[3] or "", r[2])):
        values.setdefault(report, {}).setdefault(_METADATA[prop], value)
    for report, fields in values.items():
        if report in found:
            summary = found[report]
            summary.title, summary.date = fields.get("title", ""), fields.get("date", "")
            summary.source = fields.get("url") or fields.get("publisher") or fields.get("source") or ""


def _assertions(reports):
    """The assertion columns: the three always counted, then any other the graph has."""
    others = sorted({a for r in reports for a in r.facts} - set(ASSERTIONS))
    return [*ASSERTIONS, *others]


def as_table(reports: Sequence[Summary]) -> str:
    """The summaries as an aligned table (CJK counts two columns), one row a report; the
    last column names the :data:`SHOWN_SHARED` reports that share the most entities with it.

    >>> print(as_table([Summary("r1", "标题", "2023-08-02", "网络", {"stated": 3, "inferred": 1, "drafted": 0},
    ...                         5, [("r2", 2)])]))
    report  date        title  source  stated  inferred  drafted  entities  shares entities with
    ------  ----------  -----  ------  ------  --------  -------  --------  --------------------
    r1      2023-08-02  标题   网络    3       1         0        5         r2 (2)
    (1 report)
    """
    assertions = _assertions(reports)

    def shared(r):
        shown = ", ".join(f"{other} ({n})" for other, n in r.shared[:SHOWN_SHARED])
        more = len(r.shared) - SHOWN_SHARED
        return shown + (f" … and {more} more" if more > 0 else "")

    rows = [[r.id, r.date, r.title, r.source, *(r.facts.get(a, 0) for a in assertions), r.entities, shared(r)]
            for r in reports]
    header = ["report", "date", "title", "source", *assertions, "entities", "shares entities with"]
    return aligned(header, rows) + f"\n({len(reports)} report{'' if len(reports) == 1 else 's'})"


def as_json(reports: Sequence[Summary]) -> str:
    """The summaries as a JSON list, one object a report, with the same keys whatever it holds:
    ``id``, ``title``, ``date``, ``source``, ``facts`` (every assertion counted), ``entities`` and
    ``shared`` (``[{"report", "entities"}]``, most first); a missing field is ``""``."""
    assertions = _assertions(reports)
    out = []
    for r in reports:
        data = asdict(r)
        data["facts"] = {a: r.facts.get(a, 0) for a in assertions}
        data["shared"] = [{"report": other, "entities": n} for other, n in r.shared]
        out.append(data)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
