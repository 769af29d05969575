"""The cross-report stage: what can only be known by reading several reports together.

Runs after every report of a build has been analysed and before any brief
is localised, like Pelican's "all contexts generated" step. It takes the
analyses of the build's reports (by name) and returns a :class:`CorpusAnalysis`
whose per-report part (:meth:`CorpusAnalysis.for_report`) becomes an input
of that report's briefs. Its digest (:func:`corpus_digest`) is the digest of
its inputs, so the build re-runs it, and rebuilds what depends on it, only
when some report's analysis changed.

Nothing is compared across reports yet; the stage exists so that comparisons
(target continuity between consecutive years, benchmarks against national
targets, a portfolio) have their place and their staleness rule.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # not imported at run time: the no-op build computes corpus_digest without the analysis code
    from generator.analyse.analysis import Analysis


@dataclass(frozen=True)
class ReportContext:
    """What the corpus stage found about one report (empty until comparisons exist)."""

    name: str
    findings: tuple[str, ...] = ()

    def digest(self) -> str:
        return hashlib.sha256("\n".join((self.name, *self.findings)).encode()).hexdigest()


@dataclass(frozen=True)
class CorpusAnalysis:
    """The results of the cross-report stage for one build."""

    reports: Mapping[str, ReportContext] = field(default_factory=dict)

    def for_report(self, name: str) -> ReportContext:
        return self.reports.get(name) or ReportContext(name)


def corpus_digest(analysis_digests: Mapping[str, str]) -> str:
    """The digest of the stage's inputs: every report's name and analysis digest."""
    rows = "\n".join(f"{name}\t{digest}" for name, digest in sorted(analysis_digests.items()))
    return hashlib.sha256(rows.encode()).hexdigest()


def analyse_corpus(analyses: Mapping[str, "Analysis"]) -> CorpusAnalysis:
    """Compare the analysed reports of a build (by report name)."""
    return CorpusAnalysis({name: ReportContext(name) for name in analyses})
