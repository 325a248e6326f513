"""Designations of a draft (:mod:`reportgraph.draft`): what a place, an industry or an organisation
is called or was awarded, each a ``Designation`` concept it is ``designatedAs``:

- a name in quotes it is known by: X素有“Y”之称, X享有“Y”的美誉, X被誉为“Y”, X号称“Y”;
- a title it won: X获评Y, X被评为Y, X被认定为Y, X被命名为Y, X荣获“Y”称号, Y ending with what such
  titles end with (基地, 集群, 示范区, 城市, 之乡 …) or in quotes;
- what it is, in the genre's words: X是全国重要的Y基地, X是全省首位产业, X是汽车产业大省, Y ending
  with 基地, 集聚区, 大省, 首位产业, 承载地 ….

X is the entity written right before the words (an adverb such as 也 or 已 between), never in
把X作为Y (an aim); the registry's concept of that name is used if there is one.
"""

import re
from collections.abc import Mapping

from .draftconcepts import concept, concepts
from .draftnames import Doc, relation
from .model import Entity

_ENDS = r"(?:基地|集聚区|集群|示范区|示范基地|示范园区|试点|大省|大市|强省|强市|强县|之乡|之都|名城|首位产业|" \
        r"支柱产业|主导产业|优势产业|承载地|重镇|高地|城市)"
_QUOTED = re.compile(r"(?:素有|享有|被誉为|号称|堪称)[“\"]([^”\"]{2,20})[”\"](?:之称|的美誉|的称号|的美称)?")
_AWARDED = re.compile(r"(?:获评|被评为|被认定为|被命名为|被授予|荣获|成功入选|入选)(?:为)?(?:[“\"]([^”\"]{2,30})[”\"]"
                      r"|([^，。、；“”\"]{2,24}?" + _ENDS + r"))")
_IS = re.compile(r"(?:是|作为)((?:全国|全省|全市|全区|我国|我省|我市|国内|中国|世界|全球)?[^，。；是]{0,16}?" + _ENDS + r")")
_KINDS = ("place", "organization", "industry")
_ADVERBS = re.compile(r"[也还已曾均更并先后一直历来]{0,3}")


def find_designations(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """``designatedAs`` from each entity written just before a designation's words."""
    known = concepts(registry, "Designation")
    for pattern, rule in ((_QUOTED, "designation:素有“Y”之称"), (_AWARDED, "designation:获评Y"),
                          (_IS, "designation:X是…基地")):
        for m in pattern.finditer(doc.text):
            group = next(g for g in (1, 2) if g <= (pattern.groups or 0) and m.group(g))
            subject = _subject(doc, m.start())
            if subject is None:
                continue
            key = concept(doc, known, "Designation", *m.span(group), rule)
            s = max(s for s, e in doc.entities[subject].mentions if e <= m.start())
            doc.relations.append(relation(doc, subject, "designatedAs", key, s, m.end(), rule))


def _subject(doc: Doc, pos: int) -> str | None:
    """The place, organisation or industry written right before ``pos`` (an adverb such as 也 or 已
    between), in a clause that is not 把X作为Y (an aim, not a designation)."""
    clause = max(doc.text.rfind(c, 0, pos) for c in "，。；！？,;\n") + 1
    before = [(e, k) for s, e, k in doc.at(clause, pos) if doc.kind(k) in _KINDS]
    if not before or "把" in doc.text[clause:pos]:
        return None
    end, key = before[-1]
    return key if _ADVERBS.fullmatch(doc.text[end:pos]) else None
