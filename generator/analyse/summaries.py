"""Section summaries, key figures per section and the report's headline figures.

:func:`summarize` gives, for every section of the review and tasks parts and
of the outlook part (the overview), a Chinese summary: the section's title
sentence, its item titles (``一是…；二是…``) and then the most informative
whole sentences — chosen greedily by figure density, position in the
paragraph and novelty against what is already chosen — within a character
budget, in source order. Where a section states figures in sentences that
fit, sentences without any are left out unless they open a section that has
no item titles (its thrust). A section of the plan (the tasks part) is
summarised by its topic instead: sentences of its items that share the key
terms of its title and item titles, one item after another, so an industry
section is not summarised by a farmland figure and a risk section names each
risk. An enumeration never dangles: a lone item title has no ``一是`` and a
chosen sentence drops the ``二是`` it opens with. When nothing fits because the best sentence is longer than the
budget, its leading clauses are used, cut at a ``；``/``：`` boundary (else at
a ``，``) and marked ``……``. Each section also gets its top key figures
(:mod:`generator.analyse.figures`), and the report its headline figures,
taken from the lead ``——`` paragraphs of the review part (never a count of
countries, ports, products or listings unless nothing better is there), followed, for a report that states its
targets in prose, by this year's headline targets (``target`` figures: the
growth, jobs, unemployment and price targets). Bracketed cross-references
to boxes and charts printed elsewhere (``（见专栏6）``) are no summary text.

:func:`summarize_json` is the JSON form printed by ``python -m generator
summarize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from generator.analyse.figures import (
    Horizon, KeyFigure, extract_figures, figure_score, headline_grade, metric_priority, rank_figures,
)
from generator.analyse.tallies import parse_tally
from generator.document import Document, Paragraph, ParagraphKind, Part, Section
from generator.errors import ParseError
from generator.quantities import parse_quantity, without_references
from generator.targets import TargetKind
from generator.text import sentences
from generator.analyse.prose_targets import extract_plan_targets, split_statement

SECTION_ROLES: tuple[str, ...] = ("review", "tasks")
OVERVIEW_ROLES: tuple[str, ...] = ("outlook",)
HEADLINE_ROLE = "review"

DEFAULT_BUDGET = 200
DEFAULT_MAX_FIGURES = 5
DEFAULT_MAX_HEADLINE = 8
MAX_HEADLINE_TARGETS = 4  # this year's targets shown after the outcomes …
MAX_OUTCOMES_WITH_TARGETS = 6  # … when the outcomes are cut to this many
_NUMERIC_TARGETS = (TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.RANGE)

# Sentence choice: weight of figure density, of position, and the overlap
# with chosen text above which a sentence is a repetition.
DENSITY_WEIGHT = 1.0
POSITION_WEIGHT = 0.6
NOVELTY_WEIGHT = 1.0
REPEAT_OVERLAP = 0.6
# A plan section is summarised by its topic: the key terms of its title and item titles (their
# two-character pieces, the words below left out). A sentence sharing at least TOPIC_MIN of them is
# on topic; only such sentences are chosen, the more shared the better (up to TOPIC_CAP), and a
# sentence from an item not yet covered is preferred (a risk section names each risk, not one risk
# twice). A review section is summarised by its figures, as above.
TOPIC_STOPWORDS: tuple[str, ...] = (
    "进一步", "高质量", "全方位", "持续用力", "坚定不移", "聚焦", "推动", "推进", "加快", "持续", "促进", "全力", "大力",
    "着力", "积极", "深入", "全面", "加强", "强化", "提升", "提高", "不断", "切实", "更好", "发展", "建设", "有效",
    "实施", "扎实", "稳步", "工作", "水平", "能力", "体系", "更加", "坚持", "统筹",
)
TOPIC_MIN = 1
TOPIC_CAP = 6
TITLE_TERM_WEIGHT = 2  # a key term of the title counts twice one of an item title
TOPIC_WEIGHT = 2.0
COVERAGE_WEIGHT = 0.6
# Parts summarised by their topic (what is planned), not by their figures (what was achieved).
TOPIC_ROLES: tuple[str, ...] = ("tasks",)
# An enumeration opening a sentence of the body (一是…, 二是…): without its siblings it dangles.
ORDINAL_OPENER = re.compile(r"^[一二三四五六七八九十]+是")
MIN_ITEMS_SHOWN = 2  # 一是X。 alone promises a 二是 that never comes

# Cutting a sentence that alone exceeds the budget: boundaries by strength
# (a ；/： clause reads as a unit; a ， clause only as a last resort), the
# shortest useful cut, and the mark of the omission.
CUT_BOUNDARIES: tuple[str, ...] = ("；：", "，")
MIN_CUT = 20
ELLIPSIS = "……"

_ORDINAL_CHARS = "一二三四五六七八九十"
_STOPS = "。！？"


@dataclass(frozen=True)
class SectionSummary:
    """Summary and key figures of one ``（一）`` section."""

    part: int
    part_title: str
    role: str
    number: int
    marker: str
    title: str
    summary_zh: str  # title sentence, item titles, chosen sentences
    body_zh: str  # the chosen sentences only (for layouts showing title and items apart)
    items: tuple[str, ...]
    key_figures: tuple[KeyFigure, ...]
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "part_title": self.part_title,
            "number": self.number,
            "title": self.title,
            "summary_zh": self.summary_zh,
            "items": list(self.items),
            "key_figures": [f.to_dict() for f in self.key_figures],
            "line": self.line,
        }


@dataclass(frozen=True)
class Summaries:
    sections: tuple[SectionSummary, ...]  # review and tasks parts
    overview: tuple[SectionSummary, ...]  # the outlook part
    headline: tuple[KeyFigure, ...]


@dataclass(frozen=True)
class _Candidate:
    order: int  # reading order within the section
    text: str
    score: float  # density and position; novelty is judged at choice time
    figures: int = 0  # how many named figures it states
    opening: bool = False  # first body sentence of the section
    topic: int = 0  # how many of the section's key terms it shares
    item: int = 0  # the item paragraph it belongs to (0: none)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in _STOPS else text + "。"


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 1.0


def _items_clause(items: list[str], room: int) -> str:
    """``一是X；二是Y。`` with as many items as fit in ``room`` characters, never ``一是X。`` alone.

    A section with a single item gives its title without the ordinal.
    """
    if len(items) == 1:
        single = items[0].rstrip("。；") + "。"
        return single if len(single) <= room else ""
    clause = ""
    shown = 0
    for n, title in enumerate(items, 1):
        ordinal = _ORDINAL_CHARS[n - 1] if n <= 10 else str(n)
        candidate = (clause[:-1] + "；" if clause else "") + f"{ordinal}是{title.rstrip('。；')}。"
        if len(candidate) > room:
            break
        clause, shown = candidate, n
    return clause if shown >= MIN_ITEMS_SHOWN else ""


def _key_terms(text: str) -> set[str]:
    for word in sorted(TOPIC_STOPWORDS, key=len, reverse=True):
        text = text.replace(word, "|")
    pieces: set[str] = set()
    for chunk in re.split(r"[|，、；：。“”（）\s和与及的]", text):
        pieces |= _bigrams(chunk)
    return pieces


def topic_terms(section: Section) -> tuple[set[str], set[str]]:
    """The key terms of a section: two-character pieces of its title, and of its item titles (function words left out)."""
    items: set[str] = set()
    for p in section.items:
        if p.title:
            items |= _key_terms(p.title)
    return _key_terms(section.title), items


def topic_share(sentence: str, terms: tuple[set[str], set[str]]) -> int:
    """How many key terms ``sentence`` shares: the title's count TITLE_TERM_WEIGHT times."""
    grams = _bigrams(sentence)
    title, items = terms
    return TITLE_TERM_WEIGHT * len(grams & title) + len(grams & (items - title))


def _is_heading_sentence(sentence: str, section: Section) -> bool:
    bare = sentence.rstrip(_STOPS).strip()
    if bare == section.title or bare.endswith(section.title):
        return True
    return any(
        p.kind is ParagraphKind.ITEM and p.title and bare.endswith(p.title.rstrip(_STOPS))
        and len(bare) - len(p.title) <= 3
        for p in section.paragraphs
    )


def _candidates(section: Section, by_topic: bool = False) -> list[_Candidate]:
    """Every sentence of the section other than its title and item titles, scored.

    Density of figures and position in its paragraph; ``by_topic``: also the key terms of the
    section it shares. A leading ``一是`` of the body is dropped (the sentence stands without its
    siblings).
    """
    topic = topic_terms(section)
    out: list[_Candidate] = []
    order = 0
    item = 0
    for paragraph in section.paragraphs:
        position = 0
        if paragraph.kind is ParagraphKind.ITEM:
            item += 1
        for sentence in sentences(paragraph.text):
            order += 1
            sentence = ORDINAL_OPENER.sub("", without_references(sentence).strip())
            if not sentence or _is_heading_sentence(sentence, section):
                continue
            figures = [f for f in extract_figures([Paragraph(sentence, paragraph.span)]) if f.metric_zh]
            info = sum(max(figure_score(f), 0.0) for f in figures)
            density = info / max(len(sentence), 1) * 10
            shared = topic_share(sentence, topic)
            score = DENSITY_WEIGHT * density + POSITION_WEIGHT / (1 + position)
            if by_topic:
                score += TOPIC_WEIGHT * min(shared, TOPIC_CAP) / TOPIC_CAP
            out.append(_Candidate(order, sentence, score, len(figures), opening=not out, topic=shared,
                                  item=item if paragraph.kind is ParagraphKind.ITEM else 0))
            position += 1
    return out


def cut_sentence(sentence: str, room: int) -> str:
    """The leading clauses of ``sentence`` that fit in ``room`` with the ``……`` mark.

    Cut at the last ``；``/``：`` that fits, else at the last ``，``; never
    inside a clause. ``""`` when no cut of at least MIN_CUT characters fits.
    """
    limit = room - len(ELLIPSIS)
    for marks in CUT_BOUNDARIES:
        ends = [i for i, ch in enumerate(sentence[:limit + 1]) if ch in marks and MIN_CUT <= i]
        if ends:
            return sentence[: ends[-1]] + ELLIPSIS
    return ""


def _eligible(candidates: list[_Candidate], has_items: bool, by_topic: bool = False) -> list[_Candidate]:
    """Sentences worth showing.

    By figures: without figures only where no sentence has any, or as the thrust (the opening
    sentence of a section without item titles). By topic: the sentences on the section's topic
    (every one when none is).
    """
    if by_topic:
        # the title and item titles already give the thrust: the sentences of the items say what is done
        in_items = [c for c in candidates if c.item or not has_items]
        return [c for c in in_items if c.topic >= TOPIC_MIN] or in_items or candidates
    if not any(c.figures for c in candidates):
        return candidates
    return [c for c in candidates if c.figures or (c.opening and not has_items)]


def summarize_section(section: Section, budget: int = DEFAULT_BUDGET, by_topic: bool = False) -> tuple[str, str]:
    """(summary, chosen sentences) of one section within ``budget`` characters.

    The title sentence always comes first, even when it alone exceeds the
    budget; no sentence is used twice. A sentence is cut (:func:`cut_sentence`)
    only when none fits whole. ``by_topic``: sentences on the section's topic, one
    item after another (a plan section), else sentences with figures (a review).
    """
    head = _sentence(section.title)
    items = [p.title for p in section.items if p.title]
    head += _items_clause(items, budget - len(head))
    room = budget - len(head)
    chosen: list[_Candidate] = []
    seen = _bigrams(head)
    everything = _candidates(section, by_topic)
    candidates = _eligible(everything, bool(items), by_topic)
    pool = [c for c in candidates if len(c.text) <= room] or [c for c in everything if len(c.text) <= room]
    if not pool and candidates:
        best = max(candidates, key=lambda c: (c.score, -c.order))
        cut = cut_sentence(best.text, room)
        pool = [replace(best, text=cut)] if cut else []
    covered: set[int] = set()
    while pool:
        def value(c: _Candidate) -> float:
            fresh = COVERAGE_WEIGHT if by_topic and c.item and c.item not in covered else 0.0
            return c.score + NOVELTY_WEIGHT * (1 - _overlap(_bigrams(c.text), seen)) + fresh

        best = max(pool, key=lambda c: (value(c), -c.order))
        pool.remove(best)
        grams = _bigrams(best.text)
        if len(best.text) > room or _overlap(grams, seen) >= REPEAT_OVERLAP:
            continue
        chosen.append(best)
        covered.add(best.item)
        seen |= grams
        room -= len(best.text)
        pool = [c for c in pool if len(c.text) <= room and c.text != best.text]
    body = "".join(c.text for c in sorted(chosen, key=lambda c: c.order))
    return head + body, body


def _without_rationale(section: Section) -> Section:
    """The section with each lead target statement cut before its rationale (主要考虑：…).

    The rationale restates the targets and cites history (连续N年…以上): neither is what the
    section's summary and key figures should show.
    """

    paragraphs = []
    for para in section.paragraphs:
        if para.kind is ParagraphKind.LEAD:
            statement, segments = split_statement(para.text)
            if segments:
                para = replace(para, text=statement.strip())
        paragraphs.append(para)
    return replace(section, paragraphs=paragraphs)


def _section_summary(part: Part, section: Section, budget: int, max_figures: int) -> SectionSummary:
    if part.role in OVERVIEW_ROLES:
        section = _without_rationale(section)
    summary, body = summarize_section(section, budget, by_topic=part.role in TOPIC_ROLES)
    figures = rank_figures(extract_figures(section.paragraphs), max_figures)
    return SectionSummary(
        part=part.number, part_title=part.title, role=part.role, number=section.number,
        marker=section.marker, title=section.title, summary_zh=summary, body_zh=body,
        items=tuple(p.title for p in section.items if p.title), key_figures=tuple(figures),
        line=section.span.start,
    )


def _headline_score(fig: KeyFigure) -> float:
    return metric_priority(fig.metric_zh) + figure_score(fig) / 10


def _without_tallies(para: Paragraph) -> Paragraph | None:
    """The paragraph without its tally sentences (None when nothing else is left)."""
    every = sentences(para.text)
    kept = [s for s in every if not parse_tally(s, "review", para.span.start)]
    if not kept:
        return None
    return para if len(kept) == len(every) else replace(para, text="".join(kept))


def headline_figures(doc: Document, limit: int = DEFAULT_MAX_HEADLINE) -> list[KeyFigure]:
    """The report's headline figures, best first, then this year's headline targets.

    From the lead ``——`` paragraphs of the review part; when they hold no
    figure, from its other opening paragraphs, and then from the whole part.
    Sentences counting the report's own targets (``20项主要指标中，17项完成``)
    and counts of countries, products or listed companies are no headline figures,
    unless the lead paragraphs give nothing better.
    """
    targets = headline_targets(doc, MAX_HEADLINE_TARGETS)
    review = [p for p in doc.parts if p.role == HEADLINE_ROLE] or doc.parts[:1]
    sources: list[list[Paragraph]] = []
    for part in review:
        sources.append([p for p in part.intro if p.kind is ParagraphKind.LEAD])
        sources.append([q for q in map(_without_tallies, part.intro) if q is not None])
        sources.append([p for s in part.sections for p in s.paragraphs])
    outcomes = min(limit, MAX_OUTCOMES_WITH_TARGETS) if targets else limit
    for paragraphs in sources:
        figures = [f for f in extract_figures(paragraphs) if f.metric_zh and headline_grade(f)]
        if figures:
            ranked = rank_figures(figures)
            ranked.sort(key=lambda f: (-_headline_score(f), f.index))
            return ranked[:outcomes] + targets
    # nothing better: the counts of the lead paragraphs (listings, reform items) after all
    counts = [f for f in extract_figures(sources[0] if sources else []) if f.metric_zh and f.horizon is Horizon.YEAR]
    return rank_figures(counts)[:outcomes] + targets


def headline_targets(doc: Document, limit: int = MAX_HEADLINE_TARGETS) -> list[KeyFigure]:
    """This year's headline-grade targets stated in prose (none for a report with indicator tables)."""
    if limit <= 0 or any(t.kind == "indicator" for t in doc.tables):
        return []

    found: list[KeyFigure] = []
    for i, target in enumerate(extract_plan_targets(doc)):
        if target.target.kind not in _NUMERIC_TARGETS:
            continue
        try:
            quantity = parse_quantity(target.target_text)
        except ParseError:
            continue
        fig = KeyFigure(metric_zh=target.name_zh, quantity=quantity, kind="target", line=target.line,
                        sentence=target.clause, index=i, group=-1, target=True)
        if metric_priority(fig.metric_zh) > 0:
            found.append(fig)
    best = sorted(found, key=lambda f: (-metric_priority(f.metric_zh), f.index))[:limit]
    return sorted(best, key=lambda f: f.index)


def _parts(doc: Document, roles: Iterable[str]) -> list[Part]:
    return [p for p in doc.parts if p.role in roles]


def summarize(
    doc: Document, budget: int = DEFAULT_BUDGET, max_figures: int = DEFAULT_MAX_FIGURES,
    max_headline: int = DEFAULT_MAX_HEADLINE,
) -> Summaries:
    """Summaries of the review and tasks sections, the outlook overview and the headline."""
    section_parts = _parts(doc, SECTION_ROLES)
    overview_parts = _parts(doc, OVERVIEW_ROLES)
    if not section_parts and not overview_parts:
        section_parts = [p for p in doc.parts if p.sections]  # structure without roles
    return Summaries(
        sections=tuple(
            _section_summary(part, s, budget, max_figures) for part in section_parts for s in part.sections
        ),
        overview=tuple(
            _section_summary(part, s, budget, max_figures) for part in overview_parts for s in part.sections
        ),
        headline=tuple(headline_figures(doc, max_headline)),
    )


def summarize_json(doc: Document, budget: int = DEFAULT_BUDGET) -> dict[str, Any]:
    """JSON form for ``python -m generator summarize FILE --budget N``."""
    result = summarize(doc, budget=budget)
    return {
        "sections": [s.to_dict() for s in result.sections],
        "overview": [s.to_dict() for s in result.overview],
        "headline": [f.to_dict() for f in result.headline],
    }
