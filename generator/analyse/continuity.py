"""Target continuity between consecutive reports of one region: was the target reviewed the target set?

The report of year N sets the plan of year N; the report of year N+1
reviews year N. Read together (same region, same genre, the earlier report's
plan year = the later report's review year; :func:`consecutive_pairs`),
every indicator of the later review should carry the target the earlier plan
set. :func:`check_continuity` matches the two lists (catalogue id, else the
normalised name) and reports, as typed :class:`ContinuityFinding`:

* ``target_changed`` — the review states another target than the plan set
  (``change`` says raised / lowered / reworded, as the plan comparison
  reads target changes);
* ``dropped`` — a planned indicator the review does not score;
* ``renamed`` — one catalogue indicator under another name (an alias:
  ``实际利用外资`` planned, ``实际使用外资`` reviewed);
* ``not_in_plan`` — a reviewed indicator the plan did not set; only against a
  plan table (a plan stated in prose names its headline targets only, and
  only its catalogued ones are checked).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Mapping

from generator.analyse.analysis import Analysis
from generator.analyse.changes import ChangeKind, PlanIndicator, compare_targets
from generator.analyse.profile import ReportProfile
from generator.analyse.scorecard import ScoredIndicator
from generator.lexicon.catalogue import name_key
from generator.lexicon.measures import Measures
from generator.text import normalise


class ContinuityKind(str, Enum):
    TARGET_CHANGED = "target_changed"
    DROPPED = "dropped"
    RENAMED = "renamed"
    NOT_IN_PLAN = "not_in_plan"


@dataclass(frozen=True)
class ContinuityFinding:
    """One difference between the plan an earlier report set and the review of the next."""

    kind: ContinuityKind
    earlier: str  # name of the report that set the plan
    earlier_file: str  # its file name
    year: int  # the year planned and reviewed
    indicator_id: str | None
    planned_name: str | None  # as the plan names it
    reviewed_name: str | None  # as the review names it
    unit: str
    planned: str | None = None  # the target as set
    reviewed: str | None = None  # the target as reviewed
    planned_line: int | None = None  # in the earlier report
    reviewed_line: int | None = None  # in the later report
    change: str | None = None  # target_changed: raised | lowered | reworded

    @property
    def severity(self) -> str:
        if self.kind is ContinuityKind.DROPPED or self.change in (ChangeKind.RAISED.value, ChangeKind.LOWERED.value):
            return "warning"
        return "info"

    @property
    def name(self) -> str:
        """The indicator's name in the later report (the plan's when the review lacks it)."""
        return self.reviewed_name or self.planned_name or ""

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value, "severity": self.severity}


def consecutive_pairs(profiles: Mapping[str, ReportProfile]) -> dict[str, str]:
    """Later report -> the earlier report whose plan it reviews (same region and genre).

    When several reports set the plan of that year, the first by name is taken.
    """
    pairs: dict[str, str] = {}
    for later, p in sorted(profiles.items()):
        if p.region is None or p.review_year is None:
            continue
        earlier = [name for name, q in sorted(profiles.items())
                   if name != later and q.region == p.region and q.genre is p.genre and q.plan_year == p.review_year]
        if earlier:
            pairs[later] = earlier[0]
    return pairs


def _key(indicator_id: str | None, name: str, measures: Measures | None) -> str:
    """One key for the rows of one measure: a series renamed (实际使用外资 / 实际利用外资) keeps its measure."""
    measure = measures.of(indicator_id) if measures is not None else None
    if measure is not None:
        return f"measure:{measure.key}"
    return f"id:{indicator_id}" if indicator_id else f"name:{name_key(name)}"


def _units_agree(a: str, b: str) -> bool:
    return not a or not b or normalise(a) == normalise(b)


def _planned(earlier: Analysis) -> list[PlanIndicator]:
    """The earlier report's plan rows that a review can be held to."""
    rows = list(earlier.plan.rows())
    if earlier.plan.origin.kind != "prose":
        return rows
    seen: set[str] = set()
    out = []
    for item in rows:  # prose: catalogued names only, each once (the first statement)
        if item.indicator_id and item.indicator_id not in seen:
            seen.add(item.indicator_id)
            out.append(item)
    return out


def check_continuity(earlier: Analysis, later: Analysis, earlier_name: str,
                     measures: Measures | None = None) -> list[ContinuityFinding]:
    """What the later report's review changed, dropped, renamed or added against the earlier report's plan."""
    year = later.doc.review_year
    if year is None or earlier.doc.plan_year != year or later.scorecard.origin.kind == "none":
        return []
    planned = _planned(earlier)
    reviewed: list[ScoredIndicator] = list(later.scorecard.rows())
    earlier_file = Path(earlier.doc.source).name

    def finding(kind: ContinuityKind, p: PlanIndicator | None, r: ScoredIndicator | None,
                change: str | None = None) -> ContinuityFinding:
        return ContinuityFinding(
            kind=kind, earlier=earlier_name, earlier_file=earlier_file, year=year,
            indicator_id=(p.indicator_id if p else None) or (r.indicator_id if r else None),
            planned_name=p.name_zh if p else None, reviewed_name=r.name_zh if r else None,
            unit=(r.unit if r else "") or (p.unit if p else ""),
            planned=p.target_text if p else None, reviewed=r.target_text if r else None,
            planned_line=p.line if p else None, reviewed_line=r.line if r else None, change=change,
        )

    found: list[ContinuityFinding] = []
    used: set[int] = set()
    for r in reviewed:
        key = _key(r.indicator_id, r.name_zh, measures)
        index = next((i for i, p in enumerate(planned)
                      if i not in used and _key(p.indicator_id, p.name_zh, measures) == key), None)
        if index is None:
            if earlier.plan.origin.kind == "table":
                found.append(finding(ContinuityKind.NOT_IN_PLAN, None, r))
            continue
        used.add(index)
        p = planned[index]
        if name_key(p.name_zh) != name_key(r.name_zh):
            found.append(finding(ContinuityKind.RENAMED, p, r))
        kind, _ = compare_targets(p.target, r.target, r.polarity, unit_changed=not _units_agree(p.unit, r.unit))
        if kind is not ChangeKind.UNCHANGED:
            found.append(finding(ContinuityKind.TARGET_CHANGED, p, r, kind.value))
    for i, p in enumerate(planned):
        if i not in used:
            found.append(finding(ContinuityKind.DROPPED, p, None))
    return sorted(found, key=_order)


def _order(f: ContinuityFinding) -> tuple[int, int]:
    return (f.reviewed_line or 0, f.planned_line or 0)


def findings_of(pairs: Mapping[str, str], analyses: Mapping[str, Analysis],
                measures: Measures | None = None) -> dict[str, list[ContinuityFinding]]:
    """The continuity findings of every later report of ``pairs``."""
    return {later: check_continuity(analyses[earlier], analyses[later], earlier, measures)
            for later, earlier in pairs.items()}
