"""The analysis of one report: everything the localiser and the scorecard files need, computed once.

:func:`analyse` is the analysis stage's entry point: it takes a read
:class:`~generator.document.Document` and the project's lexicon (the
indicator catalogue, and the glossary's term list, which tells the causes
reader which phrases are whole terms) and returns an :class:`Analysis`:
scorecard, tallies, plan changes, projects, fact-check findings, the
report's own causes of missed targets, section summaries and key figures, and the digest (the
headline and the facts of the executive summary).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyse.causes import Cause, find_causes
from generator.analyse.changes import PlanComparison
from generator.analyse.digest import Digest, digest
from generator.analyse.factcheck import Finding
from generator.analyse.indicators import IndicatorAnalysis, analyse_indicators
from generator.analyse.projects import Projects
from generator.analyse.scorecard import Scorecard
from generator.analyse.summaries import Summaries, summarize
from generator.analyse.tallies import Tallies
from generator.document import Document
from generator.lexicon.folder import Lexicon


@dataclass(frozen=True)
class Analysis:
    """The typed results of analysing one report."""

    doc: Document
    indicators: IndicatorAnalysis
    causes: dict[int, Cause]  # scored row's line -> the report's explanation
    summaries: Summaries
    digest: Digest  # what the brief says first: headline and executive summary facts

    @property
    def scorecard(self) -> Scorecard:
        return self.indicators.scorecard

    @property
    def tallies(self) -> Tallies:
        return self.indicators.tallies

    @property
    def plan(self) -> PlanComparison:
        return self.indicators.plan

    @property
    def projects(self) -> Projects:
        return self.indicators.projects

    @property
    def findings(self) -> list[Finding]:
        return self.indicators.findings


def analyse(doc: Document, lexicon: Lexicon) -> Analysis:
    """Analyse ``doc`` once: indicators, causes, summaries, the digest."""
    indicators = analyse_indicators(doc, lexicon.catalogue)
    causes = find_causes(doc, indicators.scorecard, lexicon.catalogue, lexicon.glossary)
    summaries = summarize(doc)
    facts = digest(indicators.scorecard, indicators.plan, indicators.tallies, causes, summaries.headline,
                   doc.review_year, doc.plan_year, lexicon.glossary)
    return Analysis(doc, indicators, causes, summaries, facts)
