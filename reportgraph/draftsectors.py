"""Lists of concepts in a draft (:mod:`reportgraph.draft`): the fields an event, an organisation or
an agreement works in, each a ``Sector`` it has as ``focusSector``; the kinds of activity an event
holds (开展地市推介、实地考察等一系列活动: ``activityType``, of the event the sentence names first); the
problems an industry faces (某产业A较弱、B较低等问题: ``faces`` a ``Challenge``, of the industry, else
the organisation or place, written first in the sentence up to the first problem; not after 就, 针对,
解决 …: topics). Sectors:

- 围绕/聚焦/涉及/覆盖/涵盖/主攻/在 A、B和C等(优势)领域|产业|行业|产业链|方向 (or …等上下游企业): each item
  a sector (全省, 全市 … before the first item are no part of it); topics (等话题, 等议题) and stages
  (等关键环节) are none;
- whose focus: the first organisation, group, event or agreement of the verb's clause; after 双方,
  the agreement written last before; after nothing, or words standing for the organisation named
  before (业务, 成员, 会员企业), the first of the nearest clause before it in the sentence that has
  one (a bare 协会, 联盟 … opening it: the one written last); after any other words (其余3个项目涉及),
  none.

The registry's sector of that name is used if there is one.
"""

import re
from collections.abc import Mapping

from .draftconcepts import concept, concepts
from .draftnames import Doc, clause_start, relation, sentence_of
from .draftrules import SPEECH_TYPES
from .model import Entity

_ITEM = r"[^，。；、：:,;和及与等“”\"《》]{2,12}"
_FOCUS = re.compile(r"(?P<verb>围绕|聚焦|涉及|覆盖|涵盖|主攻|瞄准|在)(?:了)?(?P<items>%s(?:、%s)*(?:(?:和|及|以及|与)%s)?)"
                    r"等(?:多个|重点|优势|主导|新兴|相关|[^，。；、]{0,6}?)(?:领域|产业链|产业|行业|方向|板块|上下游企业)"
                    % (_ITEM, _ITEM, _ITEM))
_ACTIVITIES = re.compile(r"(?:开展|举办|组织|举行|安排)(?:了)?(?P<items>%s(?:、%s)+(?:(?:和|及|以及)%s)?)"
                         r"等(?:一系列|系列|多项|多场|各类)?活动" % (_ITEM, _ITEM, _ITEM))
_PROBLEM = r"[^，。；、：:,;等“”\"《》]{2,16}"      # a problem: longer than a sector (精深加工能力较弱)
_PROBLEMS = re.compile(r"(?P<items>%s(?:、%s)+(?:(?:和|及)%s)?)等(?:问题|困难|短板|瓶颈|挑战|不足)" % ((_PROBLEM,) * 3))
_TOPIC_WORD = re.compile(r"就|针对|围绕|关于|解决|协调|破解|帮助")
_TOPIC = re.compile(r"(?:%s|对)[^，。；]*$" % _TOPIC_WORD.pattern)
_WHOLE = re.compile(r"^(?:全省|全市|全区|全县|全国|我省|我市|本省|本市)")
_SUBJECTS = ("organization", "group", "event", "agreement")
_ADVERBS = re.compile(r"将|主要|重点|也|还|均|都|共同|继续|进一步|紧紧|始终|坚持|业务范围|现已|已")
#: Words before the verb that stand for the organisation named before (its members, its business).
_OWN = re.compile(r"(?:会员企业|会员单位|成员单位|会员|成员)?(?:的)?(?:业务|服务|工作)?")   # 会员业务涵盖…


def find_sectors(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """``focusSector`` from every 围绕/涉及/覆盖 … A、B等领域 of the text, ``activityType`` from every
    开展A、B等(一系列)活动, ``faces`` from every A、B等问题."""
    for pattern, type_, key, whose, rule in ((_FOCUS, "Sector", "focusSector", _focused, "sector:围绕A、B等领域"),
                                             (_ACTIVITIES, "ActivityType", "activityType", _event_of,
                                              "activity:开展A、B等活动"),
                                             (_PROBLEMS, "Challenge", "faces", _facing, "challenge:A、B等问题")):
        known = concepts(registry, type_)
        for m in pattern.finditer(doc.text):
            subject = whose(doc, m.start("items") if pattern is _PROBLEMS else m.start())
            if subject is None or pattern is _PROBLEMS and (_TOPIC.search(doc.text, max(0, m.start() - 12), m.start())
                                                            or _TOPIC_WORD.search(m.group("items"))):
                continue            # 就A、B等问题作说明, 针对…等问题: topics, not what anyone faces
            q_start = _quote_start(doc, subject, m.start())
            for start, end in _items(doc, m, subject):
                doc.relations.append(relation(doc, subject, key, concept(doc, known, type_, start, end, rule),
                                              q_start, m.end(), rule))


def _items(doc: Doc, m: re.Match, subject: str) -> list[tuple[int, int]]:
    """The spans of the list's items: 全省 … or the subject's name opening an item is no part of it."""
    out, pos = [], m.start("items")
    for item in re.split(r"(、|以及|和|及|与)", m.group("items")):
        if item in ("、", "以及", "和", "及", "与"):
            pos += len(item)
            continue
        lead = _WHOLE.match(item)
        start = pos + (lead.end() if lead else 0)
        named = [e for s, e, k in doc.at(start, pos + len(item)) if k == subject and s == start]
        start = named[0] if named else start
        pos += len(item)
        if pos - start >= 2:
            out.append((start, pos))
    return out


def _event_of(doc: Doc, pos: int) -> str | None:
    """The event an activity list at ``pos`` is of: the first its sentence names."""
    s_start, s_end = sentence_of(doc.text, pos)
    found = [k for s, e, k in doc.at(s_start, s_end) if doc.kind(k) == "event"
             and doc.entities[k].type not in SPEECH_TYPES]
    return found[0] if found else None


def _facing(doc: Doc, pos: int) -> str | None:
    """Who faces the problems listed from ``pos``: the industry (else the organisation or place) written
    first in the sentence up to the list's first item's end (百色铝产业精深加工能力较弱、…等问题)."""
    s_start, _ = sentence_of(doc.text, pos)
    end = min([i for i in (doc.text.find(c, pos) for c in "、，。") if i != -1] or [pos])
    found = [k for s, e, k in doc.at(s_start, end) if doc.kind(k) in ("industry", "organization", "place")]
    industries = [k for k in found if doc.kind(k) == "industry"]
    return (industries or found or [None])[0]


def _focused(doc: Doc, pos: int) -> str | None:
    """Whose focus the words at ``pos`` give (see the module docstring)."""
    text = doc.text
    s_start, _ = sentence_of(text, pos)
    c_start = max(s_start, clause_start(text, pos, "，,"))
    own = [k for s, e, k in doc.at(c_start, pos) if doc.kind(k) in _SUBJECTS]
    if own:
        return own[0]
    words = _ADVERBS.sub("", text[c_start:pos])
    if words == "双方":
        found = [k for s, e, k in doc.at(0, pos) if doc.kind(k) == "agreement"]
        return found[-1] if found else None
    if words and not _OWN.fullmatch(words):
        return None           # 其余3个项目涉及…, 嘉宾围绕…: a subject the draft does not know
    end = c_start - 1
    while end > s_start:      # the clauses before, nearest first: the first subject of the nearest that has one
        begin = max(s_start, clause_start(text, end, "，,"))
        bare = re.match(r"(?:协会|学会|商会|联盟|集团|公司)", text[begin:end])
        if bare and doc.free(begin, bare.end()):    # 联盟由A、B等发起成立: the alliance, not A
            named = [k for s, e, k in doc.at(0, begin) if doc.kind(k) == "organization"
                     and doc.entities[k].zh.endswith(bare.group())]
            return named[-1] if named else None
        found = [k for s, e, k in doc.at(begin, end) if doc.kind(k) in _SUBJECTS]
        if found:
            return found[0]
        end = begin - 1
    return None


def _quote_start(doc: Doc, subject: str, pos: int) -> int:
    """Where the quote of a focus opens: the subject's last mention before ``pos`` in its sentence,
    else the verb."""
    s_start, _ = sentence_of(doc.text, pos)
    before = [s for s, e in doc.entities[subject].mentions if s_start <= s and e <= pos]
    return before[-1] if before else pos
