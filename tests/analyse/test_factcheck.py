"""Fact-checks: the seed's complete list of findings, and each check on small synthetic reports."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.paths import ROOT
from tests.support.indicator_docs import document, para, row, table

from generator.analyse.factcheck import Finding
from generator.analyse.indicators import analyse_indicators
from generator.analyse.params import as_text
from generator.analyse.projects import find_projects
from generator.localise.briefs import wording_for
from tests.support.project import analysed, project


def texts(f: Finding) -> dict[str, str]:
    """A finding's parameters in their plain form."""
    return {k: as_text(v) for k, v in f.params}


def message(f: Finding) -> str:
    """A finding in the report's own language."""
    return str(wording_for(project()).sentence(f.sentence, whole=True))

# Every finding on the seed: (line, severity, code). Nothing else may be raised.
SEED_FINDINGS = [
    (17, "info", "prose_table_agrees"),  # 22 prose figures agree with the 2022 table
    (73, "warning", "prose_table_mismatch"),  # 外贸进出口…增长2% vs 2.5左右
    (105, "warning", "renamed_unstated"),  # 实际利用外资 -> 实际使用外资, not among the stated changes
    (105, "info", "tally_agrees"),  # 35 = 6 binding (5 met, 1 no target) + 29 expected (13/15/1)
    (107, "info", "share_agrees"),  # 3754 / 4104 = 91.47% ≈ 91.5%
    (107, "info", "sum_agrees"),  # six sectors: 43.5+1021.5+152+2440+154.5+292.5 = 4104
    (107, "info", "sum_agrees"),  # 376 + 558 = 934 projects
    (107, "info", "sum_agrees"),  # 1844 + 2260 = 4104
    (107, "info", "sum_agrees"),  # 1021.5 + 2440 + 292.5 = 3754
    (126, "info", "tally_agrees"),  # 39 = 5 + 34
    (137, "info", "sum_agrees"),  # 283+23+481+34+73+229 = 1123 projects
    (137, "info", "sum_agrees"),  # total investment ≈ 3万亿
    (137, "info", "sum_agrees"),  # 868+31+2809+134+114+340 = 4296
    (247, "info", "tally_agrees"),
    (255, "warning", "prose_table_mismatch"),  # 进出口总值增速下降至2% vs 2.5左右
    (296, "warning", "renamed_unstated"),  # 数字经济核心产业增加值增速 -> 数字经济增加值增速
    (506, "info", "tally_agrees"),
    (510, "info", "changes_agree"),  # 5 new indicators, 民间投资增速 -> 制造业投资增速
    (534, "warning", "unit_contradicts_name"),  # 人均地区生产总值（%）
    (678, "info", "unit_missing_qualitative"),  # 长江干流水质, target 保持Ⅱ类
    (711, "warning", "unit_missing"),  # 耕地保有量 2665以上
]


def test_seed_findings_are_exactly_the_real_problems(seed_doc) -> None:
    findings = analysed(seed_doc).findings
    assert [(f.line, f.severity, f.code) for f in findings] == SEED_FINDINGS


def test_seed_trade_discrepancy_cites_both_sides(seed_doc) -> None:
    trade = [f for f in analysed(seed_doc).findings if f.code == "prose_table_mismatch"]
    assert [f.lines for f in trade] == [(73, 417), (255, 417)]
    params = texts(trade[1])
    assert (params["prose"], params["table"], params["name"]) == ("2", "2.5左右", "进出口总值增速")
    assert "进出口总值增速下降至2%" in message(trade[1])


def test_seed_sums_report_their_figures(seed_doc) -> None:
    sums = {texts(f)["what"]: texts(f) for f in analysed(seed_doc).findings if f.code == "sum_agrees"}
    assert sums["各领域完成投资"]["sum"] == "4104亿元"
    assert sums["按投资来源项目数"]["sum"] == "934个"
    assert sums["各领域项目数"]["total"] == "1123个"
    assert sums["各领域总投资"]["total"] == "约3万亿元"


def test_seed_projects_are_extracted(seed_doc) -> None:
    projects = find_projects(seed_doc)
    review, plan = projects.review, projects.plan
    assert (review.count, review.investment.text, review.share_of_plan.value, review.line) == (934, "4104亿元", 114, 107)
    assert [g.name for g in review.sectors] == ["科技创新", "产业转型升级", "乡村振兴", "城市提升", "生态环保", "社会民生"]
    assert [(g.name, g.count, g.investment.text) for g in review.sources] == [("政府投资", 376, "1844亿元"), ("企业投资", 558, "2260亿元")]
    assert (plan.count, plan.total_investment.text, plan.investment.text, plan.growth.value) == (1123, "约3万亿元", "约4296亿元", 18.5)
    assert [(g.name, g.count) for g in plan.sectors][:2] == [("产业优化升级", 283), ("科技创新", 23)]


def _doc_with(prose: list[str], rows=None):
    rows = rows or [
        row(101, "新发展市场主体增速", "12左右", "16.6", number=1),
        row(102, "进出口总值增速", "5左右", "3", number=2),
        row(103, "居民消费价格指数", "103以内", "102.1", number=3),
    ]
    return document(review=[para(20 + i, text) for i, text in enumerate(prose)],
                    tables=[table(rows, year=2030, actual=True, attachment=1)])


def _codes(doc) -> list[tuple[int | None, str]]:
    return [(f.line, f.code) for f in analyse_indicators(doc, project().catalogue).findings]


def test_lookalike_metrics_are_not_a_discrepancy() -> None:
    doc = _doc_with(["市场主体总量达341.6万户、增长6.6%。数字经济核心产业增加值占GDP比重超过8%。进出口总值达到900亿元。"])
    assert _codes(doc) == []


def test_prose_disagreeing_with_the_table_and_index_equals_growth() -> None:
    doc = _doc_with(["新发展市场主体增长16.6%，居民消费价格上涨2.1%，进出口总值增长4%。"])
    findings = analyse_indicators(doc, project().catalogue).findings
    assert [(f.code, f.lines) for f in findings] == [("prose_table_mismatch", (20, 102)), ("prose_table_agrees", (20,))]
    assert texts(findings[1])["count"] == "2"  # 16.6 and 上涨2.1% = 102.1


def test_a_breakdown_that_does_not_add_up_is_an_error() -> None:
    doc = _doc_with([
        "实施省级重大建设项目100个，总投资5000亿元，完成投资1000亿元，超年度计划5个百分点。"
        "甲、乙、丙三个板块项目，分别完成投资300亿元、400亿元、200亿元，分别占年度计划的100%、110%、90%。"
        "分投资来源看，政府投资项目40个，完成投资500亿元；企业投资项目60个，完成投资500亿元。"
    ])
    found = [(f.code, texts(f)["what"]) for f in analyse_indicators(doc, project().catalogue).findings]
    assert found == [
        ("sum_mismatch", "各领域完成投资"),
        ("sum_agrees", "按投资来源项目数"),
        ("sum_agrees", "按投资来源完成投资"),
    ]
    mismatch = next(f for f in analyse_indicators(doc, project().catalogue).findings if f.code == "sum_mismatch")
    assert mismatch.severity == "error" and texts(mismatch)["diff"] == "100亿元"


def test_unit_checks_on_a_plan_table() -> None:
    review = table([row(101, "粮食产量", "100", "101", number=1, unit="亿公斤")], year=2030, actual=True, attachment=1)
    plan = table([
        row(201, "粮食产量", "100", number=1, unit="亿公斤"),
        row(202, "耕地保有量", "2000以上", number=2, unit=None),
        row(203, "每亿元地区生产总值生产安全事故死亡人数", "0.03", number=3, unit=None),  # unit in the name
        row(204, "“一区”与“两群”人均地区生产总值比值", "1.7∶1", number=4, unit=None),  # a ratio
        row(205, "人均地区生产总值", "6以上", number=5, unit="%"),
        row(206, "城镇新增就业", "60以上", number=6, unit="%"),
        row(207, "长江干流水质", "保持Ⅱ类", number=7, unit=None),
    ], year=2031, actual=False, attachment=2, line=200)
    doc = document(tables=[review, plan])
    assert _codes(doc) == [
        (202, "unit_missing"),
        (205, "unit_contradicts_name"),
        (206, "unit_contradicts_name"),
        (207, "unit_missing_qualitative"),
    ]


def test_format_and_cli(seed_doc, seed_path) -> None:
    text = subprocess.run([sys.executable, "-m", "generator", "check", str(seed_path)],
                          capture_output=True, text=True, cwd=ROOT, check=True).stdout
    lines = text.splitlines()
    assert lines[1].startswith(f"{seed_path}:73: warning: 正文“外贸进出口")
    assert lines[-1] == f"{seed_path}: 21 finding(s): 0 error, 6 warning, 15 info"
    out = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(seed_path), "--json"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    data = json.loads(out.stdout)
    assert [(d["lines"][0], d["code"]) for d in data] == [(ln, code) for ln, _, code in SEED_FINDINGS]
    assert {"severity", "code", "message", "params", "lines"} == set(data[0])


def _renamed_pair(plan_prose: str):
    review = table([
        row(101, "地区生产总值增速", "6左右", "5", number=1),
        row(102, "绿色低碳产业增加值增速", "10左右", "8", number=2),
        row(103, "实际利用外资", "100以上", "90", number=3, unit="亿美元"),
    ], year=2030, actual=True, attachment=1)
    plan = table([
        row(201, "地区生产总值增速", "6左右", number=1),
        row(202, "绿色产业增加值增速", "10以上", number=2),  # a similar name: 低碳 dropped
        row(203, "实际使用外资", "保稳提质", number=3, unit="亿美元"),  # the catalogue's series
    ], year=2031, actual=False, attachment=2, line=200)
    return document(tables=[review, plan], attachments={1: [], 2: [para(190, plan_prose)]})


def test_renames_the_report_does_not_state_are_findings() -> None:
    findings = [f for f in analysed(_renamed_pair("指标体系总体保持稳定。")).findings if f.code == "renamed_unstated"]
    assert [(f.severity, texts(f)["old"], texts(f)["new"], f.lines) for f in findings] == [
        ("warning", "绿色低碳产业增加值增速", "绿色产业增加值增速", (102, 202)),
        ("warning", "实际利用外资", "实际使用外资", (103, 203)),
    ]
    assert "报告所述指标调整情况未提及" in message(findings[1])


def test_a_rename_the_report_states_is_no_finding() -> None:
    doc = _renamed_pair("将“实际利用外资”更名为“实际使用外资”，绿色低碳产业增加值增速更名为绿色产业增加值增速。")
    assert [f for f in analysed(doc).findings if f.code == "renamed_unstated"] == []


def test_passed_checks_are_marked_as_such(seed_doc) -> None:
    findings = analysed(seed_doc).findings
    passed = {f.code.value for f in findings if f.passed}
    assert passed == {"prose_table_agrees", "sum_agrees", "share_agrees", "tally_agrees", "changes_agree"}
    assert not any(f.passed for f in findings if f.severity != "info")
    assert not next(f for f in findings if f.code == "unit_missing_qualitative").passed
