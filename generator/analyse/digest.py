"""What a brief says first: the headline figures and the facts of its executive summary, chosen and ordered.

Owns :func:`digest` and the typed facts of a :class:`Digest` (no words: each language's message
catalogue says them, :mod:`generator.localise.summary`), so every language's brief says the same
things:

* the economy — its output (a figure of the review's prose) and its growth against the target:
  the scorecard row of the economy's growth, else the prose figure with this year's target;
* the tallies — targets met of all, per scope, counted from the review table, else as the report
  states them;
* the largest misses — missed top-level rows of the scorecard by their gap (percentages in points
  first, then other units by the share of the target missed), each with the report's own cause
  (:mod:`generator.analyse.causes`); a review read from the prose names its misses without numbers;
* this year's headline targets — the plan's indicators a reader looks for first, each beside last
  year's outcome of the same indicator (how far the target reaches beyond it);
* indicators renamed (replaced) and retired, and the new ones;
* the report's own caveat on its outcomes — how many it gives as estimates (``左右``, ``预计能完成``).

:attr:`Digest.headline` orders the headline box: output, growth against target, other headline
figures of the prose (jobs, prices; a count of things only when nothing better exists), the
largest misses, this year's targets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from typing import Any, Iterable

from generator.analyse.causes import Cause, stated_cause
from generator.analyse.changes import ChangeKind, PlanComparison, PlanIndicator
from generator.analyse.figures import Horizon, KeyFigure, PEOPLE_UNITS, metric_priority
from generator.analyse.params import Amount, Cell, Code, Count, Indicator, Items, Sentence, Terms, Year, as_text
from generator.analyse.params import sentence as make_sentence
from generator.analyse.scorecard import Scorecard, ScoredIndicator
from generator.analyse.scoring import PERCENTAGE_POINTS, Status, ratio_value
from generator.analyse.tallies import Tallies
from generator.lexicon.catalogue import name_key
from generator.lexicon.glossary import Glossary
from generator.quantities import Quantity
from generator.targets import Target, TargetKind

# Catalogue ids of the economy's output growth (scorecard and plan rows).
ECONOMY_GROWTH: tuple[str, ...] = ("grp_growth", "gdp_growth")
# The economy's output as a metric of the prose.
ECONOMY_METRICS: tuple[str, ...] = ("地区生产总值", "国内生产总值")
MAX_OTHER_FIGURES = 2  # headline figures of the prose beside output and growth
MAX_MISSES = 3
MAX_TARGETS = 4
MAX_SUMMARY_MISSES = 3  # misses the executive summary explains
# Ranking this year's targets: the metric's priority plus how far the target reaches beyond last
# year's outcome (points for percentages, else the share of the outcome), capped.
STRETCH_CAP_POINTS = Decimal(5)
STRETCH_CAP_SHARE = Decimal("0.5")
STRETCH_WEIGHT = 2.0
_NUMERIC = (TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.RANGE)
_ESTIMATE = (TargetKind.ABOUT, TargetKind.ACHIEVED)


DIGEST = "digest"  # the catalogue context of the executive summary's sentences
MAX_POINTS = 5  # bullets of the executive summary


class DigestCode(str, Enum):
    """The executive summary's sentences; each language's catalogue words them (context ``digest``)."""

    OUTPUT = "output"  # the economy's output in the review year
    GROWTH_MISSED = "growth_missed"  # its growth against last year's target
    GROWTH_MET = "growth_met"
    GROWTH_UP = "growth_up"  # its growth, no target scored
    GROWTH_DOWN = "growth_down"
    GROWTH_TARGET = "growth_target"  # this year's growth target
    TALLY = "tally"  # targets met, counted (items: TALLY_SCOPE, TALLY_ALL)
    TALLY_STATED = "tally_stated"  # targets met, as the report states
    TALLY_SCOPE = "tally_scope"
    TALLY_ALL = "tally_all"
    MISSED_COUNT = "missed_count"  # how many indicators missed
    NAMED_SHORTFALLS = "named_shortfalls"  # a review from the prose: the indicators it names as falling short
    ESTIMATES = "estimates"  # the report's caveat: outcomes that are estimates
    MISS = "miss"  # one large miss: outcome against target
    MISS_CAUSE = "miss_cause"  # … with the report's cause
    MISS_NAMED = "miss_named"  # a miss the prose names, with its cause
    TARGETS = "targets"  # this year's headline targets (items: TARGET_AFTER, TARGET_ONLY)
    TARGET_AFTER = "target_after"
    TARGET_ONLY = "target_only"
    CHANGES = "changes"  # indicators renamed, retired, new (items below)
    RENAMED = "renamed"
    RETIRED = "retired"
    NEW_INDICATORS = "new_indicators"
    NAME = "name"  # an indicator's name in a list


class Reach(str, Enum):
    """This year's target against last year's outcome of the same indicator."""

    ABOVE = "above"
    BELOW = "below"
    SAME = "same"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcome:
    """A scored indicator: its target, outcome, status, gap and the report's cause."""

    name_zh: str
    unit: str
    target_text: str
    actual_text: str
    status: Status
    line: int
    gap: Amount | None = None  # how far the outcome is from the target (points for percentages)
    cause: Cause | None = None
    indicator_id: str | None = None
    origin: str = "table"  # "table" | "prose" (named in the text as falling short, no numbers)

    @property
    def numeric(self) -> bool:
        return bool(self.target_text and self.actual_text)


@dataclass(frozen=True)
class NewTarget:
    """One of this year's targets, beside last year's outcome of the same indicator."""

    name_zh: str
    unit: str
    target_text: str
    line: int
    indicator_id: str | None = None
    previous_actual: str = ""  # last year's outcome as written ("" when not known)
    reach: Reach = Reach.UNKNOWN


@dataclass(frozen=True)
class Economy:
    """The economy's output and growth, with the growth target."""

    level: KeyFigure | None = None  # output, from the review's prose
    growth: KeyFigure | None = None  # growth, from the review's prose
    scored: Outcome | None = None  # the scorecard row of the economy's growth (target and outcome)
    target: NewTarget | None = None  # this year's growth target


@dataclass(frozen=True)
class TallyFact:
    """Targets met of all, in one scope (``binding`` / ``expected`` / ``all``)."""

    scope: str
    met: int
    total: int
    stated: bool  # the report's own count (no review table to count from)


@dataclass(frozen=True)
class Renamed:
    old_zh: str
    new_zh: str
    line: int | None


class HeadlineKind(str, Enum):
    FIGURE = "figure"  # a figure of the review's prose
    OUTCOME = "outcome"  # a scored indicator against its target
    TARGET = "target"  # one of this year's targets


@dataclass(frozen=True)
class HeadlineItem:
    kind: HeadlineKind
    figure: KeyFigure | None = None
    outcome: Outcome | None = None
    target: NewTarget | None = None
    note: NewTarget | None = None  # a growth figure's target for this year (no scored target last year)


@dataclass(frozen=True)
class Digest:
    """The facts a brief opens with, in order."""

    economy: Economy
    tallies: tuple[TallyFact, ...]
    misses: tuple[Outcome, ...]  # largest first
    missed: int  # missed indicators in all (top level)
    targets: tuple[NewTarget, ...]  # this year's headline targets, the economy's first
    renamed: tuple[Renamed, ...]
    retired: tuple[str, ...]
    new: tuple[str, ...]  # indicators new this year
    estimates: int  # outcomes the report gives as estimates
    outcomes: int  # outcomes scored in all (top level)
    headline: tuple[HeadlineItem, ...]
    lead: tuple[Sentence, ...] = ()  # the executive summary's paragraph, sentence by sentence
    points: tuple[Sentence, ...] = ()  # its bullets (at most MAX_POINTS)

    def to_dict(self) -> dict[str, Any]:
        """The plain form ``python -m generator summarize`` prints (no language involved)."""
        def item(h: HeadlineItem) -> dict[str, Any]:
            if h.outcome is not None:
                o = h.outcome
                return {"item": h.kind.value, "name_zh": o.name_zh, "target": o.target_text, "actual": o.actual_text,
                        "status": o.status.value, "line": o.line}
            if h.target is not None:
                t = h.target
                return {"item": h.kind.value, "name_zh": t.name_zh, "target": t.target_text,
                        "previous_actual": t.previous_actual, "line": t.line}
            assert h.figure is not None
            return {**h.figure.to_dict(), "item": h.kind.value,
                    "target_note": h.note.target_text if h.note is not None else None}

        return {
            "headline": [item(h) for h in self.headline],
            "lead": [{"code": s.code, "params": {k: as_text(v) for k, v in s.params}} for s in self.lead],
            "points": [{"code": s.code, "params": {k: as_text(v) for k, v in s.params}} for s in self.points],
        }


# --------------------------------------------------------------- pieces


def _outcome(row: ScoredIndicator, causes: dict[int, Cause], glossary: Glossary | None = None) -> Outcome:
    """A scored row as an outcome; a row named in the prose keeps the reason the report states for it."""
    gap = dict(row.reason.params).get("gap")
    cause = stated_cause(row.cause_zh, row.line, glossary) if row.cause_zh else causes.get(row.line)
    return Outcome(
        name_zh=row.name_zh, unit=row.unit, target_text=row.target_text, actual_text=row.actual_text,
        status=row.status, line=row.line, gap=gap if isinstance(gap, Amount) else None,
        cause=cause, indicator_id=row.indicator_id, origin=row.origin,
    )


def _miss_order(o: Outcome, target: Target) -> tuple[int, Decimal]:
    """Points first (largest gap first), then other units by the share of the target missed, then no number."""
    if o.gap is None:
        return 2, Decimal(0)
    if o.gap.quantity.unit == PERCENTAGE_POINTS:
        return 0, -o.gap.quantity.value
    value = ratio_value(target)
    if not value:
        return 2, Decimal(0)
    return 1, -(o.gap.quantity.value / abs(value))


def largest_misses(scorecard: Scorecard, causes: dict[int, Cause], glossary: Glossary | None = None) -> list[Outcome]:
    """Missed top-level indicators, largest gap first (the economy's growth left to the economy)."""
    rows = [r for r in scorecard.review if r.status is Status.MISSED and r.indicator_id not in ECONOMY_GROWTH]
    outcomes = [(_outcome(r, causes, glossary), r.target) for r in rows]
    return [o for o, _ in sorted(outcomes, key=lambda pair: _miss_order(*pair))]


def _value(cell: Target) -> Decimal | None:
    return ratio_value(cell) if cell.kind in _NUMERIC else None


def _reach(target: Target, actual: Target) -> Reach:
    t, a = _value(target), _value(actual)
    if t is None or a is None:
        return Reach.UNKNOWN
    return Reach.ABOVE if t > a else Reach.BELOW if t < a else Reach.SAME


def _stretch(target: Target, actual: Target, unit: str) -> float:
    t, a = _value(target), _value(actual)
    if t is None or a is None:
        return 0.0
    if unit == "%":
        return float(min(abs(t - a), STRETCH_CAP_POINTS) / STRETCH_CAP_POINTS)
    if not a:
        return 0.0
    return float(min(abs(t - a) / abs(a), STRETCH_CAP_SHARE) / STRETCH_CAP_SHARE)


def _last_year(item: PlanIndicator, scorecard: Scorecard) -> ScoredIndicator | None:
    """Last year's scored row of the same indicator (catalogue id, else the folded name)."""
    for row in scorecard.rows():
        if item.indicator_id and row.indicator_id == item.indicator_id:
            return row
    key = name_key(item.name_zh)
    return next((r for r in scorecard.rows() if name_key(r.name_zh) == key), None)


def _new_target(item: PlanIndicator, scorecard: Scorecard) -> NewTarget:
    previous = _last_year(item, scorecard)
    return NewTarget(
        name_zh=item.name_zh, unit=item.unit, target_text=item.target_text, line=item.line or 0,
        indicator_id=item.indicator_id, previous_actual=previous.actual_text if previous else "",
        reach=_reach(item.target, previous.actual) if previous else Reach.UNKNOWN,
    )


def headline_targets(plan: PlanComparison, scorecard: Scorecard) -> list[NewTarget]:
    """This year's numeric top-level targets, the economy's growth first, then by priority and reach."""
    rows = [p for p in plan.plan if p.target.kind in _NUMERIC and p.target_text]
    economy = [p for p in rows if p.indicator_id in ECONOMY_GROWTH]

    def rank(p: PlanIndicator) -> float:
        previous = _last_year(p, scorecard)
        stretch = _stretch(p.target, previous.actual, p.unit) if previous else 0.0
        return metric_priority(p.name_zh) + STRETCH_WEIGHT * stretch

    others = sorted((p for p in rows if p not in economy and metric_priority(p.name_zh) > 0),
                    key=lambda p: (-rank(p), p.line or 0))
    return [_new_target(p, scorecard) for p in economy[:1] + others]


def _tallies(tallies: Tallies, scorecard: Scorecard) -> list[TallyFact]:
    if scorecard.origin.kind == "table":
        return [TallyFact(scope, t.counts.get("met", 0), t.total, stated=False)
                for scope, t in tallies.review.items() if t.total]
    out: list[TallyFact] = []
    for scope in ("all", "binding", "expected"):
        stated = next((s for s in tallies.stated if s.stage == "review" and s.scope == scope and "met" in s.counts), None)
        if stated is not None:
            total = stated.total if stated.total is not None else sum(stated.counts.values())
            out.append(TallyFact(scope, stated.counts["met"], total, stated=True))
    return out


def _economy_figures(headline: Iterable[KeyFigure]) -> tuple[KeyFigure | None, KeyFigure | None]:
    figures = [f for f in headline if not f.target and f.horizon is Horizon.YEAR and f.metric_zh in ECONOMY_METRICS]
    level = next((f for f in figures if f.kind == "level"), None)
    growth = next((f for f in figures if f.kind == "growth"), None)
    return level, growth


def _estimates(scorecard: Scorecard) -> tuple[int, int]:
    rows = [r for r in scorecard.review if r.origin == "table"]
    return sum(1 for r in rows if r.actual.kind in _ESTIMATE or (r.actual.note or "").startswith("预计")), len(rows)


def _other_figures(headline: Iterable[KeyFigure], shown: set[str]) -> list[KeyFigure]:
    """Headline figures of the prose besides the economy: a count of things only when nothing else is there."""
    figures = [f for f in headline if not f.target and f.horizon is Horizon.YEAR
               and f.metric_zh not in ECONOMY_METRICS and name_key(f.metric_zh) not in shown]
    better = [f for f in figures if f.kind != "count" or f.quantity.base_unit in PEOPLE_UNITS]
    return (better or figures)[:MAX_OTHER_FIGURES]


def _headline(economy: Economy, figures: list[KeyFigure], misses: list[Outcome],
              targets: list[NewTarget]) -> list[HeadlineItem]:
    items: list[HeadlineItem] = []
    if economy.level is not None:
        items.append(HeadlineItem(HeadlineKind.FIGURE, figure=economy.level))
    if economy.scored is not None:
        items.append(HeadlineItem(HeadlineKind.OUTCOME, outcome=economy.scored))
    elif economy.growth is not None:
        items.append(HeadlineItem(HeadlineKind.FIGURE, figure=economy.growth, note=economy.target))
    items += [HeadlineItem(HeadlineKind.FIGURE, figure=f) for f in figures]
    items += [HeadlineItem(HeadlineKind.OUTCOME, outcome=o) for o in misses if o.numeric][:MAX_MISSES]
    shown_target = economy.target if economy.scored is None and economy.growth is not None else None
    items += [HeadlineItem(HeadlineKind.TARGET, target=t) for t in targets if t is not shown_target][:MAX_TARGETS]
    return items


# --------------------------------------------------------------- the executive summary


def _say(code: DigestCode, **params: object) -> Sentence:
    return make_sentence(DIGEST, code, **params)  # type: ignore[arg-type]


def _names(names: Iterable[str]) -> Items:
    return Items(tuple(_say(DigestCode.NAME, indicator=Indicator(n)) for n in names), "terms")


def _economy_sentences(e: Economy, review_year: int | None, plan_year: int | None) -> list[Sentence]:
    out: list[Sentence] = []
    if e.level is not None and review_year:
        out.append(_say(DigestCode.OUTPUT, year=Year(review_year), metric=Terms((e.level.metric_zh,)),
                        level=Amount(e.level.quantity)))
    if e.scored is not None and e.scored.numeric:
        code = DigestCode.GROWTH_MET if e.scored.status is Status.MET else DigestCode.GROWTH_MISSED
        out.append(_say(code, indicator=Indicator(e.scored.name_zh), actual=Cell(e.scored.actual_text, e.scored.unit, e.scored.name_zh),
                        target=Cell(e.scored.target_text, e.scored.unit, e.scored.name_zh)))
    elif e.growth is not None:
        q = e.growth.quantity
        code = DigestCode.GROWTH_DOWN if q.value < 0 else DigestCode.GROWTH_UP
        out.append(_say(code, metric=Terms((e.growth.metric_zh,)), value=Amount(_absolute(q))))
    if e.scored is None and e.target is not None and plan_year:
        out.append(_say(DigestCode.GROWTH_TARGET, plan_year=Year(plan_year), indicator=Indicator(e.target.name_zh),
                        target=Cell(e.target.target_text, e.target.unit, e.target.name_zh)))
    return out


def _absolute(q: Quantity) -> Quantity:
    return replace(q, value=abs(q.value), high=abs(q.high) if q.high is not None else None)


def _tally_sentence(tallies: Iterable[TallyFact]) -> Sentence | None:
    facts = list(tallies)
    if not facts:
        return None
    items = tuple(
        _say(DigestCode.TALLY_ALL, met=Count(t.met), total=Count(t.total)) if t.scope == "all"
        else _say(DigestCode.TALLY_SCOPE, met=Count(t.met), total=Count(t.total), scope=Code("scope", t.scope))
        for t in facts
    )
    stated = all(t.stated for t in facts)
    return _say(DigestCode.TALLY_STATED if stated else DigestCode.TALLY, items=Items(items, "terms"))


def _miss_sentence(o: Outcome) -> Sentence:
    factors = Terms(o.cause.factors, "term") if o.cause is not None and o.cause.factors else None
    if not o.numeric:
        return _say(DigestCode.MISS_NAMED, indicator=Indicator(o.name_zh), factors=factors or Terms(()))
    cells = {"indicator": Indicator(o.name_zh), "actual": Cell(o.actual_text, o.unit, o.name_zh),
             "target": Cell(o.target_text, o.unit, o.name_zh)}
    if factors is not None:
        return _say(DigestCode.MISS_CAUSE, factors=factors, **cells)
    return _say(DigestCode.MISS, **cells)


def _targets_sentence(targets: Iterable[NewTarget], review_year: int | None, plan_year: int | None) -> Sentence | None:
    items = []
    for t in targets:
        cells = {"indicator": Indicator(t.name_zh), "target": Cell(t.target_text, t.unit, t.name_zh)}
        if t.previous_actual and review_year:
            items.append(_say(DigestCode.TARGET_AFTER, previous=Cell(t.previous_actual, t.unit, t.name_zh),
                              last_year=Year(review_year), **cells))
        else:
            items.append(_say(DigestCode.TARGET_ONLY, **cells))
    if not items or not plan_year:
        return None
    return _say(DigestCode.TARGETS, year=Year(plan_year), items=Items(tuple(items), "clauses"))


def _changes_sentence(renamed: Iterable[Renamed], retired: tuple[str, ...], new: tuple[str, ...]) -> Sentence | None:
    items = [_say(DigestCode.RENAMED, new=Indicator(r.new_zh), old=Indicator(r.old_zh)) for r in renamed]
    if retired:
        items.append(_say(DigestCode.RETIRED, names=_names(retired)))
    if new:
        items.append(_say(DigestCode.NEW_INDICATORS, n=Count(len(new)), names=_names(new)))
    return _say(DigestCode.CHANGES, items=Items(tuple(items), "clauses")) if items else None


def summary_sentences(d: Digest, review_year: int | None, plan_year: int | None) -> tuple[list[Sentence], list[Sentence]]:
    """The executive summary as typed sentences: (the paragraph's, the bullets')."""
    lead = _economy_sentences(d.economy, review_year, plan_year)
    tally = _tally_sentence(d.tallies)
    if tally is not None:
        lead.append(tally)
    numeric = [o for o in d.misses if o.numeric]
    named = [o for o in d.misses if not o.numeric and o.origin == "prose"]
    if numeric and d.outcomes:
        lead.append(_say(DigestCode.MISSED_COUNT, n=Count(d.missed), total=Count(d.outcomes)))
    elif named:
        lead.append(_say(DigestCode.NAMED_SHORTFALLS, n=Count(len(named)), names=_names(o.name_zh for o in named)))
    if d.estimates and d.outcomes:
        lead.append(_say(DigestCode.ESTIMATES, n=Count(d.estimates), total=Count(d.outcomes)))
    points = [_miss_sentence(o) for o in (numeric or named)[:MAX_SUMMARY_MISSES]]
    for extra in (_targets_sentence(d.targets[:MAX_TARGETS + 1], review_year, plan_year),
                  _changes_sentence(d.renamed, d.retired, d.new)):
        if extra is not None:
            points.append(extra)
    return lead, points[:MAX_POINTS]


# --------------------------------------------------------------- entry point


def digest(scorecard: Scorecard, plan: PlanComparison, tallies: Tallies, causes: dict[int, Cause],
           headline: Iterable[KeyFigure], review_year: int | None = None, plan_year: int | None = None,
           glossary: Glossary | None = None) -> Digest:
    """The facts a brief opens with, from the analysis' results (``headline``: the review's headline figures;
    ``glossary``: reads the factors of a reason the report states, as the causes do)."""
    headline = list(headline)
    level, growth = _economy_figures(headline)
    scored_growth = next((r for r in scorecard.review if r.indicator_id in ECONOMY_GROWTH), None)
    targets = headline_targets(plan, scorecard)
    economy_target = next((t for t in targets if t.indicator_id in ECONOMY_GROWTH), None)
    economy = Economy(level, growth, _outcome(scored_growth, causes, glossary) if scored_growth else None,
                      economy_target)
    misses = largest_misses(scorecard, causes, glossary)
    shown = {name_key(o.name_zh) for o in misses[:MAX_MISSES]}
    estimates, outcomes = _estimates(scorecard)
    renamed = tuple(Renamed(p.change.replaces or "", p.name_zh, p.line) for p in plan.rows()
                    if p.change.kind is ChangeKind.REPLACED and p.change.replaces)
    facts = Digest(
        economy=economy,
        tallies=tuple(_tallies(tallies, scorecard)),
        misses=tuple(misses),
        missed=sum(1 for r in scorecard.review if r.status is Status.MISSED),
        targets=tuple(targets),
        renamed=renamed,
        retired=tuple(r.name_zh for r in plan.retired),
        new=tuple(p.name_zh for p in plan.plan if p.change.kind is ChangeKind.NEW),
        estimates=estimates,
        outcomes=outcomes,
        headline=tuple(_headline(economy, _other_figures(headline, shown), misses, targets)),
    )
    lead, points = summary_sentences(facts, review_year, plan_year)
    return replace(facts, lead=tuple(lead), points=tuple(points))
