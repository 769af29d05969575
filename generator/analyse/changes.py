"""This year's plan indicators and how each changed from last year's.

Owns the plan list (from the plan table, or from the prose through
:mod:`generator.analyse.prose_targets` when the report has no table), the
matching of each plan indicator to last year's (catalogue id, else the
normalised name; units must agree), and the change kinds:

* ``new`` — no counterpart last year;
* ``raised`` / ``lowered`` — the target number went up / down (``ambition``
  then says, by polarity, whether that is more or less ambitious);
* ``unchanged`` — same number and wording (or both ``▽`` …);
* ``firmed`` — the same number without its ``左右`` (``4左右`` -> ``4``): a firm
  figure where last year's was approximate;
* ``pending`` — this year's target is left to the state (``—`` with a note
  ``以国家下达目标值为准``, ``国家暂未下达``): nothing to compare yet;
* ``reworded`` — same indicator, target written differently (``5.5左右`` ->
  ``5.5以内``, a number -> ``保稳促优``, a renamed indicator);
* ``replaced`` — the report says so: ``将民间投资增速调整为制造业投资增速``;
* ``not_known`` — there is no last-year table to compare with and the report
  says nothing of the change. Without such a table a target is ``new`` only
  when the report says so (``新增…指标``), and ``unchanged`` / ``raised`` /
  ``lowered`` when the rationale of a prose target says so
  (``与上年保持一致``, :attr:`ProseTarget.stated_change`).

``ambition`` says, by the indicator's polarity, whether the new target asks
for more or less than last year's, whatever the direction of the number
(``1.8左右∶1`` -> ``1.72∶1`` on a gap that should narrow is *more*
ambitious); a replaced indicator's ambition is not known (another measure).

An indicator is matched to last year's by its catalogue series (a catalogue
entry, its aliases, and entries that continue it under another name or
basis), else by its normalised name, else — for rows both tables leave
unmatched and the report does not call new or dropped — by a *similar name*:
one name is the other with a short insertion (``数字经济增加值增速`` /
``数字经济核心产业增加值增速``), in the same unit and category. A match under
another name is a rename (``previous_name``); it is a change of definition
(``definition_line``) where the report says the statistical basis changed —
the review's calibre notes, or a note or sentence of the plan naming the
indicator with ``统计口径``.

Last year's indicators with no counterpart are ``retired``, with the report's
stated reason when it gives one (``…不再作为一项约束性指标``) — only against a
plan table: a plan stated in prose names its headline targets only. A combined
table (last year's target and outcome beside this year's target) is both the
review and the plan (:func:`combined_plan_year`). What the report
says it changed (``新增A、B…5项指标``, replacements, dropped indicators) is
read into :class:`StatedChanges` for the fact-checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Iterable, Iterator

from generator.lexicon.catalogue import Catalogue, Polarity, name_key, resolve
from generator.analyse.prose_targets import ProseTarget, extract_plan_targets
from generator.analyse.scorecard import (
    Origin,
    Scorecard,
    ScoredIndicator,
    plan_paragraphs,
)
from generator.analyse.params import Cell, Indicator, Sentence
from generator.analyse.params import sentence as make_sentence
from generator.analyse.scoring import ratio_value
from generator.document import ColumnRole, Document, Paragraph, RowKind, Table
from generator.read.numerals import cn_int
from generator.targets import Target, TargetKind, parse_target
from generator.text import normalise, sentences


class ChangeKind(str, Enum):
    NEW = "new"
    RAISED = "raised"
    LOWERED = "lowered"
    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    REPLACED = "replaced"
    FIRMED = "firmed"  # same number, its 左右 dropped: a firm figure
    PENDING = "pending"  # this year's target is left to the state
    NOT_KNOWN = "not_known"  # no last-year table to compare with, and the report does not say


class Ambition(str, Enum):
    MORE = "more"
    LESS = "less"
    SAME = "same"
    UNKNOWN = "unknown"


CHANGE = "change"  # the catalogue context of change descriptions

_NUMERIC = (TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST, TargetKind.RANGE)
# Kinds with no number that are the same target whenever the kind is the same.
_WORDLESS = (TargetKind.PENDING, TargetKind.PERIOD, TargetKind.POSITIVE, TargetKind.NEGATIVE, TargetKind.EMPTY)
# How binding a qualifier is in the good direction: a floor (以上) is a firmer
# promise than 左右 when higher is better.
_STRENGTH: dict[Polarity, dict[TargetKind, int]] = {
    Polarity.HIGHER: {TargetKind.AT_LEAST: 2, TargetKind.ABOUT: 1, TargetKind.EXACT: 1, TargetKind.AT_MOST: 0},
    Polarity.LOWER: {TargetKind.AT_MOST: 2, TargetKind.ABOUT: 1, TargetKind.EXACT: 1, TargetKind.AT_LEAST: 0},
}


@dataclass
class Change:
    kind: ChangeKind
    previous_text: str | None = None  # last year's target as written
    previous_name: str | None = None  # last year's indicator name (renamed / replaced)
    previous_line: int | None = None
    ambition: Ambition = Ambition.UNKNOWN
    replaces: str | None = None
    stated_line: int | None = None  # line where the report states this change
    binding_changed: bool = False
    definition_line: int | None = None  # renamed: where the report says the statistical basis changed
    similar_name: bool = False  # matched by a similar name, not by the catalogue or the same name

    @property
    def renamed(self) -> bool:
        """Matched to last year's indicator under another name (a replacement is not a rename)."""
        return self.previous_name is not None and self.kind is not ChangeKind.REPLACED

    def sentence(self, current: str) -> Sentence:
        """The change as a catalogue sentence (context ``change``), the targets as cells."""
        return make_sentence(CHANGE, self.kind, previous=Cell(self.previous_text or ""), current=Cell(current),
                        replaces=Indicator(self.replaces or ""))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value, "previous": self.previous_text, "previous_name": self.previous_name,
            "previous_line": self.previous_line, "ambition": self.ambition.value, "replaces": self.replaces,
            "stated_line": self.stated_line, "binding_changed": self.binding_changed,
            "definition_line": self.definition_line, "similar_name": self.similar_name,
        }


@dataclass
class PlanIndicator:
    """One indicator of this year's plan."""

    name_zh: str
    unit: str
    binding: bool
    target_text: str
    target: Target
    number: int | None = None
    category: str | None = None
    indicator_id: str | None = None
    en: str | None = None
    polarity: Polarity = Polarity.UNKNOWN
    line: int | None = None
    level: int = 0
    origin: str = "table"  # "table" | "prose"
    change: Change = field(default_factory=lambda: Change(ChangeKind.NEW))
    children: list["PlanIndicator"] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number, "name_zh": self.name_zh, "id": self.indicator_id, "en": self.en,
            "unit": self.unit, "binding": self.binding, "category": self.category,
            "target": self.target_text, "change": self.change.kind.value,
            "ambition": self.change.ambition.value, "previous": self.change.previous_text,
            "replaces": self.change.replaces, "change_detail": self.change.to_dict(),
            "polarity": self.polarity.value, "line": self.line, "origin": self.origin,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class Retired:
    """Last year's indicator with no counterpart this year."""

    name_zh: str
    unit: str
    binding: bool
    previous_text: str
    line: int
    level: int = 0
    reason: str | None = None  # the report's words
    reason_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name_zh": self.name_zh, "unit": self.unit, "binding": self.binding,
            "previous": self.previous_text, "line": self.line, "level": self.level,
            "reason": self.reason, "reason_line": self.reason_line,
        }


@dataclass
class StatedChanges:
    """What the report says it changed in the indicator set."""

    new_text: str | None = None
    new_count: int | None = None
    new_line: int | None = None
    new_names: list[str] = field(default_factory=list)
    replaced: list[tuple[str, str, int]] = field(default_factory=list)  # (old, new, line)
    dropped: list[tuple[str, int]] = field(default_factory=list)  # (the report's words, line)

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": {"count": self.new_count, "names": self.new_names, "line": self.new_line},
            "replaced": [{"old": o, "new": n, "line": ln} for o, n, ln in self.replaced],
            "dropped": [{"text": t, "line": ln} for t, ln in self.dropped],
        }


@dataclass
class PlanComparison:
    plan: list[PlanIndicator]
    retired: list[Retired]
    stated: StatedChanges
    origin: Origin

    def rows(self) -> Iterator[PlanIndicator]:
        for item in self.plan:
            yield item
            yield from item.children

    def counts(self) -> dict[str, int]:
        binding = sum(1 for p in self.plan if p.binding)
        return {"total": len(self.plan), "binding": binding, "expected": len(self.plan) - binding}


# --------------------------------------------------------------- targets


def _comparable(t: Target) -> Decimal | None:
    if t.kind not in _NUMERIC or t.value is None:
        return None
    if t.kind is TargetKind.RANGE and t.high is not None:
        return (t.value + t.high) / 2  # a range compares by its midpoint
    return ratio_value(t)


def compare_targets(previous: Target, current: Target, polarity: Polarity, unit_changed: bool = False) -> tuple[ChangeKind, Ambition]:
    """How a target changed: raised/lowered by number, else unchanged, firmed, pending or reworded."""
    if current.kind is TargetKind.PENDING:
        return ChangeKind.PENDING, Ambition.UNKNOWN
    if unit_changed:
        return ChangeKind.REWORDED, Ambition.UNKNOWN
    p, c = _comparable(previous), _comparable(current)
    if p is not None and c is not None:
        if previous.unit and current.unit and previous.unit != current.unit:
            return ChangeKind.REWORDED, Ambition.UNKNOWN
        if bool(previous.ratio_to) != bool(current.ratio_to):
            return ChangeKind.REWORDED, Ambition.UNKNOWN
        if c != p:
            kind = ChangeKind.RAISED if c > p else ChangeKind.LOWERED
            up = {Polarity.HIGHER: True, Polarity.LOWER: False}.get(polarity)
            if up is None:
                return kind, Ambition.UNKNOWN
            return kind, Ambition.MORE if (c > p) == up else Ambition.LESS
        same = (previous.kind, previous.basis, previous.aspiration, previous.high) == (
            current.kind, current.basis, current.aspiration, current.high
        )
        if same:
            return ChangeKind.UNCHANGED, Ambition.SAME
        if (previous.kind, current.kind) == (TargetKind.ABOUT, TargetKind.EXACT) and (
            previous.basis, previous.aspiration, previous.high) == (current.basis, current.aspiration, current.high):
            return ChangeKind.FIRMED, Ambition.SAME
        strength = _STRENGTH.get(polarity)
        if strength and previous.kind in strength and current.kind in strength and previous.aspiration == current.aspiration:
            a, b = strength[previous.kind], strength[current.kind]
            return ChangeKind.REWORDED, Ambition.SAME if a == b else (Ambition.MORE if b > a else Ambition.LESS)
        return ChangeKind.REWORDED, Ambition.UNKNOWN
    if previous.kind is current.kind and (
        current.kind in _WORDLESS or _norm(previous.text) == _norm(current.text)
    ):
        return ChangeKind.UNCHANGED, Ambition.SAME
    return ChangeKind.REWORDED, Ambition.UNKNOWN


def _norm(text: str) -> str:
    return "".join(normalise(text).split())


# --------------------------------------------------------------- plan table


def plan_table(doc: Document) -> tuple[int, Table] | None:
    """This year's plan: an indicator table with target columns and no actual column, or a
    combined table (last year's target and outcome beside this year's target) through its
    column for this year's target."""
    candidates = []
    for i, table in enumerate(doc.tables):
        roles = {c.role for c in table.columns}
        if not table.indicators() or ColumnRole.TARGET not in roles:
            continue
        years = {c.year for c in table.columns if c.role is ColumnRole.TARGET}
        if ColumnRole.ACTUAL not in roles:
            candidates.append((doc.plan_year in years, i, table))
        elif combined_plan_year(table, doc.plan_year) is not None:
            candidates.append((True, i, table))
    if not candidates:
        return None
    candidates.sort(key=lambda c: not c[0])
    return candidates[0][1], candidates[0][2]


def combined_plan_year(table: Table, plan_year: int | None) -> int | None:
    """The year of a target column no actual column shares, in a table that has actuals:
    the plan year when the title gives it, else the latest such year after every actual."""
    target_years = {c.year for c in table.columns if c.role is ColumnRole.TARGET and c.year is not None}
    actual_years = {c.year for c in table.columns if c.role is ColumnRole.ACTUAL and c.year is not None}
    if not actual_years:
        return None
    own = target_years - actual_years
    if plan_year is not None:
        return plan_year if plan_year in own else None
    later = [y for y in own if y > max(actual_years)]
    return max(later) if later else None


def _target_cell(row: Any, table: Table, year: int | None) -> str:
    text = None
    if year is not None:
        text = row.value(table, ColumnRole.TARGET, year)
    if text is None:
        text = row.value(table, ColumnRole.TARGET)
    return (text or "").strip()


def read_plan_table(table: Table, catalogue: Catalogue, year: int | None) -> list[PlanIndicator]:
    top: list[PlanIndicator] = []
    by_index: dict[int, PlanIndicator] = {}
    for i, row in enumerate(table.rows):
        if row.kind not in (RowKind.INDICATOR, RowKind.SUBROW) or not row.name:
            continue
        text = _target_cell(row, table, year)
        target = parse_target(text)
        resolved = resolve(catalogue, row.name, target)
        parent = by_index.get(row.parent) if row.kind is RowKind.SUBROW and row.parent is not None else None
        item = PlanIndicator(
            name_zh=row.name, unit=row.unit or "", binding=row.binding or bool(parent and parent.binding),
            target_text=text, target=target, number=row.number if row.kind is RowKind.INDICATOR else None,
            category=row.category, indicator_id=resolved.id, en=resolved.en, polarity=resolved.polarity,
            line=row.span.start, level=1 if parent else 0,
        )
        if parent is not None:
            parent.children.append(item)
        else:
            top.append(item)
            by_index[i] = item
    return top


# --------------------------------------------------------------- stated changes

_N = r"(?<![\d.])(?P<n>\d+|[一二两三四五六七八九十]+)"
NEW_PHRASE = re.compile(r"新增(?:设置|设立)?(?P<names>[^。；;]*?)" + _N + r"\s*(?:项|个)(?:新)?指标")
REPLACE_PHRASES: tuple[re.Pattern[str], ...] = (
    re.compile(r"将[“\"]?(?P<old>[^，。；“”\"]+?)[”\"]?(?:指标)?(?:调整|修改|改|变更|替换)为[“\"]?(?P<new>[^，。；“”\"]+?)[”\"]?(?:指标)?(?=[，。；,;]|$)"),
    re.compile(r"以[“\"]?(?P<new>[^，。；“”\"]+?)[”\"]?(?:指标)?(?:替代|代替|取代)[“\"]?(?P<old>[^，。；“”\"]+?)[”\"]?(?:指标)?(?=[，。；,;]|$)"),
)
DROP_WORDS = re.compile(r"不再(?:作为|设置|设立|列入|纳入|保留|考核)|取消|删除|删去|调出")
_ITEMS = re.compile(r"(?=[一二三四五六七八九十]+是)")


def read_stated_changes(paragraphs: Iterable[Paragraph]) -> StatedChanges:
    stated = StatedChanges()
    for para in paragraphs:
        for sentence in sentences(para.text):
            for segment in _ITEMS.split(normalise(sentence)):
                m = NEW_PHRASE.search(segment)
                if m and stated.new_count is None:
                    stated.new_count = cn_int(m.group("n"))
                    stated.new_text = m.group("names")
                    stated.new_line = para.span.start
                    stated.new_names = [n for n in re.split(r"[、，,]", m.group("names")) if n]
                for pattern in REPLACE_PHRASES:
                    for r in pattern.finditer(segment):
                        stated.replaced.append((r.group("old"), r.group("new"), para.span.start))
                if DROP_WORDS.search(segment):
                    stated.dropped.append((segment.strip(), para.span.start))
    return stated


# --------------------------------------------------------------- comparison


def _key(name: str, catalogue: Catalogue) -> str:
    definition = catalogue.match(name)
    return f"id:{definition.series_id}" if definition else f"name:{name_key(name)}"


# Plan-side words saying how an indicator is now measured (a renamed indicator's new basis).
BASIS_WORDS = re.compile(r"统计口径|口径(?:有变|有所变化|调整|变化|变更|改变)|新版统计制度|统计制度(?:改革|调整|变化)")
SIMILAR_INSERTION = 4  # characters one name may add to the other and still be the same indicator renamed
SIMILAR_SHORTEST = 4  # characters of the shorter name at least


def similar_names(a: str, b: str) -> bool:
    """One name is the other with a short insertion inside it (数字经济增加值增速 / 数字经济核心产业增加值增速)."""
    ka, kb = name_key(a), name_key(b)
    short, long = sorted((ka, kb), key=len)
    extra = len(long) - len(short)
    if not 0 < extra <= SIMILAR_INSERTION or len(short) < SIMILAR_SHORTEST:
        return False
    head = 0
    while head < len(short) and short[head] == long[head]:
        head += 1
    # a word put in front names a narrower measure (制造业投资增速 within 投资增速), not a new name
    return head > 0 and short[head:] == long[head + extra:]


@dataclass
class _Context:
    """What the comparison reads besides the two tables: where the report speaks of bases."""

    calibre_lines: dict[str, int] = field(default_factory=dict)  # last year's name -> line saying its basis changed
    basis_texts: list[tuple[str, int]] = field(default_factory=list)  # plan notes/sentences naming a basis


def _definition_line(item: PlanIndicator, old: ScoredIndicator, context: _Context) -> int | None:
    if old.name_zh in context.calibre_lines:
        return context.calibre_lines[old.name_zh]
    key = name_key(item.name_zh)
    stem = re.sub(r"(?:增速|下降)$", "", key)  # a note defines 数字经济增加值, the measure of …增加值增速
    names = {k for k in (key, stem) if len(k) >= SIMILAR_SHORTEST}
    return next((line for text, line in context.basis_texts if any(n in name_key(text) for n in names)), None)


def _units_agree(a: str, b: str) -> bool:
    return not a or not b or normalise(a) == normalise(b)


def _apply(item: PlanIndicator, old: ScoredIndicator, context: _Context, stated_line: int | None = None,
           replaced: bool = False, similar: bool = False) -> None:
    unit_changed = not _units_agree(item.unit, old.unit)
    kind, ambition = compare_targets(old.target, item.target, item.polarity, unit_changed)
    renamed = name_key(old.name_zh) != name_key(item.name_zh)
    if kind in (ChangeKind.UNCHANGED, ChangeKind.FIRMED) and renamed:
        kind = ChangeKind.REWORDED
    item.change = Change(
        kind=ChangeKind.REPLACED if replaced else kind,
        previous_text=old.target_text,
        previous_name=old.name_zh if (renamed or replaced) else None,
        previous_line=old.line,
        ambition=Ambition.UNKNOWN if replaced else ambition,  # another measure: more or less is not known
        replaces=old.name_zh if replaced else None,
        stated_line=stated_line,
        binding_changed=old.binding != item.binding,
        definition_line=_definition_line(item, old, context) if renamed and not replaced else None,
        similar_name=similar,
    )


def _find(name: str, unit: str, pool: list[ScoredIndicator], used: set[int], catalogue: Catalogue) -> ScoredIndicator | None:
    key = _key(name, catalogue)
    for old in pool:
        if id(old) not in used and _key(old.name_zh, catalogue) == key and _units_agree(unit, old.unit):
            return old
    return None


def _contains(text: str, name: str, catalogue: Catalogue) -> bool:
    definition = catalogue.match(name)
    names = definition.names if definition else (name,)
    key = name_key(text)
    return any(name_key(n) and name_key(n) in key for n in (name, *names))


def compare(
    plan: list[PlanIndicator], review: list[ScoredIndicator], stated: StatedChanges, catalogue: Catalogue,
    context: _Context | None = None,
) -> list[Retired]:
    """Set every plan indicator's change; return last year's indicators that are gone."""
    context = context or _Context()
    used: set[int] = set()
    all_old = [r for top in review for r in (top, *top.children)]

    def match(item: PlanIndicator, pool: list[ScoredIndicator]) -> ScoredIndicator | None:
        found = _find(item.name_zh, item.unit, pool, used, catalogue)
        return found or _find(item.name_zh, item.unit, all_old, used, catalogue)

    for item in plan:
        old = match(item, review)
        if old is not None:
            used.add(id(old))
            _apply(item, old, context)
        for child in item.children:
            old_child = match(child, old.children if old else [])
            if old_child is not None:
                used.add(id(old_child))
                _apply(child, old_child, context)
    for old_name, new_name, line in stated.replaced:
        new = next((p for p in _plan_rows(plan) if p.change.kind is ChangeKind.NEW and _contains(new_name, p.name_zh, catalogue)), None)
        old = next((o for o in all_old if id(o) not in used and _contains(old_name, o.name_zh, catalogue)), None)
        if new is not None and old is not None:
            used.add(id(old))
            _apply(new, old, context, stated_line=line, replaced=True)
    for item in _plan_rows(plan):  # rows neither table matched: one indicator under a similar name?
        if item.change.kind is not ChangeKind.NEW or _stated_new(item, stated, catalogue):
            continue
        old = next((o for o in all_old if id(o) not in used and similar_names(o.name_zh, item.name_zh)
                    and _units_agree(item.unit, o.unit) and (o.category or "") == (item.category or "")
                    and o.level == item.level and not _stated_dropped(o, stated, catalogue)), None)
        if old is not None:
            used.add(id(old))
            _apply(item, old, context, similar=True)
    for item in _plan_rows(plan):
        if item.change.kind is ChangeKind.NEW and stated.new_text and _contains(stated.new_text, item.name_zh, catalogue):
            item.change.stated_line = stated.new_line
    retired = []
    for old in all_old:
        if id(old) in used:
            continue
        why = next(((text, line) for text, line in stated.dropped if _contains(text, old.name_zh, catalogue)), None)
        retired.append(Retired(
            name_zh=old.name_zh, unit=old.unit, binding=old.binding, previous_text=old.target_text,
            line=old.line, level=old.level, reason=why[0] if why else None, reason_line=why[1] if why else None,
        ))
    return retired


def _stated_new(item: PlanIndicator, stated: StatedChanges, catalogue: Catalogue) -> bool:
    return bool(stated.new_text) and _contains(stated.new_text or "", item.name_zh, catalogue)


def _stated_dropped(old: ScoredIndicator, stated: StatedChanges, catalogue: Catalogue) -> bool:
    return any(_contains(text, old.name_zh, catalogue) for text, _ in stated.dropped)


def _headers_follow_children(plan: list[PlanIndicator]) -> None:
    """A row with no target of its own either year (a heading over sub-targets) changes as they all do."""
    for item in plan:
        kinds = {c.change.kind for c in item.children}
        if (len(kinds) == 1 and item.target.kind is TargetKind.EMPTY and item.change.kind is ChangeKind.UNCHANGED
                and item.change.previous_text is not None and not item.change.previous_text.strip()):
            item.change.kind = kinds.pop()
            item.change.ambition = Ambition.UNKNOWN if item.change.kind is not ChangeKind.UNCHANGED else Ambition.SAME


def _plan_rows(plan: list[PlanIndicator]) -> Iterator[PlanIndicator]:
    for item in plan:
        yield item
        yield from item.children


def _from_prose(found: ProseTarget, catalogue: Catalogue) -> PlanIndicator:
    resolved = resolve(catalogue, found.name_zh, found.target)
    said = found.stated_change
    unchanged = said is not None and said.kind == "unchanged"
    change = (Change(ChangeKind(said.kind), ambition=Ambition.SAME if unchanged else Ambition.UNKNOWN,
                     stated_line=said.line, previous_text=found.target_text if unchanged else None)
              if said else Change(ChangeKind.NOT_KNOWN))  # "unchanged": last year's target was this one
    return PlanIndicator(
        name_zh=found.name_zh, unit=found.target.unit or (resolved.definition.unit if resolved.definition else ""),
        binding=False, target_text=found.target_text, target=found.target, indicator_id=resolved.id,
        en=resolved.en, polarity=resolved.polarity, line=found.line, origin="prose", change=change,
    )


def _without_comparison(plan: list[PlanIndicator], stated: StatedChanges, catalogue: Catalogue) -> None:
    """No last year's table: only what the report says (新增…指标) is known of each change."""
    for item in _plan_rows(plan):
        if item.change.kind is not ChangeKind.NEW:
            continue  # prose targets carry their stated change or NOT_KNOWN already
        if stated.new_text and _contains(stated.new_text, item.name_zh, catalogue):
            item.change = Change(ChangeKind.NEW, stated_line=stated.new_line)
        else:
            item.change = Change(ChangeKind.NOT_KNOWN)


def _basis_texts(doc: Document, origin: Origin, paragraphs: Iterable[Paragraph]) -> list[tuple[str, int]]:
    """Notes of the plan table and sentences of the plan prose that say how something is measured."""
    out = []
    if origin.table is not None:
        out += [(n.text, n.span.start) for n in doc.tables[origin.table].notes if BASIS_WORDS.search(n.text)]
    for para in paragraphs:
        out += [(s, para.span.start) for s in sentences(para.text) if BASIS_WORDS.search(s)]
    return out


def compare_plan(doc: Document, scorecard: Scorecard, catalogue: Catalogue) -> PlanComparison:
    """This year's indicators (table, else prose) compared with last year's."""
    found = plan_table(doc)
    if found is not None:
        index, table = found
        year = doc.plan_year if any(c.year == doc.plan_year for c in table.columns) else None
        year = combined_plan_year(table, doc.plan_year) or year
        plan = read_plan_table(table, catalogue, year)
        origin = Origin("table", table.span.start, index, table.attachment)
    else:
        plan = [_from_prose(t, catalogue) for t in extract_plan_targets(doc)]
        origin = Origin("prose", plan[0].line) if plan else Origin("none")
    paragraphs = plan_paragraphs(doc, origin.attachment)
    stated = read_stated_changes(paragraphs)
    if scorecard.origin.kind == "table" and scorecard.review:
        context = _Context(dict(scorecard.calibre_lines), _basis_texts(doc, origin, paragraphs))
        retired = compare(plan, scorecard.review, stated, catalogue, context)
        _headers_follow_children(plan)
        for item in _plan_rows(plan):  # last year's table is there: a target it lacks is new
            if item.change.kind is ChangeKind.NOT_KNOWN:
                item.change = Change(ChangeKind.NEW)
    else:  # no last-year table (a review read from prose names shortfalls, not targets)
        retired = []
        _without_comparison(plan, stated, catalogue)
    if origin.kind == "prose":
        # Prose states only the headline targets: last year's others are not thereby dropped.
        retired = []
    return PlanComparison(plan, retired, stated, origin)
