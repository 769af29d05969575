"""Key-figure extraction: metrics, kinds, linked figures; precision and recall on the seed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse.figures import KeyFigure, extract_figures, rank_figures
from generator.document import Document, Paragraph, Span
from generator.quantities import Qualifier

SEED = Path(__file__).resolve().parent.parent / "seeds" / "chongqing-2023-plan.txt"
D = Decimal


def figures_of(text: str, line: int = 7) -> list[KeyFigure]:
    return extract_figures([Paragraph(text, Span(line, line))])


def facts(text: str) -> list[tuple[str, Decimal, str, str]]:
    return [(f.metric_zh, f.value, f.unit, f.kind) for f in figures_of(text)]


@pytest.fixture(scope="module")
def doc() -> Document:
    from generator.read import read_document

    return read_document(SEED)


# ------------------------------------------------------------ unit cases


def test_amount_and_share_of_plan_are_linked():
    found = figures_of("市级重大项目全年完成投资4104亿元、实现年度计划的114%。", line=25)
    assert [(f.metric_zh, f.value, f.unit, f.kind) for f in found] == [
        ("市级重大项目全年完成投资", D(4104), "亿元", "level"),
        ("市级重大项目全年完成投资", D(114), "%", "share"),
    ]
    amount, share = found
    assert share.related_to == amount.index
    assert share.group == amount.group
    assert "年度计划" in share.relation_zh
    assert {f.line for f in found} == {25}


def test_level_and_growth_of_one_metric():
    assert facts("全年地区生产总值超过2.9万亿元、增长2.6%。") == [
        ("地区生产总值", D("2.9"), "万亿元", "level"),
        ("地区生产总值", D("2.6"), "%", "growth"),
    ]
    assert figures_of("全年地区生产总值超过2.9万亿元、增长2.6%。")[0].qualifier is Qualifier.OVER


@pytest.mark.parametrize(
    "text,metric,value,unit,kind",
    [
        ("全年基础设施投资增长9%。", "基础设施投资", "9", "%", "growth"),
        ("社会消费品零售总额下降0.3%。", "社会消费品零售总额", "-0.3", "%", "growth"),
        ("新能源装机量占全市比重达60%。", "新能源装机量占全市比重", "60", "%", "share"),
        ("研发经费投入强度提高0.5个百分点。", "研发经费投入强度", "0.5", "个百分点", "pp"),
        ("单位能耗下降0.2个百分点。", "单位能耗", "-0.2", "个百分点", "pp"),
        ("汽车产量居全国第3位。", "汽车产量居全国", "3", "位", "rank"),
        ("新设立市场主体53.2万户。", "新设立市场主体", "53.2", "万户", "count"),
        ("粮食产量107.3亿公斤。", "粮食产量", "107.3", "亿公斤", "level"),
        ("城镇调查失业率5.4%。", "城镇调查失业率", "5.4", "%", "share"),
        ("居民消费价格温和上涨2.1%。", "居民消费价格", "2.1", "%", "growth"),
        ("进出口总值增速下降至2%。", "进出口总值增速", "2", "%", "growth"),
        ("出台扩大有效投资的22条政策措施。", "扩大有效投资的政策措施", "22", "条", "count"),
    ],
)
def test_metric_and_kind(text, metric, value, unit, kind):
    assert facts(text) == [(metric, D(value), unit, kind)]


def test_count_before_its_noun_takes_the_noun_as_metric():
    assert facts("15件重点民生实事年度任务如期完成。") == [("重点民生实事", D(15), "件", "count")]


def test_comparison_inherits_the_metric():
    found = figures_of("年度计划完成投资约4296亿元、较上年初计划增长18.5%。")
    assert [(f.metric_zh, f.kind) for f in found] == [("年度计划完成投资", "level"), ("年度计划完成投资", "growth")]
    assert found[1].related_to == found[0].index


@pytest.mark.parametrize(
    "text",
    [
        "轨道交通9号线一期、4号线二期建成通车。",
        "按第28项指标口径统计。",
        "第4号市级总河长令全面落实。",
        "引进A320飞机部件项目，推进12英寸晶圆和5G基站建设。",
        "2023年1月1日起施行，11月以来疫情多发。",
        "建立“1+X”常态化专班制度，深入开展“十四五”规划中期评估。",
        "深入学习贯彻党的二十大精神，围绕“四个面向”。",
        "具体情况详见附件2。",
        "川渝1000千伏特高压交流工程开工。",
    ],
)
def test_ordinals_line_numbers_models_and_dates_yield_no_figure(text):
    assert figures_of(text) == []


def test_ranking_puts_totals_and_growth_before_minor_counts():
    found = figures_of(
        "出台促进消费19条、支持企业12条。市级重大项目全年完成投资4104亿元。工业投资增长10.4%。新增试点3个。"
    )
    ranked = [f.value for f in rank_figures(found)]
    assert ranked[:2] == [D(4104), D("10.4")]
    assert set(ranked[2:]) == {D(19), D(12), D(3)}
    assert len(rank_figures(found, 2)) == 2


# ------------------------------------------------------------ precision / recall on the seed

# Hand-checked from the source text: (word that the metric must contain,
# value, unit, kind) — every figure a reader would pick out of the section.
GOLD: dict[tuple[int, int], list[tuple[str, str, str, str]]] = {
    # part 一 （一）: many figures (lines 23-29)
    (1, 1): [
        ("有效投资", "22", "条", "count"),
        ("市级重大项目", "4104", "亿元", "level"),
        ("市级重大项目", "114", "%", "share"),
        ("基础设施投资", "9", "%", "growth"),
        ("工业投资", "10.4", "%", "growth"),
        ("中央预算内投资", "173", "亿元", "level"),
        ("金融工具项目", "49", "个", "count"),
        ("金融工具项目", "291", "亿元", "level"),
        ("贷款贴息项目", "341", "个", "count"),
        ("贷款需求", "252", "亿元", "level"),
        ("投放", "48", "亿元", "level"),
        ("中长期贷款投放项目", "571", "个", "count"),
        ("募集资金", "47.9", "亿元", "level"),
        ("到位资金", "4220", "亿元", "level"),
        ("到位资金", "17.2", "%", "growth"),
        ("消费恢复发展", "19", "条", "count"),
        ("消费持续恢复", "30", "条", "count"),
        ("网络零售额", "31", "%", "growth"),
        ("工业经济", "39", "条", "count"),
        ("服务业恢复发展", "56", "条", "count"),
        ("中小微企业", "12", "条", "count"),
        ("市场主体", "120", "万户", "count"),
        ("减税降费", "700", "亿元", "level"),
        ("市场主体总量", "341.6", "万户", "count"),
        ("市场主体总量", "6.6", "%", "growth"),
    ],
    # part 一 （七） (lines 85-93), not used while tuning the extractor;
    # 2022—2025年, 1+2+6+N, 第4号, 第六批 are not figures
    (1, 7): [
        ("绿色低碳行动", "20", "项", "count"),
        ("能耗强度", "-2.5", "%", "growth"),
        ("千里林带", "50", "万亩", "level"),
        ("国家储备林", "100", "万亩", "level"),
        ("弃土", "7400", "万方", "level"),
        ("矿山", "800", "公顷", "level"),
        ("水域垃圾", "12.1", "万吨", "level"),
        ("国考断面", "74", "个", "count"),
        ("水质优良比例", "98.6", "%", "share"),
        ("中小微企业", "3.6", "万家", "count"),
        ("空气质量优良天数", "332", "天", "level"),
        ("空气质量优良天数", "6", "天", "level"),
        ("绿色工厂", "78", "家", "count"),
        ("绿色园区", "5", "个", "count"),
        ("焚烧发电", "23", "亿度", "level"),
        ("清洁能源电量消纳占比", "47", "%", "share"),
        ("碳排放指标", "4000", "万吨", "level"),
        ("碳排放指标", "8.4", "亿元", "level"),
    ],
    # part 三 （十一）: few figures (lines 223-227); 15+2专项行动 and 第四期 are names
    (3, 11): [
        ("婴幼儿托位", "1.6", "万个", "count"),
        ("医院", "15", "家", "count"),
        ("保障性租赁住房", "8.1", "万套", "count"),
    ],
    # part 二 （四） major projects of the plan (line 137)
    (2, 4): [
        ("重大建设项目", "1123", "个", "count"),
        ("总投资", "3", "万亿元", "level"),
        ("完成投资", "4296", "亿元", "level"),
        ("完成投资", "18.5", "%", "growth"),
        ("产业优化升级", "283", "个", "count"),
        ("总投资", "5759", "亿元", "level"),
        ("完成投资", "868", "亿元", "level"),
        ("科技创新", "23", "个", "count"),
        ("总投资", "309", "亿元", "level"),
        ("完成投资", "31", "亿元", "level"),
        ("城市更新提升", "481", "个", "count"),
        ("总投资", "2", "万亿元", "level"),
        ("完成投资", "2809", "亿元", "level"),
        ("乡村振兴", "34", "个", "count"),
        ("总投资", "422", "亿元", "level"),
        ("完成投资", "134", "亿元", "level"),
        ("生态环保", "73", "个", "count"),
        ("总投资", "1318", "亿元", "level"),
        ("完成投资", "114", "亿元", "level"),
        ("民生", "229", "个", "count"),
        ("总投资", "2237", "亿元", "level"),
        ("完成投资", "340", "亿元", "level"),
    ],
}


def _section(doc: Document, part: int, number: int):
    return next(s for p in doc.parts if p.number == part for s in p.sections if s.number == number)


def _matches(fig: KeyFigure, gold: tuple[str, str, str, str]) -> bool:
    word, value, unit, kind = gold
    return word in fig.metric_zh and fig.value == D(value) and fig.unit == unit and fig.kind == kind


def precision_recall(found: list[KeyFigure], gold: list[tuple[str, str, str, str]]) -> tuple[float, float]:
    """One-to-one matching in source order; (precision, recall)."""
    unused = list(gold)
    hits = 0
    for fig in found:
        match = next((g for g in unused if _matches(fig, g)), None)
        if match is not None:
            unused.remove(match)
            hits += 1
    return hits / len(found) if found else 0.0, hits / len(gold)


@pytest.mark.parametrize("key", list(GOLD))
def test_precision_and_recall_per_section(doc, key):
    found = extract_figures(_section(doc, *key).paragraphs)
    precision, recall = precision_recall(found, GOLD[key])
    print(f"section {key}: {len(found)} extracted, {len(GOLD[key])} expected, "
          f"precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9
    assert recall >= 0.9


def test_overall_precision_and_recall(doc):
    found_all: list[KeyFigure] = []
    gold_all: list[tuple[str, str, str, str]] = []
    hits_p = hits_r = 0.0
    for key, gold in GOLD.items():
        found = extract_figures(_section(doc, *key).paragraphs)
        p, r = precision_recall(found, gold)
        hits_p += p * len(found)
        hits_r += r * len(gold)
        found_all += found
        gold_all += gold
    precision, recall = hits_p / len(found_all), hits_r / len(gold_all)
    print(f"overall: precision {precision:.3f}, recall {recall:.3f} over {len(gold_all)} figures")
    assert precision >= 0.95 and recall >= 0.95


_PIECES = st.sampled_from(
    list("0123456789.—-、，。；：（）“”第号年%") + ["增长", "下降至", "占", "比重", "个百分点", "万", "亿元", "人",
                                          "左右", "超过", "较上年", "项目", "的", "投资", "居全国", "位"]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=14).map("".join)))
def test_extraction_never_fails_on_arbitrary_prose(text):
    found = figures_of(text)
    for fig in found:
        assert fig.kind in {"level", "growth", "share", "count", "pp", "rank"}
        assert fig.related_to is None or fig.related_to < fig.index
    rank_figures(found, 5)
