"""Designations of a draft (:mod:`reportgraph.draft`): what a place, an industry or an organisation
is called or was awarded, each a ``Designation`` concept it is ``designatedAs``:

- a name in quotes it is known by: X素有“Y”之称, X享有“Y”的美誉, X被誉为“Y”, X号称“Y”;
- a title it won: X获评Y, X被评为Y, X被认定为Y, X被命名为Y, X荣获“Y”称号, Y ending with what such
  titles end with (基地, 集群, 示范区, 城市, 之乡 …) or in quotes;
- what it is, in the genre's words: X是全国重要的Y基地, X是全省首位产业, X是汽车产业大省, Y ending
  with 基地, 集聚区, 大省, 首位产业, 承载地 …; what it is first, only or largest of (X是全国首个Y,
  X是…首家Y, X是…规模最大的Y: of an event too), to the clause's end;
- what it became: X(逐步)成长为Y, 壮大为Y, 已成为A和B (each part of four characters or more);
- what it was awarded in a list: 授予A、B等N家企业“Y”称号, 向A、B颁发了“Y”证书 (each body and person listed).

X is the entity written right before the words (an adverb such as 也 or 已 between), or, for a
clause of adverbs alone after a comma (…，也是Y; …，逐步成长为Y), the sentence's first; in 把X作为Y(来抓)
X is what is written last in X (把光伏产业作为“一号工程”: the industry), and Y the words to the clause's end.
The registry's concept of that name is used if there is one.
"""

import re
from collections.abc import Mapping

from .draftconcepts import concept, concepts
from .draftnames import Doc, clause_start, relation, sentence_of
from .model import Entity

_ENDS = r"(?:基地|集聚区|集群|示范区|示范基地|示范园区|试点|大省|大市|强省|强市|强县|之乡|之都|名城|首位产业|" \
        r"支柱产业|主导产业|优势产业|立市产业|承载地|重镇|高地|城市|前沿|窗口|门户|桥头堡|枢纽)"
_QUOTED = re.compile(r"(?:素有|享有|被誉为|号称|堪称)[“\"]([^”\"]{2,20})[”\"](?:之称|的美誉|的称号|的美称)?")
_AWARDED = re.compile(r"(?:获评|被评为|被认定为|被命名为|被授予|荣获|成功入选|入选)(?:为)?(?:[“\"]([^”\"]{2,30})[”\"]"
                      r"|([^，。、；“”\"]{2,24}?" + _ENDS + r"))")
_IS = re.compile(r"(?:是|作为)((?:全国|全省|全市|全区|我国|我省|我市|国内|中国|世界|全球)?[^，。；是]{0,16}" + _ENDS + r")")
#: X是…首个/首家/唯一/规模最大的Y: what it is first or only of, to the clause's end.
_FIRST = re.compile(r"(?:是|作为)([^，。；,;是]{0,24}?(?:首个|首家|唯一|规模最大|最大|第一家|第一个|最早)[^，。；,;]{1,30}?)"
                    r"(?=[，。；,;]|$)")
#: X(逐步)成长为Y, 壮大为Y, 已成为A和B (not 把X建设成为Y, an aim): each part, to the clause's end.
_BECOMES = re.compile(r"(?<!建设)(?<!打造)(?:成为|成长为|壮大为)([^，。；,;“”\"]{3,30}?)(?=[，。；,;]|$)")
_KINDS = ("place", "organization", "industry")
_ADVERBS = re.compile(r"[也还已曾均更并先后一直历来]{0,3}")
#: A clause opening with these words alone (…，也是Y; …，逐步成长为Y) is about the sentence's subject.
_CARRIED = re.compile(r"(?:也|更|还|并|已|已经|现已|逐步|逐渐|进而|从而|同时|一跃)*")


def find_designations(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """``designatedAs`` from each entity written just before a designation's words."""
    known = concepts(registry, "Designation")
    _conferred(doc, known)
    _priorities(doc, known)
    taken: list[tuple[int, int]] = []
    for pattern, rule, kinds in ((_QUOTED, "designation:素有“Y”之称", _KINDS), (_AWARDED, "designation:获评Y", _KINDS),
                                 (_IS, "designation:X是…基地", _KINDS), (_FIRST, "designation:X是首个Y", (*_KINDS, "event")),
                                 (_BECOMES, "designation:X成为Y", _KINDS)):
        for m in pattern.finditer(doc.text):
            group = next(g for g in (1, 2) if g <= (pattern.groups or 0) and m.group(g))
            if any(s < m.end(group) and m.start(group) < e for s, e in taken):
                continue           # the words an earlier pattern took (是全国重要的…基地 and …首个…基地)
            subject = _subject(doc, m.start(), kinds)
            if subject is None:
                continue
            taken.append(m.span(group))
            parts = [m.span(group)]
            if pattern is _BECOMES:   # 半壁江山和重要力量: two
                parts = [(m.start(group) + p.start(), m.start(group) + p.end())
                         for p in re.finditer(r"[^和]+", m.group(group))]
                if min(e - s for s, e in parts) < 4:
                    parts = [m.span(group)]
            s = max(s for s, e in doc.entities[subject].mentions if e <= m.start())
            if m.start() - s > 80:    # the subject written long before: the quote is the words themselves
                s = m.start()
            for start, end in parts:
                key = concept(doc, known, "Designation", start, end, rule)
                doc.relations.append(relation(doc, subject, "designatedAs", key, s, end, rule))


#: 授予A、B等N家企业“Y”称号; 向A、B颁发了“Y”证书: each body or person listed is designated Y.
_CONFERRED = re.compile(r"(?:授予|表彰|向)(?P<list>[^“”\"。；]{2,200}?)(?:等\d+[家人位名个])?(?:企业|单位)?(?:颁发了?|授予)?"
                        r"[“\"](?P<title>[^”\"]{2,30})[”\"](?:(?:荣誉)?(?:称号|证书|奖牌|牌匾|荣誉)|(?<=奖[”\"]))")


def _conferred(doc: Doc, known: Mapping) -> None:
    """``designatedAs`` Y of each body and person listed in 授予…“Y”称号 (:data:`_CONFERRED`)."""
    for m in _CONFERRED.finditer(doc.text):
        found = [(s, e, k) for s, e, k in doc.at(m.start("list"), m.end("list")) if doc.kind(k) in ("organization", "person")]
        listed = [k for i, (s, e, k) in enumerate(found)      # not the body a person's title names (某公司副总经理X)
                  if not (doc.kind(k) == "organization" and i + 1 < len(found) and doc.kind(found[i + 1][2]) == "person"
                          and "、" not in doc.text[e:found[i + 1][0]])]
        if not listed:
            continue
        key = concept(doc, known, "Designation", m.start("title"), m.end("title"), "designation:授予X“Y”称号")
        for k in dict.fromkeys(listed):
            doc.relations.append(relation(doc, k, "designatedAs", key, m.start(), m.end(), "designation:授予X“Y”称号"))


#: 把X作为Y(来抓): the standing a place gives its industry (把光伏产业作为“一号工程”, 作为立市之本、强市之基).
_PRIORITY = re.compile(r"把(?P<x>[^，。；把]{2,24}?)作为(?P<y>[^，。；,;把]{2,30}?)(?:来抓|来推进|来培育|来打造|重点培育)?(?=[，。；,;]|$)")


def _priorities(doc: Doc, known: Mapping) -> None:
    """把X作为Y: X, the industry (place, body) written last in X, ``designatedAs`` Y, the words as written
    (quotes round all of them left out); 把X建设成为Y is an aim (:mod:`reportgraph.draftaims`)."""
    for m in _PRIORITY.finditer(doc.text):
        inside = [k for s, e, k in doc.at(m.start("x"), m.end("x")) if e == m.end("x") and doc.kind(k) in _KINDS]
        start, end = m.span("y")
        if doc.text[start] in "“\"" and doc.text[end - 1] in "”\"" and end - start > 4:
            start, end = start + 1, end - 1
        if inside and doc.free(start, end):
            key = concept(doc, known, "Designation", start, end, "designation:把X作为Y")
            doc.relations.append(relation(doc, inside[-1], "designatedAs", key, m.start(), m.end(), "designation:把X作为Y"))


def _subject(doc: Doc, pos: int, kinds: tuple = _KINDS) -> str | None:
    """The place, organisation or industry (of ``kinds``) written right before ``pos`` (an adverb
    such as 也 or 已 between), in a clause that is not 把X作为Y (an aim, not a designation); for a
    clause of adverbs alone (…，也是Y), the first of the sentence."""
    text = doc.text
    clause = clause_start(text, pos, "，。；！？,;\n")
    if "把" in text[clause:pos]:
        return None
    before = [(e, k) for s, e, k in doc.at(clause, pos) if doc.kind(k) in kinds]
    if not before:
        if clause == 0 or not _CARRIED.fullmatch(text[clause:pos]) or text[clause - 1] not in "，,":
            return None
        s_start, _ = sentence_of(text, pos)
        first = [(s, e, k) for s, e, k in doc.at(s_start, clause) if doc.kind(k) in kinds]
        while len(first) > 1 and doc.kind(first[0][2]) == "place" and first[1][0] == first[0][1]:
            first = first[1:]      # 全市 + 五金产业, 广西 + 百色市: what the place opens
        return first[0][2] if first else None
    end, key = before[-1]
    return key if _ADVERBS.fullmatch(text[end:pos]) else None
