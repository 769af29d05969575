"""The brief model: what the renderers lay out, one instance per language.

Everything here is already computed and localised: renderers (HTML/PDF,
DOCX) only place it on the page. They never parse the report, compute a
figure or choose words; fixed interface strings ("Target", "达成") come from
the message catalogs in ``templates/locale``.

Localised text is a :class:`Text`: a tuple of :class:`Segment`. A segment
in another language than the brief (a Chinese term in the English brief)
carries ``lang``; a term the glossary lacks is a *gap* segment, which the
renderers show visibly marked (and ``STRICT=1`` refuses).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True)
class Segment:
    text: str
    lang: str | None = None  # BCP 47 tag when it differs from the brief's ("zh-Hans")
    gap: bool = False  # glossary gap: Chinese shown because no rendering exists


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


@dataclass(frozen=True)
class Figure:
    """A key or headline figure: what it measures and its formatted value."""

    label: Text  # the metric, e.g. "Investment completed by municipal key projects"
    value: Text  # formatted per locale, e.g. "CNY 410.4 billion"
    source: str  # where it comes from, e.g. "line 23"
    kind: str = ""  # level | growth | share | count | pp | rank | target | outcome
    note: Text = Text()  # what the value is read against: "target about 5.5%", "2022: 0.7%", "2025 target: about 5%"
    status: str = ""  # an outcome against its target: met | missed (the status key); else ""


@dataclass(frozen=True)
class Status:
    """A scorecard status as shown: the key picks colour and glyph (templates/tokens.yaml), the word is for readers."""

    key: str  # met | missed | no_target | not_comparable | qualitative | unscored
    label: Text


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
    previous: Text  # last year's target, empty if new
    change_key: str  # new | raised | lowered | unchanged | reworded | replaced
    change: Text
    level: int = 0
    category: Text = Text()
    source: str = ""


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
class Finding:
    severity: str  # error | warning | info
    severity_label: Text
    message: Text
    where: Text  # "lines 19, 259" / "第19、259行"


@dataclass(frozen=True)
class TermPair:
    zh: str
    en: str


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
    plan_rows: tuple[PlanRow, ...] = ()
    retired: tuple[Text, ...] = ()
    plan_origin: Text = Text()
    projects: tuple[TableBlock, ...] = ()
    charts: tuple[Chart, ...] = ()
    sections: tuple[SectionBrief, ...] = ()
    overview: tuple[SectionBrief, ...] = ()  # the outlook part (situation, requirements, targets, projects)
    findings: tuple[Finding, ...] = ()
    terms: tuple[TermPair, ...] = ()  # English brief: appendix of key terms
    warnings: tuple[str, ...] = ()
    generated_iso: str = ""  # the generation date as YYYY-MM-DD (PDF/HTML metadata)

    def texts(self) -> Iterator[Text]:
        """Every localised text of the brief (for gap counting and number QA)."""
        yield from (self.title, self.kicker, self.presented, self.issuer, self.region, self.score_origin,
                    self.plan_origin)
        yield from self.glance_tally
        yield from self.retired
        yield self.executive.paragraph
        yield from self.executive.points
        for f in self.headline:
            yield from (f.label, f.value, f.note)
        for r in self.score_rows:
            yield from (r.name, r.unit, r.target, r.actual, r.status.label, r.reason, r.category, r.cause)
        for t in self.tallies:
            yield from (t.kind, t.stated)
        for p in self.plan_rows:
            yield from (p.name, p.unit, p.target, p.previous, p.change, p.category)
        for tb in self.projects:
            yield tb.title
            yield from tb.header
            for row in tb.rows:
                yield from row
        for s in (*self.overview, *self.sections):
            yield from (s.part, s.heading, s.summary, *s.items)
            for f in s.figures:
                yield from (f.label, f.value, f.note)
        for fd in self.findings:
            yield from (fd.severity_label, fd.message, fd.where)

    @property
    def gaps(self) -> list[str]:
        return [g for t in self.texts() for g in t.gaps]

    @property
    def untranslated(self) -> int:
        """Sentences this language leaves out for want of glossary terms (executive summary and sections)."""
        return self.executive.untranslated + sum(s.untranslated for s in (*self.overview, *self.sections))
