"""A rendered brief of a report the glossary does not cover: headings by topic, gaps left out of the body
and listed as pending, the draft state on the cover and every page, one gap count."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.lexicon.topics import inspect_topics
from generator.localise.gaps import report_gaps
from generator.read import read_document
from generator.render.html import render_html
from generator.render.outline import build_outline
from tests.support.project import briefs_of, project, render_ctx

DAY = date(2031, 3, 1)
CJK = re.compile(r"[\u3400-\u9fff]")
# Our own report: section titles and item titles no glossary has, one title with no topic keyword.
REPORT = """关于2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划草案的报告

一、2030年国民经济和社会发展计划执行情况

（一）拓展外贸新空间，开放型经济稳中提质。货物贸易进出口总额增长4.1%。

一是边贸互市新业态蓬勃兴起。全年新设边贸互市点位12个。

二是口岸通关效率持续提高。国内生产总值增长5.2%。

（二）守正笃行，久久为功。城镇新增就业120万人。

一是基层网格员队伍稳步壮大。全年城镇新增就业120万人。

二、2031年经济社会发展总体要求和主要目标

主要预期目标是：国内生产总值增长5%左右；城镇新增就业110万人以上。
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("draft") / "plan-2031.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def en(report: Path):
    return briefs_of(read_document(report), generated=DAY, langs=["en"])["en"]


def test_a_heading_the_glossary_lacks_is_shown_by_number_and_topic(en) -> None:
    headings = [str(s.heading) for s in en.sections]
    assert headings == ["Section 1 — Opening up", "Section 2"]  # the second title has no topic keyword
    assert {str(p.text) for p in en.pending if p.place == "heading"} >= {"拓展外贸新空间，开放型经济稳中提质",
                                                                         "守正笃行，久久为功"}


def test_item_titles_and_figures_with_gaps_are_left_out_and_pending(en) -> None:
    body = [t for s in en.sections for t in (s.heading, s.summary, *s.items)]
    body += [t for s in en.sections for f in s.figures for t in (f.label, f.value)]
    body += [t for f in en.headline for t in (f.label, f.value, f.note)]
    assert [str(t) for t in body if t.gaps or CJK.search(str(t))] == []
    pending = {(str(p.text), p.place) for p in en.pending}
    assert ("边贸互市新业态蓬勃兴起", "item") in pending
    assert ("基层网格员队伍稳步壮大", "item") in pending
    assert all(p.text.gaps and str(p.where) for p in en.pending)


def test_one_gap_count_for_the_build_the_gap_list_and_the_draft_banner(en, report: Path) -> None:
    listed = report_gaps(read_document(report), project())
    assert len(en.gap_terms) == len(listed) > 0
    outline = build_outline(en, lambda m: m)
    assert str(outline.draft) == f"Draft — {len(en.gap_terms)} terms await translation"
    assert outline.title.draft == outline.draft
    ids = [b.id for b in outline.blocks]
    assert ids.index("pending") > ids.index("sections")


def test_the_html_says_draft_on_the_cover_and_lists_pending_texts_as_chinese(en, tmp_path: Path) -> None:
    html = render_html(en, tmp_path, "plan-2031.en", render_ctx()).read_text(encoding="utf-8")
    assert re.search(r'<p class="draft-banner">Draft — \d+ terms await translation</p>', html)
    pending = html[html.index('id="pending"'):]
    assert re.search(r'<td class="zh" lang="zh-Hans">[^<]*<span[^>]*>边贸互市新业态蓬勃兴起', pending)


def test_a_covered_report_is_no_draft(seed_doc) -> None:
    brief = briefs_of(seed_doc, generated=DAY, langs=["en"])["en"]
    assert brief.pending == () and brief.gap_terms == []
    assert not build_outline(brief, lambda m: m).draft


def test_topics_file_problems_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "topics.yaml"
    path.write_text("trade:\n  en: Trade\n  zh: 贸易\n  keywords: [外贸]\nBad Key:\n  en: x\n"
                    "farm:\n  en: Farming\n  zh: 农业\n  keywords: [农业]\n  colour: green\n", encoding="utf-8")
    topics, problems = inspect_topics(path)
    assert topics is None
    assert [(p.line, p.message) for p in problems] == [
        (5, "topic key 'Bad Key' must be snake_case (a-z, 0-9, _)"),
        (11, "farm: unknown field 'colour' (one of en, zh, keywords)"),
    ]


def test_the_topic_of_a_title_weighs_its_first_clause() -> None:
    topics = project().lexicon.topics
    assert topics.of("扩大有效需求，经济运行总体平稳").key == "demand"  # first clause 2, second 1
    assert topics.of("加快发展绿色低碳产业") is not None
    assert topics.of("守正笃行，久久为功") is None
