"""Relations of a report by the trigger patterns of the genre, for the draft (:mod:`reportgraph.draft`):
由X主办 / X主办的E / 主办单位为X (organizes, undertakes, coOrganizes, guides, supports), 应X邀请 (invites),
X主持 (chairs), X、Y等出席 / 参加 (attends), X率领…考察团 (leads, delegationOf).
"""

import re

from .draftnames import Doc, relation, sentence_of
from .draftrules import AGENTS, ORGS, list_after, list_before, scope_event, starting_at

ROLES = {"主办": "organizes", "承办": "undertakes", "协办": "coOrganizes", "指导": "guides", "支持": "supports"}


def find_relations(doc: Doc) -> None:
    """Every trigger pattern of the genre, in both word orders where Chinese allows."""
    for finder in (_roles, _invites, _chairs, _attends, _leads, _led_by):
        finder(doc)

def _roles(doc: Doc) -> None:
    """由X、Y(共同)主办 / X主办的E / 主办单位为X / X为主办单位: organizes, undertakes, coOrganizes, guides, supports."""
    text = doc.text
    for m in re.finditer(r"(?:共同|联合|具体|负责)?(主办|承办|协办|指导|支持)(单位|方)?", text):
        key, rule = ROLES[m.group(1)], None
        if m.group(2) and re.match(r"[为是:：]", text[m.end():m.end() + 1]):
            subjects, rule = list_after(doc, m.end() + 1, ORGS), f"{m.group(1)}单位为X"
        elif m.group(2) and text[:m.start()].endswith("为"):
            subjects, rule = list_before(doc, m.start() - 1, ORGS), f"X为{m.group(1)}单位"
        else:
            subjects = list_before(doc, m.start(), ORGS)
            rule = f"由X{m.group(1)}" if subjects and text[:subjects[0][0]].endswith("由") else f"X{m.group(1)}"
        if not subjects or key == "supports" and not m.group(2) and not _listed_role(text, m):
            continue
        after = starting_at(doc, m.end() + 1) if text[m.end():m.end() + 1] == "的" else None
        event = after[2] if after and doc.kind(after[2]) == "event" else scope_event(doc, m.start())
        if event is None:
            continue
        start, end = min(s[0] for s in subjects + [m.span()]), max(m.end(), after[1] if after else 0)
        if text[start - 1:start] == "由":
            start -= 1
        for s in subjects:
            doc.relations.append(relation(doc, s[2], key, event, start, end, rule))

def _listed_role(text: str, m: re.Match) -> bool:
    """Whether a bare X支持 closes a clause of a sentence naming the event's other roles (由A主办，B承办，C支持):
    a supporting body, not support in general."""
    start, _ = sentence_of(text, m.start())
    return text[m.end():m.end() + 1] in "，。；\n" and bool(re.search(r"主办|承办|协办", text[start:m.start()]))


def _invites(doc: Doc) -> None:
    """应X(和Y)(的)邀请，Z… : X invites Z (the first names after it); X(诚挚)邀请Y: X invites Y."""
    text = doc.text
    for m in re.finditer(r"[应受](.{2,60}?)(?:的)?(?:盛情|诚挚|特别)?邀请[,，]?", text):
        inviters = [k for k in doc.at(m.start(1), m.end(1)) if doc.kind(k[2]) in AGENTS]
        invited = list_after(doc, m.end(), AGENTS, skip="，, ")
        event = scope_event(doc, m.end())
        for s in inviters:
            for o in invited:
                doc.relations.append(relation(doc, s[2], "invites", o[2], m.start(), o[1], "invite:应X邀请",
                                              context=event))
    for m in re.finditer(r"(?<![应受])(?:诚挚|盛情|特别|热情)?邀请(?!函)", text):
        start, _ = sentence_of(text, m.start())
        before = [k for k in doc.at(start, m.start()) if doc.kind(k[2]) in ORGS]
        invited = list_after(doc, m.end(), AGENTS)
        if before and invited and not text[m.end():m.end() + 1] in "，,":
            for o in invited:
                doc.relations.append(relation(doc, before[-1][2], "invites", o[2], before[-1][0], o[1], "invite:X邀请Y"))

def _chairs(doc: Doc) -> None:
    """(E)由X主持 / X主持(E) / X担任主持人: X chairs E."""
    text = doc.text
    for m in re.finditer(r"主持(?!词)", text):
        start, _ = sentence_of(text, m.start())
        people = [k for k in doc.at(start, m.start()) if doc.kind(k[2]) == "person"]
        if not people:
            continue
        after = starting_at(doc, m.end())
        event = after[2] if after and doc.kind(after[2]) == "event" else scope_event(doc, m.start())
        if event:
            q_start = min([people[-1][0]] + [k[0] for k in doc.at(start, m.start()) if k[2] == event])
            doc.relations.append(relation(doc, people[-1][2], "chairs", event, q_start,
                                          after[1] if after and after[2] == event else m.end(), "chair:X主持"))

def _segment_start(text: str, start: int, pos: int) -> int:
    """Where the subject of the verb at ``pos`` begins: after the genre's last verb before it."""
    last = [m.end() for m in re.finditer(r"主持|致辞|讲话|出席|参加|陪同下|见证下|邀请|[，,](?:会上|随后)", text[start:pos])]
    return start + (last[-1] if last else 0)

_DEPUTIES = re.compile(r"(?:等(?:单位|企业|部门|机构)?)?(?:的)?(?:代表|负责人|嘉宾)?"
                       r"(?:(?:共|约|近)?(?:\d+|[一二三四五六七八九十百千]+)(?:余|多)?(?:人|名|位))?$")   # A、B等代表(2000余人)参加


def _attends(doc: Doc) -> None:
    """X、Y等出席(会议|E) / 参加: every person named before the verb in its sentence (or, with no
    person, the organisations opening it) attends the event after the verb or in scope (随团参加: not
    this rule's)."""
    text = doc.text
    for m in re.finditer(r"(?<!邀请)(出席|参加|列席|莅临|参会|参与|到会|齐聚)(了)?", text):
        sent_start, _ = sentence_of(text, m.start())
        seg = _segment_start(text, sent_start, m.start())
        inside = doc.at(seg, m.start())
        deputies = _DEPUTIES.search(text, seg, m.start())      # A、B等单位的代表参加: the bodies before
        subjects = [k for k in inside if doc.kind(k[2]) == "person"] or \
            [k for k in list_after(doc, seg, ORGS, skip="，, ") if k[1] <= m.start()] or \
            (list_before(doc, deputies.start(), ORGS) if deputies else [])
        subjects = [k for k in subjects if not _qualifies(doc, k)]
        after = starting_at(doc, m.end())
        event = after[2] if after and doc.kind(after[2]) == "event" else None
        if event is None and re.match(r"[并,，。]|会议|活动|大会|一堂|$", text[m.end():m.end() + 2]):   # 齐聚一堂
            event = scope_event(doc, m.start())
        if not subjects or event is None or text[m.start() - 2:m.start()] in ("随团", "随队"):
            continue         # A、B等随团参加: members of the delegation (reportgraph.draftgroups)
        end = after[1] if after and after[2] == event else m.end()
        for s in dict.fromkeys(k[2] for k in subjects):
            if s != event:
                doc.relations.append(relation(doc, s, "attends", event, subjects[0][0], end, "attend:X出席"))

def _qualifies(doc: Doc, mention: tuple[int, int, str]) -> bool:
    """Whether the mention only opens the name written right after it (某厅 + 有关处室: the divisions attend)."""
    follower = doc.owner[mention[1]] if mention[1] < len(doc.text) else None
    return follower not in (None, mention[2]) and doc.entities[follower].zh.startswith(doc.entities[mention[2]].zh)


def _leads(doc: Doc) -> None:
    """X率领/带领/率…考察团(一行): X leads the delegation; the delegation is of X's organisation
    (the post X holds in the sentence) or of the organisation its name holds (delegationOf)."""
    text = doc.text
    for m in re.finditer(r"率领|带领|(?<=[\u4e00-\u9fff])率(?=[\u4e00-\u9fff])", text):
        leader = doc.ending_at(m.start()) or doc.ending_at(m.start() - 2)   # X率 / X会长率
        if not leader or doc.kind(leader[2]) != "person":
            continue
        _, end = sentence_of(text, m.end())
        group = next((k for k in doc.at(m.end(), end) if doc.entities[k[2]].type == "Delegation"), None)
        if group is None:
            head = re.compile(r"一行").search(text, m.end(), end)
            if head is None or head.start() - m.end() > 30:
                continue
            key = _bare_delegation(doc) or "new:" + doc.entities[leader[2]].zh + "一行"
            doc.entity(key, "Delegation", doc.entities[leader[2]].zh + "一行", True, "group:X率领…一行")
            doc.mention(key, head.start(), head.end())
            group = (head.start(), head.end(), key)
        doc.relations.append(relation(doc, leader[2], "leads", group[2], leader[0], group[1], "lead:X率领"))
        sender = next((p for p in doc.posts if p["person"] == leader[2] and p["end"] == leader[1]), None)
        inside = [k for k in doc.at(group[0], group[1]) if doc.kind(k[2]) == "organization"]
        if sender:
            doc.relations.append(relation(doc, group[2], "delegationOf", sender["organization"], sender["start"],
                                          group[1], "delegation:X的Y率领"))
        elif inside:
            doc.relations.append(relation(doc, group[2], "delegationOf", inside[0][2], group[0], group[1],
                                          "delegation:X考察团"))


def _led_by(doc: Doc) -> None:
    """(某代表团)在X的带领下…: X leads the delegation written last before it in its sentence."""
    text = doc.text
    for m in re.finditer(r"的(?:带领|率领|带队)下", text):
        leader = doc.ending_at(m.start())
        start, _ = sentence_of(text, m.start())
        groups = [k for k in doc.at(start, m.start()) if doc.entities[k[2]].type == "Delegation"]
        if leader and doc.kind(leader[2]) == "person" and groups:
            doc.relations.append(relation(doc, leader[2], "leads", groups[-1][2], groups[-1][0], m.end(),
                                          "lead:在X的带领下"))


def _bare_delegation(doc: Doc) -> str | None:
    """The one delegation the text names only by its head (考察团, 代表团): the group X率领…一行 is."""
    bare = [f.key for f in doc.entities.values() if f.type == "Delegation" and f.mentions
            and re.fullmatch(r"(?:考察|代表|访问|调研|参访|商务|经贸)[团组]", f.zh)]
    return bare[0] if len(bare) == 1 else None
