"""Page fonts of a brief: the CJK faces, subset to the characters the brief uses.

WeasyPrint 70 subsets the fonts it embeds with HarfBuzz, but keeps the glyph
ids (``HB_SUBSET_FLAGS_RETAIN_GIDS``: its content streams address glyphs by
their id in the original file). In the pan-CJK Noto collections the
Simplified Chinese glyphs sit near the end of a 65,000-glyph table, so every
embedded face dragged along ~63,000 empty glyph slots (``hmtx``, ``vmtx``,
CFF index) — about 110 KB per face, compressed. Subsetting here first (with
uharfbuzz, to every character of the page, its stylesheet and its charts)
numbers the glyphs compactly, and WeasyPrint's own subset of that file keeps
nothing superfluous. The files land in the brief's ``assets/fonts`` and the
page declares them through :func:`font_faces` (with ``local()`` fallbacks).

The faces are CID-keyed CFF. In the PDF they become CIDFontType0 fonts with
Identity-H encoding: the two-byte code WeasyPrint draws is the glyph id, and
viewers that follow the spec (MuPDF, pdf.js, Ghostscript) read it as a CID
and find the glyph through the CFF charset. HarfBuzz renumbers the glyphs of
the subset but keeps their original CIDs in the charset, so those viewers
would draw the wrong glyph or none; :func:`identity_cids` rewrites the
charset of every subset so that each glyph's CID is its glyph id again.
"""

from __future__ import annotations

import html
import io
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from generator.errors import TemplateError
from generator.render.atomic import write_bytes

FONT_DIR = "fonts"


@dataclass(frozen=True)
class PageFace:
    family: str  # the name the stylesheet uses
    system: str  # the installed family (fontconfig name), Regular style
    stem: str  # file stem of the subset written into assets/fonts
    subset: bool = True  # False: embedded as installed (small Latin/symbol faces)


# One weight per family on purpose (see templates/brief.css).
FACES: tuple[PageFace, ...] = (
    PageFace("Brief Serif", "Noto Serif CJK SC", "brief-serif"),
    PageFace("Brief Sans", "Noto Sans CJK SC", "brief-sans"),
    PageFace("Brief Symbols", "DejaVu Sans", "brief-symbols", subset=False),
)

# Layout features kept in the subset: those HarfBuzz applies to horizontal
# text by default. Not 'locl': its closure would pull in the Japanese, Korean
# and Traditional forms of every character (the SC face's cmap already maps to
# the Simplified forms), doubling the glyph count.
LAYOUT_FEATURES = ("ccmp", "liga", "clig", "calt", "kern", "mark", "mkmk", "rlig")

# Characters always kept: what WeasyPrint may draw that no text of the page
# holds (page counters, list markers, hyphens, ellipsis).
ALWAYS = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("•–—…‐\u00a0")


@dataclass(frozen=True)
class FontFace:
    """One ``@font-face`` rule of the page: a family and its sources in order."""

    family: str
    url: str  # relative to the HTML file; "" when only local() applies
    local: tuple[str, ...]


@lru_cache(maxsize=None)
def system_font(family: str) -> tuple[Path, int]:
    """The installed file and collection index of ``family`` (Regular), via fontconfig."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\n%{file}\n%{index}", f"{family}:style=Regular"],
                             capture_output=True, text=True, check=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise TemplateError(f"cannot locate font {family!r} with fc-match: {exc}") from exc
    names, path, index = (out.split("\n") + ["", "", ""])[:3]
    if family not in names.split(","):
        raise TemplateError(f"font {family!r} is not installed (fc-match gave {names or 'nothing'}); "
                            "run tools/system-deps.sh")
    return Path(path), int(index or 0)


def page_characters(texts: Iterable[str]) -> set[str]:
    """Every character the page can draw: its texts (entities decoded), both cases, and :data:`ALWAYS`."""
    chars: set[str] = set(ALWAYS)
    for text in texts:
        chars.update(html.unescape(text))
    chars |= {c.upper() for c in chars if len(c.upper()) == 1} | {c.lower() for c in chars if len(c.lower()) == 1}
    return {c for c in chars if c >= " "}


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def subset_font(path: Path, index: int, chars: set[str]) -> bytes:
    """The face ``index`` of ``path`` cut down to ``chars`` (hinting dropped, glyphs renumbered)."""
    import uharfbuzz as hb

    try:
        face = hb.Face(hb.Blob.from_file_path(str(path)), index)
    except (OSError, ValueError) as exc:
        raise TemplateError(f"cannot read font: {exc}", path) from exc
    request = hb.SubsetInput()
    for ch in sorted(chars):
        request.unicode_set.add(ord(ch))
    features = request.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG)
    features.clear()
    for name in LAYOUT_FEATURES:
        features.add(_tag(name))
    request.flags = hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING
    result = hb.subset(face, request)
    if result is None or not result.blob.data:
        raise TemplateError("HarfBuzz could not subset the font", path)
    return identity_cids(bytes(result.blob.data))


def identity_cids(font: bytes) -> bytes:
    """``font`` with the CFF charset rewritten so that every glyph's CID equals its glyph id.

    Only the charset of the ``CFF `` table changes: every other table
    addresses glyphs by id and is copied byte for byte (fontTools compiles
    only the tables that were loaded). A font without a CID-keyed CFF table
    is returned unchanged.
    """
    from fontTools.ttLib import TTFont, TTLibError

    try:
        ttf = TTFont(io.BytesIO(font), recalcBBoxes=False, recalcTimestamp=False)
        if "CFF " not in ttf:
            return font
        top = ttf["CFF "].cff.topDictIndex[0]
        if not hasattr(top, "ROS"):  # name-keyed CFF: codes are glyph ids by nature
            return font
        names = [".notdef"] + [f"cid{gid:05d}" for gid in range(1, len(top.charset))]
        if names == list(top.charset):
            return font
        top.CharStrings.charStrings = {name: gid for gid, name in enumerate(names)}
        top.charset = names
        top.CIDCount = len(names)
        ttf.setGlyphOrder(names)
        out = io.BytesIO()
        ttf.save(out)
    except (TTLibError, AssertionError, KeyError, ValueError) as exc:
        raise TemplateError(f"cannot renumber the CIDs of a subset font: {exc}") from exc
    return out.getvalue()


def font_faces(lang: str, subset: bool = True) -> tuple[FontFace, ...]:
    """The page's ``@font-face`` rules; ``subset`` points the CJK faces at the files of :func:`write_page_fonts`."""
    return tuple(FontFace(f.family, f"assets/{FONT_DIR}/{f.stem}.{lang}.otf" if subset and f.subset else "",
                          (f.system,)) for f in FACES)


def write_page_fonts(assets: Path, lang: str, texts: Iterable[str]) -> list[Path]:
    """Write the subset CJK faces of a ``lang`` page drawing ``texts`` into ``assets/fonts``."""
    chars = page_characters(texts)
    (assets / FONT_DIR).mkdir(parents=True, exist_ok=True)
    written = []
    for face in FACES:
        if not face.subset:
            continue
        path, index = system_font(face.system)
        written.append(write_bytes(assets / FONT_DIR / f"{face.stem}.{lang}.otf", subset_font(path, index, chars)))
    return written
