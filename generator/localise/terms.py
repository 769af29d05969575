"""Rendering Chinese terms for a brief in a rendered language, recording the glossary gaps.

:class:`TermRenderer` is created per brief: ``term(zh, kind)`` gives the
rendering as a :class:`~generator.brief.Text` from the glossary (or a pattern
entry whose slots render, or the units table for units), or the Chinese as a
visibly marked gap segment, and records each gap (how often, first line, a
context sentence) and every term asked for (:attr:`TermRenderer.requested`).
A term whose only rendering is a suggestion (``status: suggested``) is a gap;
in a draft build (``draft=True``) it is shown as the suggested English, marked
(:attr:`generator.brief.Segment.suggestion_of`), and still recorded as a gap.
Every occurrence of one gap shows the same text (the term as first asked
for), so the brief's distinct gaps are the renderer's.
The analysts' workflow over those gaps is :mod:`generator.localise.gaps`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.brief import Segment, Text
from generator.lexicon.glossary import Glossary
from generator.lexicon.keys import SLOT, SLOT_PATTERNS, normalise_key
from generator.lexicon.languages import Language
from generator.lexicon.units import UnitsTable
from generator.localise.numbers import unit_label
from generator.read.numerals import year_value

# Gaps are listed most important first: a missing indicator name spoils the scorecard.
KIND_ORDER = ("indicator", "heading", "item", "metric")
UNIT_KIND = "unit"  # units are rendered from units.yaml; their gaps are fixed there
CONTEXT_CHARS = 80


@dataclass(frozen=True)
class NeededTerm:
    """A Chinese term the English brief needs, where it occurs and in what sentence."""

    zh: str
    kind: str
    line: int | None = None
    context: str | None = None


@dataclass
class Gap:
    """A term the glossary lacks, counted over a brief."""

    zh: str
    kind: str
    count: int = 1
    line: int | None = None
    context: str | None = None
    suggestion: str | None = None  # the English of a suggested entry in the glossary, if any


def _rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


class TermRenderer:
    """Renders Chinese terms into English for one brief, recording the gaps."""

    def __init__(self, glossary: Glossary, units: UnitsTable, lang: Language, source_tag: str,
                 draft: bool = False) -> None:
        self.glossary = glossary
        self.draft = draft
        self.units = units
        self.lang = lang
        self.source_tag = source_tag  # BCP 47 tag of the report's language, on gap segments
        self._gaps: dict[str, Gap] = {}
        self.requested: list[NeededTerm] = []  # every term asked for, in order (for needed_terms)
        self._seen: set[tuple[str, str]] = set()

    def english(self, zh: str, kind: str) -> str | None:
        """The English for ``zh`` (a term, or a pattern entry whose slots render), else None."""
        entry = self.glossary.lookup(zh, kind)
        if entry is not None:
            return entry.en
        if kind == UNIT_KIND:
            label = unit_label(zh, self.lang, self.units)
            if label is not None:
                return label
        found = self.glossary.match_pattern(zh)
        if found is None:
            return None
        entry, slots = found
        values: dict[str, str] = {}
        for name, text in slots.items():
            if name in SLOT_PATTERNS:  # years: shown in digits whatever the report wrote
                values[name] = str(year_value(text))
                continue
            slot_entry = self.glossary.lookup(text)
            if slot_entry is None or SLOT.search(slot_entry.zh):
                return None
            values[name] = slot_entry.en
        return SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), entry.en)

    def term(self, zh: str, kind: str, *, line: int | None = None, context: str | None = None) -> Text:
        """English ``Text`` for ``zh``, or the Chinese as a gap segment (recorded)."""
        zh = zh.strip()
        if not zh:
            return Text()
        key = (normalise_key(zh), kind)
        if key not in self._seen:
            self._seen.add(key)
            self.requested.append(NeededTerm(zh, kind, line, context))
        en = self.english(zh, kind)
        if en is not None:
            return Text((Segment(en),))
        # One gap per Chinese term (a glossary key), filed under its most important kind.
        gap = self._gaps.get(key[0])
        if gap is None:
            suggested = self.glossary.suggestion(zh, kind)
            gap = self._gaps[key[0]] = Gap(zh, kind, 1, line, _shorten(context),
                                           suggested.en if suggested is not None else None)
        else:
            gap.count += 1
            if _rank(kind) < _rank(gap.kind):
                gap.kind = kind
            if gap.line is None and line is not None:
                gap.line, gap.context = line, _shorten(context)
        if self.draft and gap.suggestion:
            return Text((Segment(gap.suggestion, suggestion_of=gap.zh),))
        return Text((Segment(gap.zh, lang=self.source_tag, gap=True),))

    def unit(self, zh: str, *, line: int | None = None, context: str | None = None) -> Text:
        """A unit label (亿元 → CNY 100 million), from units.yaml or the glossary."""
        return self.term(zh, UNIT_KIND, line=line, context=context)

    @property
    def gaps(self) -> list[Gap]:
        """The gaps, most important kind first, then by first occurrence."""
        order = list(self._gaps.values())
        return sorted(order, key=lambda g: (_rank(g.kind), order.index(g)))


def _shorten(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= CONTEXT_CHARS else text[: CONTEXT_CHARS - 1] + "…"
