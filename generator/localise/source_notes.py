"""Notes on the source as a brief shows them: problems listed, passed checks counted, problems on their rows.

The fact-checks give every result, passed or not. A reader needs the
problems: they are listed (errors, warnings, information) and also put,
in a short form, on the scorecard and plan rows they concern (a finding
concerns the row whose source line it cites), so that "text says 2%, table
about 2.5%" stands beside the figure. The checks the report passed
(:data:`generator.analyse.factcheck.PASSED`) are counted on one line — a
check that compares several figures counts each.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.analyse.factcheck import Finding as CheckFinding
from generator.analyse.params import Count
from generator.brief import Finding, Text
from generator.localise.voice import Voice
from generator.localise.wording import Wording

FINDING_SHORT = "finding-short"  # catalogue context of the short forms shown on a row
SEVERITY_WORDS: dict[str, str] = {"error": "Error", "warning": "Warning", "info": "Information"}
SEVERITY_ORDER = ("error", "warning", "info")
CITED = "%(message)s (%(where)s)"  # a row's finding with the lines it cites
PASSED_LINE = {1: "%(n)s arithmetic and consistency check passed"}  # by count; any other count:
PASSED_LINES = "%(n)s arithmetic and consistency checks passed"


@dataclass
class SourceNotes:
    """The findings of one report in the words of one brief."""

    findings: list[CheckFinding]
    voice: Voice
    wording: Wording
    _rows: dict[int, list[CheckFinding]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for f in self.problems:
            for line in f.lines:
                self._rows.setdefault(line, []).append(f)

    @property
    def problems(self) -> list[CheckFinding]:
        """Findings that are not passed checks, most severe first (stable within a severity)."""
        rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
        return sorted((f for f in self.findings if not f.passed), key=lambda f: rank.get(f.severity, len(rank)))

    @property
    def passed(self) -> int:
        """How many checks the report passed: one per passed finding, or the figures it counts."""
        return sum(_count(f) for f in self.findings if f.passed)

    def section(self) -> tuple[Finding, ...]:
        """The notes section: every problem, then one line for the passed checks."""
        v = self.voice
        out = [self._shown(f, self.wording.sentence(f.sentence, whole=True), f.lines) for f in self.problems]
        if self.passed:  # where: none; a list of every line the checks read tells a reader nothing
            out.append(Finding(severity="info", severity_label=v.word(SEVERITY_WORDS["info"]),
                               message=v.word(PASSED_LINE.get(self.passed, PASSED_LINES), n=v.count(self.passed)),
                               where=Text(), passed=True))
        return tuple(out)

    def for_row(self, line: int | None) -> tuple[Finding, ...]:
        """The problems citing source line ``line`` (a table row), short form; ``where``: their other lines,
        which the message also cites (``Text says 2%, table about 2.5% (lines 73, 255)``), so that a
        renderer shows the message alone.

        Two findings saying the same of a row (one figure in two sentences) become one, citing both.
        """
        if line is None:
            return ()
        merged: dict[tuple[str, str], tuple[CheckFinding, Text, set[int]]] = {}
        for f in self._rows.get(line, []):
            message = self._short(f)
            key = (f.severity, str(message))
            held = merged.setdefault(key, (f, message, set()))
            held[2].update(n for n in f.lines if n != line)
        out = []
        for f, message, lines in merged.values():
            shown = self._shown(f, message, tuple(sorted(lines)))
            if shown.where:
                shown = replace(shown, message=self.voice.word(CITED, message=message, where=shown.where))
            out.append(shown)
        return tuple(out)

    def _short(self, f: CheckFinding) -> Text:
        sentence = f.sentence
        if self.wording.has(FINDING_SHORT, sentence.code):
            return self.wording.sentence(sentence, context=FINDING_SHORT, whole=True)
        return self.wording.sentence(sentence, whole=True)

    def _shown(self, f: CheckFinding, message: Text, lines: tuple[int, ...]) -> Finding:
        v = self.voice
        return Finding(severity=f.severity, severity_label=v.word(SEVERITY_WORDS.get(f.severity, "Information")),
                       message=message, where=Text.plain(v.where(*lines)))


def _count(f: CheckFinding) -> int:
    n = dict(f.params).get("count")
    return n.n if isinstance(n, Count) else 1
