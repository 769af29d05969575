"""The scorecard as data files: ``scorecard.json`` and ``scorecard.csv`` (and the ``scorecard`` command).

Writers of the analysis' machine-readable view, beside the briefs: they lay
out the typed results of :mod:`generator.analyse.analysis` and compute
nothing.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.analyse.analysis import Analysis
from generator.localise.wording import Wording


def _worded_review(item: Any, words: Wording) -> dict[str, Any]:
    data = item.to_dict()
    data["reason"]["zh"] = str(words.sentence(item.reason.sentence(), unit=item.unit))
    data["children"] = [_worded_review(c, words) for c in item.children]
    return data


def _worded_plan(item: Any, words: Wording) -> dict[str, Any]:
    data = item.to_dict()
    data["change_detail"]["zh"] = str(words.sentence(item.change.sentence(item.target_text), unit=item.unit))
    data["children"] = [_worded_plan(c, words) for c in item.children]
    return data


def scorecard_json(analysis: Analysis, words: Wording) -> dict[str, Any]:
    """``python -m generator scorecard`` and ``scorecard.json``: review, tally, plan, retired, origin.

    ``words``: the report's own language, for the sentences the data carry beside their codes.
    """
    doc = analysis.doc
    return {
        "source": doc.source,
        "review_year": doc.review_year,
        "plan_year": doc.plan_year,
        "review": [_worded_review(item, words) for item in analysis.scorecard.review],
        "tally": analysis.tallies.to_dict(),
        "plan": [_worded_plan(item, words) for item in analysis.plan.plan],
        "retired": [item.to_dict() for item in analysis.plan.retired],
        "stated_changes": analysis.plan.stated.to_dict(),
        "origin": {"review": analysis.scorecard.origin.to_dict(), "plan": analysis.plan.origin.to_dict()},
    }


CSV_HEADER = (
    "section", "number", "level", "name_zh", "id", "unit", "binding", "target", "actual",
    "status", "reason", "previous_target", "change", "ambition", "line",
)


def scorecard_csv(analysis: Analysis, words: Wording) -> str:
    """``scorecard.csv``: one row per indicator (review rows, then plan rows), with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in analysis.scorecard.rows():
        writer.writerow((
            "review", item.number or "", item.level, item.name_zh, item.indicator_id or "", item.unit,
            _attribute(item.binding, item.origin), item.target_text, item.actual_text,
            item.status.value, str(words.sentence(item.reason.sentence(), unit=item.unit)), "", "", "", item.line,
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


def scorecard_json_text(analysis: Analysis, words: Wording) -> str:
    """The JSON file's text (UTF-8, indented, one final newline)."""
    return json.dumps(scorecard_json(analysis, words), ensure_ascii=False, indent=2, default=str) + "\n"
