"""The seed's PDF briefs read alike in every engine: Poppler, MuPDF and Ghostscript.

Noto CJK faces are CID-keyed CFF fonts; in the PDF they are CIDFontType0 with
Identity-H, where the code drawn is a CID and spec-following engines (MuPDF,
Ghostscript, pdf.js) find the glyph through the CFF charset, while Poppler
falls back to glyph ids. A subset whose charset kept the original CIDs looks
right in Poppler and shows blanks or boxes elsewhere. Two checks:

- structural: every code drawn in a CIDFontType0 font is the CID of a glyph of
  the embedded charset (glyph ``cidNNNNN`` at glyph id NNNNN), its ToUnicode
  gives the character, and that glyph's outline is the installed face's glyph
  for the character;
- visual: every page rendered by the three engines, compared tile by tile
  (correlation of slightly blurred grey images), so blanks and boxes show
  as tiles that do not match.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageFilter

from generator.render.fonts import FACES, system_font
from tests.support.pdf_content import drawn, to_unicode

ENGINES = {"poppler": "pdftoppm", "mupdf": "mutool", "ghostscript": "gs"}
PACKAGES = {"poppler": "poppler-utils", "mupdf": "mupdf-tools", "ghostscript": "ghostscript"}
DPI = 72
TILE = 16  # pixels (about 5.6 mm): a few glyphs of body text
BLUR = 1.0  # pixels: engines place glyph edges a fraction of a pixel apart
INKED = 0.05  # a tile takes part when its grey levels vary this much (text, rules, shapes)
MATCH = 0.7  # tiles of two engines correlated below this do not show the same thing
ALLOWED = 0.02  # share of a page's tiles that may differ (anti-aliasing of hairlines)


def _engine(name: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(ENGINES[name]) is None,
                              reason=f"{PACKAGES[name]} not installed (tools/system-deps.sh test installs it)")


def _program(font: pikepdf.Dictionary) -> tuple[str, bytes]:
    descendant = font.DescendantFonts[0]
    descriptor = descendant.FontDescriptor
    for key in ("/FontFile3", "/FontFile2", "/FontFile"):
        if key in descriptor:
            return key, descriptor[key].read_bytes()
    raise AssertionError(f"{font.BaseFont} is not embedded")


@lru_cache(maxsize=None)
def _installed(family: str) -> TTFont:
    path, index = system_font(family)
    return TTFont(path, fontNumber=index, lazy=True)


def _installed_face(base_font: str) -> TTFont:
    """The installed face behind an embedded ``TAG+Brief-Sans``: through the page's @font-face families."""
    name = base_font.lstrip("/").split("+", 1)[-1].replace("-", " ")
    [face] = [f for f in FACES if f.family == name]
    return _installed(face.system)


def _outline(font: TTFont, glyph: str) -> tuple[list, int]:
    pen = RecordingPen()
    glyph_set = font.getGlyphSet()
    glyph_set[glyph].draw(pen)
    return pen.value, glyph_set[glyph].width


def cid_problems(pdf_path: Path) -> tuple[Counter, list[str]]:
    """(codes drawn per CIDFontType0 font, problems): codes that are not the CID of the glyph meant."""
    problems: list[str] = []
    counts: Counter = Counter()
    with pikepdf.open(pdf_path) as pdf:
        by_font: dict[tuple[int, int], tuple[pikepdf.Dictionary, set[int]]] = {}
        for glyph in drawn(pdf):
            if glyph.font.DescendantFonts[0].Subtype != pikepdf.Name.CIDFontType0:
                continue
            by_font.setdefault(glyph.font.objgen, (glyph.font, set()))[1].add(glyph.code)
        for font, codes in by_font.values():
            base = str(font.BaseFont)
            counts[base] += len(codes)
            _kind, program = _program(font)
            embedded = TTFont(io.BytesIO(program))
            order = embedded.getGlyphOrder()
            unicode = to_unicode(font)
            installed = _installed_face(base)
            cmap = installed.getBestCmap()
            for code in sorted(codes):
                if code == 0 or code >= len(order) or order[code] != f"cid{code:05d}":
                    problems.append(f"{base}: code {code} draws glyph "
                                    f"{order[code] if code < len(order) else 'none'}, not CID {code}")
                    continue
                text = unicode.get(code)
                if not text:
                    problems.append(f"{base}: code {code} has no ToUnicode")
                    continue
                if len(text) == 1 and ord(text) in cmap:
                    if _outline(embedded, order[code]) != _outline(installed, cmap[ord(text)]):
                        problems.append(f"{base}: CID {code} is not the glyph of {text!r} (U+{ord(text):04X})")
    return counts, problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_code_drawn_is_the_cid_of_the_glyph_meant(seed_pdfs, lang):
    counts, problems = cid_problems(seed_pdfs[lang])
    assert len(counts) == 2, counts  # Brief Serif and Brief Sans
    assert all(n > 30 for n in counts.values()), counts
    assert problems == [], f"{len(problems)} wrong glyphs, e.g. {problems[:5]}"


def test_one_subset_name_means_one_font(seed_pdfs):
    """Across the project's PDFs a subset name (``ABCDEF+Name``) never stands for two different font programs."""
    programs: dict[str, set[str]] = {}
    for path in seed_pdfs.values():
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == pikepdf.Name.Type0:
                    _kind, program = _program(obj)
                    digest = hashlib.sha256(program).hexdigest()
                    programs.setdefault(str(obj.BaseFont), set()).add(digest)
                    assert str(obj.DescendantFonts[0].BaseFont) == str(obj.BaseFont)
                    assert str(obj.DescendantFonts[0].FontDescriptor.FontName) == str(obj.BaseFont)
    assert len(programs) >= 4  # the CJK faces differ between the two briefs
    assert {name: len(d) for name, d in programs.items() if len(d) > 1} == {}


# ---------------------------------------------------------------- what the engines draw

def _render(pdf: Path, engine: str, out: Path) -> list[Image.Image]:
    out.mkdir(parents=True, exist_ok=True)
    if engine == "poppler":
        cmd = ["pdftoppm", "-gray", "-png", "-r", str(DPI), str(pdf), str(out / "page")]
    elif engine == "mupdf":
        cmd = ["mutool", "draw", "-q", "-r", str(DPI), "-c", "gray", "-o", str(out / "page-%d.png"), str(pdf)]
    else:
        cmd = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray", f"-r{DPI}",
               "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", "-o", str(out / "page-%d.png"), str(pdf)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    pages = sorted(out.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(p).convert("L") for p in pages]


def _tiles(image: Image.Image, shape: tuple[int, int]) -> np.ndarray:
    ink = 1 - np.asarray(image.filter(ImageFilter.GaussianBlur(BLUR)), dtype=float)[:shape[0], :shape[1]] / 255
    h, w = (shape[0] // TILE) * TILE, (shape[1] // TILE) * TILE
    return ink[:h, :w].reshape(h // TILE, TILE, w // TILE, TILE).transpose(0, 2, 1, 3).reshape(-1, TILE * TILE)


def differing_tiles(a: Image.Image, b: Image.Image) -> float:
    """Share of the inked tiles of two renders of a page that do not show the same thing."""
    shape = (min(a.height, b.height), min(a.width, b.width))
    x, y = _tiles(a, shape), _tiles(b, shape)
    inked = (x.std(axis=1) > INKED) | (y.std(axis=1) > INKED)
    x = x[inked] - x[inked].mean(axis=1, keepdims=True)
    y = y[inked] - y[inked].mean(axis=1, keepdims=True)
    norm = np.sqrt((x * x).sum(axis=1) * (y * y).sum(axis=1))
    correlation = np.where(norm > 1e-9, (x * y).sum(axis=1) / np.where(norm > 1e-9, norm, 1), 0.0)
    return float((correlation < MATCH).mean()) if len(correlation) else 0.0


def engine_differences(pdf: Path, work: Path) -> dict[tuple[str, str, int], float]:
    """For each pair of engines and each page (1-based): the share of tiles that differ."""
    renders = {engine: _render(pdf, engine, work / engine) for engine in ENGINES}
    counts = {engine: len(pages) for engine, pages in renders.items()}
    assert len(set(counts.values())) == 1, counts
    out = {}
    names = list(ENGINES)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            for page, (a, b) in enumerate(zip(renders[first], renders[second]), start=1):
                out[(first, second, page)] = differing_tiles(a, b)
    return out


@_engine("poppler")
@_engine("mupdf")
@_engine("ghostscript")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_three_engines_draw_the_same_pages(seed_pdfs, lang, tmp_path):
    differences = engine_differences(seed_pdfs[lang], tmp_path)
    assert len(differences) >= 3 * 10
    bad = {key: round(share, 3) for key, share in differences.items() if share > ALLOWED}
    assert bad == {}, f"pages whose renders differ (engines, page): {bad}"
