"""A section in a rendered language: full sentences built from its key figures and item titles.

The report's own language shows the sentences the analysis chose from the section
(:mod:`generator.analyse.summaries`); a rendered language cannot translate them, so
:class:`Narrative` says the section's facts instead, each through a catalogue template (context
``narrative``) with glossary terms and Babel numbers: ``Investment completed by municipal major
projects reached CNY 52.3 billion (share of the annual plan: 108%).`` A figure and the figures
linked to it (its growth, its share of the plan) make one sentence; a running total says *in total*,
a multi-year goal says *goal*, a plan section says what the plan sets. The item titles make one
sentence of the lines of work. A sentence that would show a glossary gap is left out and counted;
a section no fact can be said of counts its chosen sentences as awaiting translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

from generator.analyse.figures import Horizon, KeyFigure
from generator.analyse.summaries import SectionSummary
from generator.brief import Segment, Text
from generator.lexicon.glossary import Glossary
from generator.localise.figures import FigureWords
from generator.localise.voice import PERCENT_SLOT, Voice, splice
from generator.localise.wording import SEPARATOR
from generator.text import sentences

NARRATIVE = "narrative"  # catalogue context of the sentences and clauses below
PLAN_ROLES = ("tasks", "outlook")  # sections that say what is planned, not what was done
NAME_KINDS = ("place", "organisation", "policy", "term", "metric", "indicator")  # entries whose capitals are names
# A glossary word written with a capital letter inside an English rendering is a name (Yangtze River Delta):
# an item title opening with one keeps its capital inside a sentence.
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


class NarrativeCode(str, Enum):
    """Clauses and sentences of a section's narrative; each language's catalogue words them (context ``narrative``)."""

    SENTENCE = "sentence"
    REACHED = "reached"
    NUMBERED = "numbered"
    WAS = "was"
    GREW = "grew"
    FELL = "fell"
    ROSE = "rose"
    TOTAL = "total"
    GOAL = "goal"
    GOAL_UNNAMED = "goal_unnamed"
    PERIOD = "period"
    PLAN_SET = "plan_set"
    PLAN_RISE = "plan_rise"
    PLAN_FALL = "plan_fall"
    ALSO = "also"
    SHARE_OF = "share_of"
    RELATED = "related"
    SUBJECT = "subject"
    ITEMS_REVIEW = "items_review"
    ITEMS_PLAN = "items_plan"
    ITEMS_OUTLOOK = "items_outlook"


# The sentence of the item titles, by the role of the section's part.
ITEM_CODES: dict[str, NarrativeCode] = {
    "review": NarrativeCode.ITEMS_REVIEW, "tasks": NarrativeCode.ITEMS_PLAN, "outlook": NarrativeCode.ITEMS_OUTLOOK,
}


@dataclass
class NarrativeResult:
    """A section's sentences in one language and how many were left out."""

    sentences: list[Text] = field(default_factory=list)
    left_out: int = 0
    items_said: bool = False  # the item titles are a sentence of the narrative (no list of them needed)
    text_only: int = 0  # a section with no figures or items: how many sentences the report's text has


def proper_words(glossary: Glossary) -> frozenset[str]:
    """Names: words the glossary's English writes with a capital inside a term and never in lower case."""
    capital: set[str] = set()
    lower: set[str] = set()
    for _, entry in glossary.terms():
        words = [m.group() for m in _WORD.finditer(entry.en)]
        lower.update(w for w in words if w.islower())
        if entry.kind in NAME_KINDS:
            capital.update(w for w in words[1:] if w[0].isupper())
    return frozenset(w for w in capital if w.lower() not in lower)


class Narrative:
    """Says sections' facts in the language of ``voice``."""

    def __init__(self, voice: Voice, figures: FigureWords, names: frozenset[str] = frozenset()) -> None:
        self.voice = voice
        self.figures = figures
        self.names = names

    # ------------------------------------------------------------ words

    def _words(self, code: NarrativeCode, **params: Text) -> Text:
        v = self.voice
        return splice(v.messages.pgettext(v.lang, NARRATIVE, code.value), params, PERCENT_SLOT)

    def _sentence(self, clause: Text) -> Text:
        text = self._words(NarrativeCode.SENTENCE, clause=clause)
        if not self.voice.language.sentence_case:
            return text
        segs = list(text.segments)
        if segs and not segs[0].lang and segs[0].text[:1].islower():
            segs[0] = Segment(segs[0].text[:1].upper() + segs[0].text[1:])
        return Text(tuple(segs))

    def _in_sentence(self, item: Text) -> Text:
        """An item title inside a sentence: its first letter lower-cased unless the word is a name."""
        segs = list(item.segments)
        if not segs or segs[0].lang or not self.voice.language.sentence_case:
            return item
        first = _WORD.match(segs[0].text)
        if first is None or first.group() in self.names or not first.group()[1:].islower():
            return item
        segs[0] = Segment(segs[0].text[:1].lower() + segs[0].text[1:])
        return Text(tuple(segs))

    # ------------------------------------------------------------ figures

    def metric(self, fig: KeyFigure) -> Text:
        metric = self.figures.metric(fig)
        if fig.subject_zh:
            return self._words(NarrativeCode.SUBJECT, metric=metric, subject=self.figures.subject(fig))
        return metric

    def clause(self, fig: KeyFigure, plan: bool) -> Text:
        """What one figure says, as a clause."""
        f = self.figures
        metric, amount = self.metric(fig), f.amount(fig)
        if fig.relation_zh:  # 较去年增加6天, 实现年度计划的108%: what the value is of
            relation = self.voice.term(fig.relation_zh, "metric", line=fig.line, context=fig.sentence)
            amount = self._words(NarrativeCode.RELATED, value=amount, relation=relation)
        down = fig.quantity.value < 0
        if fig.horizon is Horizon.GOAL:
            words = self.voice.optional_term(fig.horizon_zh, "term") if fig.horizon_zh else None
            if words:
                return self._words(NarrativeCode.GOAL, metric=metric, value=amount, horizon=words)
            return self._words(NarrativeCode.GOAL_UNNAMED, metric=metric, value=amount)
        if fig.horizon is Horizon.PERIOD:
            words = self.voice.optional_term(fig.horizon_zh, "term") if fig.horizon_zh else None
            if words:
                return self._words(NarrativeCode.PERIOD, metric=metric, value=amount, horizon=words)
            return self._words(NarrativeCode.WAS, metric=metric, value=amount)
        if fig.horizon is Horizon.CUMULATIVE:
            return self._words(NarrativeCode.TOTAL, metric=metric, value=amount)
        change = fig.kind in ("growth", "pp") and not fig.names_rate
        if plan:
            if change:
                return self._words(NarrativeCode.PLAN_FALL if down else NarrativeCode.PLAN_RISE, metric=metric, value=amount)
            return self._words(NarrativeCode.PLAN_SET, metric=metric, value=amount)
        if change and fig.kind == "pp":
            return self._words(NarrativeCode.FELL if down else NarrativeCode.ROSE, metric=metric, value=amount)
        if change:
            return self._words(NarrativeCode.FELL if down else NarrativeCode.GREW, metric=metric, value=amount)
        if fig.kind == "count":
            return self._words(NarrativeCode.NUMBERED, metric=metric, value=amount)
        if fig.kind == "level":
            return self._words(NarrativeCode.REACHED, metric=metric, value=amount)
        return self._words(NarrativeCode.WAS, metric=metric, value=amount)

    def with_linked(self, clause: Text, linked: Iterable[KeyFigure]) -> Text:
        """The clause with the figures linked to it: its growth (``, up 2%``), its share of the plan."""
        for other in linked:
            if other.relation_zh and other.kind == "share":
                relation = self.voice.term(other.relation_zh, "metric", line=other.line, context=other.sentence)
                clause = self._words(NarrativeCode.SHARE_OF, clause=clause, relation=relation, value=self.figures.amount(other))
            else:
                clause = self._words(NarrativeCode.ALSO, clause=clause, more=self.figures.value(other))
        return clause

    # ------------------------------------------------------------ sections

    def section(self, s: SectionSummary, items: Iterable[Text]) -> NarrativeResult:
        plan = s.role in PLAN_ROLES
        out = NarrativeResult()
        for clause in self._figure_clauses(s.key_figures, plan):
            self._keep(out, self._sentence(clause))
        items = [self._in_sentence(i) for i in items if i]
        if items:
            joined = Text.join(items, self.voice.messages.pgettext(self.voice.lang, SEPARATOR, "clauses"))
            code = ITEM_CODES.get(s.role, NarrativeCode.ITEMS_REVIEW)
            out.items_said = self._keep(out, self._words(code, items=joined))
        if not out.sentences and not out.left_out:
            out.text_only = len(sentences(s.body_zh))  # nothing to say from facts: the brief says so
        return out

    def _figure_clauses(self, figures: Iterable[KeyFigure], plan: bool) -> list[Text]:
        ordered = sorted(figures, key=lambda f: f.index)
        shown = {f.index for f in ordered}
        linked: dict[int, list[KeyFigure]] = {}
        heads: list[KeyFigure] = []
        for f in ordered:
            head = next((h for h in heads if f.related_to == h.index or (f.metric_zh == h.metric_zh
                         and f.horizon is h.horizon and f.subject_zh == h.subject_zh and f.kind != h.kind)), None)
            if head is not None and (f.related_to in shown or f.related_to is None):
                linked.setdefault(head.index, []).append(f)
            else:
                heads.append(f)
        return [self.with_linked(self.clause(h, plan), linked.get(h.index, [])) for h in heads]

    @staticmethod
    def _keep(out: NarrativeResult, sentence: Text) -> bool:
        """Keep ``sentence`` unless it shows a gap (then count it); whether it was kept."""
        if sentence.gaps:
            out.left_out += 1
            return False
        if sentence:
            out.sentences.append(sentence)
        return bool(sentence)
