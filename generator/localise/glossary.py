"""The glossary: the loaded zh→en renderings and their lookup.

Owns the model (:class:`Entry`, :class:`Glossary`), the lookup keys, pattern
keys (``关于{region}{year}年…的报告``) and the entry points for a glossary folder:
:func:`check_glossary_dir` returns every problem as
``file:line:column: message``; :func:`load_glossary` raises
:class:`~generator.errors.GlossaryError` on the first fatal one and accepts
untranslated stubs (``en: ''``), which then count as gaps. A loaded folder is
cached while none of its files changes. Reading and validating the files is
:mod:`generator.localise.glossary_files`.

Lookup keys are folded by :func:`normalise_key` (rules in its docstring).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from generator.errors import GlossaryError

DEFAULT_KIND = "term"

# Pattern keys (``关于{region}{year}年…的报告``): what each slot matches in a report.
SLOT = re.compile(r"\{([a-z_]+)\}")
# A year slot takes digits or Chinese numerals (二〇二四); renderings show it in digits.
_YEAR = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})"
SLOT_PATTERNS = {"year": _YEAR, "plan_year": _YEAR}
DEFAULT_SLOT_PATTERN = r".+?"

UNITS_FILE = "units.yaml"  # a different schema, validated by generator.localise.numbers

# --- key normalisation -------------------------------------------------------

_QUOTES = "\"'“”‘’「」『』〝〞〟‟„‚‛﹁﹂﹃﹄＂＇`´"
_FOLD_TABLE = {ord(q): '"' for q in _QUOTES}
_FOLD_TABLE.update({ord("〔"): "(", ord("〕"): ")", ord("【"): "[", ord("】"): "]"})


def _fold_char(ch: str) -> str:
    if ch.isspace() or unicodedata.category(ch) == "Cf":  # spaces, zero-width characters
        return ""
    ch = unicodedata.normalize("NFKC", ch)
    return ch.translate(_FOLD_TABLE).lower()


def normalise_key(text: str) -> str:
    """The lookup form of a Chinese term.

    Rules, applied character by character:

    * full-width and other compatibility forms become their plain form
      (Unicode NFKC: ``（２０３０）`` → ``(2030)``, ``％`` → ``%``, ``：`` → ``:``);
    * every quotation mark (“ ” ‘ ’ 「 」 『 』 " ' …) becomes ``"``;
    * brackets 〔〕 become ``()`` and 【】 ``[]`` (（） already are ``()``);
    * whitespace and zero-width characters are dropped;
    * Latin letters are lower-cased (``REITs`` = ``reits``).
    """
    return "".join(_fold_char(ch) for ch in text)


def fold(text: str) -> tuple[str, list[int]]:
    """(normalised text, index in ``text`` of each normalised character)."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


# --- data --------------------------------------------------------------------
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


class Glossary:
    """All entries of a glossary folder, indexed by normalised term and alias."""

    def __init__(self, entries: list[Entry], digest: str) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._digest = digest
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
        """The entry for ``zh`` (translated or not), preferring one of ``kind``."""
        bucket = self._index.get(normalise_key(zh), [])
        translated = [e for e in bucket if e.translated]
        for pool in (translated, bucket):
            for entry in pool:
                if kind is None or entry.kind == kind:
                    return entry
        return translated[0] if translated else (bucket[0] if bucket else None)

    def lookup(self, zh: str, kind: str | None = None) -> Entry | None:
        """The translated entry for ``zh`` after normalisation, else None (a gap)."""
        entry = self.find(zh, kind)
        return entry if entry is not None and entry.translated else None

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
                (e, [_slot_regex(zh) for zh in (e.zh, *e.aliases) if SLOT.search(zh)])
                for e in self.entries
                if e.translated and SLOT.search(e.zh)
            ]
        return self._compiled

    def indicators(self) -> list[Entry]:
        """The indicator catalogue (entries of kind ``indicator``), in file order."""
        return [e for e in self.entries if e.kind == "indicator"]

    def untranslated(self) -> list[Entry]:
        """Stub entries whose ``en`` is still empty."""
        return [e for e in self.entries if not e.translated]

    def terms(self) -> Iterator[tuple[str, Entry]]:
        """(normalised key, entry) for every translated term and alias."""
        for key, bucket in self._index.items():
            for entry in bucket:
                if entry.translated:
                    yield key, entry
                    break

    def digest(self) -> str:
        """SHA-256 of the entries and the units table: changes when any rendering does."""
        return self._digest


def _slot_regex(zh: str) -> re.Pattern[str]:
    key = normalise_key(zh)
    parts: list[str] = []
    seen: set[str] = set()
    last = 0
    for m in SLOT.finditer(key):
        parts.append(re.escape(key[last:m.start()]))
        name = m.group(1)
        # a slot named twice must match the same text both times
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{SLOT_PATTERNS.get(name, DEFAULT_SLOT_PATTERN)})")
        seen.add(name)
        last = m.end()
    parts.append(re.escape(key[last:]))
    return re.compile("".join(parts))


# --- a glossary folder ---------------------------------------------------------


def _digest(entries: list[Entry], directory: Path) -> str:
    h = hashlib.sha256()
    rows = sorted(
        (e.zh, e.en, e.kind, list(e.aliases), e.id or "", e.unit or "", e.polarity or "") for e in entries
    )
    h.update(json.dumps(rows, ensure_ascii=False).encode())
    units = directory / UNITS_FILE
    if units.is_file():
        h.update(units.read_bytes())
    return h.hexdigest()


def check_glossary_dir(directory: Path) -> list[str]:
    """Every problem of a glossary folder as ``file:line:column: message`` (empty = OK)."""
    # glossary_files builds Entry objects of this module: imported on use
    from generator.localise.glossary_files import validate_dir
    from generator.localise.numbers import check_units_file

    signature = _signature(directory) if directory.is_dir() else ()
    entries, problems = validate_dir(directory)
    if not any(p.fatal for p in problems):  # the build loads it next: parse once
        _CACHE[directory.resolve()] = _Cached(signature, Glossary(entries, _digest(entries, directory)))
    units = directory / UNITS_FILE
    if units.is_file():
        problems.extend(check_units_file(units))
    return [str(p) for p in problems]


@dataclass
class _Cached:
    signature: tuple[tuple[str, int, int], ...]
    glossary: Glossary = field(repr=False)


_CACHE: dict[Path, _Cached] = {}


def _signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in sorted(directory.glob("*.yaml")):
        st = path.stat()
        out.append((path.name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def load_glossary(directory: Path) -> Glossary:
    """Load and validate a glossary folder; cached while no file changes (mtime, size).

    Raises GlossaryError naming the file and line of the first fatal problem;
    untranslated stubs are accepted and looked up as gaps.
    """
    # glossary_files builds Entry objects of this module: imported on use
    from generator.localise.glossary_files import validate_dir

    directory = Path(directory)
    if not directory.is_dir():
        raise GlossaryError("glossary folder not found", directory)
    key = directory.resolve()
    signature = _signature(directory)
    cached = _CACHE.get(key)
    if cached is not None and cached.signature == signature:
        return cached.glossary
    entries, problems = validate_dir(directory)
    fatal = [p for p in problems if p.fatal]
    if fatal:
        first = fatal[0]
        more = f" (and {len(fatal) - 1} more problem(s); run `python -m generator glossary check --dir {directory}`)" if len(fatal) > 1 else ""
        raise GlossaryError(f"{first.message}{more}", first.file, first.line)
    glossary = Glossary(entries, _digest(entries, directory))
    _CACHE[key] = _Cached(signature, glossary)
    return glossary
