"""Chinese numerals as they appear in headings, markers and titles.

Owns the conversion of heading numerals (``十二`` -> 12) and of years written
digit by digit (``二〇二四`` -> 2024); both are small closed vocabularies.
"""

from __future__ import annotations

import re

from generator.text import normalise

DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100}

#: character class of heading numerals (一 … 九十九)
NUMERAL_CLASS = "一二三四五六七八九十"
#: a year: four ASCII/full-width digits or four Chinese digits, followed by 年
YEAR_RE = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年")


def cn_int(text: str) -> int | None:
    """``"十二"`` -> 12, ``"二十一"`` -> 21, ``"3"`` -> 3; None if not a numeral."""
    text = normalise(text.strip())
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


def year_value(text: str) -> int:
    """A four-character year (``2030``, ``２０３０``, ``二〇二四``) as an int."""
    text = normalise(text)
    if text.isdigit():
        return int(text)
    return int("".join(str(DIGITS[ch]) for ch in text))
