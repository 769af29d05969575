"""The seed built end to end, checked the way a reader of the outputs would check them."""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from tests.support.paths import SEED
from tests.support.shared import build_seed

STEM = SEED.stem
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def built(seed_build: Path) -> Path:
    """The seed's outputs from the build the whole test run shares (every format, fixed date)."""
    return seed_build


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_every_output_is_written(built: Path) -> None:
    names = {p.name for p in built.iterdir() if p.is_file()}
    for lang in ("zh", "en"):
        for ext in ("pdf", "docx", "html"):
            assert f"{STEM}.{lang}.{ext}" in names
    assert {"scorecard.json", "scorecard.csv"} <= names
    assert not [n for n in names if n.endswith(".part") or n.startswith(".staging")]
    for lang in ("zh", "en"):
        assert (built / f"{STEM}.{lang}.pdf").stat().st_size < 600 * 1024


def test_chinese_pdf_has_the_title_and_every_indicator(built: Path, seed_doc) -> None:
    text = re.sub(r"\s+", "", _pdftotext(built / f"{STEM}.zh.pdf"))
    assert seed_doc.title in text
    names = {r.name for t in seed_doc.tables if t.kind == "indicator" for r in t.rows
             if r.kind.value in ("indicator", "subrow") and r.name}
    assert len(names) > 40
    missing = sorted(n for n in names if re.sub(r"\s+", "", n) not in text)
    assert missing == []


def test_english_pdf_reads_in_english(built: Path) -> None:
    text = _pdftotext(built / f"{STEM}.en.pdf")
    assert "Report on the Implementation of the 2022 Plan" in " ".join(text.split())
    assert "13 of 29 anticipatory targets met" in text
    assert re.search(r"Page 1 of \d+", text)


def test_english_html_keeps_chinese_inside_lang_elements(built: Path) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built / f"{STEM}.en.html").read_text(encoding="utf-8"), "lxml")
    assert soup.html["lang"] == "en"
    for tag in soup.find_all(attrs={"lang": re.compile(r"^zh")}):
        tag.decompose()
    for tag in soup(["style", "script"]):
        tag.decompose()
    assert CJK.findall(soup.get_text()) == []


def test_fonts_are_embedded_and_subset(built: Path) -> None:
    for lang in ("zh", "en"):
        listing = subprocess.run(["pdffonts", str(built / f"{STEM}.{lang}.pdf")], capture_output=True,
                                 text=True, check=True).stdout.splitlines()[2:]
        assert listing
        for line in listing:
            cols = line.split()
            assert cols[-5] == "yes" and cols[-4] == "yes", line  # emb, sub


def test_docx_scorecard_has_one_row_per_indicator_and_east_asian_fonts(built: Path, seed_doc) -> None:
    review = next(t for t in seed_doc.tables if t.kind == "indicator")
    scored = [r for r in review.rows if r.kind.value in ("indicator", "subrow")]
    categories = {r.category for r in scored if r.category}
    docx = open_docx(built / f"{STEM}.zh.docx")
    table = next(t for t in docx.tables if "地区生产总值增速" in t.rows[1].cells[1].text)
    assert len(table.rows) == 1 + len(scored) + len(categories)
    header = table.rows[0]._tr
    assert header.find(".//{*}tblHeader") is not None
    with zipfile.ZipFile(built / f"{STEM}.zh.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="Noto' in xml


def test_libreoffice_opens_both_docx(seed_docx_pdfs) -> None:
    for _docx, pdf in seed_docx_pdfs.values():
        assert pdf.stat().st_size > 10_000
        assert "Page 1" in _pdftotext(pdf) or "第 1 页" in _pdftotext(pdf)


@pytest.mark.slow  # a second full build of the seed; the sample brief's renders are compared in tests/render
def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    build_seed(tmp_path)
    again = tmp_path / STEM
    for path in sorted(built.rglob("*")):
        if path.is_file() and path.name != ".build.json":
            twin = again / path.relative_to(built)
            assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(twin.read_bytes()).digest(), path.name
    portfolio = [p for p in built.parent.rglob("*") if p.is_file() and not p.is_relative_to(built)
                 and not p.name.startswith(".")]
    assert len(portfolio) >= 7  # pages, PDFs, stylesheet, fonts, combined scorecards
    for path in portfolio:
        twin = tmp_path / path.relative_to(built.parent)
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_the_portfolio_is_written_beside_the_seed(built: Path) -> None:
    root = built.parent
    for name in ("index.html", "portfolio.zh.html", "portfolio.zh.pdf", "portfolio.en.pdf", "scorecards.csv"):
        assert (root / name).is_file(), name
    english = re.sub(r"\s+", " ", _pdftotext(root / "portfolio.en.pdf"))
    assert "Chongqing Municipality" in english and "Municipal" in english and "2023" in english
    chinese = re.sub(r"\s+", "", _pdftotext(root / "portfolio.zh.pdf"))
    assert "重庆市" in chinese and "计划报告简报汇总" in chinese
    html = (root / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"#][^"]*)"', html):
        assert (root / href).is_file(), href


def test_scorecard_files_carry_the_tallies(built: Path) -> None:
    import json

    data = json.loads((built / "scorecard.json").read_text(encoding="utf-8"))
    expected = data["tally"]["expected"]
    assert (expected["met"], expected["missed"], expected["not_comparable"]) == (13, 15, 1)
    csv = (built / "scorecard.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[0].count(",") >= 5 and "地区生产总值增速" in csv
