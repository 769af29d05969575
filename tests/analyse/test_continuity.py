"""Target continuity between consecutive reports: exactly the differences planted in synthetic pairs are found."""

from __future__ import annotations

from pathlib import Path

from generator.analyse.continuity import ContinuityKind, consecutive_pairs
from generator.analyse.profile import Genre, Level, ReportProfile
from tests.support.corpus import analyse_files
from tests.support.report_pairs import BASE, next_year, renamed, retargeted, without, write_pair

FIRST, SECOND = "qingchuan-2031", "qingchuan-2032"


def _findings(tmp_path: Path, second_rows) -> list:
    a, b = write_pair(tmp_path, BASE, second_rows)
    _analyses, corpus = analyse_files(a, b)
    assert corpus.for_report(FIRST).continuity == ()  # the earlier report has no report before it
    context = corpus.for_report(SECOND)
    assert context.earlier == FIRST
    return list(context.continuity)


def test_a_pair_with_nothing_planted_has_no_finding(tmp_path):
    assert _findings(tmp_path, next_year(BASE)) == []


def test_a_silently_changed_target_is_found(tmp_path):
    # The 2031 plan set fixed-asset investment growth at 5; the 2032 report reviews it against 6.
    found = _findings(tmp_path, retargeted(next_year(BASE), "固定资产投资增速", "6"))
    assert [(f.kind, f.indicator_id, f.planned, f.reviewed, f.change, f.severity) for f in found] == [
        (ContinuityKind.TARGET_CHANGED, "fixed_asset_investment_growth", "5", "6", "raised", "warning")]
    assert found[0].year == 2031 and found[0].earlier_file == f"{FIRST}.txt"
    assert found[0].planned_line and found[0].reviewed_line


def test_a_reworded_target_is_found_as_information(tmp_path):
    found = _findings(tmp_path, retargeted(next_year(BASE), "城镇调查失业率", "5.5左右"))  # set: 5.5以内
    assert [(f.kind, f.change, f.severity) for f in found] == [(ContinuityKind.TARGET_CHANGED, "reworded", "info")]


def test_an_indicator_dropped_from_the_review_is_found(tmp_path):
    found = _findings(tmp_path, without(next_year(BASE), "社会消费品零售总额增速"))
    assert [(f.kind, f.indicator_id, f.planned, f.reviewed) for f in found] == [
        (ContinuityKind.DROPPED, "retail_sales_growth", "6", None)]


def test_a_renamed_indicator_is_found_once(tmp_path):
    # 实际利用外资 continues the series of 实际使用外资 (catalogue series, one standard measure): renamed, same target.
    found = _findings(tmp_path, renamed(next_year(BASE), "实际使用外资", "实际利用外资"))
    assert [(f.kind, f.indicator_id, f.planned_name, f.reviewed_name) for f in found] == [
        (ContinuityKind.RENAMED, "fdi_utilised", "实际使用外资", "实际利用外资")]


def test_an_indicator_reviewed_but_never_planned_is_found(tmp_path):
    # The 2031 report plans no CPI target; the 2032 report reviews one.
    a, b = write_pair(tmp_path, without(BASE, "居民消费价格涨幅"), next_year(BASE))
    _analyses, corpus = analyse_files(a, b)
    found = corpus.for_report(SECOND).continuity
    assert [(f.kind, f.indicator_id, f.planned, f.reviewed, f.severity) for f in found] == [
        (ContinuityKind.NOT_IN_PLAN, "cpi_increase", None, "2左右", "info")]


def _profile(region: str | None, review: int | None, plan: int | None, genre: Genre = Genre.PLAN_REPORT):
    return ReportProfile(region, Level.PROVINCIAL, genre, review, plan, None)


def test_only_consecutive_reports_of_one_region_and_genre_pair_up():
    profiles = {
        "a-2031": _profile("甲省", 2030, 2031),
        "a-2032": _profile("甲省", 2031, 2032),
        "a-2034": _profile("甲省", 2033, 2034),  # no report sets the 2033 plan
        "b-2032": _profile("乙省", 2031, 2032),  # another region
        "a-gwr-2032": _profile("甲省", 2031, 2032, Genre.WORK_REPORT),  # another genre
        "unknown": _profile(None, 2031, 2032),
    }
    assert consecutive_pairs(profiles) == {"a-2032": "a-2031"}


def test_the_pair_in_either_order_of_inputs_gives_the_same_result(tmp_path):
    a, b = write_pair(tmp_path, BASE, retargeted(next_year(BASE), "固定资产投资增速", "6"))
    _, forward = analyse_files(a, b)
    _, backward = analyse_files(b, a)
    assert forward.for_report(SECOND) == backward.for_report(SECOND)
    assert forward.for_report(SECOND).digest() == backward.for_report(SECOND).digest()
