"""Chinese numeric expressions -> exact quantities.

``parse_quantity("2.9万亿元")`` gives ``Quantity(value=Decimal("2.9"),
unit="万亿元", ...)``; ``Quantity.base_value`` applies the unit's multiplier
(``2.9E12`` 元). Units and multipliers are data (``UNITS``), not if-chains.

Implementation: see the parser below (owned by the ingest issue).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Qualifier(str, Enum):
    ABOUT = "about"  # 左右 / 约
    AT_LEAST = "at_least"  # 以上 / 不低于
    AT_MOST = "at_most"  # 以内 / 以下 / 不超过 / 不高于
    OVER = "over"  # 超过 / 逾 / 余 (strictly more than)
    NEARLY = "nearly"  # 近 / 接近 (a little less than)


@dataclass(frozen=True)
class Quantity:
    """A number as written in the report, parsed exactly.

    ``value`` is the number in ``unit`` as written (``4104`` with unit ``亿元``);
    ``high`` is the upper end of a range (``4.5%—5%``); a ratio ``1.8∶1`` has
    ``value=1.8``, ``ratio_to=1``; ``basis`` records a comparability note such
    as ``同口径`` (same statistical basis).
    """

    value: Decimal
    unit: str = ""
    qualifier: Qualifier | None = None
    high: Decimal | None = None
    ratio_to: Decimal | None = None
    basis: str | None = None
    text: str = ""  # the original text

    @property
    def is_range(self) -> bool:
        return self.high is not None
