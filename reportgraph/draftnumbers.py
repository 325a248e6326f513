"""Numbers of a report, for the draft (:mod:`reportgraph.draft`): every number with a unit of the
units table, read by :func:`reportgraph.quantities.parse`, with its qualifiers, what it is about
(:mod:`reportgraph.draftabout`) and the words naming what it measures.
"""

import bisect
import re
from collections.abc import Mapping

from .draftabout import about, anaphor_places
from .draftnames import Doc
from .model import Unit
from .quantities import QuantityError, parse
from .vocab import QUALIFIERS

_PRE = ("不低于", "不少于", "超过", "突破", "约", "近", "超", "逾")
_QUALIFIER_OF = {q.marker: key for key, q in QUALIFIERS.items()}
_QUALIFIER_OF.update({"超过": "over", "不少于": "atLeast"})


def find_numbers(doc: Doc, units: Mapping[str, Unit], home: Mapping[str, str] | None = None,
                 title: str | None = None) -> None:
    """Every number with a unit of the units table (959.33万吨, 30余家, 80%以上, 三十余载),
    read by :func:`reportgraph.quantities.parse`, with its qualifiers, what it is ``about``
    (:func:`about`; with no subject, the industry the headline ``title`` names, else the report's
    place) and its ``variable`` (:func:`variable`)."""
    written = {form: unit for unit in units.values() for form in unit.written}
    if not written:
        return
    iris = {form: unit.iri for form, unit in written.items()}
    pattern = re.compile(
        r"(?P<pre>%s)?(?P<raw>(?P<num>\d+(?:\.\d+)?|[零一二两三四五六七八九]*[十百千][零一二两三四五六七八九十百千]*)"
        r"(?P<odd>余|多)?(?P<mult>[万亿]*)(?P<unit>%s)(?P<post>以上|左右|以下|余|多)?)"
        % ("|".join(_PRE), "|".join(re.escape(f) for f in sorted(written, key=len, reverse=True))))
    text, cuts = doc.text, Cuts(doc.text)
    places = anaphor_places(doc, home or {})
    homes = [k for k in (home or {}).values() if doc.entities[k].mentions]
    place = max(homes, key=lambda k: (len(doc.entities[k].mentions), k)) if homes else None
    last: dict = {"sentence": -1, "about": None, "variable": None, "line": -1, "place": place,
                  "default": _headline_industry(doc, title) or place}
    for m in pattern.finditer(text):
        if _not_a_quantity(text, m):
            continue
        try:
            value, iri = parse(m["raw"], iris)
        except QuantityError:
            continue
        marks = [m["pre"], m["odd"], m["post"]]
        qualifiers = sorted({_QUALIFIER_OF[x] for x in marks if x in _QUALIFIER_OF})
        start, end = cuts.clause(m.start())
        sentence = cuts.sentence(m.start())
        var = variable(doc, start, m.start(), m.end(), end, last if last["sentence"] == sentence[0] else None)
        about_key = about(doc, sentence[0], m.start(), end, places, last, cuts.line(m.start()),
                          bool(var and var["zh"].endswith("产量")))
        last.update(sentence=sentence[0], about=about_key, variable=var, line=cuts.line(m.start()))
        doc.observations.append({
            "about": about_key, "variable": var, "raw": m["raw"],
            "value": int(value) if value == value.to_integral_value() else float(value),
            "unit": next(u.key for u in units.values() if u.iri == str(iri)) if iri else None,
            "qualifiers": qualifiers, "quote": text[start:end], "start": start, "end": end,
            "rule": "number:" + (written[m["unit"]].key)})


def _headline_industry(doc: Doc, title: str | None) -> str | None:
    """The industry the headline ``title`` names (2022年某市铜产业发展统计公报): a bulletin's figures that
    name no subject are that industry's, not its city's."""
    at = doc.text.find(title) if title else -1
    if at == -1:
        return None
    return next((k for s, e, k in doc.at(at, at + len(title)) if doc.kind(k) == "industry"), None)


class Cuts:
    """The offsets where a text's clauses, sentences and lines end, found once (no rescanning of the
    text for each number: a megabyte of text stays linear)."""

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.clauses = [i for i, c in enumerate(text) if c in "，。；：！？\n,;:!?"]
        self.sentences = [i for i, c in enumerate(text) if c in "。；！？\n;!?"]
        self.lines = [i for i, c in enumerate(text) if c == "\n"]

    @staticmethod
    def _around(cuts: list[int], pos: int, n: int) -> tuple[int, int]:
        i = bisect.bisect_left(cuts, pos)
        return (cuts[i - 1] + 1 if i else 0), (cuts[i] if i < len(cuts) else n)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos`` (between ，。；： and the like), its end before the mark."""
        return self._around(self.clauses, pos, self.n)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._around(self.sentences, pos, self.n)

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.lines, pos)



_LEAD = re.compile(r"(?:\d{4}年(?:\d{1,2}(?:[-—至~]\d{1,2})?月)?|今年(?:\d{1,2}(?:[-—至~]\d{1,2})?月)?|去年|全年|年末|"
                   r"上半年|下半年|目前|现有|现|已有|已|共有|共|拥有|累计|其中|实现|完成|新增|同比|全市|全省|本市|我市|"
                   r"全区|全县|我国|全国|近年来|截至[^，]{0,8}|年|力争|预计|当年|达产后|可|有(?![色限机效关])|共计|总计|的)+")
_TAIL = re.compile(r"(?:同比|比上年|分别|增长|下降|提高|增加|减少|达到|达|为|是|超过|突破|超|逾|约|近|不低于|不少于|共|合计|总计|累计|实现|有|了|的|由)+$")
_CARRIED = re.compile(r"^(?:同比|比上年|比去年|比去年同期|较上年|分别)?(?:增长|下降|提高|增加|减少|降低|回落|上升|占|是)")
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff“”]{2,12}?(?=[，。；、,]|进行|参加|出席|参会|与会|齐聚|到场|组成|签约|落户|入驻|$|的|和|及|与)")


def variable(doc: Doc, c_start: int, pos: int, num_end: int, c_end: int, before: dict | None) -> dict | None:
    """The words naming what the number at ``pos`` measures, as ``{"zh", "start", "end"}`` (a span of
    the text): the words of its clause before it (产值 in 全市X产业实现产值约…; 规模以上企业 in
    规模以上企业达到…), after its subject and times and without the verbs; the variable of the number
    before it in the sentence for a rate or share (同比增长…, 占全省的…); the noun after a count
    (6个重点项目); None if none."""
    text = doc.text
    attending = _NOUN_AFTER.match(text, num_end, c_end)
    if attending and re.match(r"参加|出席|参会|与会|齐聚|到场", text[attending.end():attending.end() + 2]):
        return {"zh": attending.group(), "start": attending.start(), "end": attending.end()}   # N余名代表参加
    start = c_start
    for s, e, key in doc.at(c_start, pos):
        start = max(start, e)
    start = max(start, text.rfind("、", start, pos) + 1)      # 签约项目N个、总投资M亿元: after the list mark
    lead = _LEAD.match(text, start, pos)
    start = lead.end() if lead else start
    words = text[start:pos]
    if _CARRIED.match(words) and before is not None:
        return before["variable"]
    tail = _TAIL.search(words)
    end = start + (tail.start() if tail else len(words))
    inner = re.search(r"实现|完成|拥有|共有|现有|引进|签约|新增", text[start:end])
    if inner and inner.end() < end - start:
        start += inner.end()
    if end - start >= 2 and all("\u4e00" <= c <= "\u9fff" or c in "“”（）()" for c in text[start:end]) \
            and end - start <= 20:
        return {"zh": text[start:end], "start": start, "end": end}
    after = _NOUN_AFTER.match(text, num_end + (text[num_end:num_end + 1] == "的"), c_end)   # N亿元的产值
    if after and not re.match(r"进行|参加|组成|以上|左右", after.group()):
        return {"zh": after.group(), "start": after.start(), "end": after.end()}
    return None


def _not_a_quantity(text: str, m: re.Match) -> bool:
    """A date (2022年), an ordinal (第三), part of a longer number, or a year count without 余/十."""
    before = text[m.start("num") - 1:m.start("num")] if m.start("num") else ""
    if before and (before.isdigit() or before in ".第/-—～~"):
        return True
    if m["unit"] in ("年", "载"):
        return m["num"].isdigit() and (len(m["num"]) == 4 or not m["odd"])
    return m["unit"] in ("个", "位", "名", "次") and not m["num"][0].isdigit() and not m["odd"]
