"""Locale formatting of quantities, targets and dates: the one place numbers become text.

``format_quantity(Quantity(3620, "亿元"), english, units)`` → ``CNY 362 billion``;
the report's own language (Chinese) keeps the unit as printed, with Babel-grouped
digits (``3,620亿元``); :class:`NumberFormat` binds a language and a units table.
Units, their exact factors, English unit words, conversions (kilograms are
shown as tonnes), scale words and the small words of targets are data in
``glossary/units.yaml`` (:class:`UnitsTable`); arithmetic is ``Decimal``
throughout. Functions return None for what the table cannot render (an
unknown unit or wording) so the caller can show a gap instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from generator.lexicon.languages import Language
from generator.lexicon.units import BaseUnit, UnitsTable
from generator.quantities import Qualifier, Quantity
from generator.targets import Target, TargetKind

# Targets that are a quantity (value, qualifier) rather than a word.
_TARGET_QUALIFIER = {
    TargetKind.EXACT: None,
    TargetKind.ABOUT: Qualifier.ABOUT,
    TargetKind.AT_LEAST: Qualifier.AT_LEAST,
    TargetKind.AT_MOST: Qualifier.AT_MOST,
    TargetKind.RANGE: None,
}


# --- numbers -------------------------------------------------------------------------


def format_number(value: Decimal, lang: Language, t: UnitsTable) -> str:
    """Digits grouped per locale, every decimal kept (5.0 stays 5.0), minus as in the table."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    with localcontext() as ctx:
        ctx.prec = _precision(value)
        text = format_decimal(abs(value), format=pattern, locale=lang.babel, decimal_quantization=False)
    return t.words[lang.code]["minus"] + text if value < 0 else text


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
    number: str  # "52.3"
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


def _denominator(unit: str, lang: Language, table: UnitsTable) -> str | None:
    u = table.unit(unit)
    if u is None:
        return None
    base = table.bases[u.base]
    if len(base.en) != 2:
        return None
    if u.factor == 1:
        return base.en[0]
    return f"{_scaled(u.factor, lang, table)} {base.en[1]}"


def _scaled(value: Decimal, lang: Language, table: UnitsTable) -> str:
    """A positive magnitude in words where large (100 million), else digits (10,000)."""
    for size, word in table.scales:
        if value >= size:
            return f"{format_number(_tidy(value / size), lang, table)} {word}"
    return format_number(_tidy(value), lang, table)


def _per(unit: str, lang: Language, table: UnitsTable) -> str | None:
    """`` per person-year`` for the denominator of X/Y units, "" for plain units, None if unknown."""
    _, _, denominator = unit.partition("/")
    if not denominator:
        return ""
    den = _denominator(denominator, lang, table)
    return None if den is None else " " + table.words[lang.code]["per"].format("", den).strip()


def _amount_converted(value: Decimal, unit: str, lang: Language, table: UnitsTable) -> _Amount | None:
    numerator = unit.partition("/")[0]
    per = _per(unit, lang, table)
    if per is None:
        return None
    if not numerator:
        return None if per else _Amount("", format_number(value, lang, table))
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
        number=format_number(amount, lang, table),
        scale=scale,
        symbol=base.symbol or "",
        words=base.en,
        per=per,
        one=amount == 1 and not scale,
    )


def _range_converted(low: _Amount, high: _Amount, lang: Language, table: UnitsTable) -> str:
    """``4.5%–5%``, ``CNY 100–200 million``, ``60,000–70,000 people``; else both ends in full."""
    dash = table.words[lang.code]["range"]
    if low.symbol and not low.per:
        return dash.format(str(low), str(high))
    if low.prefix == high.prefix and low.tail(plural=True) == high.tail(plural=True):
        return low.prefix + dash.format(low.number, high.number) + high.tail(plural=True)
    return dash.format(str(low), str(high))


def _amount_as_printed(value: Decimal, unit: str, lang: Language, table: UnitsTable) -> str:
    return f"{format_number(value, lang, table)}{unit}"


def _range_as_printed(low: Decimal, high: Decimal, unit: str, lang: Language, table: UnitsTable) -> str:
    """``4.5%～5%`` (a symbol on both ends), ``1～2亿元`` (a unit word once)."""
    u = table.unit(unit)
    symbol = u is not None and bool(table.bases[u.base].symbol)
    first = _amount_as_printed(low, unit, lang, table) if symbol else format_number(low, lang, table)
    return table.words[lang.code]["range"].format(first, _amount_as_printed(high, unit, lang, table))


def format_quantity(q: Quantity, lang: Language, t: UnitsTable) -> str | None:
    """Display text of a quantity in ``lang``; None if the unit is unknown (a rendered language)."""
    words = t.words[lang.code]
    if q.ratio_to is not None:
        text = words["ratio"].format(format_number(q.value, lang, t), format_number(q.ratio_to, lang, t))
    elif lang.source:
        text = (_range_as_printed(q.value, q.high, q.unit, lang, t) if q.high is not None
                else _amount_as_printed(q.value, q.unit, lang, t))
    else:
        amount = _amount_converted(q.value, q.unit, lang, t)
        if amount is None:
            return None
        if q.high is not None:
            high = _amount_converted(q.high, q.unit, lang, t)
            if high is None:
                return None
            text = _range_converted(amount, high, lang, t)
        else:
            text = str(amount)
    if q.qualifier is not None:
        template = t.qualifiers.get(Qualifier(q.qualifier).value, {}).get(lang.code)
        if template is None:
            return None
        text = template.format(text)
    if q.basis:
        phrase = q.basis if lang.source else t.phrase(q.basis)
        if phrase is None:
            return None
        text = words["basis"].format(text, phrase)
    return text


def unit_label(unit: str, lang: Language, t: UnitsTable) -> str | None:
    """A unit on its own, for table headers: 亿元 → ``CNY 100 million``, 万人 → ``10,000 people``."""
    if lang.source or not unit:
        return unit
    per = _per(unit, lang, t)
    u = t.unit(unit.partition("/")[0])
    if u is None or per is None:
        return None
    base = t.bases[u.base]
    factor = "" if u.factor == 1 else _scaled(u.factor, lang, t)
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


def format_target(target: Target, unit: str, lang: Language, t: UnitsTable) -> str | None:
    """A target (or actual) cell in ``lang``; None when its wording is not in the table.

    ``unit`` is the indicator's unit; a unit written in the cell wins. The
    caller shows None as the Chinese text marked as a gap.
    """
    words = t.words[lang.code]
    kind = TargetKind(target.kind)
    cell_unit = target.unit or unit
    text: str | None
    if kind in _TARGET_QUALIFIER:
        q = target_quantity(target, unit)
        if q is None:
            return None
        text = format_quantity(q, lang, t)
    elif kind is TargetKind.RELATIVE:
        if target.value is None or not target.unit and not unit:
            return None
        direction = "down" if target.value < 0 else "up"
        amount = format_quantity(Quantity(value=abs(target.value), unit=cell_unit), lang, t)
        template = t.relative.get(direction, {}).get(lang.code)
        text = template.format(amount) if amount is not None and template is not None else None
    elif kind is TargetKind.QUALITATIVE:
        text = target.text.strip() if lang.source else t.phrase(target.text)
    else:
        text = t.targets.get(kind.value, {}).get(lang.code)
    if text is None:
        return None
    for extra, key in ((target.aspiration, "aspiration"), (target.note, "note")):
        if not extra:
            continue
        phrase = extra if lang.source else t.phrase(extra)
        if phrase is None:
            return None
        text = words[key].format(text, phrase) if text else phrase
    return text


def format_date(d: date, lang: Language, precision: str = "day") -> str:
    """``30 November 2026`` / ``2026年11月30日``; precision "month" gives ``January 2031`` / ``2031年1月``."""
    pattern = lang.dates.get(precision)
    if pattern is None:
        raise ValueError(f"unknown date precision {precision!r} (day, month, year)")
    return babel_format_date(d, format=pattern, locale=lang.babel)


@dataclass(frozen=True)
class NumberFormat:
    """The formatting of one language with one units table: what the localiser holds per brief."""

    lang: Language
    units: UnitsTable

    def number(self, value: Decimal | int) -> str:
        return format_number(Decimal(value), self.lang, self.units)

    def quantity(self, q: Quantity) -> str | None:
        return format_quantity(q, self.lang, self.units)

    def target(self, target: Target, unit: str) -> str | None:
        return format_target(target, unit, self.lang, self.units)

    def unit(self, unit: str) -> str | None:
        return unit_label(unit, self.lang, self.units)

    def date(self, d: date, precision: str = "day") -> str:
        return format_date(d, self.lang, precision)
