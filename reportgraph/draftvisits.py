"""Visits of a report, for the draft (:mod:`reportgraph.draft`): (考察团|X)(先后|实地|深入|专程 …)
参观/考察/走访/拜访/到访/调研/参访/造访/来到/走进/前往/莅临(了)A、B; 考察团赴X. The variants
(each tested in tests/test_draft.py on sentences written for the test):

- the visitor is the delegation of the sentence, else the first agent of the verb's own clause (after
  the last comma before it: 作为A的友好协会，B此番到访C is B's visit), else the sentence's first agent;
  an agent inside 在X的陪同下 is the host, never the visitor; 赴 is a delegation's only;
- places written as one name (广西百色市) are one destination: the innermost (百色市), whose
  ``containedIn`` the places rule gives; an organisation whose name goes on to its unit's (某公司昆明配送中心)
  is the unit.
"""

import re

from .draftnames import Doc, relation, sentence_of
from .draftrules import AGENTS, starting_at

_VERB = re.compile(r"(?:先后|实地|深入|还|分组|专程|一同)?(参观考察|考察调研|调研考察|参观调研|参观|考察|走访|拜访|到访|"
                   r"访问|调研|视察|参访|造访|来到|走进|前往|莅临|赴)(了)?")
_TARGETS = ("organization", "place")
_ESCORT = re.compile(r"在[^，。；]{2,40}?的?(?:陪同|带领|引导)下")


def find_visits(doc: Doc) -> None:
    """Every visit verb with the places and organisations listed after it: the visitor visits each."""
    text = doc.text
    for m in _VERB.finditer(text):
        objects = destinations(doc, m.end())
        if not objects:
            continue
        start, _ = sentence_of(text, m.start())
        subject = _visitor(doc, start, m.start(), m.group(1))
        if subject is None:
            continue
        for o in objects:
            if o[2] != subject[2]:
                doc.relations.append(relation(doc, subject[2], "visits", o[2], subject[0], o[1],
                                              f"visit:X{m.group(1)}Y"))


def destinations(doc: Doc, pos: int) -> list[tuple[int, int, str]]:
    """The places and organisations listed from ``pos`` on (after 了/的), a place written before
    another in one name (广西百色市, 北原市某公司) giving way to the one after it."""
    text, out, p = doc.text, [], pos
    while p < len(text) and text[p] in "了的":
        p += 1
    while True:
        m = starting_at(doc, p)
        if not m or doc.kind(m[2]) not in _TARGETS:
            return out
        while doc.kind(m[2]) == "place":
            inner = starting_at(doc, m[1])
            if not inner or doc.kind(inner[2]) not in _TARGETS:
                break
            m = inner
        unit = starting_at(doc, m[1])     # 某公司 + 昆明配送中心: the unit its name goes on to
        if unit and doc.kind(unit[2]) == "organization" and doc.entities[unit[2]].zh.startswith(doc.entities[m[2]].zh):
            m = (m[0], unit[1], unit[2])
        out.append(m)
        joiner = next((j for j in ("、", "和", "与", "及", "以及", "同") if text.startswith(j, m[1])), None)
        if joiner is None:
            return out
        p = m[1] + len(joiner)


def _visitor(doc: Doc, start: int, pos: int, verb: str) -> tuple[int, int, str] | None:
    """Who visits at ``pos``: the delegation of the sentence, else the first agent of the verb's
    clause, else of the sentence (not one escorting: 在X的陪同下)."""
    text = doc.text
    escorts = [e.span() for e in _ESCORT.finditer(text, start, pos)]
    inside = [k for k in doc.at(start, pos) if doc.kind(k[2]) in AGENTS
              and not any(s <= k[0] < e for s, e in escorts)]
    group = [k for k in inside if doc.entities[k[2]].type == "Delegation"]
    if group or verb == "赴":
        return group[0] if group else None
    clause = max(text.rfind(c, start, pos) for c in "，,") + 1
    own = [k for k in inside if k[0] >= clause] if clause > 0 else []
    subject = (own or inside or [None])[0]
    if subject is None or re.search(r"[，,].*[，,]", text[subject[1]:pos]):
        return None
    return subject
