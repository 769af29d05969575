"""The portfolio page model, per language: every report of a build on one page.

:func:`build_portfolio_page` turns the cross-report stage's
:class:`~generator.analyse.portfolio.Portfolio` and what the build wrote
(:class:`BuiltReport`: each report's output files, or why it failed) into a
:class:`PortfolioPage` the renderer only lays out: one row per report
(region, level, genre, years, issuer, tallies, links to its briefs and
scorecard), the target matrix (standard measures × reports: target, last
year's outcome, the national target beside a regional one), the continuity
findings, and the reports that failed with their one-line reason.

Words come from the message catalogues, names through the glossary (the
report's own language keeps them as written), numbers through the voice's
:class:`~generator.localise.numbers.NumberFormat`; the rendered language's
page passes the same number QA as a brief.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from babel import Locale

from generator.analyse.corpus import CorpusAnalysis
from generator.analyse.portfolio import MatrixCell, MatrixRow, Portfolio, ReportEntry, TallyFigures
from generator.analyse.profile import Genre, Level
from generator.brief import Text
from generator.errors import GlossaryError
from generator.lexicon.languages import Language
from generator.localise.crossreport import CrossReportWords
from generator.localise.voice import RenderedVoice, Voice, make_voice
from generator.project import Project

LEVEL_WORDS: dict[Level, str] = {
    Level.NATIONAL: "National", Level.PROVINCIAL: "Provincial", Level.MUNICIPAL: "Municipal",
    Level.COUNTY: "County", Level.UNKNOWN: "Level not known",
}
GENRE_WORDS: dict[Genre, str] = {Genre.PLAN_REPORT: "Plan report", Genre.WORK_REPORT: "Government work report"}
GROUP_WORDS: dict[str, str] = {"binding": "Binding", "expected": "Anticipatory", "all": "All indicators"}
# Output files of a report, as the build names them: suffix -> link label (per language for briefs).
BRIEF_FORMATS = ("html", "pdf", "docx")
DATA_FILES = ("scorecard.csv", "scorecard.json")
MATRIX_COLUMNS_PER_TABLE = 4  # report columns per matrix table: a phone and an A4 page hold them


@dataclass(frozen=True)
class BuiltReport:
    """What the build has for one report: its output files (relative to the output folder) or why it failed."""

    name: str
    files: tuple[str, ...] = ()
    error: str | None = None  # the one-line reason, when this build could not (re)build it


@dataclass(frozen=True)
class Failure:
    """A source that could not be read or analysed: no row of its own, only the reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class Link:
    label: str  # HTML | PDF | DOCX | CSV | JSON
    href: str  # relative to the portfolio page


@dataclass(frozen=True)
class LinkGroup:
    label: Text  # a language's name, or "Scorecard"
    links: tuple[Link, ...]
    lang: str = ""  # BCP 47 tag of the linked documents, when they are in one language


@dataclass(frozen=True)
class ReportRow:
    key: str  # the report's name (anchor)
    region: Text
    level_key: str
    level: Text
    genre: Text
    review_year: str
    plan_year: str
    issuer: Text
    source_file: str
    tallies: tuple[Text, ...]
    links: tuple[LinkGroup, ...]
    notes: tuple[Text, ...] = ()  # continuity and benchmark remarks
    error: str = ""  # why this build failed for it (its links are the previous outputs)


@dataclass(frozen=True)
class Column:
    key: str
    region: Text
    year: str  # plan year


@dataclass(frozen=True)
class Cell:
    target: Text = Text()
    name: Text = Text()  # the report's indicator, when the measure has several
    outcome: Text = Text()  # last year's outcome
    benchmark: Text = Text()  # the national target beside a regional one


@dataclass(frozen=True)
class MatrixTable:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Text, tuple[Cell, ...]], ...]  # (measure label, one cell per column)


@dataclass(frozen=True)
class ContinuityRow:
    report: Text  # the later report (region, years)
    key: str
    severity: str
    severity_label: Text
    message: Text
    where: Text


@dataclass
class PortfolioPage:
    lang: str
    html_lang: str
    title: Text
    generated: str
    generated_iso: str
    summary: Text
    reports: tuple[ReportRow, ...] = ()
    matrix: tuple[MatrixTable, ...] = ()
    continuity: tuple[ContinuityRow, ...] = ()
    failures: tuple[Failure, ...] = ()
    pages: tuple[tuple[Text, str, str], ...] = ()  # (language name, href, html lang) of every language's page
    downloads: tuple[Link, ...] = ()  # this page as PDF, the combined scorecards
    source_tag: str = "zh-Hans"  # BCP 47 tag of the reports' own language
    rendered: bool = False  # the page is in a language rendered from the reports'

    def texts(self) -> Iterable[Text]:
        """Every localised text of the page (number QA, tests)."""
        yield from (self.title, self.summary)
        for r in self.reports:
            yield from (r.region, r.level, r.genre, r.issuer, *r.tallies, *r.notes)
            yield from (g.label for g in r.links)
        for table in self.matrix:
            for c in table.columns:
                yield c.region
            for label, cells in table.rows:
                yield label
                for cell in cells:
                    yield from (cell.target, cell.name, cell.outcome, cell.benchmark)
        for c in self.continuity:
            yield from (c.report, c.severity_label, c.message, c.where)
        yield from (name for name, _, _ in self.pages)


def build_portfolio_page(corpus: CorpusAnalysis, built: Mapping[str, BuiltReport], failures: Iterable[Failure],
                         project: Project, lang: Language, generated: date,
                         pages: Mapping[str, str], downloads: Iterable[Link] = ()) -> PortfolioPage:
    """The portfolio page in ``lang``; ``pages``: language code -> file name of that language's page."""
    voice = make_voice(lang, project.messages, project.units, project.glossary, project.source_language.html_lang)
    return _Builder(voice, CrossReportWords(voice, project.catalogue, project.source_language.html_lang),
                    project, corpus.portfolio or Portfolio(), built).page(
        generated, tuple(failures), pages, tuple(downloads))


@dataclass
class _Builder:
    voice: Voice
    cross: CrossReportWords
    project: Project
    portfolio: Portfolio
    built: Mapping[str, BuiltReport]

    def page(self, generated: date, failures: tuple[Failure, ...], pages: Mapping[str, str],
             downloads: tuple[Link, ...]) -> PortfolioPage:
        v = self.voice
        failed = failures + tuple(Failure(b.name, b.error) for b in self.built.values()
                                  if b.error and self.portfolio.entry(b.name) is None)
        page = PortfolioPage(
            lang=v.lang, html_lang=v.html_lang, source_tag=self.project.source_language.html_lang,
            rendered=not v.language.source,
            title=v.word("Portfolio of plan-report briefs"),
            generated=v.date(generated), generated_iso=generated.isoformat(),
            summary=v.word("Reports: %(n)s. Could not be built: %(failed)s.",
                           n=v.count(len(self.portfolio.reports)), failed=v.count(len(failed))),
            reports=tuple(self.report(e) for e in self.portfolio.reports),
            matrix=self.matrix(),
            continuity=tuple(self.continuity()),
            failures=failed,
            pages=tuple((self.language_name(code), href, self.project.language(code).html_lang)
                        for code, href in pages.items()),
            downloads=downloads,
        )
        if isinstance(v, RenderedVoice):
            problems = v.number_qa(list(page.texts()))
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise GlossaryError(f"number QA failed on the portfolio page: {problems[0]}{more}",
                                    self.project.paths.units)
        return page

    def language_name(self, code: str) -> Text:
        other = self.project.language(code)
        return Text.plain(Locale.parse(other.babel).get_language_name(self.voice.language.babel) or code)

    # ------------------------------------------------------------ reports

    def region(self, e: ReportEntry) -> Text:
        region = e.profile.region
        return self.voice.term(region, "place") if region else Text.plain(e.source_file)

    def report(self, e: ReportEntry) -> ReportRow:
        v, p = self.voice, e.profile
        built = self.built.get(e.name, BuiltReport(e.name))
        return ReportRow(
            key=e.name, region=self.region(e), level_key=p.level.value, level=v.word(LEVEL_WORDS[p.level]),
            genre=v.word(GENRE_WORDS[p.genre]), review_year=str(p.review_year or ""),
            plan_year=str(p.plan_year or ""),
            issuer=v.term(p.issuer, "organisation") if p.issuer else Text(),
            source_file=e.source_file,
            tallies=tuple(self.tally(t) for t in e.tallies),
            links=self.links(built.files),
            notes=tuple(self.notes(e)),
            error=built.error or "",
        )

    def tally(self, t: TallyFigures) -> Text:
        v = self.voice
        text = v.word("%(group)s: %(met)s met, %(missed)s missed of %(total)s", group=v.word(GROUP_WORDS[t.group]),
                      met=v.count(t.met), missed=v.count(t.missed), total=v.count(t.total))
        return Text.join([text, v.word(" (as the report states)")]) if t.stated else text

    def links(self, files: tuple[str, ...]) -> tuple[LinkGroup, ...]:
        groups = []
        for lang in self.project.languages:
            links = tuple(Link(fmt.upper(), f) for fmt in BRIEF_FORMATS for f in files if f.endswith(f".{lang.code}.{fmt}"))
            if links:
                groups.append(LinkGroup(self.language_name(lang.code), links, lang.html_lang))
        data = tuple(Link(name.rsplit(".", 1)[1].upper(), f) for name in DATA_FILES for f in files
                     if f.rsplit("/", 1)[-1] == name)
        if data:
            groups.append(LinkGroup(self.voice.word("Scorecard"), data))
        return tuple(groups)

    def notes(self, e: ReportEntry) -> Iterable[Text]:
        v = self.voice
        if e.earlier:
            earlier = self.portfolio.entry(e.earlier)
            yield v.word("Reviews the plan of %(report)s; continuity findings: %(n)s",
                         report=self.column_label(earlier) if earlier else Text.plain(e.earlier),
                         n=v.count(len(e.continuity)))
        if e.national:
            national = self.portfolio.entry(e.national)
            yield v.word("Targets beside the national ones of %(report)s",
                         report=self.column_label(national) if national else Text.plain(e.national))

    def column_label(self, e: ReportEntry) -> Text:
        return self.voice.word("%(region)s, %(year)s plan", region=self.region(e), year=str(e.profile.plan_year or ""))

    # ------------------------------------------------------------ matrix

    def matrix(self) -> tuple[MatrixTable, ...]:
        entries = self.portfolio.reports
        tables = []
        for start in range(0, len(entries), MATRIX_COLUMNS_PER_TABLE):
            chunk = entries[start: start + MATRIX_COLUMNS_PER_TABLE]
            columns = tuple(Column(e.name, self.region(e), str(e.profile.plan_year or "")) for e in chunk)
            rows = tuple((self.measure_label(row), tuple(self.cell(row, e) for e in chunk))
                         for row in self.portfolio.matrix if any(e.name in row.cells for e in chunk))
            if rows:
                tables.append(MatrixTable(columns, rows))
        return tuple(tables)

    def measure_label(self, row: MatrixRow) -> Text:
        ids = [i for i in row.measure.ids if any(c.indicator_id == i for c in row.cells.values())]
        names = []
        for indicator_id in ids:
            definition = self.project.catalogue.get(indicator_id)
            if definition is not None:
                names.append(self.cross.indicator(definition.name_zh))
        return Text.join(names, " / ")

    def cell(self, row: MatrixRow, e: ReportEntry) -> Cell:
        c: MatrixCell | None = row.cells.get(e.name)
        if c is None:
            return Cell()
        v = self.voice
        several = len({x.indicator_id for x in row.cells.values()}) > 1
        outcome = Text()
        if c.outcome:
            outcome = v.word("%(year)s outcome: %(value)s", year=str(e.profile.review_year or ""),
                             value=self.cross.target(c.outcome, c.outcome_unit, c.name_zh))
        return Cell(
            target=self.cross.target(c.target, c.unit, c.name_zh) if c.target else Text(),
            name=self.cross.indicator(c.name_zh) if several else Text(),
            outcome=outcome,
            benchmark=self.cross.benchmark(c.benchmark, c.indicator_id) if c.benchmark else Text(),
        )

    # ------------------------------------------------------------ continuity

    def continuity(self) -> Iterable[ContinuityRow]:
        v = self.voice
        for e in self.portfolio.reports:
            for f in e.continuity:
                yield ContinuityRow(
                    report=self.column_label(e), key=e.name, severity=f.severity,
                    severity_label=self.cross.severity(f.severity), message=self.cross.continuity(f),
                    where=Text.plain(v.line_ref(f.reviewed_line)),
                )
