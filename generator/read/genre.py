"""What kind of document a source is: a plan report, a government work report, or something else.

:func:`classify` looks first at the title (``政府工作报告``, ``统计公报``,
``预算执行情况``, ``计划执行情况``, ``…上的讲话``), then at the text: phrases
only one genre uses (:data:`BODY_SIGNS`, counted in the title block,
preamble and part headings and opening paragraphs), then at the structure
(parts of a plan report's roles, indicator tables). Its :class:`Verdict`
says which genre and why, so a refused file gets a true one-line message:
``it seems to be a budget report (its title names 预算执行情况)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from generator.document import Document, Genre

# Title phrases, first match wins (a budget title never says 计划, a plan title never 预算).
TITLE_SIGNS: tuple[tuple[Genre, re.Pattern[str]], ...] = (
    (Genre.WORK_REPORT, re.compile(r"政府工作报告")),
    (Genre.STATISTICAL_COMMUNIQUE, re.compile(r"统计公报")),
    (Genre.BUDGET_REPORT, re.compile(r"预算(?:执行情况|草案)|决算(?:草案|的报告)")),
    (Genre.PLAN_REPORT, re.compile(r"计划(?:执行情况|草案)|国民经济和社会发展(?:年度)?计划")),
    (Genre.SPEECH, re.compile(r"(?:讲话|致辞)(?:[（(].{0,10}[）)])?$")),
)
# Phrases in the text that only one genre uses, with their weight.
BODY_SIGNS: dict[Genre, tuple[tuple[str, int], ...]] = {
    Genre.WORK_REPORT: (("报告政府工作", 3), ("政府工作报告", 2), ("政府工作任务", 2), ("政府自身建设", 2),
                        ("工作回顾", 1)),
    Genre.PLAN_REPORT: (("计划执行情况", 3), ("计划草案", 3), ("国民经济和社会发展计划", 2)),
    Genre.BUDGET_REPORT: (("预算执行情况", 3), ("预算草案", 3), ("一般公共预算收入", 1), ("政府性基金预算", 1),
                          ("国有资本经营预算", 1), ("社会保险基金预算", 1)),
    Genre.STATISTICAL_COMMUNIQUE: (("统计公报", 3), ("初步核算", 1), ("注释：", 1), ("资料来源", 1)),
    Genre.SPEECH: (("同志们", 2), ("我讲", 2), ("讲话", 1), ("讲几点意见", 3)),
    Genre.NEWS_ARTICLE: (("本报讯", 3), ("本报记者", 3), ("记者", 1), ("日电", 2), ("责任编辑", 3),
                         ("新华社", 1)),
}
MIN_BODY_SCORE = 3  # body evidence a genre needs to stand without a title
MIN_WEAK_SCORE = 2  # enough to name what a file without report structure seems to be
# What each genre is called in messages.
DESCRIPTIONS: dict[Genre, str] = {
    Genre.PLAN_REPORT: "a plan report (计划执行情况与计划草案的报告)",
    Genre.WORK_REPORT: "a government work report (政府工作报告)",
    Genre.BUDGET_REPORT: "a budget report (预算执行情况与预算草案的报告)",
    Genre.STATISTICAL_COMMUNIQUE: "a statistical communiqué (统计公报)",
    Genre.SPEECH: "a speech (讲话)",
    Genre.NEWS_ARTICLE: "a news article",
    Genre.UNKNOWN: "no report",
}
# Part roles (read.structure.PART_ROLES) that only a plan or work report has.
REPORT_ROLES = ("review", "outlook", "tasks")
BODY_WINDOW = 6000  # characters of opening text weighed


@dataclass(frozen=True)
class Verdict:
    genre: Genre
    evidence: str  # why, in a few words: "its title names 统计公报"

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self.genre]


def _title_genre(title: str) -> Verdict | None:
    for genre, pattern in TITLE_SIGNS:
        m = pattern.search(title)
        if m:
            return Verdict(genre, f"its title names {m.group(0)}")
    return None


def _opening_text(doc: Document) -> str:
    texts: list[str] = [doc.title, *(p.text for p in doc.preamble)]
    for part in doc.parts:
        texts.append(part.title)
        texts.extend(p.text for p in part.intro[:2])
        texts.extend(s.title for s in part.sections)
    out, size = [], 0
    for text in texts:
        out.append(text)
        size += len(text)
        if size >= BODY_WINDOW:
            break
    return "\n".join(out)


def body_scores(text: str) -> dict[Genre, tuple[int, list[str]]]:
    """Each genre's weight of signs in ``text`` and the signs found."""
    out: dict[Genre, tuple[int, list[str]]] = {}
    for genre, signs in BODY_SIGNS.items():
        found = [sign for sign, _ in signs if sign in text]
        out[genre] = (sum(weight for sign, weight in signs if sign in text), found)
    return out


def classify(doc: Document, roles: Iterable[str] | None = None) -> Verdict:
    """The genre of ``doc`` and the evidence for it."""
    by_title = _title_genre(doc.title)
    if by_title is not None:
        return by_title
    scores = body_scores(_opening_text(doc))
    best = max(scores, key=lambda g: (scores[g][0], g is Genre.PLAN_REPORT))
    score, found = scores[best]
    roles = list(roles if roles is not None else (p.role for p in doc.parts))
    structured = any(r in REPORT_ROLES for r in roles) or any(t.kind == "indicator" for t in doc.tables)
    if score >= MIN_BODY_SCORE and not (best not in (Genre.PLAN_REPORT, Genre.WORK_REPORT) and structured
                                        and scores[Genre.PLAN_REPORT][0] + scores[Genre.WORK_REPORT][0] >= score):
        return Verdict(best, f"its text says {'、'.join(found[:3])}")
    if structured:
        return Verdict(Genre.PLAN_REPORT, "its parts and tables have a plan report's shape")
    if score >= MIN_WEAK_SCORE and best in (Genre.NEWS_ARTICLE, Genre.SPEECH, Genre.STATISTICAL_COMMUNIQUE, Genre.BUDGET_REPORT):
        return Verdict(best, f"its text says {'、'.join(found[:3])}")
    return Verdict(Genre.UNKNOWN, "no report title, no part on 执行情况, 目标 or 任务 and no indicator table")
