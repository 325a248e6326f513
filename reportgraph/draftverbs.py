"""More trigger patterns of the genre, for the draft (:mod:`reportgraph.draft`), beside those of
:mod:`reportgraph.drafttriggers`. The variants each rule covers (each tested in tests/test_draft.py on
sentences written for the test):

- organizes / guides / supports: 由X(、Y)(共同)举办/组织/召开; 在X(的)指导下; X给予(了)大力支持,
  得到X的大力支持, 得到A、B的指导和支持 (主办方为X, X为主办方 and 受X邀请 are drafttriggers' own);
- leads: X带队 (由X带队的考察团), 以X为团长的代表团 (a bare "X一行" is left to X: the curator's visitor);
- exchangesWith: A与B(举行|进行)(了)座谈/交流/会谈/洽谈; A到访B，双方…交流 (the two agents of the sentence);
- memberOf: X加入Y; X成为Y(的)会员(单位); 吸纳A、B(等N家企业)为(协会)(新)会员;
- signsAgreementWith: A与B(正式|现场)签约 (no agreement named);
- people: 市领导A、B、C等出席; A、B等领导出席 (named leaders with no title of their own);
- attends, by bodies sent: A、B由X率领(N位代表)参加E; by kinds of body: 来自A、B和C的(代表)N余人参加E;
  A、B等单位(的)主要负责同志参加会议 (each item not already a named organisation is a new OrganizationGroup:
  上游企业, 各区（县）政府); 来自…的会员代表 is left alone (the attendees are the members' representatives, a
  group of people, not those bodies).
"""

import re

from .draftnames import Doc, relation, sentence_of
from .draftrules import (AGENTS, ASSOC_TYPES, ORGS, list_after, list_before, named_person, names_only, person_name,
                         scope_event, starting_at)

_GROUP_TYPES = ("Delegation",)


def find_more_relations(doc: Doc) -> None:
    """Every rule of this module, in turn (delegations first: the visits of draftvisits use them)."""
    for finder in (_led, _hosted, _guided, _supported, _exchanges, _joins, _signs, _attending_kinds, _sent_to_attend,
                   _leaders_attending):
        finder(doc)


def _person_before(doc: Doc, pos: int) -> tuple[int, int, str] | None:
    """The person whose mention ends at ``pos`` (or before 等, 同志)."""
    for back in (0, 1, 2):
        m = doc.ending_at(pos - back)
        if m and doc.kind(m[2]) == "person" and doc.text[pos - back:pos] in ("", "等", "同志"):
            return m
    return None


def _group_in(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    return next((k for k in doc.at(start, end) if doc.entities[k[2]].type in _GROUP_TYPES), None)


def _lead(doc: Doc, leader: tuple, group: tuple, rule: str) -> None:
    doc.relations.append(relation(doc, leader[2], "leads", group[2], min(leader[0], group[0]),
                                  max(leader[1], group[1]), rule))
    sender = next((p for p in doc.posts if p["person"] == leader[2] and p["end"] == leader[1]), None)
    if sender:
        doc.relations.append(relation(doc, group[2], "delegationOf", sender["organization"], min(sender["start"], group[0]),
                                      max(group[1], leader[1]), "delegation:" + rule.split(":")[1]))


def _led(doc: Doc) -> None:
    """X带队; 由X带队的考察团; 以X为团长的代表团: X leads the delegation of its sentence, which is
    of the organisation X's title names."""
    text = doc.text
    for m in re.finditer(r"(?:担任|任|为)?(?:团长|带队)", text):
        leader = _person_before(doc, m.start())
        if leader is None:
            continue
        start, end = sentence_of(text, m.start())
        group = _group_in(doc, m.end(), end) or _group_in(doc, start, leader[0])
        if group:
            _lead(doc, leader, group, "lead:X带队" if "带队" in m.group() else "lead:以X为团长")


def _hosted(doc: Doc) -> None:
    """由X(、Y)(共同)举办/组织/召开/举行(E): each organizes the event after the verb or in scope."""
    text = doc.text
    for m in re.finditer(r"(?:共同|联合)?(?:举办|组织|召开|举行|发起)", text):
        hosts = list_before(doc, m.start(), ORGS)
        if not hosts or text[hosts[0][0] - 1:hosts[0][0]] != "由":
            continue
        after = starting_at(doc, m.end() + (text[m.end():m.end() + 1] == "的"))
        event = after[2] if after and doc.kind(after[2]) == "event" else scope_event(doc, m.start())
        if event:
            for h in hosts:
                doc.relations.append(relation(doc, h[2], "organizes", event, hosts[0][0] - 1, m.end(), "由X举办"))


def _guided(doc: Doc) -> None:
    """在X(、Y)(的)(大力)指导下: each guides the event in scope."""
    for m in re.finditer(r"在(.{2,60}?)(?:的)?(?:大力|悉心|精心)?(?:指导|关心指导|支持指导)下", doc.text):
        event = scope_event(doc, m.end())
        for k in doc.at(m.start(1), m.end(1)):
            if doc.kind(k[2]) in ORGS and event:
                doc.relations.append(relation(doc, k[2], "guides", event, m.start(), m.end(), "在X的指导下"))


def _supported(doc: Doc) -> None:
    """X给予(了)(大力|鼎力)支持; 得到(了)X的(大力)支持: X supports the event in scope (得到X的指导和支持:
    guides it too); X(将一如既往地)支持Y, both organisations: X supports Y."""
    text = doc.text
    for m in re.finditer(r"给予(?:了)?(?:大力|鼎力|全力|积极)?支持", text):
        for k in list_before(doc, m.start(), ORGS):
            event = scope_event(doc, m.start())
            if event:
                doc.relations.append(relation(doc, k[2], "supports", event, k[0], m.end(), "X给予大力支持"))
    for m in re.finditer(r"(?:将|会|要|也将|还将)?(?:一如既往地|继续|全力|大力|积极)?支持(?:了)?", text):
        before, after = doc.ending_at(m.start()), starting_at(doc, m.end())
        if before and after and doc.kind(before[2]) in ORGS and doc.kind(after[2]) in ORGS and before[2] != after[2]:
            doc.relations.append(relation(doc, before[2], "supports", after[2], before[0], after[1], "X将支持Y"))
    for m in re.finditer(r"(?:得到|获得)(?:了)?([^。；]{2,60}?)的(?:大力|鼎力|全力|积极|悉心|精心)?"
                         r"((?:指导|支持|关心)(?:[和与及、](?:指导|支持|关心))*)", text):
        event = scope_event(doc, m.start())
        keys = [key for word, key in (("支持", "supports"), ("指导", "guides")) if word in m.group(2)]
        for k in doc.at(m.start(1), m.end(1)):
            for key in keys if doc.kind(k[2]) in ORGS and event else ():
                doc.relations.append(relation(doc, k[2], key, event, m.start(), m.end(), "得到X的支持"))


_WITH = re.compile(r"(?:进行|开展|举行)?(?:了)?(?:多次|深入|广泛|友好)?(?:的)?(?:联谊)?")
_TALKS = re.compile(r"(?:举行|进行|开展)?(?:了)?(?:座谈交流|座谈|交流座谈|交流|会谈|洽谈|工作对接|对接交流)")


def _exchanges(doc: Doc) -> None:
    """A与B(举行)座谈/交流/会谈; A到访B，双方…交流; A、B…同C进行多次联谊交流 (the bodies opening the
    sentence, with C): A exchangesWith B (once a pair, either order)."""
    text, done = doc.text, set()
    for m in _TALKS.finditer(text):
        start, _ = sentence_of(text, m.start())
        agents = [k for k in doc.at(start, m.start()) if doc.kind(k[2]) == "organization"]
        pair = None
        if len(agents) >= 2 and re.fullmatch(r"[与和同]", text[agents[-2][1]:agents[-1][0]]) and agents[-1][1] == m.start():
            pair = agents[-2], agents[-1]
        elif "双方" in text[start:m.start()] and len({k[2] for k in agents}) == 2:
            first = agents[0]
            pair = first, next(k for k in agents if k[2] != first[2])
        pairs = [pair] if pair else []
        other = [k for k in agents if re.search(r"[与同和]$", text[start:k[0]])
                 and _WITH.fullmatch(text, k[1], m.start())][-1:]
        if not pairs and other:        # A、B(由X率领)…并同C进行多次联谊交流: the bodies opening the sentence, with C
            pairs = [(a, other[0]) for a in list_after(doc, start, ORGS, skip="，, ") if a[1] <= other[0][0]]
        for a, b in pairs:
            if a[2] != b[2] and frozenset((a[2], b[2])) not in done:
                done.add(frozenset((a[2], b[2])))
                doc.relations.append(relation(doc, a[2], "exchangesWith", b[2], a[0], m.end(), "exchange:A与B座谈"))


_ADMITTED = re.compile(r"(?:吸纳|接纳|吸收|批准|同意)(?:了)?(?P<list>[^，。；]{4,300}?)(?:等\d+[家个])?(?:企业|单位)?"
                       r"为(?P<short>[^，。；]{0,8}?)(?:的)?(?:新)?(?:会员|成员)(?:单位|企业)?")


def _joins(doc: Doc) -> None:
    """X(正式)加入Y; X成为Y(的)会员(单位|企业); 吸纳A、B等N家企业为(协会)新会员: X memberOf Y."""
    text = doc.text
    for m in re.finditer(r"(?:正式|已|成功)?(加入|成为)(?:了)?", text):
        member = doc.ending_at(m.start())
        target = starting_at(doc, m.end())
        if not member or not target or doc.kind(member[2]) not in ORGS or doc.kind(target[2]) != "organization":
            continue
        tail = text[target[1]:target[1] + 8]
        if m.group(1) == "成为" and not re.match(r"的?(?:会员|成员|理事|常务理事|副会长)(?:单位|企业)?", tail):
            continue
        doc.relations.append(relation(doc, member[2], "memberOf", target[2], member[0], target[1], "member:X加入Y"))
    for m in _ADMITTED.finditer(text):      # 吸纳A、B等N家企业为协会新会员
        members = [k for k in doc.at(m.start("list"), m.end("list")) if doc.kind(k[2]) == "organization"]
        named = starting_at(doc, m.start("short"))
        target = named[2] if named and doc.kind(named[2]) == "organization" else _most_named(doc, ASSOC_TYPES)
        for member in members:
            if target and member[2] != target:
                doc.relations.append(relation(doc, member[2], "memberOf", target, m.start(), m.end(), "member:吸纳X为会员"))


def _most_named(doc: Doc, types: tuple) -> str | None:
    """The organisation of ``types`` the text names most often (协会 alone: the report's own association)."""
    found = [f for f in doc.entities.values() if f.type in types and f.mentions]
    return max(found, key=lambda f: (len(f.mentions), -min(f.mentions)[0])).key if found else None


def _signs(doc: Doc) -> None:
    """A与B(正式|现场|成功)签约 (no agreement named after it): A signsAgreementWith B."""
    text = doc.text
    for m in re.finditer(r"(?:正式|现场|成功|集中)?签约(?![仪项])", text):
        if re.match(r"(?:了)?[^，。；]{0,30}?(?:协议|合同|备忘录|意向书)", text[m.end():m.end() + 32]):
            continue        # draftevents reads those, with their agreement
        b = doc.ending_at(m.start())
        a = doc.ending_at(b[0] - 1) if b and text[b[0] - 1:b[0]] in "与和同" else None
        if a and b and doc.kind(a[2]) in AGENTS and doc.kind(b[2]) in ORGS and a[2] != b[2]:
            doc.relations.append(relation(doc, a[2], "signsAgreementWith", b[2], a[0], m.end(), "sign:A与B签约"))



_FROM = re.compile(r"来自(?P<list>[^，。；：]{2,80}?)的(?:[^，。；：、的]{0,6}?(?:代表|嘉宾|专家|企业家|负责人|学员|人员))?(?:共)?(?:近|约)?[\d一二三四五六七八九十百千]*"
                   r"(?:余|多)?(?:人|名|位)?(?:代表|嘉宾|学员)?(?:参加|出席|参会|齐聚|与会)")
_DEPUTED = re.compile(r"(?<=[，。；：\n,])(?!来自)(?P<list>(?:[^，。；：\n,]|[，,](?=以及)){2,80}?)(?:等(?:单位|部门)?)?(?:的)?(?:主要)?(?:负责同志|负责人|代表)"
                      r"(?:[\d]+(?:余|多)?人)?(?:参加|出席|参会|齐聚)")
_ITEM = re.compile(r"(?:[（(][^）)]*[）)]|(?!以及)[^、和及与，,（(])+")     # 各区（县）政府: one item; A，以及B: two


def _attending_kinds(doc: Doc) -> None:
    """来自A、B和C的N余人参加E; A、B等部门主要负责同志参加会议: each kind of body (a named one, or a
    new group for a generic one) attends the event in scope."""
    text = doc.text
    for m in list(_FROM.finditer(text)) + list(_DEPUTED.finditer(text)):
        event = scope_event(doc, m.end())
        if event is None:
            continue
        items = [(m.start("list") + i.start(), m.start("list") + i.end()) for i in _ITEM.finditer(m.group("list"))]
        if len(items) < 2 or any(not 2 <= e - s <= 14 or not re.fullmatch(r"[\u4e00-\u9fff（）()、]+", text[s:e])
                                 for s, e in items):
            continue
        for s, e in items:
            found = [k for k in doc.at(s, e) if doc.kind(k[2]) in ORGS]
            if found and found[-1][1] == e:
                key = found[-1][2]
            elif _free_but_its_place(doc, s, e):     # 有关单位, or 某市 + 有关部门
                key = "new:group:" + text[s:e]
                doc.entity(key, "OrganizationGroup", text[s:e], True, "group:来自A、B的代表")
                doc.mention(key, s, e)
            else:
                continue
            doc.relations.append(relation(doc, key, "attends", event, m.start(), m.end(), "attend:来自A、B的代表参加"))


def _free_but_its_place(doc: Doc, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names nothing but, at most, the place it opens with."""
    inside = names_only(doc, start, end, ("place",))
    return inside is not None and all(s == start for s, e, k in inside)


_SENT = re.compile(r"由[^，。；]{2,24}?(?:率领|带领|率队|带队|率)[^，。；]{0,30}?(?:参加|出席|参与)(?:了)?")


def _sent_to_attend(doc: Doc) -> None:
    """A、B由X率领(N位代表)参加(了)E: the bodies A and B attend E (the event written right after, else the
    one in scope); X's own part is the leads and attends rules'."""
    for m in _SENT.finditer(doc.text):
        bodies = list_before(doc, m.start(), ORGS)
        after = starting_at(doc, m.end())
        event = after[2] if after and doc.kind(after[2]) == "event" else scope_event(doc, m.end())
        for s, e, key in bodies if event else ():
            doc.relations.append(relation(doc, key, "attends", event, bodies[0][0], after[1] if after else m.end(),
                                          "attend:A由X率领参加E"))


_LEADERS = re.compile(r"(?:市|省|区|县|州|自治区)领导|(?<=[，,。；\n])")
_ATTENDS = re.compile(r"(?:等)?(?:(?:市|省|区|县|州|自治区|部|厅|局)?领导)?(?:同志)?(?:出席|参加|莅临|到会|参会)")


def _leaders_attending(doc: Doc) -> None:
    """市领导A、B、C等出席会议; A、B等领导出席: each name is a person (who attends, by the attends rule of
    :mod:`reportgraph.drafttriggers`)."""
    text = doc.text
    for m in _LEADERS.finditer(text):      # after 市领导, or where a clause opens
        people, pos = [], m.end()
        while True:
            end = person_name(doc, pos)
            if end == pos or not (doc.free(pos, end) or doc.kind(doc.owner[pos]) == "person"):
                break
            people.append((pos, end))
            if text[end:end + 1] != "、":
                break
            pos = end + 1
        after = _ATTENDS.match(text, people[-1][1]) if people else None
        named_leaders = bool(m.group()) or after and "领导" in after.group()
        if not after or not named_leaders or len(people) < (1 if m.group() else 2):
            continue
        for start, end in people:        # their attendance is the attends rule's (X、Y出席E)
            named_person(doc, start, end, "leaders:市领导A、B出席")
