"""Plan indicators and year-over-year changes: each change kind, retired, prose targets, the seed."""

from __future__ import annotations

import pytest
from tests.support.indicator_docs import document, para, row, table

from generator.lexicon.catalogue import Polarity
from generator.analyse.changes import Ambition, ChangeKind, compare_targets
from generator.analyse.prose_targets import extract_plan_targets, targets_in
from generator.analyse.indicators import analyse_indicators
from generator.document import ParagraphKind
from generator.targets import TargetKind, parse_target
from tests.support.project import project

H, L, U = Polarity.HIGHER, Polarity.LOWER, Polarity.UNKNOWN


@pytest.mark.parametrize(
    ("previous", "current", "polarity", "kind", "ambition"),
    [
        ("5.5左右", "6以上、争取实现更好的结果", H, ChangeKind.RAISED, Ambition.MORE),
        ("7左右", "6", H, ChangeKind.LOWERED, Ambition.LESS),
        ("0.032左右", "0.03", L, ChangeKind.LOWERED, Ambition.MORE),  # lower is better
        ("1.8左右∶1", "1.72∶1", L, ChangeKind.LOWERED, Ambition.MORE),
        ("8", "10", U, ChangeKind.RAISED, Ambition.UNKNOWN),
        ("5.5以内", "5.5以内", L, ChangeKind.UNCHANGED, Ambition.SAME),
        ("60以上", "60万人以上", H, ChangeKind.UNCHANGED, Ambition.SAME),
        ("正增长", "正增长", H, ChangeKind.UNCHANGED, Ambition.SAME),
        ("—", "—", H, ChangeKind.UNCHANGED, Ambition.SAME),
        ("在“十四五”规划期内统筹考虑", "▽", H, ChangeKind.UNCHANGED, Ambition.SAME),
        ("5.5左右", "5.5以内", L, ChangeKind.REWORDED, Ambition.MORE),
        ("20左右", "20以上", H, ChangeKind.REWORDED, Ambition.MORE),
        ("4左右", "4", H, ChangeKind.REWORDED, Ambition.SAME),
        ("100以上", "保稳促优", H, ChangeKind.REWORDED, Ambition.UNKNOWN),
        ("71左右", "较上年提升0.5个百分点", H, ChangeKind.REWORDED, Ambition.UNKNOWN),
        ("1.73", "—", H, ChangeKind.REWORDED, Ambition.UNKNOWN),
    ],
)
def test_compare_targets(previous: str, current: str, polarity: Polarity, kind: ChangeKind, ambition: Ambition) -> None:
    assert compare_targets(parse_target(previous), parse_target(current), polarity) == (kind, ambition)


def _two_years(stated: str):
    review = table([
        row(101, "地区生产总值增速", "5左右", "5.2", number=1),
        row(102, "固定资产投资增速", "6左右", "4", number=2),
        row(103, "民间投资增速", "6左右", "7", sub=True),
        row(104, "社会消费品零售总额增速", "7左右", "6", number=3),
        row(105, "城镇调查失业率", "5.5以内", "5.2", number=4),
        row(106, "实际利用外资", "100以上", "90", number=5, unit="亿美元"),
        row(107, "森林覆盖率", "55", "55", number=6, binding=True),
    ], year=2030, actual=True, attachment=1)
    plan = table([
        row(201, "地区生产总值增速", "6左右", number=1),
        row(202, "固定资产投资增速", "6左右", number=2),
        row(203, "制造业投资增速", "10以上", sub=True),
        row(204, "社会消费品零售总额增速", "6", number=3),
        row(205, "城镇调查失业率", "5.5左右", number=4),
        row(206, "实际使用外资", "保稳促优", number=5, unit="亿美元"),
        row(207, "科技型企业", "48000", number=6, unit="家"),
    ], year=2031, actual=False, attachment=2, line=200)
    return document(tables=[review, plan], attachments={1: [], 2: [para(190, stated)]})


def test_every_change_kind_on_a_synthetic_pair_of_tables() -> None:
    doc = _two_years("一是新增科技型企业1项指标。二是森林覆盖率不再作为约束性指标。三是将民间投资增速调整为制造业投资增速。")
    plan = analyse_indicators(doc, project().catalogue).plan
    kinds = {p.name_zh: p.change.kind for p in plan.rows()}
    assert kinds == {
        "地区生产总值增速": ChangeKind.RAISED,
        "固定资产投资增速": ChangeKind.UNCHANGED,
        "制造业投资增速": ChangeKind.REPLACED,
        "社会消费品零售总额增速": ChangeKind.LOWERED,
        "城镇调查失业率": ChangeKind.REWORDED,
        "实际使用外资": ChangeKind.REWORDED,  # renamed indicator, new qualitative target
        "科技型企业": ChangeKind.NEW,
    }
    by_name = {p.name_zh: p for p in plan.rows()}
    assert by_name["制造业投资增速"].change.replaces == "民间投资增速"
    assert by_name["制造业投资增速"].change.previous_text == "6左右"
    assert by_name["实际使用外资"].change.previous_name == "实际利用外资"
    assert by_name["城镇调查失业率"].change.ambition is Ambition.LESS  # 以内 -> 左右 on a lower-is-better rate
    assert by_name["科技型企业"].change.stated_line == 190
    [retired] = plan.retired
    assert (retired.name_zh, retired.reason_line) == ("森林覆盖率", 190)
    assert "不再作为约束性指标" in retired.reason


def test_without_a_stated_replacement_old_and_new_are_retired_and_new() -> None:
    plan = analyse_indicators(_two_years("指标体系保持稳定。"), project().catalogue).plan
    by_name = {p.name_zh: p for p in plan.rows()}
    assert by_name["制造业投资增速"].change.kind is ChangeKind.NEW
    assert sorted(r.name_zh for r in plan.retired) == ["森林覆盖率", "民间投资增速"]
    assert all(r.reason is None for r in plan.retired)


NATIONAL = (
    "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，城镇调查失业率5.5%左右；"
    "居民消费价格涨幅3%左右；居民收入增长和经济增长基本同步；单位国内生产总值能耗降低2%左右；"
    "粮食产量保持在1.3万亿斤以上。"
)


def test_targets_in_one_sentence_of_prose() -> None:
    doc = document(outlook=[para(60, NATIONAL)])
    found = extract_plan_targets(doc)
    assert [(t.name_zh, t.target_text, t.line) for t in found][:5] == [
        ("国内生产总值增长", "5%左右", 60),
        ("城镇新增就业", "1200万人左右", 60),
        ("城镇调查失业率", "5.5%左右", 60),
        ("居民消费价格涨幅", "3%左右", 60),
        ("单位国内生产总值能耗降低", "2%左右", 60),
    ]
    assert "居民收入增长和经济增长基本同步" not in [t.name_zh for t in found]
    plan = analyse_indicators(doc, project().catalogue).plan
    assert plan.origin.kind == "prose" and plan.origin.line == 60
    ids = [p.indicator_id for p in plan.plan]
    assert ids[:3] == ["gdp_growth", "new_urban_jobs", "urban_surveyed_unemployment"]
    # No last-year table and nothing said of the change: not known (it used to say "new", which it is not).
    assert all(p.origin == "prose" and p.change.kind is ChangeKind.NOT_KNOWN for p in plan.plan)


def test_targets_in_lead_paragraphs_and_ranges() -> None:
    doc = document(outlook=[
        para(61, "——地区生产总值增长4.5%—5%。", ParagraphKind.LEAD),
        para(62, "——城镇调查失业率控制在5.5%以内。", ParagraphKind.LEAD),
    ])
    found = extract_plan_targets(doc)
    assert [(t.name_zh, t.target.kind, t.line) for t in found] == [
        ("地区生产总值增长", TargetKind.RANGE, 61),
        ("城镇调查失业率", TargetKind.AT_MOST, 62),
    ]
    assert [t.name_zh for t in targets_in("力争实现城镇新增就业60万人以上", 1)] == ["城镇新增就业"]


# --------------------------------------------------------------- the seed


def test_seed_plan_changes(seed_doc) -> None:
    plan = analyse_indicators(seed_doc, project().catalogue).plan
    assert plan.counts() == {"total": 39, "binding": 5, "expected": 34}
    new = [p.name_zh for p in plan.rows() if p.change.kind is ChangeKind.NEW]
    assert new == ["人均地区生产总值", "科技型企业", "西部陆海新通道货运量、货运值增速", "长江干流水质", "耕地保有量"]
    assert all(p.change.stated_line == 510 for p in plan.rows() if p.change.kind is ChangeKind.NEW)
    replaced = [(p.change.replaces, p.name_zh) for p in plan.rows() if p.change.kind is ChangeKind.REPLACED]
    assert replaced == [("民间投资增速", "制造业投资增速")]
    assert [(r.name_zh, r.reason_line) for r in plan.retired] == [("森林覆盖率", 510)]
    by_name = {p.name_zh: p for p in plan.rows()}
    assert by_name["地区生产总值增速"].change.kind is ChangeKind.RAISED
    assert by_name["进出口总值增速"].change.kind is ChangeKind.LOWERED
    assert by_name["数字经济增加值增速"].change.previous_name == "数字经济核心产业增加值增速"
    assert by_name["城镇新增就业"].change.kind is ChangeKind.UNCHANGED
    deaths = by_name["每亿元地区生产总值生产安全事故死亡人数"].change
    assert (deaths.kind, deaths.ambition) == (ChangeKind.LOWERED, Ambition.MORE)
    assert plan.origin.kind == "table" and plan.origin.attachment == 2
