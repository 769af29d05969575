"""parse_quantity and find_quantities: the numeric forms of plan reports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import ParseError
from generator.quantities import Qualifier, find_quantities, parse_quantity, without_references

D = Decimal
ABOUT, AT_LEAST, AT_MOST, OVER, NEARLY = (
    Qualifier.ABOUT, Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.OVER, Qualifier.NEARLY,
)

# text, value, unit, qualifier, base value, base unit
LEVELS = [
    ("2.9万亿元", "2.9", "万亿元", None, "2900000000000", "元"),
    ("4104亿元", "4104", "亿元", None, "410400000000", "元"),
    ("71万人", "71", "万人", None, "710000", "人"),
    ("53.2万户", "53.2", "万户", None, "532000", "户"),
    ("3070万亩", "3070", "万亩", None, "30700000", "亩"),
    ("107.3亿公斤", "107.3", "亿公斤", None, "10730000000", "公斤"),
    ("192亿美元", "192", "亿美元", None, "19200000000", "美元"),
    ("2.6%", "2.6", "%", None, "2.6", "%"),
    ("0.14个百分点", "0.14", "个百分点", None, "0.14", "个百分点"),
    ("332天", "332", "天", None, "332", "天"),
    ("100万平方米", "100", "万平方米", None, "1000000", "平方米"),
    ("10万千瓦", "10", "万千瓦", None, "100000", "千瓦"),
    ("40万元/人年", "40", "万元/人年", None, "400000", "元/人年"),
    ("5.5", "5.5", "", None, "5.5", ""),
    ("3070万", "3070", "万", None, "30700000", ""),
    ("１２３万元", "123", "万元", None, "1230000", "元"),
    ("２．６％", "2.6", "%", None, "2.6", "%"),
    ("超过1500亿元", "1500", "亿元", OVER, "150000000000", "元"),
    ("超70%", "70", "%", OVER, "70", "%"),
    ("逾100家", "100", "家", OVER, "100", "家"),
    ("2900余人", "2900", "人", OVER, "2900", "人"),
    ("120万余户", "120", "万户", OVER, "1200000", "户"),
    ("200多个", "200", "个", OVER, "200", "个"),
    ("31%左右", "31", "%", ABOUT, "31", "%"),
    ("约4296亿元", "4296", "亿元", ABOUT, "429600000000", "元"),
    ("60万人以上", "60", "万人", AT_LEAST, "600000", "人"),
    ("不低于6", "6", "", AT_LEAST, "6", ""),
    ("5.5以内", "5.5", "", AT_MOST, "5.5", ""),
    ("10%以下", "10", "%", AT_MOST, "10", "%"),
    ("不超过0.03", "0.03", "", AT_MOST, "0.03", ""),
    ("不高于3%", "3", "%", AT_MOST, "3", "%"),
    ("近700亿元", "700", "亿元", NEARLY, "70000000000", "元"),
    ("接近5%", "5", "%", NEARLY, "5", "%"),
    ("三项", "3", "项", None, "3", "项"),
    ("两个", "2", "个", None, "2", "个"),
    ("十二条", "12", "条", None, "12", "条"),
]


@pytest.mark.parametrize("text,value,unit,qualifier,base,base_unit", LEVELS)
def test_parse_quantity_levels(text, value, unit, qualifier, base, base_unit):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.qualifier) == (D(value), unit, qualifier)
    assert q.base_value == D(base)
    assert q.base_unit == base_unit
    assert q.high is None and q.ratio_to is None
    assert q.text == text


@pytest.mark.parametrize("text", ["—8.4", "-8.4", "－8.4", "−8.4"])
def test_dash_before_a_number_is_a_minus_sign(text):
    assert parse_quantity(text).value == D("-8.4")


@pytest.mark.parametrize(
    "text,value",
    [("同口径—2.5", "-2.5"), ("同口径2.8", "2.8"), ("同口径—9.2", "-9.2")],
)
def test_same_basis_note(text, value):
    q = parse_quantity(text)
    assert q.value == D(value) and q.basis == "同口径"


@pytest.mark.parametrize(
    "text,value,to,qualifier",
    [("1.8∶1", "1.8", "1", None), ("1.8:1", "1.8", "1", None),
     ("1.8左右∶1", "1.8", "1", ABOUT), ("1.72∶1", "1.72", "1", None)],
)
def test_ratios(text, value, to, qualifier):
    q = parse_quantity(text)
    assert (q.value, q.ratio_to, q.qualifier, q.unit) == (D(value), D(to), qualifier, "")


@pytest.mark.parametrize(
    "text,low,high,unit",
    [("4.5%—5%", "4.5", "5", "%"), ("4.5-5%", "4.5", "5", "%"), ("5%至6%", "5", "6", "%"),
     ("4.5—5", "4.5", "5", ""), ("3—5个", "3", "5", "个"), ("2亿至3亿元", "2", "3", "亿元")],
)
def test_ranges(text, low, high, unit):
    q = parse_quantity(text)
    assert (q.value, q.high, q.unit) == (D(low), D(high), unit)
    assert q.is_range


def test_range_base_values_use_the_shared_magnitude():
    q = parse_quantity("2亿至3亿元")
    assert (q.base_value, q.base_high, q.base_unit) == (D(200000000), D(300000000), "元")


def test_rank():
    q = parse_quantity("第3位")
    assert (q.value, q.unit, q.rank) == (D(3), "位", True)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "增长", "第28项", "9号线", "5G", "2022年", "11月", "A320",
     "1+X", "12英寸", "5%—3个", "1.2.3", "%", "万亿元", "“十四五”"],
)
def test_not_quantities_raise_parse_error(text):
    with pytest.raises(ParseError):
        parse_quantity(text)


def test_non_string_raises_parse_error():
    with pytest.raises(ParseError):
        parse_quantity(4.5)  # type: ignore[arg-type]


def figures(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_quantities(text)]


def test_find_quantities_in_a_sentence_with_offsets():
    text = "全年地区生产总值超过2.9万亿元、增长2.6%。城镇新增就业71万人，居民消费价格温和上涨2.1%。"
    found = find_quantities(text)
    assert [text[m.start:m.end] for m in found] == ["超过2.9万亿元", "2.6%", "71万人", "2.1%"]
    assert [m.quantity.value for m in found] == [D("2.9"), D("2.6"), D("71"), D("2.1")]
    assert found[0].quantity.qualifier is OVER
    assert found[0].prefix == "全年地区生产总值"
    assert found[1].prefix == "增长"


def test_offsets_map_back_to_full_width_text():
    text = "粮食产量１０７．３亿公斤，增长２％。"
    found = find_quantities(text)
    assert [text[m.start:m.end] for m in found] == ["１０７．３亿公斤", "２％"]
    assert found[0].quantity.value == D("107.3")


def test_several_figures_of_one_clause():
    text = "市级重大项目全年完成投资4104亿元、实现年度计划的114%。全年基础设施投资增长9%，工业投资增长10.4%。"
    assert figures(text) == ["4104亿元", "114%", "9%", "10.4%"]


@pytest.mark.parametrize(
    "text",
    [
        "轨道交通9号线一期、4号线二期建成通车",
        "加快5G基站建设",
        "推进12英寸晶圆项目",
        "建立“1+X”常态化专班制度",
        "“十四五”规划中期评估",
        "发布第4号市级总河长令",
        "深入学习贯彻党的二十大精神",
        "2022年11月以来",
        "到2023年底",
        "自2023年1月1日起施行",
        "A320飞机部件",
        "按第28项指标口径",
        "2022—2025年行动计划",
        "引进世界500强企业",
        "长安阿维塔11创我市自主品牌乘用车售价新高",
        "PM2.5平均浓度",
        "获评国家5A级旅游景区",
        "举办2022中国武陵文旅峰会",
    ],
)
def test_ordinals_names_and_dates_are_not_figures(text):
    assert figures(text) == []


def test_counts_of_policies_and_lists_are_figures():
    assert figures("出台扩大有效投资的22条政策措施，打表推进“5张清单”。") == ["22条", "5张"]


def test_chinese_numeral_rhetoric_is_not_scanned():
    assert figures("重点抓了以下八个方面的工作，围绕“四个面向”，统筹两个基本面。") == []


def test_prose_forms():
    text = "同口径—2.5，比例超70%，新增软件企业3500余家，居民消费价格指数102.1、空气质量优良天数332天，居全国第3位，增长5%到2025年。"
    found = find_quantities(text)
    assert [text[m.start:m.end] for m in found] == [
        "同口径—2.5", "超70%", "3500余家", "102.1", "332天", "第3位", "5%",
    ]
    assert found[0].quantity.value == D("-2.5") and found[0].quantity.basis == "同口径"
    assert found[5].quantity.rank


def test_lead_dashes_are_not_minus_signs():
    assert figures("——2022年，全市上下") == []


def test_ranges_in_prose():
    assert figures("预计增长4.5%—5%之间，目标3—5个。") == ["4.5%—5%", "3—5个"]


# ------------------------------------------------------------ properties

_PIECES = st.sampled_from(
    list("0123456789.．０１２—-－~∶:%％、，。；（）“”第号年月日")
    + ["万", "亿", "万亿", "元", "人", "个百分点", "左右", "以上", "以内", "超过", "近", "余",
       "多", "同口径", "至", "两", "十", "A", "G", "+", "——", "千瓦", "英寸", "位"]
)
_MIXED = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _MIXED))
def test_parse_quantity_raises_only_parse_error(text):
    try:
        q = parse_quantity(text)
    except ParseError:
        return
    assert isinstance(q.value, Decimal)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _MIXED))
def test_find_quantities_never_raises_and_offsets_are_exact(text):
    for m in find_quantities(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.quantity.text == text[m.start:m.end]
        # what was found reads back as the same quantity on its own
        assert parse_quantity(text[m.start:m.end]).value == m.quantity.value


# ---------------------------------------------------------------- 多/余 before a magnitude, references, classes

MAGNITUDE_AFTER_OVER: list[tuple[str, str, str, str]] = [
    # text, value, unit, base value: the magnitude survives 多/余 and a measure word after it
    ("260多万名", "260", "万名", "2600000"),
    ("45余万户", "45", "万户", "450000"),
    ("1200多亿元", "1200", "亿元", "120000000000"),
    ("3.5万余人", "3.5", "万人", "35000.0"),
    ("80多家", "80", "家", "80"),
]


@pytest.mark.parametrize("text,value,unit,base", MAGNITUDE_AFTER_OVER)
def test_over_before_and_after_the_magnitude(text, value, unit, base):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.qualifier, q.base_value) == (D(value), unit, Qualifier.OVER, D(base))
    [found] = find_quantities(f"全年帮助{text}困难群众实现就业。")
    assert found.quantity == q


@pytest.mark.parametrize("text,values", [
    ("全年增长6.1%。（见第八版专栏4）", ["6.1"]), ("完成投资3000亿元（详见附表2）", ["3000"]),
    ("结构持续优化（见图3）。", []), ("（参见专栏12）", []), ("建成5G基站（见表1）12万个", ["12"]),
])
def test_cross_references_are_no_figures(text, values):
    assert [m.quantity.value for m in find_quantities(text)] == [D(v) for v in values]
    assert "见" not in without_references(text)


@pytest.mark.parametrize("text", ["800千瓦级燃气轮机", "30万吨级码头", "100兆瓦级储能电站", "10万吨型货轮"])
def test_classes_of_products_are_no_figures(text):
    assert find_quantities(text) == []
