"""The seed's PDF briefs as PDF/UA-1, and the data they carry.

Checked three ways: the ``page`` validator (PyPI ``page-validation``, a
veraPDF-compatible checker of the PDF/UA-1 machine-checkable rules), this
file's own walk of the structure tree (lists, table headers and row groups,
languages, artifacts, alt text), and the HTML the PDF is printed from.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator

import pikepdf
import pytest
from bs4 import BeautifulSoup

from generator.render.html import CJK
from tests.support.pdf_content import drawn, lang_of, structure_parents, to_unicode

needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
LANGS = ["zh", "en"]


def _kids(element: pikepdf.Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [k for k in _kids(element) if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _walk(element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    yield element
    for kid in _elements(element):
        yield from _walk(kid)


def _tree(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [e for top in _elements(pdf.Root.StructTreeRoot) for e in _walk(top)]


def _s(element: pikepdf.Dictionary) -> str:
    return str(element.S)[1:]


def _attr(element: pikepdf.Dictionary, key: str):
    attributes = element.get("/A")
    for entry in (attributes if isinstance(attributes, pikepdf.Array) else [attributes]):
        if isinstance(entry, pikepdf.Dictionary) and key in entry:
            return entry[key]
    return None


@pytest.fixture(scope="module")
def opened(seed_pdfs):
    pdfs = {lang: pikepdf.open(path) for lang, path in seed_pdfs.items()}
    yield pdfs
    for pdf in pdfs.values():
        pdf.close()


# ---------------------------------------------------------------- identification, validator

@needs_poppler
@pytest.mark.parametrize("lang", LANGS)
def test_xmp_identifies_pdf_ua_1(seed_pdfs, lang):
    meta = subprocess.run(["pdfinfo", "-meta", str(seed_pdfs[lang])], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', meta), meta[:500]
    assert "<dc:title>" in meta
    info = subprocess.run(["pdfinfo", str(seed_pdfs[lang])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_language_title_and_marks(opened, lang):
    pdf = opened[lang]
    assert str(pdf.Root.Lang) == {"zh": "zh-Hans", "en": "en"}[lang]
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.docinfo.Title)


@pytest.mark.parametrize("lang", LANGS)
def test_page_validator_finds_no_pdf_ua_failure(seed_pdfs, lang):
    page = pytest.importorskip("page", reason="page-validation (the PDF/UA-1 checker) not installed")
    report = page.validate_pdf(str(seed_pdfs[lang]), profile="ua1")
    assert report.rules.total >= 100  # the rules of the PDF/UA-1 profile it ran
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


# ---------------------------------------------------------------- structure

@pytest.mark.parametrize("lang", LANGS)
def test_lists_are_l_li_lbl_lbody(opened, lang):
    tree = _tree(opened[lang])
    lists = [e for e in tree if _s(e) == "L"]
    items = [e for e in tree if _s(e) == "LI"]
    assert len(lists) > 10 and len(items) > 30
    for lst in lists:
        assert [_s(k) for k in _elements(lst) if _s(k) != "LI"] == [], "only LI in L"
        assert all(not isinstance(k, int) for k in _kids(lst)), "no marked content straight in L"
    for item in items:
        kinds = [_s(k) for k in _elements(item)]
        assert kinds and set(kinds) <= {"Lbl", "LBody"}, kinds
        assert _s(item.P) == "L"
    labelled = [item for item in items if "Lbl" in [_s(k) for k in _elements(item)]]
    assert labelled  # the title block's facts: term as Lbl, value as LBody


@pytest.mark.parametrize("lang", LANGS)
def test_every_header_cell_has_a_scope(opened, lang):
    headers = [e for e in _tree(opened[lang]) if _s(e) == "TH"]
    assert len(headers) > 50
    scopes = [str(_attr(th, "/Scope")) for th in headers]
    assert set(scopes) <= {"/Column", "/Row", "/Both"}, set(scopes)
    assert "/Column" in scopes and "/Row" in scopes


def _rows(group: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [k for k in _elements(group) if _s(k) == "TR"]


def _category_row(row: pikepdf.Dictionary) -> pikepdf.Dictionary | None:
    """The row-group heading of a scorecard or plan table: a row of one TH spanning the table."""
    cells = _elements(row)
    if len(cells) == 1 and _s(cells[0]) == "TH" and int(_attr(cells[0], "/ColSpan") or 1) > 1:
        return cells[0]
    return None


@pytest.mark.parametrize("lang", LANGS)
def test_each_category_is_its_own_row_group(opened, lang):
    """A category heading opens its own TBody and heads the cells of that TBody only.

    A group that runs on to the next page continues there in a TBody of its own
    with no heading row; its cells keep the heading drawn on the page before.
    """
    groups_with_heading = 0
    headings_seen: set[bytes] = set()
    current = None  # the heading of the group being read, in reading order
    for table in (e for e in _tree(opened[lang]) if _s(e) == "Table"):
        for group in (g for g in _elements(table) if _s(g) == "TBody"):
            rows = _rows(group)
            headings = [(i, th) for i, row in enumerate(rows) if (th := _category_row(row)) is not None]
            assert len(headings) <= 1 and all(i == 0 for i, _th in headings), "one heading, first in its TBody"
            if headings:
                groups_with_heading += 1
                current = bytes(headings[0][1].ID)
                headings_seen.add(current)
            for cell in (c for row in rows for c in _elements(row) if _s(c) == "TD"):
                named = {bytes(h) for h in (_attr(cell, "/Headers") or [])}
                if headings:
                    assert current in named, "a cell is headed by its group's category"
                assert named & headings_seen <= {current}, "and by no other category"
                assert any(h not in headings_seen for h in named)  # and by its column's header
    assert groups_with_heading >= 8  # scorecard and plan categories of the seed


@pytest.mark.parametrize("lang", LANGS)
def test_headers_point_at_header_cells(opened, lang):
    pdf = opened[lang]
    names = pdf.Root.StructTreeRoot.IDTree.Names
    targets = {bytes(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    for cell in (e for e in _tree(pdf) if _s(e) == "TD"):
        for key in _attr(cell, "/Headers") or []:
            assert _s(targets[bytes(key)]) == "TH"


def _texts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """(page, MCID) -> the text drawn in that marked content."""
    texts: dict[tuple[int, int], list[str]] = {}
    maps: dict[tuple[int, int], dict[int, str]] = {}
    for glyph in drawn(pdf):
        if not glyph.mcids or glyph.artifact:
            continue
        unicode = maps.setdefault(glyph.font.objgen, to_unicode(glyph.font))
        texts.setdefault((glyph.page, glyph.mcids[-1]), []).append(unicode.get(glyph.code, ""))
    return {key: "".join(parts) for key, parts in texts.items()}


def test_chinese_in_the_english_brief_carries_lang(opened):
    pdf = opened["en"]
    owners = structure_parents(pdf)
    chinese = {key: text for key, text in _texts(pdf).items() if CJK.search(text)}
    assert len(chinese) > 200  # the key terms, at least
    untagged = {text for key, text in chinese.items() if not (lang_of(owners.get(key)) or "").startswith("zh")}
    assert untagged == set()


def test_chinese_brief_text_is_all_in_chinese(opened):
    """The Chinese brief has no span in another language (the English terms live in the English brief)."""
    pdf = opened["zh"]
    owners = structure_parents(pdf)
    texts = _texts(pdf)
    assert len(texts) > 300
    assert {lang_of(owners.get(key)) or str(pdf.Root.Lang) for key in texts} == {"zh-Hans"}


@pytest.mark.parametrize("lang", LANGS)
def test_running_headers_and_page_numbers_are_artifacts(opened, lang):
    pdf = opened[lang]
    pages = len(pdf.pages)
    in_tree = {e.objgen for e in _tree(pdf)}
    for (page, mcid), element in structure_parents(pdf).items():
        assert element.objgen in in_tree, f"page {page + 1} MCID {mcid} belongs to no element of the tree"
    artifacts: dict[int, list[str]] = {}
    maps: dict = {}
    for glyph in drawn(pdf):
        if glyph.artifact:
            unicode = maps.setdefault(glyph.font.objgen, to_unicode(glyph.font))
            artifacts.setdefault(glyph.page, []).append(unicode.get(glyph.code, ""))
    counter = {"zh": "第{}页/共{}页", "en": "Page{}of{}"}[lang]
    for page in range(pages):
        assert counter.format(page + 1, pages) in "".join(artifacts.get(page, [])).replace(" ", "")


@pytest.mark.parametrize("lang", LANGS)
def test_figures_have_alt_text(opened, lang):
    figures = [e for e in _tree(opened[lang]) if _s(e) == "Figure"]
    assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)


# ---------------------------------------------------------------- the data travels with the PDF

@pytest.mark.parametrize("lang", LANGS)
def test_scorecard_files_are_the_only_attachments(seed_pdfs, opened, lang):
    pdf = opened[lang]
    folder = seed_pdfs[lang].parent
    attached = dict(pdf.attachments.items())
    assert sorted(attached) == ["scorecard.csv", "scorecard.json"]
    for name, spec in attached.items():
        assert spec.get_file().read_bytes() == (folder / name).read_bytes()
        assert spec.obj.AFRelationship == pikepdf.Name.Data
        assert str(spec.description).strip()
    assert sorted(str(s.UF) for s in pdf.Root.AF) == ["scorecard.csv", "scorecard.json"]
    json.loads(attached["scorecard.json"].get_file().read_bytes())
    if shutil.which("pdfdetach"):
        listing = subprocess.run(["pdfdetach", "-list", str(seed_pdfs[lang])], capture_output=True, text=True,
                                 check=True).stdout
        assert listing.splitlines() == ["2 embedded files", "1: scorecard.csv", "2: scorecard.json"]


# ---------------------------------------------------------------- the HTML it is printed from

@pytest.mark.parametrize("lang", LANGS)
def test_html_lists_hold_only_items_and_tables_group_their_categories(seed_pdfs, lang):
    page = BeautifulSoup(seed_pdfs[lang].with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
    for lst in page.find_all(["ul", "ol"]):
        assert {c.name for c in lst.children if getattr(c, "name", None)} == {"li"}
        assert not [c for c in lst.children if isinstance(c, str) and c.strip()]
    assert all(th.get("scope") in ("col", "row", "rowgroup") for th in page.find_all("th"))
    for table in page.select("table.scorecard, table.plan"):
        bodies = table.find_all("tbody", recursive=False)
        categories = table.select("tr.category")
        assert len(bodies) >= len(categories) > 2
        for body in bodies:
            rows = body.find_all("tr", recursive=False)
            heads = [i for i, row in enumerate(rows) if "category" in row.get("class", [])]
            assert heads in ([], [0])
            if heads:
                assert rows[0].th["scope"] == "rowgroup"
