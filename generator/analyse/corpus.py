"""The cross-report stage: what can only be known by reading several reports together.

Runs after every report of a build has been analysed and before any brief
is localised, like Pelican's "all contexts generated" step. It takes the
analyses of the build's reports (by name) and the standard measures, and
returns a :class:`CorpusAnalysis`:

* per report, a :class:`ReportContext` (:meth:`CorpusAnalysis.for_report`)
  that becomes an input of that report's briefs — the continuity findings
  against the plan of the report before it (:mod:`generator.analyse.continuity`)
  and the national targets beside its own (:mod:`generator.analyse.benchmark`);
* the :class:`~generator.analyse.portfolio.Portfolio` of the whole build.

Its digest (:func:`corpus_digest`) is the digest of its inputs — every
report's analysis digest and the standard measures — so the build re-runs
it, and rebuilds what depends on it, only when one of them changed. This
module imports nothing heavy at load time: the no-op build computes
:func:`corpus_digest` without the analysis code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Mapping

from generator.analyse.benchmark import Benchmark, benchmarks, national_for
from generator.analyse.continuity import ContinuityFinding, consecutive_pairs, findings_of
from generator.analyse.portfolio import Portfolio, build_portfolio
from generator.analyse.profile import profile
from generator.lexicon.measures import Measures
from generator.analyse.analysis import Analysis


@dataclass(frozen=True)
class ReportContext:
    """What the corpus stage found about one report."""

    name: str
    earlier: str | None = None  # the report whose plan this one reviews
    continuity: tuple[ContinuityFinding, ...] = ()
    national: str | None = None  # the national report of the same plan year
    benchmarks: tuple[Benchmark, ...] = ()

    def digest(self) -> str:
        data = {"name": self.name, "earlier": self.earlier, "national": self.national,
                "continuity": [f.to_dict() for f in self.continuity],
                "benchmarks": [b.to_dict() for b in self.benchmarks]}
        return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()

    def benchmark(self, indicator_id: str | None, line: int | None) -> "Benchmark | None":
        """The national target beside the plan row of ``indicator_id`` on ``line``, if any."""
        return next((b for b in self.benchmarks if b.indicator_id == indicator_id and b.line == line), None)


@dataclass(frozen=True)
class CorpusAnalysis:
    """The results of the cross-report stage for one build."""

    reports: Mapping[str, ReportContext] = field(default_factory=dict)
    portfolio: Portfolio | None = None

    def for_report(self, name: str) -> ReportContext:
        return self.reports.get(name) or ReportContext(name)


def corpus_digest(analysis_digests: Mapping[str, str], measures_digest: str = "") -> str:
    """The digest of the stage's inputs: every report's name and analysis digest, and the standard measures."""
    rows = "\n".join(f"{name}\t{digest}" for name, digest in sorted(analysis_digests.items()))
    return hashlib.sha256(f"{rows}\nmeasures\t{measures_digest}".encode()).hexdigest()


def analyse_corpus(analyses: Mapping[str, Analysis], measures: Measures) -> CorpusAnalysis:
    """Compare the analysed reports of a build (by report name)."""
    profiles = {name: profile(a.doc) for name, a in analyses.items()}
    pairs = consecutive_pairs(profiles)
    continuity = findings_of(pairs, analyses, measures)
    national = {name: n for name in analyses if (n := national_for(name, profiles)) is not None}
    benched = {name: benchmarks(analyses[name], analyses[n], n, measures) for name, n in national.items()}
    contexts = {
        name: ReportContext(name, pairs.get(name), tuple(continuity.get(name, ())), national.get(name),
                            tuple(benched.get(name, ())))
        for name in analyses
    }
    portfolio = build_portfolio(analyses, profiles, measures, pairs, continuity, national, benched)
    return CorpusAnalysis(contexts, portfolio)
