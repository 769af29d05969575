"""How one language says things: terms, quantities, target cells, fixed words.

A :class:`Voice` is the only thing the brief builder asks for words. The
voice of the report's own language (:class:`SourceVoice`) keeps the report's
wording; the voice of a rendered language (:class:`RenderedVoice`) renders
terms through the glossary (a missing term becomes a visible gap segment)
and numbers through Babel and the units table (``numbers.NumberFormat``). It
also records every number it renders, so :meth:`RenderedVoice.number_qa` can
prove each conversion right and find numbers that came from nowhere. Fixed
words come from the language's message catalogue. :func:`make_voice` picks
the voice from the language's profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.analyse.locations import Location, Locations
from generator.brief import Segment, Text
from generator.lexicon.glossary import Glossary
from generator.lexicon.languages import Language
from generator.lexicon.messages import Messages
from generator.lexicon.units import UnitsTable
from generator.localise.numberqa import check_rendering, number_keys, untraced_numbers
from generator.localise.numbers import NumberFormat, target_quantity
from generator.localise.terms import TermRenderer
from generator.quantities import Quantity
from generator.targets import Target, parse_target
PERCENT_SLOT = re.compile(r"%\((\w+)\)s")
BRACE_SLOT = re.compile(r"\{(\w+)\}")


def splice(template: str, params: dict[str, object], slot: re.Pattern[str] = BRACE_SLOT) -> Text:
    """``template`` with its slots filled; a Text parameter keeps its segments (gaps, lang)."""
    parts: list[Text | str] = []
    pos = 0
    for m in slot.finditer(template):
        parts.append(template[pos:m.start()])
        value = params.get(m.group(1), "")
        parts.append(value if isinstance(value, Text) else str(value))
        pos = m.end()
    parts.append(template[pos:])
    return Text.join(parts)


class Voice:
    """Words of one language. Subclasses: :class:`SourceVoice`, :class:`RenderedVoice`."""

    def __init__(self, lang: Language, messages: Messages, units: UnitsTable) -> None:
        self.language = lang
        self.messages = messages
        self.numbers = NumberFormat(lang, units)
        self.locations: Locations | None = None  # the brief's report: lines cited by where they are in it

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def html_lang(self) -> str:
        return self.language.html_lang

    def gettext(self, msgid: str) -> str:
        return self.messages.gettext(self.lang, msgid)

    def word(self, msgid: str, **params: object) -> Text:
        """A fixed word or sentence from the message catalog; ``%(name)s`` slots take str or Text."""
        return splice(self.gettext(msgid), params, PERCENT_SLOT)

    def term(self, zh: str, kind: str, *, line: int | None = None, context: str | None = None,
             default: str | None = None) -> Text:
        """``zh`` in this language; ``default`` is a rendering known by other means (the catalogue)."""
        raise NotImplementedError

    def optional_term(self, zh: str, kind: str) -> Text | None:
        """``zh`` in this language when it can be said without a gap, else None (nothing recorded)."""
        raise NotImplementedError

    def quantity(self, q: Quantity) -> Text:
        raise NotImplementedError

    def target(self, text: str, unit: str, *, line: int | None = None) -> Text:
        raise NotImplementedError

    def parsed_target(self, target: Target, unit: str, *, line: int | None = None) -> Text:
        """A target the analysis computed (an index's implied rate), formatted in this language."""
        raise NotImplementedError

    def said_target(self, text: str, unit: str, *, line: int | None = None) -> Text:
        """A target or outcome cell said with its unit, as a sentence or a headline needs it (``5.5%左右``)."""
        return self.target(text, unit, line=line)

    def unit(self, zh: str) -> Text:
        raise NotImplementedError

    def quote(self, zh: str) -> Text:
        """Words of the report quoted as written (tagged with the report's language where that differs)."""
        raise NotImplementedError

    def count(self, n: int | Decimal) -> str:
        return self.numbers.number(n)

    def date(self, d: date, precision: str = "day") -> str:
        return self.numbers.date(d, precision)

    def line_number(self, n: int) -> str:
        """A source line number inside a sentence ("line 427" of a finding)."""
        return str(n)

    def line_ref(self, *lines: int | None) -> str:
        shown = sorted({n for n in lines if n})
        if not shown:
            return ""
        joined = self.gettext(", ").join(str(n) for n in shown)
        msg = "line %(lines)s" if len(shown) == 1 else "lines %(lines)s"
        return self.gettext(msg) % {"lines": joined}


    def where(self, *lines: int | None) -> str:
        """Where the brief's report has ``lines``, as its reader finds them ("Attachment 1, row 5",
        "Part 1, section 3"); a line outside its structure by number."""
        shown = sorted({n for n in lines if n})
        if self.locations is None or not shown:
            return self.line_ref(*shown)
        refs: list[str] = []
        loose: list[int] = []
        for line in shown:
            ref = self._location_ref(self.locations.of(line))
            if ref is None:
                loose.append(line)
            elif ref not in refs:
                refs.append(ref)
        if loose:
            refs.append(self.line_ref(*loose))
        return self.gettext("; ").join(refs)

    def _location_ref(self, at: Location) -> str | None:
        values = {"attachment": self.count(at.attachment or 0), "row": self.count(at.row or 0),
                  "part": self.count(at.part or 0), "section": self.count(at.section or 0),
                  "part_marker": at.part_marker, "section_marker": at.section_marker}
        if at.row is not None:
            msgid = "Attachment %(attachment)s, under row %(row)s" if at.sub_row else "Attachment %(attachment)s, row %(row)s"
        elif at.section is not None:
            msgid = "Part %(part)s, section %(section)s"
        elif at.part is not None:
            msgid = "Part %(part)s of the report"
        elif at.attachment is not None:
            msgid = "Attachment %(attachment)s"
        else:
            return None
        return self.gettext(msgid) % values


class SourceVoice(Voice):
    """The report's own language: terms and target cells as the report writes them."""

    def term(self, zh: str, kind: str, *, line: int | None = None, context: str | None = None,
             default: str | None = None) -> Text:
        return Text.plain(zh.strip())

    def optional_term(self, zh: str, kind: str) -> Text | None:
        return Text.plain(zh.strip()) if zh.strip() else None

    def quantity(self, q: Quantity) -> Text:
        return Text.plain(self.numbers.quantity(q) or q.text)

    def target(self, text: str, unit: str, *, line: int | None = None) -> Text:
        return Text.plain(text.strip())

    def parsed_target(self, target: Target, unit: str, *, line: int | None = None) -> Text:
        return Text.plain(self.numbers.target(target, unit) or target.text.strip())

    def said_target(self, text: str, unit: str, *, line: int | None = None) -> Text:
        if not text.strip():
            return Text()
        return Text.plain(self.numbers.target(parse_target(text), unit) or text.strip())

    def unit(self, zh: str) -> Text:
        return Text.plain(zh)

    def quote(self, zh: str) -> Text:
        return Text.plain(zh)


@dataclass
class _Rendered:
    quantity: Quantity
    text: str


class RenderedVoice(Voice):
    """A language rendered from Chinese through the glossary and Babel; records gaps and rendered numbers."""

    def __init__(self, lang: Language, messages: Messages, units: UnitsTable, glossary: Glossary,
                 source_tag: str, draft: bool = False) -> None:
        super().__init__(lang, messages, units)
        self.glossary = glossary
        self.renderer = TermRenderer(glossary, units, lang, source_tag, draft=draft)
        self.rendered: list[_Rendered] = []
        self.used_terms: dict[str, str] = {}  # zh -> rendering, for the appendix
        self.term_kinds: dict[str, str] = {}
        self.glossary_texts: set[str] = set()
        self.counts: list[str] = []  # counts rendered, traced for the number QA

    def term(self, zh: str, kind: str, *, line: int | None = None, context: str | None = None,
             default: str | None = None) -> Text:
        if default and self.renderer.english(zh, kind) is None:
            text = Text.plain(default)  # e.g. the catalogue matched a variant name (…增长 for …增速)
        else:
            text = self.renderer.term(zh, kind, line=line, context=context)
        if text and not text.unaccepted:
            self.used_terms.setdefault(zh.strip(), str(text))
            self.term_kinds.setdefault(zh.strip(), kind)
        if text and not text.gaps:
            self.glossary_texts.add(str(text))  # glossary text (a suggestion too): its numbers are the term's
        return text

    def optional_term(self, zh: str, kind: str) -> Text | None:
        if not zh.strip() or self.renderer.english(zh.strip(), kind) is None:
            return None
        return self.term(zh, kind)

    def quantity(self, q: Quantity) -> Text:
        shown = self.numbers.quantity(q)
        if shown is None:
            return self._gap(q.text or str(q.value), "unit")
        self.rendered.append(_Rendered(q, shown))
        return Text.plain(shown)

    def target(self, text: str, unit: str, *, line: int | None = None) -> Text:
        if not text.strip():
            return Text()
        return self.parsed_target(parse_target(text), unit, line=line)

    def parsed_target(self, parsed: Target, unit: str, *, line: int | None = None) -> Text:
        shown = self.numbers.target(parsed, unit)
        if shown is None:
            return self.term(parsed.text, "term", line=line)
        q = target_quantity(parsed, unit)
        if q is not None and not parsed.aspiration and not parsed.note:
            self.rendered.append(_Rendered(q, shown))
        self.glossary_texts.add(shown)  # its number is checked through the quantity above
        return Text.plain(shown)

    def unit(self, zh: str) -> Text:
        return self.term(zh, "unit") if zh else Text()

    def quote(self, zh: str) -> Text:
        return Text((Segment(zh, lang=self.renderer.source_tag),)) if zh else Text()

    def _gap(self, zh: str, kind: str) -> Text:
        return self.renderer.term(zh, kind)

    def number_qa(self, texts: list[Text]) -> list[str]:
        """Problems: a number rendered wrong, or a number in the brief that no source gave."""
        problems = []
        for r in self.rendered:
            msg = check_rendering(r.quantity, r.text, self.language, self.numbers.units)
            if msg:
                problems.append(msg)
        known = number_keys([r.text for r in self.rendered] + self.counts)
        for text in texts:
            for seg in text.segments:
                if seg.lang or seg.gap or seg.text in self.glossary_texts:
                    continue
                for token in untraced_numbers(seg.text, known):
                    problems.append(f"untraced number {token!r} in {seg.text!r}")
        return problems

    def count(self, n: int | Decimal) -> str:
        shown = super().count(n)
        self.counts.append(shown)
        return shown

    def line_ref(self, *lines: int | None) -> str:
        shown = super().line_ref(*lines)
        self.glossary_texts.add(shown)  # a citation of the source, not a figure
        return shown

    def where(self, *lines: int | None) -> str:
        shown = super().where(*lines)
        self.glossary_texts.add(shown)  # a citation of the source, not a figure
        return shown

    def line_number(self, n: int) -> str:
        shown = super().line_number(n)
        self.glossary_texts.add(shown)  # a citation of the source, not a figure
        return shown


def make_voice(lang: Language, messages: Messages, units: UnitsTable, glossary: Glossary, source_tag: str,
               draft: bool = False) -> Voice:
    """The voice of ``lang``: the report's own wording for the source language, else rendered.

    ``draft``: show suggested renderings, marked, instead of gaps.
    """
    if lang.source:
        return SourceVoice(lang, messages, units)
    return RenderedVoice(lang, messages, units, glossary, source_tag, draft=draft)
