"""The portfolio of a build: one entry per report and the target matrix across reports.

What the portfolio page shows, as typed data (the localiser words it):

* a :class:`ReportEntry` per analysed report — profile (region, level,
  genre, years, issuer), tallies (met / missed per binding and
  anticipatory group, computed from the scorecard, else as the report states
  them), the report it continues and its continuity findings, the national
  report it is benchmarked against;
* the target matrix — one :class:`MatrixRow` per standard measure
  (``glossary/measures.yaml``, in file order) that some report has, one
  :class:`MatrixCell` per report: its plan target, last year's outcome where
  its review states one, and the national target beside a regional one.

Reports are ordered by plan year, then level (national first), region, name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from generator.analyse.analysis import Analysis
from generator.analyse.benchmark import Benchmark
from generator.analyse.continuity import ContinuityFinding
from generator.analyse.profile import Level, ReportProfile
from generator.lexicon.measures import Measure, Measures

LEVEL_ORDER = tuple(Level)
TALLY_GROUPS = ("binding", "expected")


@dataclass(frozen=True)
class TallyFigures:
    """Met and missed targets of one group (``binding``, ``expected``, or ``all`` when only stated so)."""

    group: str
    met: int
    missed: int
    total: int
    stated: bool = False  # the report's own count (no review table to score)


@dataclass(frozen=True)
class ReportEntry:
    name: str
    source_file: str
    title: str
    profile: ReportProfile
    tallies: tuple[TallyFigures, ...] = ()
    earlier: str | None = None  # the report whose plan this one reviews
    continuity: tuple[ContinuityFinding, ...] = ()
    national: str | None = None  # the national report of its plan year


@dataclass(frozen=True)
class MatrixCell:
    indicator_id: str
    name_zh: str
    unit: str
    target: str = ""  # this year's target as written ("" when the plan lacks the measure)
    line: int | None = None
    outcome: str = ""  # last year's outcome as written, where the review states one
    outcome_unit: str = ""
    outcome_line: int | None = None
    benchmark: Benchmark | None = None


@dataclass(frozen=True)
class MatrixRow:
    measure: Measure
    cells: Mapping[str, MatrixCell] = field(default_factory=dict)  # report name -> cell


@dataclass(frozen=True)
class Portfolio:
    reports: tuple[ReportEntry, ...] = ()
    matrix: tuple[MatrixRow, ...] = ()

    def entry(self, name: str) -> ReportEntry | None:
        return next((r for r in self.reports if r.name == name), None)


def tallies_of(analysis: Analysis) -> tuple[TallyFigures, ...]:
    """Met / missed per group, computed from the scorecard; else as the report states them."""
    t = analysis.tallies
    computed = tuple(
        TallyFigures(group, tally.counts.get("met", 0), tally.counts.get("missed", 0), tally.total)
        for group in TALLY_GROUPS if (tally := t.review.get(group)) is not None and tally.total
    )
    if computed:
        return computed
    stated = []
    for scope in ("binding", "expected", "all"):
        s = next((s for s in t.stated if s.stage == "review" and s.scope == scope and "met" in s.counts), None)
        if s is not None:
            total = s.total if s.total is not None else sum(s.counts.values())
            stated.append(TallyFigures(scope, s.counts.get("met", 0), s.counts.get("missed", 0), total, stated=True))
    return tuple(stated)


def _order(entry: ReportEntry) -> tuple:
    p = entry.profile
    return (p.plan_year or 0, LEVEL_ORDER.index(p.level), p.region or "", entry.name)


def _cell(analysis: Analysis, measure: Measure, benchmarks: list[Benchmark]) -> MatrixCell | None:
    plan = next((r for r in analysis.plan.rows() if r.indicator_id in measure.ids and r.target_text), None)
    review = next((r for r in analysis.scorecard.rows() if r.indicator_id in measure.ids and r.actual_text), None)
    if plan is None and review is None:
        return None
    if plan is not None:
        assert plan.indicator_id is not None
        bench = next((b for b in benchmarks if b.indicator_id == plan.indicator_id and b.line == plan.line), None)
        cell = MatrixCell(plan.indicator_id, plan.name_zh, plan.unit, plan.target_text, plan.line, benchmark=bench)
    else:
        assert review is not None and review.indicator_id is not None
        cell = MatrixCell(review.indicator_id, review.name_zh, review.unit)
    if review is not None:
        cell = replace(cell, outcome=review.actual_text, outcome_unit=review.unit, outcome_line=review.line)
    return cell


def build_portfolio(analyses: Mapping[str, Analysis], profiles: Mapping[str, ReportProfile], measures: Measures,
                    earlier: Mapping[str, str], continuity: Mapping[str, list[ContinuityFinding]],
                    national: Mapping[str, str], benchmarks: Mapping[str, list[Benchmark]]) -> Portfolio:
    """The portfolio of the analysed reports (by name)."""
    entries = sorted((
        ReportEntry(name=name, source_file=Path(a.doc.source).name, title=a.doc.title, profile=profiles[name],
                    tallies=tallies_of(a), earlier=earlier.get(name), continuity=tuple(continuity.get(name, ())),
                    national=national.get(name))
        for name, a in analyses.items()), key=_order)
    rows = []
    for measure in measures:
        cells = {e.name: cell for e in entries
                 if (cell := _cell(analyses[e.name], measure, benchmarks.get(e.name, []))) is not None}
        if cells:
            rows.append(MatrixRow(measure, cells))
    return Portfolio(tuple(entries), tuple(rows))
