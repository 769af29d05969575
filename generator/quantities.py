"""Chinese numeric expressions -> exact quantities.

``parse_quantity("1.7万亿元")`` gives ``Quantity(value=Decimal("1.7"),
unit="万亿元", ...)``; ``Quantity.base_value`` applies the unit's multiplier
(``1.7E12`` 元). Units and multipliers are data (``UNITS``, ``MAGNITUDES``,
``QUALIFIER_WORDS``), not if-chains; the grammar is one regular expression
built from those tables.

:func:`find_quantities` scans prose for every figure and leaves out what only
looks like one: ordinals (``第28项``, ``9号线``), names and models with digits
(``5G``, ``A320``, ``12英寸``, ``1+X``, ``世界500强``), dates and years
(``2030年``, ``11月``, ``1月1日``), classes of products (``1000千瓦级``) and
bracketed cross-references to boxes and charts (``（见专栏6）``). Counts of policies and lists
(``22条政策措施``, ``“5张清单”``) *are* figures, quoted or not: they are what a
reader of the brief checks. Chinese-numeral counts (``两个``, ``八个方面``) are
left out of the scan: in this genre they are rhetoric (``“四个面向”``), while
every reported figure is written in Arabic digits; :func:`parse_quantity`
still reads them (``三项`` -> 3 项).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from generator.errors import ParseError
from generator.text import normalise


class Qualifier(str, Enum):
    ABOUT = "about"  # 左右 / 约
    AT_LEAST = "at_least"  # 以上 / 不低于
    AT_MOST = "at_most"  # 以内 / 以下 / 不超过 / 不高于
    OVER = "over"  # 超过 / 突破 / 逾 / 余 (strictly more than)
    NEARLY = "nearly"  # 近 / 接近 (a little less than)


# Unit words (without magnitude) -> what they measure. A unit as written is an
# optional magnitude prefix plus one of these: 万亿元 = 万亿 × 元.
UNITS: dict[str, str] = {
    # money
    "元": "money", "美元": "money", "欧元": "money", "港元": "money",
    # people and organisations
    "人": "count", "人次": "count", "名": "count", "位": "count", "户": "count",
    "家": "count", "所": "count", "对": "count",
    # things
    "个": "count", "项": "count", "件": "count", "张": "count", "条": "count",
    "座": "count", "台": "count", "套": "count", "只": "count", "辆": "count",
    "列": "count", "艘": "count", "艘次": "count", "架": "count", "架次": "count",
    "处": "count", "起": "count", "批": "count", "场": "count", "次": "count",
    "种": "count", "款": "count", "部": "count", "本": "count", "块": "count",
    "头": "count", "株": "count", "棵": "count", "箱": "count", "标箱": "count",
    "班": "count", "趟": "count", "间": "count", "栋": "count", "孔": "count",
    "床": "count", "张床": "count", "例": "count", "宗": "count", "份": "count",
    # measures
    "亩": "area", "公顷": "area", "平方米": "area", "平方公里": "area",
    "公斤": "mass", "千克": "mass", "克": "mass", "吨": "mass", "斤": "mass",
    "公里": "length", "千米": "length", "米": "length",
    "千瓦": "power", "瓦": "power", "千瓦时": "energy", "度": "energy",
    "GWh": "energy", "Gwh": "energy", "MWh": "energy", "kWh": "energy",
    "GW": "power", "MW": "power", "kW": "power",
    "方": "volume", "立方米": "volume", "TEU": "count",
    "天": "time", "小时": "time", "分钟": "time", "岁": "time",
    "微克/立方米": "concentration",
    # relative
    "%": "percent", "‰": "permille", "个百分点": "pp", "百分点": "pp", "倍": "times",
}

# Denominators allowed after a money or count unit: 万元/人年, 元/吨.
PER_UNITS: tuple[str, ...] = ("人年", "人", "年", "户", "吨", "亩", "平方米", "千瓦时", "月")

MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000),
    "万": Decimal(10) ** 4, "十万": Decimal(10) ** 5, "百万": Decimal(10) ** 6,
    "千万": Decimal(10) ** 7, "亿": Decimal(10) ** 8, "十亿": Decimal(10) ** 9,
    "百亿": Decimal(10) ** 10, "千亿": Decimal(10) ** 11, "万亿": Decimal(10) ** 12,
}

# Where a qualifier word stands relative to the number, and what it means.
QUALIFIER_WORDS: dict[str, dict[str, Qualifier]] = {
    "before": {
        "超过": Qualifier.OVER, "超": Qualifier.OVER, "逾": Qualifier.OVER, "突破": Qualifier.OVER,
        "约": Qualifier.ABOUT, "大约": Qualifier.ABOUT,
        "不低于": Qualifier.AT_LEAST, "不少于": Qualifier.AT_LEAST,
        "至少": Qualifier.AT_LEAST,
        "不超过": Qualifier.AT_MOST, "不高于": Qualifier.AT_MOST,
        "不多于": Qualifier.AT_MOST, "不足": Qualifier.AT_MOST, "不到": Qualifier.AT_MOST,
        "接近": Qualifier.NEARLY, "近": Qualifier.NEARLY, "将近": Qualifier.NEARLY,
    },
    # between the number (with its magnitude) and the unit: 2900余人, 120万余户, 200多个
    "inside": {"余": Qualifier.OVER, "多": Qualifier.OVER},
    "after": {
        "左右": Qualifier.ABOUT, "上下": Qualifier.ABOUT,
        "以上": Qualifier.AT_LEAST,
        "以内": Qualifier.AT_MOST, "以下": Qualifier.AT_MOST,
        "多": Qualifier.OVER, "余": Qualifier.OVER,
    },
}

# Comparability notes written before a number: 同口径—2.5.
BASIS_WORDS: tuple[str, ...] = ("同口径", "可比口径", "可比价")

# Written between the two ends of a range; dashes only with digits both sides.
RANGE_SEPARATORS: tuple[str, ...] = ("—", "–", "-", "~", "～", "至", "到")
MINUS_SIGNS: tuple[str, ...] = ("—", "–", "-", "−", "﹣")
RATIO_SIGNS: tuple[str, ...] = ("∶", ":", "：")
RANK_UNITS: tuple[str, ...] = ("位", "名")

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CN_TENS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}


@dataclass(frozen=True)
class Quantity:
    """A number as written in the report, parsed exactly.

    ``value`` is the number in ``unit`` as written (``3620`` with unit ``亿元``);
    ``high`` is the upper end of a range (``4.5%—5%``); a ratio ``1.8∶1`` has
    ``value=1.8``, ``ratio_to=1``; ``basis`` records a comparability note such
    as ``同口径`` (same statistical basis). ``rank`` marks a place in a
    ranking (``第3位``: value 3, unit 位).
    """

    value: Decimal
    unit: str = ""
    qualifier: Qualifier | None = None
    high: Decimal | None = None
    ratio_to: Decimal | None = None
    basis: str | None = None
    text: str = ""  # the original text
    rank: bool = False

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def is_ratio(self) -> bool:
        return self.ratio_to is not None

    @property
    def magnitude(self) -> str:
        """The magnitude prefix of the unit (``亿`` of ``亿元``), or ``""``."""
        return split_unit(self.unit)[0]

    @property
    def base_unit(self) -> str:
        """The unit without its magnitude: ``亿元`` -> ``元``, ``万`` -> ``""``."""
        return split_unit(self.unit)[1]

    @property
    def multiplier(self) -> Decimal:
        return MAGNITUDES.get(self.magnitude, Decimal(1))

    @property
    def base_value(self) -> Decimal:
        """``value`` in ``base_unit``: 3620亿元 -> 362000000000 (元)."""
        return self.value * self.multiplier

    @property
    def base_high(self) -> Decimal | None:
        return None if self.high is None else self.high * self.multiplier

    @property
    def measure(self) -> str:
        """What the unit measures (``money``, ``count``, ``percent``, ``pp`` …), ``""`` if bare."""
        base = self.base_unit.split("/")[0]
        return UNITS.get(base, "")


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in prose, with offsets into the original text."""

    quantity: Quantity
    start: int  # offset of the first character (qualifier or basis included)
    end: int  # offset after the last character
    prefix: str = ""  # the clause text before the quantity (after the last ，、；。：)


def split_unit(unit: str) -> tuple[str, str]:
    """(magnitude, unit word): ``万亿元`` -> (``万亿``, ``元``); ``万`` -> (``万``, ``""``)."""
    if unit in UNITS or _per_unit(unit):
        return "", unit
    for mag in sorted(MAGNITUDES, key=len, reverse=True):
        if unit.startswith(mag):
            rest = unit[len(mag):]
            if rest == "" or rest in UNITS or _per_unit(rest):
                return mag, rest
    return "", unit


def _per_unit(unit: str) -> bool:
    head, sep, tail = unit.partition("/")
    return bool(sep) and head in UNITS and tail in PER_UNITS


# ---------------------------------------------------------------- grammar


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Regex alternation, longest first so that 个百分点 wins over 个."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _magnitude_pattern() -> str:
    # 千 must not swallow the start of 千瓦 / 千米: each magnitude refuses to
    # match where a unit word begins with it.
    parts = []
    for mag in sorted(MAGNITUDES, key=len, reverse=True):
        clashes = [u[len(mag):] for u in UNITS if u.startswith(mag) and u != mag]
        look = f"(?!{_alt(clashes)})" if clashes else ""
        parts.append(re.escape(mag) + look)
    return "|".join(parts)


_UNIT_WORDS = [f"{u}/{p}" for u in UNITS if UNITS[u] in ("money", "count") for p in PER_UNITS] + list(UNITS)
_NUMBER = r"\d+(?:\.\d+)?"
_CN_NUMBER = f"[{''.join(CN_DIGITS)}{''.join(CN_TENS)}]+"


def _amount(tag: str, number: str = _NUMBER) -> str:
    """number, 多/余 before a magnitude, magnitude, 余/多, unit, trailing qualifier — groups suffixed by tag.

    余/多 stands after the magnitude (120万余户) or before it (260多万名, 1000余亿元).
    """
    magnitude = _magnitude_pattern()
    return (
        f"(?P<num{tag}>{number})"
        f"(?:(?P<pre{tag}>{_alt(list(QUALIFIER_WORDS['inside']))})(?={magnitude}))?"
        f"(?P<mag{tag}>{magnitude})?"
        f"(?P<inside{tag}>{_alt(list(QUALIFIER_WORDS['inside']))})?"
        f"(?P<unit{tag}>{_alt(_UNIT_WORDS)})?"
        f"(?P<after{tag}>{_alt(list(QUALIFIER_WORDS['after']))})?"
    )


_LEAD = (
    f"(?P<basis>{_alt(BASIS_WORDS)})?"
    f"(?P<before>{_alt(list(QUALIFIER_WORDS['before']))})?"
    f"(?P<rank>第)?"
    f"(?P<sign>{_alt(MINUS_SIGNS)})?"
)
_RATIO = (
    f"(?P<rnum>{_NUMBER})(?P<rafter>{_alt(list(QUALIFIER_WORDS['after']))})?"
    f"[{''.join(RATIO_SIGNS)}](?P<rto>{_NUMBER})"
)
_RANGE = _amount("1") + f"(?P<sep>{_alt(RANGE_SEPARATORS)})" + _amount("2")
_QUANTITY = re.compile(f"{_LEAD}(?:{_RATIO}|{_RANGE}|{_amount('')})")
_CN_QUANTITY = re.compile(f"{_LEAD}{_amount('', _CN_NUMBER)}")


def _cn_int(text: str) -> int:
    """Chinese numeral below 10000 (``两`` 2, ``十五`` 15, ``二百零三`` 203)."""
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0:
                raise ParseError(f"not a Chinese numeral: {text!r}")
            digit = CN_DIGITS[ch]
        elif ch in CN_TENS:
            total += (1 if digit is None else digit) * CN_TENS[ch]
            digit = None
        else:
            raise ParseError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(_cn_int(text))


def _qualifier(m: re.Match[str], *groups: str) -> Qualifier | None:
    """The first qualifier word found in ``groups`` (named ``inside…``/``after…``)."""
    for group in groups:
        word = m.group(group)
        if word:
            kind = group.rstrip("12")
            return QUALIFIER_WORDS["inside" if kind == "pre" else kind][word]
    return None


def _unit(m: re.Match[str], tag: str) -> str:
    return (m.group(f"mag{tag}") or "") + (m.group(f"unit{tag}") or "")


def _build(m: re.Match[str], text: str) -> Quantity:
    """The Quantity a grammar match describes."""
    sign = -1 if m.group("sign") else 1
    basis = m.group("basis")
    before = QUALIFIER_WORDS["before"][m.group("before")] if m.group("before") else None
    groups = m.re.groupindex
    if "rnum" in groups and m.group("rnum"):
        after = QUALIFIER_WORDS["after"][m.group("rafter")] if m.group("rafter") else None
        return Quantity(
            value=sign * Decimal(m.group("rnum")), qualifier=before or after,
            ratio_to=Decimal(m.group("rto")), basis=basis, text=text,
        )
    if "num1" in groups and m.group("num1"):
        low_unit, high_unit = _unit(m, "1"), _unit(m, "2")
        qualifier = before or _qualifier(m, "pre2", "inside2", "after2", "after1", "pre1", "inside1")
        return Quantity(
            value=sign * Decimal(m.group("num1")), unit=high_unit or low_unit,
            high=Decimal(m.group("num2")), qualifier=qualifier, basis=basis, text=text,
        )
    qualifier = before or _qualifier(m, "pre", "inside", "after")
    unit = _unit(m, "")
    return Quantity(
        value=sign * _decimal(m.group("num")), unit=unit, qualifier=qualifier,
        basis=basis, text=text, rank=bool(m.group("rank")) and unit in RANK_UNITS,
    )


def _range_units_agree(m: re.Match[str]) -> bool:
    """4.5%—5% and 4.5-5% and 2亿至3亿元 are ranges; 5%—3个 or 5—3 are not."""
    low, high = _unit(m, "1"), _unit(m, "2")
    units_ok = not low or not high or low == high or (low in MAGNITUDES and split_unit(high)[0] == low)
    return units_ok and (bool(m.group("sign")) or Decimal(m.group("num1")) <= Decimal(m.group("num2")))


def parse_quantity(text: str) -> Quantity:
    """One numeric expression (``3620亿元``, ``2.6%``, ``1.8左右∶1``, ``同口径—2.5``).

    Raises :class:`ParseError` for anything that is not exactly one quantity.
    """
    if not isinstance(text, str):
        raise ParseError(f"not a quantity: {text!r}")
    norm = normalise(text).strip()
    for pattern in (_QUANTITY, _CN_QUANTITY):
        m = pattern.fullmatch(norm)
        if m and not (m.group("rank") and _unit(m, "") not in RANK_UNITS):
            if "num1" in m.re.groupindex and m.group("num1") and not _range_units_agree(m):
                break
            return _build(m, text.strip())
    raise ParseError(f"not a quantity: {text.strip()!r}")


# ---------------------------------------------------------------- scanning

_CLAUSE_BREAK = "，。；、：！？,;:（）()\n\t"
# A unitless number counts only when punctuation or a qualifier follows it:
# 某品牌X11创… is a model name, 居民消费价格指数102.1、 a figure.
_BARE_END = set("，。；、：！？,;:）)”’」 \t\n") | {""}
_NAME_NEIGHBOURS = re.compile(r"[A-Za-z+#@&_/.]")
_YEAR = re.compile(r"(19|20)\d\d")
# Written right after a number, these make it part of a name or a spec:
# 1000千伏特高压, 12英寸晶圆, 9号线, 5A级景区; or no figure at all (3方面).
SPEC_WORDS: tuple[str, ...] = (
    "千伏", "伏", "英寸", "纳米", "号", "级", "代", "型", "届", "路",
    "方面", "方案", "方式", "方向", "方位",  # 方 is a unit (土石方), these words are not
)
# Written right before a number, these make it a reference: 附件1, 编号3.
REFERENCE_WORDS: tuple[str, ...] = ("附件", "附表", "编号", "代码", "第")
# Written right after a whole quantity, these make it a class of product: 1000千瓦级发动机, 10万吨级泊位.
CLASS_WORDS: tuple[str, ...] = ("级", "型")
# A bracketed cross-reference to a box, chart or table printed elsewhere: （见第八版专栏4）,
# （见专栏6）, （见图5）, （详见附表1）. Its numbers are no figures, its words no content.
CROSS_REFERENCE = re.compile(
    r"[（(]\s*(?:详|参)?见[^（）()]{0,30}?(?:专栏|图表|图|表|附表|附件|框)\s*[\d一二三四五六七八九十]+"
    r"[^（）()]{0,16}[）)]"
)


def without_references(text: str) -> str:
    """``text`` without its bracketed cross-references to boxes, charts and tables."""
    return CROSS_REFERENCE.sub("", text)


def _is_figure(m: re.Match[str], norm: str) -> bool:
    """Reject what only looks like a figure: ordinals, names, dates."""
    start, end = m.start(), m.end()
    before = norm[start - 1] if start else ""
    after = norm[end] if end < len(norm) else ""
    if before.isdigit() or _NAME_NEIGHBOURS.fullmatch(before or " "):
        return False
    if after.isdigit() or _NAME_NEIGHBOURS.fullmatch(after or " "):
        return False
    num_end = m.end("num") if m.group("num") else m.end()
    if norm.startswith(SPEC_WORDS, num_end) or norm.endswith(REFERENCE_WORDS, 0, start):
        return False
    if norm.startswith(CLASS_WORDS, end):
        return False
    if m.group("sign") and (before in MINUS_SIGNS or (start and norm[start - 1 : start + 1] == "——")):
        return False
    groups = m.re.groupindex
    if "num1" in groups and m.group("num1"):
        # the high end needs a unit of its own or must end the clause: 5%到2025年 is no range
        return bool(_unit(m, "2") or m.group("after2") or after in _BARE_END) and _range_units_agree(m)
    if "rnum" in groups and m.group("rnum"):
        return True
    unit = _unit(m, "")
    if m.group("rank"):
        return unit in RANK_UNITS
    if unit:
        return True
    if m.group("after") or m.group("inside") or m.group("pre"):
        return True
    # a bare number in brackets is a list marker: （2）加快…
    if before in "（(" and after in "）)" and not m.group("sign"):
        return False
    # a bare number: only before punctuation, and never a year (2030、2035年)
    return after in _BARE_END and not _YEAR.fullmatch(m.group("num"))


def _prefix(norm: str, start: int) -> str:
    i = start
    while i > 0 and norm[i - 1] not in _CLAUSE_BREAK:
        i -= 1
    return norm[i:start]


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every figure in a stretch of prose, in order, with offsets into ``text``."""
    if not isinstance(text, str):
        raise ParseError(f"not text: {text!r}")
    norm = normalise(text)  # same length: offsets map back to text
    found: list[QuantityMatch] = []
    references = [r.span() for r in CROSS_REFERENCE.finditer(norm)]
    pos = 0
    while True:
        m = _QUANTITY.search(norm, pos)
        if m is None:
            break
        inside = next((b for a, b in references if a <= m.start() < b), None)
        if inside is not None:
            pos = inside
            continue
        if m.start() == m.end():
            pos = m.end() + 1
            continue
        if m.group("num1") and not _is_figure(m, norm) and m.group("sep") in ("至", "到"):
            # 增长5%到… : keep the low end on its own
            m = _QUANTITY.match(norm[: m.start("sep")], m.start()) or m
        if _is_figure(m, norm):
            start = m.start()
            found.append(
                QuantityMatch(
                    quantity=_build(m, text[start : m.end()]),
                    start=start, end=m.end(), prefix=text[start - len(_prefix(norm, start)) : start],
                )
            )
            pos = m.end()
        else:
            # skip the whole digit run so that "2030年" does not yield "030"
            pos = max(m.end(), m.start() + 1)
            while pos < len(norm) and (norm[pos].isdigit() or norm[pos] == "."):
                pos += 1
    return found
