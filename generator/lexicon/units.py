"""The units table (``glossary/units.yaml``): units, their exact factors and the words around numbers.

Owns the model (:class:`UnitsTable`: base units with their English words and
conversions, printed units as factors of a base, magnitude prefixes, scale
words, qualifier/target/relative wording per locale, fixed phrases) and the
reading and validation of the file (:func:`read_units`,
:func:`check_units_file`), every problem with its line and column. The
formatting that uses the table is :mod:`generator.localise.numbers`; the
number QA that checks it, :mod:`generator.localise.numberqa`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import GlossaryError
from generator.lexicon.glossary_files import Problem, parse_yaml_file, scalar_text
from generator.lexicon.keys import normalise_key
from generator.quantities import Qualifier
from generator.targets import TargetKind

WORD_KEYS = ("minus", "range", "ratio", "per", "basis", "aspiration", "note")
SECTIONS = ("bases", "units", "magnitudes", "scales", "qualifiers", "targets", "relative", "phrases", "words")


@dataclass(frozen=True)
class BaseUnit:
    """A base unit: how a value in it is named in English."""

    name: str
    currency: str | None = None  # "CNY": shown as a prefix code
    symbol: str | None = None  # "%": attached to the number
    en: tuple[str, ...] = ()  # (singular, plural); () = a counter, the number alone
    convert_to: str | None = None  # shown in this other base unit…
    convert_factor: Decimal = Decimal(1)  # …after multiplying by this


@dataclass(frozen=True)
class Unit:
    """A unit as printed (亿元) in terms of its base unit (元 × 10^8)."""

    name: str
    base: str
    factor: Decimal = Decimal(1)


@dataclass
class UnitsTable:
    """The parsed ``units.yaml``."""

    bases: dict[str, BaseUnit]
    units: dict[str, Unit]
    scales: list[tuple[Decimal, str]]  # largest first
    qualifiers: dict[str, dict[str, str]]  # Qualifier value -> locale -> template
    targets: dict[str, dict[str, str]]  # TargetKind value -> locale -> words
    relative: dict[str, dict[str, str]]  # up/down -> locale -> template
    magnitudes: list[tuple[str, Decimal]] = field(default_factory=list)  # longest prefix first
    phrases: dict[str, str] = field(default_factory=dict)  # normalised Chinese -> English
    words: dict[str, dict[str, str]] = field(default_factory=dict)  # locale -> key -> template

    def unit(self, name: str) -> Unit | None:
        """The unit as printed: a listed unit, a base unit, or magnitude × one of those."""
        if name in self.units:
            return self.units[name]
        if name in self.bases:
            return Unit(name, name)
        for prefix, size in self.magnitudes:
            rest = name[len(prefix):]
            if name.startswith(prefix) and (rest in self.units or rest in self.bases):
                inner = self.units.get(rest) or Unit(rest, rest)
                return Unit(name, inner.base, inner.factor * size)
        return None

    def phrase(self, zh: str) -> str | None:
        return self.phrases.get(normalise_key(zh))


# --- loading units.yaml ------------------------------------------------------------


class _Reader:
    """Validates the units file node by node, collecting problems with positions."""

    def __init__(self, name: str, locales: tuple[str, ...]) -> None:
        self.name = name
        self.locales = locales
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def mapping(self, node: Node, what: str) -> list[tuple[str, Node]]:
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return []
        out = []
        for key, value in node.value:
            text = scalar_text(key, f"a key of {what}", self.name, self.problems)
            if text is not None:
                out.append((text, value))
        return out

    def text(self, node: Node, what: str) -> str | None:
        return scalar_text(node, what, self.name, self.problems)

    def decimal(self, node: Node, what: str) -> Decimal | None:
        if not isinstance(node, ScalarNode) or node.tag.endswith((":null", ":bool")):
            self.problem(node, f"{what} must be a number")
            return None
        try:
            value = Decimal(str(node.value).replace("_", ""))
        except InvalidOperation:
            self.problem(node, f"{what} must be a number, not {node.value!r}")
            return None
        if not value.is_finite() or value <= 0:
            self.problem(node, f"{what} must be a positive number")
            return None
        return value

    def fields(self, node: Node, what: str, allowed: tuple[str, ...]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for key, value in self.mapping(node, what):
            if key not in allowed:
                self.problem(value, f"{what}: unknown field {key!r} (known: {', '.join(allowed)})")
            else:
                out[key] = value
        return out

    def template(self, node: Node, what: str, slots: int) -> str | None:
        text = self.text(node, what)
        if text is not None and slots and text.count("{") < slots:
            self.problem(node, f"{what}: needs {slots} {{}} placeholder(s) for the amount")
            return None
        if text is not None:
            try:
                text.format(*["x"] * slots)
            except (IndexError, KeyError, ValueError):
                self.problem(node, f"{what}: bad placeholder (use {{}})")
                return None
        return text

    def per_locale(self, node: Node, what: str, slots: int) -> dict[str, str] | None:
        got = self.fields(node, what, self.locales)
        out = {}
        for loc in self.locales:
            if loc not in got:
                self.problem(node, f"{what}: missing {loc}")
                return None
            text = self.template(got[loc], f"{what}.{loc}", slots)
            if text is None:
                return None
            out[loc] = text
        return out


def _per_locale_section(
    r: "_Reader", node: Node | None, what: str, allowed: set[str], slots: int,
    unknown: Callable[[str], str], keep_empty: bool = False,
) -> dict[str, dict[str, str]]:
    """A section mapping known names to per-locale templates (qualifiers, targets, relative)."""
    out: dict[str, dict[str, str]] = {}
    if node is None:
        return out
    for name, child in r.mapping(node, what):
        if name not in allowed:
            r.problem(child, unknown(name))
            continue
        got = r.per_locale(child, f"{what}.{name}", slots)
        if got if not keep_empty else got is not None:
            out[name] = got
    return out


def inspect_units(path: Path, locales: tuple[str, ...]) -> tuple[UnitsTable | None, list[Problem]]:
    """The units table of ``path`` (None when any problem is found) and every problem, with positions."""
    root, problems = parse_yaml_file(path)
    if problems:
        return None, problems
    r = _Reader(str(path), locales)
    if root is None:
        return None, [Problem(str(path), 1, 1, "empty units table")]
    sections = r.fields(root, "units.yaml", SECTIONS)
    for name in ("bases", "units", "scales", "qualifiers", "words"):
        if name not in sections:
            r.problem(root, f"missing section {name!r}")
    if r.problems:
        return None, r.problems

    bases: dict[str, BaseUnit] = {}
    for name, node in r.mapping(sections["bases"], "bases"):
        f = r.fields(node, f"bases.{name}", ("currency", "symbol", "en", "convert"))
        kinds = [k for k in ("currency", "symbol", "en") if k in f]
        if len(kinds) != 1:
            r.problem(node, f"bases.{name}: give exactly one of currency, symbol, en")
            continue
        en: tuple[str, ...] = ()
        if "en" in f:
            if not isinstance(f["en"], SequenceNode) or len(f["en"].value) not in (0, 2):
                r.problem(f["en"], f"bases.{name}.en: [singular, plural] or [] for a counter")
                continue
            words = [r.text(n, f"bases.{name}.en") for n in f["en"].value]
            if None in words:
                continue
            en = tuple(w for w in words if w is not None)
        convert_to, convert_factor = None, Decimal(1)
        if "convert" in f:
            c = r.fields(f["convert"], f"bases.{name}.convert", ("to", "factor"))
            if "to" not in c or "factor" not in c:
                r.problem(f["convert"], f"bases.{name}.convert: needs to: and factor:")
                continue
            convert_to = r.text(c["to"], f"bases.{name}.convert.to")
            factor = r.decimal(c["factor"], f"bases.{name}.convert.factor")
            if convert_to is None or factor is None:
                continue
            convert_factor = factor
        currency = r.text(f["currency"], f"bases.{name}.currency") if "currency" in f else None
        symbol = r.text(f["symbol"], f"bases.{name}.symbol") if "symbol" in f else None
        bases[name] = BaseUnit(name, currency, symbol, en, convert_to, convert_factor)
    for b in bases.values():
        if b.convert_to is not None and (b.convert_to not in bases or bases[b.convert_to].convert_to):
            r.problem(sections["bases"], f"bases.{b.name}: convert.to {b.convert_to!r} is not a base unit without its own convert")

    units: dict[str, Unit] = {}
    for name, node in r.mapping(sections["units"], "units"):
        f = r.fields(node, f"units.{name}", ("base", "factor"))
        base = r.text(f["base"], f"units.{name}.base") if "base" in f else None
        if base is None or base not in bases:
            r.problem(node, f"units.{name}: base must be one of the bases")
            continue
        factor = r.decimal(f["factor"], f"units.{name}.factor") if "factor" in f else Decimal(1)
        if factor is not None:
            units[name] = Unit(name, base, factor)
        if "/" in name:
            r.problem(node, f"units.{name}: write X/Y units as two units, X and Y")

    magnitudes: list[tuple[str, Decimal]] = []
    if "magnitudes" in sections:
        for prefix, node in r.mapping(sections["magnitudes"], "magnitudes"):
            size = r.decimal(node, f"magnitudes.{prefix}")
            if size is not None:
                magnitudes.append((prefix, size))
    magnitudes.sort(key=lambda m: len(m[0]), reverse=True)

    scales: list[tuple[Decimal, str]] = []
    if not isinstance(sections["scales"], SequenceNode):
        r.problem(sections["scales"], "scales must be a list of {word: …, value: …}")
    else:
        for node in sections["scales"].value:
            f = r.fields(node, "a scale", ("word", "value"))
            word = r.text(f["word"], "scales.word") if "word" in f else None
            value = r.decimal(f["value"], "scales.value") if "value" in f else None
            if word and value:
                scales.append((value, word))
            else:
                r.problem(node, "a scale needs word: and value:")
    scales.sort(reverse=True)

    qualifiers = _per_locale_section(
        r, sections["qualifiers"], "qualifiers", {q.value for q in Qualifier}, 1,
        lambda name: f"qualifiers: unknown qualifier {name!r} (one of {', '.join(q.value for q in Qualifier)})",
    )
    targets = _per_locale_section(
        r, sections.get("targets"), "targets", {k.value for k in TargetKind}, 0,
        lambda name: f"targets: unknown target kind {name!r}", keep_empty=True,
    )
    relative = _per_locale_section(
        r, sections.get("relative"), "relative", {"up", "down"}, 1,
        lambda name: f"relative: {name!r} must be up or down",
    )
    phrases = {}
    if "phrases" in sections:
        for zh, node in r.mapping(sections["phrases"], "phrases"):
            en = r.text(node, f"phrases.{zh}")
            if en:
                phrases[normalise_key(zh)] = en
    words: dict[str, dict[str, str]] = {}
    by_locale = dict(r.mapping(sections["words"], "words"))
    for loc in locales:
        if loc not in by_locale:
            r.problem(sections["words"], f"words: missing {loc}")
            continue
        f = r.fields(by_locale[loc], f"words.{loc}", WORD_KEYS)
        words[loc] = {}
        for key in WORD_KEYS:
            slots = {"minus": 0, "range": 2, "ratio": 2, "per": 2, "basis": 2, "aspiration": 2, "note": 2}[key]
            if key not in f:
                r.problem(by_locale[loc], f"words.{loc}: missing {key}")
                continue
            text = r.template(f[key], f"words.{loc}.{key}", slots)
            if text is not None:
                words[loc][key] = text
    if r.problems:
        return None, r.problems
    return UnitsTable(bases, units, scales, qualifiers, targets, relative, magnitudes, phrases, words), []


def check_units_file(path: Path, locales: tuple[str, ...]) -> list[Problem]:
    """Problems of a units file (empty when it loads); ``locales``: the languages it must cover."""
    return inspect_units(path, locales)[1]


def read_units(path: Path, locales: tuple[str, ...]) -> UnitsTable:
    """The units table of ``path``; GlossaryError at the first problem."""
    try:
        path.stat()
    except OSError as exc:
        raise GlossaryError(f"cannot read units table: {exc.strerror or exc}", path) from None
    table, problems = inspect_units(path, locales)
    if table is None:
        first = problems[0]
        raise GlossaryError(first.message, first.file, first.line)
    return table
