"""The portfolio page of the two real seeds, as its readers see it: model, HTML per language, PDF text."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.localise.portfolio import BuiltReport, Failure, Link, build_portfolio_page
from generator.render.html import CJK
from generator.localise.briefs import wording_for
from generator.render.portfolio import render_portfolio_page, scorecards_csv, write_portfolio_page
from tests.support.corpus import analyse_files, national_seed
from tests.support.paths import SEED
from tests.support.project import project, render_ctx

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
DATE = dt.date(2025, 3, 20)
PAGES = {"en": "index.html", "zh": "portfolio.zh.html"}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("seeds")
    city = Path(shutil.copy(SEED, folder / SEED.name))
    national = national_seed(folder)
    analyses, corpus = analyse_files(city, national)
    built = {name: BuiltReport(name, (f"{name}/{name}.en.html", f"{name}/{name}.zh.pdf", f"{name}/scorecard.csv"))
             for name in analyses}
    failures = [Failure("broken-2030.txt", "broken-2030.txt:3: no recognisable structure")]
    pages = {code: build_portfolio_page(corpus, built, failures, project(), project().language(code), DATE, PAGES,
                                        [Link("PDF", f"portfolio.{code}.pdf")])
             for code in ("zh", "en")}
    return {"analyses": analyses, "corpus": corpus, "pages": pages, "city": city.stem, "national": national.stem,
            "out": tmp_path_factory.mktemp("portfolio")}


def _row(page, label: str):
    for table in page.matrix:
        for row_label, cells in table.rows:
            if str(row_label) == label:
                return {c.key: cell for c, cell in zip(table.columns, cells)}
    raise AssertionError(f"no matrix row {label!r}: {[str(r[0]) for t in page.matrix for r in t.rows]}")


def test_one_row_per_report_with_level_years_and_tallies(seeds):
    en = seeds["pages"]["en"]
    rows = {r.key: r for r in en.reports}
    city, national = rows[seeds["city"]], rows[seeds["national"]]
    assert [r.key for r in en.reports] == [seeds["city"], seeds["national"]]  # by plan year: 2023, then 2025
    assert (str(city.region), city.level_key, str(city.genre), city.review_year, city.plan_year) == (
        "Chongqing Municipality", "municipal", "Plan report", "2022", "2023")
    assert str(city.issuer) == "Chongqing Municipal Development and Reform Commission"
    assert (str(national.region), national.level_key, national.plan_year) == ("China", "national", "2025")
    assert [str(t) for t in city.tallies] == ["Binding: 5 met, 0 missed of 6", "Anticipatory: 13 met, 15 missed of 29"]
    assert [g.links[0].href for g in city.links] == [f"{seeds['city']}/{seeds['city']}.zh.pdf",
                                                     f"{seeds['city']}/{seeds['city']}.en.html",
                                                     f"{seeds['city']}/scorecard.csv"]
    assert [(f.source, f.reason) for f in en.failures] == [("broken-2030.txt",
                                                            "broken-2030.txt:3: no recognisable structure")]


def test_the_matrix_puts_the_targets_of_one_measure_side_by_side(seeds):
    city, national = seeds["city"], seeds["national"]
    zh = _row(seeds["pages"]["zh"], "国内生产总值增速 / 地区生产总值增速")
    assert str(zh[city].target) == "6以上、争取实现更好的结果（%）"
    assert str(zh[city].outcome) == "2022年完成：2.6（%）"
    assert str(zh[national].target) == "5%左右"
    en = _row(seeds["pages"]["en"], "GDP growth / GRP growth")
    assert str(en[national].target) == "about 5%" and str(en[national].name) == "GDP growth"
    assert str(en[city].target).startswith("at least 6%") and str(en[city].outcome) == "2022 outcome: 2.6%"
    prices = _row(seeds["pages"]["en"], "CPI increase / consumer price index (CPI)")
    assert (str(prices[city].target), str(prices[national].target)) == ("rise of at most 3%", "about 2%")  # an index as the rate it implies
    jobs = _row(seeds["pages"]["en"], "new urban jobs")
    assert (str(jobs[city].target), str(jobs[national].target)) == ("at least 600,000 people",
                                                                     "at least 12 million people")
    # Different plan years (2023 and 2025): no benchmark; different regions: no continuity.
    assert not any(cell.benchmark for table in seeds["pages"]["en"].matrix for _, cells in table.rows
                   for cell in cells)
    assert seeds["pages"]["en"].continuity == ()


def test_the_english_page_has_no_chinese_outside_language_tagged_elements(seeds):
    html = render_portfolio_page(seeds["pages"]["en"], render_ctx(), subset_fonts=False)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    untagged = [str(s) for s in soup.find_all(string=CJK)
                if not any(p.get("lang", "").startswith("zh") for p in s.parents if p.name)]
    assert untagged == []
    assert soup.find(string=re.compile("National Development and Reform Commission|国家发展")) is not None


def test_the_chinese_page_is_chinese(seeds):
    html = render_portfolio_page(seeds["pages"]["zh"], render_ctx(), subset_fonts=False)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "zh-Hans"
    assert soup.title.string == "计划报告简报汇总"
    assert "重庆市" in soup.get_text() and "目标对照" in soup.get_text()


@needs_poppler
def test_the_pdfs_hold_every_report_row(seeds):
    out = seeds["out"]
    for code, stem in (("en", "index"), ("zh", "portfolio.zh")):
        write_portfolio_page(seeds["pages"][code], out, stem, f"portfolio.{code}.pdf", render_ctx())
    texts = {code: re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(out / f"portfolio.{code}.pdf"), "-"],
                                                      capture_output=True, text=True, check=True).stdout)
             for code in ("en", "zh")}
    assert "Chongqing Municipality" in texts["en"] and "China" in texts["en"]
    assert "Portfolio of plan-report briefs" in texts["en"] and "about 5%" in texts["en"]
    assert "broken-2030.txt" in texts["en"]
    squashed = texts["zh"].replace(" ", "")
    assert "重庆市" in squashed and "全国" in squashed and "5%左右" in squashed
    fonts = subprocess.run(["pdffonts", str(out / "portfolio.zh.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "Brief-Sans" in fonts and " no " not in fonts.split("\n", 2)[2]  # every font embedded


def test_combined_scorecards_carry_the_report_name(seeds):
    lines = scorecards_csv(seeds["analyses"], wording_for(project())).splitlines()
    assert lines[0].startswith("report,section,number,")
    names = {line.split(",", 1)[0] for line in lines[1:]}
    assert names == {seeds["city"], seeds["national"]}
    reviewed = len(list(seeds["analyses"][seeds["city"]].scorecard.rows()))
    assert reviewed > 30 and sum(1 for line in lines if line.startswith(f"{seeds['city']},review,")) == reviewed


def test_every_portfolio_string_is_in_both_catalogues():
    from babel.messages.pofile import read_po
    from jinja2.ext import babel_extract

    from generator.lexicon.messages import po_path
    from generator.localise import crossreport, portfolio

    used: set[str] = set()
    with (render_ctx().templates / "portfolio" / "portfolio.html").open("rb") as fh:
        for _line, _func, message, _comments in babel_extract(fh, ("_", "gettext", "ngettext"), [], {}):
            used.add(message if isinstance(message, str) else message[0])
    for module in (crossreport, portfolio):  # every literal passed to Voice.word, and the word tables
        source = Path(module.__file__).read_text(encoding="utf-8")
        used |= set(re.findall(r'\.word\(\s*"((?:[^"\\]|\\.)*)"', source))
    used |= {*crossreport.CONTINUITY_MESSAGES.values(), *crossreport.SEVERITY_WORDS.values(),
             crossreport.BENCHMARK_SAME, crossreport.BENCHMARK_OTHER, crossreport.BENCHMARK_SOURCE,
             crossreport.WITH_UNIT, *portfolio.LEVEL_WORDS.values(), *portfolio.GENRE_WORDS.values(),
             *portfolio.GROUP_WORDS.values()}
    assert len(used) > 50
    for lang in ("en", "zh"):
        with po_path(project().paths.locale, lang).open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        missing = sorted(m for m in used if not (catalog.get(m) and catalog.get(m).string))
        assert missing == [], lang
        if lang == "zh":
            assert [m for m in used if not CJK.search(catalog.get(m).string)] == []


MEASURE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{page}" style="width:{width}px;height:800px;border:0"></iframe>
<script>document.getElementById("f").addEventListener("load", () => {{
  const e = document.getElementById("f").contentDocument.documentElement;
  setTimeout(() => {{ document.title = "SW=" + e.scrollWidth + " CW=" + e.clientWidth; }}, 300);
}});</script></body></html>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_level_horizontal_scroll_in_chromium(seeds, width, tmp_path):
    out = tmp_path / "site"
    for code, stem in (("en", "index"), ("zh", "portfolio.zh")):
        write_portfolio_page(seeds["pages"][code], out, stem, None, render_ctx())
    for page in ("index.html", "portfolio.zh.html"):
        probe = out / f"probe-{width}.html"
        probe.write_text(MEASURE.format(page=page, width=width), encoding="utf-8")
        dom = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--allow-file-access-from-files", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,900",
             "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=180).stdout
        m = re.search(r"SW=(\d+) CW=(\d+)", dom)
        assert m, dom[-500:]
        assert int(m.group(1)) <= int(m.group(2)), (page, width, m.group())
