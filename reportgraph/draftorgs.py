"""More organisations of a draft, beside the name shapes of :mod:`reportgraph.draftnames` (each
tested in tests/test_draft.py on sentences written for the test):

- a shared head written once: A、B两家公司 / A和B两所大学 (A and B each a body of that kind);
- a shared place written once: 省工信厅、商务厅 (the second is 省商务厅, resolved as relative names are);
- a section inside a named department or company: 某厅原材料工业处, 某局综合科, 某公司技术部 before a
  title or punctuation (an ``OrganizationalUnit``, ``unitOf`` the body).
"""

import re

from .draftnames import Doc, norm, relation

_COUNTED = re.compile(r"(?P<list>[\u4e00-\u9fffA-Za-z]{2,10}(?:[、和与及][\u4e00-\u9fffA-Za-z]{2,10})+)"
                      r"(?<!等)(?:两|二|三|四|五|六|七|八|九|十|\d+)(?:家|所|个)(?P<head>公司|企业|集团|协会|商会|学会|银行|大学|高校|医院)")
_HEAD_TYPES = {"公司": "Company", "企业": "Company", "集团": "EnterpriseGroup", "协会": "IndustryAssociation",
               "商会": "ChamberOfCommerce", "学会": "LearnedSociety", "银行": "Company", "大学": "OrganizationalUnit",
               "高校": "OrganizationalUnit", "医院": "OrganizationalUnit"}
_SECTION = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:处|科|室)(?=(?:副)?(?:处长|科长|主任|调研员|负责人)|[，、。；和与])")
_RELATIVE = re.compile(r"^(?:省|市|区|县)")


def find_more_organisations(doc: Doc) -> None:
    """Every rule of this module, in turn."""
    for finder in (_shared_heads, _shared_places, _sections):
        finder(doc)


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
    """某厅原材料工业处(处长): a unit of the department or company whose name ends just before it."""
    text = doc.text
    for f in [f for f in doc.entities.values() if doc.kind(f.key) == "organization"
              and f.type in ("GovernmentDepartment", "Company", "EnterpriseGroup", "GovernmentBody")]:
        for s, e in list(f.mentions):
            m = _SECTION.match(text, e)
            if not m or not doc.free(m.start(), m.end()) or re.search(r"[的了在和与及是为将]", m.group()):
                continue
            name = text[s:m.end()]
            key = "new:" + norm(name)
            if key not in doc.entities:
                doc.entity(key, "OrganizationalUnit", name, True, "nested-name:处")
                doc.relations.append(relation(doc, key, "unitOf", f.key, s, m.end(), "nested-name"))
            doc.mention(key, m.start(), m.end())
