"""One glossary entry: a Chinese term, its aliases, its English rendering, its status and where it is written.

The shared record of :mod:`generator.lexicon.glossary_files` (which reads
entries from the YAML files) and :mod:`generator.lexicon.glossary` (which
indexes them). Entry statuses follow terminology practice (TBX
``administrativeStatus``): see :class:`Status`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

DEFAULT_KIND = "term"


class Status(str, Enum):
    """How far a rendering may be used (the ``status`` field; none written means preferred).

    * ``preferred`` — the rendering the briefs use;
    * ``admitted`` — acceptable; used when the term has no preferred rendering;
    * ``suggested`` — proposed (e.g. composed by ``glossary gaps``), not yet
      accepted by an analyst: a normal build treats the term as a gap, a
      draft build shows it marked as a suggestion;
    * ``forbidden`` — a rendering that must never be used (kept so that
      nobody reintroduces it); it needs a preferred sibling for the same term.
    """

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    SUGGESTED = "suggested"
    FORBIDDEN = "forbidden"


ACCEPTED = (Status.PREFERRED, Status.ADMITTED)


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
    status: Status | None = None  # None: no status written (counts as preferred)
    series: str | None = None  # indicators: the id of the entry whose series this one continues under another name or basis
    file: str = ""
    line: int = 0
    alias_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @property
    def effective_status(self) -> Status:
        return self.status or Status.PREFERRED

    @property
    def translated(self) -> bool:
        """Whether the briefs may use the rendering: filled in, and preferred or admitted."""
        return bool(self.en) and self.effective_status in ACCEPTED

    @property
    def suggested(self) -> bool:
        """A filled-in rendering awaiting an analyst's acceptance."""
        return bool(self.en) and self.status is Status.SUGGESTED

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def line_of(self, zh: str) -> int:
        """The line of the term or of one of its aliases."""
        if zh in self.aliases and len(self.alias_lines) == len(self.aliases):
            return self.alias_lines[self.aliases.index(zh)]
        return self.line
