"""Write a synthetic project of many reports shaped like the first, for benchmarks and scale tests.

:func:`write` fills a folder with ``registry/generated.yaml`` and ``reports/<id>/`` (a
``report.txt`` and its ``facts.yaml``) exactly as a curator would: every fact quotes its
sentence, quotes that occur twice say which ``occurrence`` they mean, the report block
carries the text's SHA-256, and aliases are listed as mentions. The build then reads the
files like any others, so a benchmark measures the whole way from YAML to outputs.

Each report resembles the first one: an event with sub-events, organisers and a dozen
attendees, people with posts, memberships, exchanges, a few inferred facts, and about twenty
statistics. Entities come from one shared registry with a long tail: each report draws most
of its organisations, people and places by a Zipf-like weight, so that a few appear in
nearly every report and most in one or two, as in a real corpus. The same arguments always
write the same bytes.
"""

import functools
import hashlib
import itertools
import random
from pathlib import Path

import yaml

_PLACE_SYLLABLES = "安宝北滨昌川东丰福广海和华淮惠吉江金锦静康乐临龙茂南宁平祁清庆泉瑞山韶松泰通万西祥新兴阳宜永云长镇中"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌海波宇浩凯健俊帆鹏鑫昊晨欣怡佳宁瑞博峰"
_INDUSTRIES = [("铝业", "Aluminium"), ("有色金属", "Non-ferrous Metals"), ("铝型材", "Aluminium Profile"),
               ("新材料", "New Materials"), ("装备制造", "Equipment Manufacturing"), ("建材", "Building Materials")]
_BRANDS = "恒盛华兴鑫源金桥永泰宏达广誉嘉豪联发坚美凤铝亚铝伟昌兴发豪美忠旺南山明泰"
_ROLES = [("president", "会长", "President", True), ("vice-president", "副会长", "Vice-President", False),
          ("secretary-general", "秘书长", "Secretary-General", False), ("mayor", "市长", "Mayor", True),
          ("deputy-mayor", "副市长", "Deputy Mayor", False), ("chairman", "董事长", "Chairman", True),
          ("general-manager", "总经理", "General Manager", True), ("director", "主任", "Director", True)]
_VARIABLES = [("aluminium-output", "电解铝产量", "aluminium output", "万吨"),
              ("alumina-output", "氧化铝产量", "alumina output", "万吨"),
              ("industry-output-value", "铝产业产值", "aluminium industry output value", "亿元"),
              ("enterprise-count", "规上企业数量", "number of large enterprises", "个"),
              ("employment", "从业人数", "employment", "人")]
_SECTORS = [("aluminium-processing", "铝精深加工", "aluminium processing"),
            ("recycled-aluminium", "再生铝", "recycled aluminium"),
            ("new-energy", "新能源", "new energy")]


def _names(rng, count, make):
    """``count`` distinct names made by ``make(rng)``."""
    out, seen = [], set()
    while len(out) < count:
        name = make(rng)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


class _Registry:
    """The shared registry: places, their governments, associations, companies and people."""

    def __init__(self, rng, reports):
        self.entries = []
        cities = _names(rng, 12 + reports, lambda r: "".join(r.sample(_PLACE_SYLLABLES, 2)))
        provinces = _names(rng, 4 + reports // 10, lambda r: "".join(r.sample(_PLACE_SYLLABLES, 2)))
        self.provinces = [self._add(f"province-{i}", "AdministrativeArea", f"{p}省", f"{p} Province")
                          for i, p in enumerate(provinces)]
        self.province_of = {}
        self.cities, self.governments, self.associations, self.companies = [], [], [], []
        for i, c in enumerate(cities):
            city = self._add(f"city-{i}", "City", f"{c}市", f"{c} City")
            self.province_of[city] = self.provinces[i % len(self.provinces)]
            self.cities.append(city)
            self.governments.append(self._add(f"city-{i}-government", "GovernmentBody",
                                              f"{c}市人民政府", f"{c} City People's Government"))
            for j, (zh, en) in enumerate(rng.sample(_INDUSTRIES, 2)):
                alias = [f"{c}{zh[0]}协"] if j == 0 and i % 3 == 0 else []
                self.associations.append(self._add(f"city-{i}-association-{j}", "IndustryAssociation",
                                                   f"{c}市{zh}协会", f"{c} City {en} Association", alias))
        for i, c in enumerate(cities):   # six companies a city: brands differ within a city, not across
            for j, b in enumerate(_names(rng, 6, lambda r: "".join(r.sample(_BRANDS, 2)))):
                self.companies.append(self._add(f"company-{i}-{j}", "Company", f"{c}{b}铝业有限公司",
                                                f"{c} {b} Aluminium Co., Ltd."))
        people = _names(rng, 10 * len(cities), lambda r: r.choice(_SURNAMES) + "".join(r.sample(_GIVEN, 2)))
        self.people = [self._add(f"person-{i}", "Person", p, f"Person {i}") for i, p in enumerate(people)]
        for key, zh, en, heads in _ROLES:
            self._add(key, "Role", zh, en, heads=heads)
        for key, zh, en, _unit in _VARIABLES:
            self._add(key, "Variable", zh, en)
        for key, zh, en in _SECTORS:
            self._add(key, "Sector", zh, en)

    def _add(self, ident, type_, zh, en, aliases=(), heads=False):
        ident = _gen(ident)
        entry = {"id": ident, "type": type_, "zh": zh, "en": en}
        if aliases:
            entry["aliases"] = {"zh": list(aliases)}
        if heads:
            entry["heads"] = True
        self.entries.append(entry)
        self.__dict__.setdefault("by_id", {})[ident] = entry
        return ident

    def zh(self, ident):
        return self.by_id[ident]["zh"]

    def alias_or_name(self, rng, ident):
        """How a report writes ``ident``: now and then by its alias, if it has one."""
        aliases = self.by_id[ident].get("aliases", {}).get("zh", [])
        return rng.choice(aliases) if aliases and rng.random() < 0.5 else self.zh(ident)


def _gen(ident):
    """The id of a generated entry: prefixed, so that a generated registry sits beside a real one."""
    return f"gen-{ident}"


def _long_tail(rng, items, k):
    """``k`` distinct items, the first of ``items`` far likelier than the last (weight 1/rank)."""
    cumulative = _cumulative(len(items))   # made once: 1,000 reports draw from lists of 10,000
    chosen = set()
    while len(chosen) < min(k, len(items)):
        chosen.add(rng.choices(range(len(items)), cum_weights=cumulative)[0])
    return [items[i] for i in sorted(chosen)]


@functools.lru_cache(maxsize=8)
def _cumulative(n):
    return list(itertools.accumulate(1 / (rank + 1) for rank in range(n)))


class _Report:
    """One report: its sentences, and the facts each states."""

    def __init__(self, ident, year):
        self.id, self.year = ident, year
        self.sentences = []            # (text, [facts]) ; a fact is (section, entry without quote)
        self.companies = []            # the companies at its event

    def say(self, sentence, *facts):
        self.sentences.append((sentence, list(facts)))


def _write_report(rng, reg, report, number):
    """Compose report ``number``: the event, who came, posts, ties and statistics."""
    city_i, gov, event, forum = _the_event(rng, reg, report, number)
    associations = _who_came(rng, reg, report, event, forum)
    _ties_and_posts(rng, reg, report, gov, event, associations)
    _statistics(rng, reg, report, number, city_i)


def _the_event(rng, reg, report, number):
    """The report's event in a city, its organisers, place and parts; ``(city index, city
    government, event, forum)``."""
    y = report.year
    city_i = rng.randrange(len(reg.cities))
    city, gov = reg.cities[city_i], reg.governments[city_i]
    province = reg.province_of[city]
    industry, industry_en = rng.choice(_INDUSTRIES)
    nth = f"第{number + 1}届"   # every report's own events, told apart by their edition
    event = reg._add(f"event-{number}", "Event", f"{y}{nth}{reg.zh(city)[:-1]}{industry}产业对接会",
                     f"{y} {industry_en} Industry Docking Meeting, edition {number + 1}")
    forum = reg._add(f"event-{number}-forum", "Event", f"{nth}{industry}发展论坛",
                     f"{industry_en} Development Forum, edition {number + 1}")
    signing = reg._add(f"event-{number}-signing", "SigningCeremony", f"{nth}项目签约仪式",
                       f"Project signing ceremony, edition {number + 1}")
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    report.say(f"日期:{y}-{month:02d}-{day:02d}", ("issued", f"{y}-{month:02d}-{day:02d}"))
    organisers = [gov] + rng.sample(reg.governments, 1)
    organisers = list(dict.fromkeys(organisers))
    report.say(f"{reg.zh(event)}由{'和'.join(reg.zh(o) for o in organisers)}共同主办",
               *[("relations", {"subject": o, "relation": "organizes", "object": event}) for o in organisers])
    report.say(f"{reg.zh(event)}在{reg.zh(city)}举行", ("relations", {"subject": event, "relation": "locatedIn",
                                                                   "object": city}))
    contained = {"subject": city, "relation": "containedIn", "object": province}
    if number % 2:
        contained["inferred"] = "the report names the city only; its province is background knowledge"
    report.say(f"{reg.zh(city)}隶属{reg.zh(province)}", ("relations", contained))
    report.say(f"{reg.zh(forum)}是{reg.zh(event)}的重要组成部分",
               ("relations", {"subject": forum, "relation": "partOf", "object": event}))
    report.say(f"会上举行了{reg.zh(signing)}",
               ("relations", {"subject": signing, "relation": "partOf", "object": event,
                              "inferred": "会上 is read as the main event of the report"}))
    sector = _gen(rng.choice(_SECTORS)[0])
    report.say(f"{reg.zh(event)}聚焦{reg.zh(sector)}",
               ("relations", {"subject": event, "relation": "focusSector", "object": sector}))
    return city_i, gov, event, forum


def _who_came(rng, reg, report, event, forum):
    """Associations, and their member companies, at the event; returns the associations."""
    associations = _long_tail(rng, reg.associations, 10)
    companies = _long_tail(rng, reg.companies, 24)
    introduced = False   # the first association with a short name is introduced by it, as reports do
    for a in associations:
        aliases, named = reg.by_id[a].get("aliases", {}).get("zh", []), reg.zh(a)
        if aliases and not introduced:
            named, introduced = f"{named}(以下简称{aliases[0]})", True
        report.say(f"{named}组织会员企业参加{reg.zh(event)}",
                   ("relations", {"subject": a, "relation": "attends", "object": event}))
    for i, c in enumerate(companies):
        a = associations[i % len(associations)]
        report.say(f"{reg.zh(c)}作为{reg.zh(a)}会员单位参加{reg.zh(forum)}",
                   ("relations", {"subject": c, "relation": "memberOf", "object": a}),
                   ("relations", {"subject": c, "relation": "attends", "object": forum}))
    report.companies = companies
    return associations


def _ties_and_posts(rng, reg, report, gov, event, associations):
    """Exchanges, a friendly association, an invitation, and the people who spoke, with their posts."""
    companies = report.companies
    for a, b in zip(associations[::2], associations[1::2]):
        report.say(f"{reg.alias_or_name(rng, a)}与{reg.zh(b)}进行了深入交流",
                   ("relations", {"subject": a, "relation": "exchangesWith", "object": b}))
    a, b = associations[0], associations[-1]
    report.say(f"{reg.zh(a)}与{reg.zh(b)}缔结友好协会关系",
               ("relations", {"subject": a, "relation": "friendlyAssociationOf", "object": b}))
    report.say(f"{reg.zh(gov)}邀请{reg.zh(associations[1])}参加本次活动",
               ("relations", {"subject": gov, "relation": "invites", "object": associations[1],
                              "context": event}))
    people = _long_tail(rng, reg.people, 9)
    roles = [_gen(r) for r in ["mayor", "deputy-mayor"] + [rng.choice(["president", "vice-president",
                                                                        "secretary-general"])
                                                            for _ in associations] + ["chairman", "general-manager"]]
    bodies = [gov, gov] + associations + companies[:2]
    for person, role, body in zip(people, roles, bodies):
        role_zh = reg.zh(role)
        report.say(f"{reg.zh(body)}{role_zh}{reg.zh(person)}出席{reg.zh(event)}并致辞",
                   ("posts", {"person": person, "role": role, "organization": body}),
                   ("relations", {"subject": person, "relation": "attends", "object": event}))


def _statistics(rng, reg, report, number, city_i):
    """About twenty numbers of the report's city and its neighbours, some qualified."""
    y = report.year
    for i in range(19):
        key, zh, _en, unit = _VARIABLES[i % len(_VARIABLES)]
        place = reg.cities[(city_i + i) % len(reg.cities)]
        year = y - 1 - i // len(_VARIABLES)
        value = f"{rng.randint(10, 999)}.{rng.randint(1, 99):02d}" if unit in ("万吨", "亿元") \
            else str(rng.randint(10, 9999))
        qualifier = rng.choice(["", "约", "超"])
        raw = f"{qualifier}{value}{unit}"
        observation = {"id": f"obs-{number}-{i}", "about": place, "variable": _gen(key), "raw": raw, "year": year}
        if qualifier:
            observation["qualifiers"] = [{"约": "approximately", "超": "over"}[qualifier]]
        report.say(f"{year}年{reg.zh(place)}{zh}{raw}", ("observations", observation))


def _facts_file(report, text, registry):
    """The facts.yaml data of ``report`` whose text is ``text``."""
    facts = {"report": {"id": report.id, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        "language": "zh"},
             "mentions": [], "relations": [], "posts": [], "observations": []}
    offset = 0
    for sentence, stated in report.sentences:
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        quote = {"quote": sentence}
        if text.count(sentence) > 1:
            quote["occurrence"] = _occurrence(text, sentence, start)
        for section, entry in stated:
            if section == "issued":
                facts["report"]["issued"] = {"value": entry, **quote}
            else:
                facts[section].append({**entry, **quote})
    used = {e for s, stated in report.sentences for sec, f in stated if sec != "issued"
            for e in f.values() if isinstance(e, str)}
    for ident in sorted(used):
        entry = registry.by_id.get(ident)
        for alias in (entry or {}).get("aliases", {}).get("zh", []):
            if alias in text:
                facts["mentions"].append({"entity": ident, "quote": alias, "occurrence": "all"})
    return {k: v for k, v in facts.items() if v}


def _occurrence(text, sub, start):
    """Which occurrence (from 1) of ``sub`` in ``text`` starts at ``start``, counting overlaps."""
    n, i = 0, text.find(sub)
    while i != -1 and i <= start:
        n += 1
        if i == start:
            return n
        i = text.find(sub, i + 1)
    raise ValueError(f"{sub!r} does not start at {start}")


def write(folder: str | Path, reports: int, seed: int = 1) -> list[str]:
    """Write ``registry/generated.yaml`` and ``reports``' folders under ``folder``; returns the
    report ids. The same arguments write the same bytes.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     ids = write(tmp, 2)
    ...     names = sorted(p.name for p in Path(tmp, "reports").iterdir())
    >>> ids == names == ["gen_0000", "gen_0001"]
    True
    """
    rng = random.Random(seed)
    folder = Path(folder)
    registry = _Registry(rng, reports)
    ids = []
    for number in range(reports):
        report = _Report(f"gen_{number:04d}", 2015 + number % 10)
        _write_report(rng, registry, report, number)
        text = "\n".join(s + "。" for s, _ in report.sentences) + "\n"
        out = folder / "reports" / report.id
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.txt").write_text(text, encoding="utf-8", newline="\n")
        (out / "facts.yaml").write_text(_dump(_facts_file(report, text, registry)), encoding="utf-8")
        ids.append(report.id)
    (folder / "registry").mkdir(parents=True, exist_ok=True)
    (folder / "registry" / "generated.yaml").write_text(_dump(registry.entries), encoding="utf-8")
    return ids


def _dump(data):
    """YAML by libyaml's emitter (PyYAML's own, in pure Python, took four fifths of a corpus's writing;
    the two write the same bytes for 200 generated reports)."""
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, width=120)
