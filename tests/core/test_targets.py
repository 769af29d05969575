"""parse_target: every form of an indicator-table target or actual cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ParseError
from generator.targets import TargetKind as K
from generator.targets import parse_target

D = Decimal

# cell, kind, value, high, unit
NUMERIC = [
    ("5.5", K.EXACT, "5.5", None, ""),
    ("48000", K.EXACT, "48000", None, ""),
    ("—8.4", K.EXACT, "-8.4", None, ""),
    ("-0.3", K.EXACT, "-0.3", None, ""),
    ("5.5左右", K.ABOUT, "5.5", None, ""),
    ("6以上", K.AT_LEAST, "6", None, ""),
    ("60万人以上", K.AT_LEAST, "60", None, "万人"),
    ("不低于6", K.AT_LEAST, "6", None, ""),
    ("5.5以内", K.AT_MOST, "5.5", None, ""),
    ("103以内", K.AT_MOST, "103", None, ""),
    ("不超过0.03", K.AT_MOST, "0.03", None, ""),
    ("4.5%—5%", K.RANGE, "4.5", "5", "%"),
    ("4.5-5", K.RANGE, "4.5", "5", ""),
    ("较上年提升0.5个百分点", K.RELATIVE, "0.5", None, "个百分点"),
    ("较上年下降3%", K.RELATIVE, "-3", None, "%"),
    ("比上年降低0.2个百分点", K.RELATIVE, "-0.2", None, "个百分点"),
    ("５．５左右", K.ABOUT, "5.5", None, ""),
]


@pytest.mark.parametrize("cell,kind,value,high,unit", NUMERIC)
def test_numeric_cells(cell, kind, value, high, unit):
    t = parse_target(cell)
    assert t.kind is kind
    assert t.value == D(value)
    assert t.high == (D(high) if high else None)
    assert t.unit == unit
    assert t.text == cell


@pytest.mark.parametrize(
    "cell,kind",
    [
        ("正增长", K.POSITIVE),
        ("负增长", K.NEGATIVE),
        ("—", K.PENDING),
        ("-", K.PENDING),
        ("－", K.PENDING),
        ("▽", K.PERIOD),
        ("在“十四五”规划期内统筹考虑", K.PERIOD),
        ("预计能完成", K.ACHIEVED),
        ("", K.EMPTY),
        ("   ", K.EMPTY),
        ("\t", K.EMPTY),
    ],
)
def test_word_cells(cell, kind):
    t = parse_target(cell)
    assert t.kind is kind
    assert t.value is None


@pytest.mark.parametrize("cell", ["保持Ⅱ类", "保稳促优", "不低于经济增速", "稳定在合理区间", "（注）"])
def test_qualitative_cells_keep_their_text(cell):
    t = parse_target(cell)
    assert t.kind is K.QUALITATIVE
    assert t.value is None
    assert t.text == cell


@pytest.mark.parametrize(
    "cell,aspiration",
    [("6以上、争取实现更好的结果", "争取实现更好的结果"), ("6以上、不低于经济增速", "不低于经济增速")],
)
def test_at_least_with_aspiration(cell, aspiration):
    t = parse_target(cell)
    assert (t.kind, t.value, t.aspiration) == (K.AT_LEAST, D(6), aspiration)


def test_parenthetical_note():
    t = parse_target("2.5左右（预计能达到“十四五”期间序时进度）")
    assert (t.kind, t.value) == (K.ABOUT, D("2.5"))
    assert t.note == "预计能达到“十四五”期间序时进度"


@pytest.mark.parametrize("cell,value", [("同口径2.8", "2.8"), ("同口径—2.5", "-2.5"), ("同口径5.3", "5.3")])
def test_same_basis(cell, value):
    t = parse_target(cell)
    assert (t.kind, t.value, t.basis) == (K.EXACT, D(value), "同口径")


@pytest.mark.parametrize(
    "cell,kind,value", [("1.8左右∶1", K.ABOUT, "1.8"), ("1.72∶1", K.EXACT, "1.72"), ("1.8:1", K.EXACT, "1.8")]
)
def test_ratio(cell, kind, value):
    t = parse_target(cell)
    assert (t.kind, t.value, t.ratio_to) == (kind, D(value), D(1))


def test_non_string_raises_parse_error():
    with pytest.raises(ParseError):
        parse_target(None)  # type: ignore[arg-type]


_PIECES = st.sampled_from(
    list("0123456789.．—-－∶:%、，（）“”▽") + ["左右", "以上", "以内", "不超过", "同口径", "较上年", "提升",
                                       "下降", "个百分点", "万人", "正增长", "预计能完成", "争取"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=10).map("".join)))
def test_parse_target_never_raises_on_a_cell(cell):
    t = parse_target(cell)
    assert t.text == cell
    assert (t.value is None) == (t.kind in {K.POSITIVE, K.NEGATIVE, K.QUALITATIVE, K.PENDING, K.PERIOD, K.ACHIEVED, K.EMPTY})
