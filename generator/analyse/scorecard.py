"""Review scorecard: last year's indicator table, target against actual.

Owns reading the review table into a :class:`Scorecard`: finding the table
(:func:`review_table`), the rows whose calibre changed
(:func:`calibre_changed_rows`), scoring every row (:func:`score_table`,
:func:`build_scorecard`) and the prose of each stage
(:func:`review_paragraphs`, :func:`plan_paragraphs`). One indicator's status
comes from :func:`generator.analyse.scoring.score` (its rules are listed
there); the rules that need the whole table are applied here:

* a row whose statistical calibre changed: a calibre marker the table notes
  define, or prose naming the row (``第N项…新版统计制度``,
  ``…数据口径调整``) -> ``not_comparable``;
* ``与经济增长同步`` (in step with economic growth): ``met`` when the outcome
  is at least the economy's growth in the same table (``基本同步``: within
  :data:`IN_STEP_TOLERANCE` of it), else ``missed``; qualitative without it;
* an indicator row with no cells of its own is scored from its sub-rows; a
  blank actual under a sibling's ``预计能完成`` is that merged cell.

Sub-rows (``#民间投资增速``) are scored but not tallied. In a combined table
(last year's target and outcome beside this year's target) a row with
neither a target nor an outcome for last year (``—`` / blank) but a target
for this year is a new indicator: it belongs to the plan, not the review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from generator.lexicon.catalogue import Catalogue, Polarity, name_key, resolve
from generator.analyse.params import Cell, Count
from generator.analyse.scoring import Reason, ReasonCode, Status, is_index, ratio_value, reason, score
from generator.document import ColumnRole, Document, Paragraph, Part, Row, RowKind, Table
from generator.targets import Target, TargetKind, parse_target
from generator.text import normalise, sentences


# --------------------------------------------------------------- tables


@dataclass
class ScoredIndicator:
    """One row of the review scorecard."""

    name_zh: str
    unit: str
    binding: bool
    target_text: str
    actual_text: str
    target: Target
    actual: Target
    status: Status
    reason: Reason
    number: int | None = None
    category: str | None = None
    indicator_id: str | None = None
    en: str | None = None
    polarity: Polarity = Polarity.UNKNOWN
    polarity_source: str = "unknown"
    line: int = 0
    level: int = 0  # 1 for sub-rows
    children: list["ScoredIndicator"] = field(default_factory=list)
    origin: str = "table"  # "table" | "prose" (named in the text as falling short)
    cause_zh: str | None = None  # prose rows: the report's stated reason, as written

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name_zh": self.name_zh,
            "id": self.indicator_id,
            "en": self.en,
            "unit": self.unit,
            "binding": self.binding,
            "category": self.category,
            "target": self.target_text,
            "actual": self.actual_text,
            "status": self.status.value,
            "reason": self.reason.to_dict(),
            "polarity": self.polarity.value,
            "polarity_source": self.polarity_source,
            "line": self.line,
            "origin": self.origin,
            "stated_reason": self.cause_zh,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True)
class Origin:
    """Where a list of indicators came from."""

    kind: str  # "table" | "prose" (read from the text) | "none"
    line: int | None = None
    table: int | None = None  # index into Document.tables
    attachment: int | None = None
    estimate: bool = False  # the outcomes are estimates (预计完成 / 为预计数), not final figures
    estimate_line: int | None = None  # where the report says so (the column header or a sentence)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "table": self.table, "attachment": self.attachment,
                "estimate": self.estimate, "estimate_line": self.estimate_line}


def _cell(row: Row, table: Table, role: ColumnRole, year: int | None) -> str:
    text = row.value(table, role, year) if year is not None else None
    if text is None:
        text = row.value(table, role)
    return (text or "").strip()


# An outcome column or a sentence saying the outcomes are estimates, not final figures.
ESTIMATE_HEADER = re.compile(r"预计|预估|估计")
ESTIMATE_WORDS = re.compile(r"(?:为|系|是|均为|采用)(?:预计数|预计值|预估数|估算数)|预计(?:数据|数)(?![量额])")


def estimate_line(table: Table, paragraphs: Iterable[Paragraph]) -> int | None:
    """Where the report says the outcomes of its review table are estimates, else None."""
    for para in paragraphs:  # a sentence saying so says more than a header
        if ESTIMATE_WORDS.search(normalise(para.text)):
            return para.span.start
    if any(c.role is ColumnRole.ACTUAL and ESTIMATE_HEADER.search(c.header) for c in table.columns):
        return table.span.start
    return None


def _year(table: Table, role: ColumnRole) -> int | None:
    years = [c.year for c in table.columns if c.role is role and c.year is not None]
    return years[0] if years else None


def review_table(doc: Document) -> tuple[int, Table] | None:
    """The indicator table with both target and actual columns (last year's)."""
    for i, table in enumerate(doc.tables):
        roles = {c.role for c in table.columns}
        if table.indicators() and ColumnRole.TARGET in roles and ColumnRole.ACTUAL in roles:
            return i, table
    return None


# A calibre change: the basis of the statistics changed (not 同口径, which
# means "computed on the same basis" and is compared as given).
CALIBRE_CHANGE = re.compile(
    r"口径(?:有变|有所变化|调整|变化|变更|改变)|新版统计制度|统计制度(?:改革|调整|变化)|不再使用.{0,20}口径"
)
_ROW_REF = re.compile(r"第\s*(\d+)\s*项")
_ITEM_SPLIT = re.compile(r"(?=[一二三四五六七八九十]+是)")
_CLAUSE_SPLIT = re.compile(r"[，,；;。]")


def _row_refs(segment: str) -> list[int]:
    return [int(n) for n in _ROW_REF.findall(normalise(segment))]


def calibre_changed_rows(
    table: Table, paragraphs: Iterable[Paragraph], catalogue: Catalogue
) -> dict[int, int]:
    """Indexes of rows whose calibre changed -> the source line saying so."""
    found: dict[int, int] = {}
    rows = list(enumerate(table.rows))
    markers = {m for note in table.notes if CALIBRE_CHANGE.search(note.text) for m in ("▽", "△", "※") if m in note.text}
    note_line = {m: note.span.start for note in table.notes for m in markers if m in note.text}
    for i, row in rows:
        for m in row.markers:
            if m in markers:
                found.setdefault(i, note_line[m])
    by_number = {row.number: i for i, row in rows if row.kind is RowKind.INDICATOR and row.number is not None}
    names: list[tuple[int, tuple[str, ...]]] = []
    for i, row in rows:
        if row.kind in (RowKind.INDICATOR, RowKind.SUBROW) and row.name:
            definition = catalogue.match(row.name)
            names.append((i, (row.name, *(definition.names if definition else ()))))
    for para in paragraphs:
        for sentence in sentences(para.text):
            for segment in _ITEM_SPLIT.split(sentence):
                if not CALIBRE_CHANGE.search(segment):
                    continue
                refs = _row_refs(segment)
                for n in refs:
                    if n in by_number:
                        found.setdefault(by_number[n], para.span.start)
                if refs:
                    continue
                for clause in _CLAUSE_SPLIT.split(segment):
                    if not CALIBRE_CHANGE.search(clause):
                        continue
                    key = name_key(clause)
                    for i, row_names in names:
                        if any(name_key(n) in key for n in row_names):
                            found.setdefault(i, para.span.start)
    return found


def _merged_actuals(table: Table) -> dict[int, str]:
    """Actual cells of sub-rows, with a blank under a sibling's 预计能完成 filled in (merged cell)."""
    year = _year(table, ColumnRole.ACTUAL)
    out: dict[int, str] = {}
    carry: str | None = None
    parent: int | None = None
    for i, row in enumerate(table.rows):
        if row.kind is not RowKind.SUBROW:
            carry, parent = None, None
            continue
        text = _cell(row, table, ColumnRole.ACTUAL, year)
        if row.parent != parent:
            carry, parent = None, row.parent
        if text:
            carry = text if parse_target(text).kind is TargetKind.ACHIEVED else None
        elif carry is not None:
            text = carry
        out[i] = text
    return out


def _from_children(children: list[ScoredIndicator]) -> tuple[Status, Reason]:
    count = len(children)
    statuses = [c.status for c in children]
    if all(s is Status.MET for s in statuses):
        return Status.MET, reason(ReasonCode.CHILDREN_MET, count=Count(count))
    missed = statuses.count(Status.MISSED)
    if missed:
        return Status.MISSED, reason(ReasonCode.CHILDREN_MISSED, missed=Count(missed), count=Count(count))
    if all(s is Status.NO_TARGET for s in statuses):
        return Status.NO_TARGET, reason(ReasonCode.NO_TARGET)
    return Status.NOT_COMPARABLE, reason(ReasonCode.CHILDREN_MIXED, count=Count(count))


_ABSENT = (TargetKind.EMPTY, TargetKind.PENDING)
# 与经济增长同步 / 和经济增长基本同步 / 不低于经济增速: a target set by the economy's growth.
IN_STEP = re.compile(r"(?:(?:与|和|同)(?:经济增长|经济增速)(?P<basic>基本)?同步|不低于经济增[长速])")
IN_STEP_TOLERANCE = Decimal("0.5")  # percentage points "broadly in step" (基本同步) allows
ECONOMIC_GROWTH = ("grp_growth", "gdp_growth")  # catalogue ids of the economy's growth
_NUMERIC_KINDS = (TargetKind.EXACT, TargetKind.ABOUT, TargetKind.AT_LEAST, TargetKind.AT_MOST)


def _in_step(items: list[ScoredIndicator]) -> None:
    """Score 与经济增长同步 targets against the economy's growth in the same table."""
    economy = next(
        (i for i in items if i.indicator_id in ECONOMIC_GROWTH and i.actual.kind in _NUMERIC_KINDS), None
    )
    if economy is None:
        return
    growth = ratio_value(economy.actual)
    assert growth is not None
    for item in (x for top in items for x in (top, *top.children)):
        m = IN_STEP.search(normalise(item.target_text))
        if not m or item.status is not Status.QUALITATIVE or item.actual.kind not in _NUMERIC_KINDS:
            continue
        value = ratio_value(item.actual)
        assert value is not None
        floor = growth - (IN_STEP_TOLERANCE if m.group("basic") else 0)
        texts = {"actual": Cell(item.actual_text), "target": Cell(economy.actual_text, economy.unit)}
        code = ReasonCode.IN_STEP if value >= floor else ReasonCode.NOT_IN_STEP
        item.status, item.reason = (Status.MET if value >= floor else Status.MISSED), reason(code, **texts)


def _new_this_year(row: Row, table: Table, target: Target, actual: Target, later_years: list[int]) -> bool:
    """Nothing for last year, a target for a later year: an indicator new in this year's plan."""
    if target.kind not in _ABSENT or actual.kind not in _ABSENT:
        return False
    later = [parse_target(row.value(table, ColumnRole.TARGET, y) or "") for y in later_years]
    return any(t.kind not in _ABSENT for t in later)


def score_table(
    table: Table, catalogue: Catalogue, calibre_rows: dict[int, int] | None = None
) -> list[ScoredIndicator]:
    """Score every indicator row of a review table; sub-rows become ``children``."""
    calibre_rows = calibre_rows or {}
    actual_year = _year(table, ColumnRole.ACTUAL)
    # In a combined table (this year's target beside last year's) score against the
    # target of the actual's year.
    target_years = [c.year for c in table.columns if c.role is ColumnRole.TARGET]
    target_year = actual_year if actual_year in target_years else _year(table, ColumnRole.TARGET)
    merged = _merged_actuals(table)
    later_years = [y for y in target_years if y is not None and actual_year is not None and y > actual_year]
    top: list[ScoredIndicator] = []
    by_index: dict[int, ScoredIndicator] = {}
    for i, row in enumerate(table.rows):
        if row.kind not in (RowKind.INDICATOR, RowKind.SUBROW) or not row.name:
            continue
        target_text = _cell(row, table, ColumnRole.TARGET, target_year)
        actual_text = merged.get(i, _cell(row, table, ColumnRole.ACTUAL, actual_year))
        target, actual = parse_target(target_text), parse_target(actual_text)
        if later_years and _new_this_year(row, table, target, actual, later_years):
            continue
        resolved = resolve(catalogue, row.name, target, actual)
        status, why = score(
            target, actual, resolved.polarity, index=is_index(row.name), calibre_changed=i in calibre_rows,
            unit=row.unit or "",
        )
        parent = by_index.get(row.parent) if row.kind is RowKind.SUBROW and row.parent is not None else None
        item = ScoredIndicator(
            name_zh=row.name,
            unit=row.unit or "",
            binding=row.binding or bool(parent and parent.binding),
            target_text=target_text,
            actual_text=actual_text,
            target=target,
            actual=actual,
            status=status,
            reason=why,
            number=row.number if row.kind is RowKind.INDICATOR else None,
            category=row.category,
            indicator_id=resolved.id,
            en=resolved.en,
            polarity=resolved.polarity,
            polarity_source=resolved.polarity_source,
            line=row.span.start,
            level=1 if parent else 0,
        )
        if parent is not None:
            parent.children.append(item)
        else:
            top.append(item)
            by_index[i] = item
    _in_step(top)
    for item in top:
        if item.children and item.target.kind is TargetKind.EMPTY and item.actual.kind is TargetKind.EMPTY:
            item.status, item.reason = _from_children(item.children)
    return top


# --------------------------------------------------------------- document


def part_paragraphs(part: Part) -> list[Paragraph]:
    """Every paragraph of a part: intro, sections, outro."""
    return [*part.intro, *(p for section in part.sections for p in section.paragraphs), *part.outro]


def _stage_paragraphs(doc: Document, roles: tuple[str, ...], attachment: int | None) -> list[Paragraph]:
    out = [p for part in doc.parts if part.role in roles for p in part_paragraphs(part)]
    for att in doc.attachments:
        if attachment is not None and att.number == attachment:
            out.extend(att.paragraphs)
    return out


def review_paragraphs(doc: Document, attachment: int | None) -> list[Paragraph]:
    """Prose about last year: the review part(s) and the attachment holding the review table."""
    return _stage_paragraphs(doc, ("review",), attachment)


def plan_paragraphs(doc: Document, attachment: int | None) -> list[Paragraph]:
    """Prose about this year's plan: outlook/tasks parts and the plan table's attachment."""
    return _stage_paragraphs(doc, ("outlook", "tasks"), attachment)


@dataclass
class Scorecard:
    """The review scorecard of one document."""

    review: list[ScoredIndicator]
    origin: Origin
    calibre_lines: dict[str, int] = field(default_factory=dict)  # indicator name -> line saying so

    def rows(self) -> Iterable[ScoredIndicator]:
        """Every scored row, sub-rows after their parent."""
        for item in self.review:
            yield item
            yield from item.children


def build_scorecard(doc: Document, catalogue: Catalogue) -> Scorecard:
    """From the review table (origin "none" without one: see :func:`generator.analyse.prose_review.prose_scorecard`)."""
    found = review_table(doc)
    if found is None:
        return Scorecard([], Origin("none"))
    index, table = found
    paragraphs = review_paragraphs(doc, table.attachment)
    calibre = calibre_changed_rows(table, paragraphs, catalogue)
    review = score_table(table, catalogue, calibre)
    lines = {table.rows[i].name or "": line for i, line in calibre.items()}
    estimate = estimate_line(table, paragraphs)
    origin = Origin("table", table.span.start, index, table.attachment, estimate is not None, estimate)
    return Scorecard(review, origin, lines)
