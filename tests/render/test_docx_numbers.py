"""The seed's DOCX briefs as LibreOffice lays them out: no number is broken across two lines.

Both DOCX files are converted to PDF with LibreOffice and read back with
``pdftotext -layout``, which keeps each table cell's lines in their columns.
A number broken across lines shows as a line whose fragment ends in a digit,
'.', ',' or '—' with, on the very next line and in the same columns, a
fragment starting with a digit or '%' ("同口径—2." over "5", "CNY 10,00" over
"0"); in running text, the line's last fragment and the next line's first
("增长 17." then "2%。"). Such a pair is reported only when the two lines' phrases joined there
(a phrase: words set one space apart; cells lie further apart) are part of
the text of one table cell (or paragraph) of the DOCX, so the first line of the next table
row ("2.6" over "4") or of a neighbouring cell is never mistaken for a
broken number.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx

needs_tools = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                 reason="LibreOffice or poppler-utils not installed")

LANGS = ("zh", "en")
FRAGMENT = re.compile(r"\S+")
PHRASE = re.compile(r"\S+(?: \S+)*")  # words one space apart: one cell's line
COLUMN_SLACK = 3  # layout columns a cell's lines may drift (right-aligned numbers, wide CJK characters)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)  # \s includes the no-break space


def block_texts(docx: Path) -> list[str]:
    """The text of every table cell and body paragraph of ``docx``."""
    doc = open_docx(str(docx))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return [t for t in set(texts) if t.strip()]


def _breaks(text: str) -> tuple[str, set[int]]:
    """``text`` without white space, and the positions in it where a breaking space stood."""
    out, spaces = [], set()
    for ch in text:
        if ch in " \t\n\r\u3000":
            spaces.add(len(out))
        elif not ch.isspace():  # a no-break space joins
            out.append(ch)
    return "".join(out), spaces


def broken_numbers(layout: str, blocks: list[str]) -> list[str]:
    """Numbers of ``blocks`` (cell and paragraph texts) that ``layout`` (``pdftotext -layout``) breaks across lines.

    A pair of fragments counts when the two phrases joined occur in one block
    with no breaking space at the join: "87," then "91," is a break the
    text allows ("87, 91"), "10,00" then "0" is not.
    """
    squashed = [_breaks(b) for b in blocks]
    found = []
    lines = layout.splitlines()
    for upper, lower in zip(lines, lines[1:]):
        if not upper.strip() or not lower.strip():
            continue  # a blank line: the next row or the next block, not the same cell
        ends = [m for m in FRAGMENT.finditer(upper) if re.search(r"[\d.,—]$", m.group())]
        starts = [m for m in FRAGMENT.finditer(lower) if re.match(r"[\d%]", m.group())]
        last = list(FRAGMENT.finditer(upper))[-1]
        first = next(FRAGMENT.finditer(lower))
        for a in ends:
            for b in starts:
                wrapped = a.start() == last.start() and b.start() == first.start()  # prose: end of line to start
                if not wrapped and (b.start() > a.end() + COLUMN_SLACK or b.end() < a.start() - COLUMN_SLACK):
                    continue  # another column
                left = next(p for p in PHRASE.finditer(upper) if p.start() <= a.start() < p.end())
                right = next(p for p in PHRASE.finditer(lower) if p.start() <= b.start() < p.end())
                head, tail = _squash(upper[left.start():a.end()]), _squash(lower[b.start():right.end()])
                if any(_joined_without_space(text, spaces, head, tail) for text, spaces in squashed):
                    found.append(f"{a.group()} | {b.group()}")
    return found


def _joined_without_space(text: str, spaces: set[int], head: str, tail: str) -> bool:
    at = text.find(head + tail)
    while at >= 0:
        if at + len(head) not in spaces:
            return True
        at = text.find(head + tail, at + 1)
    return False


def test_the_check_finds_a_broken_number_and_ignores_the_next_row():
    layout = ("19   一般公共预算收入增速   %   3左右    同口径—2. ✘ 未达成\n"
              "                                     5\n"
              "\n"
              " 1   GDP growth     %    about 5.5%      2.6%\n"
              " 2   farm output    %    about 4%        4%\n")
    cells = ["同口径—2.5", "2.6%", "4%", "about 5.5%"]
    assert broken_numbers(layout, cells) == ["同口径—2. | 5"]
    prose = "招商引资项目全年到位资金 4220 亿元、增长 17.\n2%。市场主体总量达 341.6 万户。\n"
    assert broken_numbers(prose, ["招商引资项目全年到位资金4220亿元、增长17.2%。市场主体总量达341.6万户。"]) == ["17. | 2%。市场主体总量达"]
    listing = "Information   22 figures agree.      lines 17, 47, 87,\n                                     91, 97\n"
    assert broken_numbers(listing, ["lines 17, 47, 87, 91, 97"]) == []
    assert broken_numbers(listing, ["lines 17, 47, 87,91, 97"]) == ["87, | 91,"]


@pytest.fixture(scope="module")
def converted(seed_docx_pdfs) -> dict[str, tuple[Path, str]]:
    """Each seed DOCX as the build writes it and the text of LibreOffice's PDF of it, laid out."""
    result = {}
    for lang, (docx, pdf) in seed_docx_pdfs.items():
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True, timeout=60).stdout
        result[lang] = (docx, text)
    return result


@needs_tools
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_breaks_no_number_across_lines(converted, lang):
    docx, layout = converted[lang]
    blocks = block_texts(docx)
    assert len(blocks) > 100  # the tables and paragraphs were read
    assert broken_numbers(layout, blocks) == []
