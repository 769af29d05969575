"""Plain text -> blocks.

Each non-blank line is a paragraph. Tables come in two exported shapes:

* one cell per line, each cell line led by a tab (a line holding only the
  tab is an empty cell); a line without the tab continues the cell above
  (``2030年`` / ``预期目标``); rows are separated by blank lines — the
  seed's shape;
* one row per line with tab-separated cells;
* a table copied out of a PDF (``pdftotext -layout``, or typed with spaces):
  one row per line, cells separated by runs of spaces or by full-width
  spaces, columns aligned by position (:mod:`generator.read.layout`).

A run of tab rows is a table only if at least half of its rows (and at
least two) have two cells or more; otherwise it is tab-indented prose and
each row becomes one paragraph.

Page numbers of a PDF export (``－ 3 －``, ``第3页``) are dropped.
"""

from __future__ import annotations

import re

from generator.read import limits
from generator.read.blocks import Block, Source, TableBlock, TextBlock, clean_cell, clean_text
from generator.read.layout import layout_table

# A line holding only a page number: "－ 3 －", "- 12 -", "第3页", "第 3 页 共 12 页", "3/12".
_PAGE_NUMBER = re.compile(
    r"^[\s\-－—–]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*(?:/|共)\s*\d{1,4}\s*页?)?[\s\-－—–]*$"
)


def _blank(line: str) -> bool:
    return not line.strip() and not line.startswith("\t")


def _row_start(line: str) -> bool:
    return line.startswith("\t") or "\t" in line.strip()


def parse_txt(text: str) -> Source:
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _blank(line):
            i += 1
        elif _row_start(line):
            i = _table(lines, i, blocks)
        elif _PAGE_NUMBER.match(line):
            i += 1
        elif (found := layout_table(lines, i)) is not None:
            table, i = found
            blocks.append(table)
        else:
            blocks.append(TextBlock(clean_text(line), i + 1, i + 1))
            i += 1
    return Source(blocks=[b for b in blocks if not isinstance(b, TextBlock) or b.text])


def _row(lines: list[str], i: int) -> tuple[list[str], int, int]:
    """The row starting at line index ``i``: (raw cells, last line index, next index)."""
    line = lines[i]
    if not _cell_line(line):  # one row per line, tab-separated (a leading tab is indentation)
        return line.strip(" \u3000").removeprefix("\t").split("\t"), i, i + 1
    cells: list[str] = []
    start = i
    while i < len(lines) and not _blank(lines[i]):
        line = lines[i]
        if _cell_line(line):
            cells.append(line[1:])
        elif line.startswith("\t"):  # a tab-separated row right after: not this row's
            break
        else:
            cells[-1] += "\n" + line
        i += 1
    return cells, max(start, i - 1), i


def _cell_line(line: str) -> bool:
    """A cell of the one-cell-per-line shape: a single leading tab."""
    return line.startswith("\t") and "\t" not in line[1:]


def _table(lines: list[str], i: int, blocks: list[Block]) -> int:
    rows: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    while True:
        start = i
        cells, last, i = _row(lines, i)
        rows.append([clean_cell(c) for c in cells])
        spans.append((start + 1, last + 1))
        j = i
        while j < len(lines) and _blank(lines[j]):
            j += 1
        if j < len(lines) and _row_start(lines[j]):
            i = j
        else:
            break
    wide = sum(1 for r in rows if len(r) >= 2)
    if wide >= 2 and 2 * wide >= len(rows):
        limits.charge_cells(sum(len(r) for r in rows), spans[-1][1])
        blocks.append(TableBlock(rows, spans))
    else:  # tab-indented prose
        for row, (first, end) in zip(rows, spans):
            blocks.append(TextBlock(clean_text(" ".join(row)), first, end))
    return i
