"""Target expressions of indicator tables -> a small typed form.

``parse_target("5.5左右")`` -> ``Target(kind=TargetKind.ABOUT, value=5.5)``;
``"正增长"`` -> ``POSITIVE``; ``"—"`` -> ``PENDING`` and so on. The same
parser reads the "actual" column of review tables (``"2.5左右（预计能达到…）"``,
``"预计能完成"``, ``"同口径—2.5"``).

Targets are often written with a verb in front (``力争95以上``,
``控制在5.5%以内``, ``确保…``): :data:`LEADING_VERBS` are dropped before the
number is read. A target in words that asks to fulfil an assigned quota
(``完成国家下达任务``) is QUALITATIVE; :func:`is_quota` recognises it so that the
scorecard can score it against an outcome of ``完成``.

A table cell never makes :func:`parse_target` raise: a cell it cannot read
as a number is QUALITATIVE with its text kept (``保持Ⅱ类``, ``保稳促优``). Only
a value that is not a string at all raises :class:`ParseError`.

Phrases are data (``PHRASES``, ``CHANGE_WORDS``); numbers go through
:func:`generator.quantities.parse_quantity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from generator.errors import ParseError
from generator.quantities import MINUS_SIGNS, Qualifier, parse_quantity
from generator.text import normalise


class TargetKind(str, Enum):
    EXACT = "exact"  # 4 / 108.1 / 同口径2.8
    ABOUT = "about"  # 5.5左右
    AT_LEAST = "at_least"  # 6以上 / 60万人以上 / 不低于
    AT_MOST = "at_most"  # 5.5以内 / 不超过0.03
    RANGE = "range"  # 4.5—5 / 4.5%-5%
    POSITIVE = "positive"  # 正增长
    NEGATIVE = "negative"  # 负增长
    RELATIVE = "relative"  # 较上年提升0.5个百分点 (value = change, unit = 个百分点)
    QUALITATIVE = "qualitative"  # 保持Ⅱ类 / 保稳促优 / 不低于经济增速
    PENDING = "pending"  # — / 以国家下达目标值为准: target not yet issued by the state
    PERIOD = "period"  # ▽ / 在“十四五”规划期内统筹考虑: managed over the plan period
    ACHIEVED = "achieved"  # 预计能完成 (as an actual: expected to be met)
    EMPTY = "empty"  # blank cell


@dataclass(frozen=True)
class Target:
    """A parsed target (or actual) cell."""

    kind: TargetKind
    value: Decimal | None = None
    high: Decimal | None = None  # RANGE upper end
    unit: str = ""  # unit written in the cell itself (e.g. "万人" in 60万人以上), else ""
    ratio_to: Decimal | None = None  # 1.8左右∶1
    basis: str | None = None  # 同口径
    aspiration: str | None = None  # 争取实现更好的结果 / 不低于经济增速
    note: str | None = None  # parenthetical note: （预计能达到…）
    text: str = ""  # the cell as written


# Whole-cell phrases (after removing a note) -> kind. Matched as substrings in
# this order, so a longer phrase is listed before any phrase it contains.
PHRASES: tuple[tuple[str, TargetKind], ...] = (
    ("规划期内统筹考虑", TargetKind.PERIOD),
    ("▽", TargetKind.PERIOD),
    ("正增长", TargetKind.POSITIVE),
    ("负增长", TargetKind.NEGATIVE),
    ("预计能完成", TargetKind.ACHIEVED),
    ("能够完成", TargetKind.ACHIEVED),
    ("预计完成", TargetKind.ACHIEVED),
    ("已完成", TargetKind.ACHIEVED),
)
# A cell of dashes only: the state has not issued the target yet.
PENDING_CELL = re.compile(f"^(?:{'|'.join(map(re.escape, MINUS_SIGNS))}|/)+$")
# The same in words: the target is whatever the state (or the level above) will issue.
PENDING_WORDS = re.compile(
    r"以(?:国家|中央|上级|省)下达(?:的)?(?:目标值|目标|指标|任务)?为准"
    r"|(?:国家|中央|上级|省)(?:暂未|尚未|还未|未)(?:正式)?下达"
    r"|待(?:国家|中央|上级|省)(?:正式)?下达"
)

# 较上年提升0.5个百分点 / 比上年下降3%: change words -> sign of the change.
CHANGE_WORDS: dict[str, int] = {
    "提升": 1, "提高": 1, "增加": 1, "增长": 1, "上升": 1,
    "下降": -1, "降低": -1, "减少": -1,
}
_RELATIVE = re.compile(
    r"^(?:较上年|比上年|较上年度|比上年度|较去年|同比)?"
    f"(?P<change>{'|'.join(CHANGE_WORDS)})(?P<amount>.+)$"
)

QUALIFIER_KIND: dict[Qualifier | None, TargetKind] = {
    None: TargetKind.EXACT,
    Qualifier.ABOUT: TargetKind.ABOUT,
    Qualifier.NEARLY: TargetKind.ABOUT,
    Qualifier.AT_LEAST: TargetKind.AT_LEAST,
    Qualifier.OVER: TargetKind.AT_LEAST,
    Qualifier.AT_MOST: TargetKind.AT_MOST,
}

# Verbs written before the figure of a target: dropped before it is read.
LEADING_VERBS: tuple[str, ...] = (
    "力争达到", "力争", "确保", "争取", "努力", "控制在", "保持在", "稳定在", "提高到", "提高至", "达到",
)
# A target to fulfil what a higher level assigns: 完成国家下达任务, 完成省下达的目标任务.
_QUOTA = re.compile(r"完成(?:国家|中央|省|省级|市|上级)?下达(?:的)?(?:目标|任务|指标)")

_NOTE = re.compile(r"^(?P<main>.*?)[（(](?P<note>[^（）()]*)[）)]\s*$")
_ASPIRATION_SPLIT = re.compile(r"[、，,；;]")


def parse_target(text: str) -> Target:
    """One indicator-table cell (target or actual column) as a :class:`Target`."""
    if not isinstance(text, str):
        raise ParseError(f"table cell is not text: {text!r}")
    cell = "".join(normalise(text).split())  # spaces in a cell are layout: "3 左右", "5.5 %"
    if not cell:
        return Target(TargetKind.EMPTY, text=text)
    note = None
    m = _NOTE.match(cell)
    if m and m.group("main").strip():
        cell, note = m.group("main").strip(), m.group("note").strip() or None
    if PENDING_CELL.match(cell) or PENDING_WORDS.search(cell):
        return Target(TargetKind.PENDING, note=note, text=text)
    for phrase, kind in PHRASES:
        if phrase in cell:
            return Target(kind, note=note, text=text)

    head, _, rest = _split_aspiration(cell)
    target = _numeric(head, text, note, rest or None)
    if target is not None:
        return target
    return Target(TargetKind.QUALITATIVE, note=note, text=text)


def is_quota(target: Target) -> bool:
    """A target (or outcome) in words about an assigned quota: ``完成国家下达任务``."""
    return target.kind is TargetKind.QUALITATIVE and _QUOTA.search(normalise(target.text)) is not None


def _without_verb(head: str) -> str:
    for verb in LEADING_VERBS:
        if head.startswith(verb) and len(head) > len(verb):
            return head[len(verb):].strip()
    return head


def _split_aspiration(cell: str) -> tuple[str, str, str]:
    """``6以上、争取实现更好的结果`` -> (``6以上``, ``、``, ``争取实现更好的结果``)."""
    m = _ASPIRATION_SPLIT.search(cell)
    if not m:
        return cell, "", ""
    return cell[: m.start()].strip(), m.group(), cell[m.end():].strip()


def _numeric(head: str, text: str, note: str | None, aspiration: str | None) -> Target | None:
    """A numeric cell (exact, qualified, range, ratio or relative), else None."""
    head = _without_verb(head)
    rel = _RELATIVE.match(head)
    if rel:
        try:
            q = parse_quantity(rel.group("amount"))
        except ParseError:
            return None
        sign = CHANGE_WORDS[rel.group("change")]
        return Target(
            TargetKind.RELATIVE, value=sign * q.value, unit=q.unit,
            note=note, aspiration=aspiration, text=text,
        )
    try:
        q = parse_quantity(head)
    except ParseError:
        return None
    kind = TargetKind.RANGE if q.is_range else QUALIFIER_KIND[q.qualifier]
    return Target(
        kind, value=q.value, high=q.high, unit=q.unit, ratio_to=q.ratio_to,
        basis=q.basis, aspiration=aspiration, note=note, text=text,
    )
