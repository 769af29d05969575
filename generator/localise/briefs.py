"""Build the brief model (``generator.brief.Brief``) of a document, per language.

The analysis (scorecard, tallies, plan changes, projects, findings,
summaries, key figures, the digest) is computed once; a :class:`~generator.localise.voice.Voice`
per language turns it into words. The Chinese brief keeps the report's own
wording; the English brief renders every term through the glossary and
every number through Babel, then runs the number QA: a wrong conversion or
a number that came from nowhere stops the build. The executive summary and the
headline are said from the digest (:mod:`generator.localise.summary`), key
figures by :mod:`generator.localise.figures`, and a rendered language's
section summaries are sentences built from facts (:mod:`generator.localise.narrative`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from generator.analyse.analysis import Analysis
from generator.analyse.causes import Cause, stated_cause
from generator.analyse.changes import ChangeKind, PlanComparison, PlanIndicator
from generator.analyse.corpus import ReportContext
from generator.analyse.locations import Locations
from generator.analyse.figures import KeyFigure
from generator.analyse.projects import ProjectSummary
from generator.analyse.scorecard import Origin, ScoredIndicator
from generator.analyse.scoring import INDEX_BASE, REASON_SHORT, index_rate, is_index
from generator.analyse.summaries import SectionSummary, Summaries
from generator.brief import (
    Brief, Chart, ChartPoint, Figure, Finding, Pending, PlanRow, ScoreRow, SectionBrief, Status, TableBlock,
    TallyRow, TermPair, Text,
)
from generator.document import Document, Genre
from generator.errors import GlossaryError
from generator.lexicon.catalogue import Catalogue
from generator.lexicon.languages import Language
from generator.lexicon.matcher import TermMatcher
from generator.localise.crossreport import CrossReportWords
from generator.localise.figures import FigureWords
from generator.localise.index_rates import index_cell
from generator.localise.meetings import meeting_en
from generator.localise.narrative import Narrative, proper_words
from generator.localise.plan_marks import change_mark
from generator.localise.source_notes import SEVERITY_ORDER, SourceNotes
from generator.localise.summary import SummaryWords, joined_sentences
from generator.localise.terms import TermRenderer
from generator.localise.voice import RenderedVoice, Voice, make_voice
from generator.localise.wording import Wording
from generator.project import Project
from generator.quantities import Quantity
from generator.targets import TargetKind, parse_target

# Status key -> catalog word. The renderers add the key's colour and glyph (templates/tokens.yaml),
# so the status survives greyscale printing.
STATUS_WORDS: dict[str, str] = {
    "met": "Met",
    "missed": "Missed",
    "no_target": "No target",
    "not_comparable": "Not comparable",
    "qualitative": "Qualitative",
}
STATUS_ORDER = tuple(STATUS_WORDS)
# The line above the title, per genre (catalog msgids).
KICKERS: dict[Genre, str] = {
    Genre.PLAN_REPORT: "%(region)s %(year)s plan report: brief",
    Genre.WORK_REPORT: "%(region)s %(year)s government work report: brief",
}
_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$", re.I)
GROUPS: dict[str, tuple[str, str]] = {  # tally group -> (label, glance sentence)
    "binding": ("Binding", "%(met)s of %(total)s binding targets met"),
    "expected": ("Anticipatory", "%(met)s of %(total)s anticipatory targets met"),
}
# Glance lines for reports without a review table: the report's own stated tallies.
STATED_GLANCE: dict[str, str] = {
    "all": "%(met)s of %(total)s targets met, as the report states",
    "binding": "%(met)s of %(total)s binding targets met, as the report states",
    "expected": "%(met)s of %(total)s anticipatory targets met, as the report states",
}
# Glossary kinds shown in the English appendix of key terms.
# Key terms: names a reader meets again in other reports (indicators, policy terms, places, bodies), not
# the labels of single figures (医院 "hospitals").
APPENDIX_KINDS = ("indicator", "policy", "term", "place", "organisation")
TEXT_ONLY = ("This section states policy in %(n)s sentences, with no figures or item titles to report; "
             "the Chinese brief quotes them.")
PART_WORDS = ("Part %(n)s", "Part %(n)s — %(topic)s")  # a part title without a rendering: by number, topic
SECTION_WORDS = ("Section %(n)s", "Section %(n)s — %(topic)s")
APPENDIX_FOUND_KINDS = ("policy",)  # also listed when the report's text uses them
CHART_VALUE_LIMIT = Decimal(100)  # dumbbell: growth rates and shares, not indices or levels
# An index cell shown as the rate it implies: the words by the rate's sign (catalogue msgids).
GENERAL_MIN_ROWS = 2  # a general explanation given for this many rows is stated once, under the table


def build_brief(analysis: Analysis, project: Project, lang: Language, generated: date,
                context: ReportContext | None = None, draft: bool = False) -> Brief:
    """The brief of an analysed report in ``lang``.

    ``context``: what the cross-report stage found about it; ``draft``: suggested renderings shown, marked, for gaps.
    """
    voice = _voice(project, lang, draft)
    voice.locations = Locations(analysis.doc)
    return BriefBuilder(analysis, voice, generated, project.catalogue, project,
                        context=context).build()


def build_briefs(analysis: Analysis, project: Project, generated: date | None = None,
                 langs: Iterable[str] | None = None, context: ReportContext | None = None) -> dict[str, Brief]:
    """The brief of an analysed report in each language of ``langs`` (default: every language)."""
    generated = generated or date.today()
    codes = tuple(langs) if langs is not None else tuple(lang.code for lang in project.languages)
    return {code: build_brief(analysis, project, project.language(code), generated, context) for code in codes}


def english_terms(analysis: Analysis, project: Project) -> TermRenderer:
    """Build the rendered-language brief without number QA; its renderer knows every term asked for and every gap."""
    return rendered_brief(analysis, project)[1]


def rendered_brief(analysis: Analysis, project: Project) -> tuple[Brief, TermRenderer]:
    """The rendered-language brief as a normal build makes it (without number QA), and its term renderer."""
    target = next(lang for lang in project.languages if not lang.source)
    voice = _voice(project, target)
    assert isinstance(voice, RenderedVoice)
    brief = BriefBuilder(analysis, voice, date.today(), project.catalogue, project, number_qa=False).build()
    return brief, voice.renderer


def wording_for(project: Project, lang: Language | None = None) -> Wording:
    """Words for the analysis' results in ``lang`` (default: the report's own language), outside a brief."""
    return Wording(_voice(project, lang or project.source_language))


def _voice(project: Project, lang: Language, draft: bool = False) -> Voice:
    return make_voice(lang, project.messages, project.units, project.glossary, project.source_language.html_lang,
                      draft=draft)


@dataclass
class BriefBuilder:
    analysis: Analysis
    voice: Voice
    generated: date
    catalogue: Catalogue
    project: Project
    number_qa: bool = True
    context: ReportContext | None = None  # what the cross-report stage found (continuity, national targets)
    _notes: SourceNotes | None = None
    _pending: dict[tuple[str, str, str], Pending] = field(default_factory=dict)

    @property
    def cross(self) -> CrossReportWords:
        return CrossReportWords(self.voice, self.catalogue, self.project.source_language.html_lang)

    @property
    def doc(self) -> Document:
        return self.analysis.doc

    @property
    def summaries(self) -> Summaries:
        return self.analysis.summaries

    @property
    def causes(self) -> dict[int, Cause]:
        return self.analysis.causes

    @property
    def en(self) -> bool:
        """Whether this brief is rendered through the glossary (not the report's own language)."""
        return not self.voice.language.source

    @property
    def wording(self) -> Wording:
        return Wording(self.voice, self.indicator)

    @property
    def notes(self) -> SourceNotes:
        if self._notes is None:
            self._notes = SourceNotes(self.analysis.findings, self.voice, self.wording)
        return self._notes

    def build(self) -> Brief:
        v, doc = self.voice, self.doc
        score_rows = tuple(self.score_rows())
        plan_rows = tuple(self.plan_rows(self.analysis.plan))
        origin = self.analysis.scorecard.origin
        narrative = self.narrative()
        brief = Brief(
            lang=v.lang,
            html_lang=v.html_lang,
            title=v.term(doc.title, "title", line=doc.span.start),
            issuer=(v.term(doc.issuer or doc.presenter, "organisation", line=doc.span.start)
                    if doc.issuer or doc.presenter else Text()),
            region=v.term(doc.region, "place", line=doc.span.start) if doc.region else Text(),
            review_year=str(doc.review_year or ""),
            plan_year=str(doc.plan_year or ""),
            source_file=Path(doc.source).name,
            generated=v.date(self.generated),
            genre=doc.genre.value,
            presented=self.presented(),
            source_url=doc.source_url if doc.source_url and _WEB_ADDRESS.match(doc.source_url) else "",
            generated_iso=self.generated.isoformat(),
            source_tag=self.project.source_language.html_lang,
            rendered=not v.language.source,
            number_locale=v.language.babel,
            executive=self.summary_words.executive(self.analysis.digest),
            headline=self.shown_figures(self.summary_words.headline(self.analysis.digest), "headline"),
            score_rows=score_rows,
            tallies=tuple(self.tallies()),
            glance_tally=tuple(self.glance()),
            score_origin=self.origin(origin, review=True),
            actual_heading=self.actual_heading(origin),
            estimate=origin.estimate,
            estimate_note=self.estimate_note(origin),
            general_causes=tuple(self.general_causes()),
            score_unit_column=any(r.unit for r in score_rows),
            plan_rows=plan_rows,
            retired=tuple(self.retired(self.analysis.plan)),
            plan_origin=self.plan_origin(),
            plan_unit_column=any(p.unit for p in plan_rows),
            outcome_heading=self.outcome_heading(origin),
            plan_outcome_column=any(p.outcome for p in plan_rows),
            projects=tuple(self.projects()),
            sections=tuple(self.section(s, narrative) for s in self.summaries.sections),
            overview=tuple(self.section(s, narrative) for s in self.summaries.overview),
            findings=tuple(self.findings()),
            checks_passed=self.notes.passed,
            warnings=tuple(doc.warnings),
        )
        brief.pending = tuple(self._pending.values())
        brief.kicker = v.word(KICKERS.get(doc.genre, KICKERS[Genre.PLAN_REPORT]), region=brief.region,
                              year=brief.plan_year)
        projects = self.projects_chart()
        brief.charts = (*self.scorecard_charts(brief), *((projects,) if projects is not None else ()))
        brief.keywords = tuple(str(t) for t in (brief.region, v.word("plan report"), v.word("indicator scorecard")) if t)
        if isinstance(v, RenderedVoice):
            brief.terms = self.appendix(v)
            problems = v.number_qa(list(brief.texts())) if self.number_qa else []
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise GlossaryError(f"number QA failed: {problems[0]}{more}", self.project.paths.units)
        return brief

    def presented(self) -> Text:
        """When and where the report was delivered, as its date line says."""
        v, doc = self.voice, self.doc
        when = _formatted_date(doc.date, v)
        if isinstance(v, RenderedVoice) and when:
            v.glossary_texts.add(when)  # a date of the source, not a figure for the number QA
        where = Text()
        if doc.meeting:
            rendered = (meeting_en(doc.meeting, lambda place: v.term(place, "place", line=doc.span.start))
                        if isinstance(v, RenderedVoice) else None)
            if rendered is not None and isinstance(v, RenderedVoice):
                v.glossary_texts.update(seg.text for seg in rendered.segments if not seg.gap)  # "14th": no figure
            where = rendered or v.term(doc.meeting, "organisation", line=doc.span.start)
        if when and where:
            return v.word("%(date)s, %(meeting)s", date=when, meeting=where)
        return where or Text.plain(when)

    # ------------------------------------------------------------ figures

    @property
    def figure_words(self) -> FigureWords:
        return FigureWords(self.voice, self.catalogue, str(self.doc.plan_year or ""))

    @property
    def summary_words(self) -> SummaryWords:
        return SummaryWords(Wording(self.voice, self.indicator, said=True, said_cell=self.said_cell),
                            self.figure_words, self.indicator, self.said_cell,
                            str(self.doc.review_year or ""), str(self.doc.plan_year or ""))

    def figure(self, fig: KeyFigure) -> Figure:
        return self.figure_words.figure(fig)

    # ------------------------------------------------------------ scorecard

    def indicator(self, name_zh: str, line: int | None = None, context: str | None = None) -> Text:
        """An indicator name; a variant the catalogue recognises (…增长 for …增速) takes its English."""
        known = self.catalogue.match(name_zh)
        return self.voice.term(name_zh, "indicator", line=line, context=context, default=known.en if known else None)

    def status(self, key: str) -> Status:
        return Status(key=key, label=self.voice.word(STATUS_WORDS[key]))

    def score_rows(self) -> Iterable[ScoreRow]:
        for row in self.analysis.scorecard.rows():
            yield self.score_row(row)

    def score_row(self, row: ScoredIndicator) -> ScoreRow:
        v = self.voice
        cause = self._stated(row) if row.cause_zh else self.causes.get(row.line)
        general = cause is not None and self._collected(cause)
        index = self.index_note(row.name_zh, row.unit, row.line, target=row.target_text, actual=row.actual_text)
        return ScoreRow(
            number=str(row.number or ""),
            name=self.indicator(row.name_zh, row.line,
                                " | ".join(x for x in (row.name_zh, row.unit, row.target_text, row.actual_text) if x)),
            unit=self.unit(row.unit),
            binding=row.binding,
            target=self.cell(row.name_zh, row.target_text, row.unit, row.line),
            actual=self.cell(row.name_zh, row.actual_text, row.unit, row.line),
            status=self.status(row.status.value),
            reason=self.reason(row),
            level=row.level,
            category=v.term(row.category, "heading", line=row.line) if row.category else Text(),
            source=v.where(row.line),
            cause=v.word("General factors (see below the table)") if general else self.cause(cause),
            general_cause=general,
            notes=(index,) if index else (),
            findings=self.notes.for_row(row.line),
        )

    # ------------------------------------------------------------ cells

    def unit(self, unit: str) -> Text:
        """The unit column: the report's own language shows cells as written beside their unit; a rendered
        language converts every value with its unit (亿公斤 -> tonnes), so a unit column would contradict it."""
        shown = self.voice.unit(unit)  # asked for either way: a value is converted through its unit
        return shown if not self.en else Text()

    def cell(self, name_zh: str, text: str, unit: str, line: int | None) -> Text:
        """A target or outcome cell; an index (previous year = 100) as the rate it implies: 103以内 -> a rise of at most 3%."""
        rate = index_cell(self.voice, name_zh, text, unit, line)
        return rate if rate is not None else self.voice.target(text, unit, line=line)

    def said_cell(self, name_zh: str, text: str, unit: str, line: int | None) -> Text:
        """A cell said with its unit, as a sentence or the headline needs it; an index as its rate."""
        if text.strip() and index_rate(name_zh, unit, parse_target(text)) is not None:
            return self.cell(name_zh, text, unit, line)
        return self.voice.said_target(text, unit, line=line)

    def index_note(self, name_zh: str, unit: str, line: int | None, *, target: str, actual: str = "") -> Text:
        """For an index shown as its rate: the index as the report prints it."""
        v = self.voice
        if not any(index_rate(name_zh, unit, parse_target(t)) for t in (target, actual) if t.strip()):
            return Text()
        base = v.count(INDEX_BASE)
        shown = {k: v.target(t, "", line=line) for k, t in (("target", target), ("actual", actual)) if t.strip()}
        if "target" in shown and "actual" in shown:
            return v.word("Index (previous year = %(base)s): target %(target)s, outcome %(actual)s", base=base, **shown)
        return v.word("Index (previous year = %(base)s): %(value)s", base=base, value=next(iter(shown.values())))

    def actual_heading(self, origin: Origin) -> Text:
        v, year = self.voice, str(self.doc.review_year or "")
        if origin.estimate:
            return v.word("%(year)s (estimate)", year=year) if year else v.word("Estimate")
        return v.word("Actual")

    def outcome_heading(self, origin: Origin) -> Text:
        v, year = self.voice, str(self.doc.review_year or "")
        if not year:
            return v.word("Last year's outcome (estimate)" if origin.estimate else "Last year's outcome")
        return v.word("%(year)s outcome (estimate)" if origin.estimate else "%(year)s outcome", year=year)

    def estimate_note(self, origin: Origin) -> Text:
        if not origin.estimate:
            return Text()
        v = self.voice
        return v.word("The %(year)s outcomes are the report's estimates, not final figures (%(where)s).",
                      year=str(self.doc.review_year or ""), where=v.where(origin.estimate_line))

    # ------------------------------------------------------------ causes

    def _collected(self, cause: Cause) -> bool:
        """Whether a general explanation is stated once under the table rather than on this row."""
        return cause.general and self._general_count(cause) >= GENERAL_MIN_ROWS

    def _general_count(self, cause: Cause) -> int:
        return sum(1 for r in self.analysis.scorecard.rows() if not r.cause_zh and self.causes.get(r.line) == cause)

    def general_causes(self) -> Iterable[Text]:
        """Each general explanation the report gives several rows, once, with how many rows it covers."""
        seen: list[Cause] = []
        for row in self.analysis.scorecard.rows():
            cause = None if row.cause_zh else self.causes.get(row.line)
            if cause is None or cause in seen or not self._collected(cause):
                continue
            seen.append(cause)
            v = self.voice
            yield v.word("For %(n)s indicators the report gives only general factors: %(factors)s (%(where)s)",
                         n=v.count(self._general_count(cause)), factors=self.factors(cause),
                         where=v.where(cause.line))

    def _stated(self, row: ScoredIndicator) -> Cause:
        """The reason the report states for a shortfall it names (factors read only for English)."""
        glossary = self.voice.glossary if isinstance(self.voice, RenderedVoice) else None
        return stated_cause(row.cause_zh or "", row.line, glossary)

    def cause(self, cause: Cause | None) -> Text:
        """The report's own explanation: as written in Chinese, as glossary terms in English."""
        if cause is None:
            return Text()
        msg = "Report cites general factors: %(factors)s" if cause.general else "Report cites: %(factors)s"
        return self.voice.word(msg, factors=self.factors(cause))

    def factors(self, cause: Cause) -> Text:
        v = self.voice
        if self.en:
            return Text.join([v.term(f, "term", line=cause.line, context=cause.text_zh) for f in cause.factors],
                             str(v.word("; ")))
        return Text.plain(cause.text_zh)

    def reason(self, row: ScoredIndicator) -> Text:
        """The short reason beside the target and outcome columns, else the full sentence."""
        sentence = row.reason.sentence()
        short = self.wording.has(REASON_SHORT, sentence.code)
        return self.wording.sentence(sentence, unit=row.unit, line=row.line, context=REASON_SHORT if short else None)

    def tallies(self) -> Iterable[TallyRow]:
        """Binding and anticipatory counts, and all indicators when the report states a total.

        Without a review table nothing is counted: the rows are the report's own stated tallies.
        """
        t = self.analysis.tallies
        if self.analysis.scorecard.origin.kind != "table":
            yield from self._stated_tallies()
            return
        groups = [(g, label, t.review.get(g)) for g, (label, _) in GROUPS.items()]
        for group, label, tally in groups:
            if tally is not None and tally.total:
                yield self._tally_row(group, label, tally.counts)
        if any(s.stage == "review" and s.scope == "all" for s in t.stated):
            overall: dict[str, int] = {}
            for _, _, tally in groups:
                for key, n in (tally.counts if tally else {}).items():
                    overall[key] = overall.get(key, 0) + n
            if sum(overall.values()):
                yield self._tally_row("all", "All indicators", overall)

    def _tally_row(self, scope: str, label: str, computed: dict[str, int]) -> TallyRow:
        v, t = self.voice, self.analysis.tallies
        stated = [s for s in t.stated if s.stage == "review" and s.scope == scope]
        checks = [c for c in t.checks if c.stated.stage == "review" and c.stated.scope == scope]
        stated_text = Text()
        if stated:
            # A report may state one group's numbers over several sentences: merge them.
            counts: dict[str, int] = {}
            for s in stated:
                for key, n in s.counts.items():
                    counts.setdefault(key, n)
            total = next((s.total for s in stated if s.total is not None), None)
            pieces = [v.word("%(n)s %(status)s", n=v.count(n), status=str(self.status(k).label).lower())
                      for k, n in _ordered(counts) if n]
            head = v.word("%(n)s in all", n=v.count(total)) if total is not None else Text()
            where = v.word(" (%(where)s)", where=Text.plain(v.where(*(x.line for x in stated))))
            stated_text = Text.join([Text.join([head, *pieces], str(v.word(", "))), where])
        return TallyRow(
            kind=v.word(label), counts=tuple((self.status(k), n) for k, n in _ordered(computed) if n),
            total=sum(computed.values()), stated=stated_text,
            agrees=all(c.agrees for c in checks) if checks else None,
        )

    def _stated_tallies(self) -> Iterable[TallyRow]:
        """One row per scope the review prose states a tally for: its own counts, where it says them."""
        v = self.voice
        labels = {"all": "All indicators", **{g: label for g, (label, _) in GROUPS.items()}}
        for scope, label in labels.items():
            stated = [s for s in self.analysis.tallies.stated if s.stage == "review" and s.scope == scope]
            if not stated:
                continue
            counts: dict[str, int] = {}
            for s in stated:
                for key, n in s.counts.items():
                    counts.setdefault(key, n)
            total = next((s.total for s in stated if s.total is not None), None)
            where = v.word("As stated in the text (%(where)s)", where=v.where(*(s.line for s in stated)))
            yield TallyRow(kind=v.word(label), counts=tuple((self.status(k), n) for k, n in _ordered(counts) if n),
                           total=total if total is not None else sum(counts.values()), stated=where, agrees=None)

    def glance(self) -> Iterable[Text]:
        v, t = self.voice, self.analysis.tallies
        computed = False
        for group, (_, sentence) in GROUPS.items():
            tally = t.review.get(group)
            if tally is not None and tally.total:
                computed = True
                yield v.word(sentence, met=v.count(tally.counts.get("met", 0)), total=v.count(tally.total))
        if computed:
            return
        # No review table to score: say what the report itself states, and that it is the report's word.
        for scope, sentence in STATED_GLANCE.items():
            stated = next((s for s in t.stated if s.stage == "review" and s.scope == scope and "met" in s.counts), None)
            if stated is None:
                continue
            total = stated.total if stated.total is not None else sum(stated.counts.values())
            yield v.word(sentence, met=v.count(stated.counts["met"]), total=v.count(total))
        named = [r for r in self.analysis.scorecard.review if r.origin == "prose"]
        if named:
            yield v.word("%(n)s indicators named in the text as falling short", n=v.count(len(named)))

    def origin(self, origin: Origin, review: bool = False) -> Text:
        v = self.voice
        if origin.kind == "prose" and review:
            return v.word("From the text, not a table: the indicators the report names as falling short, "
                          "with its reasons (%(where)s)", where=v.where(origin.line))
        if origin.kind == "table" and origin.attachment:
            return v.word("From the indicator table in Attachment %(n)s", n=v.count(origin.attachment))
        if origin.kind == "table":
            return v.word("From the indicator table (%(where)s)", where=v.where(origin.line))
        if origin.kind == "prose":
            return v.word("From targets stated in the text (%(where)s)", where=v.where(origin.line))
        return v.word("The report gives no indicator table")

    def scorecard_charts(self, brief: Brief) -> list[Chart]:
        """Targets against outcomes of the indicators measured in percent; a long list in charts of at most
        :data:`CHART_ROWS` indicators, so that no chart is taller than about a third of a page and none
        leaves more than that empty when it moves to the next page."""
        v = self.voice
        points = []
        for row, shown in zip(self.analysis.scorecard.rows(), brief.score_rows):
            if row.unit != "%" or is_index(row.name_zh) or row.level:
                continue
            target, actual = _chart_value(row.target_text), _chart_value(row.actual_text)
            if target is None or actual is None:
                continue
            points.append(ChartPoint(label=str(shown.name), value=float(actual), target=float(target),
                                     group=str(shown.category), status=row.status.value))
        if len(points) < 2:
            return []
        chunks = _chunks(points, CHART_ROWS)
        charts = []
        for i, chunk in enumerate(chunks):
            groups = list(dict.fromkeys(p.group for p in chunk if p.group))
            title = (v.word("Targets and outcomes of indicators measured in %") if len(chunks) == 1 or not groups
                     else v.word("Targets and outcomes in percent: %(groups)s", groups=str(v.word("; ")).join(groups)))
            charts.append(Chart(
                key="scorecard" if i == 0 else f"scorecard-{i + 1}", kind="dumbbell", title=str(title),
                alt=str(v.word("Chart of target and outcome for %(n)s indicators measured in percent; "
                               "the table above gives every value.", n=len(chunk))),
                unit="%", points=tuple(chunk),
            ))
        return charts

    # ------------------------------------------------------------ plan

    def plan_origin(self) -> Text:
        """Where the plan comes from, and the national report its targets are set beside."""
        origin = self.origin(self.analysis.plan.origin)
        benchmarks = self.context.benchmarks if self.context else ()
        if not benchmarks:
            return origin
        return Text.join([origin, self.cross.benchmark_source(benchmarks[0])], str(self.voice.word("; ")))

    def plan_rows(self, plan: PlanComparison) -> Iterable[PlanRow]:
        for item in plan.rows():
            yield self.plan_row(item)

    def plan_row(self, item: PlanIndicator) -> PlanRow:
        v, ch = self.voice, item.change
        mark, word = change_mark(ch.kind, ch.ambition)
        own = ch.kind is not ChangeKind.REPLACED  # a replaced indicator's last year is another indicator's
        old = self._review_rows.get(ch.previous_line) if own and ch.previous_line else None
        if old is not None and old.actual.kind in (TargetKind.EMPTY, TargetKind.PENDING):
            old = None  # no outcome to set the new target against
        notes = [self.replaced_note(item), self.rename_note(item),
                 self.index_note(item.name_zh, item.unit, item.line, target=item.target_text)]
        return PlanRow(
            number=str(item.number or ""),
            name=self.indicator(item.name_zh, item.line,
                                " | ".join(x for x in (item.name_zh, item.unit, item.target_text) if x)),
            unit=self.unit(item.unit) if item.origin == "table" else Text(),  # prose targets carry their unit
            binding=item.binding,
            target=self.cell(item.name_zh, item.target_text, item.unit, item.line),
            previous=(self.cell(item.name_zh, ch.previous_text, item.unit, ch.previous_line)
                      if ch.previous_text and own else Text()),
            change_key=ch.kind.value,
            change=v.word(word),
            level=item.level,
            category=v.term(item.category, "heading", line=item.line) if item.category else Text(),
            source=v.where(item.line),
            ambition=ch.ambition.value,
            mark=mark,
            outcome=self.cell(old.name_zh, old.actual_text, old.unit, old.line) if old is not None else Text(),
            outcome_status=old.status.value if old is not None else "",
            renamed_from=self.indicator(ch.previous_name, ch.previous_line) if ch.renamed and ch.previous_name else Text(),
            definition_changed=ch.renamed and ch.definition_line is not None,
            notes=tuple(n for n in notes if n),
            findings=self.notes.for_row(item.line),
            benchmark=self.benchmark(item),
        )

    def benchmark(self, item: PlanIndicator) -> Text:
        found = self.context.benchmark(item.indicator_id, item.line) if self.context else None
        return self.cross.benchmark(found, item.indicator_id) if found else Text()

    @property
    def _review_rows(self) -> dict[int, ScoredIndicator]:
        return {r.line: r for r in self.analysis.scorecard.rows() if r.origin == "table"}

    def replaced_note(self, item: PlanIndicator) -> Text:
        ch, v = item.change, self.voice
        if ch.kind is not ChangeKind.REPLACED or not ch.replaces:
            return Text()
        old = self.indicator(ch.replaces, ch.previous_line)
        if not ch.previous_text:
            return v.word("Replaces %(old)s", old=old)
        return v.word("Replaces %(old)s (last year's target %(previous)s)", old=old,
                      previous=v.target(ch.previous_text, item.unit, line=ch.previous_line))

    def rename_note(self, item: PlanIndicator) -> Text:
        ch, v = item.change, self.voice
        if not ch.renamed or not ch.previous_name:
            return Text()
        old = self.indicator(ch.previous_name, ch.previous_line)
        if ch.definition_line is not None:
            return v.word("Definition changed: last year %(old)s (%(where)s)", old=old,
                          where=v.where(ch.definition_line))
        return v.word("Renamed: last year %(old)s", old=old)

    def retired(self, plan: PlanComparison) -> Iterable[Text]:
        for r in plan.retired:
            yield self.indicator(r.name_zh, r.line)

    # ------------------------------------------------------------ projects

    def projects(self) -> Iterable[TableBlock]:
        for summary in self.analysis.projects.summaries():
            yield self.project_table(summary)
            if summary.sources:
                yield self.project_table(summary, by_source=True)

    def project_table(self, s: ProjectSummary, by_source: bool = False) -> TableBlock:
        """One projects table; a column every row leaves empty is left out."""
        table = self._project_table(s, by_source)
        keep = [j for j in range(len(table.header)) if j == 0 or any(j < len(r) and r[j] for r in table.rows)]
        return replace(table, header=tuple(table.header[j] for j in keep),
                       rows=tuple(tuple(r[j] for j in keep) for r in table.rows),
                       numeric_columns=tuple(i for i, j in enumerate(keep) if j in table.numeric_columns))

    def _project_table(self, s: ProjectSummary, by_source: bool = False) -> TableBlock:
        v = self.voice
        year = self.doc.review_year if s.stage == "review" else self.doc.plan_year
        invest = "Investment completed" if s.stage == "review" else "Investment planned for the year"
        header = (v.word("Funding source" if by_source else "Sector"), v.word("Projects"),
                  v.word("Total investment"), v.word(invest), v.word("Share of annual plan"))
        rows = [self._project_row(v.word("All major projects"), s.count, s.total_investment, s.investment,
                                  s.share_of_plan)]
        for g in (s.sources if by_source else s.sectors):
            rows.append(self._project_row(v.term(g.name, "term", line=g.line), g.count, g.total_investment,
                                          g.investment, g.share_of_plan))
        title = ("Major projects %(year)s by funding source" if by_source else "Major projects %(year)s by sector")
        return TableBlock(title=v.word(title, year=year or ""), header=header, rows=tuple(rows),
                          source=v.where(s.line), numeric_columns=(1, 2, 3, 4))

    def _project_row(self, name: Text, count: int | None, total: Quantity | None, invest: Quantity | None,
                     share: Quantity | None) -> tuple[Text, ...]:
        v = self.voice
        return (name, Text.plain(v.count(count)) if count is not None else Text(),
                v.quantity(total) if total else Text(), v.quantity(invest) if invest else Text(),
                v.quantity(share) if share else Text())

    def projects_chart(self) -> Chart | None:
        v = self.voice
        summary = self.analysis.projects.plan or self.analysis.projects.review
        if summary is None:
            return None
        groups = [g for g in summary.sectors if g.investment is not None]
        units = {g.investment.unit for g in groups if g.investment}
        if len(groups) < 2 or len(units) != 1:
            return None
        unit = units.pop()
        year = self.doc.plan_year if summary is self.analysis.projects.plan else self.doc.review_year
        points = tuple(ChartPoint(label=str(v.term(g.name, "term", line=g.line)), value=float(g.investment.value),
                                  value_text=v.count(g.investment.value))
                       for g in groups if g.investment)
        return Chart(
            key="projects", kind="bar",
            title=str(v.word("Major-project investment by sector, %(year)s", year=year or "")),
            alt=str(v.word("Bar chart of major-project investment in %(n)s sectors; the table gives every value.",
                           n=len(points))),
            unit=str(v.unit(unit)), points=points,
        )

    # ------------------------------------------------------------ sections

    def section(self, s: SectionSummary, narrative: Narrative | None = None) -> SectionBrief:
        """One section: the report's language keeps the chosen sentences; a rendered one says the
        section's facts (its item titles among them, then shown only there) and counts what it leaves out.
        In a rendered language an item title or key figure the glossary cannot say is left out and listed
        as pending, and a heading it cannot say is shown by its topic."""
        v = self.voice
        all_items = tuple(v.term(i, "item", line=s.line) for i in s.items)
        items = tuple(i for i in all_items if not self.left_out(i, "item", s.line))
        summary, untranslated = Text.plain(s.body_zh), 0
        if narrative is not None:
            said = narrative.section(s, all_items)
            summary, untranslated = joined_sentences(v, said.sentences), said.left_out
            if said.text_only:  # a full sentence for a section of policy text only (no machine translation)
                summary = v.word(TEXT_ONLY, n=v.count(said.text_only))
            items = () if said.items_said else items
        return SectionBrief(
            part=self.heading(s.part_title, s.part, s.line, PART_WORDS),
            heading=self.heading(s.title, s.number, s.line, SECTION_WORDS),
            summary=summary,
            items=items,
            figures=self.shown_figures(self.figure_words.tiles(s.key_figures), "key_figure", s.line),
            source=v.where(s.line),
            untranslated=untranslated,
        )

    # ------------------------------------------------------------ what awaits translation

    def left_out(self, text: Text, place: str, line: int | None = None, where: str = "") -> bool:
        """Whether a rendered brief leaves ``text`` out of its body for a glossary gap (then it is pending);
        ``where``: the source reference already made, else that of ``line``."""
        if not self.en or not text.gaps:
            return False
        found = Text.plain(where or self.voice.where(line))
        self._pending.setdefault((place, str(text), str(found)), Pending(text, place, found))
        return True

    def heading(self, zh: str, number: int, line: int, words: tuple[str, str]) -> Text:
        """A part or section heading; in a rendered language one the glossary lacks is said by its number and
        topic ("Section 3 — Industry and innovation"), its own words pending."""
        text = self.voice.term(zh, "heading", line=line)
        if not zh.strip() or not self.left_out(text, "heading", line):
            return text
        topic = self.project.lexicon.topics.of(zh)
        n = self.voice.count(number) if number else ""
        if topic is None:
            return self.voice.word(words[0], n=n)
        return self.voice.word(words[1], n=n, topic=topic.en)

    def shown_figures(self, figures: Iterable[Figure], place: str, line: int | None = None) -> tuple[Figure, ...]:
        """The figures whose label a rendered language can say; the others are pending."""
        return tuple(f for f in figures
                     if not self.left_out(f.label if f.label.gaps else f.value, place, line, f.source))

    def narrative(self) -> Narrative | None:
        """The sentences of a rendered language's sections (None in the report's own language)."""
        if not isinstance(self.voice, RenderedVoice):
            return None
        return Narrative(self.voice, self.figure_words, proper_words(self.voice.glossary))

    # ------------------------------------------------------------ findings

    def findings(self) -> tuple[Finding, ...]:
        """The notes on the source, with what the cross-report stage found among the problems; errors first."""
        notes = self.notes.section()
        problems = [f for f in notes if not f.passed]
        for c in (self.context.continuity if self.context else ()):
            problems.append(Finding(severity=c.severity, severity_label=self.cross.severity(c.severity),
                                    message=self.cross.continuity(c, c.reviewed_line),
                                    where=Text.plain(self.voice.where(c.reviewed_line))))
        problems.sort(key=lambda f: SEVERITY_ORDER.index(f.severity) if f.severity in SEVERITY_ORDER
                      else len(SEVERITY_ORDER))
        return (*problems, *(f for f in notes if f.passed))

    # ------------------------------------------------------------ appendix

    def appendix(self, v: RenderedVoice) -> tuple[TermPair, ...]:
        """Terms the brief shows, plus the glossary's policy terms found in the report's own text."""
        pairs = {(zh, en) for zh, en in v.used_terms.items() if v.term_kinds.get(zh) in APPENDIX_KINDS}
        matcher = TermMatcher(v.glossary, kinds=APPENDIX_FOUND_KINDS)
        for paragraph in self.doc.paragraphs():
            for _, _, entry in matcher.matches(paragraph.text):
                pairs.add((entry.zh, entry.en))
        return tuple(TermPair(zh=zh, en=en) for zh, en in sorted(pairs, key=lambda p: (p[1].casefold(), p[0])))


# ---------------------------------------------------------------- helpers


def _formatted_date(iso: str | None, voice: Voice) -> str:
    """An ISO date of the model as the brief's language writes it ("" when none or invalid)."""
    if not iso:
        return ""
    try:
        return voice.date(date.fromisoformat(iso))
    except ValueError:
        return ""




CHART_ROWS = 8  # indicators of one dumbbell chart (under a third of a page): more are split into charts


def _chunks(points: list[ChartPoint], size: int) -> list[list[ChartPoint]]:
    """Points in runs of at most ``size`` rows, of even length (a chart repeats the category it continues)."""
    count = -(-len(points) // size)
    even = -(-len(points) // count)
    return [points[i:i + even] for i in range(0, len(points), even)]


def _ordered(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(k, counts[k]) for k in STATUS_ORDER if k in counts]


def _chart_value(cell: str) -> Decimal | None:
    t = parse_target(cell)
    if t.kind not in (TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST) or t.value is None:
        return None
    if t.ratio_to is not None or abs(t.value) > CHART_VALUE_LIMIT:
        return None
    return t.value
