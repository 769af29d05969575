"""The quick gap workflow: ranked stubs with the report's sentence, composed suggestions, draft builds, one gap count."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from generator.brief import Text
from generator.cli import main
from generator.lexicon.interchange import Format, export_glossary, import_glossary
from generator.localise.briefs import build_brief
from generator.localise.gaps import Place, placed_texts, report_gaps
from generator.localise.suggest import COMPOSE_FILE, ComposeTable, Composer
from generator.read import read_document
from generator.render.html import TextHtml
from tests.support.paths import GLOSSARY, ROOT
from tests.support.project import analysed, glossary_problems, project

DAY = date(2031, 3, 1)
# A report of our own: two sections, a repeated item title, figures in the items.
REPORT = """关于2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划草案的报告

国家发展和改革委员会

一、2030年国民经济和社会发展计划执行情况

（一）稳定市场预期，经济运行回稳向好。国内生产总值增长5.2%，城镇新增就业1244万人。

一是推进数字经济和实体经济。全年新培育小巨人企业300家。

二是稳定青年就业岗位。高校毕业生就业率保持稳定。

（二）强化创新驱动，新兴产业量质齐升。

一是推进数字经济和实体经济。数字产业收入增长一成。

二是大力发展未来产业与新兴产业。未来产业先导区新增8个。

二、2031年经济社会发展总体要求和主要目标

主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；居民消费价格涨幅3%左右。
"""
SUGGESTED = "推进数字经济和实体经济"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "plan-2031.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    return folder


def test_stubs_are_ranked_by_place_then_count_with_the_reports_sentence(report: Path) -> None:
    gaps = report_gaps(read_document(report), project())
    # (counts of enterprises and zones are key figures, never headline figures)
    assert [(g.gap.zh, g.place, g.count) for g in gaps] == [
        ("稳定市场预期，经济运行回稳向好", Place.HEADING, 1),
        ("强化创新驱动，新兴产业量质齐升", Place.HEADING, 1),
        (SUGGESTED, Place.ITEM, 2),  # shown twice: before the item shown once
        ("稳定青年就业岗位", Place.ITEM, 1),
        ("大力发展未来产业与新兴产业", Place.ITEM, 1),
        ("新培育小巨人企业", Place.KEY_FIGURE, 1),
        ("未来产业先导区新增", Place.KEY_FIGURE, 1),
    ]
    assert [g.rank for g in gaps] == list(range(1, 8))
    sentences = {g.gap.zh: g.sentence for g in gaps}
    assert sentences["新培育小巨人企业"] == "全年新培育小巨人企业300家。"
    assert sentences["稳定青年就业岗位"] == "二是稳定青年就业岗位。高校毕业生就业率保持稳定。"  # a title: the next sentence too
    assert sentences["稳定市场预期，经济运行回稳向好"].startswith("（一）稳定市场预期，经济运行回稳向好。国内生产总值")
    assert {g.gap.zh: g.line for g in gaps}["稳定青年就业岗位"] == 11  # the item's own line, not its section's


def test_gaps_command_prints_ranked_stubs_with_comments(report: Path, glossary: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "gaps", str(report), "--glossary", str(glossary)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# 7 glossary gap(s) for {report}")
    assert "1 with a suggested rendering" in out
    assert "# 6/7 key figure, line 9 → metrics.yaml\n# 全年新培育小巨人企业300家。\n新培育小巨人企业:\n" in out
    assert ("# 3/7 item title ×2, line 9 → items.yaml\n# 一是推进数字经济和实体经济。全年新培育小巨人企业300家。\n"
            f"{SUGGESTED}:\n  en: Advancing digital economy and real economy\n  kind: item\n  status: suggested\n") in out
    stub = YAML(typ="safe").load(out)
    assert stub["稳定青年就业岗位"] == {"en": "", "kind": "item"}
    assert list(stub) == [g.gap.zh for g in report_gaps(read_document(report), project())]


def _composer() -> Composer:
    proj = project()
    return Composer(proj.glossary, ComposeTable.read(proj.paths.locale / "en" / COMPOSE_FILE))


@pytest.mark.parametrize(("zh", "kind", "expected"), [
    (SUGGESTED, "item", "Advancing digital economy and real economy"),  # lead verb, terms, join word
    ("大力推动绿色低碳发展", "item", "Promoting green and low-carbon development"),  # an intensifier dropped
    ("数字经济、实体经济和新兴产业", "metric", "digital economy, real economy and emerging industries"),
    ("数字经济、实体经济、新兴产业", "term", "digital economy, real economy and emerging industries"),
    ("稳定数字经济", "item", None),  # 稳定 is neither a glossary term nor a word of the table
    ("稳定青年就业岗位", "item", None),
    ("数字经济实体经济", "term", None),  # two terms side by side: English order unknown
    ("推进数字经济", "metric", None),  # a lead verb only opens headings and items
    ("数字经济和", "term", None),  # a join at the end
    ("推进", "item", None),  # a lead verb alone
])
def test_a_suggestion_is_composed_only_when_every_part_is_known(zh: str, kind: str, expected: str | None) -> None:
    assert _composer().suggest(zh, kind) == expected


def _with_suggestion(glossary: Path) -> None:
    items = glossary / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8")
                     + f"{SUGGESTED}:\n  en: Advancing the digital and the real economy\n  kind: item\n"
                       "  status: suggested\n", encoding="utf-8")


def test_a_suggested_entry_is_a_gap_in_a_normal_build_and_marked_in_a_draft(report: Path, glossary: Path) -> None:
    _with_suggestion(glossary)
    proj = project(glossary)
    analysis = analysed(read_document(report), glossary)
    normal = build_brief(analysis, proj, proj.language("en"), DAY)
    draft = build_brief(analysis, proj, proj.language("en"), DAY, draft=True)
    shown = "Advancing the digital and the real economy"

    assert SUGGESTED in normal.gaps and shown not in {str(t) for t in normal.texts()}
    item = next(i for s in draft.sections for i in s.items if str(i) == shown)
    assert item.segments[0].suggestion_of == SUGGESTED and not item.gaps
    assert SUGGESTED not in draft.gaps
    assert draft.gap_terms == normal.gap_terms and SUGGESTED in draft.gap_terms  # still not accepted: still counted
    assert all(t.zh != SUGGESTED for t in draft.terms)  # never in the key-terms appendix
    html = str(TextHtml(draft.source_tag, draft.rendered, "Not in the glossary", "Suggested rendering, not yet accepted:").text(item))
    assert html.startswith('<span class="suggested" title="Suggested rendering, not yet accepted: ')
    css = (ROOT / "templates" / "brief.css").read_text(encoding="utf-8")
    assert re.search(r"\.suggested\s*\{[^}]*dashed", css)

    # accepted (the status line deleted): a rendering like any other, in every build
    items = glossary / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("  status: suggested\n", ""), encoding="utf-8")
    proj = project(glossary)
    accepted = build_brief(analysed(read_document(report), glossary), proj, proj.language("en"), DAY)
    assert SUGGESTED not in accepted.gap_terms
    assert shown in {str(i) for s in accepted.sections for i in s.items}


def test_write_keeps_every_file_and_round_trips(report: Path, glossary: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in glossary.glob("*.yaml")}
    assert main(["glossary", "gaps", str(report), "--glossary", str(glossary), "--write"]) == 0
    capsys.readouterr()
    after = {p.name: p.read_text(encoding="utf-8") for p in glossary.glob("*.yaml")}
    assert set(after) == set(before)
    for name, text in after.items():
        assert text.startswith(before[name]), name  # entries, comments and order of the file kept
    items = YAML(typ="rt").load(after["items.yaml"])
    assert list(items)[-3:] == [SUGGESTED, "稳定青年就业岗位", "大力发展未来产业与新兴产业"]  # rank order
    assert items[SUGGESTED]["status"] == "suggested"
    problems = glossary_problems(glossary)
    assert len(problems) == 7 and all("untranslated" in p or "awaits review" in p for p in problems)

    # a second run adds nothing; export and import leave every file byte-identical
    assert main(["glossary", "gaps", str(report), "--glossary", str(glossary), "--write"]) == 0
    assert "suggestion awaiting review ('Advancing digital economy and real economy')" in capsys.readouterr().out
    assert after == {p.name: p.read_text(encoding="utf-8") for p in glossary.glob("*.yaml")}
    export_glossary(glossary, tmp_path / "g.csv", Format.CSV)
    assert import_glossary(glossary, tmp_path / "g.csv", Format.CSV)[:2] == (0, 0)
    assert after == {p.name: p.read_text(encoding="utf-8") for p in glossary.glob("*.yaml")}


def test_one_gap_count_in_the_build_line_the_gaps_command_and_the_brief(report: Path, glossary: Path,
                                                                      tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1930000000"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", *args, "--glossary", str(glossary)],
                              capture_output=True, text=True, cwd=ROOT, env=env)

    built = run("build", str(report), "--out", str(tmp_path / "out"), "--formats", "html", "-j", "1")
    assert built.returncode == 0, built.stderr
    said = re.search(r"(\d+) glossary gaps? in the English brief", built.stderr)
    listed = re.match(r"# (\d+) glossary gap\(s\)", run("glossary", "gaps", str(report)).stdout)
    html = (tmp_path / "out" / report.stem / f"{report.stem}.en.html").read_text(encoding="utf-8")
    marked = {span.get_text() for span in BeautifulSoup(html, "lxml").select("span.gap")}
    assert said and listed
    assert int(said.group(1)) == int(listed.group(1)) == len(marked) == 7  # a term shown twice counts once


def test_placed_texts_cover_every_text_of_the_brief(report: Path) -> None:
    brief = build_brief(analysed(read_document(report)), project(), project().language("en"), DAY)
    placed = [text for _, text in placed_texts(brief)]
    assert sorted(map(repr, placed)) == sorted(map(repr, brief.texts()))
    assert all(isinstance(t, Text) for t in placed)
