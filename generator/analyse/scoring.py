"""Scoring rules: one indicator's target against its outcome.

Owns the statuses (:class:`Status`), the reason codes (:class:`ReasonCode`,
:class:`Reason`: a code and typed parameters; each language's message
catalogue words them) and :func:`score`, which gives one indicator its
status and reason. Scoring a whole review table (sub-rows,
targets in step with the economy, calibre changes) is
:mod:`generator.analyse.scorecard`.

Status rules, in order (each result carries a reason code and its parameters):

* target ``—`` (not yet issued) -> ``no_target``;
* target managed over the plan period (``在“十四五”规划期内统筹考虑``, ``▽``):
  ``met`` when the actual says it is on track (``预计能达到…序时进度``,
  ``预计能完成``), else ``no_target``;
* a row whose statistical calibre changed (a calibre marker the table notes
  define, or prose naming the row — ``第N项…新版统计制度``,
  ``…数据口径调整``) -> ``not_comparable``;
* actual ``预计能完成`` or the same text as the target -> ``met``;
* a quota target (``完成国家下达任务``): ``met`` when the actual says ``完成``
  (or repeats the quota), ``missed`` when it says ``未完成``;
* a qualitative target or actual -> ``qualitative``;
* ``正增长`` targets: any positive growth meets them, ``负增长`` misses;
* numbers: ``以上``/``以内`` and ranges are bounds; ``左右`` and a bare number
  are met at or beyond the target in the good direction (polarity from the
  catalogue, else from the wording); an actual only stated as ``正增长``
  misses a positive numeric target (a report that reached it gives the
  figure); an index (``101.5``) against a growth target is read as 1.5%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from typing import Any

from generator.analyse.params import Amount, Cell, Param, Sentence, as_text
from generator.lexicon.catalogue import Polarity
from generator.quantities import Quantity
from generator.read.tables import verdict
from generator.targets import Target, TargetKind, is_quota
from generator.text import normalise


class Status(str, Enum):
    MET = "met"
    MISSED = "missed"
    NO_TARGET = "no_target"
    NOT_COMPARABLE = "not_comparable"
    QUALITATIVE = "qualitative"


STATUSES: tuple[Status, ...] = tuple(Status)

class ReasonCode(str, Enum):
    """Why an indicator got its status; each language's catalogue words it (contexts ``reason``, ``reason-short``)."""

    TARGET_PENDING = "target_pending"
    PERIOD_ON_TRACK = "period_on_track"
    PERIOD_TARGET = "period_target"
    NO_TARGET = "no_target"
    CALIBRE_CHANGED = "calibre_changed"
    REPORTED_ACHIEVED = "reported_achieved"
    QUOTA_MET = "quota_met"
    QUOTA_MISSED = "quota_missed"
    IN_STEP = "in_step"
    NOT_IN_STEP = "not_in_step"
    NO_ACTUAL = "no_actual"
    SAME_AS_TARGET = "same_as_target"
    QUALITATIVE_TARGET = "qualitative_target"
    QUALITATIVE_ACTUAL = "qualitative_actual"
    RELATIVE_TARGET = "relative_target"
    POSITIVE_GROWTH = "positive_growth"
    NEGATIVE_GROWTH = "negative_growth"
    NEGATIVE_AS_REQUIRED = "negative_as_required"
    ONLY_POSITIVE = "only_positive"
    SIGN_ONLY = "sign_only"
    UNIT_MISMATCH = "unit_mismatch"
    RATIO_MISMATCH = "ratio_mismatch"
    AT_OR_ABOVE = "at_or_above"
    AT_OR_BELOW = "at_or_below"
    WITHIN_RANGE = "within_range"
    NEAR_TARGET = "near_target"
    BELOW_TARGET = "below_target"
    ABOVE_TARGET = "above_target"
    ABOVE_BOUND = "above_bound"
    OUTSIDE_RANGE = "outside_range"
    OFF_TARGET = "off_target"
    UNKNOWN_POLARITY = "unknown_polarity"
    CHILDREN_MET = "children_met"
    CHILDREN_MISSED = "children_missed"
    CHILDREN_MIXED = "children_mixed"
    STATED_SHORTFALL = "stated_shortfall"  # a review read from prose: the report names it as falling short


REASON = "reason"  # the catalogue context of reasons (full sentences)
REASON_SHORT = "reason-short"  # short forms beside the target and outcome columns


@dataclass(frozen=True)
class Reason:
    """Why a status was given: a code and its typed parameters (no words: the catalogues word it)."""

    code: ReasonCode
    params: tuple[tuple[str, Param], ...] = ()

    def sentence(self, context: str = REASON) -> Sentence:
        return Sentence(context, self.code.value, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.value, "params": {k: as_text(v) for k, v in self.params}}


def reason(code: ReasonCode, **params: Param) -> Reason:
    return Reason(code, tuple(params.items()))


def difference(value: Decimal, unit: str) -> Amount:
    """How far an outcome is from its target, in the indicator's unit (two percentages differ in points)."""
    return Amount(Quantity(abs(value), PERCENTAGE_POINTS if unit == "%" else unit))


# --------------------------------------------------------------- numbers


def fmt(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 2.50 -> 2.5, 1E+1 -> 10."""
    return format(value.normalize(), "f")


def ratio_value(t: Target) -> Decimal | None:
    """The number a target stands for (1.5∶1 -> 1.5, 3∶2 -> 1.5)."""
    if t.value is None:
        return None
    return t.value / t.ratio_to if t.ratio_to else t.value


_ON_TRACK = re.compile(r"序时进度|能达到|能完成|可完成|完成目标|达到目标")
_INDEX_NAME = re.compile(r"指数$")
INDEX_BASE = Decimal(100)
# An index and a growth rate differ by this much at least (103 vs 3).
INDEX_SPLIT = Decimal(50)
PERCENTAGE_POINTS = "个百分点"
# 左右 on an indicator of neutral polarity: within 5% of the target counts.
NEUTRAL_TOLERANCE = Decimal("0.05")


def is_index(name: str | None) -> bool:
    return bool(name) and bool(_INDEX_NAME.search(name or ""))


# Cells an index with the previous year = 100 is read from as a rate (103以内 -> a rise of at most 3%).
_RATE_KINDS = (TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.RANGE)
RATE_INDEX_UNITS = ("%", "")  # tables print such an index's unit as % (居民消费价格指数（%）) or none


def index_rate(name: str | None, unit: str, cell: Target) -> Target | None:
    """The rate an index cell implies (previous year = 100): ``103以内`` -> at most 3 (%); else None.

    Only an indicator named …指数 printed in % (or without a unit) whose value lies
    between :data:`INDEX_SPLIT` and twice the base: a score (an index of 85 points) is
    printed in its own unit, and a growth rate written beside an index is already a rate.
    """
    if not is_index(name) or unit not in RATE_INDEX_UNITS or cell.kind not in _RATE_KINDS:
        return None
    if cell.value is None or cell.ratio_to is not None or cell.unit not in RATE_INDEX_UNITS:
        return None
    values = [v for v in (cell.value, cell.high) if v is not None]
    if not all(INDEX_SPLIT < v < 2 * INDEX_BASE for v in values):
        return None
    return replace(cell, value=cell.value - INDEX_BASE, high=cell.high - INDEX_BASE if cell.high is not None else None,
                   unit="%", aspiration=None, note=None, text="")


def _same_text(a: str, b: str) -> bool:
    return "".join(normalise(a).split()) == "".join(normalise(b).split())


def _pair(target: Target, actual: Target, index: bool) -> tuple[Decimal, Decimal]:
    """(target value, actual value) on one scale: an index read as growth when the other is growth."""
    t, a = ratio_value(target), ratio_value(actual)
    assert t is not None and a is not None
    if index and (t > INDEX_SPLIT) != (a > INDEX_SPLIT):
        t = t - INDEX_BASE if t > INDEX_SPLIT else t
        a = a - INDEX_BASE if a > INDEX_SPLIT else a
    return t, a


def _cells(target: Target, actual: Target) -> dict[str, Param]:
    return {"actual": Cell(actual.text.strip()), "target": Cell(target.text.strip())}


def _numeric(target: Target, actual: Target, polarity: Polarity, index: bool, unit: str) -> tuple[Status, Reason]:
    texts = _cells(target, actual)
    if target.unit and actual.unit and target.unit != actual.unit:
        return Status.NOT_COMPARABLE, reason(ReasonCode.UNIT_MISMATCH, **texts)
    if bool(target.ratio_to) != bool(actual.ratio_to):
        return Status.NOT_COMPARABLE, reason(ReasonCode.RATIO_MISMATCH, **texts)
    t, a = _pair(target, actual, index)
    kind = target.kind
    if kind is TargetKind.RANGE and target.high is not None and target.value is not None:
        low, high = t, t + (target.high - target.value)
        good = {Polarity.HIGHER: a >= low, Polarity.LOWER: a <= high}.get(polarity, low <= a <= high)
        return (Status.MET, reason(ReasonCode.WITHIN_RANGE, **texts)) if good else (Status.MISSED, reason(ReasonCode.OUTSIDE_RANGE, **texts))
    if kind is TargetKind.AT_LEAST or (kind in (TargetKind.ABOUT, TargetKind.EXACT) and polarity is Polarity.HIGHER):
        if a >= t:
            return Status.MET, reason(ReasonCode.AT_OR_ABOVE, **texts)
        return Status.MISSED, reason(ReasonCode.BELOW_TARGET, gap=difference(t - a, unit), **texts)
    if kind is TargetKind.AT_MOST or (kind in (TargetKind.ABOUT, TargetKind.EXACT) and polarity is Polarity.LOWER):
        if a <= t:
            return Status.MET, reason(ReasonCode.AT_OR_BELOW, **texts)
        return Status.MISSED, reason(ReasonCode.ABOVE_TARGET, gap=difference(a - t, unit), **texts)
    if a == t:
        return Status.MET, reason(ReasonCode.SAME_AS_TARGET, actual=texts["actual"])
    if polarity is Polarity.NEUTRAL:
        if abs(a - t) <= abs(t) * NEUTRAL_TOLERANCE:
            return Status.MET, reason(ReasonCode.NEAR_TARGET, **texts)
        return Status.MISSED, reason(ReasonCode.OFF_TARGET, gap=difference(a - t, unit), **texts)
    return Status.NOT_COMPARABLE, reason(ReasonCode.UNKNOWN_POLARITY, **texts)


def _good_side(target: Target, polarity: Polarity) -> int:
    """+1 when values at or above the target are good, -1 at or below, 0 when unknown."""
    if target.kind is TargetKind.AT_LEAST:
        return 1
    if target.kind is TargetKind.AT_MOST:
        return -1
    return {Polarity.HIGHER: 1, Polarity.LOWER: -1}.get(polarity, 0)


def _sign_only(target: Target, actual: Target, polarity: Polarity) -> tuple[Status, Reason]:
    """An actual of 正增长 (some value > 0) or 负增长 (< 0) against a numeric target."""
    texts = _cells(target, actual)
    t = ratio_value(target)
    assert t is not None
    side = _good_side(target, polarity)
    positive = actual.kind is TargetKind.POSITIVE
    if side == 1 and positive:
        if t <= 0:
            return Status.MET, reason(ReasonCode.POSITIVE_GROWTH, actual=texts["actual"])
        # A report that reached a positive figure would print it.
        return Status.MISSED, reason(ReasonCode.ONLY_POSITIVE, **texts)
    if side == 1 and not positive and t >= 0:
        return Status.MISSED, reason(ReasonCode.NEGATIVE_GROWTH, actual=texts["actual"])
    if side == -1 and not positive and t >= 0:
        return Status.MET, reason(ReasonCode.AT_OR_BELOW, **texts)
    if side == -1 and positive and t <= 0:
        return Status.MISSED, reason(ReasonCode.ABOVE_BOUND, **texts)
    return Status.NOT_COMPARABLE, reason(ReasonCode.SIGN_ONLY, **texts)


def _quota_outcome(actual: Target) -> Status | None:
    """An outcome against a quota target: ``完成`` / ``完成国家下达任务`` meet it, ``未完成`` misses it."""
    said = verdict(actual.text)
    if said == "met" or (said is None and is_quota(actual) and "未" not in actual.text):
        return Status.MET
    return Status.MISSED if said == "missed" else None


def score(
    target: Target,
    actual: Target,
    polarity: Polarity,
    *,
    index: bool = False,
    calibre_changed: bool = False,
    unit: str = "",
) -> tuple[Status, Reason]:
    """Status and reason of one indicator (rules in the module docstring)."""
    tk, ak = target.kind, actual.kind
    if tk is TargetKind.PENDING:
        return Status.NO_TARGET, reason(ReasonCode.TARGET_PENDING)
    if tk is TargetKind.PERIOD:
        on_track = ak is TargetKind.ACHIEVED or bool(actual.note and _ON_TRACK.search(actual.note))
        return (Status.MET, reason(ReasonCode.PERIOD_ON_TRACK)) if on_track else (Status.NO_TARGET, reason(ReasonCode.PERIOD_TARGET))
    if tk is TargetKind.EMPTY:
        return Status.NO_TARGET, reason(ReasonCode.NO_TARGET)
    if calibre_changed:
        return Status.NOT_COMPARABLE, reason(ReasonCode.CALIBRE_CHANGED)
    if ak is TargetKind.ACHIEVED:
        return Status.MET, reason(ReasonCode.REPORTED_ACHIEVED)
    if is_quota(target):
        said = _quota_outcome(actual)
        if said is not None:
            return said, reason(ReasonCode.QUOTA_MET if said is Status.MET else ReasonCode.QUOTA_MISSED,
                               actual=Cell(actual.text.strip()))
    if ak in (TargetKind.EMPTY, TargetKind.PENDING):
        return Status.NOT_COMPARABLE, reason(ReasonCode.NO_ACTUAL)
    if _same_text(target.text, actual.text):
        return Status.MET, reason(ReasonCode.SAME_AS_TARGET, actual=Cell(actual.text.strip()))
    if tk is TargetKind.QUALITATIVE:
        return Status.QUALITATIVE, reason(ReasonCode.QUALITATIVE_TARGET, target=Cell(target.text.strip()))
    if ak in (TargetKind.QUALITATIVE, TargetKind.PERIOD):
        return Status.QUALITATIVE, reason(ReasonCode.QUALITATIVE_ACTUAL, actual=Cell(actual.text.strip()))
    if TargetKind.RELATIVE in (tk, ak):
        return Status.NOT_COMPARABLE, reason(ReasonCode.RELATIVE_TARGET)
    if tk in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
        want_positive = tk is TargetKind.POSITIVE
        if ak in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
            ok = (ak is TargetKind.POSITIVE) == want_positive
        else:
            value = ratio_value(actual)
            assert value is not None
            ok = value > 0 if want_positive else value < 0
        text = Cell(actual.text.strip())
        if ok:
            code = ReasonCode.POSITIVE_GROWTH if want_positive else ReasonCode.NEGATIVE_AS_REQUIRED
            return Status.MET, reason(code, actual=text)
        return Status.MISSED, reason(ReasonCode.NEGATIVE_GROWTH, actual=text)
    if ak in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
        return _sign_only(target, actual, polarity)
    return _numeric(target, actual, polarity, index, unit)
