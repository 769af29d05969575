"""WordprocessingML that python-docx has no API for.

Owns the raw-XML helpers of the DOCX renderer and of
``tools/make_reference_docx.py``: East Asian fonts and language tags,
repeated table header rows, rows that may not split, cell shading, table
width and column grid, simple fields (PAGE, NUMPAGES), picture alt text,
style fonts, the texts of a table's columns, and the deterministic rewrite of the saved package (fixed
timestamps, stable member order).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Callable, Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

# XML 1.0 forbids C0 controls other than tab, newline and carriage return,
# lone surrogates and U+FFFE/U+FFFF; lxml refuses them, so they are removed.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Han ideographs, CJK punctuation, full-width forms: text Word must set in the eastAsia font.
_CJK = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u31a0-\u31bf\u3400-\u4dbf"
                  "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")

# Where the rPr children go: CT_RPr is a sequence, Word rejects out-of-order children.
_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
)
_TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter",
               "cantSplit", "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")
_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd",
               "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")

# A fixed, valid ZIP timestamp (the DOS epoch) for every package member.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def strip_invalid(text: str) -> tuple[str, int]:
    """``text`` without characters XML cannot hold, and how many were removed."""
    cleaned, count = INVALID_XML_CHARS.subn("", text)
    return cleaned, count


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a character set in the East Asian font slot."""
    return _CJK.search(text) is not None


def _child(parent: etree._Element, tag: str, order: tuple[str, ...]) -> etree._Element:
    """The ``w:tag`` child of ``parent``, created in schema order when missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    element = OxmlElement(f"w:{tag}")
    rank = order.index(tag)
    for i, sibling in enumerate(parent):
        name = etree.QName(sibling).localname
        if name in order and order.index(name) > rank:
            parent.insert(i, element)
            return element
    parent.append(element)
    return element


def set_rpr_fonts(rpr: etree._Element, *, ascii: str | None = None, east_asia: str | None = None,
                  hint_east_asia: bool = False) -> None:
    """Set explicit fonts on an ``rPr`` (run or style), dropping theme-font overrides."""
    fonts = _child(rpr, "rFonts", _RPR_ORDER)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    if ascii:
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attr}"), ascii)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)
    if hint_east_asia:
        fonts.set(qn("w:hint"), "eastAsia")


def set_rpr_lang(rpr: etree._Element, *, val: str | None = None, east_asia: str | None = None) -> None:
    """Set ``w:lang`` on an ``rPr``: ``val`` for Latin text, ``east_asia`` for CJK text."""
    lang = _child(rpr, "lang", _RPR_ORDER)
    if val:
        lang.set(qn("w:val"), val)
    if east_asia:
        lang.set(qn("w:eastAsia"), east_asia)


def mark_east_asian(run: Run, font: str, lang: str) -> None:
    """Make Word set ``run`` in ``font`` and tag it as ``lang`` (e.g. "zh-CN")."""
    rpr = run._r.get_or_add_rPr()
    set_rpr_fonts(rpr, east_asia=font, hint_east_asia=True)
    set_rpr_lang(rpr, east_asia=lang)


def style_east_asia_font(style: BaseStyle | None) -> str | None:
    """The eastAsia font a style resolves to through its ``basedOn`` chain (None if unset)."""
    while style is not None:
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def default_east_asia_font(styles_element: etree._Element) -> str | None:
    """The eastAsia font of the document defaults (``w:docDefaults``)."""
    fonts = styles_element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/"
                                + qn("w:rPr") + "/" + qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def shade_run(run: Run, fill: str) -> None:
    """Give the text of ``run`` the background colour ``fill``."""
    shd = _child(run._r.get_or_add_rPr(), "shd", _RPR_ORDER)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def repeat_header(row: _Row) -> None:
    """Repeat ``row`` at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "tblHeader", _TRPR_ORDER)


def cant_split(row: _Row) -> None:
    """Keep ``row`` on one page."""
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "cantSplit", _TRPR_ORDER)


def shade_cell(cell: _Cell, fill: str) -> None:
    """Fill ``cell`` with the hex colour ``fill`` ("E6F4EA")."""
    shd = _child(cell._tc.get_or_add_tcPr(), "shd", _TCPR_ORDER)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def span_cells(cells: list[_Cell]) -> _Cell:
    """Merge the cells of one row into one and return it."""
    return cells[0].merge(cells[-1])


def set_table_grid(table: Table, widths: Iterable[int]) -> None:
    """Fix the table to full text width with the column widths ``widths`` (EMU)."""
    widths = [int(w) for w in widths]
    tbl_pr = table._tbl.tblPr
    tbl_w = _child(tbl_pr, "tblW", _TBLPR_ORDER)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(Emu(w).twips for w in widths)))
    layout = _child(tbl_pr, "tblLayout", _TBLPR_ORDER)
    layout.set(qn("w:type"), "fixed")
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.w = Emu(width)
    for tr in table._tbl.tr_lst:
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Emu(sum(widths[column:column + span]))
            column += span


def column_texts(table: Table, count: int, size_of: Callable[[str], float]) -> list[list[tuple[str, float]]]:
    """The text and font size (by paragraph style id, through ``size_of``) of every paragraph of
    each of the ``count`` columns of ``table``; cells spanning several columns are left out."""
    columns: list[list[tuple[str, float]]] = [[] for _ in range(count)]
    for tr in table._tbl.tr_lst:
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            if span == 1 and column < count:
                for p in tc.iter(qn("w:p")):
                    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
                    columns[column].append((text, size_of(style.get(qn("w:val")) if style is not None else "")))
            column += span
    return columns


def set_columns(sect_pr: etree._Element, count: int, space: Emu) -> None:
    """Lay a section (its ``w:sectPr``) out in ``count`` newspaper columns ``space`` apart."""
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        # w:cols follows the page set-up elements and precedes w:docGrid and the rest
        following = [sect_pr.find(qn(f"w:{tag}")) for tag in ("formProt", "vAlign", "noEndnote", "titlePg",
                                                                "textDirection", "bidi", "rtlGutter", "docGrid")]
        nxt = next((el for el in following if el is not None), None)
        if nxt is not None:
            nxt.addprevious(cols)
        else:
            sect_pr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(int(Emu(space).twips)))


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1",
              style: str | None = None) -> None:
    """Append a field (``PAGE``, ``NUMPAGES``) as begin / instrText / separate / result / end runs."""

    def run_with(child: etree._Element) -> None:
        run = paragraph.add_run(style=style)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder, style=style)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def set_picture_alt(run: Run, title: str, description: str) -> None:
    """Alt text of the picture in ``run``: ``wp:docPr`` title and descr (and the pic's own cNvPr)."""
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("title", title)
        doc_pr.set("descr", description)
    for nv_pr in run._r.iter(qn("pic:cNvPr")):
        nv_pr.set("descr", description)


def clear_body(document_element: etree._Element) -> None:
    """Remove every block of the body, keeping the final section properties."""
    body = document_element.find(qn("w:body"))
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a saved package with fixed timestamps and a stable member order.

    ``[Content_Types].xml`` stays first (some readers sniff it); the rest are
    sorted by name. Compression level is fixed so the bytes depend on content only.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = {info.filename: src.read(info) for info in src.infolist()}
    names = sorted(members, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, members[name], compresslevel=6)
    return out.getvalue()
