"""Typed parameters of the analysis' results: what a reason, finding or change says, without words.

The analysis never writes a sentence. A result is a code (an enum of its
module) with named parameters of the types below; each language's message
catalogue holds the sentence for the code, with a ``%(name)s`` slot per
parameter, and the localiser renders each parameter by its type — a table
cell in the indicator's unit, a quantity through the units table, a name
through the glossary. :func:`as_text` gives the plain form the JSON and CSV
files carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from generator.quantities import Quantity


@dataclass(frozen=True)
class Cell:
    """A target or outcome as the report writes it (``5.5左右``), in ``unit`` (None: the indicator's own)."""

    text: str
    unit: str | None = None
    of: str = ""  # the indicator's name, when the cell is said in a sentence (an index is said as its rate)


@dataclass(frozen=True)
class Amount:
    """A quantity the analysis computed or quoted: a gap, a sum, a total."""

    quantity: Quantity


@dataclass(frozen=True)
class Number:
    """A plain number: a percentage computed from shares, a stated share."""

    value: Decimal


@dataclass(frozen=True)
class Count:
    """How many (indicators, figures, components)."""

    n: int


@dataclass(frozen=True)
class Line:
    """A line of the source report."""

    n: int


@dataclass(frozen=True)
class Year:
    """A calendar year, written as it is (2031), never as a grouped number."""

    n: int


@dataclass(frozen=True)
class Indicator:
    """An indicator by its Chinese name, rendered through the catalogue and glossary."""

    name: str


@dataclass(frozen=True)
class Terms:
    """One or more Chinese terms (a list of sectors, a measure), each rendered through the glossary."""

    names: tuple[str, ...]
    kind: str = "metric"


@dataclass(frozen=True)
class Quote:
    """Words of the report quoted as written (shown only where the report's language is)."""

    text: str


@dataclass(frozen=True)
class Unit:
    """A unit as printed (``万元/人年``)."""

    name: str


@dataclass(frozen=True)
class Code:
    """A value of one of the analysis' vocabularies (a status, a tally scope), worded by the catalogue."""

    context: str  # the catalogue's context for the vocabulary, e.g. "status"
    value: str


@dataclass(frozen=True)
class Items:
    """A list of sub-results (e.g. the differences of a tally), each a code with its own parameters."""

    items: tuple["Sentence", ...]
    separator: str = "list"  # the catalogue's separator between them: "list" or "clauses"


@dataclass(frozen=True)
class Sentence:
    """A code of a vocabulary with its parameters: what a catalogue entry turns into words."""

    context: str
    code: str
    params: tuple[tuple[str, "Param"], ...] = ()

    @property
    def values(self) -> dict[str, "Param"]:
        return dict(self.params)


Param = Cell | Amount | Number | Count | Line | Year | Indicator | Terms | Quote | Unit | Code | Items | Sentence


def plain_number(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 2.50 -> 2.5, 1E+1 -> 10."""
    return format(value.normalize(), "f")


def as_text(param: Param) -> str:
    """The plain form of a parameter, as the data files carry it (no language involved)."""
    if isinstance(param, Cell):
        return param.text
    if isinstance(param, Amount):
        q = param.quantity
        return q.text or f"{plain_number(q.value)}{q.unit}"
    if isinstance(param, Number):
        return plain_number(param.value)
    if isinstance(param, (Count, Line, Year)):
        return str(param.n)
    if isinstance(param, Indicator):
        return param.name
    if isinstance(param, Terms):
        return "、".join(param.names)
    if isinstance(param, Quote):
        return param.text
    if isinstance(param, Unit):
        return param.name
    if isinstance(param, Code):
        return param.value
    if isinstance(param, Items):
        return "; ".join(as_text(i) for i in param.items)
    return f"{param.code}({', '.join(f'{k}={as_text(v)}' for k, v in param.params)})"


def sentence(context: str, code: Enum | str, **params: Param) -> Sentence:
    """A :class:`Sentence` of ``code`` (an enum member or its value) with keyword parameters."""
    return Sentence(context, code.value if isinstance(code, Enum) else code, tuple(params.items()))
