"""Generate ``templates/reference.docx``, the style source of the DOCX briefs.

Like pandoc's ``--reference-doc``: the DOCX renderer opens this file, clears
its body and lays the brief out with its styles, page set-up and settings.
Edit the file in Word or LibreOffice (change fonts, colours, spacing of the
named styles) or change the tables below and rerun:

    .venv/bin/python tools/make_reference_docx.py [OUT]

Styles the renderer uses: Title, Subtitle, Heading 1-3, Normal, List Bullet,
Caption, Header, Footer, Strong, and the brief's own: "Glance" (the
at-a-glance box), "Note" (legends, sources), "Table Text", "Table Heading",
"Table Number", "Table Source", "Glossary Gap" (a term shown in Chinese for lack of a
rendering) and the table style "Brief Table".
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.render.docx_xml import deterministic_zip, set_rpr_fonts, set_rpr_lang  # noqa: E402

DEFAULT_OUT = ROOT / "templates" / "reference.docx"

# (Latin font, East Asian font) per role. The CJK families carry a full Latin
# repertoire, so Latin text uses them too: the fonts the PDF embeds
# (templates/brief.css), installed by tools/system-deps.sh (fonts-noto-cjk),
# so LibreOffice does not fall back to another Latin face.
SERIF = ("Noto Serif CJK SC", "Noto Serif CJK SC")
SANS = ("Noto Sans CJK SC", "Noto Sans CJK SC")
INK = "1F2937"
ACCENT = "1F3864"
MUTED = "595959"


@dataclass(frozen=True)
class ParaStyle:
    name: str
    base: str | None = "Normal"
    fonts: tuple[str, str] | None = None
    size: float | None = None
    bold: bool | None = None
    color: str | None = None
    before: float | None = None  # points
    after: float | None = None
    line: float | None = None  # multiple of single spacing
    keep_next: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    next_style: str | None = None


PARAGRAPH_STYLES: tuple[ParaStyle, ...] = (
    ParaStyle("Normal", base=None, fonts=SERIF, size=10.5, color=INK, after=6, line=1.25),
    ParaStyle("Title", fonts=SANS, size=20, bold=True, color=ACCENT, before=0, after=4, line=1.1,
              keep_next=True),
    ParaStyle("Subtitle", fonts=SANS, size=11, bold=False, color=MUTED, after=10, keep_next=True),
    ParaStyle("Heading 1", fonts=SANS, size=15, bold=True, color=ACCENT, before=18, after=6,
              keep_next=True),
    ParaStyle("Heading 2", fonts=SANS, size=12.5, bold=True, color=ACCENT, before=12, after=4,
              keep_next=True),
    ParaStyle("Heading 3", fonts=SANS, size=11, bold=True, color=INK, before=8, after=3,
              keep_next=True),
    ParaStyle("List Bullet", after=2),
    ParaStyle("Caption", fonts=SANS, size=9, bold=True, color=ACCENT, before=6, after=3,
              keep_next=True),
    ParaStyle("Header", fonts=SANS, size=8.5, color=MUTED, after=0, line=1.0,
              align=WD_ALIGN_PARAGRAPH.RIGHT),
    ParaStyle("Footer", fonts=SANS, size=8.5, color=MUTED, after=0, line=1.0,
              align=WD_ALIGN_PARAGRAPH.CENTER),
    ParaStyle("Glance", after=2, line=1.2),
    ParaStyle("Note", fonts=SANS, size=8.5, color=MUTED, before=2, after=8, line=1.15),
    ParaStyle("Table Text", fonts=SANS, size=8.5, before=1, after=1, line=1.1),  # tables in sans, as in the PDF
    ParaStyle("Table Heading", base="Table Text", fonts=SANS, bold=True, keep_next=True),
    ParaStyle("Table Number", base="Table Text", align=WD_ALIGN_PARAGRAPH.RIGHT),
    ParaStyle("Table Source", base="Table Text", fonts=SANS, size=7.5, color=MUTED),
)

# Font table entries, so Word picks a like substitute where a font is missing:
# (name, family, charset) - charset 86 is GB2312 (Simplified Chinese).
# One entry per name: the first (the East Asian role) wins when a family serves both.
_FONT_ROLES = ((SERIF[1], "roman", "86"), (SANS[1], "swiss", "86"), (SERIF[0], "roman", "00"), (SANS[0], "swiss", "00"))
FONT_TABLE = tuple({name: (name, family, charset) for name, family, charset in reversed(_FONT_ROLES)}.values())

# The at-a-glance box: consecutive "Glance" paragraphs share one border and fill.
GLANCE_PPR = f"""
<w:pPr {nsdecls('w')}>
  <w:pBdr>
    <w:top w:val="single" w:sz="6" w:space="6" w:color="{ACCENT}"/>
    <w:left w:val="single" w:sz="6" w:space="6" w:color="{ACCENT}"/>
    <w:bottom w:val="single" w:sz="6" w:space="6" w:color="{ACCENT}"/>
    <w:right w:val="single" w:sz="6" w:space="6" w:color="{ACCENT}"/>
  </w:pBdr>
  <w:shd w:val="clear" w:color="auto" w:fill="EEF3F9"/>
  <w:ind w:left="170" w:right="170"/>
</w:pPr>"""

TITLE_BORDER = f"""
<w:pBdr {nsdecls('w')}>
  <w:bottom w:val="single" w:sz="8" w:space="4" w:color="{ACCENT}"/>
</w:pBdr>"""

GAP_STYLE = f"""
<w:style {nsdecls('w')} w:type="character" w:customStyle="1" w:styleId="GlossaryGap">
  <w:name w:val="Glossary Gap"/>
  <w:basedOn w:val="DefaultParagraphFont"/>
  <w:uiPriority w:val="1"/>
  <w:qFormat/>
  <w:rPr>
    <w:color w:val="9C0006"/>
    <w:u w:val="dotted" w:color="C00000"/>
    <w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/>
  </w:rPr>
</w:style>"""

TABLE_STYLE = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="BriefTable">
  <w:name w:val="Brief Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblStyleRowBandSize w:val="1"/>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="28" w:type="dxa"/>
      <w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="28" w:type="dxa"/>
      <w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tblPr/>
    <w:tcPr>
      <w:tcBorders>
        <w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
      </w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="E7ECF4"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>"""


def _style(doc: Document, spec: ParaStyle):
    styles = doc.styles
    if spec.name in [s.name for s in styles]:
        style = styles[spec.name]
    else:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:customStyle"), "1")
        style.quick_style = True
    if spec.base:
        style.base_style = styles[spec.base]
    return style


def _apply(doc: Document, spec: ParaStyle) -> None:
    style = _style(doc, spec)
    rpr = style.element.get_or_add_rPr()
    if spec.fonts:
        set_rpr_fonts(rpr, ascii=spec.fonts[0], east_asia=spec.fonts[1])
    font, fmt = style.font, style.paragraph_format
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
        font.italic = False
    if spec.color:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.before is not None:
        fmt.space_before = Pt(spec.before)
    if spec.after is not None:
        fmt.space_after = Pt(spec.after)
    if spec.line is not None:
        fmt.line_spacing = spec.line
    if spec.keep_next is not None:
        fmt.keep_with_next = spec.keep_next
    if spec.align is not None:
        fmt.alignment = spec.align
    ppr = style.element.pPr
    if ppr is not None and spec.name in {"Subtitle", "Header", "Footer"}:
        for unwanted in ("w:numPr", "w:tabs"):  # the stock template numbers Subtitle, tabs for Letter
            for element in ppr.findall(qn(unwanted)):
                ppr.remove(element)
    if rpr is not None:  # the stock Title and Subtitle are letter-spaced
        for unwanted in ("w:spacing", "w:kern"):
            for element in rpr.findall(qn(unwanted)):
                rpr.remove(element)
    if spec.name == "Title":
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):
            ppr.remove(old)
        ppr.append(parse_xml(TITLE_BORDER))
        _sort_ppr(ppr)
    if spec.name == "Glance":
        ppr = style.element.get_or_add_pPr()
        for child in parse_xml(GLANCE_PPR):
            ppr.append(child)
        _sort_ppr(ppr)


# CT_PPrBase order, for the children added above.
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
              "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
              "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
              "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
              "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def _sort_ppr(ppr) -> None:
    children = sorted(ppr, key=lambda c: _PPR_ORDER.index(c.tag.split("}")[1]))
    for child in children:
        ppr.append(child)


def _drop_theme_fonts(doc: Document) -> None:
    """Explicit fonts only: a theme font attribute would override the named font in Word."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)


def _defaults(doc: Document) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    set_rpr_fonts(rpr, ascii=SERIF[0], east_asia=SERIF[1])
    set_rpr_lang(rpr, val="en-US", east_asia="zh-CN")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _page(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1)


def _drop_parts(doc: Document) -> None:
    """No stale thumbnail or Word-2010 style copy in every brief."""
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rid)


def _font_table(doc: Document) -> None:
    part = next(p for p in doc.part.package.parts if p.partname == "/word/fontTable.xml")
    fonts = parse_xml(part.blob)
    for name, family, charset in FONT_TABLE:
        font = parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"><w:charset w:val="{charset}"/>'
                         f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>')
        fonts.append(font)
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_reference() -> bytes:
    """The reference document as bytes (deterministic)."""
    doc = Document()
    _drop_theme_fonts(doc)
    _defaults(doc)
    for spec in PARAGRAPH_STYLES:
        _apply(doc, spec)
    styles_element = doc.styles.element
    for xml in (GAP_STYLE, TABLE_STYLE):
        styles_element.append(parse_xml(xml))
    _page(doc)
    _font_table(doc)
    _drop_parts(doc)
    props = doc.core_properties
    props.title = "Plan brief reference document"
    props.author = props.last_modified_by = "plan-briefs"
    props.comments = "Styles for the DOCX briefs; see tools/make_reference_docx.py."
    props.created = props.modified = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic_zip(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(DEFAULT_OUT), help=f"output file (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_reference())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
