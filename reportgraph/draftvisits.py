"""Visits of a report, for the draft (:mod:`reportgraph.draft`): (考察团|X)(先后|实地|深入|专程 …)
参观/考察/走访/拜访/到访/调研/参访/造访/来到/走进/前往/莅临/察看(了)(位于Y的)A、B; X深入A、B(，)调研;
考察团赴X; 在X(内)，P察看/走进…. The variants (each tested in tests/test_draft.py on sentences written
for the test):

- the visitor is the delegation of the sentence, else the first agent of the verb's own clause (after
  the last comma before it: 作为A的友好协会，B此番到访C is B's visit), else the sentence's first agent;
  an agent inside 在X的陪同下 is the host, never the visitor; 赴 is a delegation's only; a body whose post
  the person after it holds (某省人民政府副省长X深入…) gives way to the person;
- places written as one name (广西百色市) are one destination: the innermost (百色市), whose
  ``containedIn`` the places rule gives; an organisation whose name goes on to its unit's (某公司昆明配送中心)
  is the unit.

Each visit proper (参观, 考察, 调研, 拜访 …, not 来到, 前往, 赴) is an ExchangeVisit of its own, which the
visitor ``attends``; so is a person's inspection tour (X在Y调研, 到Y考察), where Y is a place it is ``locatedIn``;
a reception (X在Y会见了Z一行) is a Meeting that X and Z attend.

And where a body is: 位于Y的X / X位于Y (坐落于, 地处) gives X ``locatedIn`` Y.
"""

import re

from .draftnames import Doc, relation, sentence_of
from .draftrules import AGENTS, starting_at

_VERB = re.compile(r"(?:先后|实地|深入|还|分组|专程|一同)?(参观考察|考察调研|调研考察|参观调研|参观|考察|走访|拜访|到访|"
                   r"访问|调研|视察|参访|造访|来到|走进|前往|莅临|察看|赴|深入(?:到)?(?=[^。；]{2,60}?(?:调研|考察|视察|走访)))(了)?")
#: A place or body written first, where the person of the next clause looks round: 在X（内），P察看/走进…
_AT = re.compile(r"在(?P<at>[^，。；]{2,40}?)(?:内|里)?[，,](?P<who>[^，。；]{2,12}?)(?:先后|首先|仔细|详细|认真|还)?"
                 r"(察看|查看|参观|考察|调研|走进|了解|听取)")
_TARGETS = ("organization", "place")
_ESCORT = re.compile(r"在[^，。；]{2,40}?的?(?:陪同|带领|引导)下")


def find_visits(doc: Doc) -> None:
    """Every visit verb with the places and organisations listed after it: the visitor visits each."""
    text = doc.text
    for m in _VERB.finditer(text):
        objects = destinations(doc, m.end())
        if not objects:
            continue
        start, _ = sentence_of(text, m.start())
        subject = _visitor(doc, start, m.start(), m.group(1))
        if subject is None:
            continue
        for o in objects:
            if o[2] != subject[2]:
                doc.relations.append(relation(doc, subject[2], "visits", o[2], subject[0], o[1],
                                              f"visit:X{m.group(1)}Y"))
        _visit_event(doc, m, subject, objects)
    _looked_round(doc)


#: Verbs of a visit that is an activity of its own (not 来到, 前往, 赴: going there).
_ACTIVITY = {"参观考察", "考察调研", "调研考察", "参观调研", "参观", "考察", "走访", "拜访", "调研", "视察", "参访", "察看"}


def _visit_event(doc: Doc, m: re.Match, subject: tuple[int, int, str], objects: list) -> None:
    """X(一行)参观了A、B: the visit, an ExchangeVisit named as written (了 left out), which X ``attends``
    (a person or a group; a delegation's visits are its trip's)."""
    text, (v_start, v_end) = doc.text, m.span(1)
    if m.group(1) not in _ACTIVITY or not doc.free(v_start, v_end) or doc.entities[subject[2]].type == "Delegation":
        return          # a delegation's visits are its trip's: the visits rule's alone
    party = "一行" if text.startswith("一行", subject[1]) else ""
    name = text[subject[0]:subject[1]] + party + m.group(1) + text[objects[0][0]:objects[-1][1]]
    key = doc.entity("new:visit:" + name, "ExchangeVisit", name, True, "visit-event:X参观Y").key
    doc.mention(key, v_start, v_end)
    doc.relations.append(relation(doc, subject[2], "attends", key, subject[0], objects[-1][1], "attend:X参观Y"))


#: An inspection tour: X(一行)在/到/赴Y(进行)调研 (考察, 视察): Y a place or body named right after the preposition.
_TOUR = re.compile(r"(?:一行)?(?P<to>在|到|赴)(?P<where>[^，。；、]{2,24}?)(?:进行|开展)?(?:专题)?(?P<verb>调研|考察|视察)")


def find_tours(doc: Doc) -> None:
    """X在Y调研 (到Y考察, 赴Y视察), X a person: the tour is an ExchangeVisit named so, which X ``attends``,
    ``locatedIn`` Y if Y is a place; its verb names it wherever else it is written (参加调研: attends).
    Then receptions (:func:`_receptions`)."""
    _receptions(doc)
    text = doc.text
    for m in _TOUR.finditer(text):
        who = doc.ending_at(m.start())
        where = starting_at(doc, m.start("where"))
        (v_start, v_end), verb = m.span("verb"), m.group("verb")
        if not who or doc.kind(who[2]) != "person" or not where or doc.kind(where[2]) not in _TARGETS \
                or where[1] != m.end("where") or not doc.free(v_start, v_end):
            continue
        name = f"{doc.entities[who[2]].zh}{m.group('to')}{text[where[0]:where[1]]}{verb}"
        key = doc.entity("new:tour:" + name, "ExchangeVisit", name, True, "tour:X在Y调研").key
        doc.mention(key, v_start, v_end)
        doc.relations.append(relation(doc, who[2], "attends", key, who[0], v_end, "attend:X在Y调研"))
        if doc.kind(where[2]) == "place":
            doc.relations.append(relation(doc, key, "locatedIn", where[2], who[0], v_end, "tour:X在Y调研"))
        else:
            doc.relations.append(relation(doc, who[2], "visits", where[2], who[0], v_end, "visit:X在Y调研"))


#: A reception: X(在Y)(亲切)会见(了)Z(一行): Z the visitors, as written.
_RECEPTION = re.compile(r"(?:在(?P<where>[^，。；]{2,20}?))?(?:亲切)?(?P<verb>会见)(?:了)?(?P<whom>[^，。；并]{2,40}?)"
                        r"(?P<party>一行|代表团|客人)?(?=[，。；]|$|并|时)")


def _receptions(doc: Doc) -> None:
    """X会见(了)Z一行, X a person: the reception is a Meeting named so, which X and those of Z attend,
    ``locatedIn`` the place 在 names; 会见 names it wherever else it is written (参加会见: attends)."""
    text = doc.text
    for m in _RECEPTION.finditer(text):
        host = doc.ending_at(m.start())
        guests = [k for k in doc.at(m.start("whom"), m.end("whom")) if doc.kind(k[2]) in AGENTS]
        if not host or doc.kind(host[2]) != "person" or not guests or not doc.free(*m.span("verb")):
            continue
        name = doc.entities[host[2]].zh + "会见" + text[m.start("whom"):m.end()]
        key = doc.entity("new:reception:" + name, "Meeting", name, True, "reception:X会见Y一行").key
        doc.mention(key, *m.span("verb"))
        for who in (host, *guests):
            doc.relations.append(relation(doc, who[2], "attends", key, host[0], m.end(), "attend:X会见Y一行"))
        where = [k for k in doc.at(m.start("where"), m.end("where")) if doc.kind(k[2]) == "place"] if m.group("where") else []
        if where:
            doc.relations.append(relation(doc, key, "locatedIn", where[-1][2], host[0], m.end(), "reception:X会见Y一行"))


def _looked_round(doc: Doc) -> None:
    """在X，P察看了…: P visits X (the last body or place of X), where P is a person opening the clause."""
    for m in _AT.finditer(doc.text):
        who = [k for k in doc.at(m.start("who"), m.end("who")) if doc.kind(k[2]) == "person"]
        at = [k for k in doc.at(m.start("at"), m.end("at")) if doc.kind(k[2]) in _TARGETS and k[1] == m.end("at")]
        if who and at and who[0][0] == m.start("who"):
            doc.relations.append(relation(doc, who[0][2], "visits", at[-1][2], m.start(), m.end(), "visit:在X，P察看"))


def destinations(doc: Doc, pos: int) -> list[tuple[int, int, str]]:
    """The places and organisations listed from ``pos`` on (after 了/的), a place written before
    another in one name (广西百色市, 北原市某公司) giving way to the one after it."""
    text, out, p = doc.text, [], pos
    while p < len(text) and text[p] in "了的":
        p += 1
    located = re.match(r"位于[^，。；的]{2,20}的", text[p:p + 24])     # 走进位于某区的某公司
    p += located.end() if located else 0
    while True:
        m = starting_at(doc, p)
        if not m or doc.kind(m[2]) not in _TARGETS:
            return out
        while doc.kind(m[2]) == "place":
            inner = starting_at(doc, m[1])
            if not inner or doc.kind(inner[2]) not in _TARGETS:
                break
            m = inner
        unit = starting_at(doc, m[1])     # 某公司 + 昆明配送中心: the unit its name goes on to
        if unit and doc.kind(unit[2]) == "organization" and doc.entities[unit[2]].zh.startswith(doc.entities[m[2]].zh):
            m = (m[0], unit[1], unit[2])
        out.append(m)
        joiner = next((j for j in ("、", "和", "与", "及", "以及", "同") if text.startswith(j, m[1])), None)
        if joiner is None:
            return out
        p = m[1] + len(joiner)


def _visitor(doc: Doc, start: int, pos: int, verb: str) -> tuple[int, int, str] | None:
    """Who visits at ``pos``: the delegation of the sentence, else the first agent of the verb's
    clause, else of the sentence (not one escorting: 在X的陪同下)."""
    text = doc.text
    escorts = [e.span() for e in _ESCORT.finditer(text, start, pos)]
    inside = [k for k in doc.at(start, pos) if doc.kind(k[2]) in AGENTS
              and not any(s <= k[0] < e for s, e in escorts)]
    group = [k for k in inside if doc.entities[k[2]].type == "Delegation"]
    if group or verb == "赴":
        return group[0] if group else None
    clause = max(text.rfind(c, start, pos) for c in "，,") + 1
    own = [k for k in inside if k[0] >= clause] if clause > 0 else []
    subject = (own or inside or [None])[0]
    if subject is None or re.search(r"[，,].*[，,]", text[subject[1]:pos]):
        return None
    holder = next((k for k in own or inside if doc.kind(k[2]) == "person" and k[0] >= subject[1]), None)
    if holder and holder[0] - subject[1] <= 12 and any(p["person"] == holder[2] and p["organization"] == subject[2]
                                                       for p in doc.posts):
        return holder      # 某省人民政府副省长X深入…: X, whose post the body's name opens
    return subject


_SITED = re.compile(r"(?<![单定])位于|坐落于|地处")   # 单位于, 定位于: no site
_CLOSE = re.compile(r"[，。；,;的]")


def find_sites(doc: Doc) -> None:
    """位于Y的X / X位于Y (坐落于, 地处): X, an organisation, group or event, is ``locatedIn`` Y, the place
    closing the words after the verb (位于某省某市某区的X: the district)."""
    text = doc.text
    for m in _SITED.finditer(text):
        close = _CLOSE.search(text, m.end(), m.end() + 24)
        if close is None:
            continue
        places = [k for k in doc.at(m.end(), close.start()) if doc.kind(k[2]) == "place"]
        if not places or places[-1][1] != close.start():
            continue
        if close.group() == "的":     # 位于Y的X
            x = next((k for k in doc.at(close.end(), min(close.end() + 60, len(text))) if k[0] == close.end()), None)
            start, end = m.start(), x[1] if x else close.end()
        else:                         # X位于Y
            x = doc.ending_at(m.start())
            start, end = x[0] if x else m.start(), close.start()
        if x and doc.kind(x[2]) in ("organization", "group", "event"):
            doc.relations.append(relation(doc, x[2], "locatedIn", places[-1][2], start, end, "located:位于Y的X"))
