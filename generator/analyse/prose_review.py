"""Last year's review read from the prose, for reports without a review table.

Reports without an indicator table still say which of last year's
indicators fell short, and why, in the review part::

    但甲指标增速略低于乙指标增速，主要原因是：……；丙指标增长较慢，主要原因是：……；
    丁指标规模有所下降，主要原因是：……

    2项指标未达到预期目标，主要是受……影响，甲指标涨幅低于预期目标、乙指标增速低于预期。

:func:`review_from_prose` turns each indicator named as falling short into a
:class:`ScoredIndicator` with status ``missed``, the report's words for the
shortfall (``略低于乙指标增速``) as its reason and the report's stated
reason (``cause_zh``) — the part after ``主要原因是：`` (up to the ``；``
that ends it), or the ``主要是受…影响`` before the names. A clause counts as a
shortfall by its wording (:data:`SHORTFALL` — ``低于预期``, ``不及预期``,
``有所下降``, ``增长较慢``); the weaker forms (``较低``, ``有所下降``) only
with a stated reason (``主要原因是``), so that plain review prose
(``能耗有所下降``, good news) is never read as a missed target; nor is
"below expectations" of an indicator the catalogue knows is better lower
(``城镇调查失业率低于预期目标``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from generator.lexicon.catalogue import Catalogue, Polarity, resolve
from generator.analyse.scorecard import Origin, Scorecard, ScoredIndicator, build_scorecard, review_paragraphs
from generator.analyse.params import Quote
from generator.analyse.scoring import ReasonCode, Status, reason
from generator.document import Document, Paragraph
from generator.targets import Target, TargetKind
from generator.text import sentences

# Shortfall wording: strong forms say it on their own, weak ones only beside a stated reason.
STRONG_SHORTFALL = (
    r"低于预期目标|低于预期|低于目标|未达到预期目标|未达到预期|未达到目标|未达预期|不及预期|未能完成|未完成(?:年度)?目标"
    r"|与(?:预期)?目标(?:还)?有(?:一定|较大)?差距"
)
WEAK_SHORTFALL = r"(?:增长|下降|降低)(?:较慢|偏慢|不及预期)|略低于[^，,；;。]{2,24}|低于[^，,；;。]{2,24}|增长较慢|较慢|较低|偏低|偏弱|有所下降|有所回落|回落"
SHORTFALL = re.compile(rf"(?P<strong>{STRONG_SHORTFALL})|(?P<weak>{WEAK_SHORTFALL})")
# Where the report's stated reason starts, after the indicators (…，主要原因是：…).
REASON_AFTER = re.compile(r"[，,]\s*(?:这)?(?:主要)?原因(?:是|在于|为|主要是)?[:：]?|[，,]\s*主要是由于|[，,]\s*主要是因为")
# … or before them, in the same clause (主要是受…影响，甲低于预期).
REASON_BEFORE = re.compile(r"(?:主要)?(?:是|由于)?受(?P<cause>[^；;。]+?影响)[，,]")
# Words opening a shortfall clause that are not the indicator's name.
OPENERS: tuple[str, ...] = ("但是", "但", "同时", "此外", "另外", "其中", "而", "不过", "也", "还有")
# Words after the name that say which aspect fell short (规模有所下降): dropped from the name.
ASPECT_WORDS: tuple[str, ...] = ("水平", "规模", "总体", "幅度")
# A name is a noun phrase of this size; longer is a clause.
MIN_NAME, MAX_NAME = 2, 24
# How an indicator's name ends (or the catalogue knows it): 率, 额, 价格指数, 增速, 排放降低 …
INDICATOR_ENDINGS: tuple[str, ...] = (
    "率", "额", "量", "值", "数", "指数", "价格", "投资", "增速", "增长", "增幅", "涨幅", "收入", "产量", "产值",
    "规模", "排放", "能耗", "降低", "下降", "面积", "比重", "占比", "强度", "消费", "出口", "进口", "外资", "利润",
)
# Vague subjects that make a clause a remark, not an indicator: 有的政策落地偏慢.
VAGUE_OPENERS: tuple[str, ...] = ("有的", "一些", "部分", "个别", "少数", "某些")
# A shortfall phrase opening with a change word keeps it on the name: 零售总额|增长较慢 -> 零售总额增长.
CHANGE_WORDS: tuple[str, ...] = ("增长", "下降", "降低")
_NAME_SPLIT = re.compile(r"[、和及与]")
_TALLY = re.compile(r"\d+\s*(?:项|个)|[一二两三四五六七八九十]+\s*(?:项|个)")


@dataclass(frozen=True)
class Shortfall:
    """One indicator the report names as falling short."""

    name_zh: str
    outcome_zh: str  # the report's words for the shortfall: 略低于国内生产总值增速
    cause_zh: str | None  # the report's stated reason, as written
    line: int


def _name(text: str) -> str:
    name = text.strip(" ，,、；;：:“”\"")
    changed = True
    while changed:
        changed = False
        for word in OPENERS:
            if name.startswith(word) and len(name) > len(word) + 1:
                name, changed = name[len(word):], True
        for word in ASPECT_WORDS:
            if name.endswith(word) and len(name) > len(word) + 1:
                name, changed = name[: -len(word)], True
    return name.strip(" ，,、")


def _names(text: str) -> list[str]:
    """The indicator names before a shortfall phrase: ``甲、乙增速`` -> both (a list shares its end)."""
    head = _name(text)
    if not head or _TALLY.search(head) or re.search(r"\d", head):
        return []
    names = [_name(n) for n in _NAME_SPLIT.split(head)] if "、" in head else [head]
    return [n for n in names if MIN_NAME <= len(n) <= MAX_NAME and not n.startswith(VAGUE_OPENERS)]


# "Lower than expected": a shortfall where higher is better, good news where lower is better
# (城镇调查失业率低于预期目标). (A weaker "lower" with a stated reason — 居民消费价格指数水平较低，
# 主要原因是… — is the report explaining a shortfall, whatever the indicator.)
BELOW_EXPECTATION = re.compile(r"^低于(?:预期|目标)")


# A sentence that calls its list a shortfall (2项指标未达到预期目标，…甲低于预期目标): no good news in it.
SHORTFALL_FRAME = re.compile(r"未达到|未达预期|未完成|未能完成|不及预期|有(?:一定|较大)?差距")


def good_news(found: Shortfall, catalogue: Catalogue, sentence: str = "") -> bool:
    """"Below expectations" of an indicator the catalogue knows is better lower, in a sentence not
    framed as a shortfall."""
    if SHORTFALL_FRAME.search(sentence):
        return False
    definition = catalogue.match(found.name_zh)
    below = BELOW_EXPECTATION.match(found.outcome_zh) is not None
    return below and definition is not None and definition.polarity is Polarity.LOWER


def indicator_like(name: str, catalogue: Catalogue) -> bool:
    """Does ``name`` read as an indicator: the catalogue knows it, or it ends like one?"""
    return catalogue.match(name) is not None or name.endswith(INDICATOR_ENDINGS)


def _reason_after(piece: str, start: int) -> tuple[str, str | None]:
    """(the shortfall text, the stated reason after it) of one ；-piece."""
    m = REASON_AFTER.search(piece, start)
    if m is None:
        return piece, None
    cause = piece[m.end():].strip(" ：:，,。")
    return piece[: m.start()], cause or None


def shortfalls_in(sentence: str, line: int) -> list[Shortfall]:
    """Every indicator a sentence names as falling short, with its stated reason."""
    out: list[Shortfall] = []
    pieces = [p for p in re.split(r"[；;]", sentence) if p.strip()]
    for k, piece in enumerate(pieces):
        piece = piece.strip().rstrip("。")
        first = SHORTFALL.search(piece)
        if first is None:
            continue
        statement, cause = _reason_after(piece, first.start())
        before = REASON_BEFORE.search(statement)
        if before is not None and cause is None:
            cause = f"受{before.group('cause')}"
            statement = statement[before.end():]
        # A reason that runs on into the next ；-pieces: those without a shortfall of their own.
        if cause is not None:
            for more in pieces[k + 1:]:
                if SHORTFALL.search(more):
                    break
                cause += "；" + more.strip().rstrip("。")
        for clause in re.split(r"[，,]", statement):
            out.extend(_clause_shortfalls(clause, cause, line))
    return out


def _clause_shortfalls(clause: str, cause: str | None, line: int) -> list[Shortfall]:
    """The shortfalls of one ，-clause: ``甲涨幅低于预期目标、乙增速低于预期`` gives two."""
    out: list[Shortfall] = []
    position = 0
    for m in SHORTFALL.finditer(clause):
        if m.start() < position:
            continue
        if m.group("weak") and cause is None:
            continue
        names = _names(clause[position:m.start()])
        change = next((w for w in CHANGE_WORDS if m.group(0).startswith(w)), "")
        for name in names:
            out.append(Shortfall(name + change if change and not name.endswith(change) else name, m.group(0), cause, line))
        position = m.end()
        if position < len(clause) and clause[position] == "、":
            position += 1
    return out


def find_shortfalls(paragraphs: Iterable[Paragraph], catalogue: Catalogue) -> list[Shortfall]:
    """Shortfalls of indicators stated in the paragraphs, each indicator once (the first statement wins)."""
    seen: set[str] = set()
    out: list[Shortfall] = []
    for para in paragraphs:
        for sentence in sentences(para.text):
            for found in shortfalls_in(sentence, para.span.start):
                if (found.name_zh not in seen and indicator_like(found.name_zh, catalogue)
                        and not good_news(found, catalogue, sentence)):
                    seen.add(found.name_zh)
                    out.append(found)
    return out


def prose_scorecard(doc: Document, catalogue: Catalogue) -> Scorecard:
    """The review table's scorecard; without a table, the indicators the review prose names as falling short."""
    scorecard = build_scorecard(doc, catalogue)
    if scorecard.origin.kind != "none":
        return scorecard
    named = review_from_prose(doc, catalogue)
    return Scorecard(named, Origin("prose", named[0].line)) if named else scorecard


def review_from_prose(doc: Document, catalogue: Catalogue) -> list[ScoredIndicator]:
    """Scorecard rows (status missed) for the indicators the review prose names as falling short."""
    rows: list[ScoredIndicator] = []
    empty = Target(TargetKind.EMPTY)
    for found in find_shortfalls(review_paragraphs(doc, None), catalogue):
        resolved = resolve(catalogue, found.name_zh, empty)
        rows.append(ScoredIndicator(
            name_zh=found.name_zh, unit="", binding=False, target_text="", actual_text="",
            target=empty, actual=empty, status=Status.MISSED,
            reason=reason(ReasonCode.STATED_SHORTFALL, outcome=Quote(found.outcome_zh)),
            indicator_id=resolved.id, en=resolved.en, polarity=resolved.polarity,
            polarity_source=resolved.polarity_source, line=found.line,
            origin="prose", cause_zh=found.cause_zh,
        ))
    return rows
