"""The common intermediate every format reader produces: a list of blocks.

A :class:`TextBlock` is one paragraph (with the layout hints some formats
carry: heading level, bold, quote); a :class:`TableBlock` is a grid of cell
strings with the source lines of each row. :class:`Source` is the whole
file as blocks plus document-level hints (title, byline, publication date
and address from HTML ``<meta>`` or Markdown front matter). ``read.structure`` turns a Source into a Document,
so every format gets the same structure rules.

Text is cleaned the same way in every format (:func:`clean_text`,
:func:`clean_cell`) so that a report gives the same model whatever it was
saved as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# CJK ideographs, CJK punctuation and full-width forms: between two of these a
# space is layout (justification, "指    标    名    称"), not content.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…"
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]+")
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# In a table cell a space beside a CJK character is layout too: "3&nbsp;左右", "5.5 %".
_CELL_GAP = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}%％])")


@dataclass
class TextBlock:
    """One paragraph; ``line``..``end`` are 1-based source lines (or block ordinals)."""

    text: str
    line: int
    end: int
    heading: int | None = None  # h1..h6 / "# " / Word "Heading n" level
    bold: bool = False  # the whole paragraph is bold
    quote: bool = False  # a Markdown "> " line (bylines)


@dataclass
class TableBlock:
    """A grid of cleaned cell strings; ``spans[i]`` are the lines of row ``i``."""

    rows: list[list[str]]
    spans: list[tuple[int, int]]

    @property
    def line(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


Block = TextBlock | TableBlock


@dataclass
class Source:
    """A file as blocks, with hints only some formats carry."""

    blocks: list[Block] = field(default_factory=list)
    title_hint: str | None = None  # <title>, front matter ``title:``
    byline_hint: str | None = None  # <meta name="author">, front matter ``author:``
    date_hint: str | None = None  # publication date: front matter ``date:``, <meta name="PubDate">
    url_hint: str | None = None  # the page's own address: front matter ``source_url:``, <link rel=canonical>


def clean_text(text: str) -> str:
    """One paragraph's text: spaces collapsed, none between CJK characters, trimmed."""
    text = _SPACES.sub(" ", text.replace("\n", " "))
    return _CJK_GAP.sub("", text).strip()


def clean_cell(text: str) -> str:
    """A table cell: its lines joined, then as :func:`clean_text`, with no space beside CJK."""
    lines = [clean_text(part) for part in text.split("\n")]
    out = ""
    for part in lines:
        if not part:
            continue
        if out and not (_CJK_CHAR.match(out[-1]) or _CJK_CHAR.match(part[0])):
            out += " "
        out += part
    return _CELL_GAP.sub("", out)
