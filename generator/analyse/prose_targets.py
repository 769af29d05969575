"""Plan targets stated in prose, for reports without an indicator table.

The national report, work reports and many provincial ones give this year's
targets only in words, either as one sentence::

    主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，
    城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；…

or as lead paragraphs, each a *target statement* followed by its rationale::

    ——城镇调查失业率5%左右，城镇新增就业80万人以上。关于城镇调查失业率，
    主要考虑：……与上年保持一致……

Each clause of a target statement with a figure becomes a
:class:`ProseTarget`: the words before the figure (verbs such as 控制在 /
保持在 dropped, 增长 / 降低 kept so that the catalogue reads ``国内生产总值增长``
as ``国内生产总值增速``) and the figure with its qualifier (``5%左右``,
``4.5%—5%``, ``1100万人以上``) parsed as a target. A clause without a figure
is a qualitative target when it states one of the genre's standard forms
(:data:`QUALITATIVE_TARGETS`: ``居民收入和经济增长基本同步``,
``国际收支基本平衡``, ``进出口促稳提质``, ``空气质量持续改善``); they are listed after
the targets with figures of their statement.

Only target statements count. The rationale (from ``主要考虑：`` or
``关于X，主要考虑：`` on, :data:`RATIONALE`) never adds a target — it restates
them (``将…目标定为6%左右``) and cites history (``连续N年稳定在…以上``) —
but it may say how a target changed from last year: ``与上年保持一致`` /
``与2030年目标保持一致`` (unchanged), ``比上年提高`` (raised), ``比上年降低``
(lowered) (:data:`CHANGE_STATEMENTS`), which :attr:`ProseTarget.stated_change`
carries to the plan comparison. A clause of a statement that tells history
(``连续10年``, ``首次``) is no target either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.lexicon.catalogue import name_key
from generator.analyse.metric_names import ABBREVIATION
from generator.analyse.scorecard import part_paragraphs
from generator.document import Document, Paragraph, ParagraphKind
from generator.errors import ParseError
from generator.quantities import find_quantities
from generator.targets import Target, TargetKind, parse_target
from generator.text import normalise, sentences

# A sentence that introduces the list of targets, up to its colon.
INTRO = re.compile(r"(?:主要预期目标|主要目标|预期目标|发展目标)(?:是|为|如下)?[:：]")
# Where a lead paragraph's rationale starts: the rest of the paragraph adds no target.
RATIONALE = re.compile(
    r"(?:关于(?P<subject>[^，,：:。；;]{2,30})[，,]\s*)?(?:主要考虑|考虑因素|设定依据|主要依据|设定理由)(?:是|为|如下)?[:：]"
)
# Words around the name that are not part of it (verbs, adverbs, connectors).
LEADING_WORDS: tuple[str, ...] = ("其中", "全年", "力争", "确保", "努力", "实现", "以及", "并", "和", "及")
TRAILING_WORDS: tuple[str, ...] = (
    "全年控制在", "控制在", "保持在", "稳定在", "提高到", "提高至", "达到", "达", "为", "在", "全年", "年均", "左右",
)
_CLAUSES = re.compile(r"[；;，,。]")
# Clauses without a figure that state a target: name, then the qualitative wording.
QUALITATIVE_TARGETS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?P<name>.+?)(?P<target>(?:和|与|同)经济增长(?:基本)?同步)$"),
    re.compile(r"^(?P<name>.+?)(?P<target>(?:保持|实现)?基本平衡)$"),
    re.compile(r"^(?P<name>.+?)(?P<target>(?:促稳|稳量|保稳|稳中)提质)$"),
    re.compile(r"^(?P<name>.+?)(?P<target>(?:持续|稳步|进一步)(?:改善|提升|提高))$"),
)
MAX_QUALITATIVE_CLAUSE = 24  # a longer clause is a policy, not a target
_TARGET_KINDS = (
    TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.RANGE,
)
# A clause about the past, not a target: 连续10年稳定在…, 首次突破…, 2030年达到…
HISTORY = re.compile(r"连续\s*\d+\s*年|首次|历史新高|创历史")
# What a rationale may say about the change from last year: (change kind, pattern).
_LAST_YEAR = r"(?:上年|上一年|去年|前两年|过去两年|近两年|往年|(?:19|20)\d\d年)"
CHANGE_STATEMENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unchanged", re.compile(rf"(?:与|和|同){_LAST_YEAR}(?:的)?(?:预期)?(?:目标)?(?:保持一致|一致|相同|持平)")),
    ("raised", re.compile(rf"(?:比|较){_LAST_YEAR}(?:的)?(?:预期)?(?:目标)?(?:提高|调高|上调)")),
    ("lowered", re.compile(rf"(?:比|较){_LAST_YEAR}(?:的)?(?:预期)?(?:目标)?(?:降低|调低|下调)")),
)


@dataclass(frozen=True)
class StatedChange:
    """How the report says a target changed from last year's: its words and where."""

    kind: str  # "unchanged" | "raised" | "lowered"
    text: str
    line: int


@dataclass(frozen=True)
class ProseTarget:
    name_zh: str
    target_text: str
    target: Target
    line: int
    clause: str
    stated_change: StatedChange | None = None


def _clean_name(text: str) -> str:
    name = ABBREVIATION.sub("", text).strip(" “”\"'——-")
    changed = True
    while changed and name:
        changed = False
        for word in LEADING_WORDS:
            if name.startswith(word) and len(name) > len(word):
                name, changed = name[len(word):], True
        for word in TRAILING_WORDS:
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[: -len(word)], True
    return name.strip()


def _historical(clause: str) -> bool:
    return HISTORY.search(clause) is not None


def targets_in(text: str, line: int) -> list[ProseTarget]:
    """Every target clause of a target statement (figures first, then qualitative targets)."""
    out: list[ProseTarget] = []
    qualitative: list[ProseTarget] = []  # listed after the figures
    for clause in _CLAUSES.split(normalise(text)):
        if _historical(clause):
            continue
        try:
            found = find_quantities(clause)
        except ParseError:
            continue
        if not found:
            found_q = _qualitative(clause, line)
            if found_q is not None:
                qualitative.append(found_q)
            continue
        first = found[0]
        name = _clean_name(clause[: first.start])
        figure = clause[first.start: first.end]
        if not name or len(name) < 2:
            continue
        target = parse_target(figure)
        if target.kind not in _TARGET_KINDS:
            continue
        out.append(ProseTarget(name, figure, target, line, clause))
    return out + qualitative


def _qualitative(clause: str, line: int) -> ProseTarget | None:
    clause = clause.strip()
    if len(clause) > MAX_QUALITATIVE_CLAUSE:
        return None
    for pattern in QUALITATIVE_TARGETS:
        m = pattern.match(clause)
        if m:
            name = _clean_name(m.group("name"))
            if len(name) >= 2:
                wording = m.group("target")
                return ProseTarget(name, wording, parse_target(wording), line, clause)
    return None


def _outlook(doc: Document) -> list[Paragraph]:
    return [p for part in doc.parts if part.role == "outlook" for p in part_paragraphs(part)]


def split_statement(text: str) -> tuple[str, list[tuple[str | None, str]]]:
    """(target statement, rationale segments as (subject, text)) of a lead paragraph.

    ``——A5%左右，B6%以上。关于A，主要考虑：…。关于B，主要考虑：…`` ->
    (``——A5%左右，B6%以上。``, [(A, …), (B, …)]).
    """
    marks = list(RATIONALE.finditer(text))
    if not marks:
        return text, []
    segments = []
    for mark, following in zip(marks, [*marks[1:], None]):
        end = following.start() if following is not None else len(text)
        segments.append((mark.group("subject"), text[mark.end():end]))
    return text[: marks[0].start()], segments


def _mentions(text: str, target: ProseTarget) -> bool:
    """Does ``text`` name the target (its name, folded) or quote its figure?"""
    key = name_key(text)
    name = name_key(target.name_zh)
    return (len(name) >= 2 and name in key) or (len(target.target_text) >= 2 and target.target_text in normalise(text))


def _subject_of(subject: str, target: ProseTarget) -> bool:
    a, b = name_key(subject), name_key(target.name_zh)
    return bool(a) and (a in b or b in a)


def stated_changes(segments: list[tuple[str | None, str]], targets: list[ProseTarget], line: int) -> list[ProseTarget]:
    """``targets`` with what their rationale says of the change from last year."""
    out: list[ProseTarget] = []
    for target in targets:
        own = [text for subject, text in segments if subject and _subject_of(subject, target)]
        shared = [text for subject, text in segments if not subject]
        change = None
        for text, specific in [*((t, True) for t in own), *((t, False) for t in shared)]:
            for sentence in sentences(text):
                for clause in re.split(r"[；;]", sentence):
                    for kind, pattern in CHANGE_STATEMENTS:
                        m = pattern.search(normalise(clause))
                        if m and (specific or len(targets) == 1 or _mentions(clause, target)):
                            change = change or StatedChange(kind, clause.strip(" ，,。"), line)
        out.append(target if change is None else ProseTarget(
            target.name_zh, target.target_text, target.target, target.line, target.clause, change))
    return out


def extract_plan_targets(doc: Document) -> list[ProseTarget]:
    """This year's targets from the outlook prose (intro sentence, else lead target statements)."""
    paragraphs = _outlook(doc) or list(doc.paragraphs())
    for para in paragraphs:
        for sentence in sentences(para.text):
            m = INTRO.search(normalise(sentence))
            if m:
                found = targets_in(sentence[m.end():], para.span.start)
                if found:
                    return found
    leads: list[ProseTarget] = []
    for para in _outlook(doc):
        if para.kind is ParagraphKind.LEAD:
            statement, segments = split_statement(para.text)
            found = targets_in(statement, para.span.start)
            leads.extend(stated_changes(segments, found, para.span.start))
    return leads
