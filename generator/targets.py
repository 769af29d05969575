"""Target expressions of indicator tables -> a small typed form.

``parse_target("5.5左右")`` -> ``Target(kind=TargetKind.ABOUT, value=5.5)``;
``"正增长"`` -> ``POSITIVE``; ``"—"`` -> ``PENDING`` and so on. The same
parser reads the "actual" column of review tables (``"2.5左右（预计能达到…）"``,
``"预计能完成"``, ``"同口径—2.5"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


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
    PENDING = "pending"  # — : target not yet issued by the state
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
