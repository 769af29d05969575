"""The brief model: what the renderers lay out, one instance per language.

Everything here is already computed and localised: renderers (HTML/PDF,
DOCX) only place it on the page. They never parse the report, compute a
figure or choose words; fixed interface strings ("Target", "达成") come from
the message catalogs in ``templates/locale``.

Localised text is a :class:`Text`: a tuple of :class:`Segment`. A segment
in another language than the brief (a Chinese term in the English brief)
carries ``lang``; a term the glossary lacks is a *gap* segment, which the
renderers show visibly marked (and ``STRICT=1`` refuses). In a draft build a
gap whose glossary entry holds a suggested rendering (``status: suggested``)
is shown as that English, marked as a suggestion (``suggestion_of`` names the
Chinese term; renderers style it, HTML class ``suggested``).

The gap count of a brief is :attr:`Brief.gap_terms`: the distinct terms shown
as gaps or suggestions, the number the build prints and ``glossary gaps`` lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True)
class Segment:
    text: str
    lang: str | None = None  # BCP 47 tag when it differs from the brief's ("zh-Hans")
    gap: bool = False  # glossary gap: Chinese shown because no rendering exists
    suggestion_of: str = ""  # draft builds: the Chinese term this English is a not-yet-accepted suggestion for


@dataclass(frozen=True)
class Text:
    segments: tuple[Segment, ...] = ()

    @classmethod
    def plain(cls, text: str) -> "Text":
        return cls((Segment(text),)) if text else cls()

    @classmethod
    def join(cls, parts: Iterable["Text | str"], sep: str = "") -> "Text":
        out: list[Segment] = []
        for i, part in enumerate(parts):
            if i and sep:
                out.append(Segment(sep))
            out.extend(part.segments if isinstance(part, Text) else (Segment(part),))
        return cls(tuple(s for s in out if s.text))

    def __str__(self) -> str:
        return "".join(s.text for s in self.segments)

    def __bool__(self) -> bool:
        return any(s.text for s in self.segments)

    @property
    def gaps(self) -> list[str]:
        return [s.text for s in self.segments if s.gap]

    @property
    def unaccepted(self) -> list[str]:
        """The Chinese terms without an accepted rendering: gaps and (draft builds) suggestions."""
        return [s.text if s.gap else s.suggestion_of for s in self.segments if s.gap or s.suggestion_of]


@dataclass(frozen=True)
class Figure:
    """A key or headline figure: what it measures and its formatted value."""

    label: Text  # the metric, e.g. "Investment completed by municipal key projects"
    value: Text  # formatted per locale, e.g. "CNY 52.3 billion"
    source: str  # where it comes from, e.g. "line 23"
    kind: str = ""  # level | growth | share | count | pp | rank | target | outcome
    note: Text = Text()  # what the value is read against: "target about 6%", "2030: 1.2%", "2031 target: about 5%"
    status: str = ""  # an outcome against its target: met | missed (the status key); else ""


@dataclass(frozen=True)
class Status:
    """A scorecard status as shown: the key picks colour and glyph (templates/tokens.yaml), the word is for readers."""

    key: str  # met | missed | no_target | not_comparable | qualitative | unscored
    label: Text


@dataclass(frozen=True)
class Finding:
    """A note on the source: in the notes section, or on the table row it concerns (short form)."""

    severity: str  # error | warning | info
    severity_label: Text
    message: Text
    where: Text  # "lines 19, 259" / "第19、259行"
    passed: bool = False  # the one line counting the checks the report passed


@dataclass(frozen=True)
class ScoreRow:
    number: str
    name: Text
    unit: Text
    binding: bool
    target: Text
    actual: Text
    status: Status
    reason: Text
    level: int = 0  # 1 for sub-rows
    category: Text = Text()
    source: str = ""
    cause: Text = Text()  # the report's own explanation of the outcome, if it gives one
    general_cause: bool = False  # the report gives only its general factors (Brief.general_causes); cause points there
    notes: tuple[Text, ...] = ()  # what a reader must know to read the values (an index shown as its rate …)
    findings: tuple[Finding, ...] = ()  # the notes on the source that concern this row, short form, lines cited


@dataclass(frozen=True)
class TallyRow:
    kind: Text  # "Binding" / "Anticipatory"
    counts: tuple[tuple[Status, int], ...]
    total: int
    stated: Text  # the report's own words, localised summary; empty when none
    agrees: bool | None  # None when the report states no tally


@dataclass(frozen=True)
class PlanRow:
    number: str
    name: Text
    unit: Text
    binding: bool
    target: Text
    previous: Text  # last year's target of this indicator; empty if new or replaced (see notes)
    change_key: str  # the change kind: new | raised | lowered | unchanged | firmed | pending | reworded | replaced …
    change: Text  # the change in words, ambition first where known ("More ambitious (lowered)")
    level: int = 0
    category: Text = Text()
    source: str = ""
    benchmark: Text = Text()  # the national target of the same measure and plan year, when the build has it
    ambition: str = "unknown"  # more | less | same | unknown: by the indicator's polarity, not the number's direction
    mark: str = ""  # design-token key of the change mark (templates/tokens.yaml `change`): more | less | the kind
    outcome: Text = Text()  # last year's outcome of the same indicator (the review row), empty when none
    outcome_status: str = ""  # that review row's status key (met | missed …), "" when none
    renamed_from: Text = Text()  # last year's name when the indicator was renamed
    definition_changed: bool = False  # renamed and the report says its statistical basis changed
    notes: tuple[Text, ...] = ()  # renamed / definition changed / replaced / index shown as its rate
    findings: tuple[Finding, ...] = ()  # the notes on the source that concern this row, short form


@dataclass(frozen=True)
class TableBlock:
    """A plain table (major projects by sector, by funding source)."""

    title: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    source: str = ""
    numeric_columns: tuple[int, ...] = ()  # right-aligned columns


@dataclass(frozen=True)
class ChartPoint:
    label: str  # localised category label (indicator or sector name)
    value: float | None  # actual (dumbbell) or bar value
    target: float | None = None  # dumbbell: the target
    group: str = ""  # localised group (indicator category)
    status: str = ""  # status key, for colour
    value_text: str = ""  # the value as the brief writes it (bar labels), formatted by the localiser


@dataclass(frozen=True)
class Chart:
    """Data for one chart; ``render.charts`` draws it once per brief (SVG + PNG)."""

    key: str  # file stem, e.g. "scorecard"
    kind: str  # "dumbbell" | "bar"
    title: str
    alt: str  # alt text in the brief's language
    unit: str  # axis label
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True)
class SectionBrief:
    part: Text
    heading: Text
    summary: Text  # the report's language: chosen sentences of the section; a rendered one: sentences built from facts
    items: tuple[Text, ...]
    figures: tuple[Figure, ...]
    source: str = ""
    untranslated: int = 0  # sentences this language leaves out of the summary for want of glossary terms


@dataclass(frozen=True)
class Executive:
    """The executive summary: a paragraph and at most five points, said from the analysis' facts."""

    paragraph: Text = Text()
    points: tuple[Text, ...] = ()
    untranslated: int = 0  # its sentences this language leaves out for want of glossary terms

    def __bool__(self) -> bool:
        return bool(self.paragraph) or any(self.points)




@dataclass(frozen=True)
class TermPair:
    zh: str
    en: str


# Where a brief shows a text, most prominent first (the glossary stubs are ranked by it).
PLACES = ("title", "headline", "scorecard", "heading", "item", "key_figure", "projects", "other")


@dataclass(frozen=True)
class Pending:
    """A text of a rendered brief that awaits translation: left out of the body, listed in an appendix.

    A section heading the glossary lacks is shown by its topic instead; an item
    title, a key figure or a headline figure whose label is a gap is left out.
    """

    text: Text  # the report's own words, as gap segments
    place: str  # where the brief would show it (a :data:`PLACES` key)
    where: Text  # where the report has it ("line 143")


@dataclass
class Brief:
    lang: str  # "zh" | "en"
    html_lang: str  # "zh-Hans" | "en"
    title: Text
    issuer: Text
    region: Text
    review_year: str
    plan_year: str
    source_file: str
    generated: str  # formatted date
    genre: str = "plan_report"  # generator.document.Genre value
    kicker: Text = Text()  # the line above the title: "Hebei 2031 plan report: brief"
    presented: Text = Text()  # when and where it was delivered: "5 March 2031, the Third Session of …"
    source_url: str = ""  # the address of the copy read, when known (http/https only)
    keywords: tuple[str, ...] = ()
    executive: Executive = Executive()  # the executive summary, at the top
    headline: tuple[Figure, ...] = ()
    glance_tally: tuple[Text, ...] = ()  # "13 of 29 anticipatory targets met"
    score_rows: tuple[ScoreRow, ...] = ()
    tallies: tuple[TallyRow, ...] = ()
    score_origin: Text = Text()  # "from the table in Attachment 1" / "from the prose"
    actual_heading: Text = Text()  # heading of the outcome column: "Actual", or "2030 (estimate)" / "2030年预计"
    estimate: bool = False  # the outcomes are the report's estimates, not final figures
    estimate_note: Text = Text()  # says so, with where the report does
    general_causes: tuple[Text, ...] = ()  # the report's general explanation, once, for the rows with general_cause
    score_unit_column: bool = True  # some score row has a unit to show (English values carry their units)
    plan_rows: tuple[PlanRow, ...] = ()
    retired: tuple[Text, ...] = ()
    plan_origin: Text = Text()
    plan_unit_column: bool = True  # some plan row has a unit to show
    outcome_heading: Text = Text()  # heading of the plan table's column of last year's outcomes
    plan_outcome_column: bool = False  # some plan row has last year's outcome
    projects: tuple[TableBlock, ...] = ()
    charts: tuple[Chart, ...] = ()
    sections: tuple[SectionBrief, ...] = ()
    overview: tuple[SectionBrief, ...] = ()  # the outlook part (situation, requirements, targets, projects)
    findings: tuple[Finding, ...] = ()  # problems first, then one line counting the passed checks
    checks_passed: int = 0  # how many checks the report passed (counted on that line)
    terms: tuple[TermPair, ...] = ()  # English brief: appendix of key terms
    pending: tuple[Pending, ...] = ()  # rendered brief: texts left out for glossary gaps (the appendix lists them)
    warnings: tuple[str, ...] = ()
    generated_iso: str = ""  # the generation date as YYYY-MM-DD (PDF/HTML metadata)
    source_tag: str = "zh-Hans"  # BCP 47 tag of the report's own language (text quoted from it)
    rendered: bool = False  # rendered through the glossary from the report's language (not the report's own)
    number_locale: str = ""  # Babel locale of the brief's numbers (charts' axes)

    def placed_texts(self) -> Iterator[tuple[str, Text]]:
        """Every localised text of the brief with where it is shown (a :data:`PLACES` key), in page order."""
        for text in (self.title, self.kicker, self.presented, self.issuer, self.region):
            yield "title", text
        for f in self.headline:
            yield "headline", f.label
            yield "headline", f.value
            yield "headline", f.note
        for text in (self.executive.paragraph, *self.executive.points):
            yield "headline", text
        for text in (self.score_origin, self.plan_origin, self.actual_heading, self.estimate_note,
                     self.outcome_heading, *self.general_causes, *self.glance_tally):
            yield "other", text
        for r in self.score_rows:
            for text in (r.name, r.unit, r.target, r.actual, r.status.label, r.reason, r.category, r.cause,
                         *r.notes):
                yield "scorecard", text
            for fd in r.findings:
                yield "scorecard", fd.message
                yield "scorecard", fd.where
        for t in self.tallies:
            yield "other", t.kind
            yield "other", t.stated
        for p in self.plan_rows:
            for text in (p.name, p.unit, p.target, p.previous, p.change, p.category, p.benchmark, p.outcome,
                         p.renamed_from, *p.notes):
                yield "scorecard", text
            for fd in p.findings:
                yield "scorecard", fd.message
                yield "scorecard", fd.where
        for text in self.retired:
            yield "scorecard", text
        for tb in self.projects:
            for text in (tb.title, *tb.header, *(cell for row in tb.rows for cell in row)):
                yield "projects", text
        for s in (*self.overview, *self.sections):
            yield "heading", s.part
            yield "heading", s.heading
            yield "other", s.summary
            for item in s.items:
                yield "item", item
            for f in s.figures:
                yield "key_figure", f.label
                yield "key_figure", f.value
                yield "key_figure", f.note
        for fd in self.findings:
            for text in (fd.severity_label, fd.message, fd.where):
                yield "other", text
        for p in self.pending:  # counted where the brief would have shown them
            yield p.place, p.text

    def texts(self) -> Iterator[Text]:
        """Every localised text of the brief (for gap counting and number QA)."""
        for _place, text in self.placed_texts():
            yield text

    @property
    def gaps(self) -> list[str]:
        """Every gap segment's text, once per occurrence (as the renderers mark them)."""
        return [g for t in self.texts() for g in t.gaps]

    @property
    def gap_terms(self) -> list[str]:
        """The distinct terms the glossary cannot render, in order of first appearance: the gap count.

        A term shown as a suggestion (draft builds) still counts: nobody has
        accepted its rendering yet.
        """
        return list(dict.fromkeys(g for t in self.texts() for g in t.unaccepted))

    @property
    def untranslated(self) -> int:
        """Sentences this language leaves out for want of glossary terms (executive summary and sections)."""
        return self.executive.untranslated + sum(s.untranslated for s in (*self.overview, *self.sections))
