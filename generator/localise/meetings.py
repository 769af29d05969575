"""The meeting a report was delivered at, in English.

A report's date line names the people's congress session it was delivered
to in one fixed grammar — ``第十五届全国人民代表大会第二次会议``,
``某省第十五届人民代表大会第二次会议``, ``市十六届人大五次会议`` — which is
rendered the way the official English texts do: "the Second Session of the
15th National People's Congress". The place, when named, goes through the
glossary like any place. A meeting outside this grammar returns None (the
caller falls back to the glossary).
"""

from __future__ import annotations

import re
from typing import Callable

from generator.brief import Text
from generator.read.numerals import cn_int

_NUM = "[一二三四五六七八九十百零〇0-9]+"
MEETING = re.compile(
    rf"^(?P<place>[\u4e00-\u9fff]{{1,16}}?(?:省|市|自治区|特别行政区|自治州|州|县|区|盟|旗)|全国|省|市|区|县|州)?"
    rf"第?(?P<term>{_NUM})届(?P<body>全国人民代表大会|全国人大|人民代表大会|人大)"
    rf"(?P<standing>常务委员会|常委会)?第?(?P<session>{_NUM})次(?:全体)?会议$"
)
SESSION_WORDS = (
    "", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
    "Nineteenth", "Twentieth",
)
# The level of a congress by the place's status word.
LEVELS: dict[str, str] = {
    "省": "Provincial", "市": "Municipal", "自治区": "Regional", "特别行政区": "Regional", "自治州": "Prefectural",
    "州": "Prefectural", "县": "County", "区": "District", "盟": "League", "旗": "Banner",
}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _session(n: int) -> str:
    return SESSION_WORDS[n] if 0 < n < len(SESSION_WORDS) else _ordinal(n)


def meeting_en(meeting: str, place: Callable[[str], Text]) -> Text | None:
    """``第十五届全国人民代表大会第二次会议`` -> "the Second Session of the 15th National People's Congress".

    ``place`` renders a place name (the glossary's); None when ``meeting`` is not in the grammar.
    """
    m = MEETING.match(meeting.strip())
    if not m:
        return None
    term, session = cn_int(m.group("term")), cn_int(m.group("session"))
    if not term or not session:
        return None
    where = m.group("place") or ""
    standing = "the Standing Committee of " if m.group("standing") else ""
    head = f"the {_session(session)} Session of {standing}the {_ordinal(term)} "
    if m.group("body").startswith("全国") or where == "全国":
        return Text.plain(head + "National People's Congress")
    status = next((w for w in sorted(LEVELS, key=len, reverse=True) if where.endswith(w)), "")
    congress = f"{LEVELS.get(status, '')} People's Congress".strip()
    short = where[: len(where) - len(status)]
    if short:  # 河北省 -> "Hebei" + "Provincial People's Congress"
        return Text.join([Text.plain(head), place(short), Text.plain(f" {congress}")])
    return Text.plain(head + congress)
