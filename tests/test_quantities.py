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
