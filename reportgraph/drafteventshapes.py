"""Events of a draft bounded by the sentence around them rather than by a known head word
(:mod:`reportgraph.draftevents` finds those): a name runs from where its frame opens to where it
closes, and ends in a word an event's name ends in (…会, …赛, …节, …展, …式, …礼, …班, …营,
活动, 嘉年华 …). The frames (each tested in tests/test_draft.py on sentences written for the test):

- introduced: 召开/举行/举办/开展/组织/启动(了) + name + punctuation;
- attended: 出席/参加/参与/莅临(了) + name + 并/punctuation;
- themed: 以“T”为主题的 + name;
- the stage of a speech: 在 + name + 上/期间;
- the subject of its own holding: name + (于D)(在P)(隆重)召开/举行/开幕/举办 at a clause's start (an
  organisation opening it is the host: ``organizes``);
- a board's meeting: (第)N届N次理事会/常务理事会/董事会/监事会 (a meeting, not the board: 三届二次理事会).

An event named without its host is the one named with it, if one is (某协会召开第三届会员代表大会 and
某协会第三届会员代表大会). The date and venue of each are read as for any event (``find_event_facts``).
"""

import re

from .draftevents import EVENT_HEADS, event_start
from .draftnames import Doc, generic, left_edge, norm, relation
from .draftrules import starting_at

_ENDS = re.compile(r"(?:嘉年华|开放日|宣传日|宣传周|服务月|活动|沙龙|路演|讲座|讲堂|集市|比武|[会赛节展式礼班营坊典])$")
_NOT_ENDS = re.compile(r"(?:发展|开展|进展|参展|拓展|扩展|施展|布展|协会|学会|商会|理事会|委员会|联合会|促进会|研究会|"
                       r"董事会|监事会|工商联|机会|社会|体会|误会|都会|不会|将会|参会|与会|开会|到会|入会|散会|工会|省会)$")
_FRAMES = ((r"(?:召开|举行|举办|开展|组织|启动|主办|承办)(?:了)?", r"[，。；、！\n]|并|$", "frame:召开E"),
           (r"(?:出席|参加|参与|莅临|列席|观摩)(?:了)?", r"[，。；、！\n]|并|$", "frame:出席E"),
           (r"以[“\"][^”\"]{2,30}[”\"]为主题的", r"[，。；\n]|于|在|(?:隆重|顺利|盛大|正式)?(?:召开|举行|开幕|举办)", "frame:以T为主题的E"),
           (r"在", r"上(?![海虞饶])|期间", "frame:在E上"))
_HELD = re.compile(r"(?:于[^，。；]{2,16}?)?(?:在[^，。；在]{2,20}?)?(?:隆重|顺利|盛大|正式|成功)?(?:召开|举行|开幕|举办|启幕)")
_BOARD = re.compile(r"第?[一二三四五六七八九十\d]{1,3}届(?:[一二三四五六七八九十\d]{1,3}次|第[一二三四五六七八九十\d]{1,3}次)"
                    r"(?:常务)?(?:理事会|董事会|监事会|会员大会|会员代表大会)(?:会议)?")


def find_framed_events(doc: Doc) -> None:
    """Every frame of the module docstring, in turn; a name found is a new event unless something
    already holds its characters."""
    text = doc.text
    for m in _BOARD.finditer(text):
        owner = doc.ending_at(m.start())
        host = owner if owner and doc.kind(owner[2]) == "organization" else None
        if doc.free(m.start(), m.end()):
            _new(doc, host[0] if host else m.start(), m.end(), "Meeting", "frame:第N届N次理事会", host and (host, m.start()))
    for opener, closer, rule in _FRAMES:
        for m in re.finditer(opener, text):
            close = re.compile(closer).search(text, m.end(), min(len(text), m.end() + 40))
            if close:
                _framed(doc, m.end(), close.start(), rule)
    for m in re.finditer(r"(?:^|(?<=[，。；\n]))[^，。；\n]{4,50}?(?=" + _HELD.pattern + ")", text, re.M):
        _framed(doc, m.start(), m.end(), "frame:E在X召开")
    _merge_short_names(doc)


def _merge_short_names(doc: Doc) -> None:
    """An event named without its host (某协会召开第三届会员代表大会) is the one event named with it
    (某协会第三届会员代表大会) when there is one such: its mentions and facts go to that one."""
    events = [f for f in doc.entities.values() if f.new and f.mentions and doc.kind(f.key) == "event"]
    hosts = {norm(n) for f in doc.entities.values() if doc.kind(f.key) == "organization" for n in (f.zh, *f.aliases)}
    for short in events:
        longer = [f for f in events if f is not short and f.zh.endswith(short.zh) and len(f.zh) > len(short.zh)
                  and norm(f.zh[:-len(short.zh)].removesuffix("的")) in hosts]
        if len(longer) == 1 and short.key in doc.entities:
            doc.merge(short.key, longer[0].key)


def _framed(doc: Doc, start: int, end: int, rule: str) -> str | None:
    """The event named ``text[start:end]`` when the whole span is a name ending as events' names
    end (an organisation opening it is its host); its key, or None."""
    text = doc.text
    while end > start and text[end - 1] in " \u3000":
        end -= 1
    tail = _ENDS.search(text, start, end)
    if not tail or _NOT_ENDS.search(text, start, end) or end - start < 4 or end - start > 40:
        return None
    host = starting_at(doc, start)
    host = host if host and doc.kind(host[2]) == "organization" and host[1] < tail.start() else None
    shown = host[1] + (text[host[1]:host[1] + 1] == "的") if host else start
    if any(doc.kind(doc.owner[i]) not in (None, "place") for i in range(shown, end)) or re.match(r"[\d一二三四五六七八九十几数多]+[场次项个批届]|这|那|此|本|该|各|一系列", text[shown:end]) \
            or re.search(r"各[项类种]|一系列", text[shown:end]) or shown < tail.start() and generic(text[shown:tail.start()]):   # 参与商会活动: a kind
        return None
    begin = event_start(doc, left_edge(doc, tail.start(), start, event=True), tail.start())
    if begin > shown:
        return None
    head = next((h for h in sorted(EVENT_HEADS, key=len, reverse=True) if text.endswith(h, start, end)), "")
    fair = re.search(r"(?:展|博览|交易|招聘|运动|展销|订货)会$", text[start:end])
    type_ = EVENT_HEADS.get(head) or ("Meeting" if text[end - 1] == "会" and not fair else "Event")
    return _new(doc, start, end, type_, rule, host and (host, shown))


def _new(doc: Doc, start: int, end: int, type_: str, rule: str, host) -> str:
    """A new event ``text[start:end]`` (mentioned from after its host, who organizes it)."""
    name = doc.text[start:end]
    key = "new:" + norm(name)
    doc.entity(key, type_, name, True, rule)
    doc.mention(key, host[1] if host else start, end)
    if host:
        doc.relations.append(relation(doc, host[0][2], "organizes", key, start, end, "host:X的E"))
    return key
