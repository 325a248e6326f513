"""The problems of input files, and the checked reading of single values out of YAML mappings.

Every problem is a :class:`FactsError` naming the file, the line and what is wrong;
:class:`Problems` gathers them so that the loader fails once, with all of them, and a
curator fixes a file in one pass. :class:`ValueReader` reads one value of a mapping
(a text, a list of texts, an id), tells what is wrong with it and returns None (or an
empty list) instead, so that the reader of a record goes on to tell its other problems.
:class:`FactsFile` reads the values of a facts file that refer to something: an entity
of the registry, a quote of the report's text.
"""

import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path

from rdflib import URIRef

from .model import Entity, Note, Report, Span, Unit, Where
from .spans import find_all, near_miss, span_at, unsafe_character, unsafe_message
from .vocab import TYPES
from .yamlfile import FactsError, Located, load

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KINDS_OF_VALUE = {"Located": "a mapping", "list": "a list", "int": "a number", "float": "a number", "bool": "true or false"}


class LoadError(Exception):
    """One or more problems in the input files, each on its own line."""

    def __init__(self, errors: list[FactsError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class Problems:
    """Collects FactsErrors; raises them together."""

    def __init__(self):
        self.errors = []

    def add(self, path: str | os.PathLike, line: int, problem: str) -> None:
        self.errors.append(FactsError(path, line, problem))

    def check(self) -> None:
        """Raise :class:`LoadError` with every problem told so far, if there is one."""
        if self.errors:
            raise LoadError(self.errors)


def read_yaml(path: Path, problems: Problems) -> object | None:
    """The YAML of ``path`` (mappings as :class:`~reportgraph.yamlfile.Located`); None if it cannot
    be read (told to ``problems``)."""
    try:
        return load(path)
    except FactsError as e:
        problems.errors.append(e)
    except OSError as e:
        problems.add(path, 0, f"cannot read: {e.strerror}")
    return None


def literal(value: object, kind: str) -> object | None:
    """The Python value of a literal of ``kind`` ('date', 'integer', 'text'), or None if malformed.

    >>> literal("2024-02-29", "date"), literal("2023-02-29", "date"), literal(" 乙 ", "text")
    (datetime.date(2024, 2, 29), None, '乙')
    """
    if kind == "date":
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    if kind == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    text = isinstance(value, (str, int)) and not isinstance(value, bool)
    return str(value).strip() if text and str(value).strip() else None


@dataclass(frozen=True)
class ValueReader:
    """Reads checked values out of the mappings of the YAML file ``path``; tells ``problems``.

    >>> values = ValueReader(Path("registry/places.yaml"), Problems())
    >>> item = Located(id="Baise", zh=" 百色市 ", search=["百色"])
    >>> values.text(item, "zh"), values.texts(item, "search"), values.identifier(item)
    ('百色市', ['百色'], None)
    >>> print(*values.problems.errors)
    registry/places.yaml: id 'Baise' must be lower-case letters, digits and hyphens
    """

    path: Path
    problems: Problems

    def error(self, item: Located, key: str | None, problem: str) -> None:
        """Tell ``problem`` on the line of ``key`` in ``item`` (of ``item`` itself without a key)."""
        self.problems.add(self.path, item.line_of(key) if key else item.line, problem)

    def mapping(self, item: object, what: str, allowed: Collection[str]) -> bool:
        """Whether ``item`` (one of ``what``) is a mapping; tells if not, and tells its unknown keys."""
        if not isinstance(item, Located):
            self.problems.add(self.path, 0, f"{what} are mappings, found {item!r}")
            return False
        self.unknown_keys(item, allowed)
        return True

    def unknown_keys(self, item: Located, allowed: Collection[str]) -> None:
        """Tell every key of ``item`` that is not ``allowed``."""
        for key in item:
            if key not in allowed:
                hint = ""
                if item[key] is None:   # "quote: a,b" inside {…}: YAML split the text at the comma
                    hint = "; a text with an ASCII comma inside { … } must be written in double quotes"
                self.error(item, key, f"unknown key '{key}' (expected one of: "
                                      f"{', '.join(sorted(allowed))}){hint}")

    def text(self, item: Located, key: str, required: bool = True) -> str | None:
        """The text of ``key``, stripped; None if absent (told if ``required``) or wrong (told)."""
        value = item.get(key)
        if value is None:
            if required:
                self.error(item, None, f"missing '{key}'")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.error(item, key, f"'{key}' must be text, not {_KINDS_OF_VALUE.get(type(value).__name__, type(value).__name__)}")
            return None
        text = str(value).strip()
        if required and not text:
            self.error(item, key, f"'{key}' is empty")
            return None
        return text if self.xml_safe(text, item, key) else None

    def note(self, item: Located, key: str) -> Note | None:
        """The curator's note under ``key``: a text in English, or ``{en: …, zh: …}`` giving it in
        Chinese too; None if absent or wrong (told)."""
        value = item.get(key)
        if not isinstance(value, dict):
            text = self.text(item, key)
            return Note(text) if text else None
        if not isinstance(value, Located) or set(value) - {"en", "zh"} or "en" not in value:
            self.error(item, key, f"'{key}' is a text in English, or {{en: …, zh: …}} to give it in "
                       f"Chinese too; found the keys {', '.join(map(str, value)) or 'none'}")
            return None
        en, zh = self.text(value, "en"), self.text(value, "zh", required=False)
        return Note(en, zh or None) if en else None

    def texts(self, item: Located, key: str) -> list[str]:
        """The texts of ``key``: a list of texts or a single one; empty if absent or wrong (told)."""
        value = item.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool)
                                                  for v in value):
            self.error(item, key, f"'{key}' must be a list of texts")
            return []
        values = [str(v) for v in value]
        return values if all(self.xml_safe(v, item, key) for v in values) else []

    def identifier(self, item: Located, key: str = "id") -> str | None:
        """The id written under ``key``: lower-case letters, digits and hyphens; None if not (told)."""
        ident = self.text(item, key)
        if ident is not None and not ID.match(ident):
            self.error(item, key, f"id '{ident}' must be lower-case letters, digits and hyphens")
            return None
        return ident

    def xml_safe(self, text: str, item: Located, key: str) -> bool:
        """Whether XML can carry every character of ``text`` (the value of ``key``); tells if not."""
        bad = unsafe_character(text)
        if bad is not None:
            self.error(item, key, f"'{key}': " + unsafe_message(text[bad]))
        return bad is None


@dataclass(frozen=True)
class FactsFile(ValueReader):
    """Reads the values of one facts file: ids are resolved in ``entities`` (the registry),
    quotes in the text of ``report``.

    >>> city = Entity("city", "City", "乙市", None, [], [], [], None, Where("registry/a.yaml", 1))
    >>> report = Report("r1", "乙市位于甲省。乙市很大。", "", "zh", Where("facts.yaml", 1))
    >>> facts = FactsFile(Path("facts.yaml"), Problems(), report, {"city": city})
    >>> item = Located(subject="city", object="town", quote="乙市", within="乙市很大")
    >>> facts.entity(item, "subject"), facts.entity(item, "object"), facts.quote_spans(item)[0].start
    ('city', None, 7)
    >>> facts.quote_spans(Located(quote="甲省", occurrence=2))
    []
    >>> for error in facts.problems.errors:
    ...     print(error)
    facts.yaml: unknown entity id 'town' in 'object' (not in registry/*.yaml)
    facts.yaml: occurrence must be a number from 1 to 1, not 2
    """

    report: Report
    entities: dict[str, Entity]
    units: dict[str, Unit] = field(default_factory=dict)   # the units table, by key

    @cached_property   # read for every number: made once a file
    def written_units(self) -> dict[str, URIRef]:
        """Each way the units table lets a report write a unit → the unit's IRI."""
        return {form: URIRef(u.iri) for u in self.units.values() for form in u.written}

    @cached_property
    def unit_keys(self) -> dict[str, URIRef]:
        """Each unit's key (``unit: count``) → its IRI."""
        return {u.key: URIRef(u.iri) for u in self.units.values()}

    def entity(self, item: Located, key: str, kinds: tuple[str, ...] = (),
               required: bool = True) -> str | None:
        """The registry id written under ``key``, of an entity of one of ``kinds`` (any if empty)."""
        ident = self.text(item, key, required)
        if ident is None:
            return None
        if ident not in self.entities:
            self.error(item, key, f"unknown entity id '{ident}' in '{key}' (not in registry/*.yaml)")
            return None
        if kinds and TYPES[self.entities[ident].type].kind not in kinds:
            self.error(item, key, f"'{ident}' is {_a(self.entities[ident].type)}; '{key}' needs "
                       f"{' or '.join(_a(kind) for kind in kinds)}")
            return None
        return ident

    def quote_spans(self, item: Located, key: str = "quote", all_allowed: bool = False) -> list[Span]:
        """Spans of the item's quote in the report text, disambiguated by within/occurrence."""
        quote = self.text(item, key)
        if quote is None:
            return []
        window = self._window(item, quote)
        if window is None:
            return []
        window_start, window_text = window
        starts = [window_start + s for s in find_all(window_text, quote)]
        if not starts:
            self.error(item, key, f"quote not found in {self.report.id}/report.txt: '{quote}'"
                       + near_miss(self.report.text, quote))
            return []
        chosen = self._occurrences(item, key, quote, starts, all_allowed)
        return [span_at(self.report, s, s + len(quote)) for s in chosen]

    def _window(self, item, quote):
        """``(start, text)`` of the part of the report the quote is looked for in: its
        'within' text if it has one, else the whole text; None if 'within' is wrong (told)."""
        within = self.text(item, "within", required=False)
        if within is None:
            return 0, self.report.text
        starts = find_all(self.report.text, within)
        if len(starts) != 1:
            self.error(item, "within", f"'within' text '{within}' occurs {len(starts)} times in "
                       f"{self.report.id}/report.txt (it must occur exactly once)")
            return None
        if quote not in within:
            self.error(item, "within", f"quote '{quote}' is not inside its 'within' text '{within}'")
            return None
        return starts[0], within

    def _occurrences(self, item, key, quote, starts, all_allowed):
        """The ``starts`` of the quote the item means: one of them, unless 'occurrence: all'
        is allowed and written; none if the item does not say which (told)."""
        occurrence = item.get("occurrence")
        if occurrence == "all" and all_allowed:
            return starts
        if occurrence is not None:
            if not isinstance(occurrence, int) or isinstance(occurrence, bool) \
                    or not 1 <= occurrence <= len(starts):
                self.error(item, "occurrence", f"occurrence must be a number from 1 to {len(starts)}"
                           + (" or 'all'" if all_allowed else "") + f", not {occurrence!r}")
                return []
            return [starts[occurrence - 1]]
        if len(starts) > 1:
            self.error(item, key, f"quote '{quote}' occurs {len(starts)} times in "
                       f"{self.report.id}/report.txt (at characters {', '.join(map(str, starts))}); "
                       "add 'within: <longer text around it>' or 'occurrence: N'")
            return []
        return starts

    def inferred(self, item: Located) -> Note | None:
        """The item's 'inferred' note (why the fact follows from a quote that does not state it)."""
        if "inferred" not in item:
            return None
        return self.note(item, "inferred")

    def drafted(self, item: Located) -> str | None:
        """The item's 'drafted' rule: the draft step proposed it and nobody has reviewed it yet."""
        if "drafted" not in item:
            return None
        if item["drafted"] is None or not str(item["drafted"]).strip():
            self.error(item, "drafted", "'drafted' names the rule that drafted the line; once the line is "
                       "reviewed, remove 'drafted:' altogether")
            return None
        return self.text(item, "drafted")

    def where(self, item: Located) -> Where:
        return Where(str(self.path), item.line)


def _a(word):
    """``word`` with its indefinite article: "an event", "a person"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"
