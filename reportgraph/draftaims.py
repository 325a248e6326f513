"""Aims of a draft (:mod:`reportgraph.draft`): what an organisation or an industry aims at, each a
``DevelopmentGoal`` it ``aimsAt``:

- the directions a policy text pushes an industry in: 推动(X)(向)高端化、智能化、绿色化(方向)发展 /
  转型, each …化 a goal of the industry X (written there, else the industry last written before);
- what an organisation means to make of something: 把X建设成为Y, 把X打造成Y, 将把X作为Y: the goal
  Y of X if X is an organisation (把学会建设成为…: a bare 学会 or 协会 is the one written last), else
  of the organisation that says it.

The registry's goal of that name is used if there is one.
"""

import re
from collections.abc import Mapping

from .draftconcepts import concept, concepts
from .draftnames import Doc, relation, sentence_of
from .model import Entity

_DIRECTIONS = re.compile(r"(?:推动|推进|促进|引导|加快)([^，。；、]{0,12}?)(?:向|朝)?((?:[^，。；、化向]{2}化[、和与及]){1,5}"
                         r"[^，。；、化向]{2}化)(?:方向)?(?:发展|转型|迈进|升级)")
_MAKE = re.compile(r"把([^，。；把]{1,16}?)(?:建设成为|建设成|打造成为|打造成|建成|发展成为|作为)([^，。；]{2,30}?)(?=[，。；]|$)")


def find_aims(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """``aimsAt`` from directions of development and from 把X建设成为Y."""
    known = concepts(registry, "DevelopmentGoal")
    for m in _DIRECTIONS.finditer(doc.text):
        subject = _inside(doc, *m.span(1), "industry") or _last(doc, m.start(), "industry")
        if subject is None:
            continue
        for item in re.finditer(r"[^、和与及]+化", m.group(2)):
            start = m.start(2) + item.start()
            _aim(doc, known, subject, start, start + len(item.group()), m.start(), m.end(), "aim:推动产业向…化发展")
    for m in _MAKE.finditer(doc.text):
        sentence, _ = sentence_of(doc.text, m.start())
        subject = _inside(doc, *m.span(1), "organization") or _named(doc, m.group(1), m.start()) \
            or _last(doc, m.start(), "organization", sentence)
        if subject is not None:
            _aim(doc, known, subject, *m.span(2), m.start(), m.end(), "aim:把X建设成为Y")


def _aim(doc, known, subject, start, end, q_start, q_end, rule):
    """The goal ``text[start:end]`` (the registry's, if it has that name), aimed at by ``subject``."""
    key = concept(doc, known, "DevelopmentGoal", start, end, rule)
    s = min(q_start, max((s for s, e in doc.entities[subject].mentions if e <= q_start), default=q_start))
    if q_start - s > 60:   # the subject written long before: the quote is the words themselves
        s = q_start
    doc.relations.append(relation(doc, subject, "aimsAt", key, s, q_end, rule))


def _inside(doc, start, end, kind):
    """The last entity of ``kind`` written in ``text[start:end]``."""
    found = [k for s, e, k in doc.at(start, end) if doc.kind(k) == kind]
    return found[-1] if found else None


def _named(doc, word, pos):
    """The organisation a bare 协会, 学会, 商会, 联盟, 集团 or 公司 stands for: the one written last
    before ``pos`` whose name ends with it."""
    if word not in ("协会", "学会", "商会", "联盟", "集团", "公司", "本会"):
        return None
    found = [k for s, e, k in doc.at(0, pos) if doc.kind(k) == "organization"
             and doc.entities[k].zh.endswith("协会" if word == "本会" else word)]
    return found[-1] if found else None


def _last(doc, pos, kind, since=0):
    """The entity of ``kind`` written last before ``pos`` (from ``since``)."""
    return _inside(doc, since, pos, kind)
