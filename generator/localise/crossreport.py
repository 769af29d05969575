"""Words for what the cross-report stage found: continuity findings and national benchmarks.

Shared by the briefs (:mod:`generator.localise.briefs`: a report's notes on
the source and its plan table) and the portfolio page
(:mod:`generator.localise.portfolio`), so a finding reads the same in both.
Every sentence is a message of the catalogues (``templates/locale``), in each
language; names go through the glossary (a variant the catalogue recognises
takes the catalogue's English), targets through the voice's number
formatting. A Chinese name shown as such in a rendered language (the two
wordings of a renamed indicator) is a segment tagged with the report's
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.analyse.benchmark import Benchmark
from generator.analyse.continuity import ContinuityFinding, ContinuityKind
from generator.brief import Segment, Text
from generator.lexicon.catalogue import Catalogue
from generator.localise.index_rates import index_cell
from generator.localise.source_notes import SEVERITY_WORDS
from generator.localise.voice import RenderedVoice, Voice
from generator.targets import parse_target

CONTINUITY_MESSAGES: dict[ContinuityKind, str] = {
    ContinuityKind.TARGET_CHANGED: "Target changed: %(name)s is reviewed against %(reviewed)s; "
                                   "the %(year)s plan set %(planned)s (%(report)s, %(where)s).",
    ContinuityKind.DROPPED: "Not reviewed: %(name)s was a %(year)s target (%(planned)s; %(report)s, %(where)s); "
                            "the review does not score it.",
    ContinuityKind.RENAMED: "Renamed: %(name)s is reviewed as %(reviewed_name)s; the %(year)s plan named it "
                            "%(planned_name)s (%(report)s, %(where)s).",
    ContinuityKind.NOT_IN_PLAN: "Not in the plan: %(name)s is reviewed against %(reviewed)s, a target the "
                                "%(year)s plan did not set (%(report)s).",
}
BENCHMARK_SAME = "National: %(target)s"
BENCHMARK_OTHER = "National (%(indicator)s): %(target)s"
BENCHMARK_SOURCE = "National targets beside this year's: %(report)s"
WITH_UNIT = "%(target)s (%(unit)s)"  # a bare figure of the report's own language with its table's unit
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass
class CrossReportWords:
    """Words of one language for cross-report facts."""

    voice: Voice
    catalogue: Catalogue
    source_tag: str  # BCP 47 tag of the reports' own language

    def indicator(self, name_zh: str, line: int | None = None) -> Text:
        """An indicator name; a variant the catalogue recognises takes its English."""
        known = self.catalogue.match(name_zh)
        return self.voice.term(name_zh, "indicator", line=line, default=known.en if known else None)

    def as_written(self, zh: str) -> Text:
        """Chinese shown as the report writes it (tagged with its language in a rendered brief)."""
        if isinstance(self.voice, RenderedVoice):
            return Text((Segment(f"“{zh}”", lang=self.source_tag),))
        return Text.plain(f"“{zh}”")

    def file(self, name: str) -> Text:
        """A report's file name (tagged when a rendered brief shows Chinese characters in it)."""
        if isinstance(self.voice, RenderedVoice) and _CJK.search(name):
            return Text((Segment(name, lang=self.source_tag),))
        return Text.plain(name)

    def target(self, text: str, unit: str, name_zh: str = "") -> Text:
        """A target or outcome cell (of indicator ``name_zh``: an index as its rate); in the report's own
        language a bare figure gets its unit (``8（%）``)."""
        rate = index_cell(self.voice, name_zh, text, unit) if name_zh else None
        if rate is not None:
            return rate
        shown = self.voice.target(text, unit)
        if self.voice.language.source and unit and shown:
            parsed = parse_target(text)
            if parsed.value is not None and not parsed.unit:
                return self.voice.word(WITH_UNIT, target=shown, unit=self.voice.unit(unit))
        return shown

    def severity(self, key: str) -> Text:
        return self.voice.word(SEVERITY_WORDS.get(key, "Information"))

    def continuity(self, f: ContinuityFinding, line: int | None = None) -> Text:
        """The sentence of one continuity finding; ``line``: where the later report states the row."""
        v = self.voice
        params: dict[str, object] = {
            "name": self.indicator(f.name, line),
            "year": str(f.year),
            "report": self.file(f.earlier_file),
            "where": v.line_ref(f.planned_line),
            "planned": self.target(f.planned, f.unit) if f.planned else v.word("no target"),
            "reviewed": self.target(f.reviewed, f.unit) if f.reviewed else v.word("no target"),
            "planned_name": self.as_written(f.planned_name or ""),
            "reviewed_name": self.as_written(f.reviewed_name or ""),
        }
        return v.word(CONTINUITY_MESSAGES[f.kind], **params)

    def benchmark(self, b: Benchmark, own_id: str | None) -> Text:
        """The national target beside a regional one: ``National: about 5%``."""
        target = self.target(b.national_target, b.national_unit, b.national_name)
        if b.national_id == own_id:
            return self.voice.word(BENCHMARK_SAME, target=target)
        return self.voice.word(BENCHMARK_OTHER, indicator=self.indicator(b.national_name), target=target)

    def benchmark_source(self, b: Benchmark) -> Text:
        return self.voice.word(BENCHMARK_SOURCE, report=self.file(b.national_file))
