"""Read a number as a Chinese report writes it: ``959.33万吨``, ``约11.38%``, ``三十余载``.

Only the number, its multiplier (万, 亿) and its unit are read here, the unit by the units
table of the project (``registry/units.yaml``, read by the loader); qualifiers (约, 超, 以上 …)
are stated in the facts file and checked against the text by the loader, so a curator
sees and confirms each one.
"""

import re
from collections.abc import Mapping
from decimal import Decimal

from rdflib import URIRef

from .vocab import QUALIFIERS

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
_MARKERS = sorted((q.marker for q in QUALIFIERS.values()), key=len, reverse=True) + ["第"]
_FORM = re.compile(r"^(?P<num>\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)"
                   r"(?P<mult>[万亿]*)(?P<unit>.*)$")


class QuantityError(ValueError):
    pass


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral below ten thousand.

    >>> chinese_numeral("三十"), chinese_numeral("千"), chinese_numeral("二十一"), chinese_numeral("一千零十")
    (30, 1000, 21, 1010)
    """
    total, digit = 0, None
    for ch in text:
        if ch in "零〇":      # a place holder: 一千零五 is 1005, and 一千零十 is 1010
            digit = None
        elif ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
    return total + (digit or 0)


_CN_DIGITS = "".join(_DIGITS) + "十"
_DATE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[{''.join(_DIGITS)}]{{4}})\s*(?P<sep>[-/.年])\s*)?"
    rf"(?P<month>\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})\s*(?P<sep2>[-/.月])\s*(?P<day>\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})"
    r"(?P<end>[日号])?(?!\d)")


def written_dates(text: str) -> list[tuple[int | None, int, int]]:
    """The dates ``text`` writes, as ``(year or None, month, day)``: 2019-10-24, 2019/10/24,
    2019.10.24, 2019年10月24日, 二〇一九年十月二十四日; 10月24日 (or 24号) without its year. A
    month and day without a year must be written with 月 and 日 (5.2% is no date).

    >>> written_dates("日期:2019/10/24"), written_dates("2019年10月24日"), written_dates("于10月25日举行")
    ([(2019, 10, 24)], [(2019, 10, 24)], [(None, 10, 25)])
    >>> written_dates("二〇二三年三月二十八日"), written_dates("增长5.2%"), written_dates("2019年10月24")
    ([(2023, 3, 28)], [], [(2019, 10, 24)])
    """
    out = []
    for m in _DATE.finditer(text):
        if m["year"] is None and (m["sep2"] != "月" or m["end"] is None):
            continue
        if m["year"] is not None and (m["sep"] == "年") != (m["sep2"] == "月"):
            continue
        year = None if m["year"] is None else int("".join(str(_DIGITS.get(c, c)) for c in m["year"]))
        month, day = (int(v) if v.isdigit() else chinese_numeral(v) for v in (m["month"], m["day"]))
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append((year, month, day))
    return out


def parse(raw: str, units: Mapping[str, URIRef]) -> tuple[Decimal, URIRef | None]:
    """``(value, unit)`` of a number as written, with ``units`` (unit as written → its IRI);
    the unit is None if ``raw`` writes none.

    >>> from reportgraph.vocab import UNIT
    >>> units = {"吨": UNIT.TONNE, "家": UNIT.NUM}
    >>> parse("959.33万吨", units)
    (Decimal('9593300'), rdflib.term.URIRef('http://qudt.org/vocab/unit/TONNE'))
    >>> parse("30余家", units), parse("三十", units)
    ((Decimal('30'), rdflib.term.URIRef('http://qudt.org/vocab/unit/NUM')), (Decimal('30'), None))
    >>> parse("五千瓦", {"千瓦": UNIT.KiloW}), parse("五千吨", units)[0]
    ((Decimal('5'), rdflib.term.URIRef('http://qudt.org/vocab/unit/KiloW')), Decimal('5000'))

    Raises :class:`QuantityError` when ``raw`` is not a number of that form, or writes a unit
    the table does not have.
    """
    rest = raw.strip()
    stripped = True
    while stripped:           # qualifier characters around the number: 约, 超, 余, 以上 …
        stripped = False
        for marker in _MARKERS:
            if rest.startswith(marker):
                rest, stripped = rest[len(marker):], True
    m = _FORM.match(rest)
    if not m:
        raise QuantityError(f"cannot read a number in '{raw}'")
    num, mults, unit_text = m["num"], m["mult"], m["unit"]
    for marker in _MARKERS:
        unit_text = unit_text.replace(marker, "")
    while unit_text not in units and not mults and not num[0].isdigit() and len(num) > 1 \
            and num[-1] in _SMALL_UNITS and num[-1] + unit_text in units:
        num, unit_text = num[:-1], num[-1] + unit_text   # 五千瓦: the numeral took the 千 of 千瓦
    value = Decimal(num) if num[0].isdigit() else Decimal(chinese_numeral(num))
    for mult in mults:
        value *= _MULTIPLIERS[mult]
    if value == value.to_integral_value():
        value = value.to_integral_value()   # 959.33万 is 9593300, not 9593300.00
    if unit_text == "":
        return value, None
    if unit_text not in units:
        raise QuantityError(f"unknown unit '{unit_text}' in '{raw}' (known: {' '.join(units)}; "
                            "a new one goes in registry/units.yaml)")
    return value, units[unit_text]
