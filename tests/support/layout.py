"""How the pages of a printed brief are filled: where each page's text ends and what its last line is.

Read from the PDF with pdfplumber (independent of the engine that printed
it): a page that ends far above its foot, or ends with a heading whose text
is on the next page, is what a reader sees as a layout fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 22, 20  # templates/brief.css @page
MM = 72 / 25.4
HEADING_PT = 10.4  # h3 and larger (body text is 10 pt serif or smaller)


@dataclass(frozen=True)
class PageEnd:
    page: int  # 1-based
    empty: float  # share of the text area left empty below the last line
    last: str  # the last line's text
    heading: bool  # the last line is set as a heading (size, accent colour of headings)
    next_starts_block: bool  # the next page opens with a block title (h2): a part break


def page_ends(pdf: Path, accent: tuple[float, ...]) -> list[PageEnd]:
    """Every page but the last: how empty its foot is and whether a heading is stranded there."""
    ends: list[PageEnd] = []
    with pdfplumber.open(pdf) as doc:
        bodies = []
        for page in doc.pages:
            top, bottom = MARGIN_TOP_MM * MM, page.height - MARGIN_BOTTOM_MM * MM
            lines = [ln for ln in page.extract_text_lines(return_chars=True) if top - 1 <= ln["top"] and
                     ln["bottom"] <= bottom + 1]
            bodies.append((lines, top, bottom))
        for number, (lines, top, bottom) in enumerate(bodies[:-1], start=1):
            if not lines:
                ends.append(PageEnd(number, 1.0, "", False, False))
                continue
            last = lines[-1]
            following = bodies[number][0]
            ends.append(PageEnd(number, (bottom - last["bottom"]) / (bottom - top), last["text"],
                                _is_heading(last, accent), bool(following) and _is_block_title(following[0], accent)))
    return ends


def _colour(line: dict) -> tuple[float, ...]:
    return tuple(round(float(x), 2) for x in (line["chars"][0].get("non_stroking_color") or ()))


def _is_heading(line: dict, accent: tuple[float, ...]) -> bool:
    return line["chars"][0]["size"] >= HEADING_PT and _colour(line) == accent


def _is_block_title(line: dict, accent: tuple[float, ...]) -> bool:
    return line["chars"][0]["size"] >= 13 and _colour(line) == accent
