"""What each number of a draft is about (:mod:`reportgraph.draftnumbers` finds them): the event of a
count of people at it (the main event, not its opening ceremony, unless the count names the ceremony), an
agreement, a body a count composes or elects, one of a list by 分别, the doer of what the number counts,
the place's industry its words name, an anaphor (该公司, 全市; not a word its count follows: 商会52家) or
the last entity before it in its sentence (the place rather than its industry when the number's clause names
another industry; the association for a count of its members); never one of a list it counts, nor the whole
of a share.
"""

import re
from collections.abc import Mapping

from .draftlinks import SUB_EVENT_HEADS
from .draftnames import Doc, relation
from .draftrules import AGENTS, SPEECH_TYPES, list_before
from .draftwords import clause_start

_ASSOCS = ("IndustryAssociation", "LearnedSociety", "ChamberOfCommerce", "IndustryAlliance")
#: Words standing for an entity named before: 该公司 → the last company …, by the types they fit.
_ANAPHORS = (("该公司", ("Company", "EnterpriseGroup")), ("公司", ("Company", "EnterpriseGroup")),
             ("该会", _ASSOCS), ("本会", _ASSOCS), ("该协会", ("IndustryAssociation",)), ("该商会", ("ChamberOfCommerce",)),
             ("该学会", ("LearnedSociety",)), ("该联盟", ("IndustryAlliance",)), ("该企业", ("Company", "EnterpriseGroup")),
             ("该项目", ("Project",)),
             ("该集团", ("EnterpriseGroup",)), ("集团", ("EnterpriseGroup", "Company")),
             ("园区", ("AdministrativeArea",)), ("该园", ("AdministrativeArea",)),
             ("协会", ("IndustryAssociation",)), ("学会", ("LearnedSociety",)), ("商会", ("ChamberOfCommerce",)),
             ("联盟", ("IndustryAlliance",)), ("委员会", ("Committee",)))
_ANAPHOR = re.compile("|".join(sorted((w for w, _ in _ANAPHORS), key=len, reverse=True)))
_PLACE_WORDS = re.compile(r"全市|本市|我市|全省|我省|本省|全区|全县|本县")
_KINDS = ("organization", "group", "event", "place", "industry", "agreement")
_ATTENDING = re.compile(r"[^，。；]{0,12}?(?:参加|出席|参会|与会|齐聚|到场|莅临|参展|参赛|报名参)")
_ATTENDANCE = re.compile(r"(?:参会|与会|参展|参赛|出席)(?:人数|人员|代表|嘉宾|企业|单位|客商)[^，。；]{0,6}$")   # match() anchors at pos
#: A count of people or bodies at ``pos`` (约1500人, 二十余家, 1,200 人次).
_COUNTED = re.compile(r"[^\d，。；]{0,3}?(?:[\d.,]+[千万]?|[零一二两三四五六七八九十百千万]+)\s?(?:余|多)?(?:人次|人|名|位|家|个)")
#: After a count of people: who they are (嘉宾, 学员 …) and what they did there, in one clause (5位…嘉宾围绕…展开讨论).
_PARTICIPANTS = re.compile(r"[^，。；！？：\n]{0,30}?(?:嘉宾|代表|学员|专家|学者|企业家|客商|观众|负责人)[^，。；！？：\n]{0,20}?"
                           r"(?:讨论|发言|交流|对话|分享|考试|结业|观看|座谈|授课|点评)")
_SIGNED = re.compile(r"签约|签订|签署")
_CUMULATIVE = re.compile(r"累计|先后|以来|历年|至今|季度|上半年|下半年|全年|今年|年内|去年")   # a record, not one signing
_SIGNED_AFTER = re.compile(r"[^，。；]{0,12}?项目[^，。；]{0,8}?(?:签约|签订|签署)")   # match() at the number
_PROJECT = re.compile(r"(?:该)?项目(?:总投资|计划总投资|投资|建成|达产|投产)")


def anaphor_places(doc: Doc, home: Mapping[str, str]) -> dict[str, str]:
    """全市, 全省 … → the key of the report's place of that level, where that place is mentioned."""
    out = {}
    for word, lv in (("全市", "市"), ("本市", "市"), ("我市", "市"), ("全省", "省"), ("我省", "省"), ("本省", "省"),
                     ("全区", "区"), ("全县", "县"), ("本县", "县")):
        key = home.get(lv)
        if key and doc.entities[key].mentions:
            out[word] = key
    return out


def about(doc: Doc, s_start: int, pos: int, end: int, places: Mapping[str, str], last: dict, line: int,
          output: bool = False) -> str | None:
    """What the number at ``pos`` is about: with N人参加 (or 出席) the event in scope; what an agreement's
    name or 项目总投资 after it gives, the agreement; in X由…N名代表组成, X; with N人当选, the association;
    in A、B分别增长x、y, its own name of the list; else the last of an entity, an anaphor (该公司, 园区 →
    the last company, park; 该X → the last whose name ends with X: 该产业园, 该工厂) or 全市/全省 (the
    report's place; its industry, when the number's clause names one) before it in its sentence (not a
    speech, nor a place after 在, 于: where, not who), never the whole of a share (占全国的, nor what a
    clause of a share names: 占北川省陶瓷产业的); with none, in a sentence's first clause, the subject that
    opens the next (历经二十余载，某协会…); else the subject of the sentence before, in the same paragraph;
    else the industry the headline names, but for a product's ``output`` (硫酸产量) the report's place (of
    its places by level, the one written most: a bulletin's figures are its city's). An industry so found
    gives way to its place when the number's clause names another industry (陶瓷及配套产业总产值)."""
    text = doc.text
    framed = _framed(doc, s_start, pos, end)
    if framed:
        return framed
    listed = _list_start(doc, s_start, pos)
    share = text.rfind("占", s_start, pos)
    if share != -1 and re.search(r"[，,；;]", text[share:pos]):
        share = -1
    limit = share if share != -1 else listed if listed is not None else pos   # 占全国的N%: the whole is no subject
    found = [(s, e, k) for s, e, k in doc.at(s_start, limit) if doc.kind(k) in _KINDS and not _whole(text, s)
             and not _SHARE_CLAUSE.match(text, clause_start(text, s), s)
             and doc.entities[k].type not in SPEECH_TYPES
             and not (doc.kind(k) == "place" and text[s - 1:s] in ("在", "于", "赴", "到"))]   # 在某市投资: no subject
    found = [(e, k) for s, e, k in _up_to_doer(doc, found, pos, end)]
    if not found and share != -1 and last["about"] is not None and last["line"] == line:
        return last["about"]
    whole = text.rfind("其中", s_start, pos)       # 其中…N: the whole named before, as the number before
    if whole != -1 and last["sentence"] == s_start and last["about"] and not doc.at(whole, pos):
        return last["about"]
    if not found and listed is not None or _at_signing(doc, s_start, pos, end, found):
        event = _main_event(doc, _last_of(doc, pos, kinds=("event",)))   # A、B等N家企业参会: the event
        if event:
            return event
    best = _anaphor(doc, s_start, limit, found[-1] if found else None)
    for m in _PLACE_WORDS.finditer(text, s_start, limit):
        if m.group() in places and (best is None or m.end() > best[0]) and doc.free(m.start(), m.end()) \
                and not _whole(text, m.start()):
            best = (m.end(), places[m.group()])
    ahead = best is None and clause_start(text, pos) == s_start and text[end:end + 1] in ("，", ",") and \
        next((k for s, e, k in doc.at(end + 1, min(len(text), end + 12)) if s == end + 1 and doc.kind(k) in _KINDS), None)
    if ahead:   # 历经二十余载，北原市陶瓷行业协会从无到有: the subject of the clause after a sentence's first
        return ahead
    if best:
        key = (None if output else _industry_named(doc, best, pos) or _sector_firms(doc, best, pos)
               or _industry_before(doc, best, pos, s_start, last)) or best[1]
    elif last["line"] == line and last["about"]:
        key = last["about"]
    else:
        key = last["place" if output else "default"]
    if (doc.kind(key) in ("place", "industry", None) or doc.entities[key].type == "OrganizationGroup") \
            and _COUNTED.match(text, pos) and _MEMBERS.search(text, clause_start(text, pos), pos):
        return _last_of(doc, pos, types=_ASSOCS) or key   # 个人会员突破3000名: the association's members
    return _place_of(doc, key) if _other_industry(doc, key, pos) else key


#: Members counted: 现有会员企业300余家, 个人会员突破3000名, 团体会员达到200家以上.
_MEMBERS = re.compile(r"会员(?!代表)(?:企业|单位)?(?:总数)?[^，。；、\d]{0,8}$")


def _industry_before(doc: Doc, best: tuple[int, str], pos: int, s_start: int, last: dict) -> str | None:
    """The place's industry that the number before, in the same sentence, was about, when the place
    (``best``) is written in an earlier clause, not the number's own: 全市新签约光伏产业链项目17个，协议总投资约
    236亿元 (the industry's, as the 17); 全市…，全市工业增加值… (the place named again: the place's)."""
    before = last["about"] if last["sentence"] == s_start else None
    if doc.kind(best[1]) == "place" and doc.kind(before) == "industry" and best[0] <= clause_start(doc.text, pos) \
            and _place_of(doc, before) == best[1]:
        return before
    return None


def _framed(doc: Doc, s_start: int, pos: int, end: int) -> str | None:
    """What the words round the number at ``pos`` (in the sentence from ``s_start``, its clause ending at
    ``end``) say it is about, before any subject: an agreement (its name holds the number, or 项目总投资 follows
    it), a body counted (X由…N名代表组成), the event of an attendance, one of a list by 分别."""
    text = doc.text
    inside = doc.owner[pos]
    if inside is not None and doc.kind(inside) == "agreement":
        return inside              # 签订了年产10万吨…项目投资协议: what the agreement's name says
    body = _body_counted(doc, s_start, pos)
    if body:
        return body
    project = _PROJECT.match(text, s_start)
    if project and project.end() <= pos:      # 项目总投资32亿元 after the agreement on the project: the agreement
        named = [k for s, e, k in doc.at(max(0, s_start - 200), s_start) if doc.kind(k) == "agreement"]
        if named:
            return named[-1]
    counted = _COUNTED.match(text, pos)
    attending = _ATTENDING.match(text, pos, end + 6)
    if counted and (attending or _ATTENDANCE.search(text, s_start, pos) or _PARTICIPANTS.match(text, counted.end())):
        named = attending and next((k for s, e, k in doc.at(attending.end(), min(len(text), attending.end() + 40))
                                    if doc.kind(k) == "event" and s == attending.end()), None)
        event = named or _main_event(doc, _last_of(doc, pos, kinds=("event",)))   # 约1500人出席开幕式: the one named
        if event:
            return event
    respective = _respective(doc, s_start, pos)
    if respective:
        return respective
    return None


_HOLDING = re.compile(r"举办|召开|开展|组织|举行|承办|主办")


def _up_to_doer(doc: Doc, found: list, pos: int, end: int) -> list:
    """``found`` (the mentions before the number at ``pos``, whose clause ends at ``end``), up to the one that
    holds the event mentioned last, when the number is what the holder did: 遂宁已先后赴外地举办专场
    招商推介活动9场; 某局开展“送政策上门”活动，已帮助42家企业… (a clause with no subject of its own); 市政府已与
    各类商协会召开…12场 (the government, not those it met). Not when the number's clause names its own
    subject after the verb's (召开常务会议，会议审议通过了3项), nor what was signed (举行签约仪式 6个项目集中签约),
    nor when the verb only describes the event (由某局主办的推介会吸引客商200余家: the event's), nor a verb inside a
    name (世界贸易组织)."""
    text = doc.text
    verbs = [v for v in _HOLDING.finditer(text, found[0][1], found[-1][0]) if doc.free(v.start(), v.end())
             and text[v.end():v.end() + 1] != "的"] if len(found) >= 2 and doc.kind(found[-1][2]) == "event" else []
    if not verbs or _SIGNED.search(text, found[-1][1], end) or \
            found[-1][0] >= clause_start(text, pos) > verbs[-1].start():
        return found
    verb = verbs[-1]
    met = max(text.rfind(w, found[0][1], verb.start()) for w in "与同跟")   # 与各类商协会召开: those met
    doers = [i for i, (s, e, k) in enumerate(found) if e <= (verb.start() if met == -1 else met)
             and doc.kind(k) in ("organization", "place", "group")]
    return found[:doers[-1] + 1] if doers else found


def _main_event(doc: Doc, key: str | None) -> str | None:
    """The event that the ceremony ``key`` opens or is part of (开幕式, 开班仪式 … ``partOf`` it, as
    :mod:`reportgraph.draftlinks` drafts them), else ``key``: a count that names no event after its verb
    (168名学员考试合格, after 开班仪式) is the main event's, not its ceremony's."""
    if key is None or not doc.entities[key].zh.endswith(SUB_EVENT_HEADS):
        return key
    return next((r["object"] for r in doc.relations if r["subject"] == key and r["relation"] == "partOf"
                 and doc.kind(r["object"]) == "event"), key)


#: An industry's words in a measure's name: 铝及配套产业 in 铝及配套产业总产值.
_INDUSTRY_WORDS = re.compile(r"([\u4e00-\u9fff]{1,8}?)(?:产业|行业)")


def _other_industry(doc: Doc, key: str, pos: int) -> bool:
    """Whether ``key``, the industry the number before was about, is not the one that the clause of the
    number at ``pos`` names (全市铝产业总产值1045亿元，…，铝及配套产业总产值超1300亿元: not 铝产业's, the place's)."""
    if doc.kind(key) != "industry":
        return False
    words = [m[1] for m in _INDUSTRY_WORDS.finditer(doc.text, clause_start(doc.text, pos), pos)
             if doc.free(m.start(), m.end())]
    place, core = _named_place(doc, key), _stem(doc.entities[key].zh)
    if place:   # 北原市陶瓷产业, 北原陶瓷产业 → 陶瓷
        named = doc.entities[place].zh
        core = core[len(named if core.startswith(named) else _bare(named)):]
    return bool(words) and not any(w.endswith(core) or core.endswith(w) for w in words)


def _place_of(doc: Doc, key: str) -> str:
    """The place of the industry ``key``: the one it is drafted ``locatedIn``, else the one whose name begins
    the industry's (:func:`_named_place`); else ``key``."""
    located = next((r["object"] for r in doc.relations if r["subject"] == key and r["relation"] == "locatedIn"), None)
    return located or _named_place(doc, key) or key


def _named_place(doc: Doc, key: str) -> str | None:
    """The place mentioned whose name, without its level (市, 省 …), begins the name of ``key`` (北原市 of
    北原陶瓷产业), the longest."""
    name = doc.entities[key].zh
    places = [f for f in doc.entities.values() if doc.kind(f.key) == "place" and f.mentions
              and name.startswith(_bare(f.zh))]
    return max(places, key=lambda f: len(f.zh)).key if places else None


def _bare(place: str) -> str:
    """A place's name without its level: 北原市 → 北原 (a name of two characters keeps its own: 大理)."""
    return re.sub(r"(?<=..)[省市区县镇]$", "", place)


def _stem(name: str) -> str:
    """An industry's words without 产业, 产业链 or 行业 at their end: 铜产业 → 铜."""
    return re.sub(r"(?:产业链?|行业)$", "", name)


_OF_INDUSTRY = r"(?:产业|行业|规模|企业|相关|领域)"   # 农机装备规模以上企业: the industry's words end there (not 汽车零部件)


def _industry_named(doc: Doc, best: tuple[int, str], pos: int) -> str | None:
    """A place's industry whose words the text writes between the place (``best``: its end, its key) and
    the number at ``pos``, in the number's clause (全市现有农机装备规模以上企业146家: the place's 农机装备产业)."""
    if doc.kind(best[1]) != "place":
        return None
    place, between = doc.entities[best[1]].zh, doc.text[max(best[0], clause_start(doc.text, pos)):pos]   # its clause
    for f in doc.entities.values():
        stem = _stem(f.zh[len(place):]) if f.zh.startswith(place) else ""
        if doc.kind(f.key) == "industry" and len(stem) >= 2 and re.search(re.escape(stem) + _OF_INDUSTRY, between):
            return f.key
    return None


#: A place's enterprises of one sector, then the number: 全市现有规模以上装备制造企业380余家, 全市新增规上家居
#:企业21家, 全镇现有灯饰照明及配套企业超过1.6万家, 全市铜冶炼企业硫回收率 (the sector: 装备制造, 家居 …).
#: The words before the sector are taken whole (a lookahead and its backreference: no backtracking into
#: them), so that 全市现有企业, 全市规上企业 name no sector.
_SECTOR_FIRMS = re.compile(r"(?=(?P<lead>(?:现有|拥有|共有|新增|累计|目前|已有|已)*(?:规模以上|规上)?))(?P=lead)"
                           r"(?P<sector>[\u4e00-\u9fff]{2,10}?)(?:相关|及配套|配套)?(?:规模以上|规上)?企业")
#: Enterprises by who owns them, their size or standing, not by what they make (theirs is the place's
#: figure), and words of a site or an act, not of a sector (某产业园入驻企业: the park's).
_NOT_SECTORS = re.compile(r"工业|资|民营|国有|中小|小微|重点|骨干|龙头|上市|高新|专精特新|出口|外贸|科技型|会员|规模|"
                          r"规上|现有|新增|已有|今年|各类|全部|所有|园|区|基地|中心|入驻|集聚|落户|引进|的")


def _sector_firms(doc: Doc, best: tuple[int, str], pos: int) -> str | None:
    """The place's industry of the sector whose enterprises the text counts or measures right after the
    place (``best``: its end, its key) and before the number at ``pos`` (:data:`_SECTOR_FIRMS`): a
    RegionalIndustry ``locatedIn`` the place, mentioned at the sector's words; one of the place already
    drafted whose words begin the sector's, or that the sector's begin (铜产业 and 铜冶炼), else a new one."""
    text = doc.text
    named = doc.ending_at(best[0])   # the place's name, else 全市 (one of _PLACE_WORDS)
    begin = named[0] if named else best[0] - 2 if _PLACE_WORDS.fullmatch(text, best[0] - 2, best[0]) else None
    m = _SECTOR_FIRMS.match(text, best[0], pos)
    if doc.kind(best[1]) != "place" or begin is None or not m or _NOT_SECTORS.search(m["sector"]) \
            or not doc.free(m.start("sector"), m.end("sector")):
        return None
    place = doc.entities[best[1]].zh
    sector = _stem(m["sector"])
    for f in doc.entities.values():
        stem = _stem(f.zh[len(place):])
        if doc.kind(f.key) == "industry" and f.zh.startswith(place) and stem and \
                (sector.startswith(stem) or stem.startswith(sector)):
            key = f.key
            break
    else:
        key, rule = f"new:industry:{place}{sector}产业", "industry:全市X企业N家"
        doc.entity(key, "RegionalIndustry", place + sector + "产业", True, rule)
        doc.relations.append(relation(doc, key, "locatedIn", best[1], begin, m.end(), rule))
    doc.mention(key, m.start("sector"), m.end("sector"))
    return key


def _body_counted(doc: Doc, s_start: int, pos: int) -> str | None:
    """The body a count at ``pos`` is of: X in X由…N名代表组成; the association in 某某等15人当选常务理事."""
    text = doc.text
    composed = text.rfind("由", s_start, pos)
    if composed != -1 and re.match(r"[^，。；]{0,20}?组成", text[pos:pos + 24]):
        body = doc.ending_at(composed) or next(((s, e, k) for s, e, k in doc.at(s_start, composed)
                                                if doc.kind(k) in _KINDS), None)
        if body:
            return body[2]
    if re.match(r"(?:人|名|位)(?:分别)?(?:当选|为|担任)", text[pos:pos + 12].lstrip("0123456789一二三四五六七八九十百余多")):
        return _last_of(doc, pos, types=_ASSOCS)
    return None


_EACH = re.compile(r"分别[^\d，。；、]{0,10}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?[^\d、，。；和及]{0,6}")


def _respective(doc: Doc, s_start: int, pos: int) -> str | None:
    """A、B和C…分别增长x%、y%、z%: the number at ``pos`` is the one of the names listed before 分别 in its
    place in the numbers after it (a list of as many names as numbers); None if not so written."""
    text = doc.text
    each = text.rfind("分别", s_start, pos)
    m = _EACH.match(text, each) if each != -1 else None
    if m is None:
        return None
    starts, p = [], m.end()
    while (n := _NUMBER.match(text, p)) and len(starts) < 12:
        starts.append(n.start())
        p = n.end() + (text[n.end():n.end() + 1] in "、和及")
        if p == n.end():
            break
    last = [k for k in doc.at(s_start, each) if doc.kind(k[2]) in _KINDS][-1:]
    names = list_before(doc, last[0][1], _KINDS) if last else []     # the list the last name closes
    if pos not in starts or len(starts) < 2 or len(names) != len(starts):
        return None
    return names[starts.index(pos)][2]


def _at_signing(doc: Doc, s_start: int, pos: int, end: int, found: list) -> bool:
    """签约项目N个、总投资N亿元 with no subject before it: a number of the signing event, unless it is a record
    (累计签约, 一季度签约 …: the place's). 某市共有N个项目签约 stays the place's (at the event: the first report's gold)."""
    text = doc.text
    return bool(not found and (_SIGNED.search(text, s_start, pos) or _SIGNED_AFTER.match(text, pos, end))
                and not _CUMULATIVE.search(text, s_start, pos))


def _list_start(doc: Doc, s_start: int, pos: int) -> int | None:
    """Where the list begins that the count at ``pos`` closes (A、B、C等N家企业, A、B等首批N家: A's start);
    None if the number closes no list of two names or more. What a count of a list is about is never
    one of the listed."""
    closing = re.search(r"等(?:首批|近|约)?$", doc.text[s_start:pos])
    items = list_before(doc, s_start + closing.start(), AGENTS) if closing else []
    return items[0][0] if len(items) >= 2 else None


#: A clause that is a share (约占全国的…, 占广西铝产业的80%以上): what it names is the whole, no subject.
_SHARE_CLAUSE = re.compile(r"(?:约|分别|约为|已)?占")


def _whole(text: str, start: int) -> bool:
    """Whether the name at ``start`` is the whole of a share (占全国的…, 占全省…): no subject then."""
    return text[max(0, start - 1):start] == "占"


#: A number right after a word: the word names the kind counted (全省共有省级专业标准化技术委员会58个,
#: 全市已有异地商会52家), not one of that kind named before.
_COUNT_AFTER = re.compile(r"[\d零一二两三四五六七八九十百千]+(?:余|多)?[家个所]")


def _anaphor(doc: Doc, start: int, end: int, best: tuple | None) -> tuple | None:
    """``(end, key)`` of the last of ``best`` and the anaphors between ``start`` and ``end``: 该公司, 园区 …
    (the last entity of their types) and 该X (the last entity whose name ends with X: 该产业园, 该工厂)."""
    text = doc.text
    for m in _ANAPHOR.finditer(text, start, end):
        if doc.free(m.start(), m.end()) and (best is None or m.end() > best[0]) and not _COUNT_AFTER.match(text, m.end()):
            key = _last_of(doc, m.start(), types=dict(_ANAPHORS)[m.group()])
            if key:
                best = (m.end(), key)
    for at in (i for i in range(start, end) if text[i] == "该"):
        found = next(((at + 1 + k, key) for k in (5, 4, 3, 2) if (key := _ending(doc, at, text[at + 1:at + 1 + k]))), None)
        if found and doc.free(at, found[0]) and (best is None or found[0] > best[0]):
            best = found
    return best


def _ending(doc: Doc, pos: int, word: str) -> str | None:
    """The entity mentioned last before ``pos`` (within 3,000 characters) whose name ends with ``word``."""
    for s, e, key in reversed(doc.at(max(0, pos - 3000), pos)):
        if doc.kind(key) in _KINDS and doc.entities[key].zh.endswith(word) and len(word) < len(doc.entities[key].zh):
            return key
    return None


def _last_of(doc: Doc, pos: int, types: tuple = (), kinds: tuple = (), reach: int = 3000) -> str | None:
    """The entity (of ``types`` or ``kinds``) mentioned last before ``pos``, within ``reach`` characters
    (a speech is no event here: 出席会议并讲话。N名代表参加 is the meeting's count)."""
    for s, e, key in reversed(doc.at(max(0, pos - reach), pos)):
        found = doc.entities[key]
        if found.type in types or doc.kind(key) in kinds and found.type not in SPEECH_TYPES:
            return key
    return None
