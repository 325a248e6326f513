"""Groups of a report, for the draft (:mod:`reportgraph.draft`), beside the delegations by their
heads (…考察团, …调研组: :mod:`reportgraph.draftevents`). The variants each rule covers (each
tested in tests/test_draft.py on sentences written for the test):

- people as a group: 会员代表, 参会嘉宾, 企业家代表, 专家学者, 企业负责人 … followed by
  参加/出席/参会, and 参会代表 … followed by 参观/考察 (their visit is the visits rule's): a
  PersonGroup that ``attends`` the event in scope (the words alone are no group: on the development
  set the curator names a group only where it does something); kinds of people listed before a head
  count (参展商代表、专业观众及各界来宾约600人参加): one group, named by the list;
- "X一行" is left to X, person or organisation (measured on the development set: the curator makes
  X the visitor and attendee; proposing a Delegation for an organisation's 一行 cost two stated visits
  and gained only inferred delegationOf); an organisation's name before 一行 is now found (draftnames);
- founders: X由A、B(等N家单位)共同发起成立 (组建, 组成): A and B ``memberOf`` X;
- members of a delegation: A、B等随团参加 (the delegation written last before);
- bodies counted (A、B等N家企业) are no group: the curators never made one of them (none of 14 drafted on the
  three development sets), and each listed body does what the sentence says;
- witnesses: 在X(、Y)(等)(的)见证下 / X、Y见证(了)签约: each person ``attends`` the event in scope;
- heads: A、B(等部门)主要负责同志 (负责人): a PersonGroup ``headOf`` each body;
- members as the subject of a figure (会员企业合计实现产值…): an OrganizationGroup ``memberOf`` the association;
- people named by the places they come from (来自A、B等地的X代表…): a PersonGroup, whatever it does.
"""

import re

from .draftnames import Doc, clause_start, relation
from .draftlinks import FROM_PLACES
from .draftrules import ASSOC_TYPES, ORGS, list_after, list_before, nearest_org, scope_event, starting_at

_PEOPLE = re.compile(r"(?:全体|部分|各位)?(?:(?:与会|参会)(?:领导|代表|嘉宾|人员)(?:和|及|、)?(?:嘉宾|代表)?|会员代表|嘉宾代表|企业家代表|企业代表|"
                     r"专家学者|行业专家|企业负责人|各界人士|媒体记者)")
_ATTEND_AFTER = re.compile(r"[^，。；]{0,10}?(?:参加|出席|参会|与会|齐聚|列席|到场)")
_VISIT_AFTER = re.compile(r"[^，。；]{0,6}?(?:参观|考察|走访|调研|观摩)")


def find_groups(doc: Doc) -> None:
    """Every rule of this module, in turn."""
    for finder in (_founders, _people_counted, _people, _with_delegation, _heads, _from_places):
        finder(doc)


#: Kinds of people a report counts at an event: A、B及C(共)N余人参加 names one group by them all.
_KIND_OF_PEOPLE = r"(?:代表|嘉宾|来宾|人员|学员|专家|学者|负责人|企业家|采购商|客商|记者|同志|观众|会长|理事|干部群众|群众)"
_PEOPLE_COUNTED = re.compile(r"(?<=[，。；：\n,])(?:以及|及|和)?(?P<list>[\u4e00-\u9fff、（）()]{0,36}?%s)(?:共|约|近|逾|超过)?"
                             r"(?:\d+|[一二三四五六七八九十百千]+)(?:余|多)?(?:人|名|位)(?:参加|出席|参会|与会|齐聚|到场)"
                             % _KIND_OF_PEOPLE)
_ITEM_OF_PEOPLE = re.compile(r"(?:(?!以及|吸引|邀请|共有|其中|包括|组织)[^了有、和及])*?%s$" % _KIND_OF_PEOPLE)
#: Kinds of bodies people come from (来自A企业、B院所的…: the bodies attend, draftverbs' rule).
_BODIES = re.compile(r"(?:企业|单位|机构|院所|部门|高校|院校|协会|商会|学会|公司|园区)$")


def _people_counted(doc: Doc) -> None:
    """参展商代表、专业观众及各界来宾约600人参加开幕式: the kinds of people listed before a head count
    and 参加/出席 are one PersonGroup, named by the list as written, that ``attends`` the event after the
    verb or in scope; a list may name places (某地区企业家代表) and say where its people come from
    (来自…领域的会员代表及特邀嘉宾: the kinds after its last 的), but a list naming a body or a person is
    other rules' (来自A、B的代表, A、B等出席)."""
    text = doc.text
    for m in _PEOPLE_COUNTED.finditer(text):
        s, e = m.span("list")
        kinds = m.group("list")
        if kinds.startswith("来自"):      # 来自全市…等领域的会员代表及特邀嘉宾: the kinds after the last 的
            source, _, kinds = kinds.rpartition("的")
            if _BODIES.search(source):    # 来自A企业、B院所的技术负责人: the bodies attend
                continue
        items = re.split("以及|、|及|和", kinds)    # each a kind of people: no verb before the first
        named = any(doc.kind(doc.owner[i]) not in (None, "place") for i in range(s, e))   # a place may be: 苏州地区企业家
        if not kinds or re.fullmatch(_KIND_OF_PEOPLE, kinds) or named \
                or not all(_ITEM_OF_PEOPLE.fullmatch(item) for item in items):
            continue
        after = starting_at(doc, m.end())
        event = after[2] if after and doc.kind(after[2]) == "event" else scope_event(doc, m.start())
        if event:
            key = "new:people:" + text[s:e]
            doc.entity(key, "PersonGroup", text[s:e], True, "group:A、B及C N人参加")
            doc.mention(key, s, e)
            doc.relations.append(relation(doc, key, "attends", event, s, after[1] if after and after[2] == event
                                          else m.end(), "attend:A、B及C N人参加"))


_FROM_PLACES = re.compile(r"(?<=[，。；：\n,])%s(?:(?![的了，。；])[\u4e00-\u9fff、]){0,24}?%s"
                          r"(?=[^\u4e00-\u9fff]|围绕|就|参加|出席|齐聚|共同|进行|与|在)" % (FROM_PLACES.pattern, _KIND_OF_PEOPLE))


def _from_places(doc: Doc) -> None:
    """来自甲省、乙省等地的企业负责人和行业专家围绕…进行了交流: people named by the places they
    come from are a PersonGroup, whatever they do (the places: draftlinks), where no name but a place's holds the words."""
    for m in _FROM_PLACES.finditer(doc.text):
        if all(doc.kind(doc.owner[i]) in (None, "place") for i in range(m.start(), m.end())):   # its places it keeps
            key = "new:people:" + m.group()
            doc.entity(key, "PersonGroup", m.group(), True, "group:来自A、B等地的X")
            doc.mention(key, m.start(), m.end())


#: The people in charge of bodies: 主要负责同志, (主要)负责人; a bare 负责同志 is anyone the body sends.
_HEADS = re.compile(r"(?:等(?:部门|单位|企业|机构))?(?:的)?(?:主要负责同志|主要负责人|负责人)")


def _heads(doc: Doc) -> None:
    """A、B(等部门)主要负责同志 (two bodies or more, or 等): a PersonGroup, ``headOf`` each body listed."""
    text = doc.text
    for m in _HEADS.finditer(text):
        items = list_before(doc, m.start(), ("organization",))
        if not items or not doc.free(m.start(), m.end()) or len(items) < 2 and not m.group().startswith("等"):
            continue           # 某公司负责人: one person, whom the text does not name
        key = f"new:heads:{m.start()}"
        doc.entity(key, "PersonGroup", text[items[0][0]:m.end()], True, "group:A、B负责同志")
        doc.mention(key, m.start(), m.end())
        for item in items:
            doc.relations.append(relation(doc, key, "headOf", item[2], items[0][0], m.end(), "head:A、B负责同志"))


def _with_delegation(doc: Doc) -> None:
    """A、B等随团参加 (随队, 出访, 考察): the people named before in the clause are members of the delegation
    written last before."""
    text = doc.text
    for m in re.finditer(r"(?:随团|随队)(?:参加|出访|考察|前往|出席)", text):
        start = clause_start(text, m.start(), "，。；\n,;")
        people = [k for k in doc.at(start, m.start()) if doc.kind(k[2]) == "person"]
        groups = [k for s, e, k in doc.at(max(0, m.start() - 2000), m.start()) if doc.entities[k].type == "Delegation"]
        for s, e, key in people if groups else ():
            doc.relations.append(relation(doc, key, "memberOf", groups[-1], people[0][0], m.end(), "member:X随团参加"))


#: Member companies as the subject of a figure: (2023年)会员企业合计实现产值…, 会员单位在某地累计投资…
_MEMBERS_DO = re.compile(r"(?<=[，。；：\n,])(?:\d{4}年|今年|去年|全年)?(?:全体)?(?P<m>会员(?:企业|单位))"
                         r"(?=[^，。；]{0,12}?(?:合计|累计|共计|实现|完成|带动))")


def find_members(doc: Doc) -> None:
    """会员企业 (会员单位) opening a clause as the subject of a figure (会员企业合计实现产值…): an OrganizationGroup
    of the association written last before, ``memberOf`` it, so that the figure is the members', not the
    association's (the curators' reading on three development sets); mentioned there alone (协助12家会员企业,
    现有会员企业380余家 are the association's doing and count), after the names are all mentioned."""
    text = doc.text
    for m in _MEMBERS_DO.finditer(text):
        if not doc.free(m.start("m"), m.end("m")):
            continue
        owner = nearest_org(doc, m.start(), ASSOC_TYPES)
        if owner is None:
            continue
        key, rule = f"new:group:{doc.entities[owner].zh}{m['m']}", "group:会员企业合计实现"
        if key not in doc.entities:
            doc.entity(key, "OrganizationGroup", doc.entities[owner].zh + m["m"], True, rule)
            doc.relations.append(relation(doc, key, "memberOf", owner, m.start("m"), m.end("m"), rule))
        doc.mention(key, m.start("m"), m.end("m"))


_FOUNDED = re.compile(r"(?:等(?:\d+|[一二三四五六七八九十百]+)(?:余|多)?家[^，。；]{0,6}?)?(?:共同|联合)?"
                      r"(?:发起成立|发起设立|发起组建|联合组建|组建|组成|发起)")


def _founders(doc: Doc) -> None:
    """X由A、B(等N家单位)(共同)发起成立 (组建, 组成): A and B are members (``memberOf``) of X (a bare
    联盟, 协会 … for X: the one written last)."""
    text = doc.text
    for m in re.finditer("由", text):
        items = list_after(doc, m.end(), ORGS, skip="")
        if len(items) < 2:
            continue
        tail = _FOUNDED.match(text, items[-1][1])
        subject = doc.ending_at(m.start())
        if subject is None:
            bare = re.search(r"(?:协会|学会|商会|联盟|集团|委员会)$", text[max(0, m.start() - 3):m.start()])
            named = [k for k in doc.at(0, m.start() - (len(bare.group()) if bare else 0))
                     if bare and doc.kind(k[2]) == "organization" and doc.entities[k[2]].zh.endswith(bare.group())]
            subject = (m.start() - len(bare.group()), m.start(), named[-1][2]) if named else None
        if tail is None or subject is None or doc.kind(subject[2]) != "organization":
            continue
        for item in items:
            if item[2] != subject[2]:
                doc.relations.append(relation(doc, item[2], "memberOf", subject[2], subject[0], tail.end(),
                                              "member:X由A、B发起成立"))


def _people(doc: Doc) -> None:
    """会员代表, 参会嘉宾 … : a PersonGroup; attending the event in scope when 参加/出席 follows."""
    text = doc.text
    for m in _PEOPLE.finditer(text):
        if not doc.free(m.start(), m.end()) or text[m.end():m.end() + 1] in ("大", "会", "证", "单"):
            continue
        attending = _ATTEND_AFTER.match(text, m.end())
        visiting = _VISIT_AFTER.match(text, m.end()) if re.search(r"与会|参会", m.group()) else None
        event = scope_event(doc, m.start()) if attending or visiting else None
        if event:
            key = "new:people:" + m.group()
            doc.entity(key, "PersonGroup", m.group(), True, "group:会员代表参加")
            doc.mention(key, m.start(), m.end())
            end, rule = (attending.end(), "attend:会员代表参加") if attending else (m.end(), "attend:参会代表参观")
            doc.relations.append(relation(doc, key, "attends", event, m.start(), end, rule))


def find_witnesses(doc: Doc) -> None:
    """在X(、Y)(等)(的)(共同)见证下 / X、Y(共同)见证(了): each person attends the event in scope."""
    text = doc.text
    for m in re.finditer(r"在(.{2,60}?)(?:等)?(?:领导)?(?:的)?(?:共同)?见证下|(?:共同)?见证(?:了)?", text):
        if m.group(1):
            people = [k for k in doc.at(m.start(1), m.end(1)) if doc.kind(k[2]) == "person"]
            start = m.start()
        else:
            back = re.search(r"(?:等)?(?:领导)?(?:共同)?$", text[max(0, m.start() - 6):m.start()])
            people = list_before(doc, m.start() - len(back.group()), ("person",))
            if not people:
                continue
            start = people[0][0]
        event = scope_event(doc, m.end())
        for k in people if event else ():
            doc.relations.append(relation(doc, k[2], "attends", event, start, m.end(), "attend:在X见证下"))
