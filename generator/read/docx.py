"""Word (.docx) -> blocks, via python-docx.

Before python-docx opens the package its ZIP directory is checked against
the limits (:mod:`generator.read.limits`): the number of parts, their total
inflated size and each large part's compression ratio, all read from the
directory, so a decompression bomb is refused before a byte is inflated.
(zipfile never inflates a part past the size its directory declares.) A ZIP
package that is no Word document is named for what it is (a spreadsheet, a
presentation, an OpenDocument file, an e-book).

The body's XML children are walked in order so paragraphs and tables
interleave as in the document (content controls are looked into). A block's
"line" is its ordinal: each paragraph and each table row counts one. Merged
cells are read from the XML: a horizontal span (``gridSpan``) gives its text
once and empty cells for the rest of the span, a vertical continuation
(``vMerge``) gives an empty cell, so merged text is never duplicated.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

from docx import Document as open_docx
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from generator.errors import InputError
from generator.read import limits
from generator.read.blocks import Block, Source, TableBlock, TextBlock, clean_cell, clean_text

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_HEADING_STYLES = {"title": 1}  # plus "Heading n" / "标题 n", see _heading_level


# What python-docx, zipfile and lxml raise on a damaged or foreign package.
_CORRUPT = (
    KeyError, ValueError, EOFError, NotImplementedError, zlib.error, etree.XMLSyntaxError, PythonDocxError,
)


# What a ZIP package holds when it is no Word document: (part that marks it, what it is).
OTHER_PACKAGES: tuple[tuple[str, str], ...] = (
    ("xl/workbook.xml", "an Excel spreadsheet (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
    ("content.xml", "an OpenDocument file (.odt/.ods); save it as .docx"),
    ("META-INF/container.xml", "an e-book (.epub)"),
)
WORD_PART = "word/document.xml"


def read_docx(data: bytes, path: Path) -> Source:
    try:
        check_package(data)
        return _read(data)
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise InputError("not a Word (.docx) document: not a zip package", path, 1) from None
    except _NotWord as exc:
        raise InputError(f"not a Word (.docx) document: {exc}", path, 1) from None
    except limits.LimitExceeded:
        raise
    except _CORRUPT as exc:
        raise InputError(f"not a Word (.docx) document: {_short(exc)}", path, 1) from None


class _NotWord(Exception):
    """A ZIP package that is something else."""


def check_package(data: bytes) -> None:
    """Refuse a package beyond the limits, or one that is no Word document, from its directory alone."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = package.infolist()
        limits.check("zip_members", len(members))
        limits.check("inflated_mb", sum(m.file_size for m in members))
        ratio = limits.value("inflate_ratio")
        for member in members:
            if member.file_size >= limits.RATIO_FLOOR_BYTES and member.file_size > ratio * max(member.compress_size, 1):
                limits.check("inflate_ratio", member.file_size / max(member.compress_size, 1))
        names = {m.filename for m in members}
    if WORD_PART not in names:
        what = next((kind for part, kind in OTHER_PACKAGES if part in names), "a ZIP package without a Word document part")
        raise _NotWord(f"it is {what}")


def _read(data: bytes) -> Source:
    document = open_docx(io.BytesIO(data))
    title = (document.core_properties.title or "").strip() or None
    author = (document.core_properties.author or "").strip() or None
    blocks: list[Block] = []
    ordinal = 0
    body = document.element.body
    for element in _body_children(body) if body is not None else ():
        if element.tag == _P:
            ordinal += 1
            para = DocxParagraph(element, document)
            text = clean_text(para.text)
            if text:
                blocks.append(TextBlock(text, ordinal, ordinal, heading=_heading_level(para), bold=_all_bold(para)))
        elif element.tag == _TBL:
            rows = _table_rows(DocxTable(element, document))
            if rows:
                spans = [(ordinal + k + 1, ordinal + k + 1) for k in range(len(rows))]
                ordinal += len(rows)
                blocks.append(TableBlock(rows, spans))
    return Source(blocks=blocks, title_hint=title, byline_hint=author)


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]


def _body_children(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_children(content)
        else:
            yield child


def _heading_level(para: DocxParagraph) -> int | None:
    try:
        name = (para.style.name or "").lower() if para.style is not None else ""
    except (KeyError, ValueError):
        return None
    if name in _HEADING_STYLES:
        return _HEADING_STYLES[name]
    for prefix in ("heading ", "标题 ", "标题"):
        if name.startswith(prefix) and name[len(prefix):].strip().isdigit():
            return int(name[len(prefix):].strip())
    return None


def _all_bold(para: DocxParagraph) -> bool:
    runs = [r for r in para.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _table_rows(table: DocxTable) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in table._tbl.tr_lst:
        # Charged before the row is built: a cell may claim to span a million columns.
        limits.charge_cells(tr.grid_before + sum(max(1, tc.grid_span) for tc in tr.tc_lst))
        cells: list[str] = [""] * tr.grid_before  # a row may start after the first column
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            continued = tc.vMerge == "continue"
            cells.append("" if continued else clean_cell(_Cell(tc, table).text))
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return rows
