"""Section summaries, key figures per section, headline figures and the summarize command."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from generator.analyse.summaries import (
    ELLIPSIS, Summaries, cut_sentence, summarize, summarize_json, summarize_section,
)
from generator.cli import main
from generator.document import Document, Paragraph, ParagraphKind, Part, Section, Span
from generator.text import sentences
from tests.support.paths import GLOSSARY, SEED

D = Decimal


@pytest.fixture(scope="module")
def doc() -> Document:
    from generator.read import read_document

    return read_document(SEED)


@pytest.fixture(scope="module")
def result(doc) -> Summaries:
    return summarize(doc)


def _section_text(doc: Document, part: int, number: int) -> str:
    section = next(s for p in doc.parts if p.number == part for s in p.sections if s.number == number)
    return "".join(p.text for p in section.paragraphs)


def test_every_review_and_tasks_section_is_summarised_within_budget(doc, result):
    expected = [(p.number, s.number) for p in doc.parts if p.role in ("review", "tasks") for s in p.sections]
    assert [(s.part, s.number) for s in result.sections] == expected
    assert {s.part for s in result.sections} == {1, 3}
    for s in result.sections:
        assert len(s.summary_zh) <= 200, (s.part, s.number)
        assert s.summary_zh.startswith(s.title + "。"), (s.part, s.number)
        assert len(s.summary_zh) > len(s.title) + 40, "a summary says more than its title"


def test_summary_lists_the_item_titles_after_the_title(result):
    first = result.sections[0]
    assert first.items == ("积极扩大有效投资", "促进消费升级扩容", "加大助企纾困力度保市场主体")
    assert first.summary_zh.startswith(
        "聚焦扩大内需持续用力，全力畅通经济循环。一是积极扩大有效投资；二是促进消费升级扩容；三是加大助企纾困力度保市场主体。"
    )


def _pieces(body: str) -> list[str]:
    """Chosen sentences; a cut one (leading clauses + ……) is its own piece."""
    out: list[str] = []
    for chunk in body.split(ELLIPSIS):
        out += sentences(chunk)
    return out


def test_summary_sentences_are_whole_unique_and_in_source_order(doc, result):
    for s in result.sections + result.overview:
        text = _section_text(doc, s.part, s.number)
        chosen = _pieces(s.body_zh)
        assert len(chosen) == len(set(chosen))
        positions = [text.find(c) for c in chosen]
        assert all(p >= 0 for p in positions), "every sentence is verbatim from the section"
        assert positions == sorted(positions)
        cut = [c for c in chosen if (c + ELLIPSIS) in s.body_zh]
        assert all(c.endswith(("。", "！", "？", "”", "）")) for c in chosen if c not in cut)
        # a cut sentence stops where a clause ends in the source, never inside one
        assert all(text[text.find(c) + len(c)] in "；：，" for c in cut)
        assert s.summary_zh.endswith(s.body_zh)


@pytest.mark.parametrize("budget", [120, 300, 600])
def test_budget_is_configurable(doc, budget):
    sections = summarize(doc, budget=budget).sections
    assert all(len(s.summary_zh) <= budget for s in sections if len(s.title) < budget)
    total = sum(len(s.summary_zh) for s in sections)
    assert total > sum(len(s.summary_zh) for s in summarize(doc, budget=budget // 2).sections)


def test_summary_prefers_sentences_with_figures(result):
    first = result.sections[0]
    assert "市级重大项目全年完成投资4104亿元、实现年度计划的114%。" in first.summary_zh


def test_key_figures_of_the_first_review_section(result):
    figures = result.sections[0].key_figures
    assert len(figures) <= 5
    got = {(f.metric_zh, f.value, f.unit, f.kind) for f in figures}
    assert ("市级重大项目全年完成投资", D(4104), "亿元", "level") in got
    assert ("市级重大项目全年完成投资", D(114), "%", "share") in got
    assert ("基础设施投资", D(9), "%", "growth") in got
    assert ("工业投资", D("10.4"), "%", "growth") in got
    assert all(f.line in (25, 27, 29) for f in figures)


def test_max_figures_is_configurable(doc):
    assert all(len(s.key_figures) <= 2 for s in summarize(doc, max_figures=2).sections)


def test_headline_figures(result):
    headline = result.headline
    assert 4 <= len(headline) <= 8
    got = [(f.metric_zh, f.value, f.unit, f.kind, f.qualifier and f.qualifier.value) for f in headline]
    assert ("地区生产总值", D("2.9"), "万亿元", "level", "over") in got
    assert ("地区生产总值", D("2.6"), "%", "growth", None) in got
    assert ("城镇新增就业", D(71), "万人", "count", None) in got
    assert ("居民消费价格", D("2.1"), "%", "growth", None) in got
    # output and growth lead
    assert [f.metric_zh for f in headline[:2]] == ["地区生产总值", "地区生产总值"]


def test_outlook_overview_has_one_summary_per_section(doc, result):
    outlook = next(p for p in doc.parts if p.role == "outlook")
    assert [s.title for s in result.overview] == [s.title for s in outlook.sections]
    projects = result.overview[-1]
    assert "4296亿元" in projects.summary_zh
    assert any(f.value == D(4296) and f.unit == "亿元" for f in projects.key_figures)


def test_summarize_json_shape(doc):
    data = summarize_json(doc, budget=150)
    assert set(data) == {"sections", "overview", "headline"}
    first = data["sections"][0]
    assert {"part", "part_title", "number", "title", "summary_zh", "items", "key_figures"} <= set(first)
    assert len(first["summary_zh"]) <= 150
    fig = first["key_figures"][0]
    assert set(fig) == {"metric_zh", "value", "unit", "kind", "qualifier", "line", "target", "horizon", "horizon_zh",
                        "subject_zh"}
    assert isinstance(fig["value"], str) and D(fig["value"])
    json.dumps(data, ensure_ascii=False)


def test_summarize_command(capsys):
    assert main(["summarize", str(SEED), "--budget", "120"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(len(s["summary_zh"]) <= 120 for s in data["sections"])
    assert data["headline"][0]["metric_zh"] == "地区生产总值"


def _para(text: str, line: int, kind: ParagraphKind = ParagraphKind.BODY, title: str | None = None) -> Paragraph:
    return Paragraph(text, Span(line, line), kind, title=title)


def test_a_report_of_another_region_and_structure():
    section = Section(1, "（一）", "稳定工业增长", Span(5, 7), [
        _para("工业是经济的压舱石。全年规上工业增加值增长6.1%，工业投资增长12%。各地积极作为。", 6),
        _para("一是推进技术改造。技改投资增长15%。", 7, ParagraphKind.ITEM, "推进技术改造"),
    ])
    doc = Document(
        source="x.txt", format="txt", title="关于某省计划的报告", issuer=None, region=None,
        review_year=None, plan_year=None, span=Span(1, 1),
        parts=[Part(1, "一、", "执行情况", Span(2, 7), role="other",
                    intro=[_para("——经济回升向好。地区生产总值增长5.2%。", 3, ParagraphKind.LEAD)],
                    sections=[section])],
    )
    out = summarize(doc, budget=60)
    assert len(out.sections) == 1
    summary = out.sections[0].summary_zh
    assert summary.startswith("稳定工业增长。推进技术改造。")  # one item: no 一是 promising a 二是
    assert len(summary) <= 60
    assert "规上工业增加值增长6.1%" in summary
    assert [f.value for f in out.headline] == [D("5.2")]


def test_title_longer_than_budget_stays_whole():
    section = Section(1, "（一）", "一个很长的标题" * 5, Span(1, 1), [_para("正文一句。", 2)])
    summary, body = summarize_section(section, budget=10)
    assert summary == section.title + "。" and body == ""


# ------------------------------------------------------------ long sentences, rhetoric, glossary


def test_a_one_sentence_section_longer_than_the_budget_is_cut_at_a_clause(result):
    overall = next(s for s in result.overview if s.title == "总体要求")
    assert len(overall.summary_zh) <= 200
    assert overall.body_zh.startswith("坚持以习近平新时代中国特色社会主义思想为指导，")
    assert overall.body_zh.endswith(ELLIPSIS)
    assert len(overall.body_zh) > 100


def test_cut_prefers_semicolon_clauses_and_marks_only_real_cuts():
    first = "全年固定资产投资完成超过一千亿元，同比增长较快"
    second = "新开工项目数量创历史新高，结构持续优化"
    sentence = f"{first}；{second}；重点领域投资保持稳定增长。"
    assert cut_sentence(sentence, 50) == f"{first}；{second}" + ELLIPSIS
    assert cut_sentence(sentence, 30) == first + ELLIPSIS
    # no ；/： that fits: the last ， that fits
    long_clause = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。"
    assert cut_sentence(long_clause, 30) == "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念" + ELLIPSIS
    # nothing shorter than a useful clause, nothing without a boundary
    assert cut_sentence(sentence, 20) == ""
    assert cut_sentence("一个没有任何标点的很长很长的句子" * 3 + "。", 40) == ""


def test_synthetic_long_single_sentence_section():
    body = ("坚持以新思想为指导，全面贯彻中央经济工作会议精神；坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念；"
            "着力推动高质量发展，更好统筹发展和安全，持续提振信心，持续扩大内需，努力实现质的有效提升和量的合理增长。")
    section = Section(2, "（二）", "总体要求", Span(3, 4), [_para(body, 4)])
    summary, cut = summarize_section(section, budget=70)
    assert summary == "总体要求。坚持以新思想为指导，全面贯彻中央经济工作会议精神；坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念" + ELLIPSIS
    assert len(summary) <= 70
    # when the sentence fits, it stays whole and unmarked
    whole, _ = summarize_section(section, budget=200)
    assert whole == "总体要求。" + body and ELLIPSIS not in whole


def test_rhetoric_is_left_out_when_the_section_states_figures():
    section = Section(1, "（一）", "稳定工业增长", Span(5, 7), [
        _para("坚持把发展经济的着力点放在实体经济上，推动制造业高端化智能化绿色化。规上工业增加值增长6.1%。"
              "各地积极作为、狠抓落实。新培育专精特新企业320家。", 6),
        _para("一是推进技术改造。编制技术改造实施意见。技改投资增长15%。", 7, ParagraphKind.ITEM, "推进技术改造"),
    ])
    summary, body = summarize_section(section, budget=200)
    assert body == "规上工业增加值增长6.1%。新培育专精特新企业320家。技改投资增长15%。"
    # a section without item titles keeps its opening sentence: the thrust
    section.paragraphs.pop()
    _, body = summarize_section(section, budget=200)
    assert body.startswith("坚持把发展经济的着力点放在实体经济上")
    assert "各地积极作为" not in body


def test_rhetoric_is_kept_when_no_sentence_has_a_figure():
    section = Section(1, "（一）", "深化改革", Span(5, 6), [_para("深入推进要素市场化配置改革。持续优化营商环境。", 6)])
    _, body = summarize_section(section, budget=200)
    assert body == "深入推进要素市场化配置改革。持续优化营商环境。"


def test_every_metric_the_seed_brief_shows_is_in_the_metric_glossary(result):
    from generator.lexicon.glossary import read_glossary

    glossary = read_glossary(GLOSSARY)
    shown = [f for s in result.sections + result.overview for f in s.key_figures] + list(result.headline)
    phrases = {f.metric_zh for f in shown} | {f.relation_zh for f in shown if f.relation_zh}
    assert len(phrases) > 60
    # A metric that names a catalogue indicator is rendered by the indicator's entry.
    missing = sorted(p for p in phrases if (e := glossary.lookup(p, "metric")) is None
                     or e.kind not in ("metric", "indicator"))
    assert missing == [], "add these to glossary/metrics.yaml (entry or alias) or as indicator aliases"


def test_seed_key_figures_are_clean_names(result):
    shown = [f for s in result.sections + result.overview for f in s.key_figures] + list(result.headline)
    for f in shown:
        m = f.metric_zh
        assert 2 <= len(m) <= 24, m
        assert not m.startswith(("全年", "全市", "累计", "力争", "争取", "实现", "完成", "加快", "推进", "协同")), m
        assert not any(ch.isdigit() for ch in m.replace("5万元", "")), m
    for s in result.sections + result.overview:
        keys = [(f.metric_zh, f.kind) for f in s.key_figures]
        # one figure per metric and kind unless linked (an amount and its share, two values of one clause)
        for f in s.key_figures:
            twins = [g for g in s.key_figures if (g.metric_zh, g.kind) == (f.metric_zh, f.kind) and g is not f]
            assert all(g.group == f.group or g.related_to == f.index or f.related_to == g.index for g in twins), keys


def test_plan_projects_show_totals_not_sector_breakdowns(result):
    projects = next(s for s in result.overview if any(f.value == D(4296) for f in s.key_figures))
    got = [(f.metric_zh, f.value, f.unit) for f in projects.key_figures]
    assert ("市级重大建设项目总投资", D(3), "万亿元") in got
    assert ("市级重大建设项目年度计划完成投资", D(4296), "亿元") in got
    assert ("市级重大建设项目", D(1123), "个") in got
    assert not any("领域" in m for m, _, _ in got)
    assert sum(m.endswith("总投资") for m, _, _ in got) == 1


# ------------------------------------------------------------ topic, coverage, enumerations (my own sentences)


def _plan_doc(section: Section, role: str) -> Document:
    return Document(
        source="x.txt", format="txt", title="关于某省计划的报告", issuer=None, region=None,
        review_year=None, plan_year=None, span=Span(1, 1),
        parts=[Part(3, "三、", "重点工作", Span(2, 30), role=role, sections=[section])],
    )


def _industry_section() -> Section:
    return Section(2, "（二）", "推动产业转型升级，促进数字经济和实体经济融合", Span(10, 14), [
        _para("推动产业转型升级，促进数字经济和实体经济融合。构建先进制造业集群，推进产业基础高级化。", 10),
        _para("一是推动制造业高端化。出台制造业高端化行动方案，建设先进制造业集群。", 11, ParagraphKind.ITEM,
              "推动制造业高端化"),
        _para("二是发展数字经济。推进数字产业化和产业数字化，建设工业互联网平台。", 12, ParagraphKind.ITEM,
              "发展数字经济"),
        _para("三是培育特色产业。新建高标准农田150万亩，加快农田宜机化改造。", 13, ParagraphKind.ITEM, "培育特色产业"),
    ])


def test_a_plan_section_is_summarised_by_sentences_on_its_topic():
    out = summarize(_plan_doc(_industry_section(), "tasks"), budget=120).sections[0]
    assert "出台制造业高端化行动方案" in out.body_zh
    assert "高标准农田" not in out.body_zh  # a figure, but about farmland, not the section's topic


def test_a_review_section_is_still_summarised_by_its_figures():
    out = summarize(_plan_doc(_industry_section(), "review"), budget=120).sections[0]
    assert "新建高标准农田150万亩" in out.body_zh


def test_a_risk_section_names_each_risk_not_the_one_with_figures():
    section = Section(9, "（九）", "防范化解重大风险，守住安全底线", Span(20, 24), [
        _para("一是稳定房地产市场。全力推进保交房，推动房地产市场平稳健康发展。", 21, ParagraphKind.ITEM, "稳定房地产市场"),
        _para("二是防范化解地方债务风险。严格控制新增隐性债务，稳妥化解存量地方政府债务风险。", 22, ParagraphKind.ITEM,
              "防范化解地方债务风险"),
        _para("三是提升能源保障能力。建成投用两座热电联产项目，开工建设300万千瓦煤电项目和两座抽水蓄能电站，"
              "新增储气能力5亿立方米。", 23, ParagraphKind.ITEM, "提升能源保障能力"),
    ])
    body = summarize(_plan_doc(section, "tasks"), budget=160).sections[0].body_zh
    assert "保交房" in body and "地方政府债务风险" in body
    assert "煤电项目" not in body


@pytest.mark.parametrize("role", ["review", "outlook", "tasks"])
def test_an_enumeration_never_dangles(role):
    section = Section(1, "（一）", "形势判断", Span(5, 7), [
        _para("外部环境更趋复杂。我省发展面临诸多机遇。一是国家战略叠加，政策红利持续释放，带动投资增长8%。"
              "二是市场需求回暖，消费潜力加快释放，各类市场主体信心增强，经营预期持续向好，带动全省消费市场稳步恢复。", 6),
    ])
    result = summarize(_plan_doc(section, role), budget=80)
    out = (result.sections + result.overview)[0]
    for marker, sibling in (("一是", "二是"), ("二是", "三是")):
        assert marker not in out.body_zh or sibling in out.body_zh, out.body_zh


def test_a_lone_item_gets_no_ordinal():
    section = Section(1, "（一）", "稳定工业增长", Span(5, 7), [
        _para("一是推进技术改造。技改投资增长15%。", 7, ParagraphKind.ITEM, "推进技术改造"),
    ])
    summary, _ = summarize_section(section)
    assert summary.startswith("稳定工业增长。推进技术改造。") and "一是" not in summary


def test_seed_plan_sections_stay_on_their_topic(result):
    by_title = {s.title: s for s in result.sections}
    industry = next(s for t, s in by_title.items() if t.startswith("持续推动产业优化升级"))
    assert "农田" not in industry.body_zh and "制造业" in industry.body_zh
    risks = next(s for t, s in by_title.items() if t.startswith("有效防范化解重大经济金融风险"))
    assert "房地产" in risks.body_zh and "债务" in risks.body_zh
    assert all(not s.body_zh.startswith(("一是", "二是")) and "。一是" not in s.body_zh
               for s in result.sections + result.overview)
