"""Scoring rules: one indicator's target against its outcome.

Owns the statuses (:class:`Status`), the reason codes with their Chinese
sentences (``REASONS``, :class:`Reason`) and :func:`score`, which gives one
indicator its status and reason. Scoring a whole review table (sub-rows,
targets in step with the economy, calibre changes) is
:mod:`generator.analyse.scorecard`.

Status rules, in order (each result carries a reason code, its parameters and
a Chinese sentence; ``REASONS`` holds the sentences):

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
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from generator.analyse.catalogue import Polarity
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

# Reason code -> Chinese sentence (str.format with the reason's params).
REASONS: dict[str, str] = {
    "target_pending": "国家尚未下达目标值",
    "period_on_track": "目标在规划期内统筹考虑，完成情况达到序时进度",
    "period_target": "目标在规划期内统筹考虑，未设年度目标值",
    "no_target": "未设目标值",
    "calibre_changed": "统计口径调整，与目标不可比",
    "reported_achieved": "报告称预计能完成",
    "quota_met": "完成下达任务（{actual}）",
    "in_step": "完成{actual}，与经济增长（{target}）同步",
    "not_in_step": "完成{actual}，低于经济增长（{target}）",
    "quota_missed": "未完成下达任务（{actual}）",
    "no_actual": "未给出完成值",
    "same_as_target": "完成值与目标相同（{actual}）",
    "qualitative_target": "定性目标（{target}）",
    "qualitative_actual": "完成情况为定性表述（{actual}）",
    "relative_target": "目标为相对上年的变化，缺少基数无法比较",
    "positive_growth": "实现正增长（{actual}）",
    "negative_growth": "未实现正增长（{actual}）",
    "negative_as_required": "实现负增长（{actual}）",
    "only_positive": "完成值仅表述为正增长，未达到目标{target}",
    "sign_only": "完成值仅给出增减方向（{actual}），无法与目标{target}比较",
    "unit_mismatch": "目标（{target}）与完成值（{actual}）单位不同",
    "ratio_mismatch": "目标（{target}）与完成值（{actual}）一为比值一为数值",
    "at_or_above": "完成{actual}，达到目标{target}",
    "at_or_below": "完成{actual}，未超过目标{target}",
    "within_range": "完成{actual}，在目标区间{target}内",
    "near_target": "完成{actual}，与目标{target}基本一致",
    "below_target": "完成{actual}，低于目标{target}（差{gap}）",
    "above_target": "完成{actual}，高于目标{target}（超出{gap}）",
    "above_bound": "完成{actual}，高于目标{target}",
    "outside_range": "完成{actual}，不在目标区间{target}内",
    "off_target": "完成{actual}，偏离目标{target}（差{gap}）",
    "unknown_polarity": "指标方向未知（越高越好或越低越好），无法判断完成{actual}与目标{target}",
    "children_met": "分项全部完成（{count}项）",
    "children_missed": "{missed}项分项未完成（共{count}项）",
    "children_mixed": "分项情况不一（共{count}项）",
    "stated_shortfall": "报告称{outcome}",
}


@dataclass(frozen=True)
class Reason:
    """Why a status was given: a code, its parameters, and the Chinese sentence."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def zh(self) -> str:
        return REASONS[self.code].format(**dict(self.params))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "zh": self.zh}


def reason(code: str, **params: object) -> Reason:
    return Reason(code, tuple((k, str(v)) for k, v in params.items()))


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
# 左右 on an indicator of neutral polarity: within 5% of the target counts.
NEUTRAL_TOLERANCE = Decimal("0.05")


def is_index(name: str | None) -> bool:
    return bool(name) and bool(_INDEX_NAME.search(name or ""))


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


def _gap(diff: Decimal) -> str:
    return fmt(abs(diff))


def _numeric(target: Target, actual: Target, polarity: Polarity, index: bool) -> tuple[Status, Reason]:
    texts = {"actual": actual.text.strip(), "target": target.text.strip()}
    if target.unit and actual.unit and target.unit != actual.unit:
        return Status.NOT_COMPARABLE, reason("unit_mismatch", **texts)
    if bool(target.ratio_to) != bool(actual.ratio_to):
        return Status.NOT_COMPARABLE, reason("ratio_mismatch", **texts)
    t, a = _pair(target, actual, index)
    kind = target.kind
    if kind is TargetKind.RANGE and target.high is not None and target.value is not None:
        low, high = t, t + (target.high - target.value)
        good = {Polarity.HIGHER: a >= low, Polarity.LOWER: a <= high}.get(polarity, low <= a <= high)
        return (Status.MET, reason("within_range", **texts)) if good else (Status.MISSED, reason("outside_range", **texts))
    if kind is TargetKind.AT_LEAST or (kind in (TargetKind.ABOUT, TargetKind.EXACT) and polarity is Polarity.HIGHER):
        if a >= t:
            return Status.MET, reason("at_or_above", **texts)
        return Status.MISSED, reason("below_target", gap=_gap(t - a), **texts)
    if kind is TargetKind.AT_MOST or (kind in (TargetKind.ABOUT, TargetKind.EXACT) and polarity is Polarity.LOWER):
        if a <= t:
            return Status.MET, reason("at_or_below", **texts)
        return Status.MISSED, reason("above_target", gap=_gap(a - t), **texts)
    if a == t:
        return Status.MET, reason("same_as_target", actual=texts["actual"])
    if polarity is Polarity.NEUTRAL:
        if abs(a - t) <= abs(t) * NEUTRAL_TOLERANCE:
            return Status.MET, reason("near_target", **texts)
        return Status.MISSED, reason("off_target", gap=_gap(a - t), **texts)
    return Status.NOT_COMPARABLE, reason("unknown_polarity", **texts)


def _good_side(target: Target, polarity: Polarity) -> int:
    """+1 when values at or above the target are good, -1 at or below, 0 when unknown."""
    if target.kind is TargetKind.AT_LEAST:
        return 1
    if target.kind is TargetKind.AT_MOST:
        return -1
    return {Polarity.HIGHER: 1, Polarity.LOWER: -1}.get(polarity, 0)


def _sign_only(target: Target, actual: Target, polarity: Polarity) -> tuple[Status, Reason]:
    """An actual of 正增长 (some value > 0) or 负增长 (< 0) against a numeric target."""
    texts = {"actual": actual.text.strip(), "target": target.text.strip()}
    t = ratio_value(target)
    assert t is not None
    side = _good_side(target, polarity)
    positive = actual.kind is TargetKind.POSITIVE
    if side == 1 and positive:
        if t <= 0:
            return Status.MET, reason("positive_growth", actual=texts["actual"])
        # A report that reached a positive figure would print it.
        return Status.MISSED, reason("only_positive", **texts)
    if side == 1 and not positive and t >= 0:
        return Status.MISSED, reason("negative_growth", actual=texts["actual"])
    if side == -1 and not positive and t >= 0:
        return Status.MET, reason("at_or_below", **texts)
    if side == -1 and positive and t <= 0:
        return Status.MISSED, reason("above_bound", **texts)
    return Status.NOT_COMPARABLE, reason("sign_only", **texts)


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
) -> tuple[Status, Reason]:
    """Status and reason of one indicator (rules in the module docstring)."""
    tk, ak = target.kind, actual.kind
    if tk is TargetKind.PENDING:
        return Status.NO_TARGET, reason("target_pending")
    if tk is TargetKind.PERIOD:
        on_track = ak is TargetKind.ACHIEVED or bool(actual.note and _ON_TRACK.search(actual.note))
        return (Status.MET, reason("period_on_track")) if on_track else (Status.NO_TARGET, reason("period_target"))
    if tk is TargetKind.EMPTY:
        return Status.NO_TARGET, reason("no_target")
    if calibre_changed:
        return Status.NOT_COMPARABLE, reason("calibre_changed")
    if ak is TargetKind.ACHIEVED:
        return Status.MET, reason("reported_achieved")
    if is_quota(target):
        said = _quota_outcome(actual)
        if said is not None:
            return said, reason("quota_met" if said is Status.MET else "quota_missed", actual=actual.text.strip())
    if ak in (TargetKind.EMPTY, TargetKind.PENDING):
        return Status.NOT_COMPARABLE, reason("no_actual")
    if _same_text(target.text, actual.text):
        return Status.MET, reason("same_as_target", actual=actual.text.strip())
    if tk is TargetKind.QUALITATIVE:
        return Status.QUALITATIVE, reason("qualitative_target", target=target.text.strip())
    if ak in (TargetKind.QUALITATIVE, TargetKind.PERIOD):
        return Status.QUALITATIVE, reason("qualitative_actual", actual=actual.text.strip())
    if TargetKind.RELATIVE in (tk, ak):
        return Status.NOT_COMPARABLE, reason("relative_target")
    if tk in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
        want_positive = tk is TargetKind.POSITIVE
        if ak in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
            ok = (ak is TargetKind.POSITIVE) == want_positive
        else:
            value = ratio_value(actual)
            assert value is not None
            ok = value > 0 if want_positive else value < 0
        text = actual.text.strip()
        if ok:
            return Status.MET, reason("positive_growth" if want_positive else "negative_as_required", actual=text)
        return Status.MISSED, reason("negative_growth", actual=text)
    if ak in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
        return _sign_only(target, actual, polarity)
    return _numeric(target, actual, polarity, index)
