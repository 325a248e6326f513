"""Load the entity registry and every report's facts into the facts model, checking as we go.

Every problem is a :class:`FactsError` naming the file, the line and what is
wrong; :func:`load_corpus` gathers all of them before it fails so that a curator
fixes a file in one pass.
"""

import hashlib
import re
from datetime import date
from pathlib import Path

from . import quantities
from .model import Corpus, Entity, Mention, Observation, Post, Report, Span, Statement, Where
from .vocab import ATTRIBUTES, MENTION_KINDS, QUALIFIERS, RELATIONS, REPORT_FIELDS, TYPES, UNIT_KEYS
from .yamlfile import FactsError, Located, load

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CONTEXT = 16   # characters of prefix and suffix kept with each quote

_ENTITY_KEYS = {"id", "type", "zh", "en", "aliases", "search", "note", "heads", "stage", "stages"}
_QUOTE_KEYS = {"quote", "within", "occurrence", "inferred"}
_SECTION_KEYS = {
    "relations": {"subject", "relation", "object", "value", "en", "context"} | _QUOTE_KEYS,
    "posts": {"person", "role", "organization"} | _QUOTE_KEYS,
    "mentions": {"entity", "kind", "all"} | _QUOTE_KEYS,
    "observations": {"id", "about", "variable", "raw", "unit", "year", "share_of", "denominator",
                     "qualifiers", "defect", "event"} | _QUOTE_KEYS,
}


class Problems:
    """Collects FactsErrors; raises them together."""

    def __init__(self):
        self.errors = []

    def add(self, path, line, problem):
        self.errors.append(FactsError(path, line, problem))

    def check(self):
        if self.errors:
            raise LoadError(self.errors)


class LoadError(Exception):
    """One or more problems in the input files, each on its own line."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def load_corpus(root):
    """Read ``root/registry/*.yaml`` and every ``root/reports/<id>/`` into a :class:`Corpus`.

    >>> corpus = load_corpus(".")
    >>> corpus.entities["miit"].zh
    '工业和信息化部'

    Raises :class:`LoadError` listing every problem found.
    """
    root = Path(root)
    problems = Problems()
    entities = load_registry(sorted((root / "registry").glob("*.yaml")), problems)
    problems.check()
    reports = [load_report(d, entities, problems)
               for d in sorted(p.parent for p in (root / "reports").glob("*/facts.yaml"))]
    problems.check()
    return Corpus(entities=entities, reports=reports)


def _read(path, problems):
    try:
        return load(path)
    except FactsError as e:
        problems.errors.append(e)
    except OSError as e:
        problems.add(path, 0, f"cannot read: {e.strerror}")
    return None


def _unknown_keys(item, allowed, path, problems):
    for key in item:
        if key not in allowed:
            hint = ""
            if item[key] is None:   # "quote: a,b" inside {…}: YAML split the text at the comma
                hint = "; a text with an ASCII comma inside { … } must be written in double quotes"
            problems.add(path, item.line_of(key),
                         f"unknown key '{key}' (expected one of: {', '.join(sorted(allowed))}){hint}")


def _text(item, key, path, problems, required=True):
    value = item.get(key)
    if value is None:
        if required:
            problems.add(path, item.line, f"missing '{key}'")
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        problems.add(path, item.line_of(key), f"'{key}' must be text, not {type(value).__name__}")
        return None
    text = str(value).strip()
    if required and not text:
        problems.add(path, item.line_of(key), f"'{key}' is empty")
        return None
    return text if _carried(text, item, key, path, problems) else None


def _carried(text, item, key, path, problems):
    """Whether XML can carry every character of ``text`` (the value of ``key``); tells if not."""
    bad = _unsafe_character(text)
    if bad is not None:
        problems.add(path, item.line_of(key), f"'{key}': " + _unsafe_message(text[bad]))
    return bad is None


def _text_list(item, key, path, problems):
    value = item.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool)
                                              for v in value):
        problems.add(path, item.line_of(key), f"'{key}' must be a list of texts")
        return []
    values = [str(v) for v in value]
    return values if all(_carried(v, item, key, path, problems) for v in values) else []


def load_registry(paths, problems):
    """Entities of every registry file, by id; problems go to ``problems``."""
    entities = {}
    for path in paths:
        data = _read(path, problems)
        if data is None:
            continue
        if not isinstance(data, list):
            problems.add(path, 1, "a registry file is a list of entities ('- id: …')")
            continue
        for item in data:
            entity = _entity(item, path, problems)
            if entity is None:
                continue
            if entity.id in entities:
                problems.add(path, item.line_of("id"),
                             f"duplicate id '{entity.id}' (already defined at {entities[entity.id].where})")
                continue
            entities[entity.id] = entity
    for e in entities.values():    # references between registry entries
        refs = ([e.stage] if e.stage else []) + e.stages
        for ref in refs:
            if ref not in entities:
                problems.add(e.where.path, e.where.line, f"'{e.id}' refers to unknown entity id '{ref}'")
    return entities


def _entity(item, path, problems):
    if not isinstance(item, Located):
        problems.add(path, 0, f"registry entries are mappings, found {item!r}")
        return None
    _unknown_keys(item, _ENTITY_KEYS, path, problems)
    ident = _text(item, "id", path, problems)
    if ident is not None and not ID.match(ident):
        problems.add(path, item.line_of("id"),
                     f"id '{ident}' must be lower-case letters, digits and hyphens")
        ident = None
    type_ = _text(item, "type", path, problems)
    if type_ is not None and type_ not in TYPES:
        problems.add(path, item.line_of("type"),
                     f"unknown type '{type_}' (known: {', '.join(sorted(TYPES))})")
        type_ = None
    zh = item.get("zh")
    if zh is None or not str(zh).strip():
        problems.add(path, item.line_of("zh") if "zh" in item else item.line,
                     f"entity '{ident}' has no zh label (every entity needs its Chinese name)")
        zh = None
    elif not _carried(str(zh), item, "zh", path, problems):   # before _text strips it
        zh = None
    else:
        zh = _text(item, "zh", path, problems)   # text, not a list or a mapping
    aliases = item.get("aliases", Located())
    if not isinstance(aliases, Located) or set(aliases) - {"zh", "en"}:
        problems.add(path, item.line_of("aliases"), "'aliases' is a mapping with keys zh and en")
        aliases = Located()
    if None in (ident, type_, zh):
        return None
    heads = item.get("heads", False)
    if not isinstance(heads, bool):
        problems.add(path, item.line_of("heads"), "'heads' is true or false")
    return Entity(
        id=ident, type=type_, zh=str(zh).strip(), en=_text(item, "en", path, problems, required=False),
        aliases_zh=_text_list(aliases, "zh", path, problems),
        aliases_en=_text_list(aliases, "en", path, problems),
        search=_text_list(item, "search", path, problems),
        note=_text(item, "note", path, problems, required=False),
        where=Where(str(path), item.line), heads=heads is True,
        stage=_text(item, "stage", path, problems, required=False),
        stages=_text_list(item, "stages", path, problems))


def load_report(folder, entities, problems):
    """The :class:`Report` of ``folder`` (``report.txt`` + ``facts.yaml``)."""
    facts_path = folder / "facts.yaml"
    text_path = folder / "report.txt"
    told = len(problems.errors)
    data = _read(facts_path, problems)
    try:
        raw = text_path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        problems.add(text_path, 0, f"cannot read the report text: {e}")
        return None
    bad = _unsafe_character(text)
    if bad is not None:
        problems.add(text_path, text.count("\n", 0, bad) + 1, _unsafe_message(text[bad]))
        return None
    if data is None and len(problems.errors) > told:   # unreadable, and told so (None alone: an empty file)
        return None
    if not isinstance(data, Located) or not isinstance(data.get("report"), Located):
        problems.add(facts_path, 1, "a facts file starts with a 'report:' mapping")
        return None
    head = data["report"]
    _unknown_keys(data, {"report", *_SECTION_KEYS}, facts_path, problems)
    _unknown_keys(head, {"id", "sha256", "language", *REPORT_FIELDS}, facts_path, problems)
    report_id = _text(head, "id", facts_path, problems)
    if report_id is not None and report_id != folder.name:
        problems.add(facts_path, head.line_of("id"),
                     f"report id '{report_id}' differs from its folder name '{folder.name}'")
    digest = hashlib.sha256(raw).hexdigest()
    stated = _text(head, "sha256", facts_path, problems)
    if stated is not None and stated != digest:
        problems.add(facts_path, head.line_of("sha256"),
                     f"{text_path} changed since its facts were written: its sha256 is {digest}, "
                     f"the facts were written against {stated}; check every quote, then update sha256")
        return None
    report = Report(id=folder.name, text=text, sha256=digest,
                    language=_text(head, "language", facts_path, problems) or "zh",
                    where=Where(str(facts_path), head.line))
    ctx = _Context(report, entities, facts_path, problems)
    for key, (_, kind) in REPORT_FIELDS.items():
        if key in head:
            ctx.report_field(key, kind, head[key], head.line_of(key))
    for section, handler in (("mentions", ctx.mention), ("relations", ctx.relation),
                             ("posts", ctx.post), ("observations", ctx.observation)):
        items = data.get(section, [])
        if not isinstance(items, list):
            problems.add(facts_path, data.line_of(section), f"'{section}' is a list")
            continue
        for item in items:
            if not isinstance(item, Located):
                problems.add(facts_path, data.line_of(section), f"items of '{section}' are mappings")
                continue
            _unknown_keys(item, _SECTION_KEYS[section], facts_path, problems)
            handler(item)
    ctx.check_duplicates()
    add_name_mentions(report, entities, ctx)
    return report


def add_name_mentions(report, entities, ctx):
    """Record every place the text writes the full zh name of an entity the facts refer to.

    An occurrence inside a longer registered name (百色市 inside 百色市人民政府) belongs to
    the longer name and is skipped, so each name mention denotes what the text names.
    """
    referred = {m.entity for m in report.mentions}
    for s in report.statements:
        referred.update(x for x in (s.subject, s.object, s.context) if x in entities)
    for p in report.posts:
        referred.update((p.person, p.role, p.organization))
    for o in report.observations:
        referred.update(x for x in (o.about, o.variable, o.share_of, o.event) if x)
    names = {}          # every registered zh name or alias -> entity (to find the longest match)
    for e in entities.values():
        for name in (e.zh, *e.aliases_zh):
            names.setdefault(name, e.id)
    found = [(start, start + len(name), name) for name in names
             for start in _find_all(report.text, name)]
    curated = {(m.span.start, m.span.end) for m in report.mentions}
    for start, end, name in _outermost(found):
        entity = names[name]
        if entity not in referred or name != entities[entity].zh or (start, end) in curated:
            continue
        report.mentions.append(Mention(entity=entity, kind="name", span=ctx.span(start, end),
                                       where=report.where))


class _Context:
    """Reading one facts file: resolves ids and quotes against the registry and the text."""

    def __init__(self, report, entities, path, problems):
        self.report, self.entities, self.path, self.problems = report, entities, path, problems
        self.observation_ids = {}

    def err(self, item, key, problem):
        self.problems.add(self.path, item.line_of(key) if key else item.line, problem)

    def entity(self, item, key, kinds=None, required=True):
        ident = _text(item, key, self.path, self.problems, required)
        if ident is None:
            return None
        if ident not in self.entities:
            self.err(item, key, f"unknown entity id '{ident}' in '{key}' (not in registry/*.yaml)")
            return None
        if kinds and TYPES[self.entities[ident].type].kind not in kinds:
            self.err(item, key, f"'{ident}' is a {self.entities[ident].type}; '{key}' needs a "
                     f"{' or '.join(kinds)}")
            return None
        return ident

    def spans(self, item, key="quote", all_allowed=False):
        """Spans of the item's quote in the report text, disambiguated by within/occurrence."""
        quote = _text(item, key, self.path, self.problems)
        if quote is None:
            return []
        text = self.report.text
        window_start, window = 0, text
        within = _text(item, "within", self.path, self.problems, required=False)
        if within is not None:
            found = _find_all(text, within)
            if len(found) != 1:
                self.err(item, "within", f"'within' text '{within}' occurs {len(found)} times in "
                         f"{self.report.id}/report.txt (it must occur exactly once)")
                return []
            if quote not in within:
                self.err(item, "within", f"quote '{quote}' is not inside its 'within' text '{within}'")
                return []
            window_start, window = found[0], within
        starts = [window_start + s for s in _find_all(window, quote)]
        if not starts:
            self.err(item, key, f"quote not found in {self.report.id}/report.txt: '{quote}'"
                     + _near_miss(text, quote))
            return []
        occurrence = item.get("occurrence")
        if occurrence == "all" and all_allowed:
            chosen = starts
        elif occurrence is not None:
            if not isinstance(occurrence, int) or isinstance(occurrence, bool) \
                    or not 1 <= occurrence <= len(starts):
                self.err(item, "occurrence", f"occurrence must be a number from 1 to {len(starts)}"
                         + (" or 'all'" if all_allowed else "") + f", not {occurrence!r}")
                return []
            chosen = [starts[occurrence - 1]]
        elif len(starts) > 1:
            self.err(item, key, f"quote '{quote}' occurs {len(starts)} times in "
                     f"{self.report.id}/report.txt (at characters {', '.join(map(str, starts))}); "
                     "add 'within: <longer text around it>' or 'occurrence: N'")
            return []
        else:
            chosen = starts
        return [self.span(s, s + len(quote)) for s in chosen]

    def span(self, start, end):
        text = self.report.text
        return Span(report=self.report.id, start=start, end=end, exact=text[start:end],
                    prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT])

    def inferred(self, item):
        if "inferred" not in item:
            return None
        return _text(item, "inferred", self.path, self.problems)

    def where(self, item):
        return Where(str(self.path), item.line)

    def report_field(self, key, kind, item, line):
        if not isinstance(item, Located):
            self.problems.add(self.path, line, f"'{key}' is a mapping with 'value' and 'quote'")
            return
        spans = self.spans(item)
        value = _literal(item.get("value"), kind)
        if value is None:
            self.err(item, "value", f"'{key}' value {item.get('value')!r} is not a valid {kind}"
                     + (" (YYYY-MM-DD)" if kind == "date" else ""))
            return
        if spans and str(item.get("value")) not in spans[0].exact:
            self.err(item, "value", f"value '{item.get('value')}' is not written in its quote")
        for span in spans:
            self.report.statements.append(Statement(
                subject=self.report.id, key=key, object=None, value=value, value_en=None,
                span=span, where=self.where(item)))

    def mention(self, item):
        ident = self.entity(item, "entity")
        kind = item.get("kind")
        if kind is None and ident is not None:   # the full name is a name, anything else an alias
            kind = "name" if item.get("quote") == self.entities[ident].zh else "alias"
        if kind not in MENTION_KINDS:
            self.err(item, "kind", f"mention kind must be one of {', '.join(MENTION_KINDS)}")
            return
        spans = self.spans(item, all_allowed=True)
        if ident is None:
            return
        if kind != "pronoun":
            e = self.entities[ident]
            names = {e.zh, *e.aliases_zh, e.en, *e.aliases_en}
            if spans and spans[0].exact not in names:
                self.err(item, "quote", f"'{spans[0].exact}' is not a label or alias of '{ident}'; "
                         "add it to the registry's aliases or mark the mention 'kind: pronoun'")
                return
        for span in spans:
            self.report.mentions.append(Mention(entity=ident, kind=kind, span=span,
                                                where=self.where(item)))

    def relation(self, item):
        subject = self.entity(item, "subject")
        key = _text(item, "relation", self.path, self.problems)
        spans = self.spans(item)
        context = self.entity(item, "context", kinds=("event", "agreement"), required=False)
        if key is None:
            return
        if key in RELATIONS:
            if "value" in item:
                self.err(item, "value", f"'{key}' links two entities: give 'object', not 'value'")
                return
            obj = self.entity(item, "object")
            value = value_en = None
        elif key in ATTRIBUTES:
            if "object" in item:
                self.err(item, "object", f"'{key}' takes a 'value', not an 'object'")
                return
            obj = None
            datatype = ATTRIBUTES[key].datatype
            value = _literal(item.get("value"), "date" if datatype != "lang" else "text")
            if value is None:
                self.err(item, "value", f"'{key}' value {item.get('value')!r} is not a valid "
                         + ("date (YYYY-MM-DD)" if datatype != "lang" else "text"))
                return
            value_en = _text(item, "en", self.path, self.problems, required=datatype == "lang")
            if datatype == "lang" and spans and value not in spans[0].exact:
                self.err(item, "value", f"value '{value}' is not written in its quote; "
                         "text values are the report's own words")
                return
        else:
            self.err(item, "relation", f"unknown relation '{key}' (known: "
                     f"{', '.join(sorted(RELATIONS) + sorted(ATTRIBUTES))})")
            return
        if subject is None or (key in RELATIONS and obj is None):
            return
        for span in spans:
            self.report.statements.append(Statement(
                subject=subject, key=key, object=obj, value=value, value_en=value_en, span=span,
                where=self.where(item), inferred=self.inferred(item), context=context))

    def post(self, item):
        person = self.entity(item, "person", kinds=("person",))
        role = self.entity(item, "role")
        if role is not None and self.entities[role].type != "Role":
            self.err(item, "role", f"'{role}' is not a Role")
            role = None
        organization = self.entity(item, "organization", kinds=("organization", "group"))
        spans = self.spans(item)
        if None in (person, role, organization):
            return
        for span in spans:
            self.report.posts.append(Post(person=person, role=role, organization=organization,
                                          span=span, where=self.where(item),
                                          inferred=self.inferred(item)))

    def observation(self, item):
        ident = _text(item, "id", self.path, self.problems)
        if ident is not None and not ID.match(ident):
            self.err(item, "id", f"id '{ident}' must be lower-case letters, digits and hyphens")
            ident = None
        if ident is not None:
            if ident in self.observation_ids:
                self.err(item, "id", f"duplicate observation id '{ident}' "
                         f"(first on line {self.observation_ids[ident]})")
                ident = None
            else:
                self.observation_ids[ident] = item.line
        about = self.entity(item, "about")
        variable = self.entity(item, "variable")
        if variable is not None and self.entities[variable].type != "Variable":
            self.err(item, "variable", f"'{variable}' is not a Variable")
            variable = None
        share_of = self.entity(item, "share_of", kinds=("place",), required=False)
        event = self.entity(item, "event", kinds=("event",), required=False)
        spans = self.spans(item)
        raw = _text(item, "raw", self.path, self.problems)
        value = unit = None
        if raw is not None:
            try:
                value, unit = quantities.parse(raw)
            except quantities.QuantityError as e:
                self.err(item, "raw", f"wrong number format: {e}")
                raw = None
            if spans and raw is not None and raw not in spans[0].exact:
                self.err(item, "raw", f"raw value '{raw}' is not written in its quote "
                         f"'{spans[0].exact}'")
                raw = None
        if "unit" in item:   # stated unit: for numbers the text writes without one
            unit_key = item["unit"]
            if unit_key not in UNIT_KEYS:
                self.err(item, "unit", f"unknown unit '{unit_key}' (known: {', '.join(UNIT_KEYS)})")
                raw = None
            elif unit is not None and unit != UNIT_KEYS[unit_key]:
                self.err(item, "unit", f"unit '{unit_key}' contradicts the unit written in '{raw}'")
                raw = None
            else:
                unit = UNIT_KEYS[unit_key]
        if raw is not None and unit is None:
            self.err(item, "raw", f"'{raw}' has no unit; state one with 'unit:' "
                     f"({', '.join(UNIT_KEYS)}) and, if the text omits it, a 'defect:' note")
            raw = None
        qualifiers = _text_list(item, "qualifiers", self.path, self.problems)
        for q in qualifiers:
            if q not in QUALIFIERS:
                self.err(item, "qualifiers", f"unknown qualifier '{q}' (known: {', '.join(QUALIFIERS)})")
                raw = None
            elif spans and QUALIFIERS[q].marker not in spans[0].exact:
                self.err(item, "qualifiers", f"qualifier '{q}' needs '{QUALIFIERS[q].marker}' in the quote")
                raw = None
        year = item.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)
                                 or not 1900 <= year <= 2100):
            self.err(item, "year", f"year must be a four-digit number, not {year!r}")
            raw = None
        if None in (ident, about, variable, raw, value) or not spans:
            return
        self.report.observations.append(Observation(
            id=ident, about=about, variable=variable, value=value, unit=str(unit), raw=raw,
            year=year, span=spans[0], where=self.where(item), share_of=share_of,
            denominator_text=_text(item, "denominator", self.path, self.problems, required=False),
            qualifiers=qualifiers, defect=_text(item, "defect", self.path, self.problems, required=False),
            event=event, inferred=self.inferred(item)))

    def check_duplicates(self):
        seen = {}
        for s in self.report.statements:
            key = (s.subject, s.key, s.object, s.value, s.span.start, s.span.end)
            if key in seen:
                self.problems.add(s.where.path, s.where.line,
                                  f"the same statement with the same quote is already on line {seen[key]}")
            seen.setdefault(key, s.where.line)


#: What XML 1.0 cannot carry, not even as a character reference: GraphML and GEXF could not
#: hold a text with one of these, so it is refused where it is read.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _unsafe_character(text):
    """Index of the first character of ``text`` that XML 1.0 cannot carry, or None.

    >>> _unsafe_character("百色\x0c市"), _unsafe_character("tab\tand\u2028line")
    (2, None)
    """
    found = _XML_UNSAFE.search(text)
    return found.start() if found else None


def _unsafe_message(char):
    return (f"character U+{ord(char):04X} cannot be written to the XML outputs (GraphML, GEXF); "
            "remove it from the file")


def _outermost(spans):
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


def _find_all(text, sub):
    starts, i = [], text.find(sub)
    while i != -1:
        starts.append(i)
        i = text.find(sub, i + 1)
    return starts


def _near_miss(text, quote):
    """A hint when the quote differs from the text only in punctuation width (,/，)."""
    fold = str.maketrans("，：；（）！？", ",:;()!?")
    if quote.translate(fold) in text.translate(fold):
        return " (it differs from the text only in full-width/ASCII punctuation; copy it exactly)"
    return ""


def _literal(value, kind):
    """The Python value of a literal of ``kind`` ('date', 'integer', 'text'), or None if malformed."""
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
