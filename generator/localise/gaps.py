"""Glossary gaps: rendering terms for the English brief, and the analysts' gap workflow.

:class:`TermRenderer` is created per English brief: ``term(zh, kind)`` gives
the English :class:`~generator.brief.Text` from the glossary, or the Chinese
as a visibly marked gap segment, and records each gap (how often, first
line, a context sentence). :func:`needed_terms` lists the terms a report's
English brief needs; :func:`run_gaps` (``python -m generator glossary gaps``)
prints the missing ones as a YAML stub ready to fill in, and with
``--write`` adds them to the glossary file of their kind through ruamel's
round trip, leaving existing entries, comments and order as they were.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from generator.brief import Segment, Text
from generator.errors import GlossaryError
from generator.read.numerals import year_value
from generator.localise.glossary import SLOT, SLOT_PATTERNS, Glossary, load_glossary, normalise_key
from generator.localise.glossary_files import parse_yaml_file
from generator.localise.numbers import load_units, unit_label

if TYPE_CHECKING:
    from generator.document import Document

# Gaps are listed most important first: a missing indicator name spoils the scorecard.
KIND_ORDER = ("indicator", "heading", "item", "metric")
# Which file a stub of each kind is added to (others: DEFAULT_FILE).
KIND_FILES = {
    "indicator": "indicators.yaml",
    "heading": "headings.yaml",
    "item": "items.yaml",
    "metric": "metrics.yaml",
    "title": "report.yaml",
    "place": "report.yaml",
    "organisation": "report.yaml",
}
DEFAULT_FILE = "terms.yaml"
UNIT_KIND = "unit"  # units are rendered from units.yaml; their gaps are fixed there
CONTEXT_CHARS = 80
ZH_TAG = "zh-Hans"


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


def _rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


class TermRenderer:
    """Renders Chinese terms into English for one brief, recording the gaps."""

    def __init__(self, glossary: Glossary, units_path: Path | None = None) -> None:
        self.glossary = glossary
        self._units_path = units_path
        self._gaps: dict[str, Gap] = {}
        self.requested: list[NeededTerm] = []  # every term asked for, in order (for needed_terms)
        self._seen: set[tuple[str, str]] = set()

    def english(self, zh: str, kind: str) -> str | None:
        """The English for ``zh`` (a term, or a pattern entry whose slots render), else None."""
        entry = self.glossary.lookup(zh, kind)
        if entry is not None:
            return entry.en
        if kind == UNIT_KIND:
            label = unit_label(zh, "en", load_units(self._units_path))
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
            self._gaps[key[0]] = Gap(zh, kind, 1, line, _shorten(context))
        else:
            gap.count += 1
            if _rank(kind) < _rank(gap.kind):
                gap.kind = kind
            if gap.line is None and line is not None:
                gap.line, gap.context = line, _shorten(context)
        return Text((Segment(zh, lang=ZH_TAG, gap=True),))

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


def needed_terms(doc: "Document", glossary_dir: Path = Path("glossary")) -> list[NeededTerm]:
    """The terms the English brief of ``doc`` needs, in reading order, each once.

    They are what the brief builder asked the glossary for while building the
    English brief, so the list cannot drift from what the brief shows.
    """
    from generator.localise.briefs import english_terms

    return english_terms(doc, glossary_dir).requested


def find_gaps(needed: list[NeededTerm], glossary: Glossary, units_path: Path | None = None) -> list[Gap]:
    """The needed terms the glossary (and units table) cannot render, most important first."""
    renderer = TermRenderer(glossary, units_path)
    for term in needed:
        renderer.term(term.zh, term.kind, line=term.line, context=term.context)
    return renderer.gaps


# --- the stub ------------------------------------------------------------------


def _yaml() -> YAML:
    """The round-trip YAML settings the glossary files are written in."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _comment(gap: Gap) -> str:
    where = f"line {gap.line}" if gap.line is not None else "line ?"
    times = f"×{gap.count}, " if gap.count > 1 else ""
    context = f": {gap.context}" if gap.context and gap.context != gap.zh else ""
    return f"{times}{where}{context}"


def _stub_entry(gap: Gap) -> CommentedMap:
    entry = CommentedMap()
    entry["en"] = ""
    entry["kind"] = gap.kind
    if gap.kind == "indicator":
        entry["id"] = ""
        entry["polarity"] = ""
    return entry


def stub_map(gaps: list[Gap]) -> CommentedMap:
    """The gaps as a commented YAML mapping (``en: ''`` each)."""
    data = CommentedMap()
    for gap in gaps:
        data[gap.zh] = _stub_entry(gap)
        data.yaml_set_comment_before_after_key(gap.zh, before=_comment(gap), indent=0)
    return data


def stub_text(gaps: list[Gap]) -> str:
    """The YAML stub of ``gaps`` as text."""
    if not gaps:
        return ""
    buffer = io.StringIO()
    _yaml().dump(stub_map(gaps), buffer)
    return buffer.getvalue()


def _target_file(kind: str) -> str:
    return KIND_FILES.get(kind, DEFAULT_FILE)


def add_to_file(path: Path, gaps: list[Gap]) -> None:
    """Add stub entries to a glossary file, keeping its entries, comments and order.

    The file is loaded and dumped through ruamel's round trip; should the round
    trip not reproduce the file exactly (a style ruamel rewrites), the stub is
    appended as text instead. The result is validated before it replaces the file.
    """
    original = path.read_text(encoding="utf-8") if path.exists() else ""
    y = _yaml()
    try:
        data = y.load(original) if original.strip() else CommentedMap()
        buffer = io.StringIO()
        y.dump(data, buffer)
        faithful = isinstance(data, CommentedMap) and buffer.getvalue() == original
    except YAMLError as exc:
        raise GlossaryError(f"cannot add gaps: {' '.join(str(exc).split())[:200]}", path) from None
    if faithful:
        for gap in gaps:
            data[gap.zh] = _stub_entry(gap)
            data.yaml_set_comment_before_after_key(gap.zh, before=_comment(gap), indent=0)
        buffer = io.StringIO()
        y.dump(data, buffer)
        text = buffer.getvalue()
    else:
        text = original + ("" if not original or original.endswith("\n") else "\n") + stub_text(gaps)
    _replace_validated(path, text)


def _replace_validated(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        _, problems = parse_yaml_file(Path(tmp), label=str(path))
        if problems:
            raise GlossaryError(f"adding the gaps would break the file: {problems[0]}", path)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def run_gaps(file: Path, glossary_dir: Path, write: bool) -> int:
    """Print the gaps of a report as a YAML stub; with ``write``, add them to the glossary files."""
    from generator.read import read_document

    glossary = load_glossary(glossary_dir)
    doc = read_document(file)
    units_path = glossary_dir / "units.yaml"
    gaps = find_gaps(needed_terms(doc, glossary_dir), glossary, units_path if units_path.is_file() else None)
    out = sys.stdout
    if not gaps:
        out.write(f"no gaps: {file}\n")
        return 0
    stubbed = [g for g in gaps if glossary.find(g.zh) is not None]  # already in a file, en still ''
    units = [g for g in gaps if g.kind == UNIT_KIND and g not in stubbed]
    fresh = [g for g in gaps if g not in stubbed and g not in units]
    out.write(f"# {len(gaps)} glossary gap(s) for {file}: fill in en (indicators also id and polarity)\n")
    for g in stubbed:
        entry = glossary.find(g.zh)
        assert entry is not None
        out.write(f"# untranslated stub, fill in: {g.zh} at {entry.where}\n")
    for g in units:
        out.write(f"# unit not in units.yaml, add it under bases or units: {g.zh} ({_comment(g)})\n")
    by_file: dict[str, list[Gap]] = {}
    for g in fresh:
        by_file.setdefault(_target_file(g.kind), []).append(g)
    for name, group in by_file.items():
        out.write(f"\n# --- {name} ---\n")
        out.write(stub_text(group))
    if write and fresh:
        for name, group in by_file.items():
            add_to_file(glossary_dir / name, group)
        out.write(f"\n# added {len(fresh)} stub(s) to {', '.join(str(glossary_dir / n) for n in by_file)}\n")
    return 0


__all__ = [
    "Gap", "NeededTerm", "TermRenderer", "add_to_file", "find_gaps", "needed_terms", "run_gaps",
    "stub_map", "stub_text",
]
