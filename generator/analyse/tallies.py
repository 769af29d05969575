"""Tallies: counted from the scorecard, stated in the report's prose, and reconciled.

Counts top-level indicators (sub-rows are tallied with their parent, as the
reports do) per attribute — binding (约束性) and expected (预期性) — and
status. Reads the report's own tallies (:func:`find_stated_tallies`):

    N项计划指标中，B项为约束性指标，除1项指标国家暂未下达…目标值，其余全部完成；
    E项为预期性指标，其中A、B等M项指标能够完成，K项完成有难度，C数据口径调整
    N项指标中，有M项指标符合预期目标，其中B个约束性指标全部完成。…有J项预期性指标与目标有一定差距
    共N项指标，其中约束性指标B项、预期性指标E项

A group named with its size and a status at once (``有J项预期性指标与目标有一定差距``)
counts J under that status, not as the group's size.

A sentence is cut into clauses; a clause naming a group (``6项为约束性指标``)
opens that group, and the status phrases after it (``STATUS_PHRASES``) count
into it until the next group. Every stated number is then compared with the
computed one (:class:`Check`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from generator.analyse.changes import PlanComparison
from generator.lexicon.catalogue import name_key
from generator.analyse.scorecard import (
    Scorecard,
    ScoredIndicator,
    plan_paragraphs,
    review_paragraphs,
)
from generator.analyse.scoring import STATUSES
from generator.document import Document, Paragraph

from generator.read.numerals import cn_int
from generator.text import normalise, sentences

GROUPS = ("binding", "expected")
_N = r"(?<![\d.一二两三四五六七八九十百])(?P<n>\d+|[一二两三四五六七八九十百]+)"
_UNIT = r"\s*(?:项|个)\s*"

# Phrases that open a group: (group, pattern with the group's size as n).
GROUP_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("binding", re.compile(_N + _UNIT + r"(?:指标)?(?:为|是)?\s*约束性指标")),
    ("binding", re.compile(r"约束性指标\s*(?:有|共)?\s*" + _N + _UNIT)),
    ("expected", re.compile(_N + _UNIT + r"(?:指标)?(?:为|是)?\s*预期性指标")),
    ("expected", re.compile(r"预期性指标\s*(?:有|共)?\s*" + _N + _UNIT)),
)
# A group named without its size switches to it: 预期性指标中，12项完成….
GROUP_SWITCHES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("binding", re.compile(r"^(?:其中)?约束性指标(?:中|里|当中|方面)?$")),
    ("expected", re.compile(r"^(?:其中)?预期性指标(?:中|里|当中|方面)?$")),
)
# The whole set: N项计划指标中 / 共N项指标 / 指标共计N项 (not 其余N项指标中).
TOTAL_PHRASES: tuple[re.Pattern[str], ...] = (
    # 20项主要预期指标中: 预期 without 性 is "planned" (all targets), not the 预期性 group
    re.compile(r"(?<!其余)(?<!其他)" + _N + _UNIT + r"(?:计划|主要|年度)?(?:计划|预期)?(?:目标指标|指标|目标)(?:中|里|当中)"),
    re.compile(r"共(?:计|有)?\s*" + _N + _UNIT + r"(?:计划|主要)?指标"),
    re.compile(r"指标共(?:计|有)?\s*" + _N + r"\s*(?:项|个)"),
)
# Status phrases: (status, pattern). n absent = "the rest" / "all of the group".
STATUS_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no_target", re.compile(r"除?" + _N + _UNIT + r"(?:指标)?(?:的)?(?:国家)?(?:暂未|尚未|未)(?:正式)?下达")),
    ("missed", re.compile(_N + _UNIT + r"(?:指标)?(?:完成有难度|完成难度较大|未完成|未能完成|未达到|未达预期|不及预期|低于预期"
                          r"|与(?:预期)?目标(?:还)?有(?:一定|较大)?差距|有差距)")),
    ("met", re.compile(_N + _UNIT + r"(?:指标)?(?:能够|可以|已经|已|均|全部)?(?:完成|达到|实现|符合预期)(?!有难度|难度)")),
    ("met_rest", re.compile(r"其余(?:指标)?(?:全部|均|都)(?:完成|达到|实现|符合预期)")),
    ("met_all", re.compile(r"(?<!其余)(?:全部|均|都)(?:完成|达到|实现|符合预期)")),
    ("not_comparable_named", re.compile(r"口径(?:调整|有变|变化|变更|改变)|不可比")),
)
_CLAUSES = re.compile(r"[，,；;：:]")
# Words before a count that are no indicator name: 其余4项全部完成.
NOT_NAMES = frozenset({"其余", "其他", "其它", "另外", "此外", "全部", "均", "以上"})
# A clause opening with 其中 names a subset of the count before it (…有N项指标符合预期目标，
# 其中B个约束性指标全部完成): its group holds for that clause only.
SUBSET_OPENER = "其中"


def _int(text: str) -> int | None:
    return cn_int(text)


@dataclass
class Tally:
    """Computed counts of one group."""

    group: str  # "binding" | "expected"
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in STATUSES})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts, "total": self.total}


@dataclass
class StatedTally:
    """A tally in the report's words: ``scope`` is "all", "binding" or "expected"."""

    stage: str  # "review" | "plan"
    scope: str
    total: int | None
    counts: dict[str, int]
    names: dict[str, list[str]]  # status -> indicators the sentence names
    text: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage, "scope": self.scope, "total": self.total, "counts": self.counts,
            "names": self.names, "text": self.text, "line": self.line,
        }


@dataclass
class Check:
    """One stated number against the computed one."""

    stated: StatedTally
    what: str  # "total" or a status
    stated_value: int
    computed: int

    @property
    def agrees(self) -> bool:
        return self.stated_value == self.computed

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stated.stage, "scope": self.stated.scope, "what": self.what,
            "stated": self.stated_value, "computed": self.computed, "agrees": self.agrees,
            "line": self.stated.line,
        }


@dataclass
class Tallies:
    review: dict[str, Tally]
    plan: dict[str, int]  # binding / expected / total count of this year's indicators
    stated: list[StatedTally]
    checks: list[Check]

    def agrees(self, stage: str) -> bool | None:
        """True when every stated number of ``stage`` matches; None when none is stated."""
        relevant = [c for c in self.checks if c.stated.stage == stage]
        return all(c.agrees for c in relevant) if relevant else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "binding": self.review["binding"].to_dict(),
            "expected": self.review["expected"].to_dict(),
            "plan": self.plan,
            "stated": [s.to_dict() for s in self.stated],
            "checks": [c.to_dict() for c in self.checks],
            "agrees": self.agrees("review"),
            "plan_agrees": self.agrees("plan"),
        }


def count(review: Iterable[ScoredIndicator]) -> dict[str, Tally]:
    """Binding and expected tallies of the top-level indicators."""
    tallies = {g: Tally(g) for g in GROUPS}
    for item in review:
        tallies["binding" if item.binding else "expected"].counts[item.status.value] += 1
    return tallies


def _named(clause: str, before: int) -> list[str]:
    """Indicator names listed before a count: ``A、B、C等N项`` -> [A, B, C]."""
    head = clause[:before]
    head = re.sub(r"^(?:其中|包括|有)", "", head)
    head = re.sub(r"(?:等|数据|指标|的)+$", "", head)
    names = [n.strip("“”\"' ") for n in head.split("、")]
    return [n for n in names if n and n not in NOT_NAMES]


# A status right after a group phrase (…4项预期性指标|与目标有一定差距): what the count is of.
_STATUS_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("missed", re.compile(r"^\s*(?:完成有难度|完成难度较大|未完成|未能完成|未达到|未达预期|不及预期|低于预期"
                          r"|与(?:预期)?目标(?:还)?有(?:一定|较大)?差距|有差距)")),
    ("met", re.compile(r"^\s*(?:能够|可以|已经|已)?(?:完成|达到|实现|符合预期)(?!有难度|难度)")),
)


def _status_after(text: str) -> str | None:
    return next((status for status, pattern in _STATUS_AFTER if pattern.match(text)), None)


def _group_matches(clause: str) -> list[tuple[str, re.Match[str]]]:
    """Non-overlapping group phrases of a clause, in order."""
    found = sorted(
        ((group, m) for group, pattern in GROUP_PHRASES for m in pattern.finditer(clause)),
        key=lambda gm: gm[1].start(),
    )
    out: list[tuple[str, re.Match[str]]] = []
    for group, m in found:
        if not out or m.start() >= out[-1][1].end():
            out.append((group, m))
    return out


def parse_tally(text: str, stage: str, line: int) -> list[StatedTally]:
    """The tallies one sentence states, one per scope (empty when it states none)."""
    norm = normalise(text)
    grouped = re.search(r"约束性|预期性", norm)
    # Without groups: a whole set with a status (N项主要指标中，M项完成…) is a tally too.
    if not grouped and not (
        any(p.search(norm) for p in TOTAL_PHRASES) and any(p.search(norm) for _, p in STATUS_PHRASES[:3])
    ):
        return []
    scopes: dict[str, StatedTally] = {}
    current = "all"

    def scope(name: str) -> StatedTally:
        if name not in scopes:
            scopes[name] = StatedTally(stage, name, None, {}, {}, text.strip(), line)
        return scopes[name]

    for clause in _CLAUSES.split(norm):
        for pattern in TOTAL_PHRASES:
            m = pattern.search(clause)
            if m:
                scope("all").total = _int(m.group("n"))
                break
        opened = _group_matches(clause)
        switched = next((g for g, p in GROUP_SWITCHES if not opened and p.match(clause.strip())), None)
        if switched is not None:
            current = switched
            continue
        outer = current
        for group, m in opened:
            current = group
            counted = _status_after(clause[m.end():])
            if counted is not None and counted in ("met", "missed"):
                target_scope = scope(group)
                target_scope.counts[counted] = target_scope.counts.get(counted, 0) + (_int(m.group("n")) or 0)
                clause = clause[: m.start()]  # consumed: the status is this group's count
                opened = [(g, x) for g, x in opened if x.start() < m.start()]
                break
            scope(group).total = _int(m.group("n"))
        for _, m in reversed(opened):
            clause = clause[: m.start()] + clause[m.end():]
        target = scope(current)
        if opened and clause.startswith(SUBSET_OPENER):
            current = outer
        for status, pattern in STATUS_PHRASES:
            m = pattern.search(clause)
            if not m:
                continue
            if status == "not_comparable_named":
                names = _named(clause, m.start())
                if names:
                    target.counts["not_comparable"] = target.counts.get("not_comparable", 0) + len(names)
                    target.names.setdefault("not_comparable", []).extend(names)
                break
            if status in ("met_rest", "met_all"):
                if target.total is not None:
                    others = sum(v for k, v in target.counts.items() if k != "met")
                    target.counts["met"] = target.total - (others if status == "met_rest" else 0)
                break
            n = _int(m.group("n"))
            if n is not None:
                target.counts[status] = target.counts.get(status, 0) + n
                names = _named(clause, m.start())
                if names:
                    target.names.setdefault(status, []).extend(names)
            break
    found = [s for s in scopes.values() if s.total is not None or s.counts]
    # One group named on its own (不再作为一项约束性指标) is no tally.
    if len(found) == 1 and found[0].scope != "all" and not found[0].counts:
        return []
    return found


def find_stated_tallies(paragraphs: Iterable[Paragraph], stage: str) -> list[StatedTally]:
    out: list[StatedTally] = []
    for para in paragraphs:
        for sentence in sentences(para.text):
            out.extend(parse_tally(sentence, stage, para.span.start))
    return out


def _computed(tallies: dict[str, Tally], scope: str, what: str) -> int:
    groups = GROUPS if scope == "all" else (scope,)
    if what == "total":
        return sum(tallies[g].total for g in groups)
    return sum(tallies[g].counts.get(what, 0) for g in groups)


def reconcile(stated: list[StatedTally], review: dict[str, Tally], plan: dict[str, int]) -> list[Check]:
    checks: list[Check] = []
    for s in stated:
        # A size restated in the next sentence (约束性指标5项。…5项约束性指标全部完成) is checked once.
        if s.total is not None and any(
            c.what == "total" and c.stated.line == s.line and c.stated.stage == s.stage
            and c.stated.scope == s.scope and c.stated_value == s.total
            for c in checks
        ):
            s = StatedTally(s.stage, s.scope, None, s.counts, s.names, s.text, s.line)
        if s.stage == "review":
            if not any(t.total for t in review.values()):
                continue
            if s.total is not None:
                checks.append(Check(s, "total", s.total, _computed(review, s.scope, "total")))
            for status, n in s.counts.items():
                checks.append(Check(s, status, n, _computed(review, s.scope, status)))
        elif plan.get("total") and s.total is not None:
            key = "total" if s.scope == "all" else s.scope
            checks.append(Check(s, "total", s.total, plan[key]))
    return checks


def named_status_mismatches(
    stated: list[StatedTally], scorecard: Scorecard
) -> list[tuple[StatedTally, str, str, ScoredIndicator]]:
    """Indicators a stated tally names under a status the scorecard does not give them."""
    rows = list(scorecard.rows())
    out = []
    for s in stated:
        if s.stage != "review":
            continue
        for status, names in s.names.items():
            for name in names:
                key = name_key(name)
                row = next((r for r in rows if name_key(r.name_zh) == key), None)
                if row is not None and row.status.value != status:
                    out.append((s, status, name, row))
    return out


def tally_document(doc: Document, scorecard: Scorecard, plan: PlanComparison) -> Tallies:
    """Computed tallies, the report's stated ones, and their reconciliation."""
    # Rows read from prose are the shortfalls the text names, not the indicator set: nothing to count.
    review = count(scorecard.review if scorecard.origin.kind == "table" else [])
    plan_counts = plan.counts()
    attachment = scorecard.origin.attachment
    stated = find_stated_tallies(review_paragraphs(doc, attachment), "review")
    stated += find_stated_tallies(plan_paragraphs(doc, plan.origin.attachment), "plan")
    return Tallies(review, plan_counts, stated, reconcile(stated, review, plan_counts))
