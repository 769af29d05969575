"""The DOCX brief: structure a Word user relies on, determinism, hostile text, LibreOffice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from generator.brief import Brief, ScoreRow, Segment, Status, Text
from generator.errors import TemplateError
from generator.render.charts import render_charts
from generator.render.context import RenderContext
from generator.render.docx import build_docx, generated_datetime, render_docx
from tests.support.sample_brief import GAP_TERM, sample_brief
from tests.support.paths import ROOT
from tests.support.project import gettext, render_ctx

CJK_START, CJK_END = "\u4e00", "\u9fff"


def has_cjk(text: str) -> bool:
    return any(CJK_START <= ch <= CJK_END for ch in text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Brief, Path]]:
    out = tmp_path_factory.mktemp("docx")
    result = {}
    for lang in ("zh", "en"):
        brief = sample_brief(lang)
        charts = render_charts(brief, out / "assets", render_ctx())
        path = out / f"brief.{lang}.docx"
        render_docx(brief, path, charts, render_ctx())
        result[lang] = (brief, path)
    return result


def scorecard_table(doc, lang: str):
    header = gettext(lang, "Actual")
    for table in doc.tables:
        if header in [c.text for c in table.rows[0].cells] and gettext(lang, "Reason") in table.rows[0].cells[6].text:
            return table
    raise AssertionError("no scorecard table")


def is_group_row(row) -> bool:
    return len(row._tr.tc_lst) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scorecard_has_one_row_per_indicator_in_order(rendered, lang):
    brief, path = rendered[lang]
    table = scorecard_table(Document(str(path)), lang)
    body = list(table.rows)[1:]
    indicators = [r for r in body if not is_group_row(r)]
    groups = [r for r in body if is_group_row(r)]
    assert len(indicators) == len(brief.score_rows)
    assert [r.cells[1].text.rstrip(" *") for r in indicators] == [str(s.name) for s in brief.score_rows]
    # one spanning row per category, named as in the brief
    categories = list(dict.fromkeys(str(s.category) for s in brief.score_rows))
    assert [g.cells[0].text for g in groups] == categories


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_repeat_header_and_rows_do_not_split(rendered, lang):
    doc = Document(str(rendered[lang][1]))
    assert len(doc.tables) >= 5
    for table in doc.tables:
        rows = list(table.rows)
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert table.style.name == "Brief Table"


def _fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_cells_shaded_with_icon_and_word(rendered, lang):
    brief, path = rendered[lang]
    rows = [r for r in list(scorecard_table(Document(str(path)), lang).rows)[1:] if not is_group_row(r)]
    fills: dict[str, set[str | None]] = {}
    for row, data in zip(rows, brief.score_rows):
        status = row.cells[5]
        assert status.text == f"{render_ctx().tokens.glyph('status', data.status.key)} {data.status.label}"
        fills.setdefault(data.status.key, set()).add(_fill(status))
    assert all(len(f) == 1 and None not in f for f in fills.values())  # one shade per status
    assert fills["met"] != fills["missed"]
    # the reason cell is not shaded
    assert _fill(rows[0].cells[6]) is None


def test_numbers_right_aligned_and_sub_rows_indented(rendered):
    brief, path = rendered["en"]
    doc = Document(str(path))
    rows = [r for r in list(scorecard_table(doc, "en").rows)[1:] if not is_group_row(r)]
    for row, data in zip(rows, brief.score_rows):
        for cell in (row.cells[3], row.cells[4]):
            para = cell.paragraphs[0]
            align = para.alignment or para.style.paragraph_format.alignment
            assert align == WD_ALIGN_PARAGRAPH.RIGHT
        indent = row.cells[1].paragraphs[0].paragraph_format.left_indent
        assert (indent or 0) > 0 if data.level else not indent


def _style_east_asia(style) -> str | None:
    while style is not None:
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_east_asian_fonts_on_styles(rendered, lang):
    doc = Document(str(rendered[lang][1]))
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert defaults.get(qn("w:eastAsia")) == "Noto Serif CJK SC"
    assert _style_east_asia(doc.styles["Normal"]) == "Noto Serif CJK SC"
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert _style_east_asia(doc.styles[name]) == "Noto Sans CJK SC"
    # explicit fonts only: a theme font would override the named one in Word
    assert 'w:asciiTheme' not in doc.styles.element.xml


def test_style_fonts_are_installed_so_latin_text_keeps_its_face(rendered):
    """Every font a used style names exists on the machine (LibreOffice would substitute DejaVu)."""
    doc = Document(str(rendered["en"][1]))
    installed = set(subprocess.run(["fc-list", "-f", "%{family}\n"], capture_output=True, text=True,
                                   check=True).stdout.replace(",", "\n").splitlines())
    named = set()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Text", "Table Heading", "Note", "Caption"):
        fonts = doc.styles[name].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            named |= {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia")} - {None}
    assert named and named <= installed
    assert doc.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:ascii")) == "Noto Serif CJK SC"


def test_key_terms_in_two_columns_then_one_again(rendered):
    doc = Document(str(rendered["en"][1]))
    columns = [s._sectPr.find(qn("w:cols")) for s in doc.sections]
    counts = [int(c.get(qn("w:num"), "1")) if c is not None else 1 for c in columns]
    assert counts[-2:] == [2, 1] and counts[0] == 1  # terms section, then the colophon full width
    zh = Document(str(rendered["zh"][1]))
    assert len(zh.sections) == 1


def _runs(doc):
    for paragraph in doc.paragraphs:
        yield from paragraph.runs
    for table in doc.tables:
        for row in table.rows:
            for tc in row._tr.tc_lst:
                for p in tc.iter(qn("w:p")):
                    yield from (r for r in p.iter(qn("w:r")))


def _run_element(run):
    return getattr(run, "_r", run)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chinese_run_has_east_asian_font_and_language(rendered, lang):
    doc = Document(str(rendered[lang][1]))
    chinese = 0
    for run in _runs(doc):
        r = _run_element(run)
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        if not has_cjk(text):
            continue
        chinese += 1
        fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        lang_el = r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert fonts is not None and fonts.get(qn("w:eastAsia")), text
        assert lang_el is not None and lang_el.get(qn("w:eastAsia")) == "zh-CN", text
    assert chinese >= (100 if lang == "zh" else 10)  # en: the gap and the key terms


def test_gap_segment_visibly_marked_in_english(rendered):
    doc = Document(str(rendered["en"][1]))
    gap_runs = [r for p in doc.paragraphs for r in p.runs if r.text == GAP_TERM]
    assert gap_runs, "gap segment missing"
    for run in gap_runs:
        assert run.style.name == "Glossary Gap"
        assert run._r.rPr.rFonts.get(qn("w:eastAsia"))
    gap_style = doc.styles["Glossary Gap"].element.rPr
    assert gap_style.find(qn("w:u")).get(qn("w:val")) == "dotted"
    assert gap_style.find(qn("w:shd")) is not None
    # the legend explains the marking
    assert any(gettext("en", "Not in the glossary: shown in Chinese") in p.text for p in doc.paragraphs)


def test_key_terms_appendix_only_in_english(rendered):
    en = Document(str(rendered["en"][1]))
    zh = Document(str(rendered["zh"][1]))
    terms = [t for t in en.tables if t.rows[0].cells[0].text == "Chinese"]
    assert len(terms) == 1
    assert len(terms[0].rows) == len(rendered["en"][0].terms) + 1
    assert not any(p.text == gettext("zh", "Key terms") for p in zh.paragraphs)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_core_properties(rendered, lang):
    brief, path = rendered[lang]
    props = Document(str(path)).core_properties
    assert props.title == str(brief.title)
    assert props.author == str(brief.issuer)
    assert props.last_modified_by == str(brief.issuer)
    assert props.keywords == ", ".join(brief.keywords)
    assert props.language == {"zh": "zh-CN", "en": "en-US"}[lang]
    assert props.subject
    assert props.created.date() == props.modified.date() == dt.date(2024, 3, 1)
    assert props.revision == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_fields_and_running_header(rendered, lang):
    brief, path = rendered[lang]
    section = Document(str(path)).sections[0]
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    words = gettext(lang, "Page %(page)s of %(pages)s").split("%(page)s")[0]
    assert section.footer.paragraphs[0].text.startswith(words)
    assert str(brief.region) in section.header.paragraphs[0].text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_are_pictures_with_alt_text(rendered, lang):
    brief, path = rendered[lang]
    doc = Document(str(path))
    assert len(doc.inline_shapes) == len(brief.charts)
    props = [(d.get("title"), d.get("descr")) for d in doc.element.body.iter(qn("wp:docPr"))]
    assert props == [(c.title, c.alt) for c in brief.charts]
    # scorecard chart after the tallies, projects chart in the projects block
    texts = [p.text for p in doc.paragraphs]
    captions = [i for i, t in enumerate(texts) if t.startswith(gettext(lang, "Chart"))]
    assert len(captions) == 2
    assert texts.index(gettext(lang, "Tallies")) < captions[0] < texts.index(gettext(lang, "Major projects")) < captions[1]


def test_block_order_follows_the_html_brief(rendered):
    doc = Document(str(rendered["en"][1]))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Review scorecard 2022", "Plan targets 2023", "Major projects", "Outlook",
                        "Section summaries", "Notes on the source", "Key terms"]
    assert doc.paragraphs[1].style.name == "Title"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_brief_gives_identical_bytes(rendered, lang, tmp_path):
    brief, first = rendered[lang]
    charts = render_charts(brief, tmp_path / "assets", render_ctx())
    again = tmp_path / "again.docx"
    render_docx(sample_brief(lang), again, charts, render_ctx())
    assert again.read_bytes() == first.read_bytes()


def test_write_is_atomic_and_replaces_old_file(tmp_path):
    out = tmp_path / "brief.docx"
    out.write_bytes(b"old")
    render_docx(sample_brief("en"), out, {}, render_ctx())
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx"]


def test_hostile_text_is_text(tmp_path):
    brief = sample_brief("en")
    nasty = "R&D <script>alert(1)</script> \x00\x07\x1b]]> “quoted”"
    row = brief.score_rows[0]
    brief.score_rows = (dataclasses.replace(row, name=Text.plain(nasty), reason=Text.plain("a\x0bb")),
                        *brief.score_rows[1:])
    brief.title = Text((Segment("Title & <b>bold</b>\x01"),))
    out = tmp_path / "nasty.docx"
    warnings = render_docx(brief, out, {}, render_ctx())
    doc = Document(str(out))
    assert doc.paragraphs[1].text == "Title & <b>bold</b>"
    assert doc.core_properties.title == "Title & <b>bold</b>"
    body = doc.element.body.xml
    assert "R&amp;D &lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>" not in body
    names = [r.cells[1].text for r in scorecard_table(doc, "en").rows]
    assert "R&D <script>alert(1)</script> ]]> “quoted”" in names
    assert any("control character" in w for w in warnings)


def test_empty_blocks_are_left_out(tmp_path):
    brief = Brief(lang="zh", html_lang="zh-Hans", title=Text.plain("某省计划报告"), issuer=Text(),
                  region=Text(), review_year="", plan_year="", source_file="x.txt", generated="2024-05-06")
    out = tmp_path / "bare.docx"
    render_docx(brief, out, {}, render_ctx())
    doc = Document(str(out))
    assert doc.tables == []
    assert [p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")] == []
    assert doc.core_properties.created.date() == dt.date(2024, 5, 6)


def test_sub_row_of_unknown_status_still_renders(tmp_path):
    brief = sample_brief("en")
    odd = ScoreRow(number="", name=Text.plain("of which: something"), unit=Text(), binding=False,
                   target=Text(), actual=Text(), status=Status("unknown_key", Text.plain("?")),
                   reason=Text(), level=2)
    brief.score_rows = (*brief.score_rows, odd)
    render_docx(brief, tmp_path / "odd.docx", {}, render_ctx())
    rows = list(scorecard_table(Document(str(tmp_path / "odd.docx")), "en").rows)
    assert rows[-1].cells[5].text == "?"


def test_missing_or_broken_reference_is_a_template_error(tmp_path):
    broken = tmp_path / "reference.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="reference"):
        build_docx(sample_brief("en"), {}, _with_reference(broken))
    bare = tmp_path / "bare" / "reference.docx"
    bare.parent.mkdir()
    Document().save(str(bare))  # python-docx's stock template lacks the brief's styles
    with pytest.raises(TemplateError, match="Brief Table"):
        build_docx(sample_brief("en"), {}, _with_reference(bare))


def _with_reference(reference: Path) -> RenderContext:
    """The project's render context with another reference document (a templates folder holding only it)."""
    assert reference.name == "reference.docx"
    return dataclasses.replace(render_ctx(), templates=reference.parent)


def test_reference_tool_builds_the_styles_the_renderer_needs(tmp_path):
    out = tmp_path / "tools" / "reference.docx"
    out.parent.mkdir()
    subprocess.run([sys.executable, str(ROOT / "tools/make_reference_docx.py"), str(out)],
                   check=True, capture_output=True, timeout=120)
    names = {s.name for s in Document(str(out)).styles}
    assert {"Brief Table", "Glossary Gap", "Table Number", "Glance", "List Bullet", "Caption"} <= names
    render_docx(sample_brief("zh"), tmp_path / "zh.docx", {}, _with_reference(out))


@pytest.mark.parametrize("text, expected", [
    ("2024-03-01", dt.date(2024, 3, 1)),
    ("2024年3月1日", dt.date(2024, 3, 1)),
    ("1 March 2024", dt.date(2024, 3, 1)),
    ("March 1, 2024", dt.date(2024, 3, 1)),
    ("1 Sep 2024", dt.date(2024, 9, 1)),
    ("someday", None),
    ("2024-02-30", None),
])
def test_generation_date_parsing(text, expected):
    got = generated_datetime(text)
    assert (got.date() if got else None) == expected


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_converts_both_briefs(rendered, tmp_path):
    files = [str(rendered[lang][1]) for lang in ("zh", "en")]
    profile = (tmp_path / "lo-profile").as_uri()  # own profile: no clash with a running LibreOffice
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *files], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for lang in ("zh", "en"):
        pdf = tmp_path / f"brief.{lang}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 10_000
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  timeout=60).stdout
            assert gettext(lang, "Review scorecard") in text
            assert str(rendered[lang][0].score_rows[0].name) in text
