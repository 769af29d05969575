"""Plan indicators and year-over-year changes: each change kind, retired, prose targets, the seed."""

from __future__ import annotations

import pytest
from tests.support.indicator_docs import document, para, row, table

from generator.lexicon.catalogue import Polarity
from generator.analyse.changes import Ambition, ChangeKind, compare_targets, similar_names
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
        ("—", "—", H, ChangeKind.PENDING, Ambition.UNKNOWN),  # still left to the state
        ("在“十四五”规划期内统筹考虑", "▽", H, ChangeKind.UNCHANGED, Ambition.SAME),
        ("5.5左右", "5.5以内", L, ChangeKind.REWORDED, Ambition.MORE),
        ("20左右", "20以上", H, ChangeKind.REWORDED, Ambition.MORE),
        ("4左右", "4", H, ChangeKind.FIRMED, Ambition.SAME),  # 左右 dropped: a firm figure, not a rewording
        ("12.5左右", "12.5", U, ChangeKind.FIRMED, Ambition.SAME),
        ("同口径3左右", "同口径3", H, ChangeKind.FIRMED, Ambition.SAME),
        ("6左右", "6以上", H, ChangeKind.REWORDED, Ambition.MORE),
        ("100以上", "保稳促优", H, ChangeKind.REWORDED, Ambition.UNKNOWN),
        ("71左右", "较上年提升0.5个百分点", H, ChangeKind.REWORDED, Ambition.UNKNOWN),
        ("1.73", "—", H, ChangeKind.PENDING, Ambition.UNKNOWN),  # a table note: 以国家下达目标值为准
        ("1.73", "以国家下达目标值为准", L, ChangeKind.PENDING, Ambition.UNKNOWN),
        ("0.5", "国家暂未下达", L, ChangeKind.PENDING, Ambition.UNKNOWN),
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


@pytest.mark.parametrize(("a", "b", "similar"), [
    ("数字经济核心产业增加值增速", "数字经济增加值增速", True),
    ("税收收入增速", "税收增速", True),
    ("城镇居民人均可支配收入增速", "农村居民人均可支配收入增速", False),  # a replacement, not an insertion
    ("单位地区生产总值能耗下降", "单位地区生产总值二氧化碳排放下降", False),
    ("实际利用外资", "实际利用外资", False),  # the same name is not a rename
    ("农业增加值增速", "农林牧渔业增加值增速", True),
    ("投资增速", "制造业投资增速", False),  # a word in front: a narrower measure
    ("居民人均可支配收入增速", "农村居民人均可支配收入增速", False),
    ("工业投资增速", "工业技术改造类投资增速", False),  # five characters more: another measure
    ("人均地区生产总值", "“一区”与“两群”人均地区生产总值比值", False),
])
def test_similar_names(a: str, b: str, similar: bool) -> None:
    assert similar_names(a, b) is similar and similar_names(b, a) is similar


def _renamed(notes: tuple[str, ...] = (), plan_prose: str = "指标体系保持稳定。", review_prose: str = ""):
    review = table([
        row(101, "数字经济核心产业增加值增速", "10左右", "8", number=1),
        row(102, "绿色低碳产业增加值增速", "10左右", "8", number=2),
        row(103, "实际利用外资", "100以上", "90", number=3, unit="亿美元"),
        row(104, "主要污染物减排量", "", "", number=4, unit="万吨"),
        row(105, "化学需氧量", "1.7", "预计能完成", sub=True, unit="万吨"),
        row(106, "氨氮", "0.07", "预计能完成", sub=True, unit="万吨"),
    ], year=2030, actual=True, attachment=1)
    plan = table([
        row(201, "数字经济增加值增速", "10以上", number=1),
        row(202, "绿色产业增加值增速", "10左右", number=2),
        row(203, "实际使用外资", "保稳提质", number=3, unit="亿美元"),
        row(204, "主要污染物减排量", "", number=4, unit="万吨"),
        row(205, "化学需氧量", "—", sub=True, unit="万吨"),
        row(206, "氨氮", "—", sub=True, unit="万吨"),
    ], year=2031, actual=False, attachment=2, line=200, notes=notes)
    doc = document(tables=[review, plan], attachments={1: [para(95, review_prose)] if review_prose else [],
                                                        2: [para(190, plan_prose)]})
    return {p.name_zh: p.change for p in analyse_indicators(doc, project().catalogue).plan.rows()}


def test_renamed_indicators_are_matched_by_series_and_by_similar_name() -> None:
    changes = _renamed()
    digital, green, fdi = changes["数字经济增加值增速"], changes["绿色产业增加值增速"], changes["实际使用外资"]
    assert (digital.kind, digital.ambition, digital.previous_name) == (
        ChangeKind.REWORDED, Ambition.MORE, "数字经济核心产业增加值增速")  # a series of the catalogue
    assert (green.kind, green.previous_name, green.similar_name) == (
        ChangeKind.REWORDED, "绿色低碳产业增加值增速", True)  # same target, renamed: not "unchanged"
    assert fdi.previous_name == "实际利用外资" and fdi.renamed and not fdi.similar_name
    assert all(c.definition_line is None for c in (digital, green, fdi))  # the report says nothing of a basis


def test_a_rename_is_a_change_of_definition_where_the_report_says_the_basis_changed() -> None:
    changes = _renamed(notes=("根据国家统计口径，数字经济增加值统计口径为核心产业。",),
                       review_prose="第3项“实际利用外资”指标，按新版统计制度统一使用实际使用外资数据。")
    assert changes["数字经济增加值增速"].definition_line == 208  # the plan table's note
    assert changes["实际使用外资"].definition_line == 95  # the review's calibre note
    assert changes["绿色产业增加值增速"].definition_line is None


def test_targets_left_to_the_state_are_pending_and_their_heading_follows() -> None:
    changes = _renamed()
    assert changes["化学需氧量"].kind is ChangeKind.PENDING and changes["氨氮"].kind is ChangeKind.PENDING
    assert changes["主要污染物减排量"].kind is ChangeKind.PENDING  # no target of its own either year


def test_a_replaced_indicator_has_no_ambition_of_its_own() -> None:
    doc = _two_years("将民间投资增速调整为制造业投资增速。")
    replaced = next(p for p in analyse_indicators(doc, project().catalogue).plan.rows() if p.name_zh == "制造业投资增速")
    assert replaced.change.kind is ChangeKind.REPLACED and replaced.change.ambition is Ambition.UNKNOWN
    assert not replaced.change.renamed
