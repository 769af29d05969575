"""Benchmarks: a provincial or municipal plan target beside the national target of the same plan year.

When the build holds the national report whose plan year is a regional
report's plan year (:func:`national_for`), every regional plan row whose
catalogue id belongs to a benchmarked standard measure (``glossary/measures.yaml``)
gets the national target of that measure (:func:`benchmarks`): GRP growth
``6以上`` beside the national GDP growth ``5%左右``. The national row of the
same id is preferred; otherwise the measure's other ids (GDP for GRP, the CPI
increase for the CPI index).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Mapping

from generator.analyse.analysis import Analysis
from generator.analyse.changes import PlanIndicator
from generator.analyse.profile import Level, ReportProfile
from generator.lexicon.measures import Measures

REGIONAL = (Level.PROVINCIAL, Level.MUNICIPAL, Level.COUNTY)


@dataclass(frozen=True)
class Benchmark:
    """The national target beside one regional plan row."""

    indicator_id: str  # the regional row's catalogue id
    line: int | None  # the regional row's line
    national: str  # name of the national report
    national_file: str
    national_id: str
    national_name: str
    national_target: str
    national_unit: str
    national_line: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def national_for(name: str, profiles: Mapping[str, ReportProfile]) -> str | None:
    """The national report of the same plan year as regional report ``name`` (same genre first), else None."""
    p = profiles[name]
    if p.level not in REGIONAL or p.plan_year is None:
        return None
    candidates = sorted((q.genre is not p.genre, other) for other, q in profiles.items()
                        if q.level is Level.NATIONAL and q.plan_year == p.plan_year)
    return candidates[0][1] if candidates else None


def _national_row(indicator_id: str, rows: list[PlanIndicator], measures: Measures) -> PlanIndicator | None:
    same = next((r for r in rows if r.indicator_id == indicator_id), None)
    return same or next((r for r in rows if measures.comparable(r.indicator_id, indicator_id)), None)


def benchmarks(regional: Analysis, national: Analysis, national_name: str, measures: Measures) -> list[Benchmark]:
    """The national target beside each benchmarked row of the regional plan."""
    national_rows = [r for r in national.plan.rows() if r.indicator_id and r.target_text]
    out = []
    for row in regional.plan.rows():
        measure = measures.of(row.indicator_id)
        if measure is None or not measure.benchmark or row.indicator_id is None:
            continue
        found = _national_row(row.indicator_id, national_rows, measures)
        if found is None or found.indicator_id is None:
            continue
        out.append(Benchmark(
            indicator_id=row.indicator_id, line=row.line, national=national_name,
            national_file=Path(national.doc.source).name, national_id=found.indicator_id,
            national_name=found.name_zh, national_target=found.target_text, national_unit=found.unit,
            national_line=found.line,
        ))
    return out
