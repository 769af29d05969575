"""The English HTML briefs of both seeds: an executive summary first, sentences in every section, no
Chinese outside elements marked as Chinese (the key terms and marked glossary gaps)."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.read import read_document
from generator.render.html import render_html
from tests.support.paths import ROOT, SEED
from tests.support.project import briefs_of, render_ctx

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
NATIONAL = ROOT / "seeds" / "national-2025-plan-report.md"
VOID = {"meta", "link", "br", "img", "col", "hr", "input", "source", "wbr"}


class _LangWalker(HTMLParser):
    """CJK text of the body and where it stands outside every element of a Chinese ``lang``."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.stray: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag not in VOID:
            self.stack.append((tag, values.get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if "style" in tags or "script" in tags:
            return
        lang = next((lg for _, lg in reversed(self.stack) if lg), "")
        if CJK.search(data) and not lang.startswith("zh"):
            self.stray.append(data.strip())


@pytest.fixture(scope="module", params=["seed", "national"])
def english_html(request, tmp_path_factory) -> str:
    source = SEED if request.param == "seed" else NATIONAL
    brief = briefs_of(read_document(source), generated=date(2031, 3, 1), langs=["en"])["en"]
    out: Path = tmp_path_factory.mktemp(request.param)
    return render_html(brief, out, f"{request.param}.en", render_ctx()).read_text(encoding="utf-8")


def test_english_html_has_chinese_only_where_marked_chinese(english_html: str) -> None:
    walker = _LangWalker()
    walker.feed(english_html)
    assert walker.stray == []


def test_english_html_opens_with_the_executive_summary(english_html: str) -> None:
    walker = _LangWalker()
    walker.feed(english_html)
    assert "executive" in walker.ids
    if "scorecard" in walker.ids:
        assert walker.ids.index("executive") < walker.ids.index("scorecard")
    body = english_html[english_html.index('id="executive"'):]
    assert "<h2>Executive summary</h2>" in body[:200]


def test_every_english_section_says_something_or_counts_what_awaits_translation(english_html: str) -> None:
    articles = re.findall(r'<article class="section-brief">(.*?)</article>', english_html, re.S)
    assert articles
    for article in articles:
        assert 'class="summary"' in article or "Sentences awaiting translation" in article, article[:200]
