"""People and posts of a report, for the draft (:mod:`reportgraph.draft`): titles before and after
names (某协会秘书长张某; 张某主任; 市委副书记、市长钟某), the organisation or government in scope of
a title; and what the other steps of the draft share: lists of names (A、B和C), the event in scope, the
mention starting at a place. The trigger patterns of the genre are in :mod:`reportgraph.drafttriggers`.
"""

import re
from collections.abc import Mapping

from .draftnames import CJK, PUNCT, Doc, clause_start, mention_all, norm, relation, sentence_of
from .draftplaces import governments_known, implied_government, places_in
from .model import Entity
from .draftwords import COMPOUND_SURNAMES, DOTTED_NAME, SURNAMES

#: Titles, longest first in the pattern; a title in HEAD_OF_GOVERNMENT belongs to a government.
TITLES = (
    "会长 副会长 常务副会长 执行会长 名誉会长 轮值会长 秘书长 副秘书长 常务副秘书长 理事长 副理事长 常务副理事长 "
    "监事长 副监事长 常务理事 理事 主席 副主席 常务副主席 执行主席 董事长 副董事长 董事局主席 总经理 副总经理 "
    "常务副总经理 总裁 副总裁 总工程师 总经济师 总会计师 总监 经理 党委书记 党组书记 书记 副书记 党委副书记 "
    "市长 副市长 常务副市长 区长 副区长 常务副区长 县长 副县长 省长 副省长 常务副省长 州长 副州长 镇长 乡长 "
    "主任 副主任 常务副主任 主任委员 副主任委员 局长 副局长 厅长 副厅长 部长 副部长 司长 副司长 处长 副处长 "
    "科长 院长 副院长 所长 副所长 校长 副校长 巡视员 副巡视员 一级巡视员 二级巡视员 调研员 一级调研员 二级调研员 "
    "常委 党组成员 院士 教授 研究员 高级工程师 首席专家 首席科学家 创始人 行长 副行长 社长 主编 站长 总编辑 "
    "首席执行官 董事 监事 副总工程师 总监 合伙人 负责人 专职副会长 驻会副会长 荣誉会长 创会会长 监事会主席 法人代表 "
    "法定代表人 执行董事 总经理助理 副教授 特聘教授 副研究员 正高级工程师 纪委书记 党支部书记 党工委书记 总干事 顾问 名誉顾问 "
    "高级顾问 特邀顾问 首席顾问 党组副书记 三级调研员 四级调研员 一级主任科员 二级主任科员 主任科员 董事会秘书 会长助理 秘书长助理 "
    "执行总裁 常务董事 独立董事 财务总监 技术总监 总设计师 首席代表 博士生导师 讲师 党委委员 纪检组长 副总经济师 副总会计师 首席专家顾问 "
    "主管 专员 干事 委员").split()
ASSOCIATIONS = ("IndustryAssociation", "LearnedSociety", "ChamberOfCommerce", "IndustryAlliance", "Committee")
ASSOC_TYPES = ASSOCIATIONS[:-1]
#: Titles of an association's officers: with no organisation written, the association in scope.
OFFICERS = re.compile(r"(?:名誉|荣誉|创会|执行|轮值|常务|专职|驻会)?副?(?:会长|秘书长|理事长|监事长)$|^(?:常务)?理事$|^监事$")
HEAD_OF_GOVERNMENT = {t for t in TITLES if t.endswith(("市长", "区长", "县长", "省长", "州长", "镇长", "乡长"))}
#: Any title of TITLES, the longest first (副会长 before 会长).
TITLE = re.compile("|".join(sorted(set(TITLES), key=len, reverse=True)))
#: Characters that end a name when they follow two characters of it (a verb, a title, a particle …).
_AFTER_NAME = set("率带出参主表介在等和与及为作致同陪一指说认还也就对向代到分先首任兼共从将把被已于所提讲发来听"
                  "会副秘总常董经理书记局处科院校部厅市区县省执名轮首高研教监党委们一行")
_WORDS = {"单位", "全体", "全市", "全省", "全县", "全区", "全国", "代表", "方面", "成员", "高校", "高新"}   # not names


def person_name(doc: Doc, start: int) -> int:
    """End of the person's name that starts at ``start`` (2–4 characters, a known surname, or two
    parts joined by a middle dot); ``start`` if none."""
    text = doc.text
    dotted = DOTTED_NAME.match(text, start)          # 买买提·艾力: a name of two parts, whatever its first character
    if dotted:
        dot = start + len(re.split("[·•・]", dotted.group())[0])        # the shortest second part a name can end
        return next((end for end in range(dot + 2, dotted.end() + 1) if name_ends(text, end)), dotted.end())
    two = text[start:start + 2]
    base = 3 if two in COMPOUND_SURNAMES else (2 if text[start:start + 1] in SURNAMES else 0)
    if not base or not all(CJK.match(c) for c in text[start:start + base]) or text[start:start + 2] in _WORDS:
        return start
    if TITLE.match(text, start + base) or text.startswith("同志", start + base):    # 韩冰教授: no third character
        return start + base
    token = doc.token_at(start)
    after = doc.token_at(start + 1) if token and token[1] == start + 1 and token[2] == "c" else None
    if after and after[1] - after[0] >= 2 and not after[2].startswith("nr"):
        return start        # 负责人和企业代表: a conjunction before a word, no surname (和 + 企业)
    if token and token[2] == "nr" and base <= token[1] - start <= base + 1:
        rest = doc.token_at(token[1]) if token[1] - start == base else None    # 范文 + 斌: one name cut in two
        cut = rest and rest[1] - rest[0] == 1 and doc.free(*rest[:2]) and CJK.match(text[rest[0]]) \
            and (rest[2] == "nr" or text[rest[0]] not in _AFTER_NAME and not name_ends(text, token[1])
                 and name_ends(text, rest[1]))     # 赵国 + 华 (tagged a place): no name ends at 赵国
        if cut:
            return rest[1]
        glued = doc.token_at(token[1]) if token[1] - start == base and not name_ends(text, token[1]) else None
        if glued and glued[1] - glued[0] == 2 and text[glued[0]] not in _AFTER_NAME and CJK.match(text[glued[0]]) \
                and name_ends(text, glued[0] + 1) and doc.free(glued[0], glued[0] + 1):
            return glued[0] + 1        # 张立 + 华以《: the name's last character glued to the word after it
        return token[1]
    third = text[start + base:start + base + 1]
    if not third or not CJK.match(third) or third in _AFTER_NAME or not doc.free(start + base, start + base + 1):
        return start + base
    return start + base + 1

def named_person(doc: Doc, start: int, end: int, rule: str) -> str:
    """Key of the person named ``text[start:end]`` (made if new), with this mention."""
    name = doc.text[start:end]
    key = next((f.key for f in doc.entities.values() if f.type == "Person" and norm(f.zh) == norm(name)), None)
    if key is None:
        key = "new:" + name
        doc.entity(key, "Person", name, True, rule)
    doc.mention(key, start, end)
    return key

_BOARD = re.compile(r"(?:第[一二三四五六七八九十\d]{1,3}届)?(?:理事会|董事会|监事会|常务理事会|委员会)?$")
#: Short names standing for an organisation named before (商会执行会长X: the chamber named last).
SHORT_NAMES = {"商会": ("ChamberOfCommerce",), "协会": ("IndustryAssociation",), "学会": ("LearnedSociety",),
               "联盟": ("IndustryAlliance",), "公司": ("Company", "EnterpriseGroup"), "该公司": ("Company", "EnterpriseGroup"),
               "集团": ("EnterpriseGroup", "Company"), "研究院": ("OrganizationalUnit",), "本会": ASSOC_TYPES,
               "厅": ("GovernmentDepartment",), "局": ("GovernmentDepartment",), "该院": (), "该局": (), "该所": (),
               "管委会": ("GovernmentBody",)}


def org_before(doc: Doc, pos: int) -> tuple[int, str] | None:
    """The organisation whose mention ends at ``pos`` (or before 原/现/兼, or before its board:
    学会第二届理事会会长), as (start, key); a short name (商会, 公司) standing there is the last
    organisation of its kind named before."""
    while pos > 0 and doc.text[pos - 1] in "原现兼":
        pos -= 1
    board = _BOARD.search(doc.text, max(0, pos - 12), pos)
    for end in dict.fromkeys((pos, board.start() if board else pos)):
        m = doc.ending_at(end)
        if m and doc.kind(m[2]) == "organization":
            return m[0], m[2]
        for word, types in SHORT_NAMES.items():
            start = end - len(word)
            if doc.text[start:end] == word and doc.free(start, end) and (start == 0 or not CJK.match(doc.text[start - 1])
                                                                        or doc.text[start - 1] in "，、的和与及了对向在为由"):
                head = word[-1] if len(word) == 1 or word[0] == "该" else ""   # 协会: one named …协会 first
                key = not head and nearest_org(doc, start, types, head=word) or nearest_org(doc, start, types, head=head)
                if key:
                    return start, key
    return None

def nearest_org(doc: Doc, pos: int, types: tuple = (), reach: int = 3000, head: str = "") -> str | None:
    """The organisation mentioned last before ``pos`` (of one of ``types`` if given; whose name ends
    with ``head`` if given, or holds it for 院/所: 该院 → 某研究院有限公司), within ``reach``."""
    for i in range(pos - 1, max(-1, pos - 1 - reach), -1):
        key = doc.owner[i]
        if key and doc.kind(key) == "organization" and (not types or doc.entities[key].type in types) \
                and (not head or doc.entities[key].zh.endswith(head) or head in "院所" and head in doc.entities[key].zh):
            return key
    return None


def _government_of(doc: Doc, pos: int, title: str, party: str | None, known: dict) -> str | None:
    """The government a head-of-government title (市长, 副区长) at ``pos`` is of: the nearest before
    (else after) whose name has the title's level (…市人民政府 for 市长); after a party committee's
    title (某市委副书记、市长), only the government of that committee's place (某市某区人民政府
    for 某区委), and where the text names none, the one that place implies (``known``: the registry's
    governments by name, :func:`reportgraph.draftplaces.governments_known`). So too after the place
    alone, written as the clause's first words (某市副市长X: 某市人民政府)."""
    committee = re.sub(r"^(?:中共|中国共产党)", "", doc.entities[party].zh) if party else ""
    lv, place = title[-2], committee[:-1] if committee.endswith("委") else _written_place(doc.text, pos)
    if committee.endswith("委") and len(place) < 2:      # 市委副书记、市长 with 市委 unresolved: no government
        return None
    fits = [k for k, f in doc.entities.items() if f.type == "GovernmentBody" and f.mentions
            and re.search(lv + "(?:人民)?政府$", f.zh) and place in f.zh]
    before = [(max(s for s, _ in doc.entities[k].mentions if s < pos), k) for k in fits
              if any(s < pos for s, _ in doc.entities[k].mentions)]
    if before:
        return max(before)[1]
    after = [(min(s for s, _ in doc.entities[k].mentions), k) for k in fits]
    if after:
        return min(after)[1]
    if place.endswith(lv):       # 某市委副书记、市长: 某市人民政府, though unnamed
        return implied_government(doc, place, (pos, pos + len(title)), known,
                                  "government:X委…长 (unnamed)" if committee else "government:X市长 (unnamed)")
    return None


def _written_place(text: str, pos: int) -> str:
    """The place opening the clause and written up to ``pos`` (广西百色市 before 副市长: 百色市), or ""."""
    seg = text[clause_start(text, pos, "，。；：\n,;:、"):pos]
    parts = places_in(seg)
    return (parts[-1] if len(parts[-1]) >= 3 else "".join(parts)) if parts and "".join(parts) == seg else ""


def add_post(doc: Doc, person: str, role: str, org: str | None, start: int, end: int, rule: str) -> None:
    """A drafted post (only with its organisation: a post without one is left to the curator)."""
    if org is None:
        return
    post = {"person": person, "role": role, "organization": org, "quote": doc.text[start:end],
            "start": start, "end": end, "rule": rule}
    if tuple(post.values()) not in doc.posted:   # a set, not the list: a long text has thousands
        doc.posted.add(tuple(post.values()))
        doc.posts.append(post)


def find_people(doc: Doc, registry: Mapping[str, Entity] | None = None) -> None:
    """People by the titles before their names, in chains (市委副书记、市长X) and lists
    (常务副会长A、B); then titles after known names (X副市长), and election lists."""
    text, known = doc.text, governments_known(registry)
    titles = _free_titles(doc)
    chain: list[tuple[str, str | None, int, int]] = []     # titles waiting for a name: role, org, start, end
    enum_org, enum_end = None, -1
    for m in titles:
        found, role = org_before(doc, m.start()), m.group()
        if found is None:      # 某公司运营总监: the function written between the body and the title is the role's
            found, role = _org_and_function(doc, m) or (None, role)
        org = found[1] if found else None
        start = found[0] if found else m.start()
        unit = _UNIT_IN_CHAIN.fullmatch(text, chain[-1][3], start) if chain and chain[-1][1] and not found else None
        unit = unit if unit and not (places_in(unit.group(1)) or _NOT_A_UNIT.search(unit.group(1))) else None
        if unit:     # 市委常委、宣传部部长X: the party committee's department
            org = _chain_unit(doc, chain[-1][1], unit.start(1), unit.end(1), registry or {})
        elif chain and text[chain[-1][3]:_bodies_from(doc, start)] not in ("、", "兼", "、原", "兼原"):
            chain = []
        if org is None and m.group() in HEAD_OF_GOVERNMENT:
            org = _government_of(doc, m.start(), m.group(), chain[-1][1] if chain else None, known)
        elif org is None and text[m.start() - 1:m.start()] in ("、", "，", ",") and not chain and enum_end == m.start() - 1 \
                and _fits(doc, enum_org, m.group()):
            org = enum_org
        elif org is None and chain:          # 董事长、总经理X; 党组书记、局长X: the chain's organisation
            org = _beyond_party(doc, chain[-1][1], m.group())
        elif org is None and OFFICERS.search(m.group()):     # 秘书长X with no body written: the association
            org = nearest_org(doc, m.start(), ASSOCIATIONS)
        name_end = person_name(doc, m.end())
        if name_end == m.end() or not name_ends(text, name_end):
            chain = chain + [(m.group(), org, start, m.end())] if text[m.end():m.end() + 1] in ("、", "兼") else []
            continue
        _titled(doc, m, name_end, chain + [(role, org, start, m.end())])
        enum_org = org
        chain = []
        enum_end = _more_names(doc, name_end, m.group(), org)
    _titles_after_names(doc)

def _bodies_from(doc: Doc, start: int) -> int:
    """Where the bodies' names written together up to ``start`` begin (某大学 before 机械学院教授X)."""
    while start and doc.owner[start - 1] and doc.kind(doc.owner[start - 1]) == "organization":
        start -= 1
    return start


def _beyond_party(doc: Doc, org: str | None, title: str) -> str | None:
    """``org``, or for a title after a body's party committee (某局党委委员、副局长) the body itself."""
    if org is None or not doc.entities[org].zh.endswith("党委") or title.endswith(("书记", "委员", "常委")):
        return org
    return next((r["object"] for r in doc.relations if r["subject"] == org and r["relation"] == "unitOf"), org)


def _free_titles(doc: Doc) -> list[re.Match]:
    """The titles written where no mention is; a title whose opening a body's name holds (某局党委 +
    书记, 某局党委 + 委员) is the rest of it."""
    out = []
    for m in TITLE.finditer(doc.text):
        at = next((p for p in range(m.start(), m.end()) if doc.free(p, m.end())), None)
        if at is None:
            continue
        rest = TITLE.match(doc.text, at) or (re.compile(re.escape(doc.text[at:m.end()])).match(doc.text, at)
                                              if m.end() - at >= 2 else None)   # 协会长: no title 长
        if rest and doc.free(rest.start(), rest.end()):
            out.append(rest)
    return out


#: A department of a body named in a chain of posts after the body's (市委常委、宣传部部长; 某协会副秘书长、
#: 铝业部主任, 会员部主任; 秘书处处长): a unit's own name, no place or body's name in it (:data:`_NOT_A_UNIT`).
_UNIT_IN_CHAIN = re.compile(r"、(政法委|(?:(?![的和与及在为])[\u4e00-\u9fff]){1,6}?(?:部|处|室|中心))")
#: What no unit's own name holds: a body's name (a chain's next body: 、某市委宣传部, 、某协会会员部 are its own).
_NOT_A_UNIT = re.compile(r"(?:省|市|区|县|州)(?:委|政府)|协会|学会|商会|联盟|公司|集团|政府|[局厅院]")


def _chain_unit(doc: Doc, parent: str, start: int, end: int, registry: Mapping[str, Entity]) -> str:
    """The unit ``text[start:end]`` of the body ``parent`` (the registry's of that name, else a new
    OrganizationalUnit named after both, ``unitOf`` it); its key."""
    name = doc.entities[parent].zh + doc.text[start:end]
    known = next((e for e in registry.values() if norm(e.zh) == norm(name)), None)
    key = known.id if known else "new:" + name
    if known and key not in doc.entities:
        doc.entity(key, known.type, known.zh, False, "registry")
    elif key not in doc.entities:
        doc.entity(key, "OrganizationalUnit", name, True, "unit-in-chain:X职务、Y部主任")
        doc.relations.append(relation(doc, key, "unitOf", parent, start, end, "unit-in-chain:X职务、Y部主任"))
    if doc.free(start, end):
        doc.mention(key, start, end)
    return key


def _org_and_function(doc: Doc, m: re.Match) -> tuple[tuple[int, str], str] | None:
    """某公司跨境运营主管: the company (start, key) whose name ends two to four characters before the
    title ``m``, and the role as written (跨境运营主管); None if no such body."""
    text = doc.text
    for size in (2, 3, 4):
        start = m.start() - size
        word = text[start:m.start()]
        if start > 0 and _FUNCTION.fullmatch(word) and not TITLE.search(word) and doc.free(start, m.start()):
            body = doc.ending_at(start)
            if body and doc.kind(body[2]) == "organization":
                return (body[0], body[2]), word + m.group()
    return None


_FUNCTION = re.compile(r"(?:(?![的在和与及为是等兼、])[\u4e00-\u9fff])+")   # no second title (董事长兼总经理)


def _fits(doc: Doc, org: str | None, title: str) -> bool:
    """Whether ``title`` can be of ``org``: an association's officer is of an association."""
    return org is not None and (not OFFICERS.search(title) or doc.entities[org].type in ASSOCIATIONS)

def _titled(doc: Doc, m: re.Match, name_end: int, chain: list) -> None:
    """The person named after title ``m``, with a post for each title of its chain."""
    person = named_person(doc, m.end(), name_end, "title-before-name")
    for role, org, start, _ in chain:
        add_post(doc, person, role, org, start, name_end, "title-before-name")

def _more_names(doc: Doc, pos: int, role: str, org: str | None) -> int:
    """Further names after a title and its first name: 副会长甲某、乙某 (each the title's); the
    end of the last name."""
    text = doc.text
    while text[pos:pos + 1] == "、" and not TITLE.match(text, pos + 1):
        end = person_name(doc, pos + 1)
        if end == pos + 1 or not name_ends(text, end):
            return pos
        person = named_person(doc, pos + 1, end, "title-before-names")
        add_post(doc, person, role, org, pos + 1, end, "title-before-names")
        pos = end
    return pos

def name_ends(text: str, end: int) -> bool:
    """Whether a name can end at ``end``: punctuation, 等 or a verb of the genre follows."""
    return end >= len(text) or text[end] in PUNCT or text[end] in "等和及为出参主率带在作致表的同一介指代首担对向与说希强以就随陪当应分也还将已莅讲发提受获荣现曾兼任连续到结解汇通围宣回听走考先依相深察视关从来签共" \
        or bool(TITLE.match(text, end)) or text.startswith("同志", end)

def _titles_after_names(doc: Doc) -> None:
    """Posts restated with the title after a known name (杨某副市长): the same organisation as
    the person's earlier post with that title."""
    mention_all(doc)
    for found in [f for f in doc.entities.values() if f.type == "Person"]:
        for start, end in list(found.mentions):
            m = TITLE.match(doc.text, end)
            if not m:
                continue
            earlier = next((p["organization"] for p in doc.posts if p["person"] == found.key
                            and p["role"] == m.group()), None)
            add_post(doc, found.key, m.group(), earlier, start, m.end(), "title-after-name")


# --- relations by trigger patterns --------------------------------------------------------------
_JOINERS = ("、", "，以及", ",以及", "以及", "和", "与", "及", "同", "，")   # longest first: 以及 before 及

def names_only(doc: Doc, start: int, end: int, kinds: tuple) -> list[tuple[int, int, str]] | None:
    """The mentions inside ``text[start:end]`` if it holds nothing but free characters and whole mentions of
    entities of ``kinds`` (《某市家电产业…》: an industry and a place in a title's words); None if not."""
    inside = doc.at(start, end)
    whole = doc.owner[start:end].count(None) + sum(e - s for s, e, k in inside) == end - start
    return inside if whole and all(doc.kind(k) in kinds for s, e, k in inside) else None

def starting_at(doc: Doc, pos: int) -> tuple[int, int, str] | None:
    key = doc.owner[pos] if pos < len(doc.text) else None
    return next(((s, e, key) for s, e in doc.entities[key].mentions if s == pos), None) if key else None


def list_before(doc: Doc, pos: int, kinds: tuple, commas: bool = False) -> list[tuple[int, int, str]]:
    """The mentions (of ``kinds``) listed just before ``pos``: A、B和C|主办."""
    out, p = [], pos
    while True:
        m = doc.ending_at(p)
        if not m or doc.kind(m[2]) not in kinds:
            return out[::-1]
        out.append(m)
        joiner = next((j for j in _JOINERS if doc.text[:m[0]].endswith(j) and (j != "，" or commas)), None)
        if joiner is None:
            return out[::-1]
        p = m[0] - len(joiner)


def list_after(doc: Doc, pos: int, kinds: tuple, skip: str = "了的") -> list[tuple[int, int, str]]:
    """The mentions (of ``kinds``) listed from ``pos`` on: 参观了|A、B和C."""
    out, p = [], pos
    while p < len(doc.text) and doc.text[p] in skip:
        p += 1
    while True:
        m = starting_at(doc, p)
        if not m or doc.kind(m[2]) not in kinds:
            return out
        out.append(m)
        joiner = next((j for j in _JOINERS[:-1] if doc.text.startswith(j, m[1])), None)
        if joiner is None:
            return out
        p = m[1] + len(joiner)


def scope_event(doc: Doc, pos: int) -> str | None:
    """The event a trigger at ``pos`` is about: the nearest named in its sentence (before it,
    else after it), else the last one named before."""
    start, end = sentence_of(doc.text, pos)
    inside = [m for m in doc.at(start, end) if doc.kind(m[2]) == "event" and doc.entities[m[2]].type not in SPEECH_TYPES]
    before = [m for m in inside if m[1] <= pos]
    if before or inside:
        return (before or inside)[-1 if before else 0][2]
    for i in range(start - 1, -1, -1):
        key = doc.owner[i]
        if key and doc.kind(key) == "event" and doc.entities[key].type not in SPEECH_TYPES:
            return key
    return None


SPEECH_TYPES = {"Speech", "WelcomeSpeech", "Keynote"}
ORGS = ("organization", "group")
AGENTS = ("organization", "group", "person")
