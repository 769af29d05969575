"""Finding glossary terms in running Chinese text: leftmost-longest, non-overlapping.

:class:`TermMatcher` builds one pyahocorasick automaton over the normalised
terms and aliases of a glossary (:func:`generator.lexicon.keys.normalise_key`) and segments a
text into matched terms and the stretches between them, with every piece
cut from the *original* text (quotes, widths and spaces as written).
"""

from __future__ import annotations

from typing import Iterable

import ahocorasick

from generator.lexicon.entries import Entry
from generator.lexicon.glossary import Glossary
from generator.lexicon.keys import SLOT, fold


class TermMatcher:
    """Aho–Corasick matcher over a glossary's translated terms, optionally of some kinds only."""

    def __init__(self, glossary: Glossary, kinds: Iterable[str] | None = None) -> None:
        wanted = set(kinds) if kinds is not None else None
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        for key, entry in glossary.terms():
            if (wanted is None or entry.kind in wanted) and not SLOT.search(key):
                self._automaton.add_word(key, (len(key), entry))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def matches(self, text: str) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) in ``text`` offsets: leftmost, then longest, never overlapping."""
        if self._empty or not text:
            return []
        folded, origin = fold(text)
        # a folded match must start and end on whole original characters
        first = {j for j in range(len(folded)) if j == 0 or origin[j] != origin[j - 1]}
        last = {j for j in range(len(folded)) if j == len(folded) - 1 or origin[j] != origin[j + 1]}
        found = []
        for end, (length, entry) in self._automaton.iter(folded):
            start = end - length + 1
            if start in first and end in last:
                found.append((start, end, entry))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[tuple[int, int, Entry]] = []
        covered = -1
        for start, end, entry in found:
            if start > covered:
                out.append((origin[start], origin[end] + 1, entry))
                covered = end
        return out

    def segment(self, text: str) -> list[tuple[str, Entry | None]]:
        """The whole text as pieces: (term as written, its entry) and (text between, None)."""
        pieces: list[tuple[str, Entry | None]] = []
        position = 0
        for start, end, entry in self.matches(text):
            if start > position:
                pieces.append((text[position:start], None))
            pieces.append((text[start:end], entry))
            position = end
        if position < len(text):
            pieces.append((text[position:], None))
        return pieces
