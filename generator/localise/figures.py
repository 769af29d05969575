"""Key and headline figures in words: what each measures (metric, the region it is about, the time
it covers) and its value, and one tile per label.

The analysis gives a :class:`~generator.analyse.figures.KeyFigure`; :class:`FigureWords` says it in
the voice's language. The label is the metric through the catalogue and glossary; a share of the
whole region keeps the part it is about (``Northeast …: share of the city's …``); a running total
is marked *cumulative* and a multi-year goal *goal* with its horizon (never the year's flow or
level). A count in a measure word of what the metric counts (``53.2万户`` market entities) is shown
as a bare number in a rendered language, not as households. Growth is *up*/*down*. Figures of one
section that come out under one label share a tile, their values side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from generator.analyse.figures import Horizon, KeyFigure
from generator.brief import Figure, Text
from generator.lexicon.catalogue import Catalogue
from generator.localise.voice import Voice
from generator.quantities import Quantity

# Horizon -> (msgid with the horizon's words, msgid without them)
HORIZON_LABELS: dict[Horizon, tuple[str, str]] = {
    Horizon.GOAL: ("%(metric)s, goal (%(horizon)s)", "%(metric)s, multi-year goal"),
    Horizon.PERIOD: ("%(metric)s (%(horizon)s)", "%(metric)s, multi-year period"),
}
CUMULATIVE_LABEL = "%(metric)s (cumulative)"
SUBJECT_LABEL = "%(subject)s: %(metric)s"
CHANGE_KINDS = ("growth", "pp")  # values said as a change: up / down


def absolute(q: Quantity) -> Quantity:
    """``q`` without its sign (the sign is said in words: up / down)."""
    return replace(q, value=abs(q.value), high=abs(q.high) if q.high is not None else None)


@dataclass
class FigureWords:
    """Says key figures in the language of ``voice``."""

    voice: Voice
    catalogue: Catalogue
    plan_year: str = ""

    @property
    def rendered(self) -> bool:
        return not self.voice.language.source

    def metric(self, fig: KeyFigure) -> Text:
        """The metric alone: a catalogue indicator's name, else the glossary's."""
        known = self.catalogue.match(fig.metric_zh)  # 国内生产总值增长 is the catalogue's GDP growth
        return self.voice.term(fig.metric_zh, "metric", line=fig.line, context=fig.sentence,
                               default=known.en if known else None)

    def subject(self, fig: KeyFigure) -> Text:
        return self.voice.term(fig.subject_zh, "place", line=fig.line, context=fig.sentence) if fig.subject_zh else Text()

    def label(self, fig: KeyFigure) -> Text:
        """What the figure measures: metric, the region it is about, the time it covers."""
        v = self.voice
        label = self.metric(fig)
        if fig.subject_zh:
            label = v.word(SUBJECT_LABEL, subject=self.subject(fig), metric=label)
        if fig.target:
            return v.word("%(metric)s: %(year)s target", metric=label, year=self.plan_year)
        return self.with_horizon(fig, label)

    def with_horizon(self, fig: KeyFigure, label: Text) -> Text:
        v = self.voice
        if fig.horizon is Horizon.CUMULATIVE:
            return v.word(CUMULATIVE_LABEL, metric=label)
        if fig.horizon in HORIZON_LABELS:
            named, unnamed = HORIZON_LABELS[fig.horizon]
            words = v.optional_term(fig.horizon_zh, "term") if fig.horizon_zh else None
            return v.word(named, metric=label, horizon=words) if words else v.word(unnamed, metric=label)
        return label

    def shown(self, fig: KeyFigure) -> Quantity:
        """The quantity as shown: a measure word of what is counted is no unit in a rendered language."""
        q = fig.quantity
        if self.rendered and fig.counter:
            return replace(q, unit=q.magnitude)
        return q

    def amount(self, fig: KeyFigure) -> Text:
        """The bare value (no up/down): ``CNY 52.3 billion``, ``9%``."""
        q = self.shown(fig)
        return self.voice.quantity(absolute(q) if fig.kind in CHANGE_KINDS and not fig.target else q)

    def value(self, fig: KeyFigure) -> Text:
        """The value as a tile shows it: ``up 2.6%``, ``CNY 52.3 billion``, ``108% share of the annual plan``."""
        v = self.voice
        q = self.shown(fig)
        if fig.target:
            return v.quantity(q)
        if fig.kind in CHANGE_KINDS and q.value is not None:
            value = v.word("down %(value)s" if q.value < 0 else "up %(value)s", value=v.quantity(absolute(q)))
        else:
            value = v.quantity(q)
        if fig.relation_zh:
            relation = v.term(fig.relation_zh, "metric", line=fig.line, context=fig.sentence)
            value = Text.join([value, relation], " ") if self.rendered else Text.join([relation, value])
        return value

    def figure(self, fig: KeyFigure) -> Figure:
        return Figure(label=self.label(fig), value=self.value(fig), source=self.voice.where(fig.line),
                      kind="target" if fig.target else fig.kind)

    def tiles(self, figures: Iterable[KeyFigure]) -> tuple[Figure, ...]:
        """One tile per label, in the order given; values under one label side by side in source order."""
        groups: dict[str, list[tuple[KeyFigure, Figure]]] = {}
        for fig in figures:
            shown = self.figure(fig)
            groups.setdefault(str(shown.label), []).append((fig, shown))
        out: list[Figure] = []
        for members in groups.values():
            if len(members) == 1:
                out.append(members[0][1])
                continue
            members.sort(key=lambda m: m[0].index)
            first = members[0][1]
            value = Text.join([m[1].value for m in members], str(self.voice.word(", ")))
            lines = sorted({m[0].line for m in members})
            out.append(replace(first, value=value, source=self.voice.where(*lines)))
        return tuple(out)
