"""An index with the previous year = 100 said as the rate it implies: 103以内 -> a rise of at most 3%.

Plan reports give some indicators as an index (居民消费价格指数 103左右);
readers think of them as rates. Every place a brief or the portfolio shows
such a cell says the rate (the scorecard adds the index in a note).
"""

from __future__ import annotations

from dataclasses import replace

from generator.analyse.scoring import index_rate
from generator.brief import Text
from generator.localise.voice import Voice
from generator.targets import TargetKind, parse_target

RATE_WORDS = {1: "rise of %(value)s", -1: "fall of %(value)s", 0: "change of %(value)s"}  # by sign
_FLIPPED = {TargetKind.AT_LEAST: TargetKind.AT_MOST, TargetKind.AT_MOST: TargetKind.AT_LEAST}


def index_cell(voice: Voice, name_zh: str, text: str, unit: str, line: int | None = None) -> Text | None:
    """The cell of indicator ``name_zh`` as the rate its index implies; None when it is no index cell."""
    rate = index_rate(name_zh, unit, parse_target(text)) if text.strip() else None
    if rate is None:
        return None
    values = [x for x in (rate.value, rate.high) if x is not None]
    sign = 1 if all(x >= 0 for x in values) else (-1 if all(x <= 0 for x in values) else 0)
    if sign < 0:  # the bound of the opposite sign: at least −2 is a fall of at most 2
        rate = replace(rate, value=-rate.high if rate.high is not None else -(rate.value or 0),
                       high=-(rate.value or 0) if rate.high is not None else None,
                       kind=_FLIPPED.get(rate.kind, rate.kind))
    return voice.word(RATE_WORDS[sign], value=voice.parsed_target(rate, "%", line=line))
