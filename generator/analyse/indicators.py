"""Indicator analysis of one document: scorecard, tallies, plan changes, projects, fact-checks.

:func:`analyse_indicators` runs those stages in their order (each builds on
the ones before); :mod:`generator.analyse.analysis` adds the summaries and
the report's causes to make the whole :class:`~generator.analyse.analysis.Analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyse.changes import PlanComparison, compare_plan
from generator.analyse.factcheck import Finding, check
from generator.analyse.projects import Projects, find_projects
from generator.analyse.prose_review import prose_scorecard
from generator.analyse.scorecard import Scorecard
from generator.analyse.tallies import Tallies, tally_document
from generator.document import Document
from generator.lexicon.catalogue import Catalogue


@dataclass(frozen=True)
class IndicatorAnalysis:
    """Scorecard, tallies, plan changes, projects and findings of one document."""

    scorecard: Scorecard
    tallies: Tallies
    plan: PlanComparison
    projects: Projects
    findings: list[Finding]


def analyse_indicators(doc: Document, catalogue: Catalogue) -> IndicatorAnalysis:
    """Scorecard, tallies, plan changes, projects and fact-checks of ``doc``."""
    scorecard = prose_scorecard(doc, catalogue)
    plan = compare_plan(doc, scorecard, catalogue)
    tallies = tally_document(doc, scorecard, plan)
    projects = find_projects(doc)
    findings = check(doc, scorecard, tallies, plan, projects, catalogue)
    return IndicatorAnalysis(scorecard, tallies, plan, projects, findings)
