"""One outline of a brief, walked by every writer (the HTML/PDF template, the DOCX writer, any other).

The order of the blocks, the columns of each table (key, heading, share of
the width, alignment, whether short values stay on one line), the row
groups and each cell's decoration (a status, change or severity badge, a
binding mark, a second line in small type) are decided once, here, from the
:class:`~generator.brief.Brief`. A writer draws the nodes and decides nothing
about content or order: ``templates/brief.html`` walks the outline with one
macro per node type, :mod:`generator.render.docx` with one method per node
type. Words of the interface come from the brief language's message
catalogue (``words``).

Node types (``type``): ``title``, ``block`` (a top-level section), ``heading``,
``para`` (roles: text, lead, origin, note, source, summary, part), ``bullets``, ``figures``, ``chart``, ``article`` (a section summary),
``table``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Iterable, Sequence

from generator.brief import Brief, Chart, Figure, Finding, SectionBrief, Segment, Text

Words = Callable[[str], str]  # msgid -> the brief language's words
Look = tuple[str, str]  # (token group, key): colour and glyph from templates/tokens.yaml

# Where each chart kind is placed: after the block of this id.
CHART_PLACES = {"dumbbell": "scorecard", "bar": "projects"}


# ---------------------------------------------------------------- nodes

@dataclass(frozen=True)
class Badge:
    """A keyed word: drawn with its token's glyph and colours (``("status", "met")``, "Met")."""

    look: Look
    text: Text


@dataclass(frozen=True)
class Column:
    key: str  # names the column's cells for the writers ("name", "target", "status" …)
    heading: Text
    width: float = 0.0  # share of the table's width; 0: from the content
    numeric: bool = False  # right-aligned figures
    whole: bool = False  # short values stay on one line


@dataclass(frozen=True)
class Note:
    """A line in small type under a cell's text: the report's cause, a row's note, a finding on the row."""

    text: Text
    look: Look | None = None  # a finding's severity: drawn with its glyph and colour


@dataclass(frozen=True)
class Cell:
    text: Text = Text()
    badges: tuple[Badge, ...] = ()  # drawn after the text
    notes: tuple[Note, ...] = ()  # lines in small type under the text
    binding: bool = False  # the binding-indicator mark after the text
    muted: bool = False
    level: int = 0  # indentation of a sub-row's name
    header: bool = False  # the row's header cell
    value: bool = False  # a figure with its unit: keep number and unit together
    lang: str | None = None  # a cell wholly in another language than the brief's


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    look: Look | None = None  # the row's tint (its status or change)
    level: int = 0
    binding: bool = False


@dataclass(frozen=True)
class RowGroup:
    heading: Text  # a category heading row for its rows only; empty: none
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    type: ClassVar[str] = "table"
    kind: str  # "scorecard", "tallies", "plan", "projects", "findings", "terms"
    columns: tuple[Column, ...]
    groups: tuple[RowGroup, ...]
    fixed: bool = True  # columns at their widths (else laid out from the content)
    flow: int = 1  # newspaper columns the table runs in (the key-terms list: 2)

    @property
    def rows(self) -> Iterable[Row]:
        for group in self.groups:
            yield from group.rows


@dataclass(frozen=True)
class Heading:
    type: ClassVar[str] = "heading"
    text: Text
    level: int  # 2: a block's title; 3: a table's or a section summary's title
    aside: str = ""  # shown lighter after the title (the year)


@dataclass(frozen=True)
class Para:
    type: ClassVar[str] = "para"
    text: Text
    role: str = "text"  # text | lead | origin | note | source | summary | part


@dataclass(frozen=True)
class Bullets:
    type: ClassVar[str] = "bullets"
    items: tuple[Text, ...]
    role: str = "items"  # items | retired | points


@dataclass(frozen=True)
class Figures:
    type: ClassVar[str] = "figures"
    label: Text  # "Key figures"
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class ChartNode:
    type: ClassVar[str] = "chart"
    chart: Chart
    label: Text  # "Chart"


Node = Table | Heading | Para | Bullets | Figures | ChartNode


@dataclass(frozen=True)
class Article:
    type: ClassVar[str] = "article"
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Block:
    type: ClassVar[str] = "block"
    id: str
    children: tuple["Node | Article", ...]
    classes: str = ""


@dataclass(frozen=True)
class Fact:
    label: Text
    value: Text
    file: bool = False  # a file name or address (set apart)


@dataclass(frozen=True)
class TitleBlock:
    type: ClassVar[str] = "title"
    kicker: Text
    title: Text
    facts: tuple[Fact, ...]
    glance_title: Text
    headline: tuple[Figure, ...]
    tallies: tuple[Text, ...]  # "13 of 29 anticipatory targets met"
    tally_look: Look = ("marks", "tally")
    draft: Text = Text()  # "Draft — 12 terms await translation" while a rendered brief has gaps


@dataclass(frozen=True)
class Outline:
    lang: str
    html_lang: str
    title: TitleBlock
    blocks: tuple[Block, ...]
    running_head: Text  # the short title at the top of every page
    colophon: Text
    description: str  # document properties
    keywords: tuple[str, ...] = ()
    draft: Text = Text()  # the draft state, also at the top of every page
    gap_legend: Text = Text()  # how a glossary gap looks, when the brief has any …
    gap_example: Text = Text()  # … with one of its gaps as the example
    charts: tuple[Chart, ...] = field(default=())


# ---------------------------------------------------------------- building it

def _w(words: Words, msgid: str, **values: str) -> Text:
    text = words(msgid)
    return Text.plain(text % values if values else text)


class _Builder:
    def __init__(self, brief: Brief, words: Words) -> None:
        self.b = brief
        self.words = words

    def w(self, msgid: str, **values: str) -> Text:
        return _w(self.words, msgid, **values)

    def columns(self, spec: Sequence[tuple[str, str, float, bool, bool]]) -> tuple[Column, ...]:
        return tuple(Column(key, self.w(msgid), width, numeric, whole) for key, msgid, width, numeric, whole in spec)

    def charts(self, place: str) -> list[Node]:
        return [ChartNode(c, self.w("Chart")) for c in self.b.charts if CHART_PLACES.get(c.kind, "scorecard") == place]

    # -- title

    def title(self) -> TitleBlock:
        b = self.b
        facts = [
            Fact(self.w("Issued by"), b.issuer), Fact(self.w("Presented"), b.presented),
            Fact(self.w("Region"), b.region), Fact(self.w("Review year"), Text.plain(b.review_year)),
            Fact(self.w("Plan year"), Text.plain(b.plan_year)),
            Fact(self.w("Source file"), Text.plain(b.source_file), file=True),
            Fact(self.w("Source address"), Text.plain(b.source_url), file=True),
            Fact(self.w("Generated"), Text.plain(b.generated)),
        ]
        return TitleBlock(self.kicker(), b.title, tuple(f for f in facts if f.value), self.w("At a glance"),
                          b.headline, b.glance_tally, draft=self.draft())

    def draft(self) -> Text:
        """A rendered brief with terms the glossary lacks is a draft, and says how many."""
        n = len(self.b.gap_terms) if self.b.rendered else 0
        if not n:
            return Text()
        return self.w(DRAFT_WORDS.get(n, DRAFT_WORDS[0]), n=str(n))

    def kicker(self) -> Text:
        b = self.b
        return b.kicker or self.w("%(region)s %(year)s plan report: brief", region=str(b.region), year=b.plan_year)

    # -- the executive summary

    def executive(self) -> Block | None:
        e = self.b.executive
        if not e:
            return None
        children: list = [Heading(self.w("Executive summary"), 2)]
        if e.paragraph:
            children.append(Para(e.paragraph, "lead"))
        if e.points:
            children.append(Bullets(e.points, "points"))
        if e.untranslated:
            children.append(self.untranslated(e.untranslated))
        return Block("executive", tuple(children), "executive")

    def untranslated(self, n: int) -> Para:
        return Para(self.w("Sentences awaiting translation: %(n)s", n=str(n)), "note")

    # -- the review

    def scorecard(self) -> Block | None:
        b = self.b
        if not (b.score_rows or b.tallies):
            return None
        children: list = [Heading(self.w("Review scorecard"), 2, b.review_year)]
        if b.score_origin:
            children.append(Para(b.score_origin, "origin"))
        if b.estimate_note:
            children.append(Para(b.estimate_note, "origin"))
        if b.score_rows:
            unit = b.score_unit_column
            columns = self.columns((
                ("no", "No.", 0.05, True, True), ("name", "Indicator", 0.25, False, False),
                *((("unit", "Unit", 0.07, False, True),) if unit else ()),
                ("target", "Target", 0.11, True, True),
                ("actual", "Actual", 0.11, True, True), ("status", "Status", 0.11, False, True),
                ("reason", "Reason", 0.21, False, False), ("src", "Source", 0.09, False, False),
            ))
            if b.actual_heading:
                columns = tuple(Column(c.key, b.actual_heading, c.width, c.numeric, c.whole) if c.key == "actual"
                                else c for c in columns)
            groups = _grouped(b.score_rows, lambda r: Row((
                Cell(Text.plain(r.number), muted=True),
                Cell(r.name, binding=r.binding, level=r.level),
                *((Cell(r.unit, value=True),) if unit else ()),
                Cell(r.target, value=True),
                Cell(r.actual, value=True),
                Cell(badges=(Badge(("status", r.status.key), r.status.label),)),
                Cell(r.reason, notes=_notes((r.cause, *r.notes), r.findings)),
                Cell(Text.plain(r.source)),
            ), ("status", r.status.key), r.level, r.binding))
            children.append(_without_empty_columns(Table("scorecard", columns, groups), EVER_SHOWN))
            if any(r.binding for r in b.score_rows):
                children.append(Para(self.w("* binding indicator; all others are anticipatory."), "note"))
            children += [Para(g, "note") for g in b.general_causes]
        if b.tallies:
            children += [Heading(self.w("Tallies"), 3), self.tallies()]
        children += self.charts("scorecard")
        return Block("scorecard", tuple(children))

    def tallies(self) -> Table:
        columns = self.columns((
            ("kind", "Type", 0.15, False, False), ("counts", "Status", 0.33, False, False),
            ("total", "Total", 0.08, True, True), ("stated", "Stated in the report", 0.30, False, False),
            ("check", "Check", 0.14, False, True),
        ))
        rows = []
        for t in self.b.tallies:
            counts = tuple(Badge(("status", status.key), Text.join([status.label, Text.plain(f"\u00a0{n}")]))
                           for status, n in t.counts)
            if t.agrees is None:
                check = Cell(badges=(Badge(("check", "none"), Text()),))
            else:
                key = "agrees" if t.agrees else "differs"
                check = Cell(badges=(Badge(("check", key), self.w("Agrees" if t.agrees else "Differs")),))
            rows.append(Row((
                Cell(t.kind, header=True), Cell(badges=counts), Cell(Text.plain(str(t.total))),
                Cell(t.stated) if t.stated else Cell(self.w("Not stated"), muted=True), check,
            )))
        return Table("tallies", columns, (RowGroup(Text(), tuple(rows)),))

    # -- the plan

    def plan(self) -> Block | None:
        b = self.b
        if not (b.plan_rows or b.retired):
            return None
        children: list = [Heading(self.w("Plan targets"), 2, b.plan_year)]
        if b.plan_origin:
            children.append(Para(b.plan_origin, "origin"))
        if b.plan_rows:
            unit, outcome = b.plan_unit_column, b.plan_outcome_column
            columns = self.columns((
                ("no", "No.", 0.05, True, True), ("name", "Indicator", 0.34, False, False),
                *((("unit", "Unit", 0.07, False, True),) if unit else ()),
                ("target", "This year", 0.095, True, True), ("previous", "Last year", 0.095, True, True),
                *((("outcome", "Outcome", 0.095, True, True),) if outcome else ()),
                ("change", "Change", 0.16, False, False), ("src", "Source", 0.095, False, False),
            ))
            if outcome:
                columns = tuple(Column(c.key, b.outcome_heading, c.width, c.numeric, c.whole) if c.key == "outcome"
                                else c for c in columns)

            def dash(text: Text) -> Cell:
                return Cell(text, value=True) if text else Cell(Text.plain("—"), muted=True)

            def mark(p) -> str:
                return p.mark or p.change_key

            groups = _grouped(b.plan_rows, lambda p: Row((
                Cell(Text.plain(p.number), muted=True),
                Cell(p.name, binding=p.binding, level=p.level, notes=_notes(p.notes, p.findings)),
                *((Cell(p.unit, value=True),) if unit else ()),
                Cell(p.target, value=True, notes=_notes((p.benchmark,), ())),
                dash(p.previous),
                *((dash(p.outcome),) if outcome else ()),
                Cell(badges=(Badge(("change", mark(p)), p.change),)) if mark(p) else Cell(p.change),
                Cell(Text.plain(p.source)),
            ), ("change", mark(p)) if mark(p) else None, p.level, p.binding))
            children.append(_without_empty_columns(Table("plan", columns, groups), EVER_SHOWN))
            if any(p.binding for p in b.plan_rows):
                children.append(Para(self.w("* binding indicator; all others are anticipatory."), "note"))
        if b.retired:
            children += [Heading(self.w("Retired indicators"), 3),
                         Para(self.w("Retired indicators are those in last year's plan that this year's plan no "
                                     "longer lists."), "note"),
                         Bullets(b.retired, "retired")]
        return Block("plan", tuple(children))

    # -- projects

    def projects(self) -> Block | None:
        b = self.b
        if not b.projects:
            return None
        children: list = [Heading(self.w("Major projects"), 2)]
        for tb in b.projects:
            if tb.title:
                children.append(Heading(tb.title, 3))
            numeric = set(tb.numeric_columns)
            columns = tuple(Column(f"c{i}", h, 0.0, i in numeric, i in numeric) for i, h in enumerate(tb.header))
            rows = tuple(Row(tuple(Cell(v, value=i in numeric) for i, v in enumerate(row))) for row in tb.rows)
            children.append(Table("projects", columns, (RowGroup(Text(), rows),), fixed=False))
            if tb.source:
                children.append(self.source(tb.source))
        children += self.charts("projects")
        return Block("projects", tuple(children))

    def source(self, where: str) -> Para:
        return Para(self.w("Source: %(where)s", where=where), "source")

    # -- summaries

    def summaries(self, block_id: str, msgid: str, sections: Sequence[SectionBrief]) -> Block | None:
        if not sections:
            return None
        children: list = [Heading(self.w(msgid), 2)]
        part = ""
        for s in sections:
            if s.part and str(s.part) != part:
                part = str(s.part)
                children.append(Para(s.part, "part"))
            body: list = [Heading(s.heading, 3)]
            if s.summary:
                body.append(Para(s.summary, "summary"))
            if s.untranslated:
                body.append(self.untranslated(s.untranslated))
            if s.items:
                body.append(Bullets(s.items))
            if s.figures:
                body.append(Figures(self.w("Key figures"), s.figures))
            if s.source:
                body.append(self.source(s.source))
            children.append(Article(tuple(body)))
        return Block(block_id, tuple(children), "summaries")

    # -- notes and terms

    def pending(self) -> Block | None:
        b = self.b
        if not b.pending:
            return None
        columns = self.columns((("zh", "The report's words", 0.56, False, False),
                                ("place", "Left out of", 0.24, False, True), ("where", "Where", 0.20, False, True)))
        rows = tuple(Row((Cell(p.text, lang=b.source_tag), Cell(self.w(PLACE_WORDS.get(p.place, "Other text"))),
                          Cell(p.where))) for p in b.pending)
        return Block("pending", (Heading(self.w("Pending translation"), 2),
                                 Para(self.w("These texts of the report await an English rendering in the glossary; "
                                             "until then the brief leaves them out (a heading is shown by its "
                                             "topic)."), "note"),
                                 Table("pending", columns, (RowGroup(Text(), rows),))))

    def findings(self) -> Block | None:
        if not self.b.findings:
            return None
        columns = self.columns((("severity", "Severity", 0.14, False, True), ("note", "Note", 0.66, False, False),
                                ("where", "Where", 0.20, False, True)))
        rows = tuple(Row((Cell(badges=(Badge(("severity", f.severity), f.severity_label),)), Cell(f.message),
                          Cell(f.where)), ("severity", f.severity)) for f in self.b.findings)
        return Block("findings", (Heading(self.w("Notes on the source"), 2),
                                  Table("findings", columns, (RowGroup(Text(), rows),))))

    def terms(self) -> Block | None:
        if not self.b.terms:
            return None
        columns = self.columns((("zh", "Chinese", 0.42, False, False), ("en", "English", 0.58, False, False)))
        rows = tuple(Row((Cell(Text.plain(t.zh), lang="zh-Hans"), Cell(Text.plain(t.en)))) for t in self.b.terms)
        return Block("terms", (Heading(self.w("Key terms"), 2), Table("terms", columns, (RowGroup(Text(), rows),),
                                                                       flow=2)))

    # -- the whole

    def outline(self) -> Outline:
        b = self.b
        blocks = [self.executive(), self.scorecard(), self.plan(), self.projects(),
                  self.summaries("overview", "Outlook", b.overview),
                  self.summaries("sections", "Section summaries", b.sections),
                  self.findings(), self.pending(), self.terms()]
        gap = b.gaps[0] if b.gaps else ""
        title = self.title()
        return Outline(
            lang=b.lang, html_lang=b.html_lang, title=title,
            blocks=tuple(x for x in blocks if x is not None),
            running_head=self.kicker(),
            draft=title.draft,  # counted once: the gap count walks every text of the brief
            colophon=self.w("Generated on %(date)s from %(source)s. Figures are taken from the report as published.",
                            date=b.generated, source=b.source_file),
            description=self.words("Brief of the plan report: indicator scorecard, plan targets, major projects "
                                   "and section summaries."),
            keywords=b.keywords,
            gap_legend=self.w("Not in the glossary: shown in Chinese") if gap else Text(),
            gap_example=Text((Segment(gap, lang=b.source_tag, gap=True),)) if gap else Text(),
            charts=b.charts,
        )


DRAFT_WORDS = {1: "Draft — %(n)s term awaits translation", 0: "Draft — %(n)s terms await translation"}  # by count
PLACE_WORDS = {"heading": "Heading", "item": "Item title", "key_figure": "Key figure", "headline": "At a glance"}
EVER_SHOWN = frozenset({"no", "name", "status", "change", "src"})  # columns kept even when empty


def _without_empty_columns(t: Table, keep: frozenset[str]) -> Table:
    """The table without the columns no row fills (a review from prose has no target or outcome cells);
    the widths of those left are scaled to the whole width again."""
    shown = [i for i, c in enumerate(t.columns)
             if c.key in keep or any(_filled(r.cells[i]) for r in t.rows)]
    if len(shown) == len(t.columns):
        return t
    total = sum(t.columns[i].width for i in shown) or 1.0
    columns = tuple(dataclasses.replace(t.columns[i], width=t.columns[i].width / total) for i in shown)
    groups = tuple(RowGroup(g.heading, tuple(dataclasses.replace(r, cells=tuple(r.cells[i] for i in shown))
                                             for r in g.rows)) for g in t.groups)
    return dataclasses.replace(t, columns=columns, groups=groups)


def _filled(c: Cell) -> bool:
    return bool(c.text) and not c.muted or bool(c.badges) or bool(c.notes)


def _notes(texts: Iterable[Text], findings: Iterable[Finding]) -> tuple[Note, ...]:
    """A row's small-type lines: its notes (empty ones left out), then its findings with their severity."""
    return (*(Note(t) for t in texts if t), *(Note(f.message, ("severity", f.severity)) for f in findings))


def _grouped(rows: Sequence, make: Callable[[object], Row]) -> tuple[RowGroup, ...]:
    """Rows into groups by their category (a row with no category stays in the group before it)."""
    groups: list[tuple[Text, list[Row]]] = []
    current = ""
    for r in rows:
        name = str(r.category)
        if not groups or (name and name != current):
            groups.append((r.category if name else Text(), []))
            current = name or current
        groups[-1][1].append(make(r))
    return tuple(RowGroup(heading, tuple(items)) for heading, items in groups)


def build_outline(brief: Brief, words: Words) -> Outline:
    """The outline of ``brief``; ``words`` looks a msgid up in the brief language's catalogue."""
    return _Builder(brief, words).outline()
