"""Warnings about a corpus as a whole: names that do not tell entities apart, and entries no fact uses.

A corpus grows report by report, and the registry with it; two entries for one body, or
one name for two bodies, are easy to make and silently wrong (the explorer's search and
the draft step pick one; facts split between two nodes). These checks find the probable
cases and warn, naming the registry file and line of each entry, without stopping the
build: the curator decides.

>>> from reportgraph.model import Entity, Where
>>> def entry(ident, type_, zh, aliases=(), line=1):
...     return Entity(ident, type_, zh, None, list(aliases), [], [], None, Where("registry/r.yaml", line))
>>> corpus = Corpus({e.id: e for e in [entry("a", "IndustryAssociation", "南海铝协", line=1),
...                                    entry("b", "IndustryAssociation", "广东省南海铝协", line=2),
...                                    entry("c", "Event", "对接会", line=3), entry("d", "Event", "大会", ["对接会"], 4)]},
...                 [])
>>> for w in warnings(corpus): print(w)
registry/r.yaml:1: 'a' (南海铝协) and 'b' (广东省南海铝协, line 2) may be one entity: one name is the other with the place 广东省 before it
registry/r.yaml:3: '对接会' names both 'c' and 'd' (line 4): a search or a draft cannot tell which is meant
registry/r.yaml:1: 'a' is in no fact of any report
registry/r.yaml:2: 'b' is in no fact of any report
registry/r.yaml:3: 'c' is in no fact of any report
registry/r.yaml:4: 'd' is in no fact of any report
"""

import re
import unicodedata
from collections import defaultdict

from .model import Corpus, Entity
from .vocab import TYPES
from .yamlfile import FactsError

#: How a name may start with a place: a province, city, district, county or region, written out.
_PLACE_PREFIX = re.compile(r"^\w{2,7}?(?:省|市|区|县|自治区|自治州|特别行政区)$")


def warnings(corpus: Corpus) -> list[FactsError]:
    """Every warning about ``corpus``: probable duplicates, shared names, entries without a fact."""
    entities = sorted(corpus.entities.values(), key=lambda e: (e.where.path, e.where.line))
    return _probable_duplicates(entities) + _shared_names(entities) + _without_facts(corpus, entities)


def normalised(name: str) -> str:
    """``name`` with full-width forms made half-width (（）→ ()) and spaces removed.

    >>> normalised("广东(南海)铝加工 产业联盟") == normalised("广东（南海）铝加工产业联盟")
    True
    """
    return "".join(unicodedata.normalize("NFKC", name).split())


def _names(e):
    return [e.zh, *e.aliases_zh]


def _shared_names(entities):
    """A name or alias written for two entities, exactly."""
    owners = defaultdict(list)
    for e in entities:
        for name in dict.fromkeys(_names(e)):
            owners[name].append(e)
    out = []
    for name, (first, *rest) in owners.items():
        if not rest:
            continue
        if all(e.type == "Person" for e in (first, *rest)):
            out.append(_warn(first, f"'{first.id}' and {_others(first, rest)} are both people named {name}: "
                                    "one person in two entries, or two people?"))
        else:
            out.append(_warn(first, f"'{name}' names both '{first.id}' and {_others(first, rest)}: a search "
                                    "or a draft cannot tell which is meant"))
    return out


def _probable_duplicates(entities):
    """Two entries whose names differ only in width or spaces, or by a place written before one of them."""
    out, seen = [], set()
    by_form = defaultdict(list)
    for e in entities:
        if e.type in _CONCEPT_TYPES:
            continue
        for name in dict.fromkeys(_names(e)):
            by_form[normalised(name)].append((name, e))
    for form, named in by_form.items():
        for (name, e), (other_name, other) in _pairs(named):
            if name != other_name and (e.id, other.id) not in seen:
                seen.add((e.id, other.id))
                out.append(_warn(e, f"'{e.id}' ({name}) and '{other.id}' ({other_name}, {_line(e, other)}) "
                                    "may be one entity: their names differ only in width or spaces"))
    for form, named in by_form.items():
        for cut in range(2, len(form) - 1):
            prefix, rest = form[:cut], form[cut:]
            if rest in by_form and _PLACE_PREFIX.match(prefix):
                for (name, e), (short, other) in ((a, b) for a in named for b in by_form[rest]):
                    if e.id != other.id and (other.id, e.id) not in seen:
                        seen.add((other.id, e.id))
                        out.append(_warn(other, f"'{other.id}' ({short}) and '{e.id}' ({name}, {_line(other, e)}) "
                                                f"may be one entity: one name is the other with the place {prefix} "
                                                "before it"))
    return out


def _pairs(named):
    return [(a, b) for i, a in enumerate(named) for b in named[i + 1:] if a[1].id != b[1].id]


def _without_facts(corpus, entities):
    """Entries no statement, post or observation of any report uses (a stage of a chain or the
    stage a variable measures is used by that entry)."""
    used = set()
    for report in corpus.reports:
        for s in report.statements:
            used.update((s.subject, s.object, s.context))
        for p in report.posts:
            used.update((p.person, p.role, p.organization, p.event))
        for o in report.observations:
            used.update((o.about, o.variable, o.share_of, o.event))
    for e in entities:
        used.update(e.stages)
        used.add(e.stage)
    return [_warn(e, f"'{e.id}' is in no fact of any report") for e in entities if e.id not in used]


_CONCEPT_TYPES = {key for key, t in TYPES.items() if t.kind == "concept"}


def _line(e, other):
    return f"line {other.where.line}" if other.where.path == e.where.path else str(other.where)


def _others(first, rest):
    return ", ".join(f"'{o.id}' ({_line(first, o)})" for o in rest)


def _warn(e: Entity, problem: str) -> FactsError:
    return FactsError(e.where.path, e.where.line, problem)


def drafts(corpus: Corpus) -> list[FactsError]:
    """Every line the draft step wrote that nobody has reviewed yet (``drafted:``), file:line each,
    in file order: registry entries, then each report's mentions and facts.

    >>> from reportgraph.model import Where
    >>> e = Entity("a", "IndustryAssociation", "甲协会", None, [], [], [], None, Where("registry/d.yaml", 3),
    ...            drafted="name-suffix")
    >>> [str(d) for d in drafts(Corpus({"a": e}, []))]
    ["registry/d.yaml:3: 'a' (甲协会) drafted by rule name-suffix, not reviewed"]
    """
    found = {}
    for e in corpus.entities.values():
        if e.drafted:
            found[(e.where.path, e.where.line)] = f"'{e.id}' ({e.zh}) drafted by rule {e.drafted}, not reviewed"
    for report in corpus.reports:
        for item in (*report.mentions, *report.statements, *report.posts, *report.observations):
            if item.drafted:
                found[(item.where.path, item.where.line)] = (f"'{item.span.exact}' drafted by rule "
                                                             f"{item.drafted}, not reviewed")
    return [FactsError(path, line, problem) for (path, line), problem in sorted(found.items())]
