"""Reports without indicator tables: last year's review and this year's targets read from the prose.

Every sentence here is written for the test (a made-up 江北省, years 2030/2031),
in the shapes real reports use: shortfalls named with their reasons, tallies
in words, target statements followed by their rationale.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.localise.briefs import wording_for
from tests.support.project import project
from generator.analyse.changes import ChangeKind
from generator.analyse.indicators import analyse_indicators
from generator.analyse.prose_review import find_shortfalls, shortfalls_in
from generator.analyse.prose_targets import extract_plan_targets, split_statement, targets_in
from generator.analyse.tallies import parse_tally
from generator.document import ParagraphKind
from tests.support.indicator_docs import document, para

CATALOGUE = project().catalogue

# (case, sentence, [(name, outcome words, reason or None)])
SHORTFALLS: list[tuple[str, str, list[tuple[str, str, str | None]]]] = [
    ("reason after each",
     "但工业投资增速略低于预期，主要原因是：部分重大项目推迟开工；进出口总额增长较慢，主要原因是：外需持续走弱。",
     [("工业投资增速", "略低于预期", "部分重大项目推迟开工"), ("进出口总额增长", "增长较慢", "外需持续走弱")]),
    ("aspect word dropped",
     "实际使用外资规模有所下降，主要原因是：跨国企业投资意愿减弱。",
     [("实际使用外资", "有所下降", "跨国企业投资意愿减弱")]),
    ("index level",
     "居民消费价格指数水平较低，主要原因是：食品价格回落。",
     [("居民消费价格指数", "较低", "食品价格回落")]),
    ("reduction short of expectations",
     "单位地区生产总值能耗降低不及预期，主要原因是：高耗能项目集中投产。",
     [("单位地区生产总值能耗降低", "降低不及预期", "高耗能项目集中投产")]),
    ("reason before a list",
     "3项指标未达到预期目标，主要是受市场需求不足影响，社会消费品零售总额增速低于预期、城镇新增就业低于预期目标。",
     [("社会消费品零售总额增速", "低于预期", "受市场需求不足影响"), ("城镇新增就业", "低于预期目标", "受市场需求不足影响")]),
    ("a gap to the target, no reason",
     "一般公共预算收入增速与目标有一定差距。",
     [("一般公共预算收入增速", "与目标有一定差距", None)]),
    ("a reason over two clauses",
     "粮食产量有所下降，主要原因是：夏季持续干旱；秋季又遭遇连阴雨。",
     [("粮食产量", "有所下降", "夏季持续干旱；秋季又遭遇连阴雨")]),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in SHORTFALLS], ids=[c[0] for c in SHORTFALLS])
def test_shortfalls_named_in_the_text(sentence: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = shortfalls_in(sentence, 7)
    assert [(s.name_zh, s.outcome_zh, s.cause_zh) for s in found] == expected


def test_below_expectations_in_a_sentence_framed_as_a_shortfall() -> None:
    # Lower is better for this indicator in the catalogue, but the sentence lists it as not achieved.
    framed = "1项指标未达到预期目标，主要是受国际能源价格下跌影响，居民消费价格涨幅低于预期目标。"
    assert [s.name_zh for s in find_shortfalls([para(4, framed)], CATALOGUE)] == ["居民消费价格涨幅"]
    assert find_shortfalls([para(4, "居民消费价格涨幅低于预期目标。")], CATALOGUE) == []


@pytest.mark.parametrize("sentence", [
    "全省单位地区生产总值能耗有所下降，生态环境持续改善。",  # good news, no stated reason
    "规模以上工业增加值增长较快，主要原因是：新能源汽车产量大幅增长。",  # above, not below
    "有的政策落地偏慢、效果不及预期，一些干部担当精神不足。",  # remarks, not indicators
    "经济增速较低的问题依然存在。",
    "城镇调查失业率低于预期目标，主要原因是：就业政策发力。",  # lower is better: good news
    "单位地区生产总值能耗有所下降，生态环境质量持续改善。",
])
def test_prose_that_names_no_missed_indicator(sentence: str) -> None:
    assert find_shortfalls([para(3, sentence)], CATALOGUE) == []


def test_review_rows_from_the_text() -> None:
    doc = document(review=[
        para(20, "2030年全省经济运行总体平稳。"),
        para(21, SHORTFALLS[0][1]),
        para(22, SHORTFALLS[2][1]),
    ])
    analysis = analyse_indicators(doc, CATALOGUE)
    scorecard = analysis.scorecard
    assert scorecard.origin.kind == "prose" and scorecard.origin.line == 21
    rows = [(r.name_zh, r.status.value, r.cause_zh, r.origin, r.line) for r in scorecard.review]
    assert rows == [
        ("工业投资增速", "missed", "部分重大项目推迟开工", "prose", 21),
        ("进出口总额增长", "missed", "外需持续走弱", "prose", 21),
        ("居民消费价格指数", "missed", "食品价格回落", "prose", 22),
    ]
    assert str(wording_for(project()).sentence(scorecard.review[0].reason.sentence())) == "报告称略低于预期"
    assert scorecard.review[2].indicator_id == "cpi_index"
    # Nothing is counted from a table there is not; nor compared with it.
    assert analysis.tallies.review["expected"].total == 0 and analysis.tallies.checks == []


# (case, sentence, [(scope, total, counts)])
TALLIES: list[tuple[str, str, list[tuple[str, int | None, dict[str, int]]]]] = [
    ("met, binding, then a shortfall in words",
     "省人大批准的24项指标中，有20项指标符合预期目标，其中7个约束性指标全部完成。同时，有4项预期性指标与目标有一定差距。",
     [("all", 24, {"met": 20}), ("binding", 7, {"met": 7}), ("expected", None, {"missed": 4})]),
    ("a shortfall named with its group alone",
     "另有2项预期性指标未达到预期。", [("expected", None, {"missed": 2})]),
    ("group sizes first",
     "共18项指标，其中约束性指标6项、预期性指标12项。", [("all", 18, {}), ("binding", 6, {}), ("expected", 12, {})]),
    ("a group named alone is no tally", "能耗不再作为一项约束性指标。", []),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in TALLIES], ids=[c[0] for c in TALLIES])
def test_tallies_in_words(sentence: str, expected: list[tuple[str, int | None, dict[str, int]]]) -> None:
    assert [(t.scope, t.total, t.counts) for t in parse_tally(sentence, "review", 1)] == expected


# ---------------------------------------------------------------- targets


LEADS = [
    "——地区生产总值增长6%左右。主要考虑：……这一目标与中长期发展目标相衔接。",
    "——城镇调查失业率5.5%左右，城镇新增就业70万人以上。关于城镇调查失业率，主要考虑：……将城镇调查失业率目标定为5.5%左右，"
    "与2030年保持一致。关于城镇新增就业，主要考虑：……70万人以上的预期目标比上年提高5万人。",
    "——居民收入增长和经济增长同步。主要考虑：……与上年预期目标保持一致。",
    "——进出口稳量提质，国际收支保持基本平衡。主要考虑：……",
    "——粮食产量500亿斤以上。主要考虑：全省粮食产量连续8年稳定在480亿斤以上，2030年首次突破500亿斤。",
]


def _lead_doc():
    return document(outlook=[para(60 + i, text, ParagraphKind.LEAD) for i, text in enumerate(LEADS)])


def test_one_row_per_target_statement_and_none_from_the_rationale() -> None:
    found = extract_plan_targets(_lead_doc())
    assert [(t.name_zh, t.target_text) for t in found] == [
        ("地区生产总值增长", "6%左右"),
        ("城镇调查失业率", "5.5%左右"),
        ("城镇新增就业", "70万人以上"),
        ("居民收入增长", "和经济增长同步"),
        ("进出口", "稳量提质"),
        ("国际收支", "保持基本平衡"),
        ("粮食产量", "500亿斤以上"),
    ]


def test_the_rationale_says_how_a_target_changed() -> None:
    changes = {t.name_zh: t.stated_change.kind if t.stated_change else None for t in extract_plan_targets(_lead_doc())}
    assert changes == {
        "地区生产总值增长": None, "城镇调查失业率": "unchanged", "城镇新增就业": "raised",
        "居民收入增长": "unchanged", "进出口": None, "国际收支": None, "粮食产量": None,
    }
    plan = analyse_indicators(_lead_doc(), CATALOGUE).plan
    kinds = {p.name_zh: p.change.kind for p in plan.plan}
    assert kinds["城镇调查失业率"] is ChangeKind.UNCHANGED and kinds["城镇新增就业"] is ChangeKind.RAISED
    # No last-year table and nothing said: not known (never "new").
    assert kinds["地区生产总值增长"] is ChangeKind.NOT_KNOWN and kinds["粮食产量"] is ChangeKind.NOT_KNOWN
    assert ChangeKind.NEW not in kinds.values()


def test_split_statement() -> None:
    statement, segments = split_statement(LEADS[1])
    assert statement == "——城镇调查失业率5.5%左右，城镇新增就业70万人以上。"
    assert [subject for subject, _ in segments] == ["城镇调查失业率", "城镇新增就业"]
    assert split_statement("——地区生产总值增长6%左右。") == ("——地区生产总值增长6%左右。", [])


@pytest.mark.parametrize(("text", "expected"), [
    ("居民消费价格（CPI）涨幅2%左右", [("居民消费价格涨幅", "2%左右")]),
    ("粮食产量连续8年稳定在480亿斤以上", []),  # history, not a target
    ("外贸进出口促稳提质", [("外贸进出口", "促稳提质")]),
    ("生态环境质量持续改善", [("生态环境质量", "持续改善")]),
    ("坚持以推动高质量发展为主题，持续改善营商环境和民生福祉，增强发展的协调性", []),  # a policy, not a target
])
def test_target_clauses(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.name_zh, t.target_text) for t in targets_in(text, 1)] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "——", "主要考虑：", "关于", "城镇调查失业率", "地区生产总值增长", "6%左右", "5.5%", "以上", "，", "。", "；",
    "与上年保持一致", "比上年提高", "连续8年", "稳量提质", "基本平衡", "同步", "主要原因是：", "低于预期", "较慢",
    "有所下降", "、", "指标", "3项", "约束性", "预期性", "符合预期目标", "与目标有一定差距",
]), max_size=30))
def test_prose_readers_never_fail(pieces: list[str]) -> None:
    text = "".join(pieces)
    statement, segments = split_statement(text)
    assert text.startswith(statement)
    targets_in(statement, 1)
    shortfalls_in(text, 1)
    parse_tally(text, "review", 1)
