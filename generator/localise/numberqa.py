"""Number QA: prove every number of a brief came from a source quantity, correctly converted.

:func:`check_rendering` reads a rendering back (``CNY 52.3 billion`` →
52,300,000,000 in base unit 元) with its own parser and compares it with the
quantity's exact value after the unit conversion of ``glossary/units.yaml``;
it shares the data, not the formatting code, with ``numbers.py``, so a slip
in scaling, conversion, unit word or qualifier is caught.
:func:`untraced_numbers` finds digits in free text that no traced rendering
accounts for (the number-mismatch check of translation QA tools).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterable

from generator.lexicon.languages import Language
from generator.lexicon.units import BaseUnit, UnitsTable
from generator.quantities import Qualifier, Quantity

_NUMBER = r"[−-]?\d+(?:,\d{3})*(?:\.\d+)?"
_AMOUNT_EN = re.compile(
    rf"^(?:(?P<cur>[A-Z]{{3}}) )?(?P<num>{_NUMBER})(?P<sym>[%‰])?(?: (?P<scale>[a-z]+illion))?(?P<rest>.*)$"
)
_AMOUNT_ZH = re.compile(rf"^(?P<num>{_NUMBER})(?P<rest>.*)$")
# A digit run that stands as a number: not part of a name such as 5G, PM2.5, COVID-19.
_TOKEN = re.compile(rf"(?<![\w.\-−]){_NUMBER}(?P<ord>st|nd|rd|th)?(?![\w])")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def _strip_template(text: str, template: str) -> str | None:
    """The ``{}`` part of ``text`` when it has the template's words around it."""
    before, _, after = template.partition("{}")
    if text.startswith(before) and text.endswith(after) and len(text) >= len(before) + len(after):
        return text[len(before): len(text) - len(after)]
    return None


def _expected(value: Decimal, unit: str, t: UnitsTable) -> tuple[Decimal, BaseUnit] | None:
    # Deliberately not numbers.display_value: the check must not share the code it checks.
    u = t.unit(unit)
    if u is None:
        return None
    base = t.bases[u.base]
    value = value * u.factor
    if base.convert_to:
        value, base = value * base.convert_factor, t.bases[base.convert_to]
    return value, base


def _unit_words(t: UnitsTable) -> dict[str, str]:
    """English unit word (singular or plural) -> base unit name."""
    out: dict[str, str] = {}
    for base in t.bases.values():
        for word in base.en:
            out.setdefault(word, base.name)
    return out


def _read_converted(text: str, lang: Language, t: UnitsTable) -> tuple[Decimal, str | None, str] | tuple[None, str, str]:
    """(value in the base unit shown, base name or None for a bare number, rest) or (None, why, "")."""
    m = _AMOUNT_EN.match(text)
    if not m:
        return None, f"no number in {text!r}", ""
    value = _decimal(m["num"])
    if value is None:
        return None, f"bad number {m['num']!r}", ""
    rest = m["rest"]
    if m["scale"]:
        sizes = {word: size for size, word in t.scales}
        if m["scale"] not in sizes:
            return None, f"unknown scale word {m['scale']!r}", ""
        value *= sizes[m["scale"]]
    base: str | None = None
    if m["cur"]:
        base = next((b.name for b in t.bases.values() if b.currency == m["cur"]), None)
        if base is None:
            return None, f"unknown currency {m['cur']!r}", ""
    if m["sym"]:
        base = next((b.name for b in t.bases.values() if b.symbol == m["sym"]), None)
    words, per = rest.strip(), ""
    per_sep = t.words[lang.code]["per"].split("{}")[1]  # " per "
    if per_sep.strip() and per_sep in f" {words}":
        words, per = (w.strip() for w in f" {words}".split(per_sep, 1))
    if words:
        if base is not None:
            return None, f"unexpected words {words!r} after the number", ""
        names = _unit_words(t)
        if words not in names:
            return None, f"unknown unit word {words!r}", ""
        base = names[words]
    return value, base, per


def check_rendering(q: Quantity, text: str, lang: Language, t: UnitsTable) -> str | None:
    """None if ``text`` renders ``q`` exactly (value, unit, qualifier, range); else what is wrong."""
    source = q.text or (f"{q.value}–{q.high}{q.unit}" if q.high is not None else f"{q.value}{q.unit}")
    body = text.strip()
    words = t.words[lang.code]
    if q.basis:
        phrase = q.basis if lang.source else t.phrase(q.basis)
        stripped = _strip_template(body, words["basis"].format("{}", phrase)) if phrase else None
        if stripped is None:
            return f"{text!r}: the basis {q.basis!r} of {source!r} is missing"
        body = stripped
    wanted = Qualifier(q.qualifier).value if q.qualifier is not None else None
    for name, templates in t.qualifiers.items():
        inner = _strip_template(body, templates[lang.code])
        if inner is not None and inner != body:
            if name != wanted:
                return f"{text!r} says {name.replace('_', ' ')!r} but {source!r} is {wanted.replace('_', ' ') if wanted else 'exact'}"
            body = inner
            break
    else:
        if wanted is not None:
            return f"{text!r} drops the qualifier {wanted.replace('_', ' ')!r} of {source!r}"

    if q.ratio_to is not None:
        m = re.fullmatch(rf"({_NUMBER})\s*[:∶]\s*({_NUMBER})", body)
        if not m or _decimal(m[1]) != q.value or _decimal(m[2]) != q.ratio_to:
            return f"{text!r} is not the ratio {q.value}:{q.ratio_to} of {source!r}"
        return None
    if lang.source:
        return _check_as_printed(q, body, text, source, lang, t)
    return _check_converted(q, body, text, source, lang, t)


def _split_range(body: str, dash: str) -> list[str]:
    sep = dash.replace("{}", "")
    if not sep:
        return [body]
    parts = re.split(rf"(?<=[\d%‰]){re.escape(sep)}(?=[A-Z−\-\d])", body, maxsplit=1)
    return parts


def _check_converted(q: Quantity, body: str, text: str, source: str, lang: Language, t: UnitsTable) -> str | None:
    numerator, _, denominator = q.unit.partition("/")
    parts = _split_range(body, t.words[lang.code]["range"])
    if len(parts) == 2 and q.high is None:
        return f"{text!r} is a range but {source!r} is one number"
    if len(parts) == 1 and q.high is not None:
        return f"{text!r} is one number but {source!r} is a range"
    ends = [q.value, q.high] if q.high is not None else [q.value]
    if len(parts) == 2:  # "CNY 100–200 million": a bare low end shares the high end's words
        low, high = (_AMOUNT_EN.match(p) for p in parts)
        if low and high and not (low["sym"] or low["scale"] or low["rest"].strip()):
            cur = low["cur"] or high["cur"] or ""
            parts = [f"{cur} {low['num']}".lstrip() + parts[1][high.end("num"):], f"{cur} {parts[1][high.start('num'):]}".lstrip()]
    readings = []
    for part in parts:
        reading = _read_converted(part, lang, t)
        if reading[0] is None:
            return f"{text!r}: {reading[1]}"
        readings.append(reading)
    for end, (value, base, per) in zip(ends, readings):
        if not numerator:
            if base is not None or value != end:
                return f"{text!r} reads as {value} {base or ''} but {source!r} is {end}".replace("  ", " ")
        else:
            expected = _expected(end, numerator, t)
            if expected is None:
                return f"{source!r}: unit {numerator!r} is not in the units table"
            want, want_base = expected
            counter = not want_base.en and not want_base.currency and not want_base.symbol
            if not _same_display(base, want_base, t) and not (counter and base is None):
                shown = _name(t.bases[base]) if base else "no unit"
                return f"{text!r} is in {shown!r} but {source!r} converts to {_name(want_base)}"
            if value != want:
                return f"{text!r} reads as {_show(value, want_base)} but {source!r} is {_show(want, want_base)}"
        if denominator:
            expected_den = _expected(Decimal(1), denominator, t)
            if expected_den is None:
                return f"{source!r}: unit {denominator!r} is not in the units table"
            reading = _read_converted(per if re.match(r"\d", per) else f"1 {per}", lang, t)
            if reading[0] is None or reading[1] != expected_den[1].name or reading[0] != expected_den[0]:
                return f"{text!r}: 'per {per}' is not per {denominator!r}"
        elif per:
            return f"{text!r}: 'per {per}' but {source!r} has no per-unit"
    return None


def _check_as_printed(q: Quantity, body: str, text: str, source: str, lang: Language, t: UnitsTable) -> str | None:
    parts = _split_range(body, t.words[lang.code]["range"])
    ends = [q.value, q.high] if q.high is not None else [q.value]
    if len(parts) != len(ends):
        return f"{text!r} and {source!r} differ in being a range"
    for i, (part, end) in enumerate(zip(parts, ends)):
        m = _AMOUNT_ZH.match(part)
        if not m or _decimal(m["num"]) != end:
            return f"{text!r} does not show {end} of {source!r}"
        unit = m["rest"].strip()
        if unit != q.unit and not (i == 0 and len(parts) == 2 and unit == ""):
            return f"{text!r} shows unit {unit!r} but {source!r} is in {q.unit!r}"
    return None


def _same_display(name: str | None, want: BaseUnit, t: UnitsTable) -> bool:
    """Whether base unit ``name`` reads the same as ``want`` (年 and 岁 are both "years")."""
    if name is None:
        return False
    got = t.bases[name]
    return (got.currency, got.symbol, got.en) == (want.currency, want.symbol, want.en)


def _name(base: BaseUnit) -> str:
    return base.currency or base.symbol or (base.en[-1] if base.en else base.name)


def _show(value: Decimal, base: BaseUnit) -> str:
    return f"{_plain(value)}{base.symbol}" if base.symbol else f"{_plain(value)} {_name(base)}"


def _plain(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def number_keys(traced: Iterable[str]) -> frozenset[str]:
    """The numbers of the ``traced`` renderings, as :func:`untraced_numbers` compares them."""
    return frozenset(_key(m.group()) for s in traced for m in _TOKEN.finditer(s) if not m["ord"])


def untraced_numbers(text: str, traced: Iterable[str] | frozenset[str]) -> list[str]:
    """Numbers in ``text`` that appear in none of the ``traced`` renderings.

    Years (1900–2099 written without grouping) and ordinals (14th) are
    ignored; ``1,234`` and ``1234`` count as the same number. ``traced`` may
    be the result of :func:`number_keys`, computed once for many texts.
    """
    known = traced if isinstance(traced, frozenset) else number_keys(traced)
    out = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        if m["ord"] or _YEAR.match(token) or _key(token) in known:
            continue
        out.append(token)
    return out


def _key(token: str) -> str:
    value = _decimal(token)
    return _plain(value) if value is not None else token
