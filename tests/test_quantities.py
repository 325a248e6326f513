"""Numbers as Chinese reports write them."""

from decimal import Decimal

import pytest

from reportgraph.quantities import QuantityError, parse
from reportgraph.vocab import CUR, UNIT


@pytest.mark.parametrize("raw,value,unit", [
    ("959.33万吨", Decimal("9593300"), UNIT.TONNE),
    ("147.39亿元", Decimal("14739000000"), CUR.CNY),
    ("千亿元", Decimal("100000000000"), CUR.CNY),
    ("11.38%", Decimal("11.38"), UNIT.PERCENT),
    ("80%以上", Decimal("80"), UNIT.PERCENT),
    ("2000余人", Decimal("2000"), UNIT.NUM),
    ("近20多位", Decimal("20"), UNIT.NUM),
    ("三十余载", Decimal("30"), UNIT.YR),
    ("第三", Decimal("3"), None),
    ("78.6", Decimal("78.6"), None),
])
def test_parse(raw, value, unit):
    assert parse(raw) == (value, unit)


@pytest.mark.parametrize("raw", ["959.33万斤", "abc", "", "1.2.3万吨"])
def test_malformed(raw):
    with pytest.raises(QuantityError):
        parse(raw)


@pytest.mark.parametrize("numeral,value", [("二百三十", 230), ("一千零五", 1005), ("十五", 15),
                                           ("九千九百九十九", 9999), ("两百", 200), ("零", 0)])
def test_chinese_numerals(numeral, value):
    from reportgraph.quantities import chinese_numeral

    assert chinese_numeral(numeral) == value


def test_several_qualifiers_before_a_number_are_all_read():
    assert parse("约近三十余载") == (Decimal("30"), UNIT.YR)


def test_errors_say_what_is_wrong():
    from reportgraph.vocab import UNITS

    with pytest.raises(QuantityError, match=r"^cannot read a number in 'abc'$"):
        parse("abc")
    known = " ".join(UNITS)
    with pytest.raises(QuantityError) as e:
        parse("959.33万斤")
    assert str(e.value) == f"unknown unit '斤' in '959.33万斤' (known: {known})"
