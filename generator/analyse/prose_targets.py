"""Plan targets stated in prose, for reports without an indicator table.

The national report and many provincial ones give this year's targets only
in words, either as one sentence::

    主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，
    城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；…

or as lead paragraphs (``——国内生产总值增长5%左右。``). Each clause with a
figure becomes a :class:`ProseTarget`: the words before the figure (verbs
such as 控制在 / 保持在 dropped, 增长 / 降低 kept so that the catalogue reads
``国内生产总值增长`` as ``国内生产总值增速``) and the figure with its
qualifier (``5%左右``, ``4.5%—5%``, ``1100万人以上``) parsed as a target.
The standard qualitative targets of the genre (``居民收入增长和经济增长同步``,
``国际收支保持基本平衡``; :data:`QUALITATIVE_TARGETS`) are read too, with the
wording as their (qualitative) target, after the targets with figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.analyse.scorecard import part_paragraphs
from generator.document import Document, Paragraph, ParagraphKind
from generator.errors import ParseError
from generator.quantities import find_quantities
from generator.targets import Target, TargetKind, parse_target
from generator.text import normalise, sentences

# A sentence that introduces the list of targets, up to its colon.
INTRO = re.compile(r"(?:主要预期目标|主要目标|预期目标|发展目标)(?:是|为|如下)?[:：]")
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
)
_TARGET_KINDS = (
    TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.RANGE,
)


@dataclass(frozen=True)
class ProseTarget:
    name_zh: str
    target_text: str
    target: Target
    line: int
    clause: str


def _clean_name(text: str) -> str:
    name = text.strip(" “”\"'——-")
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


def targets_in(text: str, line: int) -> list[ProseTarget]:
    """Every ``name + figure`` clause of a stretch of target prose."""
    out: list[ProseTarget] = []
    qualitative: list[ProseTarget] = []  # listed after the figures
    for clause in _CLAUSES.split(normalise(text)):
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
    for pattern in QUALITATIVE_TARGETS:
        m = pattern.match(clause.strip())
        if m:
            name = _clean_name(m.group("name"))
            if len(name) >= 2:
                wording = m.group("target")
                return ProseTarget(name, wording, parse_target(wording), line, clause)
    return None


def _outlook(doc: Document) -> list[Paragraph]:
    return [p for part in doc.parts if part.role == "outlook" for p in part_paragraphs(part)]


def extract_plan_targets(doc: Document) -> list[ProseTarget]:
    """This year's targets from the outlook prose (intro sentence, else lead paragraphs)."""
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
            leads.extend(targets_in(para.text, para.span.start))
    return leads
