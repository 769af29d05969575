"""HTML/PDF rendering of the sample briefs: content, fonts, metadata, safety, determinism."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from jinja2.ext import babel_extract

from generator.brief import SectionBrief, Segment, Text
from generator.errors import TemplateError
from generator.lexicon.messages import po_path
from generator.render.charts import render_charts
from generator.render.fonts import system_font
from generator.render.html import CJK, render_html
from generator.render.pdf import write_pdf
from tests.support.project import project, render_ctx
from tests.support.sample_brief import sample_brief

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("briefs")
    result = {}
    for lang in ("zh", "en"):
        brief = sample_brief(lang)
        html = render_html(brief, out, f"sample.{lang}", render_ctx())
        pdf = out / f"sample.{lang}.pdf"
        write_pdf(html, pdf, brief, render_ctx())
        result[lang] = {"brief": brief, "html": html, "pdf": pdf, "fetcher": write_pdf.last_fetcher}
    return result


# ---------------------------------------------------------------- content

@needs_poppler
def test_zh_pdf_text_has_title_and_every_indicator(rendered):
    info = rendered["zh"]
    text = _squash(_run("pdftotext", "-enc", "UTF-8", str(info["pdf"]), "-"))
    assert _squash(str(info["brief"].title)) in text
    missing = [str(r.name) for r in info["brief"].score_rows if _squash(str(r.name)) not in text]
    assert missing == []
    for row in info["brief"].plan_rows:
        assert _squash(str(row.name)) in text


@needs_poppler
@pytest.mark.parametrize("lang, pattern", [("zh", r"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页"), ("en", r"Page (\d+) of (\d+)")])
def test_page_numbers_from_the_catalog(rendered, lang, pattern):
    text = _run("pdftotext", "-enc", "UTF-8", str(rendered[lang]["pdf"]), "-")
    pages = int(_run("pdfinfo", str(rendered[lang]["pdf"])).split("Pages:")[1].split()[0])
    found = [(int(a), int(b)) for a, b in re.findall(pattern, text)]
    assert pages >= 3
    assert found == [(n, pages) for n in range(1, pages + 1)]


def test_html_blocks_in_order_and_empty_blocks_omitted(rendered):
    zh = rendered["zh"]["html"].read_text(encoding="utf-8")
    en = rendered["en"]["html"].read_text(encoding="utf-8")
    ids = ["scorecard", "plan", "projects", "overview", "sections", "findings"]
    positions = [en.index(f'id="{i}"') for i in [*ids, "terms"]]
    assert positions == sorted(positions)
    assert 'id="terms"' not in zh  # the zh brief has no terms appendix (empty tuple)
    assert all(f'id="{i}"' in zh for i in ids)


def test_scorecard_rows_show_status_by_colour_icon_and_word(rendered):
    soup = BeautifulSoup(rendered["en"]["html"].read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.scorecard tr.row")
    assert len(rows) == len(rendered["en"]["brief"].score_rows)
    for row, data in zip(rows, rendered["en"]["brief"].score_rows):
        cell = row.select_one("td.status")
        assert f"status-{data.status.key}" in cell["class"]
        assert render_ctx().tokens.glyph("status", data.status.key) in cell.get_text()
        assert str(data.status.label) in cell.get_text()
    sub_rows = soup.select("table.scorecard tr.level-1")
    assert len(sub_rows) == sum(1 for r in rendered["en"]["brief"].score_rows if r.level == 1)


def test_html_is_localised_through_the_catalog(rendered):
    zh = rendered["zh"]["html"].read_text(encoding="utf-8")
    en = rendered["en"]["html"].read_text(encoding="utf-8")
    assert "<th scope=\"col\" class=\"num\">目标</th>" in zh
    assert "<th scope=\"col\" class=\"num\">Target</th>" in en
    assert 'lang="zh-Hans"' in zh.split(">", 2)[1]
    assert '<html lang="en">' in en


def test_english_html_has_cjk_only_inside_zh_elements(rendered):
    soup = BeautifulSoup(rendered["en"]["html"].read_text(encoding="utf-8"), "html.parser")
    offenders = []
    for node in soup.find_all(string=CJK):
        holder = node.parent
        while holder is not None and not str(holder.get("lang", "")).startswith("zh"):
            holder = holder.parent
        if holder is None:
            offenders.append(str(node))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if isinstance(value, str) and CJK.search(value) and not str(tag.get("lang", "")).startswith("zh"):
                offenders.append(f"{tag.name}@{name}={value}")
    assert offenders == []
    assert soup.select('td.zh[lang="zh-Hans"]'), "terms appendix not tagged zh-Hans"


def test_gap_segment_is_marked(rendered):
    soup = BeautifulSoup(rendered["en"]["html"].read_text(encoding="utf-8"), "html.parser")
    gaps = soup.select("span.gap")
    assert [g.get_text() for g in gaps] == rendered["en"]["brief"].gaps == ["满天星"]
    assert gaps[0]["lang"] == "zh-Hans"
    assert "glossary" in gaps[0]["title"]
    assets = rendered["en"]["html"].parent / "assets"
    css = "".join((assets / name).read_text(encoding="utf-8") for name in ("tokens.css", "brief.css"))
    assert re.search(r"\.gap\s*\{[^}]*dashed", css) and re.search(r"\.gap::after\s*\{[^}]*content", css)


def test_html_links_assets_relatively(rendered):
    html_path = rendered["en"]["html"]
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    links = [link["href"] for link in soup.select("link[rel=stylesheet]")] + [img["src"] for img in soup.select("img")]
    assert links and all(link.startswith("assets/") for link in links)
    assert all((html_path.parent / link).is_file() for link in links)
    imgs = soup.select("figure.chart img")
    assert [img["alt"] for img in imgs] == [c.alt for c in rendered["en"]["brief"].charts]


# ---------------------------------------------------------------- PDF properties

@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_font_embedded_and_subset(rendered, lang):
    lines = _run("pdffonts", str(rendered[lang]["pdf"])).splitlines()[2:]
    assert lines
    for line in lines:
        name, *_rest = line.split()
        emb, sub = line.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), line
        assert "+" in name  # subset tag
    names = " ".join(lines)
    assert "Brief-Serif" in names and "Brief-Sans" in names


@needs_poppler
def test_pdf_metadata(rendered):
    info = _run("pdfinfo", str(rendered["en"]["pdf"]))
    brief = rendered["en"]["brief"]
    assert f"Title:           {brief.title}" in info
    assert f"Author:          {brief.issuer}" in info
    assert "Keywords:        Chongqing, plan report" in info
    assert "CreationDate:    Fri Mar  1 00:00:00 2024" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info


def _embedded_fonts(pdf: Path) -> list:
    """The OpenType font programs embedded in ``pdf`` (WeasyPrint writes them as plain flate streams)."""
    import io
    import zlib

    from fontTools.ttLib import TTFont

    data = pdf.read_bytes()
    fonts = []
    for m in re.finditer(rb"<<([^>]*?/Subtype /OpenType[^>]*?)>>\s*stream\r?\n", data):
        length = int(re.search(rb"/Length (\d+)", m.group(1)).group(1))
        fonts.append(TTFont(io.BytesIO(zlib.decompress(data[m.end():m.end() + length]))))
    return fonts


def test_cjk_faces_embedded_without_empty_glyph_slots(rendered):
    """The pre-subset faces keep glyph ids compact: a few hundred glyphs, not the 63,000 of the collection."""
    fonts = _embedded_fonts(rendered["zh"]["pdf"])
    assert len(fonts) == 2  # Brief Serif and Brief Sans (CFF); symbols are TrueType
    for font in fonts:
        assert 100 < font["maxp"].numGlyphs < 3000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_subset_fonts_cover_every_character_of_the_page(rendered, lang):
    from fontTools.ttLib import TTFont

    html_path = rendered[lang]["html"]
    page = html_path.read_text(encoding="utf-8")
    urls = re.findall(r'url\("(assets/fonts/[^"]+\.otf)"\)', page)
    assert sorted(urls) == [f"assets/fonts/brief-sans.{lang}.otf", f"assets/fonts/brief-serif.{lang}.otf"]
    text = {ch for ch in BeautifulSoup(page, "html.parser").get_text() if ch.strip()}
    assert len(text) > 50
    for url, family in zip(sorted(urls), ("Noto Sans CJK SC", "Noto Serif CJK SC")):
        full = TTFont(system_font(family)[0], fontNumber=system_font(family)[1], lazy=True).getBestCmap()
        subset = TTFont(html_path.parent / url).getBestCmap()
        lost = {ch for ch in text if ord(ch) in full and ord(ch) not in subset}
        assert lost == set(), url  # what the face cannot draw at all falls back to Brief Symbols


def test_pdf_small_enough(rendered):
    for lang in ("zh", "en"):
        assert rendered[lang]["pdf"].stat().st_size < 600_000


def test_pdf_bookmarks_follow_the_headings(rendered):
    with pikepdf.open(rendered["en"]["pdf"]) as pdf, pdf.open_outline() as outline:
        tree = [(item.title, [child.title for child in item.children]) for item in outline.root]
    top = [title for title, _children in tree]
    assert top[0] == str(rendered["en"]["brief"].title)
    assert "Review scorecard 2022" in top and "Key terms" in top
    assert tree[top.index("Review scorecard 2022")][1] == ["Tallies"]


def test_two_renders_are_byte_identical(rendered, tmp_path):
    """A second render of the same brief, into another folder, gives the bytes of the first."""
    brief = rendered["zh"]["brief"]
    html = render_html(brief, tmp_path, "sample.zh", render_ctx())
    write_pdf(html, tmp_path / "sample.zh.pdf", brief, render_ctx())
    assert (tmp_path / "sample.zh.pdf").read_bytes() == rendered["zh"]["pdf"].read_bytes()
    assert html.read_bytes() == rendered["zh"]["html"].read_bytes()


def test_charts_deterministic_svg_and_png(tmp_path):
    brief = sample_brief("en")
    a = render_charts(brief, tmp_path / "a", render_ctx())
    b = render_charts(brief, tmp_path / "b", render_ctx())
    assert set(a) == {"scorecard", "projects"}
    for key in a:
        for left, right in zip(a[key], b[key]):
            assert left.read_bytes() == right.read_bytes()
    svg = a["scorecard"][0].read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" in svg and "<text" in svg  # text kept as text, font named
    assert a["scorecard"][1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _points(*pairs: tuple[float, float]):
    from generator.brief import ChartPoint

    return [ChartPoint(label=f"indicator {i}", value=v, target=t, group="g", status="met")
            for i, (t, v) in enumerate(pairs)]


def test_dumbbell_splits_growth_rates_from_shares_by_magnitude():
    from generator.render.charts import split_panels

    mixed = _points((5.5, 2.6), (4, 4), (12, -0.3), (60, 59.4), (71, 71), (55, 55.1))
    panels = split_panels(mixed)
    assert [len(pts) for pts, _limit in panels] == [3, 3]
    low, high = panels
    assert max(max(abs(p.value), abs(p.target)) for p in low[0]) <= low[1] < min(p.target for p in high[0])
    assert low[1] == 20  # a round boundary for the panel titles
    assert [len(pts) for pts, _ in split_panels(_points((5.5, 2.6), (4, 4), (12, 6.2), (7, 9)))] == [4]
    assert [len(pts) for pts, _ in split_panels(_points((60, 59.4), (71, 71), (55, 55.1)))] == [3]


def test_dumbbell_draws_two_panels_with_their_own_scales():
    from generator.brief import Chart
    from generator.render.charts import ChartStyle, draw

    chart = Chart(key="scorecard", kind="dumbbell", title="t", alt="a", unit="%",
                  points=tuple(_points((5.5, 2.6), (4, 4), (60, 59.4), (71, 71))))
    style = ChartStyle(render_ctx().tokens, render_ctx().words("en"), "en", {"target": "Target", "met": "Met"})
    fig = draw(chart, style)
    axes = fig.axes
    assert len(axes) == 2
    assert axes[0].get_xlim()[1] < 10 and axes[1].get_xlim()[0] > 50
    assert [ax.get_title(loc="left") for ax in axes] == ["Values up to 10%", "Values above 10%"]
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["Target", "Met"]


def test_chart_labels_wrap_to_two_lines_at_most():
    from generator.render.charts import LABEL_WIDTH, _display_width, _wrap

    long_en = "contribution of scientific and technological progress to economic growth in the region, by year"
    lines = _wrap(long_en).split("\n")
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(_display_width(line) <= LABEL_WIDTH for line in lines)
    long_zh = "规模以上工业企业全员劳动生产率和战略性新兴产业增加值占规模以上工业增加值比重"
    lines = _wrap(long_zh).split("\n")
    assert len(lines) == 2 and all(_display_width(line) <= LABEL_WIDTH for line in lines)
    assert _wrap("GDP growth") == "GDP growth"


# ---------------------------------------------------------------- safety

MALICIOUS = ('<img src="file:///etc/passwd"> <link rel="attachment" href="file:///etc/passwd"> '
             '<style>@import url(http://example.com/x.css)</style>')


@needs_poppler
def test_malicious_text_is_escaped_and_nothing_fetched(tmp_path):
    brief = sample_brief("en")
    evil = Text.plain(MALICIOUS)
    brief = dataclasses.replace(
        brief,
        title=Text.join([brief.title, evil], " "),
        sections=(SectionBrief(Text.plain("Part"), evil, evil, (evil,), ()), *brief.sections),
        score_origin=evil,
    )
    html = render_html(brief, tmp_path, "evil.en", render_ctx())
    source = html.read_text(encoding="utf-8")
    assert '<img src="file:///etc/passwd">' not in source
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in source
    pdf = tmp_path / "evil.en.pdf"
    write_pdf(html, pdf, brief, render_ctx())
    fetcher = write_pdf.last_fetcher
    assert not [u for u in fetcher.requested if "passwd" in u or "example.com" in u]
    text = _squash(_run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    assert _squash('<img src="file:///etc/passwd">') in text
    assert _run("pdfdetach", "-list", str(pdf)).strip() == "0 embedded files"
    with pikepdf.open(pdf) as opened:  # object streams are compressed: look at the objects, not the bytes
        assert not [o for o in opened.objects if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream))
                    and o.get("/Type") in (pikepdf.Name.EmbeddedFile, pikepdf.Name.Filespec)]


def test_fetcher_refuses_everything_outside_the_assets(tmp_path):
    from generator.render.fetcher import RefusedURL, SafeFetcher

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "ok.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    fetcher = SafeFetcher([assets])
    assert fetcher.fetch((assets / "ok.css").as_uri()).read() == b"p{}"
    for url in ("file:///etc/passwd", (tmp_path / "secret.txt").as_uri(), (assets / ".." / "secret.txt").as_uri(),
                "http://example.com/x.css", "https://example.com/", "data:text/css,p{}", "ftp://example.com/x"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7


# ---------------------------------------------------------------- catalogs

def _catalog(lang: str):
    with po_path(project().paths.locale, lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def test_every_template_and_outline_string_is_in_both_catalogs():
    from generator.render.outline import build_outline

    used = set()
    for template in sorted(project().paths.templates.glob("*.html")):
        with template.open("rb") as fh:
            for _line, _func, message, _comments in babel_extract(fh, ("_", "gettext", "ngettext"), [], {}):
                used.add(message if isinstance(message, str) else message[0])
    asked: list[str] = []  # every word the outline of a full brief looks up
    build_outline(sample_brief("en"), lambda msgid: asked.append(msgid) or msgid)
    used |= set(asked)
    assert {"No.", "Indicator", "Unit", "Target", "Actual", "Status", "Reason", "Review scorecard",
            "Key terms", "Plan targets", "Notes on the source"} <= used
    used |= {"Page %(page)s of %(pages)s", "%(region)s %(year)s plan report: brief",
             "Not in the glossary: shown in Chinese"}  # looked up in generator/render/html.py
    for lang in ("zh", "en"):
        catalog = _catalog(lang)
        untranslated = sorted(m for m in used if not (catalog.get(m) and catalog.get(m).string))
        assert untranslated == [], lang
    assert all(CJK.search(_catalog("zh").get(m).string) for m in used)


def test_gettext_and_unknown_language():
    messages = project().messages
    assert messages.gettext("zh", "Target") == "目标"
    assert messages.gettext("en", "Target") == "Target"
    with pytest.raises(TemplateError):
        messages.translations("fr")


def test_gap_segment_escaped_too(tmp_path):
    brief = sample_brief("en")
    brief = dataclasses.replace(brief, glance_tally=(Text((Segment("<b>x</b>", lang="zh-Hans", gap=True),)),))
    html = render_html(brief, tmp_path, "gap.en", render_ctx()).read_text(encoding="utf-8")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


def test_subset_warning_when_harfbuzz_subset_missing(monkeypatch):
    from weasyprint.text import ffi

    from generator.render.pdf import subset_warning

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    warning = subset_warning()
    assert warning and "libharfbuzz-subset0" in warning and "\n" not in warning


def test_page_counter_css_is_a_safe_css_value():
    from generator.render.html import page_counter_css

    pattern = "Page %(page)s of %(pages)s"
    gettext = project().messages.gettext
    assert page_counter_css(gettext("en", pattern)) == '"Page " counter(page) " of " counter(pages)'
    assert page_counter_css(gettext("zh", pattern)) == '"第 " counter(page) " 页 / 共 " counter(pages) " 页"'
