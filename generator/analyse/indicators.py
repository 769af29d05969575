"""Indicator analysis of one document, and the ``scorecard`` outputs.

Owns :func:`analyse_indicators`, the entry point the brief builder and the
fact-checks use: scorecard, tallies, plan changes, projects and fact-checks
of a document, computed once per document (the cache lives here). Also owns
the two machine-readable views of that analysis: :func:`scorecard_json`
(``python -m generator scorecard`` and ``scorecard.json``) and
:func:`scorecard_csv` (``scorecard.csv``).
"""

from __future__ import annotations

import csv
import io
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.analyse.catalogue import Catalogue, load_catalogue
from generator.analyse.scorecard import Scorecard, build_scorecard
from generator.document import Document

if TYPE_CHECKING:  # the later stages import the scorecard, the fact-checks this module
    from generator.analyse.changes import PlanComparison
    from generator.analyse.factcheck import Finding
    from generator.analyse.projects import Projects
    from generator.analyse.tallies import Tallies


@dataclass
class IndicatorAnalysis:
    """Everything the brief builder needs about indicators, computed once per document."""

    scorecard: Scorecard
    tallies: "Tallies"
    plan: "PlanComparison"
    projects: "Projects"
    findings: "list[Finding]"


_CACHE: dict[int, tuple[weakref.ref[Document], IndicatorAnalysis]] = {}


def analyse_indicators(doc: Document, catalogue: Catalogue | None = None) -> IndicatorAnalysis:
    """Scorecard, tallies, plan changes, projects and fact-checks of ``doc`` (cached per document)."""
    cached = _CACHE.get(id(doc))
    if cached is not None and cached[0]() is doc and catalogue is None:
        return cached[1]
    # The later stages build on the scorecard, so they are imported here.
    from generator.analyse.changes import compare_plan
    from generator.analyse.factcheck import check
    from generator.analyse.projects import find_projects
    from generator.analyse.tallies import tally_document

    cat = catalogue or load_catalogue()
    scorecard = build_scorecard(doc, cat)
    plan = compare_plan(doc, scorecard, cat)
    tallies = tally_document(doc, scorecard, plan)
    projects = find_projects(doc)
    findings = check(doc, scorecard, tallies, plan, projects, cat)
    analysis = IndicatorAnalysis(scorecard, tallies, plan, projects, findings)
    if catalogue is None:
        _CACHE[id(doc)] = (weakref.ref(doc), analysis)
    return analysis


def scorecard_json(doc: Document) -> dict[str, Any]:
    """``python -m generator scorecard``: review, tally, plan, retired, origin."""
    analysis = analyse_indicators(doc)
    return {
        "source": doc.source,
        "review_year": doc.review_year,
        "plan_year": doc.plan_year,
        "review": [item.to_dict() for item in analysis.scorecard.review],
        "tally": analysis.tallies.to_dict(),
        "plan": [item.to_dict() for item in analysis.plan.plan],
        "retired": [item.to_dict() for item in analysis.plan.retired],
        "stated_changes": analysis.plan.stated.to_dict(),
        "origin": {"review": analysis.scorecard.origin.to_dict(), "plan": analysis.plan.origin.to_dict()},
    }


CSV_HEADER = (
    "section", "number", "level", "name_zh", "id", "unit", "binding", "target", "actual",
    "status", "reason", "previous_target", "change", "ambition", "line",
)


def scorecard_csv(doc: Document) -> str:
    """One row per indicator (review rows, then plan rows), with a header."""
    analysis = analyse_indicators(doc)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in analysis.scorecard.rows():
        writer.writerow((
            "review", item.number or "", item.level, item.name_zh, item.indicator_id or "", item.unit,
            _attribute(item.binding, item.origin), item.target_text, item.actual_text,
            item.status.value, item.reason.zh, "", "", "", item.line,
        ))
    for plan_item in analysis.plan.rows():
        writer.writerow((
            "plan", plan_item.number or "", plan_item.level, plan_item.name_zh, plan_item.indicator_id or "",
            plan_item.unit, _attribute(plan_item.binding, plan_item.origin), plan_item.target_text, "",
            "", "", plan_item.change.previous_text or "", plan_item.change.kind.value,
            plan_item.change.ambition.value, plan_item.line or "",
        ))
    return out.getvalue()


def _attribute(binding: bool, origin: str) -> str:
    """binding / anticipatory from a table; unknown ("") for what the prose names without saying."""
    if origin == "prose":
        return ""
    return "binding" if binding else "anticipatory"
