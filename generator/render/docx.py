"""The DOCX brief: walks a brief's outline (:mod:`generator.render.outline`) into a Word document.

Starts from ``templates/reference.docx`` (its styles, page set-up and
settings; see ``tools/make_reference_docx.py``), clears its body and draws
each outline node — title block, headings, paragraphs, lists, key figures,
tables (column widths and alignment from the outline, fitted to their
content), charts — with one method per node type. Interface words come from
the message catalogues; colours and glyphs from the design tokens. The
output is deterministic: the same brief gives byte-identical files. What had
to be changed to make the text valid XML is returned as warnings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from babel.dates import get_month_names
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from generator.brief import Brief, Chart, Figure, Segment, Text
from generator.errors import TemplateError
from generator.render import docx_xml as ox
from generator.render.atomic import write_bytes
from generator.render.charts import render_charts
from generator.render.context import RenderContext
from generator.render.outline import (
    Article, Badge, Bullets, Cell, ChartNode, Figures, Heading, Outline, Para, Table, TitleBlock, build_outline,
)
from generator.render.textwidth import NUMBER, min_width, text_width
from generator.render.tokens import Tokens, hex_of
from generator.render.writers import Job, Written

# Paragraph, character and table styles the brief needs from the reference document.
REQUIRED_STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
                   "Caption", "Header", "Footer", "Strong", "Glance", "Note", "Table Text",
                   "Table Heading", "Table Number", "Table Source", "Glossary Gap", "Brief Table")

# Brief language / BCP 47 tag -> Word language tag.
WORD_LANG = {"zh": "zh-CN", "zh-Hans": "zh-CN", "zh-CN": "zh-CN", "zh-Hant": "zh-TW",
             "zh-TW": "zh-TW", "en": "en-US", "en-GB": "en-GB", "en-US": "en-US"}

# Placeholders of the footer words ("Page %(page)s of %(pages)s") -> Word field.
FIELDS = {"%(page)s": "PAGE", "%(pages)s": "NUMPAGES"}

PUNCTUATION = "punctuation"  # catalogue context: colon, list, caption, dot in the brief's language

TERM_COLUMN_SPACE = Cm(0.6)  # between the newspaper columns of a flowing table (the key terms)
SUB_ROW_INDENT = Cm(0.45)
# Fitting columns to their content (points): the "Brief Table" cell margins (85 twips a side),
# slack for the bold header row, kerning and rounding, and the longest value kept on one line.
CELL_MARGINS_PT = 8.5
SLACK_PT = 3.0
WHOLE_UP_TO_PT = 48.0  # "about 12.5%", "同口径—2.5", "✘ 未达成", "line 366"
BOLD_WIDER = 1.08  # the header row is bold (LibreOffice may embolden the regular face)
EMU_PER_PT = 12700
# Numbers in Chinese text get runs of their own tagged with a Western language: LibreOffice
# breaks a line anywhere inside East Asian text, digits included ("增长17.⏎2%"), but never
# inside a number in Western text. (U+2060 WORD JOINER does not stop it; the language does.)
NUMBER_LANG = "en-US"
# English values: a no-break space keeps a currency code with its amount ("CNY 10,000"). (Not the
# scale word as well: "USD 100 million" whole would need a column as wide as a name.)
_KEEP_SPACES = re.compile(r"(?<=\b[A-Z]{3}) (?=[+\-−]?\d)")


def _fill_of(tokens: Tokens, look: tuple[str, str]) -> tuple[str, str, str]:
    """(glyph, ink, fill) of a token key, hex as Word writes it; fill "" on the paper; all "" when unknown."""
    found = tokens.look(*look)
    if found is None:
        return "", "", ""
    return found.glyph, hex_of(found.ink), hex_of(found.fill) if found.fill else ""


@dataclass
class _Writer:
    """State of one render: the document, the outline, and how many characters had to be removed."""

    outline: Outline
    doc: DocxDocument
    charts: dict[str, tuple[Path, Path]]
    ctx: RenderContext
    removed: int = 0
    chart_count: int = 0
    warnings: list[str] = field(default_factory=list)
    _ea_fonts: dict[str, str] = field(default_factory=dict)
    _by_id: dict[str, Any] = field(default_factory=dict)  # style id -> style, built once
    _by_name: dict[str, Any] = field(default_factory=dict)
    _sizes: dict[str, float] = field(default_factory=dict)  # style id -> font size (pt)

    # -- styles: python-docx resolves a style name by scanning every style on each
    # assignment, which dominated the render time; styles are indexed once here.

    def style(self, name: str) -> Any:
        if not self._by_name:
            for st in self.doc.styles:
                self._by_id[st.style_id] = st
                self._by_name[st.name] = st
        return self._by_name[name]

    def set_style(self, paragraph: Paragraph, name: str) -> None:
        paragraph._p.style = self.style(name).style_id

    def font_pt(self, style_id: str) -> float:
        """The font size of a paragraph style (by id) in points, bold counted wider; cached."""
        if style_id not in self._sizes:
            self.style("Normal")  # builds the index
            self._sizes[style_id] = _font_pt(self._by_id.get(style_id)) or DEFAULT_PT
        return self._sizes[style_id]

    def style_of(self, paragraph: Paragraph) -> Any:
        normal = self.style("Normal")
        return self._by_id.get(paragraph._p.style or "", normal)

    # -- words, colours and text ------------------------------------------------------------

    def _(self, msgid: str, **values: str) -> str:
        words = self.ctx.messages.gettext(self.outline.lang, msgid)
        return words % values if values else words

    def punct(self, key: str) -> str:
        return self.ctx.messages.pgettext(self.outline.lang, PUNCTUATION, key)

    def colour(self, name: str) -> str:
        return hex_of(self.ctx.tokens.colour(name))

    def clean(self, text: str) -> str:
        cleaned, count = ox.strip_invalid(text)
        self.removed += count
        return cleaned

    def east_asia_font(self, paragraph: Paragraph) -> str:
        """The eastAsia font of the paragraph's style (so a Chinese run matches its surroundings)."""
        style = self.style_of(paragraph)
        name = style.name
        if name not in self._ea_fonts:
            font = ox.style_east_asia_font(style) or ox.default_east_asia_font(self.doc.styles.element)
            self._ea_fonts[name] = font or "Noto Serif CJK SC"
        return self._ea_fonts[name]

    def write(self, paragraph: Paragraph, content: Text | str, style: str | None = None,
              ink: str = "", fill: str = "") -> None:
        """Append ``content`` to ``paragraph``: one run per segment, Chinese runs tagged."""
        segments = content.segments if isinstance(content, Text) else (Segment(content),)
        for seg in segments:
            text = self.clean(seg.text)
            if not text:
                continue
            lang = seg.lang or self.outline.html_lang
            east = lang.startswith("zh") or ox.has_cjk(text)
            for piece, number in _number_pieces(text) if east else ((text, False),):
                run = paragraph.add_run(piece)
                if seg.gap or style:  # by id: python-docx's by-name lookup scans every style for each run
                    run._r.style = self.style("Glossary Gap" if seg.gap else style).style_id
                if number:
                    ox.set_rpr_lang(run._r.get_or_add_rPr(), val=NUMBER_LANG)
                elif east:
                    ox.mark_east_asian(run, self.east_asia_font(paragraph), WORD_LANG.get(lang, "zh-CN"))
                elif seg.lang:
                    ox.set_rpr_lang(run._r.get_or_add_rPr(), val=WORD_LANG.get(seg.lang, seg.lang))
                if ink and not seg.gap:
                    run.font.color.rgb = RGBColor.from_string(ink)
                if seg.suggestion_of:  # draft builds: a suggested rendering, not yet accepted
                    run.font.italic = True
                    run.font.underline = WD_UNDERLINE.DOTTED
                if fill:
                    ox.shade_run(run, fill)

    def para(self, content: Text | str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph()
        self.set_style(paragraph, style)
        if content:
            self.write(paragraph, content)
        return paragraph

    @property
    def text_width(self) -> int:
        section = self.doc.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    # -- nodes ---------------------------------------------------------------------------

    def title_block(self, t: TitleBlock) -> None:
        if t.draft:
            self.write(self.para("", "Note"), t.draft, style="Strong", ink=self.colour("ochre"))
        self.para(t.kicker, "Subtitle")
        self.para(t.title, "Title")
        self.para(Text.join([Text.join([f.label, f.value], sep=self.punct("colon")) for f in t.facts],
                            sep=self.punct("dot")), "Note")
        if t.headline or t.tallies:
            title = self.para("", "Glance")
            self.write(title, t.glance_title, style="Strong", ink=self.colour("accent"))
            title.paragraph_format.keep_with_next = True
            for fig in t.headline:
                self.figure_line(self.para("", "Glance"), fig)
            for line in t.tallies:
                paragraph = self.para("", "Glance")
                glyph, ink, _fill = _fill_of(self.ctx.tokens, t.tally_look)
                self.write(paragraph, f"{glyph} ", ink=ink)
                self.write(paragraph, line)
        if self.outline.gap_legend:
            note = self.para("", "Note")
            self.write(note, self.outline.gap_example)
            self.write(note, Text.join([" ", self.outline.gap_legend]))

    def figure_line(self, paragraph: Paragraph, fig: Figure) -> None:
        self.write(paragraph, fig.value, style="Strong", ink=self.colour("accent"))
        self.write(paragraph, "  ")
        self.write(paragraph, fig.label)
        if fig.note:
            self.write(paragraph, Text.join([" (", fig.note, ")"]), ink=self.colour("muted"))

    def node(self, n: Any, in_article: bool = False) -> None:
        if isinstance(n, Heading):
            paragraph = self.para(n.text, _HEADING_STYLE[(n.level, in_article)])
            if n.aside:
                self.write(paragraph, f" {n.aside}", ink=self.colour("muted"))
        elif isinstance(n, Para):
            self.para(n.text, _PARA_STYLE.get(n.role, "Normal"))
        elif isinstance(n, Bullets):
            for item in n.items:
                self.para(item, "List Bullet")
        elif isinstance(n, Figures):
            line = self.para("", "Normal")
            self.write(line, Text.join([n.label, self.punct("colon")]), style="Strong")
            for i, fig in enumerate(n.figures):
                if i:
                    self.write(line, self.punct("list"))
                self.write(line, fig.label)
                self.write(line, self.punct("colon"))
                self.write(line, fig.value, style="Strong")
                if fig.note:
                    self.write(line, Text.join([" (", fig.note, ")"]), ink=self.colour("muted"))
        elif isinstance(n, ChartNode):
            if n.chart.key in self.charts:
                self.chart(n.chart, n.label, self.charts[n.chart.key][1])
        elif isinstance(n, Article):
            for child in n.children:
                self.node(child, in_article=True)
        elif isinstance(n, Table):
            self.table(n)

    def chart(self, chart: Chart, label: Text, png: Path) -> None:
        self.chart_count += 1
        paragraph = self.doc.add_paragraph(style="Normal")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run()
        try:
            run.add_picture(str(png), width=Emu(self.text_width))
        except (OSError, ValueError) as exc:
            raise TemplateError(f"cannot embed chart {chart.key!r}: {exc}", png) from exc
        ox.set_picture_alt(run, self.clean(chart.title), self.clean(chart.alt))
        caption = self.para("", "Caption")
        caption.paragraph_format.keep_with_next = False
        self.write(caption, Text.join([label, f" {self.chart_count}", self.punct("caption")]), style="Strong")
        self.write(caption, chart.title)

    # -- tables -----------------------------------------------------------------------

    def table(self, t: Table) -> None:
        """A "Brief Table" with a repeated header row; numeric columns right-aligned, widths fitted to content."""
        if t.flow > 1:  # newspaper columns: a continuous section of its own (page furniture inherited)
            ox.set_columns(self.doc.add_section(WD_SECTION.CONTINUOUS)._sectPr, t.flow, TERM_COLUMN_SPACE)
        table = self.doc.add_table(rows=1, cols=len(t.columns))
        table.style = self.doc.styles["Brief Table"]
        header = table.rows[0]
        ox.repeat_header(header)
        ox.cant_split(header)
        for cell, col in zip(header.cells, t.columns):
            self.fill(cell, col.heading, "Table Heading")
            if col.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for group in t.groups:
            if group.heading:
                cell = ox.span_cells(self.add_row(table))
                self.fill(cell, group.heading, "Table Heading", fill=self.colour("accent-soft"),
                          ink=self.colour("accent"))
                cell.paragraphs[0].paragraph_format.keep_with_next = True
            for row in group.rows:
                for cell, col, content in zip(self.add_row(table), t.columns, row.cells):
                    self.cell(cell, col, content)
        width = (self.text_width - TERM_COLUMN_SPACE * (t.flow - 1)) // t.flow
        if t.fixed:
            total = sum(c.width for c in t.columns) or 1.0
            widths = [int(width * c.width / total) for c in t.columns]
        else:
            widths = _proportional(width, [c.heading for c in t.columns],
                                   [[c.text for c in r.cells] for r in t.rows])
        columns = ox.column_texts(table, len(widths), self.font_pt)
        ox.set_table_grid(table, fit_widths(widths, columns, frozenset(i for i, c in enumerate(t.columns) if c.whole)))
        if t.flow > 1:
            ox.set_columns(self.doc.add_section(WD_SECTION.CONTINUOUS)._sectPr, 1, TERM_COLUMN_SPACE)
        else:  # a paragraph after each table keeps two tables from running into one
            self.doc.add_paragraph(style="Note")

    @staticmethod
    def add_row(table: DocxTable) -> list[_Cell]:
        row = table.add_row()
        ox.cant_split(row)
        return list(row.cells)

    def fill(self, cell: _Cell, content: Text | str, style: str = "Table Text", fill: str = "", ink: str = "",
             indent: int = 0) -> Paragraph:
        paragraph = cell.paragraphs[0]
        self.set_style(paragraph, style)
        if indent:
            paragraph.paragraph_format.left_indent = indent
        self.write(paragraph, content, ink=ink)
        if fill:
            ox.shade_cell(cell, fill)
        return paragraph

    def cell(self, cell: _Cell, col: Any, c: Cell) -> None:
        """One body cell: its text (a figure kept whole), the binding mark, badges, a second line."""
        style = "Table Heading" if c.header else "Table Number" if col.numeric else (
            "Table Source" if col.key in ("src", "where") else "Table Text")
        text = _keep_together(c.text) if c.value else c.text
        if c.lang:
            text = Text(tuple(dataclasses.replace(s, lang=c.lang) for s in text.segments))
        if c.binding:
            text = Text.join([text, " *"])
        ink = self.colour("muted") if c.muted else ""
        only_badge = len(c.badges) == 1 and not c.text
        fill = ""
        if only_badge:
            glyph, ink, fill = _fill_of(self.ctx.tokens, c.badges[0].look)
            text = _badge_text(glyph, c.badges[0])
        paragraph = self.fill(cell, text, style, fill=fill, ink=ink, indent=SUB_ROW_INDENT * c.level)
        if col.numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if c.badges and not only_badge:
            for i, b in enumerate(c.badges):
                glyph, b_ink, b_fill = _fill_of(self.ctx.tokens, b.look)
                self.write(paragraph, " " if (i or c.text) else "")
                self.write(paragraph, _badge_text(glyph, b), ink=b_ink, fill=b_fill)
        for note in c.notes:
            line = cell.add_paragraph()
            self.set_style(line, "Table Source")
            if note.look:
                glyph, note_ink, _fill = _fill_of(self.ctx.tokens, note.look)
                self.write(line, f"{glyph} ", ink=note_ink)
            self.write(line, note.text)

    # -- page furniture and properties -----------------------------------------------

    def furniture(self) -> None:
        """Running header (short title) and footer ("Page 3 of 12" with PAGE / NUMPAGES fields)."""
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        if self.outline.draft:
            self.write(header, self.outline.draft, ink=self.colour("ochre"))
            self.write(header, self.punct("dot"))
        self.write(header, self.outline.running_head)
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        for piece in re.split(r"(%\((?:page|pages)\)s)", self._("Page %(page)s of %(pages)s")):
            if piece in FIELDS:
                ox.add_field(footer, FIELDS[piece])
            elif piece:
                self.write(footer, piece)

    def properties(self, brief: Brief) -> None:
        o = self.outline
        props = self.doc.core_properties
        props.title = self.clean(str(o.title.title))[:255]
        props.author = props.last_modified_by = self.clean(str(brief.issuer))[:255]
        props.subject = self.clean(str(o.running_head))[:255]
        props.comments = o.description
        props.keywords = self.clean(", ".join(o.keywords))[:255]
        props.language = WORD_LANG.get(o.lang, o.html_lang)
        props.category = self._("Brief")
        props.content_status = ""
        props.identifier = self.clean(brief.source_file)[:255]
        props.revision = 1
        when = generated_datetime(brief.generated_iso or brief.generated)
        if when is None:
            _remove_dates(self.doc)
            self.warnings.append(f"DOCX: generation date {brief.generated!r} not understood; document dates left out")
        else:
            props.created = props.modified = when
        # The brief's language on the document defaults, so proofing and line breaking follow it.
        defaults = self.doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if defaults is not None:
            ox.set_rpr_lang(defaults, val=WORD_LANG.get(o.lang, "en-US"), east_asia="zh-CN")


# Outline heading level (in a section summary or not) -> Word style; paragraph role -> Word style.
_HEADING_STYLE = {(2, False): "Heading 1", (3, False): "Heading 2", (3, True): "Heading 3",
                  (2, True): "Heading 2", (4, True): "Heading 3", (4, False): "Heading 3"}
_PARA_STYLE = {"origin": "Note", "note": "Note", "source": "Note", "part": "Heading 2", "summary": "Normal"}


def _badge_text(glyph: str, badge: Badge) -> Text:
    return Text.join([glyph, badge.text], sep=" ") if glyph and badge.text else (badge.text or Text.plain(glyph))


def _number_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a number) around its numbers."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for m in NUMBER.finditer(text):
        if m.start() > at:
            pieces.append((text[at:m.start()], False))
        pieces.append((m.group(), True))
        at = m.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def _keep_together(content: Text | str) -> Text:
    """English value text with a no-break space after a currency code: "CNY\u00a010,000"."""
    segments = content.segments if isinstance(content, Text) else (Segment(content),)
    return Text(tuple(dataclasses.replace(s, text=_KEEP_SPACES.sub("\u00a0", s.text)) for s in segments))


DEFAULT_PT = 8.5  # the "Table Text" size, for a paragraph whose style names none


def _font_pt(style: Any) -> float | None:
    """The font size a paragraph style resolves to through its base styles, in points (bold counted wider)."""
    bold = getattr(getattr(style, "font", None), "bold", None)
    while style is not None:
        size = getattr(getattr(style, "font", None), "size", None)
        if size is not None:
            return size.pt * (BOLD_WIDER if bold else 1.0)
        style = getattr(style, "base_style", None)
    return None


def fit_widths(widths: Sequence[int], columns: Sequence[Sequence[tuple[str, float]]],
               whole: frozenset[int] = frozenset()) -> list[int]:
    """Column widths (EMU) that hold their content, as close to ``widths`` as the total allows.

    ``columns[i]`` holds (text, font size in pt) of each cell of column ``i``. A
    column needs its widest chunk (a number is one, see :mod:`render.textwidth`)
    and, in a ``whole`` column, each value up to ``WHOLE_UP_TO_PT`` on one line.
    Columns wider than they need give up that room, in proportion, to those
    narrower; where the needs exceed the total, the needs are scaled to it.
    """
    total = sum(widths)
    need = []
    for i, cells in enumerate(columns):
        widest = 0.0
        for text, size in cells:
            full = text_width(text, size)
            widest = max(widest, full if i in whole and full <= WHOLE_UP_TO_PT else min_width(text, size))
        need.append(int((widest + CELL_MARGINS_PT + SLACK_PT) * EMU_PER_PT))
    if sum(need) >= total:
        return [int(total * n / sum(need)) for n in need]
    fitted = [max(w, n) for w, n in zip(widths, need)]
    excess = sum(fitted) - total
    room = [max(f - n, 0) for f, n in zip(fitted, need)]
    return [int(f - excess * r / sum(room)) if excess > 0 else f for f, r in zip(fitted, room)]


def _proportional(width: int, header: Sequence[Text], rows: Sequence[Sequence[Text]]) -> list[int]:
    """Column widths by the longest text of each column (CJK counted double), within bounds."""
    def size(t: Text) -> int:
        s = str(t)
        return len(s) + sum(1 for ch in s if ox.has_cjk(ch))

    def longest_word(t: Text) -> int:
        return max((size(Text.plain(w)) for w in str(t).split()), default=0)

    weights = [min(max(size(h) // 2, longest_word(h), *(size(r[i]) for r in rows if i < len(r)), 6), 40) + 2
               for i, h in enumerate(header)]
    total = sum(weights)
    return [int(width * w / total) for w in weights]


_ISO = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")
_WORDY = re.compile(r"(?:(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4}))|(?:([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}))")


def generated_datetime(text: str) -> dt.datetime | None:
    """A generation date as UTC midnight: "2024-03-01", "2024年3月1日", "1 March 2024", "March 1, 2024"."""
    text = text.strip()
    day = month = year = None
    if m := _ISO.search(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _WORDY.search(text):
        d, name, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        months: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            months.update({v.lower(): k for k, v in get_month_names(width, locale="en").items()})
        month = months.get(name.lower())
        day, year = int(d), int(y)
    if not (day and month and year):
        return None
    try:
        return dt.datetime(year, month, day, tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def _remove_dates(doc: DocxDocument) -> None:
    element = doc.core_properties._element
    for child in list(element):
        if child.tag.endswith("}created") or child.tag.endswith("}modified"):
            element.remove(child)


def _open_reference(reference: Path) -> DocxDocument:
    try:
        doc = Document(str(reference))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise TemplateError(f"cannot open reference document: {exc}", reference) from exc
    names = {s.name for s in doc.styles}
    missing = [s for s in REQUIRED_STYLES if s not in names]
    if missing:
        raise TemplateError(f"reference document lacks style(s) {', '.join(missing)} "
                            "(regenerate it with tools/make_reference_docx.py)", reference)
    ox.clear_body(doc.element)
    return doc


def build_docx(brief: Brief, charts: dict[str, tuple[Path, Path]], ctx: RenderContext) -> tuple[bytes, list[str]]:
    """The DOCX brief as bytes (deterministic: the same brief and charts give the same bytes), and its warnings."""
    outline = build_outline(brief, ctx.words(brief.lang))
    w = _Writer(outline, _open_reference(ctx.reference_docx), charts, ctx)
    w.title_block(outline.title)
    for block in outline.blocks:
        for child in block.children:
            w.node(child)
    w.para(outline.colophon, "Note")
    w.furniture()
    w.properties(brief)
    if w.removed:
        w.warnings.append(f"DOCX: removed {w.removed} control character(s) that XML cannot hold")
    buf = io.BytesIO()
    w.doc.save(buf)
    return ox.deterministic_zip(buf.getvalue()), w.warnings


def render_docx(brief: Brief, out_path: Path, charts: dict[str, tuple[Path, Path]], ctx: RenderContext) -> list[str]:
    """Write the DOCX brief of ``brief`` to ``out_path`` atomically; ``charts`` maps key -> (svg, png).

    Returns the warnings (what had to be changed to make the text valid XML).
    """
    data, warnings = build_docx(brief, charts, ctx)
    write_bytes(Path(out_path), data)
    return warnings


def write(job: Job) -> Written:
    """The DOCX writer of :data:`generator.render.writers.WRITERS`: charts drawn as PNG, embedded, not kept."""
    charts_dir = job.staging / "charts"
    charts = render_charts(job.brief, charts_dir, job.ctx, formats=("png",))
    path = job.staging / f"{job.stem}.docx"
    warnings = render_docx(job.brief, path, charts, job.ctx)
    shutil.rmtree(charts_dir, ignore_errors=True)
    return Written([path], warnings)
