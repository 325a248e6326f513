"""More organisations of a draft, beside the name shapes of :mod:`reportgraph.draftnames` (each
tested in tests/test_draft.py on sentences written for the test):

- a shared head written once: A、B两家公司 / A和B两所大学 (A and B each a body of that kind);
- the Latin letters opening a name, written alone: TCL for TCL实业控股有限公司; a company's name without
  its legal form (某集团 for 某集团股份有限公司) is that company;
- a shared place written once: 省工信厅、商务厅 (the second is 省商务厅, resolved as relative names are);
- a section inside a named department or company: 某厅原材料工业处, 某局综合科, 某局行政审批管理局 before a
  title, punctuation or a verb of reporting (an ``OrganizationalUnit``, ``unitOf`` the body); 厅 (局)
  opening a clause before a section's name is the department written last with that ending.
"""

import re
from collections.abc import Mapping

from .draftnames import Doc, norm, relation
from .model import Entity

_COUNTED = re.compile(r"(?P<list>[\u4e00-\u9fffA-Za-z]{2,10}(?:[、和与及][\u4e00-\u9fffA-Za-z]{2,10})+)"
                      r"(?<!等)(?:两|二|三|四|五|六|七|八|九|十|\d+)(?:家|所|个)(?P<head>公司|企业|集团|协会|商会|学会|银行|大学|高校|医院)")
_HEAD_TYPES = {"公司": "Company", "企业": "Company", "集团": "EnterpriseGroup", "协会": "IndustryAssociation",
               "商会": "ChamberOfCommerce", "学会": "LearnedSociety", "银行": "Company", "大学": "OrganizationalUnit",
               "高校": "OrganizationalUnit", "医院": "OrganizationalUnit"}
_SECTION = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:处|科|室|局)(?=(?:副|[一二三四]级)?(?:处长|科长|局长|主任|调研员|巡视员|主任科员|负责人)|[，、。；和与]|"
                      r"通报|汇报|介绍|负责)")
_NOT_SECTION = re.compile(r"^[和与及]|[的了在及是为将]")
_RELATIVE = re.compile(r"^(?:省|市|区|县)")
_UNNAMED_SECTIONS = re.compile(r"(?:有关|相关|其他|其它|各)(?:处室|科室|处|科|室|局)")


def find_more_organisations(doc: Doc, registry: Mapping[str, Entity] | None = None) -> None:
    """Every rule of this module, in turn."""
    for finder in (_shared_heads, _shared_places, _sections, _latin_short_names, _without_legal_form):
        finder(doc)
    _registry_units(doc, registry or {})


def _registry_units(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """A registry unit found whose name opens with another registry organisation's (某协会 + 轻金属部): a
    ``unitOf`` that organisation, which its name names though the text names it only inside the unit's."""
    names = {norm(e.zh): e for e in registry.values() if doc.types.get(e.type) == "organization"}
    for f in [f for f in doc.entities.values() if not f.new and f.type == "OrganizationalUnit" and f.mentions]:
        name = norm(f.zh)
        parent = max((e for n, e in names.items() if name.startswith(n) and n != name), key=lambda e: len(e.zh),
                     default=None)
        if parent is not None and not any(r["subject"] == f.key and r["relation"] == "unitOf" for r in doc.relations):
            named = doc.entity(parent.id, parent.type, parent.zh, False, "registry")
            named.implied = named.implied or f.mentions[0]      # by the unit's name, if written nowhere else
            doc.relations.append(relation(doc, f.key, "unitOf", parent.id, *f.mentions[0], "nested-name"))


_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司")


def _without_legal_form(doc: Doc) -> None:
    """某新材料集团 and 某新材料集团股份有限公司 in one text: one company, written also without its legal
    form (its mentions and facts go to the full name)."""
    full = {f.zh[:-len(form)]: f for f in doc.entities.values() if f.new and doc.kind(f.key) == "organization"
            for form in _LEGAL_FORMS if f.zh.endswith(form) and len(f.zh) > len(form) + 1}
    for short in [f for f in doc.entities.values() if f.new and f.zh in full and full[f.zh] is not f]:
        doc.merge(short.key, full[short.zh].key)


def _latin_short_names(doc: Doc) -> None:
    """TCL实业控股有限公司 … TCL: the Latin letters opening an organisation's name, written alone,
    are that organisation (when only one name opens with them)."""
    opening: dict[str, list[str]] = {}
    for f in doc.entities.values():
        m = re.match(r"[A-Za-z]{2,}(?=[\u4e00-\u9fff（(])", f.zh) if doc.kind(f.key) == "organization" else None
        if m:
            opening.setdefault(m.group(), []).append(f.key)
    for word, keys in opening.items():
        for m in re.finditer(r"(?<![A-Za-z])%s(?![A-Za-z])" % re.escape(word), doc.text):
            if len(keys) == 1 and doc.free(m.start(), m.end()):
                doc.mention(keys[0], m.start(), m.end())


def _shared_heads(doc: Doc) -> None:
    """A、B两家公司: A and B each an organisation of the head's kind."""
    text = doc.text
    for m in _COUNTED.finditer(text):
        items = [(m.start("list") + i.start(), m.start("list") + i.end()) for i in re.finditer(r"[^、和与及]+", m.group("list"))]
        inside = [k for k in doc.at(m.start("list"), m.end()) if (k[0], k[1]) not in items]
        if any(not doc.entities[k[2]].new for k in inside) or any(not doc.free(s, e) for s, e in items) and not inside:
            continue                   # B两家公司, taken as a name by its shape, is none
        for s, e, key in inside:
            found = doc.entities[key]
            found.mentions.remove((s, e))
            found.aliases = found.aliases if found.mentions else []
            doc.owner[s:e] = [None] * (e - s)
        for s, e in (i for i in items if doc.free(*i)):
            key = "new:" + norm(text[s:e])
            doc.entity(key, _HEAD_TYPES[m.group("head")], text[s:e], True, "shared-head:A、B两家公司")
            doc.mention(key, s, e)


def _shared_places(doc: Doc) -> None:
    """省工信厅、商务厅: a body after a relative one, of the same head and with no place of its own,
    shares its place word (省商务厅)."""
    for f in [f for f in doc.entities.values() if f.new and doc.kind(f.key) == "organization"]:
        for s, e in list(f.mentions):
            before = doc.ending_at(s - 1) if doc.text[s - 1:s] == "、" else None
            other = doc.entities[before[2]] if before else None
            prefix = _RELATIVE.match(other.zh) if other and doc.kind(other.key) == "organization" else None
            if prefix and other.zh[-1] == f.zh[-1] and not _RELATIVE.match(f.zh) and len(f.zh) <= 6:
                f.aliases.append(f.zh)
                f.zh = prefix.group() + f.zh
                break


def _sections(doc: Doc) -> None:
    """某厅原材料工业处(处长), 某局行政审批管理局: a unit of the department or company whose name ends
    just before it; 厅 (局) opening a clause before a unit's name (厅规划与投资处通报) is the department
    written last with that ending."""
    text = doc.text
    departments = [f for f in doc.entities.values() if f.type == "GovernmentDepartment" and f.mentions]
    for f in departments:
        for m in re.finditer(r"(?<=[，。；：\n,;:])%s(?=[\u4e00-\u9fff]{2,12}?(?:处|局|室))" % re.escape(f.zh[-1]), text):
            if m.start() > f.mentions[0][0] and release(doc, m.start()):
                doc.mention(f.key, m.start(), m.end())
    for f in [f for f in doc.entities.values() if doc.kind(f.key) == "organization"
              and f.type in ("GovernmentDepartment", "Company", "EnterpriseGroup", "GovernmentBody")]:
        for s, e in list(f.mentions):
            m = _SECTION.match(text, e)
            if not m or _NOT_SECTION.search(m.group()) or not release_inside(doc, m.start(), m.end()):
                continue              # (a name by its shape inside the section's, 管理局 of 行政审批管理局, gives way)
            name = (text[s:e] if e - s > 1 else f.zh) + m.group()     # 厅 + 规划处: the department's name
            key = "new:" + norm(name)
            if key not in doc.entities and _UNNAMED_SECTIONS.match(m.group()):   # 某厅有关处室: which units, unsaid
                doc.entity(key, "OrganizationGroup", name, True, "group:X有关处室")
            elif key not in doc.entities:
                doc.entity(key, "OrganizationalUnit", name, True, "nested-name:处")
                doc.relations.append(relation(doc, key, "unitOf", f.key, s, m.end(), "nested-name"))
            doc.mention(key, m.start(), m.end())


def release_inside(doc: Doc, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is free once every name inside it (wholly) that a new organisation or
    place has by its shape gives its mention up; nothing is given up unless all can be."""
    inside = doc.at(start, end)
    if any(e > end or not _releasable(doc, s) for s, e, k in inside) or doc.owner[start:end].count(None) + sum(
            e - s for s, e, k in inside) != end - start:
        return False
    return all(release(doc, s) for s, e, k in inside)


def _releasable(doc: Doc, pos: int) -> bool:
    owner = doc.owner[pos]
    found = doc.entities[owner] if owner else None
    return found is None or found.new and doc.kind(owner) in ("organization", "place") \
        and any(s == pos for s, e in found.mentions)


def release(doc: Doc, pos: int) -> bool:
    """Whether ``text[pos]`` is free once a new organisation (or place) named from there by its shape
    (厅运行监测协调局, taken for a department of its own) gives its mention up."""
    owner = doc.owner[pos]
    if owner is None:
        return True
    if not _releasable(doc, pos):
        return False
    found = doc.entities[owner]
    at = next((s, e) for s, e in found.mentions if s == pos)
    found.mentions.remove(at)
    doc.owner[at[0]:at[1]] = [None] * (at[1] - at[0])
    if not found.mentions:
        del doc.entities[owner]     # else a later pass would find its name again
    return True
