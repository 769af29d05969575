"""The seed saved in every supported shape reads to the same model as the UTF-8 text.

The .docx, .html and .md renderings are generated here from the seed text
(paragraph per line, each tab-led table as a real table), the way a Word
export, a government web page and a crawler's Markdown would hold them.
"""

from __future__ import annotations

import codecs
import html
from pathlib import Path
from typing import Any

import docx
import pytest

from generator.read import read_document

Paragraph = str
Grid = list[list[str]]


def seed_blocks(text: str) -> list[Paragraph | Grid]:
    """The seed as paragraphs and tables (one tab-led cell per line, rows split by blank lines)."""
    blocks: list[Paragraph | Grid] = []
    table: Grid | None = None
    row: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("\t"):
            if table is None:
                table = []
                blocks.append(table)
            if row is None:
                row = []
                table.append(row)
            row.append(line[1:])
        elif not line.strip():
            row = None
        elif row is not None:
            row[-1] += "\n" + line
        else:
            table = None
            blocks.append(line.strip())
    return blocks


def without_locations(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_locations(v) for k, v in value.items() if k not in ("span", "source", "format")}
    if isinstance(value, list):
        return [without_locations(v) for v in value]
    return value


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def expected(seed_doc) -> dict:
    return without_locations(seed_doc.to_dict())


def write_docx(blocks: list[Paragraph | Grid], path: Path) -> None:
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            para = document.add_paragraph()
            run = para.add_run(block)
            run.bold = block.startswith(("一、", "二、", "三、")) and len(block) < 40
            continue
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        for r, cells in enumerate(block):
            row = table.rows[r]
            for c, text in enumerate(cells):
                row.cells[c].text = text
            filled = [t for t in cells if t.strip()]
            if len(filled) == 1 and not cells[0].strip().isdigit() and width > 1:
                row.cells[0].merge(row.cells[width - 1])  # a category row spans the table
    document.save(str(path))


def write_html(blocks: list[Paragraph | Grid], path: Path, encoding: str = "utf-8") -> None:
    nav = "".join(f"<li><a href='/n{i}'>首页新闻动态政务公开办事服务互动交流{i}</a></li>" for i in range(20))
    body: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            body.append(f"<p style='text-indent:2em'>{html.escape(block)}</p>")
            continue
        width = max(len(r) for r in block)
        rows = []
        for cells in block:
            filled = [t for t in cells if t.strip()]
            if len(filled) == 1 and not cells[0].strip().isdigit():
                rows.append(f"<tr><td colspan='{width}'>{html.escape(filled[0])}</td></tr>")
                continue
            tds = "".join(f"<td>{html.escape(t).replace(chr(10), '<br/>')}</td>" for t in cells)
            rows.append(f"<tr>{tds}</tr>")
        body.append("<table border='1'><tbody>" + "\n".join(rows) + "</tbody></table>")
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>重庆市发展和改革委员会</title>
<style>p {{ margin: 0 }}</style><script>var 统计 = "不要读我";</script></head>
<body><header><div class="logo">重庆市发展和改革委员会门户网站</div></header>
<nav><ul>{nav}</ul></nav>
<div class="main-wrap"><div class="crumbs">当前位置：首页 &gt; 政务公开 &gt; 计划报告</div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
<iframe src="https://example.invalid/share"></iframe>
<form><input name="q"><button>搜索</button></form></div>
<footer>主办单位：重庆市发展和改革委员会 版权所有 联系我们 网站地图</footer></body></html>"""
    path.write_bytes(page.encode(encoding))


def write_markdown(blocks: list[Paragraph | Grid], path: Path) -> None:
    texts = [b for b in blocks if isinstance(b, str)]
    title = texts[0] + texts[1]
    out = ["---", f"title: {title}", "source: 重庆市发展和改革委员会", "tags: [计划, 报告]", "---", "", f"# {title}", "",
           f"> {texts[2]}", ""]
    for block in blocks[3:]:
        if isinstance(block, str):
            if block[:2] in ("一、", "二、", "三、") and len(block) < 40:
                out.append(f"**{block}**")
            elif block.startswith("（") and "。" in block:
                head, _, rest = block.partition("。")
                out.append(f"**{head}。**{rest}")
            else:
                out.append(block)
            out.append("")
            continue
        width = max(len(r) for r in block)
        def cell(text: str) -> str:
            return text.replace("*", "\\*").replace("\n", "<br>")
        rows = [r + [""] * (width - len(r)) for r in block]
        out.append("| " + " | ".join(cell(c) for c in rows[0]) + " |")
        out.append("|" + "---|" * width)
        out.extend("| " + " | ".join(cell(c) for c in r) + " |" for r in rows[1:])
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def test_gb18030_copy(seed_text: str, expected: dict, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(seed_text.encode("gb18030"))
    assert without_locations(read_document(path).to_dict()) == expected


def test_utf8_bom_crlf_copy(seed_text: str, expected: dict, seed_doc, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(codecs.BOM_UTF8 + seed_text.replace("\n", "\r\n").encode("utf-8"))
    doc = read_document(path)
    assert without_locations(doc.to_dict()) == expected
    assert doc.tables[0].rows[1].span == seed_doc.tables[0].rows[1].span  # same lines


def test_old_mac_line_ends(seed_text: str, expected: dict, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(seed_text.replace("\n", "\r").encode("utf-8"))
    assert without_locations(read_document(path).to_dict()) == expected


def test_docx_copy(seed_text: str, expected: dict, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_docx(seed_blocks(seed_text), path)
    doc = read_document(path)
    assert doc.format == "docx"
    assert without_locations(doc.to_dict()) == expected


def test_html_copy(seed_text: str, expected: dict, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_html(seed_blocks(seed_text), path)
    doc = read_document(path)
    assert doc.format == "html"
    assert without_locations(doc.to_dict()) == expected


def test_html_copy_in_gbk(seed_text: str, expected: dict, tmp_path: Path) -> None:
    path = tmp_path / "report.htm"
    write_html(seed_blocks(seed_text), path, encoding="gbk")
    assert without_locations(read_document(path).to_dict()) == expected


def test_markdown_copy(seed_text: str, expected: dict, tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    write_markdown(seed_blocks(seed_text), path)
    doc = read_document(path)
    assert doc.format == "md"
    assert without_locations(doc.to_dict()) == expected


def test_docx_spans_are_block_ordinals(seed_text: str, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_docx(seed_blocks(seed_text), path)
    doc = read_document(path)
    assert doc.span.start == 1 and doc.span.end == 3  # title (2 paragraphs) and issuer
    table = doc.tables[0]
    assert [r.span.start for r in table.rows[:3]] == [table.span.start, table.span.start + 1, table.span.start + 2]
