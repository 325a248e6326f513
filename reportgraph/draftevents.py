"""Events of a report, for the draft (:mod:`reportgraph.draft`): meetings, forums and ceremonies
by their heads (…峰会, 签约仪式, 会员代表大会暨…会议), delegations (…考察团), agreements (A与B签署…协议),
friendly associations, and the date and venue an event's sentence gives (speeches are
:mod:`reportgraph.draftspeeches`).
"""

import re

from .draftnames import Doc, clause_start, left_edge, norm, relation, sentence_of
from .draftrules import ORGS, SPEECH_TYPES, list_after, list_before, starting_at
from .quantities import written_dates

# Heads the genre names its events by (each with 第N届/第N次/20XX/“…”/《…》 before it, or bare):
# meetings (大会, 年会, 座谈会, 研讨会, 交流会, 调度会, 现场会, 培训会, 观摩会, 启动会 …), forums and
# fairs (论坛, 峰会, 博览会, 展览会, 推介会, 对接会, 洽谈会, 招商会, 发布会 …), ceremonies (签约仪式,
# 揭牌仪式, 开幕式, 颁奖典礼, …仪式), activities (…活动, 大赛, 沙龙). A bare head after 本次/此次/本届/
# 该 (本次论坛, 此次活动) is the event in scope, never a new one.
_MEETINGS = ("会员代表大会 代表大会 大会 会议 座谈会 研讨会 调度会 推进会 工作会 现场会 交流会 年会 恳谈会 见面会 联席会 "
             "培训会 观摩会 启动会 动员会 部署会 总结会 表彰会 分析会 评审会 协调会 通气会 分享会 宣讲会 联谊会 茶话会 "
             "汇报会 通报会 碰头会 务虚会 誓师会 学习会 研判会 专题会 论证会 鉴定会 验收会 评估会 答辩会")
_OTHERS = ("开幕式 闭幕式 启动仪式 揭牌仪式 论坛 峰会 对接会 推介会 洽谈会 招商会 博览会 展览会 交易会 发布会 报告会 说明会 "
           "活动 圆桌会 沙龙 培训班 展销会 订货会 颁奖典礼 典礼 仪式 大赛 展会 路演 讲座 竞赛 比赛 晚会 招聘会 展洽会 听证会 "
           "研修班 学习班 宣传周 活动周 展销周 科技周 品牌周 服务周 文化周 文化节 旅游节 艺术节 美食节 购物节 电商节 博览节 "
           "科技节 质量月 宣传月 成果展 图片展 巡展 专题展 产品展 工业展 技术展 展览 推广会 品鉴会 展示会 演示会 双选会 嘉年华 "
           "采购节")
EVENT_HEADS = {**dict.fromkeys(_MEETINGS.split(), "Meeting"), **dict.fromkeys(_OTHERS.split(), "Event"),
               "签约仪式": "SigningCeremony", "签字仪式": "SigningCeremony", "签约会": "SigningCeremony"}
_THIS = re.compile(r"(?:本次|此次|本届|这次|该|今年的|上述)$")
_EVENT = re.compile("|".join(sorted(EVENT_HEADS, key=len, reverse=True)))
_ACTIVITY = re.compile(r"对接|考察|推介|签约|招商|合作|交流|论坛|博览|调研|参观|学习|培训|宣传|观摩|走访|帮扶|慰问|"
                       r"主题|志愿|推广|展示|展销|对标|评选|联谊|\d{4}")
GROUP_HEADS = re.compile(r"考察团|代表团|访问团|调研组|调研团|参访团|商务团|考察组|工作组|专家组|评审组|课题组|督导组|督查组|"
                         r"检查组|观察团|经贸团|专家团|采访团|指导组|工作专班")
_BARE_OK = {"签约仪式", "开幕式", "座谈会", "论坛", "峰会", "对接会", "研讨会", "推介会", "洽谈会", "圆桌会"}


def find_events(doc: Doc) -> None:
    """Events by their heads (…峰会, 签约仪式, 会员代表大会暨…会议); a bare head (会议, 峰会)
    is the last event it names (or, for a specific head, an event of its own); delegations
    (…考察团) the same way."""
    text = doc.text
    for m in _EVENT.finditer(text):
        if not doc.free(m.start(), m.end()) or text[m.end():m.end() + 1] in ("员", "长", "场", "示", "望", "馆", "区", "厅", "位", "室") \
                or text.startswith("中心", m.end()):    # 会议中心, 会议室: a building
            continue
        end = m.end() + (m.group().endswith("会") and text[m.end():m.end() + 1] == "议" and doc.free(m.end(), m.end() + 1))
        begin = event_start(doc, left_edge(doc, m.start(), max(0, m.start() - 40), event=True), m.start())
        if m.group() == "展会" and _verb_before(doc, begin, m.start()):
            begin = m.start()        # 持续提升展会的…, 预计展会期间: the exhibition named before, no name of its own
        name = text[begin:end]          # 工作会 + 议: the head a name ends with is 工作会议
        if re.match(r"[ \t\u3000]*[\d一二三四五六七八九十几数多]", text[m.end():m.end() + 2]):
            continue
        if m.group() == "活动" and name != "活动" and not _ACTIVITY.search(name[:-2]):
            continue
        host, shown = _opening_host(doc, begin, m.start())
        key = _event(doc, name, begin, end, EVENT_HEADS[m.group()], m.group(), shown)
        if host and key:
            doc.relations.append(relation(doc, host[2], "organizes", key, host[0], end, "host:X的E"))
    for m in GROUP_HEADS.finditer(text):
        if doc.free(m.start(), m.end()) and not (m.group().endswith("组") and text.startswith("成", m.end())):   # 专家组成
            owner = doc.ending_at(m.start())
            begin = owner[0] if owner and doc.kind(owner[2]) in ("organization", "place") else \
                left_edge(doc, m.start(), max(0, m.start() - 12), event=True)    # 某市党政代表团, 经贸代表团
            _event(doc, text[begin:m.end()], begin, m.end(), "Delegation", m.group())

_COUNT = re.compile(r"[一两二三四五六七八九十几数多每\d]+[次场届个项批]")
_REFERS = re.compile(r"上|中|期间|前|后|时")
_SUMMED = re.compile(r"等(?:一系列|系列|多场|多项|[一二三四五六七八九十\d]+[场项个次])?$")


def _verb_before(doc: Doc, begin: int, head: int) -> bool:
    """Whether the last word of ``text[begin:head]`` is a verb or an adverb (the tokenizer's tags)."""
    words = [w for w in doc.words if begin <= w[0] and w[1] == head]
    return bool(words) and words[-1][2] in ("v", "vd", "vn", "d")


def event_start(doc: Doc, begin: int, head: int) -> int:
    """Where an event's name really begins, given its left edge ``begin`` and head at ``head``: after
    a reference to another event (在开幕式上宣布大会: 大会 alone; 在论坛上发布的第二届X大会: after 上),
    after 对/向 just before the head (对大会的召开表示祝贺), after a count (召开一次会员代表大会)."""
    text = doc.text
    if head - 1 >= begin and text[head - 1] in "对向给为" or _SUMMED.search(text, begin, head):
        return head
    for i in range(head - 1, begin, -1):
        ref = _REFERS.match(text, i)
        if ref and doc.owner[i] is None and doc.kind(doc.owner[i - 1]) == "event":
            return head if not re.search(r"[\d第“《]", text[i:head]) else ref.end()
    count = _COUNT.match(text, begin)
    return count.end() if count and count.end() <= head and text[begin - 1:begin] != "第" else begin


def _opening_host(doc: Doc, begin: int, head: int) -> tuple[tuple | None, int]:
    """An organisation opening an event's name (某协会2023年年会; 某协会的年会): the organisation's
    mention and where the event's own mention begins (after it); else (None, ``begin``)."""
    first = starting_at(doc, begin)
    if not first or doc.kind(first[2]) != "organization" or first[1] > head:
        return None, begin
    rest = first[1] + (doc.text[first[1]:first[1] + 1] == "的")
    return (first, rest) if rest <= head else (None, begin)


def _event(doc: Doc, name: str, begin: int, end: int, type_: str, head: str, shown: int | None = None) -> str | None:
    """Mention the event (or delegation) ``name`` (from ``shown`` on, when an organisation opens
    it): a new one, the same name again, or a bare head standing for the last one of its kind;
    its key, or None."""
    key = "new:" + norm(name)
    if name == head:
        kinds = ("Delegation",) if type_ == "Delegation" else None
        this = bool(_THIS.search(doc.text, max(0, begin - 4), begin))
        last = _last(doc, begin, kinds, head) or (_last(doc, begin, kinds, "活动") if this else None)
        if last is not None:
            doc.mention(last, begin, end)
            return last
        if head not in _BARE_OK and type_ != "Delegation" or this:
            return None
    doc.entity(key, type_, name, True, "group-head:" + head if type_ == "Delegation" else "event-head:" + head)
    doc.mention(key, begin if shown is None else shown, end)
    return key

def _last(doc: Doc, pos: int, types: tuple | None, head: str) -> str | None:
    """The event (or delegation) mentioned last before ``pos``: one whose name ends with ``head``
    if there is one, else (for 会议, 大会, 活动 and delegations) any."""
    fallback = None
    for i in range(pos - 1, max(-1, pos - 3001), -1):     # within 3,000 characters: linear on long texts
        key = doc.owner[i]
        if key is None or doc.kind(key) not in ("event", "group"):
            continue
        found = doc.entities[key]
        if types and found.type not in types or not types and doc.kind(key) != "event":
            continue
        if found.zh.endswith(head):
            return key
        fallback = fallback or key
    return fallback if head in ("会议", "大会", "活动", "仪式", "盛会") or types else None


#: What stands between two parties to an agreement: 与, after an adverb or a declared abbreviation (A（以下简称“B”）与C:
#: between A and C, or between B, the same body, and C).
_JOINED = re.compile(r"(?:[（(](?:以下|下文)?(?:简称|下称|称)[^）)]{1,16}[）)]|[”\"’'」]?[）)])?(?:还|也|又|再|正式|共同)?[与和同跟]")
_AGREEMENT = re.compile(r"(签署|签订|签约)(了)?《?([^，。；、《》]{0,30}?(?:协议书|协议|备忘录|合同|协定|意向书))》?")   # 《…》: its title

def find_agreements(doc: Doc) -> None:
    """A与B签署(了)…协议 (or X与Y分别代表A和B签署; A与B…，双方签署了…): A signsAgreementWith B, both
    partyTo the agreement, an entity of its own."""
    text = doc.text
    for m in _AGREEMENT.finditer(text):
        start = clause_start(text, m.start(), "，。；\n,;")
        parties, pairs, rule = _parties(doc, start, m.start())
        if not pairs:
            continue
        key = f"new:agreement:{m.start(3)}"
        doc.entity(key, "Agreement", m.group(3), True, "agreement:签署…协议")
        doc.mention(key, m.start(3), m.end(3))
        for a, b in pairs:
            doc.relations.append(relation(doc, a, "signsAgreementWith", b, parties[0][0], m.end(), rule, context=key))
        for p in dict.fromkeys(k for _, _, k in parties):
            doc.relations.append(relation(doc, p, "partyTo", key, parties[0][0], m.end(), rule))


_SIDES = re.compile(r"(?:[两二三四五六七八九多各]方)(?:共同|一起|现场)?$")


def _parties(doc: Doc, start: int, verb: int) -> tuple[list, list, str]:
    """The parties signing at ``verb`` (their mentions), the pairs that sign with each other and the
    rule: A与B签署 (or 双方签署, the two joined before; A、B与C签署: A and B each with C); X与Y分别代表A和B
    签署; X分别与A、B签署 (X with each); A、B和C三方签署 (each with each)."""
    text, clause = doc.text, doc.text[start:verb]
    on_behalf, each, sides = re.search(r"分别代表", clause), re.search(r"分别与", clause), _SIDES.search(clause)
    if on_behalf:
        parties, rule = list_after(doc, start + on_behalf.end(), ORGS)[:2], "sign:分别代表X和Y签署"
    elif each:
        signer = [k for k in doc.at(start, start + each.start()) if doc.kind(k[2]) in ORGS][-1:]
        parties, rule = signer + list_after(doc, start + each.end(), ORGS), "sign:X分别与A、B签署"
        return parties, [(signer[0][2], p[2]) for p in parties[1:] if p[2] != signer[0][2]] if signer else [], rule
    elif sides:
        parties, rule = list_before(doc, start + sides.start(), ORGS), "sign:A、B和C三方签署"
        return parties, [(a[2], b[2]) for i, a in enumerate(parties) for b in parties[i + 1:] if a[2] != b[2]], rule
    else:
        parties, rule = _pair(doc, start, verb), "sign:X与Y签署协议"
        if not parties and "双方" in clause:     # 双方签署了…: the two joined before, in this sentence or the last
            parties = _pair(doc, sentence_of(text, max(start - 1, 0))[0], start)
        listed = list_before(doc, parties[0][1], ORGS) if parties else []
        if len(listed) >= 2:                     # A、B与C签订: A and B each with C
            return listed + parties[1:], [(a[2], parties[1][2]) for a in listed if a[2] != parties[1][2]], rule
    ok = len(parties) == 2 and parties[0][2] != parties[1][2]
    return parties, [(parties[0][2], parties[1][2])] if ok else [], rule

def _pair(doc: Doc, start: int, end: int) -> list:
    """The last two organisations written in ``text[start:end]``, joined as A与B, or by the people who sign
    for them (A局长X与B总经理Y); [] if not so."""
    parties = [k for k in doc.at(start, end) if doc.kind(k[2]) in ORGS][-2:]
    if len(parties) != 2:
        return []
    gap, tail = _signer_masked(doc, parties[0][1], parties[1][0]), _signer_masked(doc, parties[1][1], end)
    if _JOINED.fullmatch(doc.text[parties[0][1]:parties[1][0]]) or \
            _BY_SIGNER.fullmatch(gap) and gap.endswith(("与", "和", "同")) and _BY_SIGNER.fullmatch(tail + "与"):
        return parties
    return []


_BY_SIGNER = re.compile(r"[\u4e00-\u9fff]{0,8}P(?:代表双方|代表)?(?:共同|正式|现场)?[与和同]")


def _signer_masked(doc: Doc, start: int, end: int) -> str:
    """``text[start:end]`` with each person's mention written P."""
    out, at = [], start
    for s, e, k in doc.at(start, end):
        if doc.kind(k) == "person":
            out += [doc.text[at:s], "P"]
            at = e
    return "".join(out) + doc.text[at:end]


def friendly_associations(doc: Doc) -> None:
    """A与B缔结友好协会(关系) / A与之…; 作为B的友好协会，A: friendlyAssociationOf."""
    text = doc.text
    for m in re.finditer(r"与(之|[^，。；]{2,30}?)(?:缔结|结为|结成|建立)(?:为)?友好(?:协会|商会|关系|城市)", text):
        start, _ = sentence_of(text, m.start())
        before = [k for k in doc.at(start, m.start()) if doc.kind(k[2]) in ORGS]
        other = before[0] if m.group(1) == "之" and before else starting_at(doc, m.start() + 1)
        if before and other and doc.kind(other[2]) in ORGS and other[2] != before[-1][2]:
            doc.relations.append(relation(doc, before[-1][2], "friendlyAssociationOf", other[2],
                                          min(before[-1][0], other[0]), m.end(), "friendly:X与Y缔结友好协会"))


_DAY = re.compile(r"(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}[日号]?|[〇零一二三四五六七八九十]+月[一二三四五六七八九十]+日")
_VENUE = re.compile(r"(?:在|于)(?P<place>[^，。；、\d]{2,20}?)(?:隆重|顺利|盛大|正式|圆满)?"
                    r"(?:举行|召开|开幕|举办|启动|开展|落幕|闭幕|启幕|拉开帷幕|成功举办)")


def find_event_facts(doc: Doc, issued: str | None) -> None:
    """The date (startDate, a value) and place (locatedIn) that an event's first sentence gives (of
    an event the registry has too: this report states them); its place also where a later mention is
    followed by 在X举行."""
    for found in list(doc.entities.values()):
        if found.type in SPEECH_TYPES or doc.kind(found.key) != "event":
            continue
        spans = [sentence_of(doc.text, m[0]) for m in found.mentions]
        dated = [s for s in spans if written_dates(doc.text[s[0]:s[1]])]
        if not spans:
            continue
        start, end = (dated or spans)[0]
        sentence = doc.text[start:end]
        dates, day = written_dates(sentence), _DAY.search(sentence)
        year = re.match(r"\d{4}", found.zh)
        if dates and day:
            y, mo, d = dates[0]
            y = y or (int(year.group()) if year else int(issued[:4]) if issued else None)
            if y:
                doc.relations.append({"subject": found.key, "relation": "startDate", "value": f"{y:04d}-{mo:02d}-{d:02d}",
                                      "quote": day.group(), "start": start + day.start(), "end": start + day.end(),
                                      "rule": "date:M月D日" if dates[0][0] is None else "date:Y年M月D日"})
        venue = _VENUE.search(sentence)
        if venue:
            _venue(doc, found.key, start + venue.start("place"), start + venue.end("place"), start + venue.end())
            continue
        venue = next((v for _, e in found.mentions if (v := _VENUE.match(doc.text, e))), None)
        if venue:     # E在X举行 right after a later mention (the first sentence named it without its place)
            _venue(doc, found.key, venue.start("place"), venue.end("place"), venue.end())

_BUILDING = re.compile(r"(?:中心|宾馆|酒店|饭店|大厦|大酒店|会堂|礼堂|会议室|报告厅|多功能厅|展馆|会馆|博物馆|科技馆|体育馆|山庄|会所|基地)$")


def _place_word(doc: Doc, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one word the tokenizer tags a place name (长沙, 昆明: ``ns``)."""
    token = doc.token_at(start)
    return token is not None and token[1] == end and token[2] == "ns"


_TOWN = re.compile(r"[\u4e00-\u9fff]{1,6}(?:镇|乡|街道|县|区)")


def _town(doc: Doc, place: tuple, end: int) -> str:
    """A town (county, district) written after the place ``place`` (a mention) and before ``end``: a new
    place ``containedIn`` that one; its key."""
    name = doc.text[place[1]:end]
    key = "new:" + name
    doc.entity(key, "AdministrativeArea", name, True, "venue:在X举行")
    doc.mention(key, place[1], end)
    doc.relations.append(relation(doc, key, "containedIn", place[2], place[0], end, "venue:某市某镇"))
    return key


def _venue(doc: Doc, event: str, p_start: int, p_end: int, end: int) -> None:
    """``event locatedIn`` the place written between 在 and 举行 (a known place, or a new one)."""
    places = [k for k in doc.at(p_start, p_end) if doc.kind(k[2]) == "place"]
    building = _BUILDING.search(doc.text, p_start, p_end)
    if places and building and places[-1][1] < p_end and all(doc.kind(doc.owner[i]) in (None, "place")
                                                              for i in range(p_start, p_end)):
        name = doc.text[p_start:p_end]       # 在某市行政中心举行: the building, in the place its name opens with
        key = "new:" + name
        doc.entity(key, "AdministrativeArea", name, True, "venue:在X举行")
        doc.mention(key, p_start, p_end)
        place = doc.entities[places[-1][2]]
        place.mentions = place.mentions or [places[-1][:2]]     # nested in the building's name, as draftplaces does
        doc.relations.append(relation(doc, key, "containedIn", place.key, p_start, p_end, "venue:某市X中心"))
    elif places and _TOWN.fullmatch(doc.text, places[-1][1], p_end) and doc.free(places[-1][1], p_end):
        key = _town(doc, places[-1], p_end)       # 在某市某镇召开: the town, in its city
    elif places:
        key = places[-1][2]
    elif doc.free(p_start, p_end) and (re.search(r"[市区县省镇乡州]$|中心$|园$|馆$|酒店$|宾馆$|大厦$|厅$|室$",
                                                 doc.text[p_start:p_end]) or _place_word(doc, p_start, p_end)):
        name = doc.text[p_start:p_end]
        key = "new:" + name
        doc.entity(key, "City" if name.endswith("市") else "AdministrativeArea", name, True, "venue:在X举行")
        doc.mention(key, p_start, p_end)
    else:
        return
    doc.relations.append({"subject": event, "relation": "locatedIn", "object": key, "quote": doc.text[p_start - 1:end],
                          "start": p_start - 1, "end": end, "rule": "venue:在X举行"})
