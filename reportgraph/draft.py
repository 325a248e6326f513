"""A draft of the facts of a new report (issue 12): entities, posts, relations and numbers found
by the patterns of Chinese association and government news, each with its exact quote
(``text[start:end]``, Unicode code points) and the ``rule`` that found it, for review.

``draft(text, entities, units)`` returns the JSON-ready dict of issue 12. A registry entity keeps
its id (``"new": false``); a new one is ``draft-<kind>-<n>`` (org, person, event, group, place,
agreement), numbered by first mention, so one text always gives the same ids. A relation to a
date (``startDate``) has ``"value"`` instead of ``"object"``; ``invites`` and
``signsAgreementWith`` carry ``"context"`` (the event; the agreement). An observation's
``"about"`` is null when no entity stands before it in its sentence.

The backbone is the genre's patterns (names in :mod:`reportgraph.draftnames`; people and posts in
:mod:`reportgraph.draftrules`; trigger patterns in :mod:`reportgraph.drafttriggers`; events,
speeches, agreements and numbers in modules of their own). The tokenizer only tells a person's name
(jieba's ``nr``) where patterns cannot. It is jieba 0.42.1: pure Python with its dictionary and HMM
model in its package, so nothing is fetched at run time. pkuseg does not build on this Python (no
wheel; its sdist fails); spacy-pkuseg ships no model (it downloads one on first use); jiagu ships
models only in a 54 MB sdist last released in 2020. The draft has its own tagger, with the
registry's people as user words, its dictionary read only for the text's characters
(:mod:`reportgraph.drafttokens`).
"""

import hashlib
import json
import re
from collections.abc import Mapping

from .draftnames import Doc, find_organisations, find_registry, mention_all, registry_names
from .draftplaces import find_abbreviations, find_industries, find_places, home_place, place_links, resolve_relative
from .draftrules import find_people
from .drafttokens import tokens
from .drafttriggers import find_relations
from .draftposts import find_elections, find_other_posts
from .draftagreements import agreement_kinds
from .draftdesignations import find_designations
from .draftaims import find_aims
from .draftsectors import find_sectors
from .draftchains import find_chains
from .draftevents import find_agreements, find_event_facts, find_events, friendly_associations
from .draftspeeches import find_speech_acts, find_speeches
from .drafteventshapes import find_framed_events
from .draftnumbers import find_numbers
from .draftgroups import find_groups, find_members, find_witnesses
from .draftorgs import find_more_organisations
from .draftlinks import find_links
from .draftverbs import find_more_relations
from .draftvisits import find_sites, find_tours, find_visits
from .model import Entity, Unit
from .quantities import written_dates
from .vocab import TYPES

_KIND_WORDS = {"organization": "org", "person": "person", "event": "event", "group": "group",
               "place": "place", "agreement": "agreement", "industry": "industry"}


def draft(text: str, entities: Mapping[str, Entity], units: Mapping[str, Unit]) -> dict:
    """The draft of ``text`` against the registry ``entities`` and the units table ``units``
    (by key), as the dict described in the module docstring.

    >>> d = draft("甲市乙协会会长王明出席会议。", {}, {})
    >>> [(e["zh"], e["type"]) for e in d["entities"]], [(p["role"], p["rule"]) for p in d["posts"]]
    ([('甲市乙协会', 'IndustryAssociation'), ('王明', 'Person')], [('会长', 'title-before-name')])
    """
    types = {key: t.kind for key, t in TYPES.items()}
    doc = Doc(text, types)
    people = frozenset(e.zh for e in entities.values() if e.type == "Person")
    doc.words = tokens(text, people)
    find_registry(doc, entities, registry_names(entities, types))
    find_organisations(doc, entities)
    find_more_organisations(doc, entities)
    find_abbreviations(doc)
    find_places(doc, entities)
    home = home_place(doc)
    resolve_relative(doc, home)
    mention_all(doc)
    find_people(doc, entities)
    find_elections(doc)
    find_other_posts(doc)
    find_events(doc)
    find_framed_events(doc)
    find_tours(doc)
    find_groups(doc)
    mention_all(doc)
    find_members(doc)
    find_industries(doc, home)
    find_speeches(doc, entities)
    find_speech_acts(doc)
    find_more_relations(doc)
    find_relations(doc)
    find_visits(doc)
    find_witnesses(doc)
    find_agreements(doc)
    agreement_kinds(doc, entities)
    find_designations(doc, entities)
    find_aims(doc, entities)
    find_sectors(doc, entities)
    find_chains(doc, entities)
    friendly_associations(doc)
    head = report_head(text)
    find_event_facts(doc, head["issued"])
    place_links(doc, entities)
    find_sites(doc)
    find_links(doc, entities)
    find_numbers(doc, units, home, head["title"])
    return _render(doc, text)

def report_head(text: str) -> dict:
    """``sha256`` of the UTF-8 text, ``issued`` (YYYY-MM-DD from a dated line near the top,
    else None) and ``title`` (the headline line, else None).

    >>> report_head("日期：2021年6月18日\\n来源：某协会\\n某协会召开年会\\n正文。")["issued"]
    '2021-06-18'
    """
    lines = text.splitlines()
    issued = None
    for line in lines[:6]:
        dates = [d for d in written_dates(line) if d[0] is not None]
        if dates and (re.search(r"(日期|时间|发布|发表|来源|作者)", line) or len(line.strip()) <= 32):
            year, month, day = dates[0]
            issued = f"{year:04d}-{month:02d}-{day:02d}"
            break
    return {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "issued": issued, "title": _title(lines)}

_META = re.compile(r"^\s*(?:来源|来自|日期|发布|时间|作者|编辑|责任编辑|浏览|点击|信息来源|字号|[（(]?\d{4}(?:[-/.]\d|年\d{1,2}月))"
                   r"|[>＞»›]|^\s*(?:首页|当前位置|您的位置|位置)")     # and a breadcrumb: 首页 > 新闻中心

def _title(lines: list[str]) -> str | None:
    """The headline: the first short line of the head that is no metadata line (a date is one; a
    headline may open with a year: 2022年某市铜产业发展统计公报).

    >>> _title(["来源：某市统计局", "（2023年3月28日）", "2022年某市铜产业发展统计公报", "某市统计局"])
    '2022年某市铜产业发展统计公报'
    """
    for line in lines[:6]:
        s = line.strip()
        if s and not _META.match(s) and 6 <= len(s) <= 60 and not s.endswith(("。", "：", ":")):
            return s
    return None


def _render(doc: Doc, text: str) -> dict:
    """The draft as the JSON shape of the module docstring: new entities numbered by first mention."""
    order = sorted((f for f in doc.entities.values() if f.mentions or f.implied),
                   key=lambda f: (f.mentions[0] if f.mentions else f.implied, f.key))
    ids, counts = {}, {}
    for f in order:
        if not f.new:
            ids[f.key] = f.key
            continue
        word = _KIND_WORDS.get(doc.kind(f.key) or "", "entity")
        counts[word] = counts.get(word, 0) + 1
        ids[f.key] = f"draft-{word}-{counts[word]}"
    entities = [{"id": ids[f.key], "new": f.new, "type": f.type, "zh": f.zh, "aliases_zh": f.aliases,
                 "mentions": [{"start": s, "end": e, "quote": text[s:e]} for s, e in f.mentions], "rule": f.rule}
                for f in order]

    def keep(fact: dict, *fields: str) -> dict | None:
        if any(fact.get(k) is not None and fact[k] not in ids for k in fields):
            return None
        return {k: (ids.get(v, v) if k in fields else v) for k, v in fact.items()}

    def unique(facts: list) -> list:     # one line a fact and quote: the first rule that found it
        seen: set[str] = set()
        out = []
        for f in facts:
            mark = json.dumps({k: v for k, v in f.items() if k != "rule"}, sort_keys=True, ensure_ascii=False) if f else ""
            if f is not None and mark not in seen:
                seen.add(mark)
                out.append(f)
        return sorted(out, key=lambda f: (f["start"], f["end"]))
    return {"report": report_head(text), "entities": entities,
            "posts": unique([keep(p, "person", "organization") for p in doc.posts]),
            "relations": unique([keep(r, "subject", "object", "context") for r in doc.relations]),
            "observations": unique([keep(o, "about") for o in doc.observations])}
