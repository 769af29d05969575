"""The glossary: the loaded zh→en renderings and their lookup.

Owns the loaded model (:class:`Glossary`: entries indexed by normalised term
and alias, pattern keys such as ``关于{region}{year}年…的报告``) and the entry
point for a glossary folder, :func:`read_glossary`, which raises
:class:`~generator.errors.GlossaryError` on the first fatal problem and
accepts untranslated stubs (``en: ''``), which then count as gaps. Nothing is
cached here: the project configuration (:mod:`generator.project`) loads a
folder once per command and passes it on. Reading and validating the files
is :mod:`generator.lexicon.glossary_files`; one entry is
:class:`generator.lexicon.entries.Entry`.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Iterator

from generator.errors import GlossaryError
from generator.lexicon.entries import Entry, Status
from generator.lexicon.glossary_files import validate_dir
from generator.lexicon.keys import SLOT, normalise_key, slot_regex


class Glossary:
    """All entries of a glossary folder, indexed by normalised term and alias."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._compiled: list[tuple[Entry, list[re.Pattern[str]]]] | None = None
        self._index: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for zh in (entry.zh, *entry.aliases):
                bucket = self._index.setdefault(normalise_key(zh), [])
                if entry not in bucket:
                    bucket.append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, zh: str, kind: str | None = None) -> Entry | None:
        """The entry for ``zh`` (translated or not), preferring one of ``kind``.

        Usable renderings come first (preferred before admitted), then stubs
        and suggestions; a forbidden entry is found only when it is the term's
        only entry.
        """
        bucket = self._index.get(normalise_key(zh), [])
        translated = sorted((e for e in bucket if e.translated), key=lambda e: e.effective_status is not Status.PREFERRED)
        others = [e for e in bucket if not e.translated and e.status is not Status.FORBIDDEN]
        for pool in (translated, others):
            for entry in pool:
                if kind is None or entry.kind == kind:
                    return entry
        for pool in (translated, others, bucket):
            if pool:
                return pool[0]
        return None

    def lookup(self, zh: str, kind: str | None = None) -> Entry | None:
        """The usable (preferred or admitted) entry for ``zh`` after normalisation, else None (a gap)."""
        entry = self.find(zh, kind)
        return entry if entry is not None and entry.translated else None

    def suggestion(self, zh: str, kind: str | None = None) -> Entry | None:
        """The suggested entry for ``zh`` when it has no usable rendering (shown only in draft builds)."""
        if self.lookup(zh, kind) is not None:
            return None
        bucket = [e for e in self._index.get(normalise_key(zh), []) if e.suggested]
        return next((e for e in bucket if kind is None or e.kind == kind), bucket[0] if bucket else None)

    def match_pattern(self, zh: str, kind: str | None = None) -> tuple[Entry, dict[str, str]] | None:
        """The translated pattern entry (key with ``{slot}``s) matching ``zh``, and the slots' text.

        ``关于{region}{year}年…`` matches ``关于某省2030年…`` with
        ``{"region": "某省", "year": "2030"}``; the caller renders the slots
        and fills them into ``entry.en``.
        """
        key = normalise_key(zh)
        for entry, patterns in self._patterns:
            if kind is not None and entry.kind != kind:
                continue
            for pattern in patterns:
                m = pattern.fullmatch(key)
                if m:
                    return entry, m.groupdict()
        return None

    @property
    def _patterns(self) -> list[tuple[Entry, list[re.Pattern[str]]]]:
        if self._compiled is None:
            self._compiled = [
                (e, [slot_regex(zh) for zh in (e.zh, *e.aliases) if SLOT.search(zh)])
                for e in self.entries
                if e.translated and SLOT.search(e.zh)
            ]
        return self._compiled

    def indicators(self) -> list[Entry]:
        """The indicator catalogue (entries of kind ``indicator``, forbidden renderings left out), in file order."""
        return [e for e in self.entries if e.kind == "indicator" and e.status is not Status.FORBIDDEN]

    def untranslated(self) -> list[Entry]:
        """Stub entries whose ``en`` is still empty."""
        return [e for e in self.entries if not e.en]

    def terms(self) -> Iterator[tuple[str, Entry]]:
        """(normalised key, entry) for every translated term and alias."""
        for key, bucket in self._index.items():
            for entry in bucket:
                if entry.translated:
                    yield key, entry
                    break

    def keys_digest(self) -> str:
        """SHA-256 of the term list alone (normalised keys and kinds): what the analysis reads of the glossary."""
        rows = sorted({(key, e.kind) for key, bucket in self._index.items() for e in bucket})
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()

    def digest(self) -> str:
        """SHA-256 of every entry's term, rendering, kind and aliases: changes when any rendering does."""
        rows = sorted((e.zh, e.en, e.kind, list(e.aliases), e.id or "", e.unit or "", e.polarity or "",
                       e.status.value if e.status else "", e.series or "") for e in self.entries)
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def read_glossary(directory: Path) -> Glossary:
    """Load and validate a glossary folder.

    Raises GlossaryError naming the file and line of the first fatal problem;
    untranslated stubs are accepted and looked up as gaps.
    """
    directory = Path(directory)
    entries, problems = validate_dir(directory)
    fatal = [p for p in problems if p.fatal]
    if fatal:
        first = fatal[0]
        more = (f" (and {len(fatal) - 1} more problem(s); run `python -m generator glossary check --dir {directory}`)"
                if len(fatal) > 1 else "")
        raise GlossaryError(f"{first.message}{more}", first.file, first.line)
    return Glossary(entries)
