"""Why targets were missed: the report's own explanations, matched to scorecard rows.

Owns :func:`find_causes` and the :class:`Cause` it returns. Plan reports
explain missed targets in the review prose (the tally paragraph, or the
attachment beside the review table), one ``；``-clause per group of
indicators: a cause, then the indicators it hit::

    受持续极端高温天气影响，主要粮食作物减产，粮食产量107.3亿公斤

or the indicators first and the cause after (``…增速低于预期，主要是…所致``),
or a list of indicators that ``也不同程度受到影响`` — the report's *general*
explanation, its opening ``受…影响，…`` sentence, applies to those. A row the
prose does not explain may be explained in the review table itself, in a
``备注`` / ``说明`` column (``受房地产市场深度调整影响``); such a cell counts
when it states a cause.

Indicators are found in a clause by the scorecard rows' own names and their
catalogue names and aliases, folded as :func:`catalogue.name_key` does, a
growth indicator also by its stem followed by a growth word
(``规上工业增加值增长3.2%`` names ``规上工业增加值增速``).

*Factors* are the short cause phrases inside a cause, read by the grammar of
the clause, never by fixed strings: what stands between ``受`` and
``影响``, after ``由于`` or before ``所致`` (lists split on ``、`` and ``和``
unless the glossary knows the whole list as one term), the subject of
``导致``/``造成``, a phrase after ``加之``, and a phrase stating an adverse
change (``…需求走弱``, ``…出口持续下滑``) before the indicators. The
English brief renders each factor through the glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

import ahocorasick

from generator.lexicon.catalogue import Catalogue, name_key
from generator.analyse.scorecard import ScoredIndicator, Scorecard, review_paragraphs
from generator.analyse.scoring import Status
from generator.document import ColumnRole, Document
from generator.lexicon.glossary import Glossary
from generator.text import normalise, sentences


@dataclass(frozen=True)
class Cause:
    """The report's explanation of one indicator's result."""

    text_zh: str  # the cause as written, trimmed: 受持续极端高温天气影响，主要粮食作物减产
    factors: tuple[str, ...]  # short cause phrases: ("持续极端高温天气",)
    line: int  # source line of text_zh
    general: bool = False  # the report's general explanation, applied to a list of indicators

    def to_dict(self) -> dict[str, Any]:
        return {"text_zh": self.text_zh, "factors": list(self.factors), "line": self.line, "general": self.general}


# --------------------------------------------------------------- word tables

# Words after a growth indicator's stem that name its growth in prose.
GROWTH_WORDS = (
    "增速", "增长率", "增长", "增幅", "下降", "下滑", "回落", "降至", "仅增长", "同比增长", "同比下降", "同比",
)
# Words after a growth indicator's stem that list it among others (地区生产总值等主要经济指标…下滑).
LIST_WORDS = ("等",)
# Discourse openers dropped from the front of a cause (not part of it).
DISCOURSE = ("其中", "此外", "另外", "同时", "特别是", "尤其是")
# Openers introducing a further cause: the phrase after them is a factor.
ADDITIVE = ("再加上", "加之", "加上", "叠加")
# Openers introducing a list of causes (由于X和Y).
BECAUSE = ("这主要是由于", "主要是由于", "主要原因是", "原因是", "是由于", "是因为", "主要是", "主要由于", "主要因为", "由于", "因为")
# Subject words a factor may open with when the glossary knows the rest (企业有序用电 -> 有序用电).
SUBJECTS = ("部分企业", "部分工厂", "工业企业", "企业", "居民", "群众", "市场主体", "全市", "全省", "全区", "全国")

_PUNCT = "，,、；;：:。 \u3000"
# 受X(等因素)(的)影响(下): X is the cause (受益, 接受, 享受 are other words). 影响 is
# tried first: 受需求收缩、供给冲击…影响 names a 冲击 inside its cause.
_SUFFER = tuple(
    re.compile(
        r"(?<![接享感承])受(?![益理])(?P<x>[^，,；;。]*?)(?:等(?:多重|多种|多方面|一系列)?因素)?的?" + ending
    )
    for ending in (r"影响下?", r"(?:冲击|制约|拖累)")
)
# X影响下Y: X and Y (what happened under it) are both causes.
_UNDER = re.compile(r"^(?P<x>[^，,]+?)(?:等因素)?的?影响下(?P<rest>.*)$")
# X对Y带来(较大)冲击: X is the cause, Y what it hit (a bare 对Y带来冲击 takes the phrases before it).
_IMPACT = re.compile(
    r"^(?P<x>.*?)(?:对|给)(?P<y>[^，,]*?)(?:带来|造成|产生)了?(?:较大|很大|巨大|重大|严重|一定|不利|较多)?的?"
    r"(?:冲击|影响|压力|困难|挑战)$"
)
# A phrase that only dates what follows (11月以来, 四季度, 下半年以来): neither cause nor consequence.
_TIME = re.compile(r"^(?:\d+|[一二三四五六七八九十]+|[上下]半)(?:月份?|季度|年)(?:以来|中旬|下旬|上旬|底|初|末|后)?$|以来$")
# X导致Y: X is the cause (a bare 导致 takes the phrases before it as subject).
_CAUSATIVE = re.compile(r"^(?P<x>.*?)(?:导致|造成|致使|使得|引发)(?P<rest>.*)$")
_RESULTING = re.compile(r"^(?P<x>.+?)(?:等(?:多重|多种)?因素)?(?:的影响)?(?:所致|造成的|导致的|引起的)$")
# A phrase stating an adverse change, itself a cause when it stands before the indicators.
_ADVERSE = re.compile(
    r"限制|冲击|抑制|制约|走弱|减弱|疲弱|偏弱|下滑|下降|回落|减少|减产|停工|停产|短缺|上涨|收缩|放缓|低迷|不足|趋紧"
)
# Words between 受 and 影响 that do not name a cause (受到不同程度的影响).
DEGREE_WORDS = ("到了", "到", "了", "不同程度", "一定程度", "较大", "一定", "严重", "明显", "很大", "较多", "的")
# Where a cause given after the indicators starts (…增速低于预期，主要是…所致).
_AFTER = re.compile(r"(?:这)?主要(?:原因是|是|由于|因为|受)|原因是|由于|因为|(?<![接享感承])受(?![益理])")
# 、-lists of examples before a noun: 手机、笔电等机电产品 -> 机电产品.
_EXAMPLES = re.compile(r"^(?:[^，、]{1,12}、)+[^，、]{1,12}等(?=[^，、]{2})")
_JOINER = re.compile(r"以及|和|及|与|叠加")
_QUOTED_LABEL = re.compile(r"“[^“”]+”$")
_ENCLOSED = re.compile(r"^[“‘「『\"](.+)[”’」』\"]$")
_FACTORS_WORD = re.compile(r"等(?:多重|多种|多方面)?因素$")
_LIST_MARK = re.compile(r"[、和及与]")
_CLAUSE = re.compile(r"[；;]")
# Headers of a review-table column of remarks that may explain a result.
REMARK_HEADER = re.compile(r"备注|说明|原因")
_PHRASE = re.compile(r"[，,]")


# --------------------------------------------------------------- finding indicators


# Characters the catalogue drops from names before matching (catalogue._DROP).
_DROP = frozenset(" \t\u3000“”\"'‘’「」『』（）()【】[]*▽△★☆#＃")
_JOIN = str.maketrans({"、": "和", "及": "和", "与": "和"})


def _fold(text: str) -> tuple[str, list[int]]:
    """(text folded like catalogue.name_key, index in ``text`` of each folded character)."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(normalise(text)):
        if ch in _DROP:
            continue
        out.append(ch.translate(_JOIN))
        origin.append(i)
    return "".join(out), origin


def _surfaces(names: Iterable[str]) -> set[str]:
    """Forms a row's names take in prose."""
    out: set[str] = set()
    for name in names:
        for key in (_fold(name)[0], name_key(name)):
            if not key:
                continue
            out.add(key)
            if key.endswith("增速") and len(key) > 3:
                out.update(key[:-2] + word for word in (*GROWTH_WORDS, *LIST_WORDS))
    return out


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    row: ScoredIndicator


class _Finder:
    """Aho–Corasick over every scored row's surface forms (first row wins a shared form)."""

    def __init__(self, rows: Iterable[ScoredIndicator], catalogue: Catalogue) -> None:
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        for row in rows:
            definition = catalogue.get(row.indicator_id) if row.indicator_id else catalogue.match(row.name_zh)
            names = (row.name_zh, *(definition.names if definition else ()))
            for surface in _surfaces(names):
                if surface not in self._automaton:  # type: ignore[operator]
                    self._automaton.add_word(surface, (len(surface), row))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def mentions(self, clause: str) -> list[_Mention]:
        """Indicators named in ``clause``, leftmost-longest, outside ``受…影响`` spans."""
        if self._empty:
            return []
        folded, origin = _fold(clause)
        found = sorted(
            ((end - length + 1, end, row) for end, (length, row) in self._automaton.iter(folded)),
            key=lambda m: (m[0], -m[1]),
        )
        inside_cause = [m.span("x") for pattern in _SUFFER for m in pattern.finditer(clause)]
        out: list[_Mention] = []
        covered = -1
        for start, end, row in found:
            if start <= covered:
                continue
            begin = origin[start]
            if any(a <= begin < b for a, b in inside_cause):
                continue
            out.append(_Mention(begin, origin[end] + 1, row))
            covered = end
        return out


# --------------------------------------------------------------- reading causes


class _Factors:
    """Splits cause phrases into factors, keeping terms the glossary knows whole."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary

    def known(self, text: str) -> bool:
        return self.glossary.find(text) is not None

    def clean(self, text: str) -> str:
        text = text.strip(_PUNCT)
        label = _QUOTED_LABEL.search(text)
        if label and label.start() > 0 and not self.known(text):
            text = text[: label.start()]
        text = _FACTORS_WORD.sub("", text).strip(_PUNCT)
        if text.endswith("等") and _LIST_MARK.search(text):  # 疫情、高温等 (but not 不平等)
            text = text[:-1]
        enclosed = _ENCLOSED.match(text)
        return enclosed.group(1) if enclosed else text

    def canonical(self, text: str) -> str:
        """The glossary's form of a factor opening with a subject word (企业有序用电 -> 有序用电)."""
        if self.known(text):
            return text
        for subject in SUBJECTS:
            rest = text[len(subject):]
            if text.startswith(subject) and self.known(rest):
                return rest
        return text

    def listed(self, text: str) -> list[str]:
        """``需求收缩、供给冲击“三重压力”和俄乌冲突`` -> its causes."""
        text = self.clean(text)
        if not text:
            return []
        if self.known(text):
            return [text]
        for splitter in (_JOINER, re.compile("、")):
            pieces = _split_outside_quotes(text, splitter)
            if len(pieces) > 1 and all(len(p.strip(_PUNCT)) >= 2 for p in pieces):
                return [f for piece in pieces for f in self.listed(piece)]
        return [self.canonical(text)]

    def event(self, text: str) -> list[str]:
        """A phrase stating what happened: ``手机、笔电等机电产品出口持续下滑`` -> 机电产品出口持续下滑."""
        text = self.clean(text)
        if not text:
            return []
        if not self.known(text):
            text = _EXAMPLES.sub("", text)
        return [self.canonical(text)]


def _split_outside_quotes(text: str, splitter: re.Pattern[str]) -> list[str]:
    depth = 0
    masked = []
    for ch in text:
        if ch in "“‘「『":
            depth += 1
        elif ch in "”’」』" and depth:
            depth -= 1
            masked.append("\0")
            continue
        masked.append("\0" if depth else ch)
    pieces: list[str] = []
    position = 0
    for m in splitter.finditer("".join(masked)):
        pieces.append(text[position:m.start()])
        position = m.end()
    pieces.append(text[position:])
    return pieces


def _strip_opener(phrase: str, openers: tuple[str, ...]) -> tuple[str, str | None]:
    for opener in openers:
        if phrase.startswith(opener):
            return phrase[len(opener):], opener
    return phrase, None


def _without_degree(text: str) -> str:
    """``到不同程度`` -> '': what is left between 受 and 影响 once degree words are gone."""
    changed = True
    while changed:
        changed = False
        for word in DEGREE_WORDS:
            if text.startswith(word) or text.endswith(word):
                text = text[len(word):] if text.startswith(word) else text[: -len(word)]
                changed = True
    return text.strip(_PUNCT)


def _suffered(phrase: str) -> tuple[re.Match[str], str] | None:
    """The ``受…影响`` in a phrase and what it names ('' for 受到不同程度影响)."""
    for pattern in _SUFFER:
        m = pattern.search(phrase)
        if m is not None:
            return m, _without_degree(m.group("x"))
    return None


@dataclass
class _Phrase:
    text: str  # as written, discourse openers dropped
    factors: list[str]
    marked: bool  # carries a cause marker or states an adverse change


def _read_phrases(text: str, reader: _Factors) -> list[_Phrase]:
    """Each ，-phrase of a cause text with the factors it names."""
    phrases: list[_Phrase] = []
    consequence = False  # after 受X影响 / X导致: an unmarked phrase tells what followed
    pending: list[_Phrase] = []  # unmarked phrases a later bare 导致 takes as its subject
    for raw in _PHRASE.split(text):
        raw = raw.strip(_PUNCT)
        shown, _ = _strip_opener(raw, DISCOURSE)
        body, additive = _strip_opener(shown, ADDITIVE)
        body, because = _strip_opener(body, BECAUSE)
        body = re.sub(r"^主要(?=受)", "", body)
        phrase = _Phrase(shown, [], marked=bool(additive or because))
        suffered = _suffered(body)
        under = _UNDER.match(body)
        impact = _IMPACT.match(body)
        causative = _CAUSATIVE.match(body)
        resulting = _RESULTING.match(body)
        if _TIME.search(body):
            continue
        if suffered is not None:
            phrase.factors = reader.listed(suffered[1])
            phrase.marked = bool(phrase.factors)
            consequence = True
        elif under is not None:
            phrase.factors = reader.listed(under.group("x")) + reader.event(under.group("rest"))
            phrase.marked, consequence = True, True
        elif resulting is not None:
            phrase.factors, phrase.marked = reader.listed(resulting.group("x")), True
        elif impact is not None:
            subject = impact.group("x").strip(_PUNCT)
            if subject:
                phrase.factors = reader.event(subject)
            else:
                for earlier in pending:
                    earlier.factors, earlier.marked = reader.event(earlier.text), True
            phrase.marked, consequence = True, True
        elif causative is not None:
            subject = causative.group("x").strip(_PUNCT)
            if subject:
                phrase.factors = reader.listed(subject)
            else:
                for earlier in pending:
                    earlier.factors, earlier.marked = reader.event(earlier.text), True
            phrase.marked, consequence = True, True
        elif because:
            phrase.factors = reader.listed(body)
            consequence = True
        elif additive or (not consequence and _ADVERSE.search(body)):
            phrase.factors, phrase.marked = reader.event(body), True
        elif not consequence:
            pending.append(phrase)
        phrases.append(phrase)
    return phrases


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _cause_text(text: str, line: int, reader: _Factors, own_phrase: bool) -> Cause | None:
    """The cause stated in ``text``, or None when it states none.

    With ``own_phrase`` the last ，-phrase of ``text`` opens the indicator's
    own phrase (``全市``, ``导致``): kept only when it names a cause itself.
    """
    phrases = _read_phrases(text, reader)
    if own_phrase and phrases and not phrases[-1].factors:
        phrases = phrases[:-1]
    significant = [i for i, p in enumerate(phrases) if p.marked and p.factors]
    if not significant:
        return None
    kept = phrases[significant[0]:]
    shown = "，".join(p.text for p in kept if p.text).strip(_PUNCT)
    return Cause(shown, _dedupe(f for p in kept for f in p.factors), line)


# --------------------------------------------------------------- clauses


@dataclass
class _Opener:
    """The report's general explanation: a 受…影响 sentence naming no indicator."""

    order: int
    cause: Cause


def _after_first_comma(text: str) -> str:
    m = _PHRASE.search(text)
    return text[m.end():] if m else ""


def _general_marker(text: str) -> bool:
    """``也不同程度受到影响``: affected, without saying by what."""
    for phrase in _PHRASE.split(text):
        suffered = _suffered(phrase)
        if suffered is not None and not suffered[1]:
            return True
    return False


def _clause_causes(
    clause: str, line: int, mentions: list[_Mention], reader: _Factors, general: Cause | None
) -> list[tuple[ScoredIndicator, Cause]]:
    """(row, cause) for the indicators named in one ；-clause."""
    assigned: list[tuple[ScoredIndicator, Cause | None]] = []
    current: Cause | None = None
    position = 0
    for i, mention in enumerate(mentions):
        before = clause[position:mention.start]
        if i > 0:
            before = _after_first_comma(before)  # the previous indicator's figure
        found = _cause_text(before, line, reader, own_phrase=True) if before else None
        current = found or (current if i > 0 else None)
        assigned.append((mention.row, current))
        position = mention.end
    tail = clause[position:]
    after = None
    for start in _AFTER.finditer(tail):
        after = _cause_text(tail[start.start():], line, reader, own_phrase=False)
        if after is not None:
            break
    if after is None and general is not None and _general_marker(clause[position:]):
        after = general
    out: list[tuple[ScoredIndicator, Cause]] = []
    for row, cause in assigned:
        chosen = cause or after
        if chosen is not None:
            out.append((row, chosen))
    return out


def _opener(sentence: str, line: int, reader: _Factors) -> Cause | None:
    first = _strip_opener(_PHRASE.split(sentence)[0].strip(_PUNCT), DISCOURSE)[0]
    suffered = _suffered(first)
    if suffered is None or not suffered[1] or suffered[0].start() != 0:
        return None
    factors = _dedupe(reader.listed(suffered[1]))
    return Cause(suffered[0].group(0), factors, line, general=True) if factors else None


def stated_cause(text: str, line: int, glossary: Glossary | None) -> Cause:
    """A reason the report states after ``主要原因是：`` as a Cause, its factors read with ``glossary``.

    Without a glossary (the Chinese brief shows the words as written) no factors are read.
    """
    if glossary is None:
        return Cause(text, (), line)
    found = _cause_text(text if _AFTER.match(text) else "主要原因是" + text, line, _Factors(glossary), own_phrase=False)
    factors = found.factors if found is not None else ()
    return Cause(text, factors or (text,), line)


def find_causes(
    doc: Document,
    scorecard: Scorecard,
    catalogue: Catalogue,
    glossary: Glossary,
    *,
    statuses: Iterable[Status] = (Status.MISSED,),
) -> dict[int, Cause]:
    """Causes the review prose gives, keyed by the scored row's ``line``, for rows of ``statuses``.

    A row the prose explains in its own words keeps that cause over the
    general one; the first explanation found (reading order) wins.
    """
    if scorecard.origin.kind == "none":
        return {}
    reader = _Factors(glossary)
    rows = list(scorecard.rows())
    finder = _Finder(rows, catalogue)
    kept = set(statuses)
    wanted = {id(r) for r in rows if r.status in kept}
    clauses: list[tuple[int, int, str, list[_Mention]]] = []  # (order, line, clause, mentions)
    openers: list[_Opener] = []
    for order, para in enumerate(review_paragraphs(doc, scorecard.origin.attachment)):
        for sentence in sentences(para.text):
            parts = [c for c in _CLAUSE.split(sentence) if c.strip()]
            found = [(c, finder.mentions(c)) for c in parts]
            if not any(m for _, m in found):
                opener = _opener(sentence, para.span.start, reader)
                if opener is not None:
                    openers.append(_Opener(order, opener))
                continue
            clauses.extend((order, para.span.start, c, m) for c, m in found if m)
    causes: dict[int, Cause] = {}
    for order, line, clause, mentions in clauses:
        before = [o.cause for o in openers if o.order <= order]
        general = before[-1] if before else (openers[0].cause if openers else None)
        for row, cause in _clause_causes(clause, line, mentions, reader, general):
            if id(row) not in wanted:
                continue
            held = causes.get(row.line)
            if held is None or (held.general and not cause.general):
                causes[row.line] = cause
    for line, text in _remarks(doc, scorecard).items():
        if line in causes or not any(id(r) in wanted and r.line == line for r in rows):
            continue
        cause = _cause_text(text, line, reader, own_phrase=False)
        if cause is not None:
            causes[line] = cause
    return causes


def _remarks(doc: Document, scorecard: Scorecard) -> dict[int, str]:
    """Row line -> text of the review table's remarks column (备注), where filled."""
    if scorecard.origin.table is None:
        return {}
    table = doc.tables[scorecard.origin.table]
    columns = [j for j, c in enumerate(table.columns) if c.role is ColumnRole.OTHER and REMARK_HEADER.search(c.header)]
    out: dict[int, str] = {}
    for row in table.rows:
        texts = [row.cells[j].strip() for j in columns if j < len(row.cells) and row.cells[j].strip()]
        if texts:
            out[row.span.start] = "；".join(texts)
    return out
