"""Speeches of a report, for the draft (:mod:`reportgraph.draft`): by their heads (X致辞, 讲话, 作主旨演讲,
作题为《T》的报告: the speaker delivers the speech), and by what the speaker did
(X汇报了Y, X向Y介绍了Z, 听取了X关于Y的汇报, 对…表示欢迎, X就Y提出了要求, A、B分别就Y作了汇报), and the
remarks of a person who gave no other speech (X表示，…, X指出，…: X讲话).
"""

import re
from collections.abc import Mapping

from .draftnames import Doc, clause_start, relation, sentence_of
from .draftrules import ORGS, SPEECH_TYPES, list_before, names_only
from .model import Entity

_WELCOME, _KEY = ("致欢迎词", "欢迎辞", "欢迎词"), ("主旨演讲", "主题演讲", "专题报告", "专题讲座", "主旨报告", "主题报告")
SPEECHES = {**dict.fromkeys(_WELCOME, "WelcomeSpeech"), **dict.fromkeys(_KEY, "Keynote"), **dict.fromkeys((
    "致辞", "致词", "讲话", "表态发言", "发言", "工作报告", "交流发言", "典型发言", "讲解", "政策解读", "开幕辞", "开幕词", "闭幕辞",
    "闭幕词", "开班辞", "贺辞", "贺词", "总结讲话", "总结发言", "主题推介", "项目推介", "专题讲解", "专题解读"), "Speech")}
#: Acts of speaking at a meeting that name what was said (X汇报了Y, X介绍了Y but not 据X介绍, X向Y介绍了Z
#: being X's; 听取了X关于Y的汇报), and a person opening a clause who 表示 a welcome, thanks or
#: congratulations (对…表示欢迎) or 在总结时表示: each a Speech the speaker delivers.
_PRESENTS = re.compile(r"(?<!据)(?:汇报|通报|介绍|分享|解读|讲授|宣布|宣读|发布)(?:了)?(?:[^，。；：:,;！？\n]{2,40}|(?=[，：:,]))")
#: Of those, what only a person does as a speech (a body 发布 a document, 宣读 nothing); what a person 发布 as
#: a speech (a report, figures, a list: not a product).
_SPOKEN = ("宣读", "发布")
_RELEASED = re.compile(r"(?:情况|报告|数据|名单|项目|成果|政策|措施|信息|榜单|指数|白皮书|清单)")
HEARD = re.compile(r"听取了?(?P<who>[^，。；]{2,30}?)关于(?P<what>[^，。；]{2,40}?)的(?:汇报|介绍|报告|情况通报)")
_SAYS = re.compile(r"表示")
#: Reports on a subject by those listed before: A、B分别就Y作了汇报 (发言, 说明).
_ON = re.compile(r"(?:分别|先后|依次|也)?就(?P<what>[^，。；]{2,40}?)(?:作|进行)(?:了)?(?P<verb>专题汇报|汇报|交流发言|发言|说明)")
#: What a leader's speech is reported as doing: 就Y提出(了)具体要求, 对Y给予(充分)肯定.
_ADDRESSES = re.compile(r"就[^，。；]{2,40}?提出(?:了)?(?:具体|明确|殷切|几点|三点|四点|新的)?(?:要求|希望)"
                        r"|对[^，。；]{2,30}?给予(?:了)?(?:充分|高度|积极)?(?:肯定|评价)")
_CARRIED_ACT = re.compile(r"(?:并|还|也|随后|重点|详细|系统|简要|首先|先后)*")
_GREETING = re.compile(r"(?:热烈|诚挚|衷心|真诚|由衷|崇高|亲切)?(?:的)?(?:欢迎|感谢|祝贺|谢意|敬意|慰问)")
_SPEECH = re.compile("|".join(sorted(SPEECHES, key=len, reverse=True)))
_KEYNOTE = re.compile(r"(?:作(?:了)?题为|以|作(?:了)?)《([^》]{2,40})》(?:为题)?(?:的)?(?:作(?:了)?)?"
                      r"(主旨演讲|主题演讲|专题报告|学术报告|主旨报告|报告|演讲|讲座)|就(.{4,30}?)作(?:了)?(主旨演讲|主题演讲|专题报告|报告)"
                      r"|以《([^》]{2,40})》为题[，,]?(?:系统|详细|深入|重点|全面)?(?:作(?:了)?|进行(?:了)?)?(?:首场|第一场|专题|主题)?"
                      r"(讲解|介绍|阐述|解读|分析|讲授|授课|讲座|宣讲|辅导|分享)")


def find_speeches(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """Speeches (X在致辞中, X出席并致辞, X作工作报告) and keynotes (作题为《T》的主旨演讲, 就T作主旨演讲):
    each a Speech (or Keynote named by its title) that the speaker ``delivers``."""
    text = doc.text
    for m in _KEYNOTE.finditer(text):
        g = next(g for g in (1, 3, 5) if m.group(g))
        t_start, t_end = m.start(g), m.end(g)
        speakers = _speakers(doc, m.start(), single=True)
        inside = doc.at(t_start, t_end)
        known = [k for s, e, k in inside if (s, e) == (t_start, t_end) and doc.kind(k) == "event"]
        titled = names_only(doc, t_start, t_end, ("industry", "place")) is not None    # 《某市家电产业…》: the title's words
        if not speakers or not (known or titled):
            continue
        key = known[0] if known else "new:keynote:" + text[t_start:t_end]   # a keynote the registry has
        if not known:
            doc.entity(key, "Keynote", text[t_start:t_end], True, "keynote:作题为《T》的报告")
            doc.mention(key, t_start, t_end)
        doc.relations.append(relation(doc, speakers[0], "delivers", key, _from(doc, speakers[0], m.start()), m.end(),
                                      "keynote:作题为《T》的报告"))
    titled = [(m.start(), sentence_of(text, m.end())[1]) for m in _KEYNOTE.finditer(text)]
    for m in _SPEECH.finditer(text):
        if any(s <= m.start() < e for s, e in titled):
            continue                  # 作题为《T》的主旨演讲(，…讲解了…): the keynote T, above
        if not doc.free(m.start(), m.end()) or text[m.start() - 1:m.start()] in ("的", "讲"):
            continue
        after_and = text[m.start() - 1:m.start()] == "并" or text[m.start() - 2:m.start()] == "并作" \
            or bool(re.search(r"(?:先后|分别|依次|相继)(?:作了?)?$", text[max(0, m.start() - 4):m.start()]))   # A，B先后致辞
        bodies = _bodies_speaking(doc, m.start())
        if bodies:       # A局、B局负责同志先后作交流发言: one speech the bodies deliver
            name = text[bodies[0][0]:m.end()]
            doc.entity(f"new:speech:{name}", SPEECHES[m.group()], name, True, "speech:X负责同志作发言")
            _act(doc, f"new:speech:{name}", m.start(), m.end())
            for s, e, key in bodies:
                doc.relations.append(relation(doc, key, "delivers", f"new:speech:{name}", bodies[0][0], m.end(),
                                              "speech:X负责同志作发言"))
            continue
        for person in _speakers(doc, m.start(), single=not after_and):
            name = doc.entities[person].zh
            known = next((e for e in registry.values() if e.zh == name + m.group()), None)   # a registry speech
            key = known.id if known else f"new:speech:{name}{m.group()}"
            speech = doc.entity(key, known.type if known else SPEECHES[m.group()], name + m.group(), not known,
                                "speech:" + m.group())
            if doc.free(m.start(), m.end()) or doc.owner[m.start()] == key:
                _act(doc, key, m.start(), m.end())
            else:       # A、B出席并致辞: the words are the first speaker's mention; the others' speeches are implied
                speech.implied = speech.implied or (m.start(), m.end())
            doc.relations.append(relation(doc, person, "delivers", key, _from(doc, person, m.start()), m.end(),
                                          "speech:X" + m.group()))

def _bodies_speaking(doc: Doc, pos: int) -> list[tuple[int, int, str]]:
    """The organisations listed just before (负责同志)(先后)作 at ``pos`` (A局、B局负责同志先后作交流发言)."""
    start, _ = sentence_of(doc.text, pos)
    m = re.search(r"(?:(?:主要)?(?:负责同志|负责人)(?:先后|分别|依次)?(?:作|进行)?|(?:先后|分别|依次)?(?:作|进行))(?:了)?$",
                  doc.text[start:pos])
    return list_before(doc, start + m.start(), ORGS) if m else []


def find_speech_acts(doc: Doc) -> None:
    """Speeches named by what the speaker did, each rule in turn: :data:`HEARD` (the speaker named in
    it), :data:`_ON` (the speakers listed just before 就), :data:`_SAYS` and :data:`_ADDRESSES` (the person
    opening the clause, or the sentence's after 并/还/也; each of them after 分别), :data:`_PRESENTS` (a
    person or organisation ending just before the verb, titles and 也/分别 between). A speech is named by
    its speaker and the words as written, and is not drafted where the clause already has one."""
    for finder in (_heard, _reports_on, _addresses, _remarked, _presented, _made):
        finder(doc)


#: 作(了)Y推介 (发布, 演示): a promotion or release a speaker makes (向某作投资环境推介; 作城市推介; 作项目发布).
_MADE = re.compile(r"(?:并|还|也)?作(?:了)?(?P<what>[\u4e00-\u9fff“”]{0,12}?)(?:推介|发布|演示)(?![会])")


def _made(doc: Doc) -> None:
    """X作Y推介 (作项目发布), X a person written right before 作 (并, 还 between; or the person of its clause after
    在…致辞并): X's speech, named X作Y推介 and mentioned by the words from 作."""
    text = doc.text
    for m in _MADE.finditer(text):
        start = m.start() + (text[m.start()] in "并还也")
        people = [k for k in doc.at(clause_start(text, m.start()), m.start()) if doc.kind(k[2]) == "person"]
        if people and doc.free(start, m.end()) and not re.search(r"[，。；的为对向给]", text[people[-1][1]:m.start()]):
            _speech_act(doc, people[-1], start, m.end(), text[start:m.end()], "speech:X作Y推介")


#: What a speaker is reported as saying, as 表示 is (X指出，…; X强调，…; X要求，…): :func:`_remarks`.
_REMARKED = re.compile(r"指出|强调|要求")


def _remarked(doc: Doc) -> None:
    """X指出，… (强调, 要求), X a person written right before the verb: X's remarks (:func:`_remarks`)."""
    for m in _REMARKED.finditer(doc.text):
        c_start = clause_start(doc.text, m.start())
        _remarks(doc, m, [k for k in doc.at(c_start, m.start()) if doc.kind(k[2]) == "person"])


def _heard(doc: Doc) -> None:
    text = doc.text
    for m in HEARD.finditer(text):
        who = [k for k in doc.at(m.start("who"), m.end("who")) if doc.kind(k[2]) in ("person", *ORGS)]
        if who and doc.free(m.start("what"), m.end()):
            _speech_act(doc, who[-1], m.start("what"), m.end(), "关于" + text[m.start("what"):m.end()],
                        "speech:听取X关于Y的汇报")


def _reports_on(doc: Doc) -> None:
    """X就Y作了汇报: X's; A、B分别就Y作了汇报 (the people of the clause, else its bodies): one report they
    all deliver, named by them and Y."""
    text = doc.text
    for m in _ON.finditer(text):
        c_start, words = clause_start(text, m.start()), f"关于{m.group('what')}的{m.group('verb')}"
        found = [k for k in doc.at(c_start, m.start()) if doc.kind(k[2]) in ("person", *ORGS)]
        speakers = [k for k in found if doc.kind(k[2]) == "person"] or found
        if not speakers or not doc.free(m.start("verb"), m.end()):
            continue
        if len(speakers) == 1:
            _speech_act(doc, speakers[0], m.start("verb"), m.end(), words, "speech:X就Y作了汇报")
            continue
        name = "、".join(doc.entities[k].zh for _, _, k in speakers) + words
        speech = "new:speech:" + name
        doc.entity(speech, "Speech", name, True, "speech:A、B就Y作了汇报")
        _act(doc, speech, m.start("verb"), m.end())
        for _, _, key in speakers:
            doc.relations.append(relation(doc, key, "delivers", speech, speakers[0][0], m.end(), "speech:A、B就Y作了汇报"))


def _addresses(doc: Doc) -> None:
    """对…表示欢迎 (or 在总结时表示), X就Y提出了具体要求, X对Y给予肯定: the speech of the person opening the
    clause (or, after 并/还/也, of the sentence's first person; after 分别, of each person of the clause)."""
    text = doc.text
    for m in [*_SAYS.finditer(text), *_ADDRESSES.finditer(text)]:
        c_start = clause_start(text, m.start())
        verb = m.start() + max(m.group().rfind("提出"), m.group().rfind("给予"), 0)   # 表示: its own verb
        people, clause = [k for k in doc.at(c_start, m.start()) if doc.kind(k[2]) == "person"], c_start
        if not people and m.group() != "表示" and re.fullmatch(r"(?:并|还|也|同时)?", text[c_start:m.start()]):
            people = [k for k in doc.at(sentence_of(text, m.start())[0], c_start) if doc.kind(k[2]) == "person"][:1]
            c_start = people[0][0] if people else c_start      # X…，(并)就Y提出了要求: the sentence's X
        if m.group() == "表示" and _remarks(doc, m, people):
            continue
        if not people or people[0][0] - c_start > 12 or not doc.free(verb, m.end()) \
                or any(doc.entities[k].type in SPEECH_TYPES for _, _, k in doc.at(clause, m.start())):
            continue
        if m.group() != "表示":      # X's speech, mentioned at its verb; A、B分别…: each one's
            rule = "speech:X对Y给予肯定" if m.group().startswith("对") else "speech:X就Y提出要求"
            for person in people if "分别" in text[c_start:m.start()] else people[:1]:
                _speech_act(doc, person, verb, m.end(), m.group(), rule)
            continue
        tail = _GREETING.match(text, m.end(), m.end() + 8)
        if not tail and not re.search(r"在总结时$|总结时$", text[:m.start()]):
            continue      # X表示，… (what X said): :func:`_remarks`
        end = tail.end() if tail else m.end()
        _speech_act(doc, people[0], m.start(), end, text[m.start():end], "speech:X表示")


def _presented(doc: Doc) -> None:
    """X汇报了Y, X介绍了Y (not 据X介绍), X向Y介绍了Z (X's), X结合…，分享了Y, X将讲授Y; a person's 宣读了Y, 发布了Y."""
    text = doc.text
    for m in _PRESENTS.finditer(text):
        c_start = clause_start(text, m.start())
        verb = m.start() + len(re.match(r"\w{2}了?", m.group()).group())
        if not doc.free(m.start(), verb):
            continue
        verb = m.end() if doc.free(m.start(), m.end()) else verb    # mentioned at 介绍了 (…, if that names nothing)
        before = [k for k in doc.at(c_start, m.start()) if doc.kind(k[2]) in ("person", *ORGS, "group")]
        if not before and c_start > 0 and text[c_start - 1] in "，," and _CARRIED_ACT.fullmatch(text[c_start:m.start()]):
            p_start = clause_start(text, c_start - 1)      # X结合…的经历，分享了…
            carried = [k for k in doc.at(p_start, c_start) if doc.kind(k[2]) == "person"][:1]
            if carried:
                _speech_act(doc, carried[0], m.start(), verb, m.group(), "speech:X…，分享了Y", m.end())
            continue
        heard = re.search(r"[向对为给]$", text[c_start:before[-1][0]]) if before else None
        if heard and before[0][0] < heard.start() + c_start and doc.kind(before[0][2]) == "person":
            _speech_act(doc, before[0], m.start(), verb, m.group(), "speech:X向Y介绍了Z", m.end())
        elif before and not heard and doc.kind(before[-1][2]) != "group" and m.start() - before[-1][1] <= 8 \
                and not re.search(r"[的在对向与和将把]", _to_come(doc, before[-1], text[before[-1][1]:m.start()])) \
                and (doc.kind(before[-1][2]) == "person" or not m.group().startswith(_SPOKEN)) \
                and not (m.group().startswith("发布") and not _RELEASED.search(m.group())):
            _speech_act(doc, before[-1], m.start(), verb, m.group(), "speech:X汇报了Y", m.end())


def _to_come(doc: Doc, speaker: tuple, between: str) -> str:
    """What stands between a person and the verb, but 将 (还将, 也将: X将讲授Y, a talk to come); a body's as written."""
    return re.sub(r"(?:还|也|随后)?将$", "", between) if doc.kind(speaker[2]) == "person" else between


def _speech_act(doc: Doc, speaker: tuple[int, int, str], start: int, end: int, words: str, rule: str,
                until: int | None = None) -> None:
    """The speech ``words`` (mentioned at ``start:end``, its verb; quoted to ``until``) that ``speaker``
    delivers; a bare 介绍, 表示 of a person who delivers a speech already (X致辞 …, X介绍，), or any act of a
    person whose speech the sentence gave before (X到场讲话，通报了…), is a mention of that speech."""
    s, e, key = speaker
    s_start, _ = sentence_of(doc.text, start)
    earlier = [(r["object"], r["start"] >= s_start) for r in doc.relations if r["relation"] == "delivers"
               and r["subject"] == key and r["end"] <= start and r["object"] in doc.entities]
    if earlier and doc.kind(key) == "person" and (len(words) <= 4 or earlier[-1][1]):   # 到场讲话，通报了…: that one
        _act(doc, earlier[-1][0], start, end)
        return
    name = doc.entities[key].zh + words
    speech = f"new:speech:{name}"
    doc.entity(speech, "WelcomeSpeech" if "欢迎" in words else "Speech", name, True, rule)
    _act(doc, speech, start, end)
    doc.relations.append(relation(doc, key, "delivers", speech, min(s, start), until or end, rule))


def _act(doc: Doc, speech: str, start: int, end: int) -> None:
    """Mention ``speech`` at the words of its act (讲话, 介绍了): a reference, not another name of it."""
    words = doc.text[start:end]
    had = words in doc.entities[speech].aliases
    doc.mention(speech, start, end)
    if not had and words in doc.entities[speech].aliases:
        doc.entities[speech].aliases.remove(words)


def _from(doc: Doc, key: str, pos: int) -> int:
    """Start of the last mention of ``key`` before ``pos``."""
    return max(s for s, e in doc.entities[key].mentions if e <= pos)


def _speakers(doc: Doc, pos: int, single: bool) -> list[str]:
    """The people speaking at ``pos``: the nearest person before it in its sentence, or (after
    并: 出席…并致辞) every person of the sentence before it."""
    start, _ = sentence_of(doc.text, pos)
    people = []
    for s, e, key in doc.at(start, pos):
        if doc.kind(key) == "person" and key not in people:
            people.append(key)
    if not people:
        return []
    return people[-1:] if single else people


def _remarks(doc: Doc, m: re.Match, people: list) -> bool:
    """X表示，… (指出, 强调, 要求) with X (a person) written right before the verb and no speech of X's drafted
    yet: X's remarks, a Speech X ``delivers``, named X讲话 and mentioned by the verb; whether it was one."""
    text = doc.text
    if not people or people[-1][1] != m.start() or text[m.end():m.end() + 1] not in "，：:," or not doc.free(*m.span()) \
            or _GREETING.match(text, m.end() + 1, m.end() + 9) \
            or any(r["relation"] == "delivers" and r["subject"] == people[-1][2] for r in doc.relations):
        return False
    speaker = people[-1]
    name = doc.entities[speaker[2]].zh + "讲话"
    key = doc.entity("new:speech:" + name, "Speech", name, True, "speech:X表示，…").key
    doc.mention(key, *m.span())          # mentioned by its verb
    doc.relations.append(relation(doc, speaker[2], "delivers", key, speaker[0], m.end(), "speech:X表示，…"))
    return True
