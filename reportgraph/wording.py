"""How the projection words a statistic: its label in Chinese (as the report writes the number)
and in English (the number as English writes it: ``9.5933 million``, ``3rd``, ``approximately 11.38%``).

>>> label = observation_labels(Reading(("电解铝产量", "electrolytic aluminium output"), "959.33万吨",
...     Decimal("9593300"), UNIT.TONNE, "t", "2022", {}, "", None))
>>> label.en
'electrolytic aluminium output: 9.5933 million t (2022)'
"""

from decimal import Decimal
from typing import NamedTuple

from rdflib import URIRef

from .vocab import QUALIFIERS, UNIT

#: The characters that mark each qualifier in Chinese: 约, 超, 以上 …
_MARKERS = {key: q.marker for key, q in QUALIFIERS.items()}
_ZH_AFTER = {"orMore", "moreThan", "odd", "orLess", "around"}   # after the number: 80%以上, 2000余人, 5吨左右
_EN_AFTER = {"orMore", "odd", "orLess"}                         # "80% or more", "20-odd", "5 t or less"


class Reading(NamedTuple):
    """What a statistic's labels are made of."""

    variable: tuple[str, str | None]   # the variable's zh and en labels
    raw: str                           # the number as the report writes it: "11.38%"
    value: Decimal
    unit: URIRef | None                # a QUDT unit (or the project's)
    unit_en: str                       # what English writes after the number: "t", "%", "" for counts
    year: str | None
    qualifiers: dict[str, str]         # qualifier key -> its English word, in the order of the text
    denominator_text: str              # the area whose total a share is of, as the report names it
    area_en: str | None                # that area's English name


class ObservationLabels(NamedTuple):
    """The labels of a statistic (its variable and number) and of its number alone."""

    zh: str
    en: str
    value_zh: str
    value_en: str


def observation_labels(r: Reading) -> ObservationLabels:
    """zh and en labels of a statistic, and of its number alone.

    >>> observation_labels(Reading(("氧化铝产量", "alumina output"), "11.38%", Decimal("11.38"),
    ...     UNIT.PERCENT, "%", "2022", {"approximately": "approximately"}, "全国", "China"))
    ... # doctest: +NORMALIZE_WHITESPACE
    ObservationLabels(zh='氧化铝产量占全国:约11.38%(2022年)',
        en='alumina output, share of China’s total: approximately 11.38% (2022)',
        value_zh='约11.38%', value_en='approximately 11.38%')
    >>> observation_labels(Reading(("签约项目总投资", "total investment"), "147.39亿元",
    ...     Decimal("14739000000"), URIRef("http://qudt.org/vocab/currency/CNY"), "CNY", "2023", {}, "", None)).en
    'total investment: 14.739 billion CNY (2023)'
    """
    var_zh, var_en = r.variable
    markers = {q: _MARKERS[q] for q in r.qualifiers}
    before = "".join(m for q, m in markers.items() if q not in _ZH_AFTER and m not in r.raw)
    after = "".join(m for q, m in markers.items() if q in _ZH_AFTER and m not in r.raw)
    share = r.unit == UNIT.PERCENT
    if r.denominator_text:
        var_zh += f"占{r.denominator_text}" if share else f"({r.denominator_text})"
    if r.area_en:
        var_en = f"{var_en}, {f'share of {r.area_en}’s total' if share else f'within {r.area_en}'}"
    en_before = "".join(w + " " for q, w in r.qualifiers.items() if q not in _EN_AFTER)
    en_after = "".join(("" if w.startswith("-") else " ") + w
                       for q, w in r.qualifiers.items() if q in _EN_AFTER)
    suffix = r.unit_en if r.unit_en.startswith("%") or not r.unit_en else " " + r.unit_en
    number = ordinal(r.value) if r.unit == UNIT.UNITLESS else number_en(r.value) + suffix
    value_zh, value_en = f"{before}{r.raw}{after}", f"{en_before}{number}{en_after}"
    zh, en = f"{var_zh}:{value_zh}", f"{var_en or var_zh}: {value_en}"
    if r.year:
        zh += f"({r.year}年)"
        en += f" ({r.year})"
    return ObservationLabels(zh, en, value_zh, value_en)


def ordinal(value: Decimal | int) -> str:
    """A rank as English writes it.

    >>> ordinal(Decimal(3)), ordinal(11), ordinal(22)
    ('3rd', '11th', '22nd')
    """
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number_en(value: Decimal) -> str:
    """A number as English writes it: ``2,000``, ``9.5933 million``, ``14.739 billion``.

    >>> number_en(Decimal("9593300")), number_en(Decimal("2000")), number_en(Decimal("11.38"))
    ('9.5933 million', '2,000', '11.38')
    """
    for size, word in ((Decimal(10) ** 9, " billion"), (Decimal(10) ** 6, " million")):
        if abs(value) >= size:
            return f"{(value / size).normalize():f}{word}"
    return f"{value.normalize():,f}"
