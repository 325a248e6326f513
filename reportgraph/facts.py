"""Read the sections of one facts file into records, each checked against the registry and the text.

A facts file has a ``report:`` head and four lists: ``mentions``, ``relations``, ``posts``
and ``observations``. Each section has its reader here (``read_mentions`` …; the head's
fields are read by :mod:`reportgraph.head`); a reader returns the records of its items and tells the problems of
the others to the file's :class:`~reportgraph.checks.Problems`. A reader goes on past an
item's first problem to tell all of them, so that a curator fixes the file in one pass; an
item with a problem is then left out of the records (the load fails in any case).

>>> from pathlib import Path
>>> from reportgraph.checks import Problems
>>> from reportgraph.model import Entity, Report, Where
>>> city = Entity("city", "City", "乙市", None, [], [], [], None, Where("registry/a.yaml", 1))
>>> report = Report("r1", "乙市位于甲省。乙市很大。", "", "zh", Where("facts.yaml", 1))
>>> facts = FactsFile(Path("facts.yaml"), Problems(), report, {"city": city})
>>> mentions = [Located(entity="city", quote="乙市", occurrence="all"), Located(entity="city", quote="丙市")]
>>> [(m.kind, m.span.start) for m in read_mentions(facts, mentions)]
[('name', 0), ('name', 7)]
>>> print(*facts.problems.errors)
facts.yaml: quote not found in r1/report.txt: '丙市'
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import NamedTuple

from rdflib import URIRef

from . import head, quantities
from .checks import FactsFile, literal
from .model import Mention, Observation, Post, Statement
from .vocab import ATTRIBUTES, MENTION_KINDS, POST_EVENTS, QUALIFIERS, RELATIONS
from .yamlfile import Located

_QUOTE_KEYS = {"quote", "within", "occurrence", "inferred", "drafted"}

#: The keys an item of each section may have.
SECTION_KEYS = {
    "relations": {"subject", "relation", "object", "value", "en", "context"} | _QUOTE_KEYS,
    "posts": {"person", "role", "organization", "how", "event"} | _QUOTE_KEYS,
    "mentions": {"entity", "kind", "all"} | _QUOTE_KEYS,
    "observations": {"id", "about", "variable", "raw", "unit", "year", "share_of", "denominator",
                     "qualifiers", "defect", "event"} | _QUOTE_KEYS,
}


def read_sections(facts: FactsFile, data: Located) -> None:
    """Add the records of every section of ``data`` (a facts file) to ``facts.report``;
    then tell a statement written twice with the same quote."""
    report = facts.report
    report.statements += head.read_report_fields(facts, data["report"])
    report.mentions += read_mentions(facts, section_items(facts, data, "mentions"))
    report.statements += read_relations(facts, section_items(facts, data, "relations"))
    report.posts += read_posts(facts, section_items(facts, data, "posts"))
    report.observations += read_observations(facts, section_items(facts, data, "observations"))
    tell_repeated_statements(report.statements, facts)


def section_items(facts: FactsFile, data: Located, section: str) -> Iterator[Located]:
    """The items of ``section``, as they are read: each told of its unknown keys first."""
    items = data.get(section, [])
    if not isinstance(items, list):
        facts.error(data, section, f"'{section}' is a list")
        return
    for item in items:
        if not isinstance(item, Located):
            facts.error(data, section, f"items of '{section}' are mappings")
            continue
        facts.unknown_keys(item, SECTION_KEYS[section])
        yield item


def tell_repeated_statements(statements: list[Statement], facts: FactsFile) -> None:
    """Tell every statement that repeats an earlier one with the same quote."""
    first_line = {}
    for s in statements:
        key = (s.subject, s.key, s.object, s.value, s.span.start, s.span.end)
        if key in first_line:
            facts.problems.add(s.where.path, s.where.line,
                               f"the same statement with the same quote is already on line {first_line[key]}")
        first_line.setdefault(key, s.where.line)


# --- mentions -----------------------------------------------------------------------------------

def read_mentions(facts: FactsFile, items: Iterable[Located]) -> list[Mention]:
    """Mentions of the ``mentions`` section: where the text names an entity, and how."""
    return [mention for item in items for mention in _mentions(facts, item)]


def _mentions(facts, item):
    """The mentions of one item: one per span of its quote ('occurrence: all' may give several)."""
    ident = facts.entity(item, "entity")
    kind = item.get("kind")
    if kind is None and ident is not None:   # the full name is a name, anything else an alias
        kind = "name" if item.get("quote") == facts.entities[ident].zh else "alias"
    if not isinstance(kind, str) or kind not in MENTION_KINDS:
        facts.error(item, "kind", f"mention kind must be one of {', '.join(MENTION_KINDS)}")
        return []
    spans = facts.quote_spans(item, all_allowed=True)
    if ident is None:
        return []
    if kind != "pronoun" and spans:
        e = facts.entities[ident]
        if spans[0].exact not in {e.zh, *e.aliases_zh, e.en, *e.aliases_en}:
            facts.error(item, "quote", f"'{spans[0].exact}' is not a label or alias of '{ident}'; "
                        "add it to the registry's aliases or mark the mention 'kind: pronoun'")
            return []
    return [Mention(entity=ident, kind=kind, span=span, where=facts.where(item), drafted=facts.drafted(item))
            for span in spans]


# --- relations ----------------------------------------------------------------------------------

class _Target(NamedTuple):
    """What a relation item states of its subject: an entity, or a value (a text with its English)."""
    object: str | None
    value: object = None
    value_en: str | None = None


def read_relations(facts: FactsFile, items: Iterable[Located]) -> list[Statement]:
    """Statements of the ``relations`` section: a subject related to an entity or a value."""
    return [statement for item in items for statement in _relation(facts, item)]


def _relation(facts, item):
    """The statement of one relation item, as a list (empty if the item has a problem)."""
    subject = facts.entity(item, "subject")
    key = facts.text(item, "relation")
    spans = facts.quote_spans(item)
    context = facts.entity(item, "context", kinds=("event", "agreement"), required=False)
    if key is None:
        return []
    target = _target(facts, item, key, spans[0].exact if spans else None)
    if subject is None or target is None:
        return []
    return [Statement(subject=subject, key=key, object=target.object, value=target.value,
                      value_en=target.value_en, span=span, where=facts.where(item),
                      inferred=facts.inferred(item), context=context, drafted=facts.drafted(item)) for span in spans]


def _target(facts, item, key, quote):
    """The object or value of a relation ``key``; None if wrong (told)."""
    if key in RELATIONS:
        if "value" in item:
            facts.error(item, "value", f"'{key}' links two entities: give 'object', not 'value'")
            return None
        obj = facts.entity(item, "object")
        return None if obj is None else _Target(obj)
    if key in ATTRIBUTES:
        return _attribute_value(facts, item, key, quote)
    facts.error(item, "relation", f"unknown relation '{key}' (known: "
                f"{', '.join(sorted(RELATIONS) + sorted(ATTRIBUTES))})")
    return None


def _attribute_value(facts, item, key, quote):
    """The value of an attribute ``key`` (a date, or a text the quote writes, with its English)."""
    if "object" in item:
        facts.error(item, "object", f"'{key}' takes a 'value', not an 'object'")
        return None
    is_text = ATTRIBUTES[key].datatype == "lang"
    value = literal(item.get("value"), "text" if is_text else "date")
    if value is None:
        facts.error(item, "value", f"'{key}' value {item.get('value')!r} is not a valid "
                    + ("text" if is_text else "date (YYYY-MM-DD)"))
        return None
    value_en = facts.text(item, "en", required=is_text)
    if is_text and quote is not None and value not in quote:
        facts.error(item, "value", f"value '{value}' is not written in its quote; "
                    "text values are the report's own words")
        return None
    return _Target(None, value, value_en)


# --- posts --------------------------------------------------------------------------------------

def read_posts(facts: FactsFile, items: Iterable[Located]) -> list[Post]:
    """Posts of the ``posts`` section: a person holding a role in an organisation."""
    return [post for item in items for post in _posts(facts, item)]


def _posts(facts, item):
    """The post of one item, as a list (empty if the item has a problem)."""
    person = facts.entity(item, "person", kinds=("person",))
    role = facts.entity(item, "role")
    if role is not None and facts.entities[role].type != "Role":
        facts.error(item, "role", f"'{role}' is not a Role")
        role = None
    organization = facts.entity(item, "organization", kinds=("organization", "group"))
    election = _election(facts, item)
    spans = facts.quote_spans(item)
    if None in (person, role, organization, election):
        return []
    how, event = election
    return [Post(person=person, role=role, organization=organization, span=span, where=facts.where(item),
                 inferred=facts.inferred(item), how=how, event=event, drafted=facts.drafted(item))
            for span in spans]


def _election(facts, item):
    """``(how, event)`` of a post won at a meeting (``(None, None)`` if it does not say); None if
    wrong (told)."""
    if "how" not in item and "event" not in item:
        return None, None
    if ("how" in item) != ("event" in item):
        facts.error(item, "how" if "event" in item else "event",
                    "a post's 'how' (elected, appointed) and 'event' (the meeting) go together")
        return None
    how, event = item["how"], facts.entity(item, "event", kinds=("event",))
    if not isinstance(how, str) or how not in POST_EVENTS:
        facts.error(item, "how", f"'how' is one of {', '.join(POST_EVENTS)}, not {how!r}")
        return None
    return None if event is None else (how, event)


# --- observations -------------------------------------------------------------------------------

class _Amount(NamedTuple):
    """A number as the text writes it (``raw``), its value and its unit (None if it writes none)."""
    raw: str
    value: Decimal
    unit: URIRef | None


def read_observations(facts: FactsFile, items: Iterable[Located]) -> list[Observation]:
    """Observations of the ``observations`` section: numbers the text states, each with its id."""
    first_line = {}     # observation id -> the line it is first given on
    return [observation for item in items
            if (observation := _observation(facts, item, first_line)) is not None]


def _observation(facts, item, first_line):
    """The observation of one item; None if it has a problem (told)."""
    ident = _observation_id(facts, item, first_line)
    about = facts.entity(item, "about")
    variable = facts.entity(item, "variable")
    if variable is not None and facts.entities[variable].type != "Variable":
        facts.error(item, "variable", f"'{variable}' is not a Variable")
        variable = None
    share_of = facts.entity(item, "share_of", kinds=("place", "industry"), required=False)
    if "denominator" in item and "share_of" not in item:
        facts.error(item, "denominator", "a share names what it is a share of: add 'share_of:' "
                    "(the place or industry whose total the denominator is)")
    event = facts.entity(item, "event", kinds=("event",), required=False)
    spans = facts.quote_spans(item)
    quote = spans[0].exact if spans else None
    amount = _amount(facts, item, quote)
    qualifiers = facts.texts(item, "qualifiers")
    qualified = [_qualifier_marked(facts, item, q, quote) for q in qualifiers]
    dated = _year_valid(facts, item)
    if None in (ident, about, variable, amount) or not spans or not all(qualified) or not dated:
        return None
    return Observation(
        id=ident, about=about, variable=variable, value=amount.value, unit=str(amount.unit),
        raw=amount.raw, year=item.get("year"), span=spans[0], where=facts.where(item),
        share_of=share_of, denominator_text=facts.text(item, "denominator", required=False),
        qualifiers=qualifiers, defect=facts.text(item, "defect", required=False),
        event=event, inferred=facts.inferred(item), drafted=facts.drafted(item))


def _observation_id(facts, item, first_line):
    """The observation's id, unless malformed or given before (told); remembers its line."""
    ident = facts.identifier(item)
    if ident is None:
        return None
    if ident in first_line:
        facts.error(item, "id", f"duplicate observation id '{ident}' (first on line {first_line[ident]})")
        return None
    first_line[ident] = item.line
    return ident


def _amount(facts, item, quote):
    """The number of 'raw', written in the ``quote``, with its unit (written, or stated by
    'unit' for a number the text writes without one); None if wrong (told)."""
    raw = facts.text(item, "raw")
    written = _written_amount(facts, item, raw)
    if written is None:
        _stated_unit(facts, item, None, raw)    # a wrong 'unit' is told all the same
        return None
    if quote is not None and raw not in quote:
        facts.error(item, "raw", f"raw value '{raw}' is not written in its quote '{quote}'")
        _stated_unit(facts, item, written.unit, raw)    # told too
        return None
    if "unit" in item:
        unit = _stated_unit(facts, item, written.unit, raw)
        return None if unit is None else written._replace(unit=unit)
    if written.unit is None:
        facts.error(item, "raw", f"'{raw}' has no unit; state one with 'unit:' "
                    f"({', '.join(facts.unit_keys)}) and, if the text omits it, a 'defect:' note")
        return None
    return written


def _written_amount(facts, item, raw):
    """The value and unit ``raw`` writes; None without raw or if it is not a number (told)."""
    if raw is None:
        return None
    if not facts.units:
        facts.error(item, "raw", f"no units table to read '{raw}' with: registry/units.yaml is missing or empty")
        return None
    try:
        value, unit = quantities.parse(raw, facts.written_units)
    except quantities.QuantityError as e:
        facts.error(item, "raw", f"wrong number format: {e}")
        return None
    return _Amount(raw, value, unit)


def _stated_unit(facts, item, written_unit, raw):
    """The unit stated by 'unit' (if present); None if unknown or contradicting ``written_unit``,
    the unit written in ``raw`` (told)."""
    if "unit" not in item:
        return None
    unit_key, keys = item["unit"], facts.unit_keys
    if not isinstance(unit_key, str) or unit_key not in keys:
        facts.error(item, "unit", f"unknown unit {unit_key!r} (known: {', '.join(keys)})")
        return None
    if written_unit is not None and written_unit != keys[unit_key]:
        facts.error(item, "unit", f"unit '{unit_key}' contradicts the unit written in '{raw}'")
        return None
    return keys[unit_key]


def _qualifier_marked(facts, item, qualifier, quote):
    """Whether ``qualifier`` is known and its marker (约, 超 …) is in the ``quote``; tells if not."""
    if qualifier not in QUALIFIERS:
        facts.error(item, "qualifiers", f"unknown qualifier '{qualifier}' (known: {', '.join(QUALIFIERS)})")
        return False
    if quote is not None and QUALIFIERS[qualifier].marker not in quote:
        facts.error(item, "qualifiers", f"qualifier '{qualifier}' needs '{QUALIFIERS[qualifier].marker}' "
                    "in the quote")
        return False
    return True


def _year_valid(facts, item):
    """Whether the item's 'year', if any, is a year from 1900 to 2100; tells if not."""
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)
                             or not 1900 <= year <= 2100):
        facts.error(item, "year", f"year must be a four-digit number, not {year!r}")
        return False
    return True
