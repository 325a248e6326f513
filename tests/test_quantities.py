"""Numbers as Chinese reports write them, with the project's units table (registry/units.yaml)."""

from decimal import Decimal

import pytest
from rdflib import URIRef

from helpers import ROOT
from reportgraph import quantities
from reportgraph.checks import Problems
from reportgraph.load import load_units
from reportgraph.quantities import QuantityError
from reportgraph.vocab import CUR, RG, UNIT

UNITS = {form: URIRef(u.iri) for u in load_units(ROOT / "registry" / "units.yaml", Problems()).values()
         for form in u.written}


def parse(raw):
    return quantities.parse(raw, UNITS)


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
    ("30余家", Decimal("30"), UNIT.NUM),
    ("50名", Decimal("50"), UNIT.NUM),
    ("3个百分点", Decimal("3"), RG.PercentagePoint),
    ("2倍", Decimal("2"), RG.Times),
    ("1.5万平方公里", Decimal("15000"), UNIT.KiloM2),
    ("5吨左右", Decimal("5"), UNIT.TONNE),
    ("不低于80%", Decimal("80"), UNIT.PERCENT),
])
def test_parse(raw, value, unit):
    assert parse(raw) == (value, unit)


@pytest.mark.parametrize("raw", ["959.33万斤", "abc", "", "1.2.3万吨"])
def test_malformed(raw):
    with pytest.raises(QuantityError):
        parse(raw)


@pytest.mark.parametrize("numeral,value", [("二百三十", 230), ("一千零五", 1005), ("十五", 15),
                                           ("九千九百九十九", 9999), ("两百", 200), ("零", 0),
                                           ("一千零十", 1010), ("一千零一十", 1010), ("三百零二", 302)])
def test_chinese_numerals(numeral, value):
    from reportgraph.quantities import chinese_numeral

    assert chinese_numeral(numeral) == value


def test_several_qualifiers_before_a_number_are_all_read():
    assert parse("约近三十余载") == (Decimal("30"), UNIT.YR)


def test_errors_say_what_is_wrong():
    with pytest.raises(QuantityError, match=r"^cannot read a number in 'abc'$"):
        parse("abc")
    known = " ".join(UNITS)
    with pytest.raises(QuantityError) as e:
        parse("959.33万斤")
    assert str(e.value) == f"unknown unit '斤' in '959.33万斤' (known: {known}; a new one goes in registry/units.yaml)"
    with pytest.raises(QuantityError, match="unknown unit '吨'"):
        quantities.parse("5吨", {})   # the table decides, not the code


# --- exact values: the Decimal as written back, not only its numeric value -------------------------

@pytest.mark.parametrize("raw,text,unit", [
    ("959.33万吨", "9593300", UNIT.TONNE),       # integral after the multiplier: no ".00"
    ("1.0吨", "1", UNIT.TONNE),
    ("12.50%", "12.50", UNIT.PERCENT),          # not integral: as written
    ("0.5亿元", "50000000", CUR.CNY),
    ("1.23456万", "12345.60000", None),    # the digits of the product, as Decimal keeps them
    ("3亿万吨", "3000000000000", UNIT.TONNE),    # several multipliers multiply
    ("七", "7", None),
    (" 12吨\n", "12", UNIT.TONNE),              # surrounding white space is not part of it
    ("突破100亿元", "10000000000", CUR.CNY),
    ("超5000吨", "5000", UNIT.TONNE),
    ("近八个", "8", UNIT.NUM),
    ("第一", "1", None),
    ("100多年", "100", UNIT.YR),
    ("20余位以上", "20", UNIT.NUM),
])
def test_parse_exactly(raw, text, unit):
    value, got_unit = parse(raw)
    assert (str(value), got_unit) == (text, unit)


@pytest.mark.parametrize("raw", ["约 12吨", "吨", "万吨", "约", "12 吨", "-12吨", "12吨吨"])
def test_not_numbers(raw):
    with pytest.raises(QuantityError):
        parse(raw)


def test_every_chinese_digit():
    from reportgraph.quantities import chinese_numeral

    assert [chinese_numeral(d) for d in "零一二两三四五六七八九"] == [0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [chinese_numeral(u) for u in "十百千"] == [10, 100, 1000]
    assert chinese_numeral("") == 0
    assert chinese_numeral("三千零一十") == 3010
    assert chinese_numeral("一百一") == 101   # a trailing digit counts as itself


def test_errors_name_the_text_as_written():
    with pytest.raises(QuantityError) as e:
        parse(" 约x ")
    assert str(e.value) == "cannot read a number in ' 约x '"
    with pytest.raises(QuantityError) as e:
        parse("约5斤以上")
    assert str(e.value).startswith("unknown unit '斤' in '约5斤以上' (known: 吨 元 % ％ 个百分点")


def test_qualifiers_before_a_number_are_read_in_any_order():
    """约 is looked for before 近: "近约" needs a second look after 近 is read."""
    assert parse("近约三十余载") == (Decimal("30"), UNIT.YR)
    assert parse("多超第5个") == (Decimal("5"), UNIT.NUM)


def test_a_unit_without_its_digit_counts_once():
    from reportgraph.quantities import chinese_numeral

    assert chinese_numeral("一百十") == 110   # as 一百一十
    assert chinese_numeral("千百十") == 1110
