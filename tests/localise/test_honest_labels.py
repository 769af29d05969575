"""Labels a reader can trust, on small synthetic reports: change marks by ambition, estimates, index rates,
unit columns, last year's outcome beside the new target, reasons stated once, findings on their rows."""

from __future__ import annotations

import pytest

from generator.brief import Brief
from tests.support.indicator_docs import document, para, row, table
from tests.support.project import briefs_of

#: (name, unit, last year's target, this year's target, mark, English word, Chinese word)
CHANGES = [
    ("城镇调查失业率", "%", "5.5以内", "5以内", "more", "More ambitious (lowered)", "更积极（降低）"),  # lower is better
    ("地区生产总值增速", "%", "6左右", "5左右", "less", "Less ambitious (lowered)", "放宽（降低）"),
    ("单位地区生产总值能耗下降", "%", "3左右", "3.5左右", "more", "More ambitious (raised)", "更积极（提高）"),
    ("居民消费价格指数", "%", "103左右", "103以内", "more", "More ambitious (reworded)", "更积极（表述调整）"),
    ("某某专项指数", "分", "8", "10", "raised", "Raised", "提高"),  # polarity unknown: no judgement, no colour
    ("农业增加值增速", "%", "4左右", "4", "firmed", "Unchanged (firm figure)", "持平（去掉“左右”）"),
    ("化学需氧量", "万吨", "1.7", "—", "pending", "Pending national target", "待国家下达"),
    ("氨氮", "万吨", "0.07", "以国家下达目标值为准", "pending", "Pending national target", "待国家下达"),
    ("城镇新增就业", "万人", "60以上", "60以上", "unchanged", "Unchanged", "持平"),
]


def _pair(rows: list[tuple[str, str, str, str]], *, actual_header: str = "2030年预计完成",
          review_prose: tuple[str, ...] = (), attachment_prose: tuple[str, ...] = (),
          plan_prose: str = "指标体系保持稳定。") -> dict[str, Brief]:
    """Last year's table (target, outcome) and this year's (target) of ``rows``: (name, unit, ..., outcome)."""
    review = table([row(101 + i, name, previous, outcome, number=i + 1, unit=unit)
                    for i, (name, unit, previous, _current, outcome) in enumerate(rows)],
                   year=2030, actual=True, attachment=1)
    review.columns[-1].header = actual_header
    plan = table([row(201 + i, name, current, number=i + 1, unit=unit)
                  for i, (name, unit, _previous, current, _outcome) in enumerate(rows)],
                 year=2031, actual=False, attachment=2, line=200)
    doc = document(review=[para(20 + i, t) for i, t in enumerate(review_prose)], tables=[review, plan],
                   attachments={1: [para(95 + i, t) for i, t in enumerate(attachment_prose)],
                                2: [para(190, plan_prose)]})
    return briefs_of(doc)


@pytest.mark.parametrize(("name", "unit", "previous", "current", "mark", "en", "zh"), CHANGES)
def test_the_change_mark_follows_ambition_not_the_number(name: str, unit: str, previous: str, current: str,
                                                        mark: str, en: str, zh: str) -> None:
    briefs = _pair([(name, unit, previous, current, "1")])
    shown = {lang: b.plan_rows[0] for lang, b in briefs.items()}
    assert (shown["en"].mark, str(shown["en"].change), str(shown["zh"].change)) == (mark, en, zh)


@pytest.mark.parametrize(("header", "prose", "en", "zh", "estimate"), [
    ("2030年预计完成", "", "2030 (estimate)", "2030年预计", True),
    ("2030年完成", "（2030年部分数据尚未发布，为预计数）", "2030 (estimate)", "2030年预计", True),
    ("2030年完成", "", "Actual", "实际", False),
])
def test_the_outcome_column_says_when_it_holds_estimates(header: str, prose: str, en: str, zh: str,
                                                        estimate: bool) -> None:
    briefs = _pair([("地区生产总值增速", "%", "6左右", "6左右", "5.2")], actual_header=header,
                   review_prose=(prose,) if prose else ())
    assert (str(briefs["en"].actual_heading), str(briefs["zh"].actual_heading)) == (en, zh)
    assert briefs["en"].estimate is estimate and bool(briefs["en"].estimate_note) is estimate
    assert str(briefs["en"].outcome_heading) == ("2030 outcome (estimate)" if estimate else "2030 outcome")


def test_an_index_is_shown_as_the_rate_it_implies_with_the_index_in_a_note() -> None:
    briefs = _pair([("居民消费价格指数", "%", "103以内", "103左右", "98.5"),
                    ("地区生产总值增速", "%", "6左右", "6左右", "5.2")])
    en, zh = briefs["en"], briefs["zh"]
    cpi = en.score_rows[0]
    assert (str(cpi.target), str(cpi.actual)) == ("rise of at most 3%", "fall of 1.5%")
    assert [str(n) for n in cpi.notes] == ["Index (previous year = 100): target at most 103, outcome 98.5"]
    assert (str(zh.score_rows[0].target), str(zh.score_rows[0].actual)) == ("涨幅3%以内", "降幅1.5%")
    plan = en.plan_rows[0]
    assert (str(plan.target), str(plan.previous), str(plan.outcome)) == (
        "rise of about 3%", "rise of at most 3%", "fall of 1.5%")
    assert [str(n) for n in plan.notes] == ["Index (previous year = 100): about 103"]
    assert not en.score_rows[1].notes and str(en.score_rows[1].target) == "about 6%"  # a rate stays a rate


def test_units_are_shown_once_beside_or_inside_the_values() -> None:
    briefs = _pair([("粮食产量", "亿公斤", "100", "101", "102"), ("城镇新增就业", "万人", "60以上", "60以上", "71")])
    en, zh = briefs["en"], briefs["zh"]
    assert [(str(r.target), str(r.unit)) for r in en.score_rows] == [
        ("10 million tonnes", ""), ("at least 600,000 people", "")]
    assert not en.score_unit_column and not en.plan_unit_column
    assert [(str(r.target), str(r.unit)) for r in zh.score_rows] == [("100", "亿公斤"), ("60以上", "万人")]
    assert zh.score_unit_column and zh.plan_unit_column


def test_the_new_target_stands_beside_last_years_outcome() -> None:
    briefs = _pair([("固定资产投资增速", "%", "6左右", "10", "0.7"), ("城镇调查失业率", "%", "5.5以内", "5.5以内", "5.2")])
    en = briefs["en"]
    assert [(str(r.target), str(r.outcome), r.outcome_status) for r in en.plan_rows] == [
        ("10%", "0.7%", "missed"), ("at most 5.5%", "5.2%", "met")]
    assert en.plan_outcome_column


def test_no_outcome_column_without_outcomes() -> None:
    plan = table([row(201, "地区生产总值增速", "6左右", number=1)], year=2031, actual=False, line=200)
    brief = briefs_of(document(tables=[plan]))["en"]
    assert not brief.plan_outcome_column and not brief.plan_rows[0].outcome


GENERAL = "受需求收缩和疫情散发多发影响，全省经济运行承压。"


def test_a_general_explanation_is_stated_once_and_a_rows_own_on_the_row() -> None:
    briefs = _pair(
        [("固定资产投资增速", "%", "6左右", "6", "2"), ("进出口总值增速", "%", "5左右", "5", "1"),
         ("社会消费品零售总额增速", "%", "7左右", "7", "3"), ("粮食产量", "亿公斤", "100", "100", "95")],
        review_prose=("此外，固定资产投资增速、进出口总值增速、社会消费品零售总额增速等指标也不同程度受到影响。",
                      "受持续极端高温天气影响，粮食产量95亿公斤。"),
        attachment_prose=(GENERAL,))
    en = briefs["en"]
    general = [r for r in en.score_rows if r.general_cause]
    assert len(general) == 3 and {str(r.cause) for r in general} == {"General factors (see below the table)"}
    assert [str(g) for g in en.general_causes] == [
        "For 3 indicators the report gives only general factors: shrinking demand; sporadic and frequent "
        "Covid-19 outbreaks (line 95)"]
    grain = next(r for r in en.score_rows if str(r.name) == "grain output")
    assert str(grain.cause) == "Report cites: extreme heat" and not grain.general_cause
    assert [str(g) for g in briefs["zh"].general_causes] == [
        "报告对3项指标仅说明总体原因：受需求收缩和疫情散发多发影响（第95行）"]


def test_a_general_explanation_of_one_row_stays_on_it() -> None:
    briefs = _pair([("固定资产投资增速", "%", "6左右", "6", "2")],
                   review_prose=("此外，固定资产投资增速等指标也不同程度受到影响。",), attachment_prose=(GENERAL,))
    row_ = briefs["en"].score_rows[0]
    assert str(row_.cause).startswith("Report cites general factors: ") and not briefs["en"].general_causes


def test_findings_sit_on_their_rows_and_passed_checks_are_counted() -> None:
    briefs = _pair([("进出口总值增速", "%", "5左右", "5", "2.5"), ("地区生产总值增速", "%", "6左右", "6", "5.2")],
                   review_prose=("全省地区生产总值增长5.2%，进出口总值增长1.5%。",))
    en, zh = briefs["en"], briefs["zh"]
    trade = en.score_rows[0]
    assert [(f.severity, str(f.message), str(f.where)) for f in trade.findings] == [
        ("warning", "Text says 1.5%, table 2.5% (line 20)", "line 20")]
    assert not en.score_rows[1].findings and not en.plan_rows[0].findings
    problems = [f for f in en.findings if not f.passed]
    assert [f.severity for f in problems] == ["warning"]
    [passed] = [f for f in en.findings if f.passed]
    assert str(passed.message) == "1 arithmetic and consistency check passed" and en.checks_passed == 1
    assert str(next(f for f in zh.findings if f.passed).message) == "1项核算与一致性检查通过"
    assert [str(f.message) for f in zh.score_rows[0].findings] == ["正文“进出口总值增长1.5%”，表中为2.5（第20行）"]
