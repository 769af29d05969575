"""Locale formatting of quantities, targets and dates: the one place numbers become text.

``format_quantity(Quantity(3620, "亿元"), "en")`` → ``CNY 362 billion``;
``"zh"`` keeps the Chinese unit with Babel-grouped digits (``3,620亿元``).
Units, their exact factors, English unit words, conversions (kilograms are
shown as tonnes), scale words and the small words of targets are data in
``glossary/units.yaml`` (:class:`UnitsTable`); arithmetic is ``Decimal``
throughout. Functions return None for what the table cannot render (an
unknown unit or wording) so the caller can show a gap instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Callable

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import GlossaryError
from generator.localise.glossary import normalise_key
from generator.localise.glossary_files import Problem, parse_yaml_file, scalar_text
from generator.quantities import Qualifier, Quantity
from generator.targets import Target, TargetKind

DEFAULT_UNITS = Path(__file__).resolve().parents[2] / "glossary" / "units.yaml"
BABEL_LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
DATE_PATTERNS = {
    ("en", "day"): "d MMMM y",
    ("en", "month"): "MMMM y",
    ("en", "year"): "y",
    ("zh", "day"): "y年M月d日",
    ("zh", "month"): "y年M月",
    ("zh", "year"): "y年",
}
LOCALES = tuple(BABEL_LOCALES)
WORD_KEYS = ("minus", "range", "ratio", "per", "basis", "aspiration", "note")
SECTIONS = ("bases", "units", "magnitudes", "scales", "qualifiers", "targets", "relative", "phrases", "words")
# Targets that are a quantity (value, qualifier) rather than a word.
_TARGET_QUALIFIER = {
    TargetKind.EXACT: None,
    TargetKind.ABOUT: Qualifier.ABOUT,
    TargetKind.AT_LEAST: Qualifier.AT_LEAST,
    TargetKind.AT_MOST: Qualifier.AT_MOST,
    TargetKind.RANGE: None,
}


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

    def __init__(self, name: str) -> None:
        self.name = name
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
        got = self.fields(node, what, LOCALES)
        out = {}
        for loc in LOCALES:
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


def _read_units(path: Path) -> tuple[UnitsTable | None, list[Problem]]:
    root, problems = parse_yaml_file(path)
    if problems:
        return None, problems
    r = _Reader(str(path))
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
    for loc in LOCALES:
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


def check_units_file(path: Path) -> list[Problem]:
    """Problems of a units file (empty when it loads)."""
    return _read_units(path)[1]


_CACHE: dict[Path, tuple[tuple[int, int], UnitsTable]] = {}


def load_units(path: Path | None = None) -> UnitsTable:
    """The units table (default ``glossary/units.yaml``), cached by mtime and size."""
    path = Path(path) if path is not None else DEFAULT_UNITS
    try:
        st = path.stat()
    except OSError as exc:
        raise GlossaryError(f"cannot read units table: {exc.strerror or exc}", path) from None
    key, signature = path.resolve(), (st.st_mtime_ns, st.st_size)
    cached = _CACHE.get(key)
    if cached and cached[0] == signature:
        return cached[1]
    table, problems = _read_units(path)
    if table is None:
        first = problems[0]
        raise GlossaryError(first.message, first.file, first.line)
    _CACHE[key] = (signature, table)
    return table


# --- numbers -------------------------------------------------------------------------


def _check_locale(locale: str) -> str:
    if locale not in BABEL_LOCALES:
        raise ValueError(f"unknown locale {locale!r} (one of {', '.join(BABEL_LOCALES)})")
    return locale


def format_number(value: Decimal, locale: str, table: UnitsTable | None = None) -> str:
    """Digits grouped per locale, every decimal kept (5.0 stays 5.0), minus as in the table."""
    t = table or load_units()
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    with localcontext() as ctx:
        ctx.prec = _precision(value)
        text = format_decimal(abs(value), format=pattern, locale=BABEL_LOCALES[_check_locale(locale)],
                              decimal_quantization=False)
    return t.words[locale]["minus"] + text if value < 0 else text


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros that arithmetic added (532000.0 -> 532000) without an exponent."""
    with localcontext() as ctx:
        ctx.prec = _precision(value)
        value = value.normalize()
        exponent = value.as_tuple().exponent
        return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


def _precision(value: Decimal) -> int:
    """Decimal precision that holds every digit of ``value`` written out in full.

    The default (28 digits) would make ``quantize`` raise, and ``normalize``
    round, on the absurdly long numbers a damaged report can contain.
    """
    sign, digits, exponent = value.as_tuple()
    return max(28, len(digits) + (exponent if isinstance(exponent, int) and exponent > 0 else 0) + 2)


@dataclass(frozen=True)
class _Amount:
    """An English amount in pieces, so that a range can share its prefix and words."""

    prefix: str  # "CNY "
    number: str  # "410.4"
    scale: str = ""  # " billion"
    symbol: str = ""  # "%", attached to the number
    words: tuple[str, ...] = ()  # (singular, plural) unit word
    per: str = ""  # " per person-year"
    one: bool = False  # exactly 1 without a scale word: the singular

    def tail(self, plural: bool) -> str:
        word = f" {self.words[0 if self.one and not plural else 1]}" if self.words else ""
        return f"{self.symbol}{self.scale}{word}{self.per}"

    def __str__(self) -> str:
        return f"{self.prefix}{self.number}{self.tail(plural=False)}"


def display_value(value: Decimal, unit: str, table: UnitsTable) -> tuple[Decimal, BaseUnit] | None:
    """``value`` in ``unit`` expressed in the base unit it is shown in (after conversion)."""
    u = table.unit(unit)
    if u is None:
        return None
    base = table.bases[u.base]
    amount = value * u.factor
    if base.convert_to:
        amount *= base.convert_factor
        base = table.bases[base.convert_to]
    return amount, base


def _denominator_en(unit: str, table: UnitsTable) -> str | None:
    u = table.unit(unit)
    if u is None:
        return None
    base = table.bases[u.base]
    if len(base.en) != 2:
        return None
    if u.factor == 1:
        return base.en[0]
    return f"{_scaled_en(u.factor, table)} {base.en[1]}"


def _scaled_en(value: Decimal, table: UnitsTable) -> str:
    """A positive magnitude in words where large (100 million), else digits (10,000)."""
    for size, word in table.scales:
        if value >= size:
            return f"{format_number(_tidy(value / size), 'en', table)} {word}"
    return format_number(_tidy(value), "en", table)


def _per_en(unit: str, table: UnitsTable) -> str | None:
    """`` per person-year`` for the denominator of X/Y units, "" for plain units, None if unknown."""
    _, _, denominator = unit.partition("/")
    if not denominator:
        return ""
    den = _denominator_en(denominator, table)
    return None if den is None else " " + table.words["en"]["per"].format("", den).strip()


def _amount_en(value: Decimal, unit: str, table: UnitsTable) -> _Amount | None:
    numerator = unit.partition("/")[0]
    per = _per_en(unit, table)
    if per is None:
        return None
    if not numerator:
        return None if per else _Amount("", format_number(value, "en", table))
    u = table.unit(numerator)
    shown = display_value(value, numerator, table)
    if u is None or shown is None:
        return None
    amount, base = shown
    if u.factor != 1 or table.bases[u.base].convert_to:
        amount = _tidy(amount)  # arithmetic adds zeros; an unconverted 5.0 stays as written
    scale = ""
    if base.symbol is None:
        for size, word in table.scales:
            if abs(amount) >= size:
                amount, scale = _tidy(amount / size), " " + word
                break
    return _Amount(
        prefix=f"{base.currency} " if base.currency else "",
        number=format_number(amount, "en", table),
        scale=scale,
        symbol=base.symbol or "",
        words=base.en,
        per=per,
        one=amount == 1 and not scale,
    )


def _range_en(low: _Amount, high: _Amount, table: UnitsTable) -> str:
    """``4.5%–5%``, ``CNY 100–200 million``, ``60,000–70,000 people``; else both ends in full."""
    dash = table.words["en"]["range"]
    if low.symbol and not low.per:
        return dash.format(str(low), str(high))
    if low.prefix == high.prefix and low.tail(plural=True) == high.tail(plural=True):
        return low.prefix + dash.format(low.number, high.number) + high.tail(plural=True)
    return dash.format(str(low), str(high))


def _amount_zh(value: Decimal, unit: str, table: UnitsTable) -> str:
    return f"{format_number(value, 'zh', table)}{unit}"


def _range_zh(low: Decimal, high: Decimal, unit: str, table: UnitsTable) -> str:
    """``4.5%～5%`` (a symbol on both ends), ``1～2亿元`` (a unit word once)."""
    u = table.unit(unit)
    symbol = u is not None and bool(table.bases[u.base].symbol)
    first = _amount_zh(low, unit, table) if symbol else format_number(low, "zh", table)
    return table.words["zh"]["range"].format(first, _amount_zh(high, unit, table))


def format_quantity(q: Quantity, locale: str, table: UnitsTable | None = None) -> str | None:
    """Display text of a quantity in ``locale`` ("zh" | "en"); None if the unit is unknown (en)."""
    t = table or load_units()
    words = t.words[_check_locale(locale)]
    if q.ratio_to is not None:
        text = words["ratio"].format(format_number(q.value, locale, t), format_number(q.ratio_to, locale, t))
    elif locale == "zh":
        text = _range_zh(q.value, q.high, q.unit, t) if q.high is not None else _amount_zh(q.value, q.unit, t)
    else:
        amount = _amount_en(q.value, q.unit, t)
        if amount is None:
            return None
        if q.high is not None:
            high = _amount_en(q.high, q.unit, t)
            if high is None:
                return None
            text = _range_en(amount, high, t)
        else:
            text = str(amount)
    if q.qualifier is not None:
        template = t.qualifiers.get(Qualifier(q.qualifier).value, {}).get(locale)
        if template is None:
            return None
        text = template.format(text)
    if q.basis:
        phrase = q.basis if locale == "zh" else t.phrase(q.basis)
        if phrase is None:
            return None
        text = words["basis"].format(text, phrase)
    return text


def unit_label(unit: str, locale: str, table: UnitsTable | None = None) -> str | None:
    """A unit on its own, for table headers: 亿元 → ``CNY 100 million``, 万人 → ``10,000 people``."""
    t = table or load_units()
    if _check_locale(locale) == "zh" or not unit:
        return unit
    per = _per_en(unit, t)
    u = t.unit(unit.partition("/")[0])
    if u is None or per is None:
        return None
    base = t.bases[u.base]
    factor = "" if u.factor == 1 else _scaled_en(u.factor, t)
    if base.currency:
        head = " ".join(x for x in (base.currency, factor) if x)
    elif base.symbol:
        head = f"{factor} {base.symbol}".strip() if factor else base.symbol
    elif base.en:
        head = " ".join(x for x in (factor, base.en[1]) if x)
    else:  # a counter: no unit word ("" is a known unit that shows nothing)
        head = factor
    return (head + per).strip()


def target_quantity(target: Target, unit: str) -> Quantity | None:
    """The quantity a numeric target cell states (``5.5左右`` → about 5.5 in ``unit``), else None."""
    kind = TargetKind(target.kind)
    if kind not in _TARGET_QUALIFIER or target.value is None:
        return None
    return Quantity(
        value=target.value, unit=target.unit or unit, qualifier=_TARGET_QUALIFIER[kind],
        high=target.high if kind is TargetKind.RANGE else None, ratio_to=target.ratio_to, basis=target.basis,
        text=target.text,
    )


def format_target(target: Target, unit: str, locale: str, table: UnitsTable | None = None) -> str | None:
    """A target (or actual) cell in ``locale``; None when its wording is not in the table.

    ``unit`` is the indicator's unit; a unit written in the cell wins. The
    caller shows None as the Chinese text marked as a gap.
    """
    t = table or load_units()
    words = t.words[_check_locale(locale)]
    kind = TargetKind(target.kind)
    cell_unit = target.unit or unit
    text: str | None
    if kind in _TARGET_QUALIFIER:
        q = target_quantity(target, unit)
        if q is None:
            return None
        text = format_quantity(q, locale, t)
    elif kind is TargetKind.RELATIVE:
        if target.value is None or not target.unit and not unit:
            return None
        direction = "down" if target.value < 0 else "up"
        amount = format_quantity(Quantity(value=abs(target.value), unit=cell_unit), locale, t)
        template = t.relative.get(direction, {}).get(locale)
        text = template.format(amount) if amount is not None and template is not None else None
    elif kind is TargetKind.QUALITATIVE:
        text = target.text.strip() if locale == "zh" else t.phrase(target.text)
    else:
        text = t.targets.get(kind.value, {}).get(locale)
    if text is None:
        return None
    for extra, key in ((target.aspiration, "aspiration"), (target.note, "note")):
        if not extra:
            continue
        phrase = extra if locale == "zh" else t.phrase(extra)
        if phrase is None:
            return None
        text = words[key].format(text, phrase) if text else phrase
    return text


def format_date(d: date, locale: str, precision: str = "day") -> str:
    """``30 November 2026`` / ``2026年11月30日``; precision "month" gives ``January 2031`` / ``2031年1月``."""
    pattern = DATE_PATTERNS.get((_check_locale(locale), precision))
    if pattern is None:
        raise ValueError(f"unknown date precision {precision!r} (day, month, year)")
    return babel_format_date(d, format=pattern, locale=BABEL_LOCALES[locale])
