"""Posts a report gives in lists, for the draft (:mod:`reportgraph.draft`): election and
appointment lists (选举A为会长，B、C为副会长; A等N人当选常务理事; 聘任/聘请A为秘书长; A当选为会长; A等N名专家受聘为委员).
"""

import re

from .draftnames import Doc, clause_start
from .draftrules import (ASSOCIATIONS, OFFICERS, SHORT_NAMES, TITLE, add_post, name_ends, named_person, nearest_org,
                         org_before, person_name, starting_at)

_ELECTED = re.compile(r"(?:当选为?|[受获]聘为?|为)(?:协会|学会|商会|联盟|本会)?(%s)" % TITLE.pattern)
_ELECTING = re.compile(r"选举|推选|推举|补选|增补|聘任|聘请|任命|选出|当选|受聘|获聘")
#: A等N人 (A等15名专家受聘为委员: the kind of people counted after the count).
_COUNTED = re.compile(r"^(.+?)等(\d+|[一二三四五六七八九十]+)(?:人|名|位)(?:专家|同志|代表|企业家|学者)?$")


def find_elections(doc: Doc) -> None:
    """选举A为会长，B、C为副会长; A等N人当选常务理事: each name holds the title in the
    organisation of the meeting (the nearest association named before)."""
    text = doc.text
    for m in _ELECTED.finditer(text):
        if not doc.free(m.start(1), m.end(1)) or not name_ends(text, m.end()) and text[m.end():m.end() + 1] != "，" \
                or text[m.start() - 2:m.start()] == "分别":      # a paired list (_paired)
            continue
        begin = clause_start(text, m.start(), "，。；：\n,;")
        segment = text[begin:m.start()]
        sentence = text[clause_start(text, m.start(), "。；\n"):m.start()]
        if not _ELECTING.search(sentence + m.group()[:2]):
            continue
        lead = list(_ELECTING.finditer(segment))
        pos = begin + (lead[-1].end() if lead else 0)
        short = re.match(r"(?:当选为?|为)(协会|学会|商会|联盟)", m.group())    # 为协会副会长: one named …协会 first
        org = short and nearest_org(doc, pos, ASSOCIATIONS, head=short.group(1)) \
            or nearest_org(doc, pos, ASSOCIATIONS) or nearest_org(doc, pos)
        for item in re.finditer("[^、]+", text[pos:m.start()]):
            _elected(doc, pos + item.start(), pos + item.end(), m, org)

def _elected(doc: Doc, start: int, end: int, m: re.Match, org: str | None) -> None:
    """The post of one item of an election list (a name, a titled name, or A等N人)."""
    text = doc.text
    counted = _COUNTED.match(text[start:end])
    if counted:
        end = start + len(counted.group(1))
    known = doc.ending_at(end)
    if known and doc.kind(known[2]) == "person":
        person = known[2]
    elif person_name(doc, start) == end and end - start <= 4:
        person = named_person(doc, start, end, "election-list")
    else:
        return
    add_post(doc, person, m.group(1), org, start, m.end(), "election-list")



# --- the other ways the genre writes a post ---------------------------------------------------
# Variants covered below (each tested in tests/test_draft.py on sentences written for the test):
#   name before title   张三会长 / 张三同志 / 某大学李四教授 (a post when an organisation is in scope)
#   bracketed title     张三（某公司董事长）、李四（某大学教授）; 张三（某协会副会长、秘书长）
#   appointment verbs   X任/担任/出任/兼任/现任(某协会)副会长; 由X担任秘书长; X当选为(某协会)会长
#   paired lists        A、B分别当选为会长、副会长; 选举A、B分别为会长、秘书长
#   (title chains 董事长、总经理X and 党组书记、局长X take the chain's organisation: draftrules)
_ENDS_TITLE = re.compile(r"(?:%s)$" % TITLE.pattern)
_LEFT_OK = set("由和与及请邀为是对向在了、，,。；：:;（(“\"\n 　") | {""}
_OFFICERS = OFFICERS


def name_before(doc: Doc, end: int, begin: int | None = None) -> int | None:
    """Start of a new person's name (2–4 characters, a surname first) that ends at ``end`` and
    stands after punctuation, a preposition or another mention (or starts at ``begin``); None if none."""
    text = doc.text
    for length in (3, 2, 4):
        start = end - length
        if start < 0 or not doc.free(start, end) or person_name(doc, start) != end:
            continue
        left = text[start - 1:start] if start else ""
        if left not in _LEFT_OK and (start == 0 or doc.owner[start - 1] is None) and start != begin:
            continue
        token = doc.token_at(start)
        if token and token[1] == end and not token[2].startswith("nr") and length == 2:
            continue               # a word of the dictionary (全体, 各位), not a name
        return start
    return None


def _person_at(doc: Doc, end: int, rule: str, begin: int | None = None) -> tuple[int, str] | None:
    """The person named just before ``end``: a mention, else a new name there."""
    known = doc.ending_at(end)
    if known and doc.kind(known[2]) == "person":
        return known[0], known[2]
    if known:
        return None
    start = name_before(doc, end, begin)
    return (start, named_person(doc, start, end, rule)) if start is not None else None


def _org_of_title(doc: Doc, pos: int, title: str) -> str | None:
    """The organisation an officer's title without one is of: the association in scope; for a
    committee's title (主任委员, 委员), a committee named earlier in the sentence (成立专家委员会，聘请X担任主任委员)."""
    if _OFFICERS.search(title):
        return nearest_org(doc, pos, ASSOCIATIONS)
    if re.fullmatch(r"(?:副|常务副)?主任委员|委员", title):
        return nearest_org(doc, pos, ("Committee",), reach=pos - clause_start(doc.text, pos, "。；\n"))
    return None


def find_other_posts(doc: Doc) -> None:
    """Every rule of this part, in turn."""
    for finder in (_bracketed, _appointed, _paired, _names_before_titles, _party_groups, _listed):
        finder(doc)


_PARTY_TITLES = ("党组书记", "党组副书记", "党组成员")


def _party_groups(doc: Doc) -> None:
    """某局党组成员、副局长X; 厅党组书记、厅长X; 省政协副主席、党组成员X; 市工商联党组书记X: a 党组 title is a
    post in the body's party group (a PartyBody named after the body and mentioned by 党组), not in the body
    itself (only bodies with a party group are written with one)."""
    text = doc.text
    for post in list(doc.posts):
        org = doc.entities.get(post["organization"])
        at = text.find(post["role"], post["start"], post["end"])
        if post["role"] not in _PARTY_TITLES or not org or org.type in ("PartyBody", "OrganizationGroup") \
                or at < 0:
            continue
        key = "new:" + org.zh + "党组"
        doc.entity(key, "PartyBody", org.zh + "党组", True, "party-group:X党组" + post["role"][2:])
        if doc.free(at, at + 2) or doc.owner[at] == key:
            doc.mention(key, at, at + 2)
            doc.entities[key].aliases = [a for a in doc.entities[key].aliases if a != "党组"]
        doc.posts[doc.posts.index(post)] = moved = {**post, "organization": key}
        doc.posted.discard(tuple(post.values()))   # posted holds the posts there are, as the list did
        doc.posted.add(tuple(moved.values()))


def _bracketed(doc: Doc) -> None:
    """张三（某公司董事长）: the name before the bracket holds each title in it, of the organisation
    written before the title in the bracket (else the association in scope, for its officers)."""
    text = doc.text
    for m in re.finditer(r"[（(]([^（()）]{2,40})[）)]", text):
        if not _ENDS_TITLE.search(m.group(1)):
            continue
        who = _person_at(doc, m.start(), "bracketed-title")
        if who is None:
            continue
        org = None
        for t in TITLE.finditer(text, m.start(1), m.end(1)):
            if not doc.free(t.start(), t.end()):
                continue
            found = org_before(doc, t.start())
            org = found[1] if found else org if text[t.start() - 1] in "、兼" else _org_of_title(doc, m.start(), t.group())
            add_post(doc, who[1], t.group(), org, who[0], m.end(), "bracketed-title")


_APPOINTED = re.compile(r"(?:现|曾|另|并|还|将|新)?(?:担任|出任|兼任|继任|接任|连任|续任|留任|任|当选为?)")


def _appointed(doc: Doc) -> None:
    """X任/担任/出任(某协会)(第N届理事会)副会长; 由X担任秘书长; X当选为会长: X holds the title, of
    the organisation written after the verb (else the association in scope, for its officers)."""
    text = doc.text
    for m in _APPOINTED.finditer(text):
        if m.group().endswith("任") and len(m.group()) == 1 and text[m.start() - 1:m.start()] in ("主", "责", "信", "委", "聘"):
            continue
        who = _person_at(doc, m.start(), "appointed")
        if who is None:
            continue
        pos, org = m.end(), None
        after = starting_at(doc, pos)
        short = next((w for w in SHORT_NAMES if len(w) == 2 and w[0] != "该" and text.startswith(w, pos)
                      and doc.free(pos, pos + 2)), None)
        if after and doc.kind(after[2]) == "organization":
            pos, org = after[1], after[2]
        elif short and TITLE.match(text, pos + 2):     # 某某任联盟理事长: the alliance written last
            pos, org = pos + 2, nearest_org(doc, pos, SHORT_NAMES[short])
        if org is not None:
            board = _BOARD_AFTER.match(text, pos)
            pos = board.end() if board else pos
        t = TITLE.match(text, pos)
        if not t or not name_ends(text, t.end()) and text[t.end():t.end() + 1] not in "一职":
            continue
        org = org or _org_of_title(doc, who[0], t.group())
        start = who[0] - 1 if text[who[0] - 1:who[0]] == "由" else who[0]
        if any((p["person"], p["role"], p["organization"]) == (who[1], t.group(), org) for p in doc.posts):
            continue
        add_post(doc, who[1], t.group(), org, start, t.end(), "appointed:X担任Y")


_BOARD_AFTER = re.compile(r"(?:第[一二三四五六七八九十\d]{1,3}届)?(?:理事会|董事会|监事会|常务理事会)?")
_PAIRED = re.compile(r"分别(?:当选为?|为|担任|出任|任)((?:%s)(?:、(?:%s))+)" % (TITLE.pattern, TITLE.pattern))


def _paired(doc: Doc) -> None:
    """A、B分别当选为会长、副会长 (选举A、B分别为…): the n-th name holds the n-th title."""
    text = doc.text
    for m in _PAIRED.finditer(text):
        titles = m.group(1).split("、")
        begin = clause_start(text, m.start(), "，。；：\n,;")
        lead = list(_ELECTING.finditer(text, begin, m.start()))
        pos = lead[-1].end() if lead else begin
        people = []
        for item in re.finditer("[^、]+", text[pos:m.start()]):
            who = _person_at(doc, pos + item.end(), "paired-list", pos + item.start())
            if who is None or who[0] != pos + item.start() and doc.owner[pos + item.start()] is None:
                break
            people.append(who)
        if len(people) != len(titles):
            continue
        org = nearest_org(doc, pos, ASSOCIATIONS) or nearest_org(doc, pos)
        for who, title in zip(people, titles):
            add_post(doc, who[1], title, org, people[0][0], m.end(), "paired-list")


_BODY_WORDS = ("联盟", "协会", "学会", "商会", "公司", "集团", "政府", "委员会", "理事会")


def _names_before_titles(doc: Doc) -> None:
    """张三会长 / 张三同志 / 某大学李四教授 (a new name before a title): the person, and the post
    of the organisation written just before the name, or the association in scope for its officers."""
    text = doc.text
    for m in re.finditer(r"(?:%s|同志)" % TITLE.pattern, text):
        if not doc.free(m.start(), m.end()) or doc.ending_at(m.start()) or not name_ends(text, m.end()) \
                or TITLE.match(text, m.end()):
            continue
        start = name_before(doc, m.start())
        if start is None or text[start - 1:start] in ("、",) and TITLE.search(text, max(0, start - 6), start) \
                or text[start:m.start()].endswith(_BODY_WORDS):
            continue           # 某某任联盟理事长: 任联盟 is no name
        person = named_person(doc, start, m.start(), "name-before-title")
        if m.group() == "同志":
            continue
        found = org_before(doc, start)
        org = found[1] if found else _org_of_title(doc, start, m.group())
        add_post(doc, person, m.group(), org, found[0] if found else start, m.end(), "name-before-title")


_LISTED = re.compile(r"^[ \t\u3000]*(?P<title>[\u4e00-\u9fff \u3000]{2,12}?)[ \t\u3000]*(?:[（(][^）)\n]{1,16}[）)])?"
                     r"[ \t\u3000]*[：:][ \t\u3000]*(?P<names>[^\n]{2,200})$", re.M)
_SPACES = re.compile(r"[ \t\u3000]+")


def _listed(doc: Doc) -> None:
    """A list of officers a line at a time (会　长：周某; 副会长（按姓氏笔画排序）：王　某、刘某某): each name holds
    the line's title, in the association in scope (the last written before the list; the names may be
    spaced out to line up, 王　刚: the person is 王刚, mentioned as written)."""
    text = doc.text
    for m in _LISTED.finditer(text):
        title = _SPACES.sub("", m.group("title"))
        if not TITLE.fullmatch(title):
            continue
        org = nearest_org(doc, m.start(), ASSOCIATIONS) or nearest_org(doc, m.start())
        for item in re.finditer(r"[^、，,；;]+", m.group("names")):
            start = m.start("names") + item.start() + len(item.group()) - len(item.group().lstrip(" \u3000"))
            end = m.start("names") + item.end() - (len(item.group()) - len(item.group().rstrip(" \u3000。")))
            name = _SPACES.sub("", text[start:end])
            if not (2 <= len(name) <= 4 and person_name(Doc(name, {}), 0) == len(name)) or not doc.free(start, end):
                continue
            person = named_person(doc, start, end, "listed:职务：姓名")
            found = doc.entities[person]
            if found.new and text[start:end] != name:      # 王　刚: 王刚, written so (an alias, a name mention)
                found.zh = name
                found.aliases += [text[start:end]] if text[start:end] not in found.aliases else []
            add_post(doc, person, title, org, m.start(), end, "listed:职务：姓名")
