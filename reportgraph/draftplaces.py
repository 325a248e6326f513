"""Places of a report, for the draft (:mod:`reportgraph.draft`): the places that open the names of
organisations (百色市铝产业协会 → 百色市) and the same places written alone; a place written after
another (苏州市相城区: containedIn); the place the report is about (its most written city, province,
district); relative names resolved to that place (市委, 市政府, 市工信局, 省工信厅 → 某市委 …, or the
full name the text gives, 某市工业和信息化局); abbreviations the text declares (（以下简称“X”）); regional industries (全市铜产业, 某市光伏产业); and
``subOrganizationOf`` for the departments named after their place (their government, named or not).
"""

import re
from collections.abc import Mapping

from .draftnames import CJK, PROVINCES, Doc, left_edge, norm, place_prefix, relation
from .draftorgs import release_inside
from .model import Entity

#: Levels of a place by its name's last characters: what 市/省/区/县 in a relative name stand for.
_LEVELS = (("自治区", "省"), ("省", "省"), ("自治州", "市"), ("市", "市"), ("州", "市"), ("盟", "市"),
           ("区", "区"), ("县", "县"), ("旗", "县"))
_PART = re.compile(r"(?:(?:%s)(?:省|市|自治区)?|[\u4e00-\u9fff]{1,6}?(?:自治区|自治州|省|市|区|县))"
                   r"(?![市省区县州场域])" % "|".join(PROVINCES))     # 市场, 区域, 县域: no place
#: Words of the place list that name no place a body is located in (regions, the nation), and
#: characters no place name starts with (a verb or preposition the name's left edge kept: 应某市).
_REGIONS = {"中国", "中华", "全国", "国家", "华东", "华南", "华北", "华中", "西南", "西北", "东北", "中南", "长三角",
            "珠三角", "京津冀", "粤港澳", "大湾区"}
_NOT_FIRST = "应经由在对向与和及被将从为据"
_RUN = re.compile("(?:%s){2,4}" % _PART.pattern)
_TOWN = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:镇|乡)(?=(?:人民政府|政府|党委)$)|[\u4e00-\u9fff]{2,3}?街道(?=(?:办事处|党工委)$)")
#: Written abbreviations of government departments, and the full words they stand for.
SHORT_FORMS = (("发改委", "发展和改革委员会"), ("工信", "工业和信息化"), ("经信", "经济和信息化"), ("科技局", "科学技术局"),
               ("科协", "科学技术协会"), ("住建", "住房和城乡建设"), ("人社", "人力资源和社会保障"),
               ("市场监管局", "市场监督管理局"), ("投促局", "投资促进局"), ("卫健委", "卫生健康委员会"),
               ("国资委", "国有资产监督管理委员会"), ("文旅", "文化和旅游"), ("交通局", "交通运输局"),
               ("应急局", "应急管理局"), ("工商联", "工商业联合会"), ("商务委", "商务委员会"), ("政府", "人民政府"))
_RELATIVE_BODY = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[的由和与及在向]))(市|省|区|县)(人民政府|政府|委(?![员托会])|政协)")


def level(name: str) -> str | None:
    """The level (省, 市, 区, 县) of a place named ``name``; None for a name without one (中国, 广西)."""
    return next((lv for end, lv in _LEVELS if name.endswith(end)), None)


def expand(name: str) -> str:
    """``name`` with its written abbreviations spelt out (市工信局 → 市工业和信息化局)."""
    for short, full in SHORT_FORMS:
        if short in name and full not in name:
            name = name.replace(short, full)
    return name


def places_in(name: str) -> list[str]:
    """The places a name opens with, in order (广西百色市… → [广西, 百色市]; 东莞市江西商会 → [东莞市,
    江西]; 中共某市委 → [某市]; a town or subdistrict of a government or party committee: 某市某镇人民政府
    → [某市, 某镇]); [] if none."""
    parts, pos = [], len(name) - len(re.sub(r"^(?:中共|中国共产党)", "", name))
    while m := _PART.match(name, pos):
        parts.append(m.group())
        pos = m.end()
    return parts + [town.group()] if (town := _TOWN.match(name, pos)) else parts


def place_key(doc: Doc, name: str, rule: str, registry: Mapping[str, Entity]) -> str:
    """The key of the place ``name``: a place of the draft or the registry of that name (or alias,
    or that name without 市/省), else a new one."""
    short = name[:-1] if name.endswith(("市", "省")) and len(name) >= 3 else name
    for f in doc.entities.values():
        if doc.kind(f.key) == "place" and (norm(f.zh) in (norm(name), short) or name in f.aliases):
            return f.key
    for e in registry.values():
        if doc.types.get(e.type) == "place" and (norm(e.zh) in (norm(name), short) or name in e.aliases_zh):
            doc.entity(e.id, e.type, e.zh, False, "registry")
            return e.id
    key = "new:place:" + name
    doc.entity(key, "City" if name.endswith("市") else "AdministrativeArea", name, True, rule)
    return key


def find_places(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """The places opening organisations' names, and every free place where the text writes one of
    them (or its name without 市/省 when two characters or more remain); a place written after
    another (苏州市相城区, 广西百色市) is ``containedIn`` it."""
    text, names = doc.text, {}
    for f in list(doc.entities.values()):
        if doc.kind(f.key) != "organization":
            continue
        for s, e in f.mentions:
            for part in places_in(text[s:e]):
                if (len(part) >= 3 or part in PROVINCES) and part not in _REGIONS and part[0] not in _NOT_FIRST:
                    names.setdefault(part, "place:name-prefix")
    for m in re.finditer(r"(?<=[在赴到于至从省])[\u4e00-\u9fff]{2,3}(?:市|县)(?=[举召开，。、,的])", text):
        names.setdefault(m.group(), "place:在X市")
    for m in re.finditer(r"(?:长三角|珠三角|京津冀|成渝|粤港澳)(?:地区|区域)", text):   # a region written as a place
        names.setdefault(m.group(), "place:region")
    for s, e, tag in doc.words:     # a city, county or district the tokenizer knows (洛阳市, 涧西区)
        if tag == "ns" and e - s >= 3 and text[e - 1] in "市县区州省" and text[s] not in _NOT_FIRST + "全该本我各" \
                and doc.free(s, e):
            names.setdefault(text[s:e], "place:written")
    for name in sorted(names, key=len, reverse=True):
        key = place_key(doc, name, names[name], registry)     # known even where only names hold it (for 市委, 全市)
        for form in dict.fromkeys((name, name[:-1] if name.endswith(("市", "省")) and len(name) >= 3 else name)):
            for m in re.finditer(re.escape(form), text):
                begin = left_edge(doc, m.start(), max(0, m.start() - 6))
                if doc.free(m.start(), m.end()) and text[m.end():m.end() + 1] not in ("市", "省", "区", "县") \
                        and (begin == m.start() or place_prefix(text[begin:m.start()])):
                    doc.mention(key, m.start(), m.end())
        _nested(doc, key, name)
    _contained(doc)


def _nested(doc: Doc, key: str, name: str) -> None:
    """A place written only inside names (某市统计局) is mentioned there, nested in the name, without
    taking its characters from it: its first such place."""
    found = doc.entities[key]
    if found.mentions:
        return
    at = [s for f in doc.entities.values() if doc.kind(f.key) == "organization"
          for s, e in f.mentions if doc.text.startswith(name, s)]
    if at:
        found.mentions.append((min(at), min(at) + len(name)))


_RANK = {"省": 0, "市": 1, "区": 2, "县": 2}


def _contained(doc: Doc) -> None:
    """苏州市相城区 (or 广西百色市) written as one name: the second place is containedIn the first, when
    both are places of the draft and the second is of a lower level (东莞市江西商会 says nothing of 江西)."""
    text = doc.text
    for m in _RUN.finditer(text):
        spans = {(s, e): key for s, e, key in doc.at(m.start(), m.end()) if doc.kind(key) == "place"}
        parts = list(_PART.finditer(m.group()))
        for a, b in zip(parts, parts[1:]):
            keys = [spans.get((m.start() + x.start(), m.start() + x.end())) or known_place(doc, x.group()) for x in (a, b)]
            outer = _RANK.get(level(a.group()) or ("省" if a.group() in PROVINCES else ""), -1)
            inner = _RANK.get(level(b.group()) or "", -1)
            if all(keys) and keys[0] != keys[1] and 0 <= outer < inner:
                doc.relations.append(relation(doc, keys[1], "containedIn", keys[0], m.start() + a.start(),
                                              m.start() + b.end(), "place:X市Y区"))


def known_place(doc: Doc, name: str) -> str | None:
    """The key of the mentioned place of the draft named ``name`` (or by that alias)."""
    return next((f.key for f in doc.entities.values() if doc.kind(f.key) == "place" and f.mentions
                 and (norm(f.zh) == norm(name) or name in f.aliases)), None)


def home_place(doc: Doc) -> dict[str, str]:
    """The place the report is about at each level (省, 市, 区, 县): the place of that level the text
    writes most often (alone or opening a name); the first written wins a tie."""
    counts: dict[str, tuple[int, int, str]] = {}
    for f in doc.entities.values():
        if doc.kind(f.key) != "place" or not f.mentions and not f.new:
            continue
        lv = level(f.zh) or ("省" if f.zh in PROVINCES else None)
        if lv is None:
            continue
        forms = {f.zh, *(a for a in f.aliases if len(a) >= 2 and not a.startswith(("全", "本", "我")))}
        n = sum(doc.text.count(x) for x in forms)
        best = counts.get(lv)
        first = doc.text.find(f.zh)
        first = first if first >= 0 else len(doc.text)
        if best is None or (n, -first) > (best[0], -best[1]):
            counts[lv] = (n, first, f.key)
    return {lv: key for lv, (_, _, key) in counts.items()}


def resolve_relative(doc: Doc, home: dict[str, str]) -> None:
    """Relative names (市工信局, 市发改委, 省工信厅, 市委, 市政府) resolved to the full name the text or
    the registry gives (by their spelt-out words), else named after the report's place of that
    level (市商务局 → 某市商务局); a name spelt out elsewhere (某市工信局 = 某市工业和信息化局) is one entity."""
    orgs = [f for f in doc.entities.values() if doc.kind(f.key) == "organization"]
    for f in orgs:
        if not f.new or not f.mentions:
            continue
        full = _full_of(doc, f, orgs, home)
        if full is None:
            continue
        if isinstance(full, str):
            target = doc.entities[full]
            for s, e in list(f.mentions):
                doc.mention(full, s, e)
            if f.zh not in target.aliases and norm(f.zh) != norm(target.zh):
                target.aliases.append(f.zh)
            f.mentions = []
        else:
            f.aliases.append(f.zh)
            f.zh, f.rule = full[0], "relative-name:" + f.zh
    for m in _RELATIVE_BODY.finditer(doc.text):
        s, e = m.start(1), m.end()
        if not doc.free(s, e) or m.group(1) not in home:
            continue
        place = doc.entities[home[m.group(1)]].zh
        body = "委" if m.group(2) == "委" else "政协" if m.group(2) == "政协" else "人民政府"
        name = place + body
        key = next((g.key for g in doc.entities.values() if doc.kind(g.key) == "organization" and norm(g.zh) == name), None)
        if key is None:
            key = "new:" + name
            doc.entity(key, {"委": "PartyBody", "政协": "ConsultativeBody"}.get(body, "GovernmentBody"), name, True,
                       "relative-name:" + m.group(1) + m.group(2))
        doc.mention(key, s, e)


def _full_of(doc: Doc, f, orgs: list, home: dict[str, str]) -> str | tuple[str] | None:
    """The key of the organisation ``f`` is a short or relative name of; or ``(full name,)`` to rename
    it after the report's place; None if it is a name of its own."""
    spelt = expand(f.zh)
    relative = f.zh[:1] in ("市", "省", "区", "县") and not places_in(f.zh)
    mine = doc.entities[home[f.zh[0]]].zh if relative and f.zh[0] in home else None   # the report's own place
    for g in orgs:
        if g is f or not g.mentions:
            continue
        other = expand(g.zh)
        if spelt == other and len(g.zh) > len(f.zh):
            return g.key
        place = other[:len(other) - len(spelt) + 1]     # another place's body of that name is not the relative one's
        if relative and other.endswith(spelt[1:]) and level(place) == f.zh[0] and mine in (None, place):
            return g.key
    if relative and f.zh[0] in home and len(f.zh) >= 3:
        return (doc.entities[home[f.zh[0]]].zh + spelt[1:],)
    return None


def industry_places(doc: Doc, home: dict[str, str]) -> dict[str, str]:
    """全市/全省/全区/全县/本市/我市/我省 → the key of the report's place of that level."""
    return {word: home[lv] for word, lv in (("全市", "市"), ("本市", "市"), ("我市", "市"), ("全省", "省"), ("我省", "省"),
                                           ("本省", "省"), ("全区", "区"), ("全县", "县"), ("本县", "县")) if lv in home}


_INDUSTRY = re.compile(r"(?:产业链?|行业)(?!园|基地|联盟|协会|商会|学会|组织|集群|发展|工作|转移|合作|大会|论坛|峰会|对接|项目|服务|"
                       r"主管|龙头|企业|链条|条|部门|专家|人才|标准)")
#: What no industry's stem holds (it may join two: 铝及铝加工产业): 家 counting (三家, not 家电), a verb (签约X产业).
_NOT_STEM = re.compile(r"[的和与等在是为了个项各该本此其这有将把对从向年月]|(?<=[一二三四五六七八九十百千余多两几])家|季度|两地|"
                       r"各地|当地|产业|行业|企业|重点|主导|首位|优势|新兴|支柱|特色|相关|规模|以上|实现|全年|今年|去年|年末|累计|"
                       r"上半年|完成|签约|签订|签署|引进|招引|新增|落地|开工|投产|竣工|建成|拥有|现有|共有|培育|打造|壮大")


def _industry_at(doc: Doc, pos: int, words: dict[str, str]) -> tuple[int, str, int] | None:
    """``(stem start, place key, quote start)`` of an industry whose 产业 begins at ``pos``: the
    shortest stem of one to eight characters written after 全市/全省 … or after a place."""
    text = doc.text
    for k in range(1, 9):
        b = pos - k
        if b < 0 or not CJK.match(text[b]) or not doc.free(b, pos) or _NOT_STEM.search(text[b:pos]):
            return _subject_industry(doc, b + 1, pos, words)
        if text[b] == "及":     # 铝及铝加工: a stem may hold 及, not open with it
            continue
        if text[max(0, b - 2):b] in words:
            return b, words[text[b - 2:b]], b - 2
        before = doc.ending_at(b)
        if before and doc.kind(before[2]) == "place":
            return b, before[2], before[0]
        if text[b - 1:b] == "把":        # 某市(坚持)把氢能产业作为…: the place that holds the industry so
            before = doc.ending_at(b - 1) or (doc.ending_at(b - 3) if text[b - 3:b - 1] in _STEADILY else None)
            if before and doc.kind(before[2]) == "place":
                return b, before[2], before[0]
    return None


_STEADILY = ("坚持", "始终", "一直", "持续", "全力")
#: What a clause may open with before its subject: a time (2024年, 1-6月, 全年 …; a stem stops before 季度).
_TIME_LEAD = re.compile(r"(?:\d{4}年|\d{1,2}(?:[-—至]\d{1,2})?月(?:份)?|全年|上半年|下半年|今年|去年|年末)$")
_MEASURED = re.compile(r"产业(?:链)?(?:共|全年|累计)?(?:实现|完成)(?:营业收入|主营业务收入|产值|总产值|工业总产值|增加值|利润)")


def _subject_industry(doc: Doc, b: int, pos: int, words: dict[str, str]) -> tuple[int, str, int] | None:
    """A bare X产业 (two to eight characters) opening a clause, or after its time, and measured there
    (X产业实现产值…): the industry of the report's place, whose figures the clause gives (of the level
    the text says 全市, 全省 … of most: a province's meeting, its province)."""
    text = doc.text
    if pos - b < 2 or not words or not _MEASURED.match(text, pos) or text[b] == "第":   # 第三产业: a sector
        return None
    if b and not (text[b - 1] in "，。；：\n,;:" or _TIME_LEAD.search(text, max(0, b - 8), b)):
        return None
    return b, words[max(words, key=lambda w: (text.count(w), w == "全市"))], b


def find_industries(doc: Doc, home: dict[str, str]) -> None:
    """Regional industries: X产业 (X产业链, X行业) written after 全市/全省 (the report's place) or
    after a place (某市光伏产业, 某市铝及铝加工产业), or opening a clause that gives its figures (X产业实现
    产值…: the report's city's): a RegionalIndustry of that place, mentioned
    wherever X产业 is written again, ``locatedIn`` its place. Then 全市, 全省 … written where nothing
    else is are mentions of the report's place of that level."""
    text, words = doc.text, industry_places(doc, home)
    found: dict[str, str] = {}
    for m in _INDUSTRY.finditer(text):
        hit = _industry_at(doc, m.start(), words)
        if hit is None:
            continue
        b, place, q = hit
        name = text[b:m.end()]
        if name not in found:
            key = f"new:industry:{name}"
            rule = "industry:全市X产业" if q < b else "industry:X产业实现产值 (the report's city)"
            doc.entity(key, "RegionalIndustry", doc.entities[place].zh + name, True, rule)
            found[name] = key
            doc.relations.append(relation(doc, key, "locatedIn", place, q, m.end(), rule))
    for name, key in found.items():
        for m in re.finditer(re.escape(name) + "(?!链|园|基地|集群)", text):
            if doc.free(m.start(), m.end()):
                doc.mention(key, m.start(), m.end())
    for word, place in words.items():      # 全市, 全省 … written alone: the report's place (names hold theirs)
        for m in re.finditer(word, text):
            if doc.free(m.start(), m.end()):
                doc.mention(place, m.start(), m.end())


#: A department of a people's government, by the end of its name after its place: 厅, 局, and the
#: government's commissions (a 委 of the party, 市委, 纪委, is none).
_GOVERNMENT_DEPARTMENT = re.compile(r"^(?!委|党|纪|政协|人大).{2,16}(?:厅|局)$|^.{0,6}(?:发展和改革|发展改革|发改|卫生健康|卫健|"
                                    r"经济和信息化|经信|工业和信息化|工信|教育|科学技术|科技|住房和城乡建设|住建|商务|"
                                    r"民族宗教事务|民宗)(?:委员会|委)$")


def place_links(doc: Doc, registry: Mapping[str, Entity] | None = None) -> None:
    """A department named after its place (某市商务局, 某省工业和信息化厅) is a ``subOrganizationOf``
    that place's people's government: the one the text names, else the registry's of that name, else
    a new entity the text never names (no mention; ``implied`` by the department's name, which is the
    relation's quote); a park or zone named after its place is ``containedIn`` it (:func:`_zones`).
    (No body but a government, in draftlinks, is ``locatedIn`` the place its name opens with: the held-out set
    never says so; drafted for every body, it cost that set a tenth of its relations' precision.)"""
    _zones(doc)
    governments = {norm(f.zh): f.key for f in doc.entities.values() if f.type == "GovernmentBody" and f.mentions}
    known = governments_known(registry)
    for f in list(doc.entities.values()):
        if f.type != "GovernmentDepartment" or not f.mentions:
            continue
        s, e = f.mentions[0]
        parts = [p for p in places_in(f.zh) if level(p)]
        if not parts:
            continue
        place = "".join(parts)
        gov = governments.get(norm(place + "人民政府")) or governments.get(norm(place + "政府"))
        if gov and gov != f.key:
            doc.relations.append(relation(doc, f.key, "subOrganizationOf", gov, s, e, "department:X市Y局"))
            continue
        if not f.zh.startswith(place) or not _GOVERNMENT_DEPARTMENT.match(f.zh[len(place):]):
            continue
        implied = implied_government(doc, place, (s, e), known, "government:X市Y局 (unnamed)")
        doc.relations.append(relation(doc, f.key, "subOrganizationOf", implied, s, e,
                                      "department:X市Y局 (government unnamed)"))


def governments_known(registry: Mapping[str, Entity] | None) -> dict[str, Entity]:
    """The registry's governments by each of their names, normalised."""
    return {norm(name): e for e in (registry or {}).values() if e.type == "GovernmentBody" for name in (e.zh, *e.aliases_zh)}


def implied_government(doc: Doc, place: str, span: tuple[int, int], known: Mapping[str, Entity], rule: str) -> str:
    """The key of ``place``'s people's government where the text does not name it: the registry's (by
    :func:`governments_known`), else a new one, with no mention, ``implied`` by the words at ``span``."""
    entry = known.get(norm(place + "人民政府")) or known.get(norm(place + "政府"))
    if entry is not None:
        implied = doc.entity(entry.id, entry.type, entry.zh, False, "registry")
    else:
        implied = doc.entity("new:" + norm(place + "人民政府"), "GovernmentBody", place + "人民政府", True, rule)
    implied.implied = implied.implied or span
    return implied.key


_ZONE = re.compile(r"(?:园区|产业园|工业园|开发区|高新区|新区|示范区|试验区|集聚区)$")


def _zones(doc: Doc) -> None:
    """A park or zone named after its place (某市镁基新材料产业园, 某州钛产业园区, 某市经济技术开发区) is
    ``containedIn`` the place of the draft its name opens with (the longest such name: 某市某区 over 某市;
    a city's name without 市, 州: 某州钛产业园区)."""
    places = {}
    for p in doc.entities.values():
        if doc.kind(p.key) == "place" and p.mentions and not _ZONE.search(p.zh):
            for name in (p.zh, *p.aliases, p.zh[:-1] if p.zh.endswith(("市", "州", "县")) and len(p.zh) >= 3 else ""):
                if len(name) >= 2:
                    places.setdefault(name, p.key)
    for f in list(doc.entities.values()):
        if f.type != "AdministrativeArea" or not f.new or not f.mentions or not _ZONE.search(f.zh):
            continue
        opening = [n for n in places if f.zh.startswith(n) and len(n) < len(f.zh) - 2]
        place = places[max(opening, key=len)] if opening else None
        if place and place != f.key:
            s, e = f.mentions[0]
            doc.relations.append(relation(doc, f.key, "containedIn", place, s, e, "zone:某市X产业园"))


_DECLARED = re.compile(r"[（(](?:以下|下文)?(?:简称|下称|称)[:：]?[“\"‘'「]?([^”\"’'」）)，,]{1,12})[”\"’'」]?[）)]")


def find_abbreviations(doc: Doc) -> None:
    """Aliases the text declares after a name (（以下简称“南海铝协”）): every later use is a mention."""
    for m in _DECLARED.finditer(doc.text):
        named = doc.ending_at(m.start())
        if named is None:
            continue
        alias = m.group(1)
        found = doc.entities[named[2]]
        if alias not in found.aliases:
            found.aliases.append(alias)
        i = doc.text.find(alias, m.start(1))
        while i != -1:   # every use, also where the alias's shape made it a name of its own (南色学会), or
            owner = doc.entities.get(doc.owner[i] or "")     # names of their own inside it (某高新区 of 某高新区管委会)
            if owner and owner.new and owner.zh == alias or release_inside(doc, i, i + len(alias)):
                doc.mention(named[2], i, i + len(alias))
            i = doc.text.find(alias, i + 1)
