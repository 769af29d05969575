"""Review scorecard: status rules, tallies, reconciliation with the report's words, outputs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from generator.lexicon.catalogue import Polarity
from generator.analyse.indicators import analyse_indicators
from generator.localise.briefs import wording_for
from generator.render.scorecard_files import scorecard_csv, scorecard_json
from generator.analyse.scoring import Status, index_rate, score
from generator.analyse.tallies import parse_tally
from generator.targets import parse_target
from tests.support.paths import ROOT
from tests.support.indicator_docs import document, para, row, table
from tests.support.project import analysed, project

H, L, U, N = Polarity.HIGHER, Polarity.LOWER, Polarity.UNKNOWN, Polarity.NEUTRAL


@pytest.mark.parametrize(
    ("target", "actual", "polarity", "status", "code"),
    [
        # 左右 / bare numbers: met at or beyond the target in the good direction
        ("5.5左右", "2.6", H, Status.MISSED, "below_target"),
        ("4左右", "4", H, Status.MET, "at_or_above"),
        ("12.5左右", "16.6", H, Status.MET, "at_or_above"),
        ("0.032左右", "不超过0.03", L, Status.MET, "at_or_below"),
        ("108.7", "107.3", H, Status.MISSED, "below_target"),
        ("60左右", "59.4左右", H, Status.MISSED, "below_target"),
        # bounds
        ("5500以上", "6348", H, Status.MET, "at_or_above"),
        ("5.5以内", "5.4", L, Status.MET, "at_or_below"),
        ("5.5以内", "5.6", U, Status.MISSED, "above_target"),
        ("60万人以上", "71", H, Status.MET, "at_or_above"),
        ("4.5—5", "4.8", H, Status.MET, "within_range"),
        ("4.5%—5%", "4.2", H, Status.MISSED, "outside_range"),
        # 正增长 / 负增长
        ("正增长", "正增长", H, Status.MET, "same_as_target"),
        ("正增长", "1.2", H, Status.MET, "positive_growth"),
        ("正增长", "负增长", H, Status.MISSED, "negative_growth"),
        ("正增长", "—0.5", H, Status.MISSED, "negative_growth"),
        ("10左右", "正增长", H, Status.MISSED, "only_positive"),
        ("5左右", "负增长", H, Status.MISSED, "negative_growth"),
        ("3以内", "负增长", L, Status.MET, "at_or_below"),
        # same text, achieved, same basis
        ("40左右", "40左右", H, Status.MET, "same_as_target"),
        ("1.8左右∶1", "1.8左右∶1", L, Status.MET, "same_as_target"),
        ("1.8左右∶1", "1.72∶1", L, Status.MET, "at_or_below"),
        ("1.73", "预计能完成", H, Status.MET, "reported_achieved"),
        ("3左右", "同口径—2.5", H, Status.MISSED, "below_target"),
        # no target
        ("—", "—", H, Status.NO_TARGET, "target_pending"),
        ("在“十四五”规划期内统筹考虑", "2.5左右（预计能达到“十四五”期间序时进度）", H, Status.MET, "period_on_track"),
        ("在“十四五”规划期内统筹考虑", "2.4", H, Status.NO_TARGET, "period_target"),
        ("▽", "", H, Status.NO_TARGET, "period_target"),
        # qualitative, relative, unknown direction, missing actual
        ("保持Ⅱ类", "Ⅱ类", N, Status.QUALITATIVE, "qualitative_target"),
        ("较上年提升0.5个百分点", "71.5", H, Status.NOT_COMPARABLE, "relative_target"),
        ("71左右", "72", U, Status.NOT_COMPARABLE, "unknown_polarity"),
        ("71左右", "71", U, Status.MET, "same_as_target"),
        ("71左右", "71.5", N, Status.MET, "near_target"),
        ("8", "", H, Status.NOT_COMPARABLE, "no_actual"),
    ],
)
def test_status_rules(target: str, actual: str, polarity: Polarity, status: Status, code: str) -> None:
    got, reason = score(parse_target(target), parse_target(actual), polarity, unit="%")
    assert (got, reason.code) == (status, code)
    for lang in project().languages:  # a sentence for every reason in every language, no slot left empty
        words = str(wording_for(project(), lang).sentence(reason.sentence(), unit="%"))
        assert words and reason.code.value not in words and "%(" not in words


def test_index_against_index_and_against_growth() -> None:
    assert score(parse_target("103以内"), parse_target("102.1"), L, index=True)[0] is Status.MET
    assert score(parse_target("103以内"), parse_target("103.4"), L, index=True)[0] is Status.MISSED
    # a growth target (3%) against an index actual (102.1 = +2.1%)
    assert score(parse_target("3左右"), parse_target("102.1"), L, index=True)[0] is Status.MET
    assert score(parse_target("2左右"), parse_target("102.1"), L, index=True)[0] is Status.MISSED


def test_calibre_change_makes_a_row_not_comparable() -> None:
    status, reason = score(parse_target("100以上"), parse_target("18"), H, calibre_changed=True)
    assert (status, reason.code) == (Status.NOT_COMPARABLE, "calibre_changed")


def test_missed_reason_carries_the_gap_in_percentage_points() -> None:
    _, reason = score(parse_target("5.5左右"), parse_target("2.6"), H, unit="%")
    assert reason.to_dict()["params"] == {"gap": "2.9个百分点", "actual": "2.6", "target": "5.5左右"}
    words = {lang.code: str(wording_for(project(), lang).sentence(reason.sentence(), unit="%"))
             for lang in project().languages}
    assert words == {"zh": "完成2.6，低于目标5.5左右（差2.9个百分点）",
                     "en": "2.6%, below the target of about 5.5% (short by 2.9 percentage points)"}


def _synthetic():
    rows = [
        row(101, "地区生产总值增速", "5左右", "5.2", number=1),
        row(102, "固定资产投资增速", "6左右", "4", number=2),
        row(103, "民间投资增速", "6左右", "7", sub=True),
        row(104, "实际利用外资", "100以上", "18", number=3, unit="亿美元"),
        row(105, "某某新指标", "3以内", "2", number=4),
        row(106, "外资企业数", "200以上", "250", number=5, unit="家", markers=("▽",)),
        row(107, "空气质量优良天数", "320以上", "330", number=6, unit="天", binding=True),
        row(108, "主要污染物重点工程减排量", "", "", number=7, unit="万吨", binding=True),
        row(109, "化学需氧量", "1.7", "预计能完成", sub=True, unit="万吨"),
        row(110, "氨氮", "0.07", "", sub=True, unit="万吨"),
        row(111, "单位地区生产总值二氧化碳排放下降", "—", "—", number=8, binding=True),
    ]
    review = table(rows, year=2030, actual=True, attachment=1,
                   notes=("1．加“*”为约束性指标。", "2．加“▽”指标统计口径有变。"))
    doc = document(
        review=[para(20, "批准的8项计划指标中，3项为约束性指标，除1项指标国家暂未下达目标值，其余全部完成；"
                         "5项为预期性指标，其中2项指标能够完成，1项完成有难度，实际利用外资、外资企业数数据口径调整。")],
        tables=[review],
        attachments={1: [para(95, "一是第3项“实际利用外资”指标，按新版统计制度统计。")]},
    )
    return doc


def test_synthetic_table_end_to_end() -> None:
    analysis = analyse_indicators(_synthetic(), project().catalogue)
    by_name = {r.name_zh: r for r in analysis.scorecard.rows()}
    assert by_name["地区生产总值增速"].status is Status.MET
    assert by_name["固定资产投资增速"].status is Status.MISSED
    assert by_name["民间投资增速"].level == 1 and by_name["民间投资增速"].status is Status.MET
    assert by_name["实际利用外资"].status is Status.NOT_COMPARABLE  # 第3项 … 新版统计制度
    assert by_name["外资企业数"].status is Status.NOT_COMPARABLE  # ▽ defined by the note as a calibre change
    assert (by_name["某某新指标"].status, by_name["某某新指标"].polarity_source) == (Status.MET, "wording")
    # parent without cells: scored from its sub-rows; the blank under 预计能完成 is that merged cell
    assert by_name["氨氮"].status is Status.MET
    assert by_name["主要污染物重点工程减排量"].reason.code == "children_met"
    tally = analysis.tallies
    assert tally.review["binding"].counts == {"met": 2, "missed": 0, "no_target": 1, "not_comparable": 0, "qualitative": 0}
    assert tally.review["expected"].counts == {"met": 2, "missed": 1, "no_target": 0, "not_comparable": 2, "qualitative": 0}
    assert tally.agrees("review") is True


def test_stated_tally_disagreement_is_reported() -> None:
    doc = _synthetic()
    doc.parts[0].intro[0].text = doc.parts[0].intro[0].text.replace("2项指标能够完成", "3项指标能够完成")
    analysis = analyse_indicators(doc, project().catalogue)
    wrong = [c for c in analysis.tallies.checks if not c.agrees]
    assert [(c.stated.scope, c.what, c.stated_value, c.computed) for c in wrong] == [("expected", "met", 3, 2)]
    assert analysis.tallies.agrees("review") is False


def test_parse_tally_other_wordings() -> None:
    [all_, binding] = parse_tally("48项指标中，有41项指标符合预期目标，其中12个约束性指标全部完成。", "review", 7)
    assert (all_.scope, all_.total, all_.counts) == ("all", 48, {"met": 41})
    assert (binding.scope, binding.total, binding.counts) == ("binding", 12, {"met": 12})
    plan = parse_tally("共39项指标，其中约束性指标5项、预期性指标34项。", "plan", 9)
    assert [(s.scope, s.total) for s in plan] == [("all", 39), ("binding", 5), ("expected", 34)]
    assert parse_tally("森林覆盖率已达55%，不再作为一项约束性指标。", "plan", 3) == []
    assert parse_tally("其余38项指标中：一是设定制造业投资增速高于固定资产投资增速等预期目标。", "plan", 3) == []


# --------------------------------------------------------------- the seed


def test_seed_tallies_match_the_report(seed_doc) -> None:
    tally = analyse_indicators(seed_doc, project().catalogue).tallies
    assert tally.review["expected"].counts == {"met": 13, "missed": 15, "no_target": 0, "not_comparable": 1, "qualitative": 0}
    assert tally.review["binding"].counts == {"met": 5, "missed": 0, "no_target": 1, "not_comparable": 0, "qualitative": 0}
    assert tally.agrees("review") is True and tally.agrees("plan") is True
    stated_lines = sorted({s.line for s in tally.stated if s.stage == "review"})
    assert stated_lines == [105, 247]


def test_seed_scorecard_details(seed_doc) -> None:
    rows = {r.name_zh: r for r in analyse_indicators(seed_doc, project().catalogue).scorecard.rows()}
    assert rows["实际利用外资"].reason.code == "calibre_changed"
    assert rows["单位地区生产总值能耗下降"].status is Status.MET
    assert rows["单位地区生产总值二氧化碳排放下降"].status is Status.NO_TARGET
    assert rows["数字经济核心产业增加值增速"].reason.code == "only_positive"
    assert rows["居民消费价格指数"].status is Status.MET
    assert rows["民间投资增速"].status is Status.MISSED and rows["民间投资增速"].level == 1


def test_scorecard_json_shape(seed_doc) -> None:
    data = scorecard_json(analysed(seed_doc), wording_for(project()))
    assert len(data["review"]) == 35 and len(data["plan"]) == 39
    first = data["review"][0]
    assert {"name_zh", "unit", "binding", "target", "actual", "status", "reason", "children"} <= set(first)
    pollutants = next(r for r in data["review"] if r["name_zh"] == "主要污染物重点工程减排量")
    assert [c["name_zh"] for c in pollutants["children"]] == ["化学需氧量", "挥发性有机物", "氨氮", "氮氧化物"]
    assert data["tally"]["expected"]["met"] == 13 and data["tally"]["agrees"] is True
    assert {"new", "raised", "lowered", "unchanged", "firmed", "pending", "reworded", "replaced"} >= {
        p["change"] for p in data["plan"]}
    assert [r["name_zh"] for r in data["retired"]] == ["森林覆盖率"]
    # 2022年预计完成, and "2022年部分数据还未发布，为预计数" (line 247): the outcomes are estimates
    assert data["origin"]["review"] == {"kind": "table", "line": 261, "table": 0, "attachment": 1,
                                        "estimate": True, "estimate_line": 247}
    json.dumps(data, ensure_ascii=False)  # JSON-ready


def test_scorecard_csv(seed_doc) -> None:
    rows = list(csv.DictReader(io.StringIO(scorecard_csv(analysed(seed_doc), wording_for(project())))))
    review = [r for r in rows if r["section"] == "review"]
    plan = [r for r in rows if r["section"] == "plan"]
    assert len(review) == 35 + 7 and len(plan) == 39 + 7  # sub-rows included
    gdp = next(r for r in review if r["name_zh"] == "地区生产总值增速")
    assert (gdp["target"], gdp["actual"], gdp["status"]) == ("5.5左右", "2.6", "missed")


def test_cli_scorecard(seed_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "scorecard", str(seed_path)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    assert json.loads(out.stdout)["tally"]["binding"]["met"] == 5


@pytest.mark.parametrize(("header", "prose", "line"), [
    ("2030年预计完成", "全年经济运行总体平稳。", 100),  # the column says so
    ("2030年预计", "", 100),
    ("2030年完成情况", "（2030年部分数据尚未发布，为预计数）", 30),  # the text says so
    ("2030年完成情况", "全年经济运行总体平稳。", None),  # final figures
])
def test_estimated_outcomes_are_flagged_with_where_the_report_says_so(header: str, prose: str,
                                                                        line: int | None) -> None:
    review = table([row(101, "地区生产总值增速", "6左右", "5", number=1)], year=2030, actual=True)
    review.columns[-1].header = header
    doc = document(review=[para(30, prose)] if prose else [], tables=[review])
    origin = analyse_indicators(doc, project().catalogue).scorecard.origin
    assert (origin.estimate, origin.estimate_line) == (line is not None, line)


@pytest.mark.parametrize(("name", "unit", "cell", "rate"), [
    ("居民消费价格指数", "%", "103以内", ("at_most", "3")),  # inflation of at most 3%
    ("居民消费价格指数", "%", "102.1", ("exact", "2.1")),
    ("居民消费价格指数", "", "101.5左右", ("about", "1.5")),
    ("工业生产者出厂价格指数", "%", "98.5以上", ("at_least", "-1.5")),
    ("居民消费价格指数", "%", "3左右", None),  # already a rate
    ("营商环境指数", "分", "85", None),  # a score in its own unit
    ("居民消费价格涨幅", "%", "103", None),  # not an index by name
    ("居民消费价格指数", "%", "正增长", None),
])
def test_index_cells_imply_a_rate(name: str, unit: str, cell: str, rate: tuple[str, str] | None) -> None:
    found = index_rate(name, unit, parse_target(cell))
    assert (None if found is None else (found.kind.value, format(found.value.normalize(), "f"))) == rate
    assert found is None or found.unit == "%"
