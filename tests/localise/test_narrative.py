"""Sections of the English brief: full sentences from key figures and item titles, gaps left out and counted.

Synthetic sections with sentences of my own (tests/support/indicator_docs.py), and the seeds.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.brief import Brief, SectionBrief
from generator.document import Document, Paragraph, ParagraphKind, Part, Section, Span
from generator.read import read_document
from tests.support.indicator_docs import document
from tests.support.paths import ROOT
from tests.support.project import briefs_of

DAY = date(2031, 3, 1)
CJK = re.compile(r"[\u3400-\u9fff]")


def _doc(role: str, *paragraphs: Paragraph, title: str = "稳定经济增长") -> Document:
    doc = document()
    part = doc.parts[0] if role == "review" else Part(3, "三、", "2031年重点工作", Span(60, 80), role=role)
    part.sections = [Section(1, "（一）", title, Span(61, 70), list(paragraphs))]
    if role != "review":
        doc.parts.append(part)
    return doc


def _section(doc: Document, lang: str = "en") -> SectionBrief:
    brief: Brief = briefs_of(doc, generated=DAY, langs=[lang])[lang]
    return next(s for s in (*brief.sections, *brief.overview) if s.figures or s.summary or s.untranslated)


def test_review_figures_make_sentences_with_their_links() -> None:
    s = _section(_doc("review",
        Paragraph("全年地区生产总值达到3.3万亿元、增长4.1%。累计实现跨境融资150亿美元。", Span(62, 62)),
        Paragraph("一是扩大有效投资。市级重大项目完成投资3200亿元、实现年度计划的108%。", Span(63, 63),
                  ParagraphKind.ITEM, title="积极扩大有效投资"),
    ))
    text = str(s.summary)
    assert "Gross regional product (GRP) reached CNY 3.3 trillion, up 4.1%." in text
    assert "Cross-border financing reached USD 15 billion in total." in text
    assert ("Investment completed by municipal major projects reached CNY 320 billion "
            "(share of the annual plan: 108%).") in text
    assert "The work covered expanding effective investment." in text
    assert s.items == () and s.untranslated == 0  # the item titles are said in the sentence
    assert not CJK.search(text)


def test_plan_figures_say_what_the_plan_sets() -> None:
    s = _section(_doc("tasks",
        Paragraph("一是发展智慧农业。新建智慧农业示范基地30个，城市老旧供水管网改造增长20%。", Span(62, 62),
                  ParagraphKind.ITEM, title="发展智慧农业"),
    ))
    text = str(s.summary)
    assert "The plan sets 30 for smart agriculture demonstration bases." in text
    assert "The plan has old urban water supply pipelines renovated rise by 20%." in text


def test_a_goal_is_never_said_as_the_years_level() -> None:
    s = _section(_doc("outlook", Paragraph("省委全会提出未来五年全省地区生产总值迈上6万亿元台阶。", Span(62, 62)),
                      title="主要发展目标"))
    assert str(s.summary) == "The goal for gross regional product (GRP) is CNY 6 trillion (next five years)."


def test_a_sentence_with_a_gap_is_left_out_and_counted() -> None:
    s = _section(_doc("review", Paragraph("新建某某特色小镇示范点12个。城镇新增就业65万人。", Span(62, 62))))
    assert str(s.summary) == "New urban jobs numbered 650,000 people."
    assert s.untranslated == 1
    zh = _section(_doc("review", Paragraph("新建某某特色小镇示范点12个。城镇新增就业65万人。", Span(62, 62))), "zh")
    assert zh.untranslated == 0 and "特色小镇" in str(zh.summary)


def test_a_section_without_facts_says_so_in_a_full_sentence() -> None:
    s = _section(_doc("outlook", Paragraph("外部环境更趋复杂。国内经济有望回升。", Span(62, 62)), title="宏观形势判断"))
    assert str(s.summary) == ("This section states policy in 2 sentences, with no figures or item titles to report; "
                              "the Chinese brief quotes them.")
    assert s.untranslated == 0  # nothing the glossary could ever render: no translation is pending


def test_an_item_title_keeps_the_capital_of_a_name() -> None:
    s = _section(_doc("review", Paragraph("一是深化川渝合作。推进合作。", Span(62, 62), ParagraphKind.ITEM,
                                          title="深入推动川渝全方位合作")))
    assert "The work covered deepening all-round Sichuan-Chongqing cooperation." in str(s.summary)


@pytest.mark.parametrize("source", [ROOT / "seeds" / "chongqing-2023-plan.txt", ROOT / "seeds" / "national-2025-plan-report.md"])
def test_every_english_seed_section_has_a_full_sentence(source) -> None:
    en = briefs_of(read_document(source), generated=DAY, langs=["en"])["en"]
    for s in (*en.overview, *en.sections):
        assert s.summary, str(s.heading)
        text = str(s.summary)
        assert not CJK.search(text), text
        assert all(t.strip().endswith(".") for t in re.split(r"(?<=\.) (?=[A-Z\"])", text) if t.strip())
    assert en.untranslated == en.executive.untranslated + sum(s.untranslated for s in (*en.overview, *en.sections))
