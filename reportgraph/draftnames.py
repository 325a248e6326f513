"""Names in a report's text, for the draft (:mod:`reportgraph.draft`): the registry's names and
aliases (longest match, brackets and spaces normalised), new organisations and places by the
shape of Chinese names (place prefix + body + 协会/学会/局/公司 …, nested units); declared
abbreviations are in :mod:`reportgraph.draftplaces`.

Everything here works on a :class:`Doc`: the text, the entities found so far and which characters
their mentions cover, so that a later rule never claims a span an earlier one took.
"""

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .draftwords import APPOINTED, EVENT_STOPS, STOP_WORDS, clause_start, in_place_word, marks_in, name_start
from .model import Entity

#: Kinds of registry entries the draft looks for (concepts and chains are left to the curator).
KINDS = {"organization", "group", "person", "event", "place", "agreement", "industry"}
BRACKETS = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]", "—": "-",
                          "－": "-", "·": "·", "，": ",", "：": ":"})
SPACES = " \t\u3000\u00a0"
PUNCT = set("，。、；：！？,.;:!?“”\"‘’'《》〈〉<>「」『』\n\r\t 　…|/\\")
CJK = re.compile(r"[\u4e00-\u9fff]")

#: A name made only of these words (after 全/本/该 …) is generic: 行业协会, 会员企业, 大会.
_GENERIC_HEADS = tuple("人民政府 政府 政协 党组 委 协会 学会 商会 商协会 联盟 集团 公司 企业 单位 部门 司局 大会 会议 盛会 对接会 座谈会 论坛 "
                       "峰会 签约仪式 仪式 活动 考察团 代表团 一行 一行人 中心 部 局 厅".split())
_GENERIC_MODIFIERS = re.compile(r"^(?:全|本|该|此|我|各|其|这|那|有关|相关|上述|下属|所属|旗下|两地|双方|省|市|区|县|自治区|产业|行业|会员|"
                                r"成员|重点|主要|民营|国有|地方|当地|一家|这家|友好|兄弟|两个|上市|龙头|骨干|规上|规模以上|头部|领军|配套|参展|参会|"
                                r"外资|中小|大型|知名|优秀|科技型|专精特新|各类|首批|示范|港澳|异地|家)*")   # 家: 7家 + 商协会
_GENERIC_WORDS = {"国内", "全国", "我国", "全省", "全市", "全区", "全县", "当地", "本地", "自治区"}


def generic(name: str) -> bool:
    """Whether ``name`` names no particular entity by itself (市政府, 大会, 会员企业, 全市).

    >>> generic("产业联盟"), generic("市人民政府"), generic("南海铝协"), generic("全区")
    (True, True, False, True)
    """
    if name in _GENERIC_WORDS:
        return True
    rest = _GENERIC_MODIFIERS.sub("", name)
    return rest == "" or rest in _GENERIC_HEADS


def normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with full-width brackets made ASCII and spaces dropped, and for each character
    of the result its offset in ``text`` (广东（南海） 铝 → 广东(南海)铝, [0, 1, 2, 3, 4, 5, 7])."""
    index = [i for i, ch in enumerate(text) if ch not in SPACES]
    return "".join(text[i] for i in index).translate(BRACKETS), index


def norm(name: str) -> str:
    """``name`` as :func:`normalised` writes it (the key names are compared by)."""
    return normalised(name)[0]


@dataclass
class Found:
    """An entity of the draft: a registry entry (``new`` false) or one the text names (or, ``implied``
    by the span of another's name, one it never names: a department's government)."""
    key: str
    type: str
    zh: str
    new: bool
    rule: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    implied: tuple[int, int] | None = None


@dataclass
class Doc:
    """A text being drafted: entities by key, and which entity's mention covers each character."""
    text: str
    types: Mapping[str, str]                      # entity type key -> kind (vocab.TYPES)
    entities: dict[str, Found] = field(default_factory=dict)
    owner: list[str | None] = field(default_factory=list)
    words: list[tuple[int, int, str]] = field(default_factory=list)   # tokens: start, end, tag
    posts: list[dict] = field(default_factory=list)   # added by draftrules.add_post, each once (posted)
    relations: list[dict] = field(default_factory=list)
    observations: list[dict] = field(default_factory=list)
    _tokens: dict = field(default_factory=dict, repr=False)
    posted: set = field(default_factory=set, repr=False)   # every post added, as a tuple of its values

    def __post_init__(self) -> None:
        self.owner = [None] * len(self.text)

    def kind(self, key: str | None) -> str | None:
        """The kind (organization, person, event …) of the entity ``key``."""
        found = self.entities.get(key) if key else None
        return self.types.get(found.type) if found else None

    def free(self, start: int, end: int) -> bool:
        """Whether no mention covers any character of ``text[start:end]``."""
        return all(o is None for o in self.owner[start:end])

    def entity(self, key: str, type_: str, zh: str, new: bool, rule: str) -> Found:
        """The entity ``key``, made with these fields if it is not there yet."""
        if key not in self.entities:
            self.entities[key] = Found(key, type_, zh, new, rule)
        return self.entities[key]

    def mention(self, key: str, start: int, end: int) -> None:
        """Record that ``text[start:end]`` names ``key`` (taking the characters from any other)."""
        for i in range(start, end):
            old = self.owner[i]
            if old is not None and old != key:
                self.entities[old].mentions = [m for m in self.entities[old].mentions if not (m[0] < end and start < m[1])]
        for i in range(start, end):
            self.owner[i] = key
        found = self.entities[key]
        if not _holds(found.mentions, (start, end)):
            bisect.insort(found.mentions, (start, end))
        name = self.text[start:end]
        if norm(name) != norm(found.zh) and name not in found.aliases:
            found.aliases.append(name)

    def merge(self, key: str, into: str) -> None:
        """The entity ``key`` is ``into``: its mentions and the facts naming it go to ``into``."""
        for start, end in list(self.entities[key].mentions):
            self.mention(into, start, end)
        for fact in self.relations:
            fact.update({part: into for part in ("subject", "object", "context") if fact.get(part) == key})
        del self.entities[key]

    def at(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The mentions ``(start, end, key)`` lying inside ``text[start:end]``, in order."""
        out, i = [], start
        while i < end:
            key = self.owner[i]
            if key is None:
                i += 1
                continue
            j = i
            while j < end and self.owner[j] == key:
                j += 1
            if _holds(self.entities[key].mentions, (i, j)):
                out.append((i, j, key))
            i = j
        return out

    def token_at(self, start: int) -> tuple[int, int, str] | None:
        """The token of :attr:`words` that starts at ``start``, if any."""
        if len(self._tokens) != len(self.words):
            self._tokens = {w[0]: w for w in self.words}
        return self._tokens.get(start)

    def ending_at(self, end: int) -> tuple[int, int, str] | None:
        """The mention that ends just before offset ``end``, if any."""
        if end <= 0 or self.owner[end - 1] is None:
            return None
        key = self.owner[end - 1]
        return next(((s, e, key) for s, e in self.entities[key].mentions if e == end), None)


def _holds(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether the sorted list ``spans`` holds ``span`` (by bisection)."""
    i = bisect.bisect_left(spans, span)
    return i < len(spans) and spans[i] == span


# --- the registry ---------------------------------------------------------------------------
def registry_names(entities: Mapping[str, Entity], types: Mapping[str, str]) -> dict[str, tuple[str, bool]]:
    """Every zh name and alias of the registry entities worth finding: normalised name ->
    (entity id, whether it needs context: a generic alias is taken only when the entity's own
    name is in the text too). The first entity to claim a name keeps it."""
    names: dict[str, tuple[str, bool]] = {}
    for e in entities.values():
        if types.get(e.type) not in KINDS:
            continue
        names.setdefault(norm(e.zh), (e.id, False))
        for alias in e.aliases_zh:
            contextual = generic(alias) or e.type == "OrganizationalUnit" or \
                (types[e.type] not in ("place", "person") and len(alias) <= 2)
            names.setdefault(norm(alias), (e.id, contextual))
    return names


def find_registry(doc: Doc, entities: Mapping[str, Entity], names: Mapping[str, tuple[str, bool]]) -> None:
    """Mention every registry name and alias the text writes, longest first; a contextual alias
    only for an entity whose name (or a distinctive alias) is written too."""
    flat, index = normalised(doc.text)
    hits = []
    for name, (ident, contextual) in names.items():
        start = flat.find(name)
        while start != -1:
            hits.append((start, start + len(name), ident, contextual))
            start = flat.find(name, start + 1)
    plain = {ident for _, _, ident, contextual in hits if not contextual}
    reach = -1
    for start, end, ident, contextual in sorted(hits, key=lambda h: (h[0], -h[1])):
        if end <= reach or (contextual and ident not in plain):
            continue
        s, e = index[start], index[end - 1] + 1
        if not doc.free(s, e) or generic(entities[ident].zh) and left_edge(doc, s, max(0, s - 12)) < s:
            continue
        reach = end
        entry = entities[ident]
        doc.entity(ident, entry.type, entry.zh, False, "registry")
        doc.mention(ident, s, e)


# --- organisations and places by the shape of their names -----------------------------------
#: Name endings, longest first: the type they give. 部/委/办 only in the forms below (内部, 举办 are no names).
ORG_SUFFIXES = [
    ("股份有限公司", "Company"), ("有限责任公司", "Company"), ("有限公司", "Company"), ("公司", "Company"),
    ("集团", "EnterpriseGroup"), ("人民政府", "GovernmentBody"), ("政府", "GovernmentBody"), ("街道办事处", "GovernmentBody"),
    ("管理委员会", "GovernmentBody"), ("管委会", "GovernmentBody"), ("委员会", "Committee"),
    ("工商业联合会", "ChamberOfCommerce"), ("联合会", "IndustryAssociation"), ("促进会", "IndustryAssociation"), ("协会", "IndustryAssociation"),
    ("研究会", "LearnedSociety"), ("学会", "LearnedSociety"), ("商会", "ChamberOfCommerce"),
    ("联盟", "IndustryAlliance"), ("政协", "ConsultativeBody"), ("人大常委会", "LegislativeBody"), ("办公室", "OrganizationalUnit"), ("秘书处", "OrganizationalUnit"),
    ("科学院", "LearnedSociety"), ("工程院", "LearnedSociety"), ("研究院", "OrganizationalUnit"),
    ("研究所", "OrganizationalUnit"), ("大学", "OrganizationalUnit"), ("学院", "OrganizationalUnit"),
    ("中心", "OrganizationalUnit"), ("银行", "Company"), ("厅", "GovernmentDepartment"),
    ("局", "GovernmentDepartment"), *((s, "OrganizationalUnit") for s in "设计院 医院 服务中心 促进中心 分会 分行 支行 实验室".split()),
    ("专委会", "Committee"), ("事务所", "Company"), ("分公司", "Company"), ("工商联", "ChamberOfCommerce"),
    ("科协", "LearnedSociety"), ("股份公司", "Company"), ("法院", "GovernmentBody"), ("检察院", "GovernmentBody")]
_MINISTRY = re.compile(r"(?:中华人民共和国|国家)?(?:工业和信息化|商务|财政|外交|教育|科学技术|自然资源|生态环境|交通运输|"
                       r"农业农村|水利|文化和旅游|人力资源和社会保障|住房和城乡建设|民政|司法|公安|应急管理)部(?!门)")
_PARTY = re.compile(r"(?:市|省|区|县|州|党)委(?![员托屈婉])")
_DEPT_WI = re.compile(r"(?:发改|经信|工信|科工|卫健|国资|住建|教|科|商)委(?![员托])")
_NOT_BUREAU = re.compile(r"(?:开新局|[格布大结开当全变破赌饭事]局|局(?:[面势部限促])|[展大餐客议送]厅)")
_VENUES = re.compile(r"(?:行政|会展|会议|国际博览|博览|体育|文化|市民)中心$")
PLACE_SUFFIXES = [("经济技术开发区", "AdministrativeArea"), ("高新技术产业开发区", "AdministrativeArea"),
                  ("开发区", "AdministrativeArea"), ("高新区", "AdministrativeArea"), ("产业园", "AdministrativeArea"),
                  ("工业园", "AdministrativeArea"), ("园区", "AdministrativeArea"), ("新区", "AdministrativeArea"),
                  ("示范区", "AdministrativeArea"), ("试验区", "AdministrativeArea")]
_SUFFIX = re.compile("|".join(sorted((re.escape(s) for s, _ in ORG_SUFFIXES + PLACE_SUFFIXES), key=len, reverse=True)))
_TYPE = dict(ORG_SUFFIXES + PLACE_SUFFIXES)

_INSIDE_EVENTS = ("organization", "industry", "event")
_JOIN = set("和与及同跟、")
_ORG_ENDS = tuple(s for s, _ in ORG_SUFFIXES) + ("企业", "单位", "机构", "院所", "部门")   # A企业和B协会: two
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏",
             "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾", "中国", "中华", "全国", "国家", "长三角",
             "珠三角", "京津冀", "粤港澳", "大湾区", "华东", "华南", "华北", "华中", "西南", "西北", "东北", "中南")
_GEO = re.compile(r"^(?:(?:%s)(?:省|市|自治区|地区)?|[\u4e00-\u9fff]{1,6}?(?:自治区|自治州|省|市|区|县|州|盟|旗|镇|乡))+"
                  % "|".join(PROVINCES))


def place_prefix(name: str) -> bool:
    """Whether ``name`` is only places (广东省, 佛山市南海区): what may stand before a known name."""
    return bool(name) and bool(_GEO.fullmatch(name))

def left_edge(doc: Doc, start: int, limit: int, event: bool = False) -> int:
    """Where a name whose head begins at ``start`` begins: leftwards until punctuation, a stop
    word, a conjunction after a name, a person's mention (or any mention, but places, for an
    organisation); digits only in the names of events (2021…峰会)."""
    text, i, stops = doc.text, start, (EVENT_STOPS if event else STOP_WORDS)
    while i > limit:
        ch = text[i - 1]
        if ch in ")）":           # a bracketed place inside the name: 检测中心（苏州）有限公司
            j = max(text.rfind("(", max(limit, i - 8), i - 1), text.rfind("（", max(limit, i - 8), i - 1))
            if j < 0 or i - j > 8 or any(c in PUNCT for c in text[j + 1:i - 1]):
                break
            i = j
            continue
        if event and ch in "”》\"":      # a quoted or titled part of an event's name: “智造某市”招商推介会
            j = max(text.rfind(c, max(limit, i - 24), i - 1) for c in "“《\"")
            if j < 0 or i - j > 24 or any(c in "，。；！？\n" for c in text[j:i]):
                break
            i = j
            continue
        if not (CJK.match(ch) or event and (ch.isalnum() or ch in "-—·")):
            break
        owner = doc.owner[i - 1]
        if owner is not None and doc.kind(owner) != "place" and not (event and doc.kind(owner) in _INSIDE_EVENTS):
            break
        prev = text[max(limit, i - 7):i - 1]
        if event and ch in _JOIN and i >= 2 and doc.kind(doc.owner[i - 2]) == "event":   # E1和E2
            break
        if not event and ch in _JOIN and (prev.endswith(_ORG_ENDS) or i >= 2 and doc.owner[i - 2] is not None
                                          or prev[-1:] in ("）", ")", "”", "\"")):
            break
        before = text[max(limit, i - 4):i]
        if any(before.endswith(w) and not in_place_word(doc, i - len(w), i) for w in stops):
            break
        i -= 1
    return i

_COMPANY_AFTER = re.compile(r"(?:[(（][^)）]{1,6}[)）])?(?:集团|股份|有限|公司|控股)")
_RELATIVE = {"市", "省", "区", "县", "州", "自治区", "镇", "乡", "党"}

def _heads(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` of every name ending of an organisation or place, in order."""
    heads = [(m.start(), m.end(), _TYPE[m.group()]) for m in _SUFFIX.finditer(text)
             if not _COMPANY_AFTER.match(text, m.end())]
    heads += [(m.end() - 1, m.end(), "PartyBody") for m in _PARTY.finditer(text)]
    heads += [(m.end() - 1, m.end(), "GovernmentDepartment") for m in _DEPT_WI.finditer(text)]
    heads += [(m.start(), m.end(), "GovernmentBody") for m in _MINISTRY.finditer(text)]
    heads += [(m.start(), m.end(), "OrganizationalUnit") for m in re.finditer(r"部(?=[^\u4e00-\u9fff]|副|主任|负责|部长)", text)]
    bad = {m.start() + m.group().index(c) for m in _NOT_BUREAU.finditer(text) for c in "局厅" if c in m.group()}
    return sorted(h for h in heads if h[0] not in bad and text[h[1]:h[1] + 1] not in ("长", "场"))


def find_organisations(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """Organisations and places named by the shape of their names; a name nested in another
    organisation's (协会 + 铝业部) is a unit of it (``unitOf``); a registry name with places
    before it (广东省 + 南海铝协) is the registry's entity."""
    text = doc.text
    org_names = {norm(e.zh): e.id for e in registry.values() if doc.types.get(e.type) == "organization"}
    for found in [f for f in doc.entities.values() if doc.kind(f.key) == "organization"]:
        for start, end in list(found.mentions):   # 广东省 + a registry name: the registry's entity
            begin = left_edge(doc, start, max(0, start - 12))
            if begin < start and place_prefix(text[begin:start]):
                doc.mention(found.key, begin, end)
    last_end = -1
    for start, end, type_ in _heads(text):
        if end <= last_end or not doc.free(start, end):
            continue
        begin = name_start(text, left_edge(doc, start, max(0, start - 30)), end)
        name, parent = text[begin:end], doc.ending_at(begin)
        parent = parent if parent and doc.kind(parent[2]) == "organization" else None
        if not _acceptable(text, begin, start, end, type_, parent):
            continue
        if type_ == "OrganizationalUnit" and name.endswith("部") and parent is None and not _MINISTRY.fullmatch(name):
            continue
        last_end = end
        key = _registry_match(doc, name, begin, end, registry, org_names)
        if key is None:
            key = _new_organisation(doc, name, begin, end, type_, parent, text[start:end])
        doc.mention(key, begin, end)

def _acceptable(text: str, begin: int, start: int, end: int, type_: str, parent) -> bool:
    """Whether ``text[begin:end]`` (head at ``start``) is a name rather than a word or a category."""
    name, body = text[begin:end], text[begin:start]
    if APPOINTED.search(body) or generic(name) or "级" in body or name.endswith("部分会") and text[end:end + 1] in "员议场长" \
            or re.match(r"[ \t\u3000]*(?!\d{4}年|一行|[一二三四]季度|[两二三四五六七八九]方|\d{1,2}(?:[-—至]\d{1,2})?月|[一二三四]级(?:巡视员|调研员|主任科员))"
                        r"[\d一二三四五六七八九十几数多]", text[end:end + 8]):
        return False
    if _VENUES.search(name) and type_ != "AdministrativeArea" or text[start - 1:start] in ("和", "与", "及") \
            or name[0] in "家个所座批" and re.match(r"[\d一二两三四五六七八九十百千万几数多余]", text[begin - 1:begin]) \
            or re.match(r"[一二两三四五六七八九十几数多]+余?[家个所座批]", name):
        return False   # a venue; 律师和银行: a bare kind after a conjunction; 12家律师事务所, 两家律师事务所: a count of a kind
    if len(body) < 2 and not (parent or body in _RELATIVE and (type_ in ("GovernmentBody", "PartyBody", "ConsultativeBody", "LegislativeBody")
                                                                or name[1:] in ("工商联", "科协"))   # 市工商联: the city's
                              or _MINISTRY.fullmatch(name) or type_ in ("PartyBody", "GovernmentDepartment") and len(name) >= 3):
        return False
    if type_ == "OrganizationalUnit" and name.endswith("中心") and not (parent or _GEO.match(body)):
        return False
    return True

def _registry_match(doc: Doc, name: str, begin: int, end: int, registry: Mapping[str, Entity],
                    org_names: Mapping[str, str]) -> str | None:
    """The registry organisation ``name`` is, written with places before its name or its
    abbreviation (广东省南海铝协), or with fewer places (南海区铝型材行业协会); None if none."""
    flat = norm(name)
    for known, ident in org_names.items():
        if known.endswith(flat) and len(flat) >= 4 and place_prefix(known[:-len(flat)]):
            doc.entity(ident, registry[ident].type, registry[ident].zh, False, "registry")
            return ident
    return None

def _new_organisation(doc: Doc, name: str, begin: int, end: int, type_: str, parent, head: str) -> str:
    """The key of the new organisation (or place) ``name``, made with its type and, nested in
    another organisation's name, its ``unitOf`` relation."""
    if parent is not None:
        full = doc.text[parent[0]:end]
        key = "new:" + norm(full)
        if key not in doc.entities:
            doc.entity(key, "OrganizationalUnit", full, True, "nested-name")
            doc.relations.append(relation(doc, key, "unitOf", parent[2], parent[0], end, "nested-name"))
        return key
    if type_ == "Company" and "集团" in name:
        type_ = "EnterpriseGroup"
    elif type_ == "Committee" and re.search(r"发展和改革|经济和信息化|工业和信息化|商务|卫生健康", name):
        type_ = "GovernmentDepartment"
    doc.entity(key := "new:" + norm(name), type_, name, True, "name-shape:" + head)
    return key

def relation(doc: Doc, subject: str, key: str, obj: str, start: int, end: int, rule: str, **more: object) -> dict:
    """A drafted relation, its quote ``text[start:end]``."""
    return {"subject": subject, "relation": key, "object": obj, "quote": doc.text[start:end],
            "start": start, "end": end, "rule": rule, **more}

def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence holding offset ``pos`` (up to 。！？；or a line break)."""
    marks = marks_in(text, _SENTENCE_ENDS)   # looked up, not searched for (draftwords.marks_in)
    after = bisect.bisect_left(marks, pos)
    return clause_start(text, pos, _SENTENCE_ENDS), (marks[after] + 1 if after < len(marks) else len(text))


_SENTENCE_ENDS = "。！？；\n!?;"


def mention_all(doc: Doc) -> None:
    """Mention every further place the text writes a found name or alias, where nothing else is."""
    names = sorted(((n, f.key) for f in doc.entities.values() for n in {f.zh, *f.aliases} if len(n) >= 2), key=lambda x: -len(x[0]))
    for name, key in names:
        i = doc.text.find(name)
        while i != -1:
            if doc.free(i, i + len(name)):
                doc.mention(key, i, i + len(name))
            i = doc.text.find(name, i + 1)
