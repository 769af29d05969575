"""Fact-checks of the source: do the report's own numbers hold together?

Each check yields :class:`Finding` objects: a :class:`FindingCode` (its
severity follows from it), typed parameters (:mod:`generator.analyse.params`)
and the source lines of both sides. No words: each language's message
catalogue words a finding by its code (context ``finding``).

* ``prose_table_mismatch`` — a figure the review prose gives for a table
  indicator differs from the table (``进出口总值增速下降至2%`` vs ``2.5左右``).
  A phrase is an indicator only through the catalogue's names and aliases,
  and only with the verb/unit of its measure (growth, decline, level);
  an index (``101.5``) equals growth of ``1.5%``; rows on a changed calibre or
  on a ``同口径`` basis are not compared;
* ``sum_agrees`` / ``sum_mismatch``, ``share_agrees`` / ``share_mismatch`` —
  major-project breakdowns against their stated totals, within the rounding
  the figures allow;
* ``tally_agrees`` / ``tally_mismatch`` / ``tally_named_status`` — stated
  tallies against the scorecard;
* ``changes_agree`` / ``changes_mismatch`` — the stated new and replaced
  indicators against the two tables;
* ``renamed_unstated`` — an indicator of last year's table appears in this
  year's under another name (a catalogue series or alias, or a similar
  name) and the report's statement of its changes to the indicator set does
  not say so;
* ``unit_missing`` / ``unit_contradicts_name`` — indicator units;
* ``status_agrees`` / ``status_disagrees`` — the verdicts of a ``完成情况``
  column (``完成`` / ``未完成``) against the status computed from target and
  outcome (``基本完成`` and rows we cannot judge are not compared).

The ``…_agree(s)`` codes are checks the report passed (:data:`PASSED`): a
brief counts them on one line rather than listing each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any, Iterable, Iterator

from generator.lexicon.catalogue import Catalogue, name_key
from generator.analyse.changes import ChangeKind, PlanComparison, plan_table
from generator.analyse.projects import ProjectGroup, Projects, ProjectSummary
from generator.analyse.scorecard import Scorecard, ScoredIndicator, plan_paragraphs, review_paragraphs, review_table
from generator.analyse.params import (
    Amount, Cell, Code, Count, Indicator, Items, Line, Number, Param, Quote, Sentence, Terms, Unit, as_text,
    sentence,
)
from generator.analyse.scoring import INDEX_BASE, INDEX_SPLIT, Status, fmt, is_index
from generator.analyse.tallies import Tallies, named_status_mismatches
from generator.document import ColumnRole, Document, Paragraph, Row, RowKind
from generator.errors import ParseError
from generator.quantities import Qualifier, Quantity, find_quantities
from generator.read.tables import verdict
from generator.targets import TargetKind
from generator.text import normalise, sentences

class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITIES = tuple(s.value for s in Severity)
PERCENT = Decimal(100)
FINDING = "finding"  # the catalogue context of findings


class FindingCode(str, Enum):
    """What a fact-check found; each language's catalogue words it (context ``finding``)."""

    PROSE_TABLE_MISMATCH = "prose_table_mismatch"
    PROSE_TABLE_AGREES = "prose_table_agrees"
    SUM_AGREES = "sum_agrees"
    SUM_MISMATCH = "sum_mismatch"
    SHARE_AGREES = "share_agrees"
    SHARE_MISMATCH = "share_mismatch"
    TALLY_AGREES = "tally_agrees"
    TALLY_MISMATCH = "tally_mismatch"
    TALLY_NAMED_STATUS = "tally_named_status"
    CHANGES_AGREE = "changes_agree"
    CHANGES_MISMATCH = "changes_mismatch"
    UNIT_MISSING = "unit_missing"
    UNIT_MISSING_QUALITATIVE = "unit_missing_qualitative"
    UNIT_CONTRADICTS_NAME = "unit_contradicts_name"
    STATUS_AGREES = "status_agrees"
    STATUS_DISAGREES = "status_disagrees"
    RENAMED_UNSTATED = "renamed_unstated"


SEVERITY: dict[FindingCode, Severity] = {
    FindingCode.PROSE_TABLE_MISMATCH: Severity.WARNING,
    FindingCode.PROSE_TABLE_AGREES: Severity.INFO,
    FindingCode.SUM_AGREES: Severity.INFO,
    FindingCode.SUM_MISMATCH: Severity.ERROR,
    FindingCode.SHARE_AGREES: Severity.INFO,
    FindingCode.SHARE_MISMATCH: Severity.ERROR,
    FindingCode.TALLY_AGREES: Severity.INFO,
    FindingCode.TALLY_MISMATCH: Severity.WARNING,
    FindingCode.TALLY_NAMED_STATUS: Severity.WARNING,
    FindingCode.CHANGES_AGREE: Severity.INFO,
    FindingCode.CHANGES_MISMATCH: Severity.WARNING,
    FindingCode.UNIT_MISSING: Severity.WARNING,
    FindingCode.UNIT_MISSING_QUALITATIVE: Severity.INFO,
    FindingCode.UNIT_CONTRADICTS_NAME: Severity.WARNING,
    FindingCode.STATUS_AGREES: Severity.INFO,
    FindingCode.STATUS_DISAGREES: Severity.WARNING,
    FindingCode.RENAMED_UNSTATED: Severity.WARNING,
}
# Checks the report passed: what it says agrees with what it shows.
PASSED: frozenset[FindingCode] = frozenset({
    FindingCode.PROSE_TABLE_AGREES, FindingCode.SUM_AGREES, FindingCode.SHARE_AGREES, FindingCode.TALLY_AGREES,
    FindingCode.CHANGES_AGREE, FindingCode.STATUS_AGREES,
})

# Vocabularies the findings' parameters use (catalogue contexts of their codes).
STATUS_WORD = "status-word"  # a status inside a sentence: met / missed …
SCOPE = "scope"  # a tally's group: all / binding / expected
TALLY_COUNT = "tally-count"  # one count a report states: "6 binding indicators"
TALLY_DIFFERENCE = "tally-difference"  # one count that differs from the table
STATED_CHANGE = "stated-change"  # a change to the indicator set the report states
CHANGE_DIFFERENCE = "change-difference"  # how the stated changes differ from the tables
UNIT_PROBLEM = "unit-problem"  # why a unit does not fit its indicator
LIST = "list"  # separator contexts of Items: a list of short items
CLAUSES = "clauses"  # … and of clauses


@dataclass(frozen=True)
class Finding:
    """One fact-check result: a code, its typed parameters and the report's lines it concerns."""

    code: FindingCode
    params: tuple[tuple[str, Param], ...]
    lines: tuple[int, ...]

    @property
    def severity(self) -> str:
        return SEVERITY[self.code].value

    @property
    def line(self) -> int | None:
        return self.lines[0] if self.lines else None

    @property
    def passed(self) -> bool:
        """A check the report passed (its figures agree), not a problem to show."""
        return self.code in PASSED

    @property
    def sentence(self) -> Sentence:
        return Sentence(FINDING, self.code.value, self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity, "code": self.code.value,
            "params": {k: as_text(v) for k, v in self.params}, "lines": list(self.lines),
        }


def finding(code: FindingCode, lines: Iterable[int | None], **params: Param) -> Finding:
    return Finding(code, tuple(params.items()), tuple(sorted({ln for ln in lines if ln})))


def _status(status: str) -> Code:
    return Code(STATUS_WORD, status)


def _scope(scope: str) -> dict[str, Param]:
    """A tally's group as a parameter; all indicators need no word."""
    return {} if scope == "all" else {"scope": Code(SCOPE, scope)}


# --------------------------------------------------------------- numbers


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _half_unit(q: Quantity) -> Decimal:
    """Half of the last written digit, in base units (1.2万亿 -> 0.05万亿)."""
    digits = q.value.as_tuple()
    exponent = digits.exponent if isinstance(digits.exponent, int) else 0
    return Decimal(5) * Decimal(10) ** (exponent - 1) * q.multiplier


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _same_figure(prose: Decimal, table: Decimal) -> bool:
    """Equal at the precision of the less precise figure (1.4 = 1.43; 3 != 3.5)."""
    places = min(_places(prose), _places(table))
    return _round(prose, places) == _round(table, places)


def _amount(value: Decimal, like: Quantity) -> Amount:
    """A base-unit value in the unit of ``like`` (1.5E12 元 like 亿元 -> 15000亿元)."""
    return Amount(Quantity(Decimal(fmt(value / like.multiplier)), like.unit))


# --------------------------------------------------------------- prose vs table

GROWTH_VERBS: dict[str, int] = {
    "增速下降至": 1, "增速回落至": 1, "增速提高至": 1, "增速达到": 1, "增速为": 1, "增速": 1,
    "增长": 1, "上涨": 1, "上升": 1, "提高": 1, "增加": 1,
    "下降": -1, "降低": -1, "减少": -1, "回落": -1,
}
LEVEL_VERBS: tuple[str, ...] = ("达到", "达", "为", "是", "")
ADVERBS: tuple[str, ...] = ("全年", "同比", "温和", "平均", "预计", "累计", "实际")
_VERB = re.compile(
    "^(?:" + "|".join(ADVERBS) + ")*(?P<verb>"
    + "|".join(sorted((*GROWTH_VERBS, *(v for v in LEVEL_VERBS if v)), key=len, reverse=True))
    + ")?$"
)
_CLAUSE_END = re.compile(r"[，,。；;：:！？]")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
QUOTE_LIMIT = 40  # characters of prose quoted in a finding


def _prose_form(text: str) -> str:
    return _QUOTES.sub("", normalise(text)).replace("的比重", "比重")


@dataclass(frozen=True)
class _Stem:
    text: str
    measure: str  # "growth" | "decline" | "level" | "index"
    row: ScoredIndicator


@dataclass(frozen=True)
class Mention:
    row: ScoredIndicator
    kind: str  # "growth" | "level"
    value: Decimal
    quantity: Quantity
    text: str
    line: int


def _stems(row: ScoredIndicator, catalogue: Catalogue) -> list[_Stem]:
    definition = catalogue.get(row.indicator_id) if row.indicator_id else None
    names = {row.name_zh, *(definition.names if definition else ())}
    out: list[_Stem] = []
    for name in names:
        form = _prose_form(name)
        key = name_key(name)
        if key.endswith("增速"):
            out.append(_Stem(re.sub(r"(?:增速|增长率|增长|增幅)$", "", form), "growth", row))
        elif key.endswith("下降"):
            out.append(_Stem(re.sub(r"(?:下降|降低|下降率|降低率)$", "", form), "decline", row))
        elif is_index(form):
            out.append(_Stem(form, "level", row))
            out.append(_Stem(form[: -len("指数")], "index", row))
        else:
            out.append(_Stem(form, "level", row))
            bare = re.sub(r"(?<=..)(?:数量|人数)$", "", form)
            if bare != form:
                out.append(_Stem(bare, "level", row))
    return [s for s in out if len(s.text) >= 3]


def _segments(rest: str) -> Iterator[tuple[str, Quantity, int]]:
    """(verb, quantity, end offset) of what continues a subject: ``增长5.1%``, ``达1200家、增长8.3%``.

    Stops at the first clause or 、-segment that does not open with a verb and a figure
    (it has a subject of its own).
    """
    start = 0
    while start < len(rest):
        stop = _CLAUSE_END.search(rest, start)
        end = stop.start() if stop else len(rest)
        seg_start = start
        for seg in rest[start:end].split("、"):
            try:
                found = find_quantities(seg)
            except ParseError:
                return
            verb = _VERB.match(seg[: found[0].start]) if found else None
            if verb is None:
                return
            yield verb.group("verb") or "", found[0].quantity, seg_start + found[0].end
            seg_start += len(seg) + 1
        if stop is None:
            return
        start = end + 1


def _mentions(paragraphs: Iterable[Paragraph], rows: list[ScoredIndicator], catalogue: Catalogue) -> list[Mention]:
    stems = [s for row in rows for s in _stems(row, catalogue)]
    out: list[Mention] = []
    for para in paragraphs:
        text = _prose_form(para.text)
        hits: list[tuple[int, int, _Stem]] = []
        for stem in stems:
            start = text.find(stem.text)
            while start >= 0:
                hits.append((start, start + len(stem.text), stem))
                start = text.find(stem.text, start + 1)
        # the longest name wins where two overlap (规上工业增加值 over 工业增加值)
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept: list[tuple[int, int, _Stem]] = []
        for hit in hits:
            if kept and hit[0] < kept[-1][1]:
                if hit[1] - hit[0] > kept[-1][1] - kept[-1][0]:
                    kept[-1] = hit
                continue
            kept.append(hit)
        seen: set[tuple[int, int]] = set()
        for start, end, stem in kept:
            for verb, q, stop in _segments(text[end:]):
                quote = text[start: end + stop]
                if len(quote) > QUOTE_LIMIT:
                    quote = f"{stem.text}…{verb}{q.text}"
                mention = _as_mention(stem, verb, q, quote, para.span.start)
                if mention and (id(stem.row), start) not in seen:
                    seen.add((id(stem.row), start))
                    out.append(mention)
    return out


def _as_mention(stem: _Stem, verb: str, q: Quantity, quote: str, line: int) -> Mention | None:
    if q.is_range or q.is_ratio or q.rank:
        return None
    row = stem.row
    growth_sign = GROWTH_VERBS.get(verb)
    if stem.measure in ("growth", "index"):
        if growth_sign is None or q.unit != "%":
            return None
        return Mention(row, "growth", growth_sign * q.value, q, quote, line)
    if stem.measure == "decline":
        if growth_sign is None or q.unit != "%":
            return None
        return Mention(row, "level", -growth_sign * q.value, q, quote, line)
    if growth_sign is not None and verb not in LEVEL_VERBS:
        return None
    index_level = is_index(row.name_zh) and q.unit in ("", "%")
    if not index_level and (not row.unit or normalise(q.unit) != normalise(row.unit)):
        return None
    return Mention(row, "level", q.value, q, quote, line)


def prose_table_findings(doc: Document, scorecard: Scorecard, catalogue: Catalogue) -> list[Finding]:
    rows = [
        r for r in scorecard.rows()
        if r.actual.value is not None and not r.actual.basis and not r.actual.ratio_to
        and r.status is not Status.NOT_COMPARABLE
    ]
    paragraphs = review_paragraphs(doc, scorecard.origin.attachment)
    out: list[Finding] = []
    agreeing: list[int] = []
    for m in _mentions(paragraphs, rows, catalogue):
        table = m.row.actual.value
        assert table is not None
        if m.kind == "growth" and is_index(m.row.name_zh) and table > INDEX_SPLIT:
            table = table - INDEX_BASE
        if _same_figure(m.value, table):
            agreeing.append(m.line)
            continue
        unit = m.row.unit
        out.append(finding(
            FindingCode.PROSE_TABLE_MISMATCH, (m.line, m.row.line), name=Indicator(m.row.name_zh),
            quote=Quote(m.text), table=Cell(m.row.actual_text, unit), table_line=Line(m.row.line),
            prose=Cell(fmt(m.value), unit),
        ))
    if agreeing:
        out.append(finding(FindingCode.PROSE_TABLE_AGREES, agreeing, count=Count(len(agreeing))))
    return out


# --------------------------------------------------------------- sums


def _sum_check(what: str, parts: list[Quantity | None], total: Quantity | None, lines: list[int],
               names: tuple[str, ...] = ()) -> Finding | None:
    if total is None or len(parts) < 2 or any(p is None for p in parts):
        return None
    quantities = [p for p in parts if p is not None]
    if any(p.measure != total.measure for p in quantities):
        return None
    if any(q.qualifier not in (None, Qualifier.ABOUT) for q in (total, *quantities)):
        return None  # 超过 / 近: bounds, not figures to add up
    s = sum((p.base_value for p in quantities), Decimal(0))
    tolerance = _half_unit(total) + sum((_half_unit(p) for p in quantities), Decimal(0))
    diff = s - total.base_value
    params: dict[str, Param] = dict(what=Terms(names or (what,)), sum=_amount(s, total), total=Amount(total))
    if abs(diff) <= tolerance:
        return finding(FindingCode.SUM_AGREES, lines, **params)
    return finding(FindingCode.SUM_MISMATCH, lines, diff=_amount(abs(diff), total), **params)


def _count_check(what: str, counts: list[int | None], total: int | None, lines: list[int]) -> Finding | None:
    if total is None or len(counts) < 2 or any(c is None for c in counts):
        return None
    s = sum(c for c in counts if c is not None)
    params: dict[str, Param] = dict(what=Terms((what,)), sum=_pieces(s), total=_pieces(total))
    if s == total:
        return finding(FindingCode.SUM_AGREES, lines, **params)
    return finding(FindingCode.SUM_MISMATCH, lines, diff=_pieces(abs(s - total)), **params)


def _pieces(n: int) -> Amount:
    return Amount(Quantity(Decimal(n), "个"))


def _groups_checks(summary: ProjectSummary, groups: list[ProjectGroup], label: str) -> list[Finding]:
    lines = [summary.line, *(g.line for g in groups)]
    checks = [
        _count_check(f"{label}项目数", [g.count for g in groups], summary.count, lines),
        _sum_check(f"{label}总投资", [g.total_investment for g in groups], summary.total_investment, lines),
        _sum_check(f"{label}{summary.investment_verb or '投资'}", [g.investment for g in groups], summary.investment, lines),
    ]
    return [c for c in checks if c is not None]


def project_findings(projects: Projects) -> list[Finding]:
    out: list[Finding] = []
    for summary in projects.summaries():
        out.extend(_groups_checks(summary, summary.sectors, "各领域"))
        out.extend(_groups_checks(summary, summary.sources, "按投资来源"))
        by_name = {g.name: g for g in summary.sectors}
        for sub in summary.subtotals:
            parts = [by_name[n].investment if n in by_name else None for n in sub.names]
            check = _sum_check("、".join(sub.names), parts, sub.investment, [sub.line], tuple(sub.names))
            if check is not None:
                out.append(check)
            whole = summary.investment
            if sub.share is not None and whole is not None and whole.base_value:
                out.append(_share_check(tuple(sub.names), sub.investment, whole, sub.share, sub.of, sub.line))
    return out


def _share_check(names: tuple[str, ...], part: Quantity, whole: Quantity, stated: Quantity, of: str,
                 line: int) -> Finding:
    computed = part.base_value / whole.base_value * PERCENT
    tolerance = _half_unit(stated) + (
        _half_unit(part) / part.base_value + _half_unit(whole) / whole.base_value
    ) * computed
    params: dict[str, Param] = dict(
        part=Terms(names), whole=Terms((of or "总数",)),
        computed=Number(_round(computed, _places(stated.value) + 1)), stated=Number(stated.value),
    )
    code = FindingCode.SHARE_AGREES if abs(computed - stated.value) <= tolerance else FindingCode.SHARE_MISMATCH
    return finding(code, [line], **params)


# --------------------------------------------------------------- tallies and changes


def tally_findings(tallies: Tallies, scorecard: Scorecard) -> list[Finding]:
    out: list[Finding] = []
    by_line: dict[tuple[str, int], list[Any]] = {}
    for check in tallies.checks:
        by_line.setdefault((check.stated.stage, check.stated.line), []).append(check)
    for (_stage, line), checks in by_line.items():
        wrong = [c for c in checks if not c.agrees]
        if not wrong:
            stated = Items(tuple(sentence(TALLY_COUNT, c.what, n=Count(c.stated_value), **_scope(c.stated.scope))
                                 for c in checks), LIST)
            out.append(finding(FindingCode.TALLY_AGREES, [line], stated=stated))
        else:
            differences = Items(tuple(
                sentence(TALLY_DIFFERENCE, c.what, stated=Count(c.stated_value), computed=Count(c.computed),
                         **_scope(c.stated.scope)) for c in wrong), CLAUSES)
            out.append(finding(FindingCode.TALLY_MISMATCH, [line], differences=differences))
    for stated, status, name, row in named_status_mismatches(tallies.stated, scorecard):
        out.append(finding(
            FindingCode.TALLY_NAMED_STATUS, [stated.line, row.line], name=Indicator(name),
            stated_status=_status(status), computed_status=_status(row.status.value),
        ))
    return out


def change_findings(plan: PlanComparison, catalogue: Catalogue) -> list[Finding]:
    stated = plan.stated
    if plan.origin.kind != "table" or (stated.new_count is None and not stated.replaced):
        return []
    rows = list(plan.rows())
    differences: list[Sentence] = []
    said: list[Sentence] = []
    lines: list[int] = []
    if stated.new_count is not None and stated.new_text is not None:
        new = [p for p in rows if p.change.kind is ChangeKind.NEW]
        unnamed = [p.name_zh for p in new if p.change.stated_line is None]
        said.append(sentence(STATED_CHANGE, "new", n=Count(stated.new_count)))
        lines.append(stated.new_line or 0)
        if len(new) != stated.new_count:
            differences.append(sentence(CHANGE_DIFFERENCE, "new_count", stated=Count(stated.new_count),
                                        found=Count(len(new))))
        if unnamed:
            differences.append(sentence(CHANGE_DIFFERENCE, "unstated_new", names=Terms(tuple(unnamed), "indicator")))
    for old, new_name, line in stated.replaced:
        lines.append(line)
        said.append(sentence(STATED_CHANGE, "replaced", old=Indicator(old), new=Indicator(new_name)))
        if not any(p.change.kind is ChangeKind.REPLACED and p.change.replaces and name_key(p.change.replaces) == name_key(old) for p in rows):
            differences.append(sentence(CHANGE_DIFFERENCE, "replaced_missing", old=Indicator(old),
                                        new=Indicator(new_name)))
    if differences:
        return [finding(FindingCode.CHANGES_MISMATCH, lines, differences=Items(tuple(differences), CLAUSES))]
    return [finding(FindingCode.CHANGES_AGREE, lines, stated=Items(tuple(said), LIST))]


def rename_findings(plan: PlanComparison, paragraphs: Iterable[Paragraph]) -> list[Finding]:
    """Indicators renamed between the two tables that the report's statement of its changes leaves out."""
    if plan.origin.kind != "table":
        return []
    said = [normalise(s) for para in paragraphs for s in sentences(para.text)]
    out: list[Finding] = []
    for item in plan.rows():
        change = item.change
        if not change.renamed or change.previous_name is None:
            continue
        old_key, new_key = name_key(change.previous_name), name_key(item.name_zh)
        if any(old_key in name_key(s) and new_key in name_key(s) for s in said):
            continue  # the report says so
        out.append(finding(
            FindingCode.RENAMED_UNSTATED, (change.previous_line, item.line, change.definition_line),
            old=Indicator(change.previous_name), new=Indicator(item.name_zh),
            old_line=Line(change.previous_line or 0), new_line=Line(item.line or 0),
        ))
    return out


# --------------------------------------------------------------- units

# Names whose unit is implied (a rate, share, ratio, index or a count of people/things).
UNIT_IMPLIED = re.compile(r"(?:增速|增长|下降|降低|率|比重|比例|比值|指数|人数|个数|家数|次数|天数|数量)$")
# Names that denote a rate or share: their unit is % (or 个百分点).
# (…投入强度: R&D spending as a share of output, printed in %.)
RATE_NAME = re.compile(r"(?:增速|增长|增幅|涨幅|下降|降低|比重|比例|占比|率|强度)$|占.+比重")
PERCENT_UNITS = ("%", "‰", "个百分点", "百分点")


def _unit_rows(doc: Document) -> Iterator[Row]:
    """Indicator rows of the review and plan tables (a combined table once)."""
    seen: set[int] = set()
    for found in (review_table(doc), plan_table(doc)):
        if found is None or found[0] in seen:
            continue
        seen.add(found[0])
        for row in found[1].rows:
            if row.kind in (RowKind.INDICATOR, RowKind.SUBROW) and row.name:
                yield row


def unit_findings(doc: Document, scorecard: Scorecard, plan: PlanComparison, catalogue: Catalogue) -> list[Finding]:
    out: list[Finding] = []
    targets = {r.line: r.target for r in scorecard.rows()}
    targets.update({p.line: p.target for p in plan.rows() if p.line})
    for row in _unit_rows(doc):
        target = targets.get(row.span.start)
        unit = (row.unit or "").strip()
        name = row.name or ""
        definition = catalogue.match(name)
        if not unit:
            if target is None or target.unit or target.ratio_to or UNIT_IMPLIED.search(_prose_form(name)):
                continue
            if target.kind is TargetKind.QUALITATIVE:
                out.append(finding(FindingCode.UNIT_MISSING_QUALITATIVE, [row.span.start], name=Indicator(name),
                                   target=Cell(target.text, "")))
            elif target.value is not None:
                out.append(finding(FindingCode.UNIT_MISSING, [row.span.start], name=Indicator(name),
                                   target=Cell(target.text, "")))
            continue
        percent = unit in PERCENT_UNITS
        form = _prose_form(name)
        rate_name = bool(RATE_NAME.search(form)) or is_index(name)
        why: Sentence | None = None
        if percent and not rate_name:
            why = sentence(UNIT_PROBLEM, "percent_for_a_level")
        elif not percent and re.search(r"(?:增速|增长|比重|比例|占比)$", form):
            why = sentence(UNIT_PROBLEM, "rate_without_percent")
        if why is None and definition is not None and definition.unit:
            if (definition.unit in PERCENT_UNITS) != percent:
                why = sentence(UNIT_PROBLEM, "catalogue_unit", catalogue_unit=Unit(definition.unit))
        if why is not None:
            out.append(finding(FindingCode.UNIT_CONTRADICTS_NAME, [row.span.start], name=Indicator(name),
                               unit=Unit(unit), why=why))
    return out


# --------------------------------------------------------------- status column

# Verdict word class -> the computed statuses it contradicts.
VERDICT_CONTRADICTS: dict[str, Status] = {"met": Status.MISSED, "missed": Status.MET}


def status_findings(doc: Document, scorecard: Scorecard) -> list[Finding]:
    """The report's own 完成情况 verdicts against the computed statuses."""
    found = review_table(doc)
    if found is None:
        return []
    table = found[1]
    column = next((j for j, c in enumerate(table.columns) if c.role is ColumnRole.STATUS), None)
    if column is None:
        return []
    by_line = {r.line: r for r in scorecard.rows()}
    out: list[Finding] = []
    agree: list[int] = []
    for row in table.rows:
        scored = by_line.get(row.span.start)
        cell = row.cells[column] if column < len(row.cells) else ""
        said = verdict(cell)
        if scored is None or said not in VERDICT_CONTRADICTS or scored.status not in VERDICT_CONTRADICTS.values():
            continue
        if scored.status is VERDICT_CONTRADICTS[said]:
            out.append(finding(
                FindingCode.STATUS_DISAGREES, [row.span.start], name=Indicator(scored.name_zh),
                stated=Quote(cell.strip()), stated_status=_status(said),
                target=Cell(scored.target_text, scored.unit), actual=Cell(scored.actual_text, scored.unit),
                computed_status=_status(scored.status.value),
            ))
        else:
            agree.append(row.span.start)
    if agree:
        out.append(finding(FindingCode.STATUS_AGREES, agree[:1], count=Count(len(agree))))
    return out


# --------------------------------------------------------------- entry points


def check(
    doc: Document, scorecard: Scorecard, tallies: Tallies, plan: PlanComparison, projects: Projects, catalogue: Catalogue
) -> list[Finding]:
    """Every finding of a document, ordered by line then severity."""
    found = [
        *prose_table_findings(doc, scorecard, catalogue),
        *project_findings(projects),
        *tally_findings(tallies, scorecard),
        *change_findings(plan, catalogue),
        *rename_findings(plan, plan_paragraphs(doc, plan.origin.attachment)),
        *unit_findings(doc, scorecard, plan, catalogue),
        *status_findings(doc, scorecard),
    ]
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda f: (f.line or 0, rank[f.severity], f.code))
