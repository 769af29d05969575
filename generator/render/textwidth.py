"""How wide a text sets in the table font, and where it may break: for DOCX column widths.

Widths are the sum of the glyph advances of the installed Noto Sans CJK SC
(the DOCX table font, see ``tools/make_reference_docx.py``), read once per
character with HarfBuzz; kerning is ignored (a few per cent at most, covered
by the renderer's slack). :func:`chunks` splits a text where a line may
break without splitting a number: at spaces (not no-break spaces), and
between Chinese characters, never inside a number with its sign and %.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.render.fonts import system_font

TABLE_FONT = "Noto Sans CJK SC"
FALLBACK_EM = 1.0  # a character the font lacks: counted as wide

# A number with its attached sign and per cent: "−8.4", "—2.5", "10,000", "17.2%", "1.8:1".
NUMBER = re.compile(r"[+\-−–—]?\d(?:[\d.,:]*\d)?%?")
# Where a line may break: a number, a run of other non-space non-CJK characters, or one CJK character.
_CHUNK = re.compile(NUMBER.pattern + r"|[^ \t\n\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|[^ \t\n]")


@lru_cache(maxsize=1)
def _font():
    import uharfbuzz as hb

    path, index = system_font(TABLE_FONT)
    face = hb.Face(hb.Blob.from_file_path(str(path)), index)
    return hb.Font(face), face.upem


@lru_cache(maxsize=4096)
def _advance(ch: str) -> float:
    font, upem = _font()
    glyph = font.get_nominal_glyph(ord(ch))
    return FALLBACK_EM if glyph is None else font.get_glyph_h_advance(glyph) / upem


def text_width(text: str, size_pt: float) -> float:
    """The width of ``text`` on one line at ``size_pt``, in points."""
    return sum(_advance(ch) for ch in text) * size_pt


def chunks(text: str) -> list[str]:
    """The pieces of ``text`` between which a line may break (numbers whole)."""
    return _CHUNK.findall(text)


def min_width(text: str, size_pt: float) -> float:
    """The narrowest width that sets ``text`` without breaking a chunk, in points."""
    return max((text_width(c, size_pt) for c in chunks(text)), default=0.0)
