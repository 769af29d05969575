"""The indicator catalogue: which indicator a table row or a prose phrase names.

Built from the glossary's entries of kind ``indicator`` (``glossary/indicators.yaml``:
id, Chinese name, aliases, unit, polarity, English) by
:func:`catalogue_from_glossary`; owns the *matching* of names against them. Matching tries the
name as written, then a normalised key (:func:`name_key`): quotes, brackets,
markers and width folded, and a trailing 增长/增长率/增幅 read as 增速,
降低 as 下降. It never strips a name down to a shorter metric — 地区生产总值
(a level) and 地区生产总值增速 (its growth) stay two indicators; only a
trailing 数量/人数 is dropped (高新技术企业数量 = 高新技术企业) — and a key
claimed by two entries is a load error, so a match is never ambiguous.

Two entries may be one *series* under two names or statistical bases
(``实际利用外资`` on the old local basis, ``实际使用外资`` on MOFCOM's): one
entry's ``series`` gives the id of the series' own entry; each keeps its own
English (a reader must see that the name changed), and the year-over-year
comparison matches them as one indicator renamed (:attr:`IndicatorDef.series_id`).

An indicator the catalogue lacks still works: :func:`infer_polarity` reads
the direction from the target wording (以内/不超过 -> lower is better,
以上/不低于 -> higher), or leaves it UNKNOWN and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
import hashlib
import json
from pathlib import Path
from typing import Iterable, Iterator

from generator.errors import GlossaryError
from generator.lexicon.entries import Entry
from generator.lexicon.glossary import Glossary
from generator.targets import Target, TargetKind
from generator.text import normalise

class Polarity(str, Enum):
    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class IndicatorDef:
    """One catalogue entry."""

    id: str
    name_zh: str
    en: str
    unit: str
    polarity: Polarity
    aliases: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    line: int | None = None  # line of the entry in its file
    series: str | None = None  # id of the entry whose series this one continues under another name or basis

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_zh, *self.aliases)

    @property
    def series_id(self) -> str:
        """The id of the series the indicator belongs to: two tables' rows of one series are compared."""
        return self.series or self.id


# Characters dropped before matching: quotes, brackets, spaces, table markers.
_DROP = re.compile(r"[\s“”\"'‘’「」『』（）()【】\[\]*▽△★☆#＃]")
# Conjunctions that join two halves of one name (货运量、货运值 / 货运量和货运值).
_JOINERS = str.maketrans({"、": "和", "及": "和", "与": "和"})
# Trailing words that name the same kind of figure: (pattern, canonical form).
_SUFFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:增长率|增长速度|增长|增幅)$"), "增速"),
    (re.compile(r"(?:降低率|下降率|降低|下降幅度)$"), "下降"),
    # 高新技术企业数量 / 城镇新增就业人数: the count is the indicator itself.
    (re.compile(r"(?<=..)(?:数量|人数)$"), ""),
)


def name_key(name: str) -> str:
    """The form names are matched in: ``“一区”与“两群”…`` == ``"一区"和"两群"…``."""
    key = _DROP.sub("", normalise(name)).translate(_JOINERS)
    key = key.replace("的比重", "比重")
    for pattern, canonical in _SUFFIXES:
        key = pattern.sub(canonical, key)
    return key


class Catalogue:
    """Indicator definitions with a name index (names, aliases, keys)."""

    def __init__(self, entries: Iterable[IndicatorDef], path: str | Path = "") -> None:
        self.path = str(path)
        self._entries: list[IndicatorDef] = []
        self._by_id: dict[str, IndicatorDef] = {}
        self._by_key: dict[str, IndicatorDef] = {}
        for entry in entries:
            self._add(entry)

    def _add(self, entry: IndicatorDef) -> None:
        if entry.id in self._by_id:
            raise GlossaryError(f"indicator id {entry.id!r} used twice", self.path, entry.line)
        self._by_id[entry.id] = entry
        self._entries.append(entry)
        for name in entry.names:
            key = name_key(name)
            other = self._by_key.get(key)
            if other is not None and other is not entry:
                raise GlossaryError(
                    f"indicator name {name!r} matches both {other.id!r} and {entry.id!r}", self.path, entry.line
                )
            self._by_key[key] = entry

    def __iter__(self) -> Iterator[IndicatorDef]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, indicator_id: str) -> IndicatorDef | None:
        return self._by_id.get(indicator_id)

    def match(self, name: str | None) -> IndicatorDef | None:
        """The entry ``name`` denotes (name, alias or normalised key), else None."""
        if not name:
            return None
        return self._by_key.get(name_key(name))

    def digest(self) -> str:
        """SHA-256 of what the analysis reads: ids, names, aliases, units, polarities (not the English)."""
        rows = [(e.id, e.name_zh, list(e.aliases), e.unit, e.polarity.value, e.series) for e in self._entries]
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()

    def names(self) -> Iterator[tuple[str, IndicatorDef]]:
        """Every (name or alias, entry) pair."""
        for entry in self._entries:
            for name in entry.names:
                yield name, entry


_POLARITIES = {p.value: p for p in Polarity if p is not Polarity.UNKNOWN}


def _definition(entry: Entry) -> IndicatorDef:
    return IndicatorDef(
        id=entry.id or f"zh:{entry.zh}",  # a stub without an id is still known by its name
        name_zh=entry.zh,
        en=entry.en if entry.translated else "",  # a suggestion is no rendering until accepted
        unit=entry.unit or "",
        polarity=_POLARITIES.get(entry.polarity or "", Polarity.UNKNOWN),
        aliases=tuple(entry.aliases),
        note=entry.note,
        source=entry.source,
        line=entry.line,
        series=entry.series,
    )


def catalogue_from_glossary(glossary: Glossary) -> Catalogue:
    """The indicator entries (kind ``indicator``) of a loaded glossary."""
    entries = glossary.indicators()
    path = entries[0].file if entries else ""
    return Catalogue((_definition(e) for e in entries), path)


# Target wording -> the direction it implies (bounds say which side is good).
_WORDING_POLARITY: dict[TargetKind, Polarity] = {
    TargetKind.AT_MOST: Polarity.LOWER,
    TargetKind.AT_LEAST: Polarity.HIGHER,
    TargetKind.POSITIVE: Polarity.HIGHER,
}


def infer_polarity(*targets: Target | None) -> Polarity:
    """Direction implied by the wording of the first bounded target, else UNKNOWN."""
    for target in targets:
        if target is not None and target.kind in _WORDING_POLARITY:
            return _WORDING_POLARITY[target.kind]
    return Polarity.UNKNOWN


@dataclass(frozen=True)
class Resolved:
    """What the analysis knows about one named indicator."""

    definition: IndicatorDef | None
    polarity: Polarity
    polarity_source: str  # "catalogue" | "wording" | "unknown"

    @property
    def id(self) -> str | None:
        return self.definition.id if self.definition else None

    @property
    def en(self) -> str | None:
        return self.definition.en if self.definition else None


def resolve(catalogue: Catalogue, name: str | None, *targets: Target | None) -> Resolved:
    """Catalogue entry and polarity of ``name``; polarity from wording when not catalogued."""
    definition = catalogue.match(name)
    if definition is not None and definition.polarity is not Polarity.UNKNOWN:
        return Resolved(definition, definition.polarity, "catalogue")
    inferred = infer_polarity(*targets)
    return Resolved(definition, inferred, "wording" if inferred is not Polarity.UNKNOWN else "unknown")
