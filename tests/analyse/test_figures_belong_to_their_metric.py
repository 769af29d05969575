"""Key figures that belong to their metric: lists paired value by value, regional subjects,
cumulative totals and multi-year goals, qualifiers carried through, measure words per metric.

Every sentence here is my own (no seed text); each case names the defect it guards.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse.figures import Horizon, KeyFigure, extract_figures
from generator.document import Paragraph, ParagraphKind, Span
from generator.quantities import Qualifier

D = Decimal


def figures_of(text: str, title: str | None = None) -> list[KeyFigure]:
    kind = ParagraphKind.ITEM if title else ParagraphKind.BODY
    return extract_figures([Paragraph(text, Span(9, 9), kind, title=title)])


# ------------------------------------------------------------ 分别 lists: each value its own name

RESPECTIVE: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    # case, sentence, [(metric, value, kind)]
    ("a contracted pair of names", "银行业本外币存贷款余额分别增长9%、7.5%。",
     [("银行业本外币存款余额", "9", "growth"), ("银行业本外币贷款余额", "7.5", "growth")]),
    ("the contraction nearest the measure wins", "全年货物进出口分别增长4%、2%。",
     [("货物进口", "4", "growth"), ("货物出口", "2", "growth")]),
    ("a contraction of three", "全省大中小型企业数量分别增长3%、5%、8%。",
     [("大型企业数量", "3", "growth"), ("中型企业数量", "5", "growth"), ("小型企业数量", "8", "growth")]),
    ("names listed with 和", "全年工业投资和服务业投资分别增长6%、9%。",
     [("工业投资", "6", "growth"), ("服务业投资", "9", "growth")]),
    # one name, several values, no way to split it: no figure may claim a value it does not own
    ("one name that cannot be split", "重点项目投资分别增长9%、7.5%。", [("", "9", "growth"), ("", "7.5", "growth")]),
    # a contraction of another arity than the values is no split
    ("a pair against three values", "存贷款余额分别增长9%、7.5%、3%。",
     [("", "9", "growth"), ("", "7.5", "growth"), ("", "3", "growth")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in RESPECTIVE], ids=[c[0] for c in RESPECTIVE])
def test_respective_values_each_take_their_own_name(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(f.metric_zh, str(f.value), f.kind) for f in figures_of(text)] == expected


def test_a_list_of_names_and_of_values_in_other_units_pairs_with_the_qualifier_on_both() -> None:
    found = figures_of("确保油料面积和产量不低于620万亩、95万吨。")
    assert [(f.metric_zh, f.value, f.unit, f.qualifier) for f in found] == [
        ("油料面积", D(620), "万亩", Qualifier.AT_LEAST),
        ("油料产量", D(95), "万吨", Qualifier.AT_LEAST),
    ]


def test_a_name_with_和_and_one_unit_is_not_split() -> None:
    # one name (a cooperation scheme) with a count and an amount of it: never split on its 和
    found = figures_of("落地政府和社会资本合作项目120个、总金额80亿美元。")
    assert [f.metric_zh for f in found] == ["政府和社会资本合作项目", "政府和社会资本合作项目总金额"]


def test_a_qualifier_is_not_spread_over_a_clause_with_words_of_its_own() -> None:
    found = figures_of("全年地区生产总值超过3.1万亿元、增长5.2%。")
    assert [f.qualifier for f in found] == [Qualifier.OVER, None]


# ------------------------------------------------------------ qualifiers

QUALIFIERS: list[tuple[str, str, Qualifier | None]] = [
    ("突破: over", "全省高速公路通车总里程突破5000公里。", Qualifier.OVER),
    ("超过: over", "清洁能源消纳占比超过45%。", Qualifier.OVER),
    ("逾: over", "带动就业逾20万人。", Qualifier.OVER),
    ("以上: at least", "全年开行班列3000列以上。", Qualifier.AT_LEAST),
    ("不低于: at least", "耕地保有量不低于2900万亩。", Qualifier.AT_LEAST),
    ("exact", "新建公园35个。", None),
]


@pytest.mark.parametrize(("text", "qualifier"), [c[1:] for c in QUALIFIERS], ids=[c[0] for c in QUALIFIERS])
def test_qualifiers_are_carried_through(text: str, qualifier: Qualifier | None) -> None:
    [fig] = figures_of(text)
    assert fig.qualifier is qualifier


# ------------------------------------------------------------ regional subjects

def test_a_share_of_the_whole_keeps_the_region_named_in_the_sentence() -> None:
    [fig] = figures_of("湘西片区实现污水处理全覆盖，清洁电量占全省电量比例超55%。")
    assert (fig.subject_zh, fig.metric_zh) == ("湘西片区", "清洁电量占全省电量比例")


def test_a_share_of_the_whole_keeps_the_region_of_its_item_title() -> None:
    [fig] = figures_of("启动两座风电场建设，风电装机量占全省比重达40%。", title="全力推动湘西山区城镇群绿色发展")
    assert (fig.subject_zh, fig.metric_zh) == ("湘西山区城镇群", "风电装机量占全省比重")


def test_every_share_of_a_sentence_about_a_region_keeps_it() -> None:
    found = figures_of("沿海地区加快转型升级，经济总量占全国比重达41%，出口总额占全国比重达66%。")
    assert [(f.subject_zh, f.value) for f in found] == [("沿海地区", D(41)), ("沿海地区", D(66))]


@pytest.mark.parametrize("text", [
    "风电装机量占全省比重达40%。",  # no region named: the whole itself
    "沿海地区加快转型升级，出口增长6%。",  # a region, but no share of the whole
])
def test_no_subject_without_a_region_and_a_share_of_the_whole(text: str) -> None:
    assert [f.subject_zh for f in figures_of(text)] == [""]


# ------------------------------------------------------------ cumulative totals and multi-year goals

HORIZONS: list[tuple[str, str, list[tuple[str, str, Horizon, str]]]] = [
    # case, sentence, [(metric, value, horizon, horizon words)]
    ("a five-year goal", "省委全会提出未来五年全省地区生产总值迈上6万亿元台阶。",
     [("地区生产总值", "6", Horizon.GOAL, "未来五年")]),
    ("a goal by a year", "到2035年全省人均地区生产总值达到15万元。",
     [("人均地区生产总值", "15", Horizon.GOAL, "到2035年")]),
    ("a plan period's goal", "规划纲要明确“十五五”期间地区生产总值年均增长5.5%左右。",
     [("地区生产总值年均增长", "5.5", Horizon.GOAL, "“十五五”期间")]),
    ("a plan period's outcome", "“十四五”期间地区生产总值年均增长6.1%。",
     [("地区生产总值年均增长", "6.1", Horizon.PERIOD, "“十四五”期间")]),
    ("a running total", "累计实现跨境融资150亿美元。", [("跨境融资", "150", Horizon.CUMULATIVE, "")]),
    ("a running total inside the name", "碳排放配额累计成交3000万吨、6.2亿元。",
     [("碳排放配额成交", "3000", Horizon.CUMULATIVE, ""), ("碳排放配额成交", "6.2", Horizon.CUMULATIVE, "")]),
    ("this year's flow, then the total", "新引进研发机构6家、累计达98家。",
     [("新引进研发机构", "6", Horizon.YEAR, ""), ("新引进研发机构", "98", Horizon.CUMULATIVE, "")]),
    ("the year", "全年地区生产总值增长5%。", [("地区生产总值", "5", Horizon.YEAR, "")]),
    ("a year-end stock is no goal", "到2030年底全省5G基站达到12万个。", [("5G基站", "12", Horizon.YEAR, "")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in HORIZONS], ids=[c[0] for c in HORIZONS])
def test_cumulative_totals_and_goals_are_marked(text: str, expected: list[tuple[str, str, Horizon, str]]) -> None:
    assert [(f.metric_zh, str(f.value), f.horizon, f.horizon_zh) for f in figures_of(text)] == expected


# ------------------------------------------------------------ measure words per metric

@pytest.mark.parametrize(("text", "counter"), [
    ("新设立市场主体41.5万户。", True),  # 户 of market entities: they are counted, not households
    ("全年新增个体工商户8万户。", True),
    ("完成棚户区改造1.2万户。", False),  # households
    ("改造农村危房3200户。", False),
])
def test_a_measure_word_counts_what_the_metric_names(text: str, counter: bool) -> None:
    [fig] = figures_of(text)
    assert fig.counter is counter


# ------------------------------------------------------------ never fails

_PIECES = st.sampled_from(
    ["分别", "增长", "、", "，", "。", "和", "存贷款", "进出口", "余额", "占全省比重", "累计", "未来五年", "到2035年",
     "期间", "明确", "突破", "不低于", "以上", "地区", "城镇群", "万户", "市场主体", "9%", "7.5%", "12万亩", "3亿元",
     "15个", "（", "）", "“", "”"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=16).map("".join), st.one_of(st.none(), st.lists(_PIECES, max_size=6).map("".join)))
def test_pairing_subjects_and_horizons_never_fail(text: str, title: str | None) -> None:
    found = figures_of(text, title or None)
    for fig in found:
        assert isinstance(fig.horizon, Horizon)
        assert fig.subject_zh == "" or fig.subject_zh not in ("全省", "全市", "全国")
        assert fig.related_to is None or fig.related_to < fig.index


def test_a_second_respective_list_measures_the_names_of_the_first() -> None:
    found = figures_of("规模以上汽车制造业、电子制造业增加值分别增长9.5%、6.5%，增速分别快于全部工业增加值增速2.4个、1.2个百分点。")
    assert [(f.metric_zh, str(f.value), f.unit, f.kind) for f in found] == [
        ("规模以上汽车制造业增加值", "9.5", "%", "growth"), ("电子制造业增加值", "6.5", "%", "growth"),
        ("规模以上汽车制造业增加值", "2.4", "个百分点", "pp"), ("电子制造业增加值", "1.2", "个百分点", "pp"),
    ]
    assert [f.related_to for f in found[2:]] == [found[0].index, found[1].index]
    assert found[2].relation_zh == found[3].relation_zh != ""


def test_a_linking_在_before_the_value_is_not_part_of_the_name() -> None:
    # our own sentence: 规模在…以上 states a level; 在 links the name to it
    assert [f.metric_zh for f in figures_of("全年外出务工农民规模在1200万人以上。")] == ["外出务工农民规模"]
