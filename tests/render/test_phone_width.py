"""HTML briefs in headless Chromium, at a phone's width (390 px) and a desktop's (1280 px).

The seed's briefs and the hand-made sample brief (every status and change
kind, long values), in both languages.

Checks what a reader would see: the page never scrolls sideways (wide
tables scroll inside their own box), no number is broken across lines, no
value is squeezed to a character per line, and the page asks for nothing
outside its own folder. Skipped where Chromium is not installed
(``tools/system-deps.sh test`` installs it when it can).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.headless import Browser, chromium_path
from tests.support.sample_brief import sample_brief
from tests.support.project import render_ctx

pytestmark = pytest.mark.skipif(chromium_path() is None,
                                reason="Chromium not installed (tools/system-deps.sh test installs it)")

WIDTHS = (390, 1280)
LANGS = ("zh", "en")
BRIEFS = ("seed", "sample")

# Every number of a table cell that a line break splits (digits with their
# separators and a trailing %), as "number in cell text".
SPLIT_NUMBERS = r"""
(() => {
  const number = /[+\-−]?\d(?:[\d.,:]*\d)?%?/g;
  const found = [];
  for (const cell of document.querySelectorAll("table.data td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(number)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) found.push(`${m[0]} in ${cell.textContent.trim()}`);
      }
    }
  }
  return found;
})()
"""

# Table cells set over more than two lines with fewer than two characters a
# line on average: "5.5左右" or "约束性" one character per line.
SQUEEZED_VALUES = r"""
(() => {
  const found = [];
  for (const cell of document.querySelectorAll("table.data td, table.data th")) {
    const lines = new Map();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (/\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = [...range.getClientRects()].find(r => r.width > 0);
        if (rect) lines.set(Math.round(rect.top), (lines.get(Math.round(rect.top)) || 0) + 1);
      }
    }
    const chars = [...lines.values()].reduce((a, b) => a + b, 0);
    if (lines.size > 2 && chars / lines.size < 2) found.push(cell.textContent.trim());
  }
  return found;
})()
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, seed_build: Path) -> dict[tuple[str, str], Path]:
    """The HTML brief of the seed (from the shared build) and of the sample in each language, with its assets."""
    from generator.render.charts import render_charts
    from generator.render.html import render_html

    out = tmp_path_factory.mktemp("phone")
    pages = {}
    for lang in LANGS:
        pages["seed", lang] = seed_build / f"{seed_build.name}.{lang}.html"
        brief = sample_brief(lang)
        folder = out / "sample"
        charts = render_charts(brief, folder / "assets", render_ctx(), formats=("svg",))
        pages["sample", lang] = render_html(brief, folder, f"sample.{lang}", render_ctx(), charts)
    return pages


@pytest.fixture(scope="module")
def measured(pages: dict[tuple[str, str], Path]) -> dict[tuple[str, str, int], dict]:
    """What Chromium reports for each page at each width."""
    result = {}
    with Browser() as browser:
        for (name, lang), page in pages.items():
            for width in WIDTHS:
                browser.requests.clear()
                browser.open(page, width)
                scroll, client = browser.evaluate("[document.documentElement.scrollWidth,"
                                                  " document.documentElement.clientWidth]")
                result[name, lang, width] = {
                    "scroll": scroll, "client": client, "requests": list(browser.requests),
                    "split": browser.evaluate(SPLIT_NUMBERS), "squeezed": browser.evaluate(SQUEEZED_VALUES),
                    "folder": page.parent.resolve().as_uri() + "/",
                }
    return result


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", BRIEFS)
def test_page_does_not_scroll_sideways(measured, name, lang, width):
    m = measured[name, lang, width]
    assert m["client"] == width
    assert m["scroll"] <= m["client"], f"{lang} page is {m['scroll']} px wide in a {width} px window"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", BRIEFS)
def test_numbers_and_values_stay_whole(measured, name, lang, width):
    m = measured[name, lang, width]
    assert m["split"] == [], f"numbers broken across lines at {width} px"
    assert m["squeezed"] == [], f"values set a character per line at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", BRIEFS)
def test_page_asks_only_for_its_own_files(measured, name, lang, width):
    m = measured[name, lang, width]
    assert len(m["requests"]) >= 4  # the page, two stylesheets, fonts: the recording works
    outside = [url for url in m["requests"] if not url.startswith(m["folder"])]
    assert outside == []
