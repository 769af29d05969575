"""Major-project figures from the prose: totals, by sector, by funding source.

Reports summarise their major (重大) projects in one paragraph per year:

    实施X级重大建设项目N个，总投资T万亿元，全年X级重大项目完成投资I亿元，
    超年度计划P个百分点。…A、B、C…六个板块项目，分别完成投资x亿元、y亿元…，
    分别占年度计划的p%、q%…，其中A、C共完成投资S亿元，占X级重大项目的r%。
    分投资来源看，政府投资项目G个，完成投资g亿元、占年度计划的s%；…

    计划实施X级重大建设项目N个，总投资约T万亿元，年度计划完成投资约I亿元。
    从重点领域来看，A领域计划实施X级重大建设项目n个，总投资约t亿元，
    年度计划完成投资约i亿元；B领域…

A paragraph is a project summary when it names 重大…项目 with a count and
has a breakdown (``分别完成投资``, ``…领域计划实施``, ``分投资来源``). The
patterns are tables below; every figure keeps its source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.analyse.scorecard import part_paragraphs
from generator.analyse.scoring import fmt
from generator.document import Document, Paragraph
from generator.errors import ParseError
from generator.quantities import Quantity, find_quantities, parse_quantity
from generator.text import normalise, sentences

_Q = r"(?:约|近|超过|逾)?\d+(?:\.\d+)?(?:万亿|千亿|亿|万)?元"
COUNT = re.compile(r"(?:计划)?(?:实施|安排|推进)(?P<label>[^，。；\d]{0,12}?重大(?:建设)?项目)(?P<n>\d+)个")
TOTAL_INVESTMENT = re.compile(r"总投资(?P<q>" + _Q + ")")
INVESTMENT = re.compile(r"(?P<verb>年度计划完成投资|计划完成投资|完成投资)(?P<q>" + _Q + ")")
SHARE_OF_PLAN = re.compile(r"(?:实现|占|完成|达到)年度计划的?(?P<p>\d+(?:\.\d+)?)%")
OVER_PLAN = re.compile(r"超(?:过|出)?年度计划(?P<pp>\d+(?:\.\d+)?)个百分点")
GROWTH = re.compile(r"较上年(?:初)?(?:计划)?增长(?P<g>\d+(?:\.\d+)?)%")
# 六个板块项目，分别完成投资…，分别占年度计划的…
RESPECTIVE = re.compile(
    r"(?P<names>[^，。；：:]+?)(?:[一二三四五六七八九十\d]+个)?(?:板块|领域|方面|类)?(?:项目)?，?"
    r"分别(?:完成投资|完成|投资)(?P<values>[^，。；]+)(?:，分别占年度计划的?(?P<shares>[^，。；]+))?"
)
SUBTOTAL = re.compile(
    r"其中(?P<names>[^，。；]+?)共(?:完成投资|完成|投资)(?P<q>" + _Q + r")(?:，占(?P<of>[^，。；]*?)的?(?P<p>\d+(?:\.\d+)?)%)?"
)
# 从重点领域来看，A领域计划实施…；B领域…
SECTOR_PIECE = re.compile(r"^(?:从[^，]*?来看，|分[^，]*?看，)?(?P<name>[^，；]{2,12}?)(?:领域|板块)")
SOURCE_SENTENCE = re.compile(r"(?:投资|资金)来源")
SOURCE_PIECE = re.compile(r"(?P<name>[^，；、]{2,6}?)投资项目(?P<n>\d+)个")
PLAN_BASE = Decimal(100)  # 超年度计划P个百分点 = (100 + P)% of the plan
ANCHOR = re.compile(r"分别完成投资|领域计划实施|板块项目|(?:投资|资金)来源")


@dataclass
class ProjectGroup:
    """A sector or a funding source."""

    name: str
    count: int | None = None
    total_investment: Quantity | None = None
    investment: Quantity | None = None  # completed (review) or planned for the year (plan)
    share_of_plan: Quantity | None = None
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "count": self.count, "total_investment": _q(self.total_investment),
            "investment": _q(self.investment), "share_of_plan": _q(self.share_of_plan), "line": self.line,
        }


@dataclass
class Subtotal:
    """``其中A、B、C共完成投资S，占…的r%``."""

    names: list[str]
    investment: Quantity
    share: Quantity | None
    of: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"names": self.names, "investment": _q(self.investment), "share": _q(self.share), "of": self.of, "line": self.line}


@dataclass
class ProjectSummary:
    stage: str  # "review" | "plan"
    label: str  # 市级重大建设项目
    line: int
    count: int | None = None
    total_investment: Quantity | None = None
    investment: Quantity | None = None
    investment_verb: str = ""  # 完成投资 / 年度计划完成投资
    share_of_plan: Quantity | None = None
    growth: Quantity | None = None  # 较上年初计划增长
    sectors: list[ProjectGroup] = field(default_factory=list)
    sources: list[ProjectGroup] = field(default_factory=list)
    subtotals: list[Subtotal] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage, "label": self.label, "line": self.line, "count": self.count,
            "total_investment": _q(self.total_investment), "investment": _q(self.investment),
            "investment_verb": self.investment_verb, "share_of_plan": _q(self.share_of_plan),
            "growth": _q(self.growth), "sectors": [g.to_dict() for g in self.sectors],
            "sources": [g.to_dict() for g in self.sources], "subtotals": [s.to_dict() for s in self.subtotals],
        }


@dataclass
class Projects:
    review: ProjectSummary | None
    plan: ProjectSummary | None

    def summaries(self) -> list[ProjectSummary]:
        return [s for s in (self.review, self.plan) if s is not None]

    def to_dict(self) -> dict[str, Any]:
        return {"review": self.review.to_dict() if self.review else None, "plan": self.plan.to_dict() if self.plan else None}


def _q(q: Quantity | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"value": str(q.value), "unit": q.unit, "text": q.text, "qualifier": q.qualifier.value if q.qualifier else None}


def _quantity(text: str | None) -> Quantity | None:
    if not text:
        return None
    try:
        return parse_quantity(text)
    except ParseError:
        return None


def _percent(value: str) -> Quantity:
    return parse_quantity(f"{value}%")


def _names(text: str) -> list[str]:
    text = re.sub(r"^.*?(?:中|看|来看)，", "", text)
    text = re.sub(r"(?:[一二三四五六七八九十\d]+个)?(?:板块|领域|方面|类)?(?:项目)?$", "", text)
    return [n.strip() for n in text.split("、") if n.strip()]


def _figures(text: str) -> list[Quantity]:
    try:
        return [m.quantity for m in find_quantities(text)]
    except ParseError:
        return []


def _totals(summary: ProjectSummary, sentence: str) -> None:
    if m := TOTAL_INVESTMENT.search(sentence):
        summary.total_investment = _quantity(m.group("q"))
    tail = sentence[TOTAL_INVESTMENT.search(sentence).end():] if TOTAL_INVESTMENT.search(sentence) else sentence
    if m := INVESTMENT.search(tail):
        summary.investment, summary.investment_verb = _quantity(m.group("q")), m.group("verb")
    if m := SHARE_OF_PLAN.search(sentence):
        summary.share_of_plan = _percent(m.group("p"))
    elif m := OVER_PLAN.search(sentence):
        summary.share_of_plan = _percent(fmt(PLAN_BASE + Decimal(m.group("pp"))))
    if m := GROWTH.search(sentence):
        summary.growth = _percent(m.group("g"))


def _respective(summary: ProjectSummary, sentence: str, line: int) -> None:
    m = RESPECTIVE.search(sentence)
    if not m:
        return
    names = _names(m.group("names"))
    values = _figures(m.group("values"))
    shares = _figures(m.group("shares") or "")
    if len(names) < 2 or len(values) != len(names):
        return
    for i, name in enumerate(names):
        share = shares[i] if len(shares) == len(names) else None
        summary.sectors.append(ProjectGroup(name, investment=values[i], share_of_plan=share, line=line))
    for s in SUBTOTAL.finditer(sentence):
        q = _quantity(s.group("q"))
        if q is not None:
            share = _percent(s.group("p")) if s.group("p") else None
            summary.subtotals.append(Subtotal(_names(s.group("names")), q, share, s.group("of") or "", line))


def _pieces(summary: ProjectSummary, sentence: str, line: int) -> None:
    """``A领域计划实施…项目N个，总投资约X，年度计划完成投资约Y；B领域…``."""
    for piece in re.split(r"[；;]", sentence):
        m = SECTOR_PIECE.match(piece)
        count = COUNT.search(piece)
        if not m or not count:
            continue
        group = ProjectGroup(m.group("name"), count=int(count.group("n")), line=line)
        if t := TOTAL_INVESTMENT.search(piece):
            group.total_investment = _quantity(t.group("q"))
        if i := INVESTMENT.search(piece):
            group.investment = _quantity(i.group("q"))
        summary.sectors.append(group)


def _sources(summary: ProjectSummary, sentence: str, line: int) -> None:
    for piece in re.split(r"[；;]", sentence):
        m = SOURCE_PIECE.search(piece)
        if not m:
            continue
        group = ProjectGroup(m.group("name") + "投资", count=int(m.group("n")), line=line)
        if i := INVESTMENT.search(piece):
            group.investment = _quantity(i.group("q"))
        if s := SHARE_OF_PLAN.search(piece):
            group.share_of_plan = _percent(s.group("p"))
        summary.sources.append(group)


def summarise(paragraph: Paragraph, stage: str) -> ProjectSummary | None:
    """The project summary a paragraph gives, or None."""
    text = normalise(paragraph.text)
    if not ANCHOR.search(text):
        return None
    summary: ProjectSummary | None = None
    line = paragraph.span.start
    for sentence in sentences(text):
        count = COUNT.search(sentence)
        if summary is None:
            if not count:
                continue
            summary = ProjectSummary(stage, count.group("label"), line, count=int(count.group("n")))
            _totals(summary, sentence)
        if SOURCE_SENTENCE.search(sentence):
            _sources(summary, sentence, line)
        elif "分别" in sentence:
            _respective(summary, sentence, line)
        elif SECTOR_PIECE.search(sentence.split("；")[0]) and "；" in sentence:
            _pieces(summary, sentence, line)
    if summary is None or not (summary.sectors or summary.sources):
        return None
    return summary


def find_projects(doc: Document) -> Projects:
    """The review-year and plan-year project summaries of a report."""
    found: dict[str, ProjectSummary | None] = {"review": None, "plan": None}
    for part in doc.parts:
        stage = {"review": "review", "outlook": "plan", "tasks": "plan"}.get(part.role)
        if stage is None or found[stage] is not None:
            continue
        for para in part_paragraphs(part):
            summary = summarise(para, stage)
            if summary is not None:
                found[stage] = summary
                break
    return Projects(found["review"], found["plan"])
