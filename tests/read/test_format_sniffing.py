"""The format is read from the content, the extension is only a hint (generator.read.sniff).

Reports are saved under any name: a crawler's Markdown as .txt, a web page as
.txt, a Word file renamed. The same bytes must give the same model whatever
the file is called, and the build cache must know which format it read.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.read import read_document
from generator.read.sniff import HEAD_BYTES, Format, markdown_evidence, sniff, sniff_text
from tests.support.paths import ROOT

NATIONAL = ROOT / "seeds" / "national-2025-plan-report.md"

# (case, text, extension hint, format): markers of my own, not copied from any report.
TEXT_CASES: list[tuple[str, str, str, Format]] = [
    ("front matter", "---\ntitle: 某省计划报告\nauthor: 某省发展改革委\n---\n\n正文第一段。\n", ".txt", Format.MD),
    ("atx heading and bold part", "# 关于某市计划的报告\n\n**一、执行情况**\n\n正文。\n", ".txt", Format.MD),
    ("two bold part headings", "**一、回顾**\n\n正文。\n\n**二、目标**\n\n正文。\n", ".text", Format.MD),
    ("pipe table", "指标表\n\n| 指标 | 目标 |\n|---|---|\n| 甲 | 5 |\n", ".txt", Format.MD),
    ("one heading, md hint", "# 某市计划报告\n\n正文第一段。\n", ".md", Format.MD),
    ("one heading, txt hint", "# 某市计划报告\n\n正文第一段。\n", ".txt", Format.TXT),
    ("plain lines", "关于某市计划执行情况的报告\n一、执行情况\n（一）经济增长。正文。\n", ".md", Format.TXT),
    ("tab-led table cells", "附件1\n\t序号\n\t指标名称\n\n\t1\n\t#民间投资增速（%）\n", ".txt", Format.TXT),
    ("html document", "<!DOCTYPE html>\n<html><body><p>正文</p></body></html>", ".txt", Format.HTML),
    ("html after a comment", "<!-- saved page -->\n<html lang=zh><p>正文</p></html>", ".md", Format.HTML),
    ("xml prolog", '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "", Format.HTML),
    ("html fragment", "<div class='content'><p>一、执行情况</p><p>正文。</p></div>", ".txt", Format.HTML),
    ("page after crawler lines", "抓取时间 2031\n<html><head><title>t</title></head><body><div><p>a</p><p>b</p></div></body></html>",
     ".txt", Format.HTML),
    ("a tag in prose", "正文提到 <b>加粗</b> 的字。\n第二行。\n", ".txt", Format.TXT),
    ("html hint, no tags", "关于某市计划的报告\n一、执行情况\n", ".html", Format.TXT),
]


@pytest.mark.parametrize(("text", "hint", "expected"), [c[1:] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES])
def test_text_formats(text: str, hint: str, expected: Format, tmp_path: Path) -> None:
    path = tmp_path / f"report{hint}"
    assert sniff(text.encode("utf-8"), path) is expected
    assert sniff(text.encode("gb18030"), path) is expected  # the encoding does not matter
    assert sniff(b"\xef\xbb\xbf" + text.encode("utf-8"), path) is expected


FOREIGN: list[tuple[str, bytes, str]] = [
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ("legacy word", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ".doc"),
    ("rtf", b"{\\rtf1\\ansi\\deff0 text}", "RTF"),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(50), "PNG image"),
    ("jpeg", b"\xff\xd8\xff\xe0" + bytes(50), "JPEG image"),
    ("gzip", b"\x1f\x8b\x08\x00" + bytes(50), "gzip"),
    ("elf", b"\x7fELF\x02\x01\x01" + bytes(50), "program"),
]


@pytest.mark.parametrize(("data", "words"), [c[1:] for c in FOREIGN], ids=[c[0] for c in FOREIGN])
def test_other_formats_are_named(data: bytes, words: str, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"  # whatever the name says
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert words in caught.value.message and "\n" not in str(caught.value)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(("part", "words"), [
    ("xl/workbook.xml", "Excel spreadsheet"),
    ("ppt/presentation.xml", "PowerPoint"),
    ("content.xml", "OpenDocument"),
    ("META-INF/container.xml", "e-book"),
    ("readme.txt", "without a Word document part"),
])
def test_zip_packages_that_are_not_word_say_what_they_are(part: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_zip({part: "<x/>"}))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "not a Word (.docx) document" in caught.value.message and words in caught.value.message


def _without_locations(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_locations(v) for k, v in value.items() if k not in ("span", "source")}
    if isinstance(value, list):
        return [_without_locations(v) for v in value]
    return value


def _model(path: Path) -> dict:
    return _without_locations(read_document(path).to_dict())


@pytest.fixture(scope="module")
def national_model() -> dict:
    return _model(NATIONAL)


@pytest.mark.parametrize("name", ["report.txt", "report.md", "report.markdown", "report", "report.htm"])
def test_same_bytes_same_model_whatever_the_name(name: str, national_model: dict, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(NATIONAL.read_bytes())
    model = _model(path)
    assert model["format"] == "md"
    assert model == national_model


def markdown_to_html(text: str) -> str:
    """The crawler's Markdown as a web page would hold it: metadata in <meta>, headings, quotes, bold parts."""
    import html as htmllib

    lines = text.split("\n")
    meta: dict[str, str] = {}
    if lines[0] == "---":
        end = lines.index("---", 1)
        for line in lines[1:end]:
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip().strip('"')
        lines = lines[end + 1:]
    body = []
    for line in lines:
        if not line.strip():
            continue
        esc = htmllib.escape(line)
        if line.startswith("## "):
            body.append(f"<h2>{esc[3:]}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{esc[2:]}</h1>")
        elif line.startswith("> "):
            body.append(f"<blockquote><p>{esc[2:]}</p></blockquote>")
        elif line.startswith("**") and line.endswith("**"):
            body.append(f"<p><strong>{esc[2:-2]}</strong></p>")
        else:
            body.append(f"<p>{esc}</p>")
    head = (f'<meta charset="utf-8"><title>{htmllib.escape(meta["title"])}</title>'
            f'<meta name="author" content="{htmllib.escape(meta["author"])}">'
            f'<meta name="PubDate" content="{meta["date"]}">'
            f'<link rel="canonical" href="{htmllib.escape(meta["source_url"])}">')
    return (f"<!DOCTYPE html><html><head>{head}</head><body><nav>首页 | 要闻</nav>"
            f"<div class=\"article\">{''.join(body)}</div><footer>版权所有</footer></body></html>")


@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_the_report_inside_a_web_page_gives_the_same_model(name: str, national_model: dict, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(markdown_to_html(NATIONAL.read_text(encoding="utf-8")), encoding="utf-8")
    model = _model(path)
    assert model["format"] == "html"
    assert {**model, "format": "md"} == national_model


def test_a_word_file_renamed_txt_is_read_as_word(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于某市2030年国民经济和社会发展计划执行情况与2031年计划草案的报告")
    document.add_paragraph("某市发展和改革委员会")
    document.add_paragraph("一、2030年计划执行情况").runs[0].bold = True
    document.add_paragraph("全市地区生产总值增长5.1%。")
    document.add_paragraph("二、2031年主要目标").runs[0].bold = True
    document.add_paragraph("主要预期目标是：地区生产总值增长5%左右。")
    original = tmp_path / "report.docx"
    document.save(original)
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(original.read_bytes())
    doc = read_document(renamed)
    assert doc.format == "docx" and doc.issuer == "某市发展和改革委员会"
    assert _model(renamed) == _model(original)


def test_the_build_cache_knows_the_format_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """X.md then X.txt with the same bytes into one folder: rebuilt, not "up to date" with the other's brief."""
    from generator.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1909251200")
    out = tmp_path / "build"
    text = NATIONAL.read_bytes()
    first, second = tmp_path / "a" / "report.md", tmp_path / "b" / "report.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(text)
    assert build([first], out=out, formats=["scorecard"]) == 0
    assert json.loads((out / "report" / "scorecard.json").read_text(encoding="utf-8"))["source"] == str(first)
    assert build([second], out=out, formats=["scorecard"]) == 0
    assert json.loads((out / "report" / "scorecard.json").read_text(encoding="utf-8"))["source"] == str(second)
    # the no-op build stays a no-op
    stamp = (out / "report" / ".stamp.json")
    before = stamp.read_bytes() if stamp.exists() else None
    assert build([second], out=out, formats=["scorecard"]) == 0
    assert (stamp.read_bytes() if stamp.exists() else None) == before


def test_sniffing_reads_only_the_head(tmp_path: Path) -> None:
    # Markdown signs after the first HEAD_BYTES do not count: the cache and the reader agree by construction.
    text = ("正文一行。\n" * (HEAD_BYTES // 8)) + "# 标题\n\n**一、部分**\n"
    assert sniff(text.encode("utf-8"), tmp_path / "x.txt") is Format.TXT


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), hint=st.sampled_from([None, Format.TXT, Format.MD, Format.HTML]))
def test_sniff_text_never_fails_and_strong_markdown_wins(text: str, hint: Format | None) -> None:
    found = sniff_text(text, hint)
    assert isinstance(found, Format) and found is not Format.DOCX
    if markdown_evidence(text) >= 2 and not text.lstrip().lower().startswith(("<!doctype", "<html", "<?xml")):
        assert found in (Format.MD, Format.HTML)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf", ""]))
def test_sniff_gives_a_format_or_an_input_error(data: bytes, suffix: str) -> None:
    try:
        assert isinstance(sniff(data, Path("x" + suffix)), Format)
    except InputError as error:
        assert error.message and "\n" not in error.message
