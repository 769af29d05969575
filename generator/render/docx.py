"""The DOCX brief: lays a :class:`~generator.brief.Brief` out as a Word document.

Starts from ``templates/reference.docx`` (its styles, page set-up and
settings; see ``tools/make_reference_docx.py``), clears its body and adds,
in the order of the HTML brief: title block with the at-a-glance box,
review scorecard, tallies and scorecard chart, plan targets and retired
indicators, major-project tables and chart, outlook and section summaries,
notes on the source and (English) the key-terms appendix. Interface words
come from the message catalogs. The output is deterministic: the same brief
gives byte-identical files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from babel.dates import get_month_names
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from generator.brief import Brief, Chart, Figure, SectionBrief, Segment, Status, Text
from generator.errors import TemplateError
from generator.render import docx_xml as ox
from generator.render.atomic import write_bytes
from generator.render.html import CHART_PLACES
from generator.render.textwidth import NUMBER, min_width, text_width
from generator.render.tokens import hex_of, load_tokens
from generator.i18n import gettext

REFERENCE = Path(__file__).resolve().parents[2] / "templates" / "reference.docx"

# Paragraph, character and table styles the brief needs from the reference document.
REQUIRED_STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
                   "Caption", "Header", "Footer", "Strong", "Glance", "Note", "Table Text",
                   "Table Heading", "Table Number", "Table Source", "Glossary Gap", "Brief Table")

# Brief language / BCP 47 tag -> Word language tag.
WORD_LANG = {"zh": "zh-CN", "zh-Hans": "zh-CN", "zh-CN": "zh-CN", "zh-Hant": "zh-TW",
             "zh-TW": "zh-TW", "en": "en-US", "en-GB": "en-GB", "en-US": "en-US"}

# Does the analysis' tally agree with the report's own? -> (msgid, token key of group "check").
AGREEMENT = {True: ("Agrees", "agrees"), False: ("Differs", "differs")}

# Placeholders of the footer words ("Page %(page)s of %(pages)s") -> Word field.
FIELDS = {"%(page)s": "PAGE", "%(pages)s": "NUMPAGES"}

# Punctuation that differs between the languages.
PUNCT = {"zh": {"colon": "：", "list": "；", "caption": "　", "dot": " · "},
         "en": {"colon": ": ", "list": "; ", "caption": ": ", "dot": " · "}}

# Column widths of the fixed tables, as fractions of the text width.
# Same proportions as the PDF's (templates/brief.css): long reasons wrap in Reason, not in Status.
SCORE_COLUMNS = (0.06, 0.23, 0.07, 0.11, 0.11, 0.11, 0.21, 0.10)
TALLY_COLUMNS = (0.15, 0.33, 0.08, 0.30, 0.14)
PLAN_COLUMNS = (0.06, 0.32, 0.07, 0.16, 0.16, 0.13, 0.10)
FINDING_COLUMNS = (0.14, 0.66, 0.2)
TERM_COLUMNS = (0.42, 0.58)
# Columns whose values set whole on one line when short enough (scorecard: No., unit, target,
# actual, status, source), else break only between chunks (never inside a number).
SCORE_WHOLE = (0, 2, 3, 4, 5, 7)
TALLY_WHOLE = (2, 4)
PLAN_WHOLE = (0, 2, 3, 4, 6)
FINDING_WHOLE = (0, 2)
TERM_COLUMN_COUNT = 2
TERM_COLUMN_SPACE = Cm(0.6)
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


def colour(name: str) -> str:
    """A named colour of the design tokens as WordprocessingML writes it ("1F3A5F")."""
    return hex_of(load_tokens().colour(name))


def look(group: str, key: str) -> tuple[str, str, str]:
    """(glyph, ink, fill) of a token key, hex as Word writes it; fill "" on the paper; all "" when unknown."""
    found = load_tokens().look(group, key)
    if found is None:
        return "", "", ""
    return found.glyph, hex_of(found.ink), hex_of(found.fill) if found.fill else ""


@dataclass
class _Writer:
    """State of one render: the document, the brief, and how many characters had to be removed."""

    brief: Brief
    doc: DocxDocument
    charts: dict[str, tuple[Path, Path]]
    removed: int = 0
    chart_count: int = 0
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

    # -- words and text -------------------------------------------------------------

    def _(self, msgid: str, **values: str) -> str:
        words = gettext(self.brief.lang, msgid)
        return words % values if values else words

    @property
    def punct(self) -> dict[str, str]:
        return PUNCT.get(self.brief.lang, PUNCT["en"])

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
            lang = seg.lang or self.brief.html_lang
            east = lang.startswith("zh") or ox.has_cjk(text)
            for piece, number in _number_pieces(text) if east else ((text, False),):
                run = paragraph.add_run(piece, style="Glossary Gap" if seg.gap else style)
                if number:
                    ox.set_rpr_lang(run._r.get_or_add_rPr(), val=NUMBER_LANG)
                elif east:
                    ox.mark_east_asian(run, self.east_asia_font(paragraph), WORD_LANG.get(lang, "zh-CN"))
                elif seg.lang:
                    ox.set_rpr_lang(run._r.get_or_add_rPr(), val=WORD_LANG.get(seg.lang, seg.lang))
                if ink and not seg.gap:
                    run.font.color.rgb = RGBColor.from_string(ink)
                if fill:
                    ox.shade_run(run, fill)

    def para(self, content: Text | str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph()
        self.set_style(paragraph, style)
        if content:
            self.write(paragraph, content)
        return paragraph

    def heading(self, content: Text | str, level: int, year: str = "") -> Paragraph:
        paragraph = self.para(content, f"Heading {level}")
        if year:
            self.write(paragraph, f" {year}", ink=colour("muted"))
        return paragraph

    def source_note(self, where: str) -> None:
        if where:
            self.para(self._("Source: %(where)s", where=self.clean(where)), "Note")

    @property
    def short_title(self) -> str:
        return str(self.brief.kicker) or self._("%(region)s %(year)s plan report: brief",
                                                region=str(self.brief.region), year=self.brief.plan_year)

    # -- tables -----------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        section = self.doc.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    def table(self, header: Sequence[Text | str], fractions: Sequence[float],
              numeric: Iterable[int] = (), whole: Iterable[int] = ()) -> "_Table":
        """A "Brief Table" with a repeated header row; columns in ``numeric`` right-aligned.

        ``fractions`` are the columns' shares of the text width; :meth:`_Table.finish`
        widens a column to hold its content (short values of ``whole`` columns on one line).
        """
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Brief Table"]
        row = table.rows[0]
        ox.repeat_header(row)
        ox.cant_split(row)
        numeric = frozenset(numeric)
        for i, (cell, title) in enumerate(zip(row.cells, header)):
            self.cell(cell, title, "Table Heading")
            if i in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        total = sum(fractions)
        widths = [int(self.text_width * f / total) for f in fractions]
        return _Table(self, table, widths, frozenset(whole))

    def cell(self, cell: _Cell, content: Text | str, style: str = "Table Text", fill: str = "",
             ink: str = "", indent: int = 0, value: bool = False) -> _Cell:
        """Fill ``cell``; a ``value`` (target, outcome, unit) keeps its number with its currency and scale."""
        if value and self.brief.lang != "zh":
            content = _keep_together(content)
        paragraph = cell.paragraphs[0]
        self.set_style(paragraph, style)
        if indent:
            paragraph.paragraph_format.left_indent = indent
        self.write(paragraph, content, ink=ink)
        if fill:
            ox.shade_cell(cell, fill)
        return cell

    def group_row(self, t: "_Table", label: Text) -> None:
        """A category row spanning the table, kept with the row below it."""
        cell = ox.span_cells(t.row())
        self.cell(cell, label, "Table Heading", fill=colour("accent-soft"), ink=colour("accent"))
        cell.paragraphs[0].paragraph_format.keep_with_next = True

    def status_text(self, status: Status) -> Text:
        glyph = look("status", status.key)[0]
        return Text.join([glyph, status.label], sep=" ") if glyph else status.label

    # -- blocks ----------------------------------------------------------------------

    def title_block(self) -> None:
        b = self.brief
        self.para(self.short_title, "Subtitle")
        self.para(b.title, "Title")
        facts = [(self._("Issued by"), b.issuer), (self._("Presented"), b.presented), (self._("Region"), b.region),
                 (self._("Review year"), b.review_year), (self._("Plan year"), b.plan_year),
                 (self._("Source file"), b.source_file), (self._("Source address"), b.source_url),
                 (self._("Generated"), b.generated)]
        self.para(Text.join([Text.join([label, value], sep=self.punct["colon"]) for label, value in facts if value],
                            sep=self.punct["dot"]), "Note")
        if b.headline or b.glance_tally:
            self.glance_box()
        if b.executive:
            self.executive()
        if b.gaps:
            note = self.para("", "Note")
            self.write(note, Text((Segment(b.gaps[0], lang="zh-Hans", gap=True),)))
            self.write(note, " " + self._("Not in the glossary: shown in Chinese"))

    def executive(self) -> None:
        e = self.brief.executive
        self.heading(self._("Executive summary"), 1)
        if e.paragraph:
            self.para(e.paragraph)
        for point in e.points:
            self.para(point, "List Bullet")
        if e.untranslated:
            self.para(self._("Sentences awaiting translation: %(n)s", n=str(e.untranslated)), "Note")

    def glance_box(self) -> None:
        b = self.brief
        title = self.para("", "Glance")
        self.write(title, self._("At a glance"), style="Strong", ink=colour("accent"))
        title.paragraph_format.keep_with_next = True
        for fig in b.headline:
            self.figure_line(self.para("", "Glance"), fig)
        for line in b.glance_tally:
            paragraph = self.para("", "Glance")
            glyph, ink, _fill = look("marks", "tally")
            self.write(paragraph, f"{glyph} ", ink=ink)
            self.write(paragraph, line)

    def figure_line(self, paragraph: Paragraph, fig: Figure) -> None:
        self.write(paragraph, fig.value, style="Strong", ink=colour("accent"))
        self.write(paragraph, "  ")
        self.write(paragraph, fig.label)
        if fig.note:
            self.write(paragraph, " (")
            self.write(paragraph, fig.note)
            self.write(paragraph, ")")

    def indicator_name(self, name: Text, binding: bool) -> Text:
        return Text.join([name, " *"]) if binding else name

    def scorecard(self) -> None:
        b = self.brief
        if not (b.score_rows or b.tallies):
            return
        self.heading(self._("Review scorecard"), 1, b.review_year)
        if b.score_origin:
            self.para(b.score_origin, "Note")
        if b.score_rows:
            t = self.table([self._(h) for h in ("No.", "Indicator", "Unit", "Target", "Actual", "Status",
                                                "Reason", "Source")], SCORE_COLUMNS, numeric=(3, 4),
                           whole=SCORE_WHOLE)
            category = ""
            for r in b.score_rows:
                if r.category and str(r.category) != category:
                    category = str(r.category)
                    self.group_row(t, r.category)
                _glyph, ink, fill = look("status", r.status.key)
                cells = t.row()
                self.cell(cells[0], r.number, ink=colour("muted"))
                self.cell(cells[1], self.indicator_name(r.name, r.binding), indent=SUB_ROW_INDENT * r.level)
                self.cell(cells[2], r.unit, value=True)
                self.cell(cells[3], r.target, "Table Number", value=True)
                self.cell(cells[4], r.actual, "Table Number", value=True)
                self.cell(cells[5], self.status_text(r.status), fill=fill, ink=ink)
                self.cell(cells[6], r.reason)
                if r.cause:
                    cause = cells[6].add_paragraph()
                    self.set_style(cause, "Table Source")
                    self.write(cause, r.cause)
                self.cell(cells[7], r.source, "Table Source")
            t.finish()
            if any(r.binding for r in b.score_rows):
                self.para(self._("* binding indicator; all others are anticipatory."), "Note")
        if b.tallies:
            self.tallies()
        self.place_charts("scorecard")

    def tallies(self) -> None:
        self.heading(self._("Tallies"), 2)
        t = self.table([self._(h) for h in ("Type", "Status", "Total", "Stated in the report", "Check")],
                       TALLY_COLUMNS, numeric=(2,), whole=TALLY_WHOLE)
        for tally in self.brief.tallies:
            cells = t.row()
            self.cell(cells[0], tally.kind, "Table Heading")
            counts = cells[1].paragraphs[0]
            self.set_style(counts, "Table Text")
            for i, (status, n) in enumerate(tally.counts):
                _glyph, ink, fill = look("status", status.key)
                if i:
                    self.write(counts, " ")
                self.write(counts, Text.join([self.status_text(status), f"\u00a0{n}"]), ink=ink, fill=fill)
            self.cell(cells[2], str(tally.total), "Table Number")
            if tally.stated:
                self.cell(cells[3], tally.stated)
            else:
                self.cell(cells[3], self._("Not stated"), ink=colour("muted"))
            if tally.agrees is None:
                glyph, ink, _fill = look("check", "none")
                self.cell(cells[4], glyph, ink=ink)
            else:
                msgid, key = AGREEMENT[tally.agrees]
                glyph, ink, fill = look("check", key)
                self.cell(cells[4], f"{glyph} {self._(msgid)}", fill=fill, ink=ink)
        t.finish()

    def plan(self) -> None:
        b = self.brief
        if not (b.plan_rows or b.retired):
            return
        self.heading(self._("Plan targets"), 1, b.plan_year)
        if b.plan_origin:
            self.para(b.plan_origin, "Note")
        if b.plan_rows:
            t = self.table([self._(h) for h in ("No.", "Indicator", "Unit", "This year", "Last year", "Change",
                                                "Source")], PLAN_COLUMNS, numeric=(3, 4), whole=PLAN_WHOLE)
            category = ""
            for r in b.plan_rows:
                if r.category and str(r.category) != category:
                    category = str(r.category)
                    self.group_row(t, r.category)
                glyph, ink, fill = look("change", r.change_key)
                cells = t.row()
                self.cell(cells[0], r.number, ink=colour("muted"))
                self.cell(cells[1], self.indicator_name(r.name, r.binding), indent=SUB_ROW_INDENT * r.level)
                self.cell(cells[2], r.unit, value=True)
                self.cell(cells[3], r.target, "Table Number", value=True)
                self.cell(cells[4], r.previous or "—", "Table Number", ink="" if r.previous else colour("muted"),
                          value=True)
                self.cell(cells[5], Text.join([glyph, r.change], sep=" ") if glyph else r.change, fill=fill, ink=ink)
                self.cell(cells[6], r.source, "Table Source")
            t.finish()
            if any(r.binding for r in b.plan_rows):
                self.para(self._("* binding indicator; all others are anticipatory."), "Note")
        if b.retired:
            self.heading(self._("Retired indicators"), 2)
            self.para(self._("Retired indicators are those in last year's plan that this year's plan no longer lists."),
                      "Note")
            for name in b.retired:
                self.para(name, "List Bullet")

    def projects(self) -> None:
        b = self.brief
        if not b.projects:
            return
        self.heading(self._("Major projects"), 1)
        for block in b.projects:
            if block.title:
                self.heading(block.title, 2)
            t = self.table(block.header, [1.0] * len(block.header), numeric=block.numeric_columns,
                           whole=block.numeric_columns)
            t.widths = _proportional(self.text_width, block.header, block.rows)
            for row in block.rows:
                cells = t.row()
                for i, value in enumerate(row[: len(cells)]):
                    numeric = i in block.numeric_columns
                    self.cell(cells[i], value, "Table Number" if numeric else "Table Text", value=numeric)
            t.finish(spacer=not block.source)
            self.source_note(block.source)
        self.place_charts("projects")

    def place_charts(self, place: str) -> None:
        for chart in self.brief.charts:
            if CHART_PLACES.get(chart.kind, "scorecard") == place and chart.key in self.charts:
                self.chart(chart, self.charts[chart.key][1])

    def chart(self, chart: Chart, png: Path) -> None:
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
        self.write(caption, f"{self._('Chart')} {self.chart_count}{self.punct['caption']}", style="Strong")
        self.write(caption, chart.title)

    def summaries(self, title_msgid: str, sections: Sequence[SectionBrief]) -> None:
        if not sections:
            return
        self.heading(self._(title_msgid), 1)
        part = ""
        for s in sections:
            if s.part and str(s.part) != part:
                part = str(s.part)
                self.heading(s.part, 2)
            self.heading(s.heading, 3)
            if s.summary:
                self.para(s.summary)
            if s.untranslated:
                self.para(self._("Sentences awaiting translation: %(n)s", n=str(s.untranslated)), "Note")
            for item in s.items:
                self.para(item, "List Bullet")
            if s.figures:
                line = self.para("", "Normal")
                self.write(line, self._("Key figures") + self.punct["colon"], style="Strong")
                for i, fig in enumerate(s.figures):
                    if i:
                        self.write(line, self.punct["list"])
                    self.write(line, fig.label)
                    self.write(line, self.punct["colon"])
                    self.write(line, fig.value, style="Strong")
            self.source_note(s.source)

    def findings(self) -> None:
        if not self.brief.findings:
            return
        self.heading(self._("Notes on the source"), 1)
        t = self.table([self._("Severity"), self._("Note"), self._("Where")], FINDING_COLUMNS, whole=FINDING_WHOLE)
        for f in self.brief.findings:
            glyph, ink, fill = look("severity", f.severity)
            cells = t.row()
            self.cell(cells[0], Text.join([glyph, f.severity_label], sep=" ") if glyph else f.severity_label,
                      fill=fill, ink=ink)
            self.cell(cells[1], f.message)
            self.cell(cells[2], f.where, "Table Source")
        t.finish()

    def terms(self) -> None:
        if not self.brief.terms:
            return
        self.heading(self._("Key terms"), 1)
        # a compact two-column list: a continuous section in newspaper columns (page furniture inherited)
        section = self.doc.add_section(WD_SECTION.CONTINUOUS)
        ox.set_columns(section._sectPr, TERM_COLUMN_COUNT, TERM_COLUMN_SPACE)
        t = self.table([self._("Chinese"), self._("English")], TERM_COLUMNS)
        column = (self.text_width - TERM_COLUMN_SPACE * (TERM_COLUMN_COUNT - 1)) // TERM_COLUMN_COUNT
        t.widths = [int(column * f / sum(TERM_COLUMNS)) for f in TERM_COLUMNS]
        for term in self.brief.terms:
            cells = t.row()
            self.cell(cells[0], Text((Segment(term.zh, lang="zh-Hans"),)))
            self.cell(cells[1], term.en)
        t.finish(spacer=False)
        ox.set_columns(self.doc.add_section(WD_SECTION.CONTINUOUS)._sectPr, 1, TERM_COLUMN_SPACE)

    def colophon(self) -> None:
        b = self.brief
        self.para(self._("Generated on %(date)s from %(source)s. Figures are taken from the report as published.",
                         date=self.clean(b.generated), source=self.clean(b.source_file)), "Note")

    # -- page furniture and properties -----------------------------------------------

    def furniture(self) -> None:
        """Running header (short title) and footer ("Page 3 of 12" with PAGE / NUMPAGES fields)."""
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        self.write(header, self.short_title)
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        for piece in re.split(r"(%\((?:page|pages)\)s)", gettext(self.brief.lang, "Page %(page)s of %(pages)s")):
            if piece in FIELDS:
                ox.add_field(footer, FIELDS[piece])
            elif piece:
                self.write(footer, piece)

    def properties(self) -> None:
        b = self.brief
        props = self.doc.core_properties
        props.title = self.clean(str(b.title))[:255]
        props.author = props.last_modified_by = self.clean(str(b.issuer))[:255]
        props.subject = self.clean(self.short_title)[:255]
        props.comments = self._("Brief of the plan report: indicator scorecard, plan targets, major projects "
                                "and section summaries.")
        props.keywords = self.clean(", ".join(b.keywords))[:255]
        props.language = WORD_LANG.get(b.lang, b.html_lang)
        props.category = self._("Brief")
        props.content_status = ""
        props.identifier = self.clean(b.source_file)[:255]
        props.revision = 1
        when = generated_datetime(b.generated_iso or b.generated)
        if when is None:
            _remove_dates(self.doc)
            self.warn(f"DOCX: generation date {b.generated!r} not understood; document dates left out")
        else:
            props.created = props.modified = when
        # The brief's language on the document defaults, so proofing and line breaking follow it.
        defaults = self.doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if defaults is not None:
            ox.set_rpr_lang(defaults, val=WORD_LANG.get(b.lang, "en-US"), east_asia="zh-CN")

    def warn(self, message: str) -> None:
        if message not in self.brief.warnings:
            self.brief.warnings = (*self.brief.warnings, message)


@dataclass
class _Table:
    """A brief table being filled: adds body rows that never split, then fixes the grid."""

    writer: _Writer
    table: Table
    widths: list[int]
    whole: frozenset[int] = frozenset()

    def row(self) -> list[_Cell]:
        row = self.table.add_row()
        ox.cant_split(row)
        return list(row.cells)

    def finish(self, spacer: bool = True) -> None:
        columns = ox.column_texts(self.table, len(self.widths), self.writer.font_pt)
        ox.set_table_grid(self.table, fit_widths(self.widths, columns, self.whole))
        if spacer:  # a paragraph after each table keeps two tables from running into one
            self.writer.doc.add_paragraph(style="Note")


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


def build_docx(brief: Brief, charts: dict[str, tuple[Path, Path]], reference: Path = REFERENCE) -> bytes:
    """The DOCX brief as bytes (deterministic: the same brief and charts give the same bytes)."""
    w = _Writer(brief, _open_reference(reference), charts)
    w.title_block()
    w.scorecard()
    w.plan()
    w.projects()
    w.summaries("Outlook", brief.overview)
    w.summaries("Section summaries", brief.sections)
    w.findings()
    w.terms()
    w.colophon()
    w.furniture()
    w.properties()
    if w.removed:
        w.warn(f"DOCX: removed {w.removed} control character(s) that XML cannot hold")
    buf = io.BytesIO()
    w.doc.save(buf)
    return ox.deterministic_zip(buf.getvalue())


def render_docx(brief: Brief, out_path: Path, charts: dict[str, tuple[Path, Path]],
                reference: Path = REFERENCE) -> None:
    """Write the DOCX brief of ``brief`` to ``out_path`` atomically; ``charts`` maps key -> (svg, png).

    What had to be changed to make the text valid XML is appended to ``brief.warnings``.
    """
    write_bytes(Path(out_path), build_docx(brief, charts, reference))
