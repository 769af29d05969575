"""Words for the analysis' typed results: a reason, finding or change sentence in one language.

The analysis gives each result as a :class:`~generator.analyse.params.Sentence`
(a catalogue context, a code, typed parameters). :class:`Wording` looks the
code up in the language's message catalogue (``msgctxt`` = context,
``msgid`` = code, ``%(name)s`` slots) and renders every parameter by its
type through the language's :class:`~generator.localise.voice.Voice`: a table
cell in the indicator's unit, a quantity through the units table, a name
through the catalogue and glossary, a vocabulary value through the
catalogue. Nothing here parses a string the analysis wrote.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from generator.analyse.params import (
    Amount, Cell, Code, Count, Indicator, Items, Line, Number, Param, Quote, Sentence, Terms, Unit, Year,
)
from generator.brief import Text
from generator.localise.voice import PERCENT_SLOT, Voice, splice

SEPARATOR = "separator"  # catalogue context of the words between listed items and terms
TERMS = "terms"  # Items separated as a list of terms: A, B and C (the last joined by ``terms-last``)


class Wording:
    """Renders typed sentences in the language of ``voice``."""

    def __init__(self, voice: Voice, indicator: Callable[[str], Text] | None = None, *, said: bool = False,
                 said_cell: Callable[[str, str, str, "int | None"], Text] | None = None) -> None:
        self.voice = voice
        self._indicator = indicator or (lambda name: voice.term(name, "indicator"))
        self.said = said  # cells said with their unit (a sentence), not as a table shows them beside its unit column
        self._said_cell = said_cell  # (indicator, cell, unit, line): a named cell said (an index as its rate)

    def sentence(self, s: Sentence, *, unit: str = "", line: int | None = None, context: str | None = None,
                 whole: bool = False) -> Text:
        """``s`` in words; ``unit``: the indicator's unit for cells without their own; ``whole``: a full sentence."""
        template = self.voice.messages.pgettext(self.voice.lang, context or s.context, s.code)
        text = splice(template, {k: self.param(v, unit, line) for k, v in s.params}, PERCENT_SLOT)
        return self._capitalised(text) if whole and self.voice.language.sentence_case else text

    def has(self, context: str, code: str) -> bool:
        return self.voice.messages.has(self.voice.lang, context, code)

    def param(self, p: Param, unit: str = "", line: int | None = None) -> Text:
        v = self.voice
        if isinstance(p, Cell):
            if self.said and p.of and self._said_cell is not None:
                return self._said_cell(p.of, p.text, unit if p.unit is None else p.unit, line)
            cell = v.said_target if self.said else v.target
            return cell(p.text, unit if p.unit is None else p.unit, line=line)
        if isinstance(p, Amount):
            return v.quantity(p.quantity)
        if isinstance(p, Number):
            return Text.plain(v.count(p.value))
        if isinstance(p, Count):
            return Text.plain(v.count(p.n))
        if isinstance(p, Line):
            return Text.plain(v.line_number(p.n))
        if isinstance(p, Year):
            return Text.plain(str(p.n))
        if isinstance(p, Indicator):
            return self._indicator(p.name) if p.name else Text()
        if isinstance(p, Terms):
            return self.listed([v.term(name, p.kind, line=line) for name in p.names])
        if isinstance(p, Quote):
            return v.quote(p.text)
        if isinstance(p, Unit):
            return v.unit(p.name)
        if isinstance(p, Code):
            return Text.plain(v.messages.pgettext(v.lang, p.context, p.value))
        if isinstance(p, Items):
            said = [self.sentence(i, unit=unit, line=line) for i in p.items]
            if p.separator == TERMS:
                return self.listed(said)
            return Text.join(said, v.messages.pgettext(v.lang, SEPARATOR, p.separator))
        return self.sentence(p, unit=unit, line=line)

    def listed(self, terms: list[Text]) -> Text:
        """Terms as a list in this language (``甲、乙、丙`` / ``A, B and C``)."""
        terms = [t for t in terms if t]
        if len(terms) < 2:
            return terms[0] if terms else Text()
        messages, lang = self.voice.messages, self.voice.lang
        head = Text.join(terms[:-1], messages.pgettext(lang, SEPARATOR, "terms"))
        return Text.join([head, terms[-1]], messages.pgettext(lang, SEPARATOR, "terms-last"))

    @staticmethod
    def _capitalised(text: Text) -> Text:
        """Sentence case: the first letter of the first segment in the brief's language upper-cased."""
        segs = list(text.segments)
        if segs and not segs[0].lang and segs[0].text[:1].islower():
            segs[0] = replace(segs[0], text=segs[0].text[:1].upper() + segs[0].text[1:])  # keeps its marks
        return Text(tuple(segs))
