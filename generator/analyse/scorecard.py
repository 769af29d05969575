"""Review scorecard: last year's indicator table, target against actual.

Owns the status rules (:func:`score`), the scoring of a review table
(:func:`score_table`), the per-document analysis the brief builder uses
(:func:`analyse_indicators`) and the ``scorecard`` outputs
(:func:`scorecard_json`, :func:`scorecard_csv`).

Status rules, in order (each result carries a reason code, its parameters and
a Chinese sentence; ``REASONS`` holds the sentences):

* target ``—`` (not yet issued) -> ``no_target``;
* target managed over the plan period (``在“十四五”规划期内统筹考虑``, ``▽``):
  ``met`` when the actual says it is on track (``预计能达到…序时进度``,
  ``预计能完成``), else ``no_target``;
* a row whose statistical calibre changed (a calibre marker the table notes
  define, or prose naming the row — ``第N项…新版统计制度``,
  ``…数据口径调整``) -> ``not_comparable``;
* actual ``预计能完成`` or the same text as the target -> ``met``;
* a quota target (``完成国家下达任务``): ``met`` when the actual says ``完成``
  (or repeats the quota), ``missed`` when it says ``未完成``;
* a qualitative target or actual -> ``qualitative``;
* ``正增长`` targets: any positive growth meets them, ``负增长`` misses;
* numbers: ``以上``/``以内`` and ranges are bounds; ``左右`` and a bare number
  are met at or beyond the target in the good direction (polarity from the
  catalogue, else from the wording); an actual only stated as ``正增长``
  misses a positive numeric target (a report that reached it gives the
  figure); an index (``101.5``) against a growth target is read as 1.5%.
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

import csv
import io
import re
import weakref
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable

from generator.analyse.catalogue import Catalogue, Polarity, load_catalogue, name_key, resolve
from generator.document import ColumnRole, Document, Paragraph, Part, Row, RowKind, Table
from generator.read.tables import verdict
from generator.targets import Target, TargetKind, is_quota, parse_target
from generator.text import normalise, sentences

if TYPE_CHECKING:  # the later stages import this module
    from generator.analyse.changes import PlanComparison
    from generator.analyse.factcheck import Finding
    from generator.analyse.projects import Projects
    from generator.analyse.tallies import Tallies


class Status(str, Enum):
    MET = "met"
    MISSED = "missed"
    NO_TARGET = "no_target"
    NOT_COMPARABLE = "not_comparable"
    QUALITATIVE = "qualitative"


STATUSES: tuple[Status, ...] = tuple(Status)

# Reason code -> Chinese sentence (str.format with the reason's params).
REASONS: dict[str, str] = {
    "target_pending": "国家尚未下达目标值",
    "period_on_track": "目标在规划期内统筹考虑，完成情况达到序时进度",
    "period_target": "目标在规划期内统筹考虑，未设年度目标值",
    "no_target": "未设目标值",
    "calibre_changed": "统计口径调整，与目标不可比",
    "reported_achieved": "报告称预计能完成",
    "quota_met": "完成下达任务（{actual}）",
    "in_step": "完成{actual}，与经济增长（{target}）同步",
    "not_in_step": "完成{actual}，低于经济增长（{target}）",
    "quota_missed": "未完成下达任务（{actual}）",
    "no_actual": "未给出完成值",
    "same_as_target": "完成值与目标相同（{actual}）",
    "qualitative_target": "定性目标（{target}）",
    "qualitative_actual": "完成情况为定性表述（{actual}）",
    "relative_target": "目标为相对上年的变化，缺少基数无法比较",
    "positive_growth": "实现正增长（{actual}）",
    "negative_growth": "未实现正增长（{actual}）",
    "negative_as_required": "实现负增长（{actual}）",
    "only_positive": "完成值仅表述为正增长，未达到目标{target}",
    "sign_only": "完成值仅给出增减方向（{actual}），无法与目标{target}比较",
    "unit_mismatch": "目标（{target}）与完成值（{actual}）单位不同",
    "ratio_mismatch": "目标（{target}）与完成值（{actual}）一为比值一为数值",
    "at_or_above": "完成{actual}，达到目标{target}",
    "at_or_below": "完成{actual}，未超过目标{target}",
    "within_range": "完成{actual}，在目标区间{target}内",
    "near_target": "完成{actual}，与目标{target}基本一致",
    "below_target": "完成{actual}，低于目标{target}（差{gap}）",
    "above_target": "完成{actual}，高于目标{target}（超出{gap}）",
    "above_bound": "完成{actual}，高于目标{target}",
    "outside_range": "完成{actual}，不在目标区间{target}内",
    "off_target": "完成{actual}，偏离目标{target}（差{gap}）",
    "unknown_polarity": "指标方向未知（越高越好或越低越好），无法判断完成{actual}与目标{target}",
    "children_met": "分项全部完成（{count}项）",
    "children_missed": "{missed}项分项未完成（共{count}项）",
    "children_mixed": "分项情况不一（共{count}项）",
}


@dataclass(frozen=True)
class Reason:
    """Why a status was given: a code, its parameters, and the Chinese sentence."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def zh(self) -> str:
        return REASONS[self.code].format(**dict(self.params))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "zh": self.zh}


def reason(code: str, **params: object) -> Reason:
    return Reason(code, tuple((k, str(v)) for k, v in params.items()))


# --------------------------------------------------------------- numbers


def fmt(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 2.50 -> 2.5, 1E+1 -> 10."""
    return format(value.normalize(), "f")


def ratio_value(t: Target) -> Decimal | None:
    """The number a target stands for (1.5∶1 -> 1.5, 3∶2 -> 1.5)."""
    if t.value is None:
        return None
    return t.value / t.ratio_to if t.ratio_to else t.value


_ON_TRACK = re.compile(r"序时进度|能达到|能完成|可完成|完成目标|达到目标")
_INDEX_NAME = re.compile(r"指数$")
INDEX_BASE = Decimal(100)
# An index and a growth rate differ by this much at least (103 vs 3).
INDEX_SPLIT = Decimal(50)
# 左右 on an indicator of neutral polarity: within 5% of the target counts.
NEUTRAL_TOLERANCE = Decimal("0.05")


def is_index(name: str | None) -> bool:
    return bool(name) and bool(_INDEX_NAME.search(name or ""))


def _same_text(a: str, b: str) -> bool:
    return "".join(normalise(a).split()) == "".join(normalise(b).split())


def _pair(target: Target, actual: Target, index: bool) -> tuple[Decimal, Decimal]:
    """(target value, actual value) on one scale: an index read as growth when the other is growth."""
    t, a = ratio_value(target), ratio_value(actual)
    assert t is not None and a is not None
    if index and (t > INDEX_SPLIT) != (a > INDEX_SPLIT):
        t = t - INDEX_BASE if t > INDEX_SPLIT else t
        a = a - INDEX_BASE if a > INDEX_SPLIT else a
    return t, a


def _gap(diff: Decimal) -> str:
    return fmt(abs(diff))


def _numeric(target: Target, actual: Target, polarity: Polarity, index: bool) -> tuple[Status, Reason]:
    texts = {"actual": actual.text.strip(), "target": target.text.strip()}
    if target.unit and actual.unit and target.unit != actual.unit:
        return Status.NOT_COMPARABLE, reason("unit_mismatch", **texts)
    if bool(target.ratio_to) != bool(actual.ratio_to):
        return Status.NOT_COMPARABLE, reason("ratio_mismatch", **texts)
    t, a = _pair(target, actual, index)
    kind = target.kind
    if kind is TargetKind.RANGE and target.high is not None and target.value is not None:
        low, high = t, t + (target.high - target.value)
        good = {Polarity.HIGHER: a >= low, Polarity.LOWER: a <= high}.get(polarity, low <= a <= high)
        return (Status.MET, reason("within_range", **texts)) if good else (Status.MISSED, reason("outside_range", **texts))
    if kind is TargetKind.AT_LEAST or (kind in (TargetKind.ABOUT, TargetKind.EXACT) and polarity is Polarity.HIGHER):
        if a >= t:
            return Status.MET, reason("at_or_above", **texts)
        return Status.MISSED, reason("below_target", gap=_gap(t - a), **texts)
    if kind is TargetKind.AT_MOST or (kind in (TargetKind.ABOUT, TargetKind.EXACT) and polarity is Polarity.LOWER):
        if a <= t:
            return Status.MET, reason("at_or_below", **texts)
        return Status.MISSED, reason("above_target", gap=_gap(a - t), **texts)
    if a == t:
        return Status.MET, reason("same_as_target", actual=texts["actual"])
    if polarity is Polarity.NEUTRAL:
        if abs(a - t) <= abs(t) * NEUTRAL_TOLERANCE:
            return Status.MET, reason("near_target", **texts)
        return Status.MISSED, reason("off_target", gap=_gap(a - t), **texts)
    return Status.NOT_COMPARABLE, reason("unknown_polarity", **texts)


def _good_side(target: Target, polarity: Polarity) -> int:
    """+1 when values at or above the target are good, -1 at or below, 0 when unknown."""
    if target.kind is TargetKind.AT_LEAST:
        return 1
    if target.kind is TargetKind.AT_MOST:
        return -1
    return {Polarity.HIGHER: 1, Polarity.LOWER: -1}.get(polarity, 0)


def _sign_only(target: Target, actual: Target, polarity: Polarity) -> tuple[Status, Reason]:
    """An actual of 正增长 (some value > 0) or 负增长 (< 0) against a numeric target."""
    texts = {"actual": actual.text.strip(), "target": target.text.strip()}
    t = ratio_value(target)
    assert t is not None
    side = _good_side(target, polarity)
    positive = actual.kind is TargetKind.POSITIVE
    if side == 1 and positive:
        if t <= 0:
            return Status.MET, reason("positive_growth", actual=texts["actual"])
        # A report that reached a positive figure would print it.
        return Status.MISSED, reason("only_positive", **texts)
    if side == 1 and not positive and t >= 0:
        return Status.MISSED, reason("negative_growth", actual=texts["actual"])
    if side == -1 and not positive and t >= 0:
        return Status.MET, reason("at_or_below", **texts)
    if side == -1 and positive and t <= 0:
        return Status.MISSED, reason("above_bound", **texts)
    return Status.NOT_COMPARABLE, reason("sign_only", **texts)


def _quota_outcome(actual: Target) -> Status | None:
    """An outcome against a quota target: ``完成`` / ``完成国家下达任务`` meet it, ``未完成`` misses it."""
    said = verdict(actual.text)
    if said == "met" or (said is None and is_quota(actual) and "未" not in actual.text):
        return Status.MET
    return Status.MISSED if said == "missed" else None


def score(
    target: Target,
    actual: Target,
    polarity: Polarity,
    *,
    index: bool = False,
    calibre_changed: bool = False,
) -> tuple[Status, Reason]:
    """Status and reason of one indicator (rules in the module docstring)."""
    tk, ak = target.kind, actual.kind
    if tk is TargetKind.PENDING:
        return Status.NO_TARGET, reason("target_pending")
    if tk is TargetKind.PERIOD:
        on_track = ak is TargetKind.ACHIEVED or bool(actual.note and _ON_TRACK.search(actual.note))
        return (Status.MET, reason("period_on_track")) if on_track else (Status.NO_TARGET, reason("period_target"))
    if tk is TargetKind.EMPTY:
        return Status.NO_TARGET, reason("no_target")
    if calibre_changed:
        return Status.NOT_COMPARABLE, reason("calibre_changed")
    if ak is TargetKind.ACHIEVED:
        return Status.MET, reason("reported_achieved")
    if is_quota(target):
        said = _quota_outcome(actual)
        if said is not None:
            return said, reason("quota_met" if said is Status.MET else "quota_missed", actual=actual.text.strip())
    if ak in (TargetKind.EMPTY, TargetKind.PENDING):
        return Status.NOT_COMPARABLE, reason("no_actual")
    if _same_text(target.text, actual.text):
        return Status.MET, reason("same_as_target", actual=actual.text.strip())
    if tk is TargetKind.QUALITATIVE:
        return Status.QUALITATIVE, reason("qualitative_target", target=target.text.strip())
    if ak in (TargetKind.QUALITATIVE, TargetKind.PERIOD):
        return Status.QUALITATIVE, reason("qualitative_actual", actual=actual.text.strip())
    if TargetKind.RELATIVE in (tk, ak):
        return Status.NOT_COMPARABLE, reason("relative_target")
    if tk in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
        want_positive = tk is TargetKind.POSITIVE
        if ak in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
            ok = (ak is TargetKind.POSITIVE) == want_positive
        else:
            value = ratio_value(actual)
            assert value is not None
            ok = value > 0 if want_positive else value < 0
        text = actual.text.strip()
        if ok:
            return Status.MET, reason("positive_growth" if want_positive else "negative_as_required", actual=text)
        return Status.MISSED, reason("negative_growth", actual=text)
    if ak in (TargetKind.POSITIVE, TargetKind.NEGATIVE):
        return _sign_only(target, actual, polarity)
    return _numeric(target, actual, polarity, index)


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
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True)
class Origin:
    """Where a list of indicators came from."""

    kind: str  # "table" | "prose" | "none"
    line: int | None = None
    table: int | None = None  # index into Document.tables
    attachment: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "table": self.table, "attachment": self.attachment}


def _cell(row: Row, table: Table, role: ColumnRole, year: int | None) -> str:
    text = row.value(table, role, year) if year is not None else None
    if text is None:
        text = row.value(table, role)
    return (text or "").strip()


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
        return Status.MET, reason("children_met", count=count)
    missed = statuses.count(Status.MISSED)
    if missed:
        return Status.MISSED, reason("children_missed", missed=missed, count=count)
    if all(s is Status.NO_TARGET for s in statuses):
        return Status.NO_TARGET, reason("no_target")
    return Status.NOT_COMPARABLE, reason("children_mixed", count=count)


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
        texts = {"actual": item.actual_text, "target": economy.actual_text}
        item.status, item.reason = (
            (Status.MET, reason("in_step", **texts)) if value >= floor else (Status.MISSED, reason("not_in_step", **texts))
        )


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
            target, actual, resolved.polarity, index=is_index(row.name), calibre_changed=i in calibre_rows
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
    found = review_table(doc)
    if found is None:
        return Scorecard([], Origin("none"))
    index, table = found
    calibre = calibre_changed_rows(table, review_paragraphs(doc, table.attachment), catalogue)
    review = score_table(table, catalogue, calibre)
    lines = {table.rows[i].name or "": line for i, line in calibre.items()}
    return Scorecard(review, Origin("table", table.span.start, index, table.attachment), lines)


# --------------------------------------------------------------- analysis


@dataclass
class IndicatorAnalysis:
    """Everything the brief builder needs about indicators, computed once per document."""

    scorecard: Scorecard
    tallies: "Tallies"
    plan: "PlanComparison"
    projects: "Projects"
    findings: "list[Finding]"


_CACHE: dict[int, tuple[weakref.ref[Document], IndicatorAnalysis]] = {}


def analyse_indicators(doc: Document, catalogue: Catalogue | None = None) -> IndicatorAnalysis:
    """Scorecard, tallies, plan changes, projects and fact-checks of ``doc`` (cached per document)."""
    cached = _CACHE.get(id(doc))
    if cached is not None and cached[0]() is doc and catalogue is None:
        return cached[1]
    # The later stages build on the scorecard, so they are imported here.
    from generator.analyse.changes import compare_plan
    from generator.analyse.factcheck import check
    from generator.analyse.projects import find_projects
    from generator.analyse.tallies import tally_document

    cat = catalogue or load_catalogue()
    scorecard = build_scorecard(doc, cat)
    plan = compare_plan(doc, scorecard, cat)
    tallies = tally_document(doc, scorecard, plan)
    projects = find_projects(doc)
    findings = check(doc, scorecard, tallies, plan, projects, cat)
    analysis = IndicatorAnalysis(scorecard, tallies, plan, projects, findings)
    if catalogue is None:
        _CACHE[id(doc)] = (weakref.ref(doc), analysis)
    return analysis


def scorecard_json(doc: Document) -> dict[str, Any]:
    """``python -m generator scorecard``: review, tally, plan, retired, origin."""
    analysis = analyse_indicators(doc)
    return {
        "source": doc.source,
        "review_year": doc.review_year,
        "plan_year": doc.plan_year,
        "review": [item.to_dict() for item in analysis.scorecard.review],
        "tally": analysis.tallies.to_dict(),
        "plan": [item.to_dict() for item in analysis.plan.plan],
        "retired": [item.to_dict() for item in analysis.plan.retired],
        "stated_changes": analysis.plan.stated.to_dict(),
        "origin": {"review": analysis.scorecard.origin.to_dict(), "plan": analysis.plan.origin.to_dict()},
    }


CSV_HEADER = (
    "section", "number", "level", "name_zh", "id", "unit", "binding", "target", "actual",
    "status", "reason", "previous_target", "change", "ambition", "line",
)


def scorecard_csv(doc: Document) -> str:
    """One row per indicator (review rows, then plan rows), with a header."""
    analysis = analyse_indicators(doc)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in analysis.scorecard.rows():
        writer.writerow((
            "review", item.number or "", item.level, item.name_zh, item.indicator_id or "", item.unit,
            "binding" if item.binding else "anticipatory", item.target_text, item.actual_text,
            item.status.value, item.reason.zh, "", "", "", item.line,
        ))
    for plan_item in analysis.plan.rows():
        writer.writerow((
            "plan", plan_item.number or "", plan_item.level, plan_item.name_zh, plan_item.indicator_id or "",
            plan_item.unit, "binding" if plan_item.binding else "anticipatory", plan_item.target_text, "",
            "", "", plan_item.change.previous_text or "", plan_item.change.kind.value,
            plan_item.change.ambition.value, plan_item.line or "",
        ))
    return out.getvalue()
