"""Load the entity registry and every report's facts into the facts model, checking as we go.

Every problem is a :class:`FactsError` naming the file, the line and what is
wrong; :func:`load_corpus` gathers all of them before it fails so that a curator
fixes a file in one pass.

This module reads the registry and each report's text and head; the sections of a
facts file are read by :mod:`reportgraph.facts`, single values are checked by
:mod:`reportgraph.checks` and texts searched by :mod:`reportgraph.spans`.
"""

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from . import cache
from .checks import LoadError, Problems, ValueReader, literal, read_yaml
from .facts import SECTION_KEYS, FactsFile, read_sections
from .model import Corpus, Entity, Mention, Report, Unit, Where
from .paths import Paths
from .spans import span_at, unsafe_character, unsafe_message
from .unitstable import load_units
from .vocab import REPORT_FIELDS, TYPES, UNITS_FILE
from .yamlfile import Located

__all__ = ["LoadError", "Problems", "add_name_mentions", "load_corpus", "load_registry", "load_report", "load_units",
           "read_registry"]

_ENTITY_KEYS = {"id", "type", "zh", "en", "aliases", "search", "note", "heads", "stage", "stages", "drafted"}
_HEAD_KEYS = {"id", "sha256", "language", "url", "accessed", *REPORT_FIELDS}


def load_corpus(root: str | Path, cached: bool = False) -> Corpus:
    """Read ``root/registry/*.yaml`` and every ``root/reports/<id>/`` into a :class:`Corpus`; with
    ``cached`` (the build), the registry and each report as loaded are kept in the project's cache
    (:mod:`reportgraph.cache`) and read from there while they and this code are unchanged.

    >>> import tempfile
    >>> def write(path, text):
    ...     path.parent.mkdir(parents=True, exist_ok=True)
    ...     return path.write_text(text, encoding="utf-8")
    >>> text = "乙市位于甲省。"
    >>> sha256 = hashlib.sha256(text.encode()).hexdigest()
    >>> head = f"report: {{id: r1, language: zh, sha256: {sha256}}}\\nmentions:\\n"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = Path(tmp)
    ...     _ = write(root / "registry" / "places.yaml", "- {id: city, type: City, zh: 乙市}\\n")
    ...     _ = write(root / "reports" / "r1" / "report.txt", text)
    ...     _ = write(root / "reports" / "r1" / "facts.yaml", head + "- {entity: city, quote: 乙市}\\n")
    ...     corpus = load_corpus(root)
    ...     _ = write(root / "reports" / "r1" / "facts.yaml", head + "- {entity: city, quote: 丙市}\\n")
    ...     try:
    ...         load_corpus(root)
    ...     except LoadError as e:
    ...         print(*[f"line {error.line}: {error.problem}" for error in e.errors])
    line 3: quote not found in r1/report.txt: '丙市'
    >>> corpus.entities["city"].zh, [(m.kind, m.span.exact) for m in corpus.reports[0].mentions]
    ('乙市', [('name', '乙市')])

    Raises :class:`LoadError` listing every problem found.
    """
    root = Path(root)
    problems = Problems()
    folder = Paths(root).cache
    kept = folder / "reports"     # each report as loaded, by the digest of all it was read from
    base = _digest_of(cache.code(), *sorted((root / "registry").glob("*.yaml"))) if cached else None
    # the registry too, by the folder its entries' file:line name as well
    entities, units = _kept(folder / "registry.pickle", base and base + str(root / "registry").encode(), problems,
                            lambda: read_registry(root, problems))
    problems.check()
    names = NameIndex(entities)
    reports, folders = [], sorted(p.parent for p in (root / "reports").glob("*/facts.yaml"))
    for folder in folders:
        key = _digest_of(base + str(folder).encode(), folder / "facts.yaml", folder / "report.txt") if base else None
        reports.append(_kept(kept / f"{folder.name}.pickle", key, problems,
                             lambda: load_report(folder, entities, problems, units, names)))
    problems.check()
    present = {folder.name for folder in folders}
    for stale in kept.glob("*.pickle") if base else ():     # a report no longer there
        if stale.stem not in present:
            stale.unlink(missing_ok=True)
    return Corpus(entities=entities, reports=reports, units=units)


def _kept(path, key, problems, make):
    """``make()``, kept in the file ``path`` by ``key`` (None: not kept) once made without a problem told to
    ``problems``, and read from there while the key is the same."""
    found = cache.read_pickle(path, key) if key else None
    if found is None:
        told = len(problems.errors)
        found = make()
        if key and found is not None and len(problems.errors) == told:
            cache.write_pickle(path, key, found)
    return found


def _digest_of(first: bytes, *paths: Path) -> bytes | None:
    """:func:`reportgraph.cache.digest` of ``first`` and the files' names and bytes; None if one cannot be read."""
    try:
        return cache.digest(first, *(part for p in paths for part in (p.name.encode(), p.read_bytes())))
    except OSError:
        return None


# --- the registry -------------------------------------------------------------------------------

def read_registry(root: Path, problems: Problems) -> tuple[dict[str, Entity], dict[str, Unit]]:
    """The entities of ``root/registry/*.yaml`` and its units table; problems go to ``problems``."""
    paths = sorted(p for p in (root / "registry").glob("*.yaml") if p.name != UNITS_FILE)
    return load_registry(paths, problems), load_units(root / "registry" / UNITS_FILE, problems)


def load_registry(paths: Iterable[Path], problems: Problems) -> dict[str, Entity]:
    """Entities of every registry file, by id; problems go to ``problems``."""
    entities = {}
    for path in paths:
        data = read_yaml(path, problems)
        if data is None:
            continue
        if not isinstance(data, list):
            problems.add(path, 1, "a registry file is a list of entities ('- id: …')")
            continue
        values = ValueReader(path, problems)
        for item in data:
            entity = _entity(item, values)
            if entity is None:
                continue
            if entity.id in entities:
                values.error(item, "id", f"duplicate id '{entity.id}' (already defined at "
                             f"{entities[entity.id].where})")
                continue
            entities[entity.id] = entity
    for e in entities.values():    # references between registry entries
        refs = ([e.stage] if e.stage else []) + e.stages
        for ref in refs:
            if ref not in entities:
                problems.add(e.where.path, e.where.line, f"'{e.id}' refers to unknown entity id '{ref}'")
    return entities


def _entity(item, values):
    """The :class:`Entity` of a registry entry; None if it has no valid id, type or zh (told)."""
    if not values.mapping(item, "registry entries", _ENTITY_KEYS):
        return None
    ident = values.identifier(item)
    type_ = values.text(item, "type")
    if type_ is not None and type_ not in TYPES:
        values.error(item, "type", f"unknown type '{type_}' (known: {', '.join(sorted(TYPES))})")
        type_ = None
    zh = _zh_label(item, ident, values)
    aliases = item.get("aliases", Located())
    if not isinstance(aliases, Located) or set(aliases) - {"zh", "en"}:
        values.error(item, "aliases", "'aliases' is a mapping with keys zh and en")
        aliases = Located()
    if None in (ident, type_, zh):
        return None
    heads = item.get("heads", False)
    if not isinstance(heads, bool):
        values.error(item, "heads", "'heads' is true or false")
    return Entity(
        id=ident, type=type_, zh=zh, en=values.text(item, "en", required=False),
        aliases_zh=values.texts(aliases, "zh"), aliases_en=values.texts(aliases, "en"),
        search=values.texts(item, "search"), note=values.note(item, "note") if "note" in item else None,
        where=Where(str(values.path), item.line), heads=heads is True,
        stage=values.text(item, "stage", required=False), stages=values.texts(item, "stages"),
        drafted=values.text(item, "drafted", required=False))


def _zh_label(item, ident, values):
    """The entry's Chinese name; None if missing or wrong (told)."""
    zh = item.get("zh")
    if zh is None or not str(zh).strip():
        values.error(item, "zh", f"entity '{ident}' has no zh label (every entity needs its Chinese name)")
        return None
    if not values.xml_safe(str(zh), item, "zh"):   # before text() strips it
        return None
    return values.text(item, "zh")   # text, not a list or a mapping


# --- a report -----------------------------------------------------------------------------------

class _ReportText(NamedTuple):
    """A report's text and the bytes it was read from (whose sha256 the facts file states)."""
    raw: bytes
    text: str


def load_report(folder: Path, entities: dict[str, Entity], problems: Problems,
                units: dict[str, Unit] | None = None, names: "NameIndex | None" = None) -> Report | None:
    """The :class:`Report` of ``folder`` (``report.txt`` + ``facts.yaml``); None if the files
    cannot be read or do not belong together (told), and without the facts that have problems."""
    facts_path = folder / "facts.yaml"
    told = len(problems.errors)
    data = read_yaml(facts_path, problems)
    text = _report_text(folder / "report.txt", problems)
    if text is None:
        return None
    if data is None and len(problems.errors) > told:   # unreadable, and told so (None alone: an empty file)
        return None
    if not isinstance(data, Located) or not isinstance(data.get("report"), Located):
        problems.add(facts_path, 1, "a facts file starts with a 'report:' mapping")
        return None
    report = _report(folder, data, text, ValueReader(facts_path, problems))
    if report is None:
        return None
    read_sections(FactsFile(facts_path, problems, report, entities, units or {}), data)
    add_name_mentions(report, entities, names)
    return report


def _report_text(path, problems):
    """The text of ``report.txt``; None if unreadable or not fit for XML (told)."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        problems.add(path, 0, f"cannot read the report text: {e}")
        return None
    bad = unsafe_character(text)
    if bad is not None:
        problems.add(path, text.count("\n", 0, bad) + 1, unsafe_message(text[bad]))
        return None
    return _ReportText(raw, text)


def _report(folder, data, text, values):
    """The report the ``report:`` head of ``data`` describes, without its facts yet; None if
    the text changed since the facts were written against it (told)."""
    head = data["report"]
    values.unknown_keys(data, {"report", *SECTION_KEYS})
    values.unknown_keys(head, _HEAD_KEYS)
    report_id = values.text(head, "id")
    if report_id is not None and report_id != folder.name:
        values.error(head, "id", f"report id '{report_id}' differs from its folder name '{folder.name}'")
    digest = hashlib.sha256(text.raw).hexdigest()
    stated = values.text(head, "sha256")
    if stated is not None and stated != digest:
        values.error(head, "sha256",
                     f"{folder / 'report.txt'} changed since its facts were written: its sha256 is {digest}, "
                     f"the facts were written against {stated}; check every quote, then update sha256")
        return None
    return Report(id=folder.name, text=text.text, sha256=digest,
                  language=values.text(head, "language") or "zh", where=Where(str(values.path), head.line),
                  url=_url(head, values), accessed=_accessed(head, values))


def _url(head, values):
    """The report's source address ('url': where the text was found); None if absent or wrong (told)."""
    url = values.text(head, "url", required=False)
    if url is not None and not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", url):
        values.error(head, "url", f"'url' is an address such as https://…, not {url!r}")
        return None
    return url


def _accessed(head, values):
    """The day the report was found at its address ('accessed'); None if absent or wrong (told)."""
    if "accessed" not in head:
        return None
    day = literal(head["accessed"], "date")
    if day is None:
        values.error(head, "accessed", f"'accessed' {head['accessed']!r} is not a valid date (YYYY-MM-DD)")
    return day


# --- name mentions ------------------------------------------------------------------------------

def add_name_mentions(report: Report, entities: dict[str, Entity], names: "NameIndex | None" = None) -> None:
    """Record every place the text writes the full zh name of an entity the facts refer to
    (``names``: the registry's :class:`NameIndex`, made once for a corpus).

    An occurrence inside a longer registered name (百色市 inside 百色市人民政府) belongs to
    the longer name and is skipped, so each name mention denotes what the text names.
    """
    names = names or NameIndex(entities)
    referred = _referred(report, entities)
    curated = {(m.span.start, m.span.end) for m in report.mentions}
    for start, end, name in _outermost(names.occurrences(report.text)):
        entity = names.entity[name]
        if entity not in referred or name != entities[entity].zh or (start, end) in curated:
            continue
        report.mentions.append(Mention(entity=entity, kind="name", span=span_at(report, start, end),
                                       where=report.where))


class NameIndex:
    """Every registered zh name and alias, by its first two characters and length, for finding them
    all in a text in one pass over it: a corpus of 1,000 reports has 20,000 names, and searching a
    text for each in turn made loading grow with the square of the corpus, as did trying every name
    that shares a first character (a province's name begins hundreds).

    >>> from reportgraph.model import Where
    >>> e = lambda i, zh: Entity(i, "City", zh, None, [], [], [], None, Where("r.yaml", 1))
    >>> NameIndex({"a": e("a", "乙市"), "b": e("b", "乙市政府")}).occurrences("乙市政府在乙市")
    [(0, 2, '乙市'), (0, 4, '乙市政府'), (5, 7, '乙市')]
    """

    def __init__(self, entities: dict[str, Entity]):
        self.entity = {}   # name -> the entity it names (the first entry to give it)
        for e in entities.values():
            for name in (e.zh, *e.aliases_zh):
                if name:
                    self.entity.setdefault(name, e.id)
        lengths = {}   # the first two characters (the one, of a one-character name) -> lengths
        for name in self.entity:
            lengths.setdefault(name[:2], set()).add(len(name))
        self.lengths = {start: sorted(found) for start, found in lengths.items()}

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` of every occurrence of every name in ``text``, overlapping ones too."""
        found, lengths, names, size = set(), self.lengths, self.entity, len(text)
        for i in range(size):
            for start in (text[i], text[i:i + 2]):
                for n in lengths.get(start, ()):
                    if i + n <= size and text[i:i + n] in names:
                        found.add((i, i + n, text[i:i + n]))
        return sorted(found)


def _referred(report, entities):
    """Ids of every entity the facts of ``report`` refer to."""
    referred = {m.entity for m in report.mentions}
    for s in report.statements:
        referred.update(x for x in (s.subject, s.object, s.context) if x in entities)
    for p in report.posts:
        referred.update(x for x in (p.person, p.role, p.organization, p.event) if x)
    for o in report.observations:
        referred.update(x for x in (o.about, o.variable, o.share_of, o.event) if x)
    return referred


def _outermost(spans: Iterable[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """The ``(start, end, …)`` spans not inside a strictly longer one, in one sorted pass.

    >>> _outermost([(0, 3, "百色市"), (0, 7, "百色市人民政府"), (8, 11, "百色市")])
    [(0, 7, '百色市人民政府'), (8, 11, '百色市')]
    """
    kept, reach = [], -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[1] > reach:       # no earlier span (starting at or before it) reaches its end
            kept.append(span)
        reach = max(reach, span[1])
    return kept
