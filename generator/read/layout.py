"""Tables laid out with spaces in plain text (PDF text exports) -> a TableBlock.

``pdftotext -layout`` (and many hand-typed text files) lay a table out as one
row per line, cells separated by runs of two or more spaces, by full-width
spaces or by tabs, columns aligned by position. :func:`layout_table` reads
such a run of lines starting at a given line:

* a line with three cells or more opens the table; lines with two or more
  short cells are rows;
* an indented line without figures that has fewer cells than the row above
  continues that row: a header split over two lines (``2024年`` / ``目标``),
  a name wrapped onto the next line; its cells are joined to the cells above;
* a single short unindented line followed by a row is a category row
  (``一、经济发展``);
* anything else (a blank line, a sentence, a note) ends the table.

A row with a cell for every column is read in order; a shorter one is placed
by position, each cell in the column whose start is nearest (display width:
a CJK character takes two columns). The run is a table only when at least two
of its rows have three cells or more.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.read import limits
from generator.read.blocks import TableBlock, clean_cell

MIN_CELLS = 3  # cells of the opening row (and of at least MIN_WIDE_ROWS rows)
MIN_WIDE_ROWS = 2
MAX_CELL_CHARS = 40  # a longer "cell" is prose
MAX_CATEGORY_CHARS = 24
# A cell: non-blank text in which single ASCII spaces may occur ("PM2.5 平均浓度");
# two spaces, a tab or a full-width space end it (\s covers U+3000).
_CELL = re.compile(r"\S+(?: \S+)*")
_SENTENCE_END = ("。", "；", "！", "？")
_FIGURE = re.compile(r"\d")
_YEAR = re.compile(r"\d{4}\s*年")


@dataclass
class _Line:
    cells: list[tuple[int, str]]  # (display column of the cell's start, text)
    indented: bool
    text: str

    @property
    def figures(self) -> bool:
        """Does a cell hold a figure (not just a year of a header)?"""
        return any(_FIGURE.search(_YEAR.sub("", t)) for _, t in self.cells)

    @property
    def short(self) -> bool:
        return all(len(t) <= MAX_CELL_CHARS for _, t in self.cells)


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _parse(line: str) -> _Line:
    cells: list[tuple[int, str]] = []
    column, last = 0, 0
    for m in _CELL.finditer(line):
        column += sum(_width(ch) for ch in line[last:m.start()])
        cells.append((column, m.group()))
        column += sum(_width(ch) for ch in m.group())
        last = m.end()
    return _Line(cells, bool(line) and line[0].isspace(), line.strip())


def _opens(line: _Line) -> bool:
    return len(line.cells) >= MIN_CELLS and line.short


def _row(line: _Line) -> bool:
    return len(line.cells) >= 2 and line.short


def _category(line: _Line) -> bool:
    return (
        len(line.cells) == 1 and not line.indented
        and len(line.text) <= MAX_CATEGORY_CHARS and not line.text.endswith(_SENTENCE_END)
    )


def layout_table(lines: list[str], i: int) -> tuple[TableBlock, int] | None:
    """The space-aligned table starting at ``lines[i]`` and the index after it, or None."""
    line = lines[i]
    if not (" " in line.strip() or "\u3000" in line.strip()):  # cheap test: no separator at all
        return None
    first = _parse(line)
    if not _opens(first):
        return None
    rows: list[list[_Line]] = [[first]]  # each row: its line, then continuation lines
    spans = [(i + 1, i + 1)]
    j = i + 1
    while j < len(lines):
        current = _parse(lines[j])
        if not current.cells:
            break
        above = rows[-1][0]
        if current.indented and not current.figures and current.short and len(current.cells) < len(above.cells):
            rows[-1].append(current)
            spans[-1] = (spans[-1][0], j + 1)
        elif _row(current):
            rows.append([current])
            spans.append((j + 1, j + 1))
        elif _category(current) and j + 1 < len(lines) and _row(_parse(lines[j + 1])):
            rows.append([current])
            spans.append((j + 1, j + 1))
        else:
            break
        j += 1
    if sum(1 for row in rows if len(row[0].cells) >= MIN_CELLS) < MIN_WIDE_ROWS:
        return None
    limits.charge_cells(len(rows) * max(len(row[0].cells) for row in rows), spans[-1][1])
    return TableBlock(_grid(rows), spans), j


def _grid(rows: list[list[_Line]]) -> list[list[str]]:
    width = max(len(row[0].cells) for row in rows)
    starts = [c for c, _ in next(row[0].cells for row in rows if len(row[0].cells) == width)]
    grid: list[list[str]] = []
    for row in rows:
        head, *more = row
        cells = [""] * width
        for k, text in _place(head.cells, starts):
            cells[k] = text
        for extra in more:
            for k, text in _place(extra.cells, starts):
                cells[k] = f"{cells[k]}\n{text}" if cells[k] else text
        grid.append([clean_cell(c) for c in cells])
    return grid


def _place(cells: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str]]:
    """Column index of each cell: in order for a full row, else the nearest free column start."""
    if len(cells) == len(starts):
        return [(k, text) for k, (_, text) in enumerate(cells)]
    placed: list[tuple[int, str]] = []
    lowest = 0
    for n, (column, text) in enumerate(cells):
        highest = len(starts) - (len(cells) - n)  # leave a column for each cell still to place
        candidates = range(lowest, max(lowest, highest) + 1)
        k = min(candidates, key=lambda c: (abs(starts[c] - column), c))
        placed.append((k, text))
        lowest = k + 1
    return placed
