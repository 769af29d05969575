"""The executive summary and the headline box in one language, from the digest's typed facts.

:class:`SummaryWords` says the :class:`~generator.analyse.digest.Digest` of a report: its paragraph
and points (typed sentences, context ``digest`` of the message catalogue) and its headline items
(figures of the prose, outcomes against their targets, this year's targets beside last year's
outcome). Every language says the same facts in the same order; nothing is translated. In a
rendered language a sentence that would show a glossary gap is left out and counted
(:attr:`~generator.brief.Executive.untranslated`), never shown half in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable

from generator.analyse.digest import Digest, HeadlineItem, HeadlineKind, NewTarget, Outcome
from generator.analyse.params import Sentence
from generator.brief import Executive, Figure, Text
from generator.localise.figures import FigureWords
from generator.localise.voice import Voice
from generator.localise.wording import Wording


@dataclass
class Said:
    """Sentences said in one language, and how many were left out for a glossary gap."""

    texts: list[Text]
    left_out: int = 0


def say_all(wording: Wording, sentences: Iterable[Sentence]) -> Said:
    """Each sentence as a whole sentence; in a rendered language one with a gap is left out and counted."""
    rendered = not wording.voice.language.source
    out = Said([])
    for s in sentences:
        text = wording.sentence(s, whole=True)
        if rendered and text.gaps:
            out.left_out += 1
        elif text:
            out.texts.append(text)
    return out


def joined_sentences(voice: Voice, texts: list[Text]) -> Text:
    """Sentences as one paragraph."""
    return Text.join(texts, " " if voice.language.sentence_space else "")


@dataclass
class SummaryWords:
    wording: Wording
    figures: FigureWords
    indicator: Callable[..., Text]  # an indicator's name (catalogue, then glossary)
    cell: Callable[[str, str, str, "int | None"], Text]  # (name, cell, unit, line): a value said with its unit
    review_year: str = ""
    plan_year: str = ""

    def executive(self, d: Digest) -> Executive:
        lead = say_all(self.wording, d.lead)
        points = say_all(self.wording, d.points)
        return Executive(paragraph=joined_sentences(self.wording.voice, lead.texts), points=tuple(points.texts),
                         untranslated=lead.left_out + points.left_out)

    # ------------------------------------------------------------ headline

    def headline(self, d: Digest) -> tuple[Figure, ...]:
        return tuple(self.item(i) for i in d.headline)

    def item(self, item: HeadlineItem) -> Figure:
        if item.kind is HeadlineKind.OUTCOME and item.outcome is not None:
            return self.outcome(item.outcome)
        if item.kind is HeadlineKind.TARGET and item.target is not None:
            return self.target(item.target)
        assert item.figure is not None
        shown = self.figures.figure(item.figure)
        if item.note is not None:
            shown = replace(shown, note=self.target_note(item.note))
        return shown

    def target_note(self, t: NewTarget) -> Text:
        v = self.wording.voice
        return v.word("%(year)s target: %(target)s", year=self.plan_year, target=self.cell(t.name_zh, t.target_text, t.unit, t.line))

    def outcome(self, o: Outcome) -> Figure:
        v = self.wording.voice
        return Figure(
            label=self.indicator(o.name_zh, o.line), value=self.cell(o.name_zh, o.actual_text, o.unit, o.line),
            source=v.where(o.line), kind="outcome",
            note=v.word("target %(target)s", target=self.cell(o.name_zh, o.target_text, o.unit, o.line)),
            status=o.status.value,
        )

    def target(self, t: NewTarget) -> Figure:
        v = self.wording.voice
        note = (v.word("%(year)s: %(value)s", year=self.review_year, value=self.cell(t.name_zh, t.previous_actual, t.unit, t.line))
                if t.previous_actual and self.review_year else Text())
        label = v.word("%(metric)s: %(year)s target", metric=self.indicator(t.name_zh, t.line), year=self.plan_year)
        return Figure(label=label, value=self.cell(t.name_zh, t.target_text, t.unit, t.line), source=v.where(t.line),
                      kind="target", note=note)
