"""One glossary entry: a Chinese term, its aliases, its English rendering and where it is written.

The shared record of :mod:`generator.lexicon.glossary_files` (which reads
entries from the YAML files) and :mod:`generator.lexicon.glossary` (which
indexes them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_KIND = "term"


@dataclass(frozen=True)
class Entry:
    """One glossary entry (a Chinese term, its aliases and English rendering)."""

    zh: str
    en: str
    kind: str = DEFAULT_KIND
    aliases: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    id: str | None = None
    unit: str | None = None
    polarity: str | None = None
    series: str | None = None  # indicators: the id of the entry whose series this one continues under another name or basis
    file: str = ""
    line: int = 0
    alias_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @property
    def translated(self) -> bool:
        return bool(self.en)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def line_of(self, zh: str) -> int:
        """The line of the term or of one of its aliases."""
        if zh in self.aliases and len(self.alias_lines) == len(self.aliases):
            return self.alias_lines[self.aliases.index(zh)]
        return self.line
