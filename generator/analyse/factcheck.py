"""Fact-checks of the source: do the report's own numbers hold together?

Each check yields :class:`Finding` objects (severity, code, Chinese message,
structured params for the English brief, and the source lines of both
sides):

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
* ``unit_missing`` / ``unit_contradicts_name`` — indicator units;
* ``status_agrees`` / ``status_disagrees`` — the verdicts of a ``完成情况``
  column (``完成`` / ``未完成``) against the status computed from target and
  outcome (``基本完成`` and rows we cannot judge are not compared).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator

from generator.lexicon.catalogue import Catalogue, name_key
from generator.analyse.changes import ChangeKind, PlanComparison, plan_table
from generator.analyse.projects import ProjectGroup, Projects, ProjectSummary
from generator.analyse.scorecard import Scorecard, ScoredIndicator, review_paragraphs, review_table
from generator.analyse.scoring import INDEX_BASE, INDEX_SPLIT, Status, fmt, is_index
from generator.analyse.tallies import Tallies, named_status_mismatches
from generator.document import ColumnRole, Document, Paragraph, Row, RowKind
from generator.errors import ParseError
from generator.quantities import Qualifier, Quantity, find_quantities
from generator.read.tables import verdict
from generator.targets import TargetKind
from generator.text import normalise

SEVERITIES = ("error", "warning", "info")
PERCENT = Decimal(100)

# Code -> (severity, Chinese message template).
MESSAGES: dict[str, tuple[str, str]] = {
    "prose_table_mismatch": ("warning", "正文“{quote}”与指标表第{table_line}行{name}的完成值{table}不一致"),
    "prose_table_agrees": ("info", "正文中{count}处指标数字与指标表一致"),
    "sum_agrees": ("info", "{what}分项合计{sum}，与所列总数{total}一致"),
    "sum_mismatch": ("error", "{what}分项合计{sum}，与所列总数{total}不一致（相差{diff}）"),
    "share_agrees": ("info", "{what}{part}占{whole}的{computed}%，与所称{stated}%一致"),
    "share_mismatch": ("error", "{what}{part}占{whole}的{computed}%，与所称{stated}%不一致"),
    "tally_agrees": ("info", "报告所述指标数（{stated}）与指标表一致"),
    "tally_mismatch": ("warning", "报告所述指标数与指标表不一致：{differences}"),
    "tally_named_status": ("warning", "报告将{name}列为“{stated_status}”，按指标表判断为“{computed_status}”"),
    "changes_agree": ("info", "报告所述指标调整（{stated}）与两年指标表一致"),
    "changes_mismatch": ("warning", "报告所述指标调整与两年指标表不一致：{differences}"),
    "unit_missing": ("warning", "指标“{name}”未标明单位（目标{target}）"),
    "unit_missing_qualitative": ("info", "指标“{name}”未标明单位（目标为定性表述“{target}”）"),
    "unit_contradicts_name": ("warning", "指标“{name}”的单位“{unit}”与指标含义不符（{why}）"),
    "status_agrees": ("info", "指标表“完成情况”栏{count}项与按目标和完成值判断的结果一致"),
    "status_disagrees": (
        "warning", "指标表“完成情况”栏称{name}“{stated}”，按目标{target}与完成值{actual}判断为“{computed_status}”"
    ),
}

STATUS_ZH: dict[str, str] = {
    "met": "完成", "missed": "未完成", "no_target": "无目标值", "not_comparable": "不可比", "qualitative": "定性",
}


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str
    message: str
    params: tuple[tuple[str, str], ...]
    lines: tuple[int, ...]

    @property
    def line(self) -> int | None:
        return self.lines[0] if self.lines else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity, "code": self.code, "message": self.message,
            "params": dict(self.params), "lines": list(self.lines),
        }


def finding(code: str, lines: Iterable[int | None], **params: object) -> Finding:
    severity, template = MESSAGES[code]
    texts = {k: str(v) for k, v in params.items()}
    clean = tuple(sorted({ln for ln in lines if ln}))
    return Finding(severity, code, template.format(**texts), tuple(texts.items()), clean)


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


def _fmt_q(value: Decimal, like: Quantity) -> str:
    """A base-unit value written in the unit of ``like`` (1.5E12 元 like 亿元 -> 15000亿元)."""
    return f"{fmt(value / like.multiplier)}{like.unit}"


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
        out.append(finding(
            "prose_table_mismatch", (m.line, m.row.line), name=m.row.name_zh, quote=m.text,
            table=m.row.actual_text, table_line=m.row.line, prose_value=fmt(m.value), table_value=fmt(table),
        ))
    if agreeing:
        out.append(finding("prose_table_agrees", agreeing, count=len(agreeing)))
    return out


# --------------------------------------------------------------- sums


def _sum_check(what: str, parts: list[Quantity | None], total: Quantity | None, lines: list[int]) -> Finding | None:
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
    params = dict(what=what, sum=_fmt_q(s, total), total=total.text)
    if abs(diff) <= tolerance:
        return finding("sum_agrees", lines, **params)
    return finding("sum_mismatch", lines, diff=_fmt_q(abs(diff), total), **params)


def _count_check(what: str, counts: list[int | None], total: int | None, lines: list[int]) -> Finding | None:
    if total is None or len(counts) < 2 or any(c is None for c in counts):
        return None
    s = sum(c for c in counts if c is not None)
    params = dict(what=what, sum=f"{s}个", total=f"{total}个")
    if s == total:
        return finding("sum_agrees", lines, **params)
    return finding("sum_mismatch", lines, diff=f"{abs(s - total)}个", **params)


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
            check = _sum_check("、".join(sub.names), parts, sub.investment, [sub.line])
            if check is not None:
                out.append(check)
            whole = summary.investment
            if sub.share is not None and whole is not None and whole.base_value:
                out.append(_share_check("、".join(sub.names), sub.investment, whole, sub.share, sub.of, sub.line))
    return out


def _share_check(what: str, part: Quantity, whole: Quantity, stated: Quantity, of: str, line: int) -> Finding:
    computed = part.base_value / whole.base_value * PERCENT
    tolerance = _half_unit(stated) + (
        _half_unit(part) / part.base_value + _half_unit(whole) / whole.base_value
    ) * computed
    params = dict(
        what="", part=what, whole=of or "总数", computed=fmt(_round(computed, _places(stated.value) + 1)),
        stated=fmt(stated.value),
    )
    code = "share_agrees" if abs(computed - stated.value) <= tolerance else "share_mismatch"
    return finding(code, [line], **params)


# --------------------------------------------------------------- tallies and changes


def _scope_zh(scope: str) -> str:
    return {"all": "", "binding": "约束性", "expected": "预期性"}[scope]


def tally_findings(tallies: Tallies, scorecard: Scorecard) -> list[Finding]:
    out: list[Finding] = []
    by_line: dict[tuple[str, int], list[Any]] = {}
    for check in tallies.checks:
        by_line.setdefault((check.stated.stage, check.stated.line), []).append(check)
    for (stage, line), checks in by_line.items():
        stated = "，".join(
            f"{_scope_zh(c.stated.scope)}{'指标' if c.what == 'total' else STATUS_ZH[c.what]}{c.stated_value}项"
            for c in checks
        )
        wrong = [c for c in checks if not c.agrees]
        if not wrong:
            out.append(finding("tally_agrees", [line], stage=stage, stated=stated))
        else:
            diffs = "；".join(
                f"{_scope_zh(c.stated.scope)}{'指标' if c.what == 'total' else STATUS_ZH[c.what]}报告称{c.stated_value}项、表中为{c.computed}项"
                for c in wrong
            )
            out.append(finding("tally_mismatch", [line], stage=stage, differences=diffs))
    for stated, status, name, row in named_status_mismatches(tallies.stated, scorecard):
        out.append(finding(
            "tally_named_status", [stated.line, row.line], name=name,
            stated_status=STATUS_ZH[status], computed_status=STATUS_ZH[row.status.value],
        ))
    return out


def change_findings(plan: PlanComparison, catalogue: Catalogue) -> list[Finding]:
    stated = plan.stated
    if plan.origin.kind != "table" or (stated.new_count is None and not stated.replaced):
        return []
    rows = list(plan.rows())
    differences: list[str] = []
    said: list[str] = []
    lines: list[int] = []
    if stated.new_count is not None and stated.new_text is not None:
        new = [p for p in rows if p.change.kind is ChangeKind.NEW]
        unnamed = [p.name_zh for p in new if p.change.stated_line is None]
        said.append(f"新增{stated.new_count}项")
        lines.append(stated.new_line or 0)
        if len(new) != stated.new_count:
            differences.append(f"报告称新增{stated.new_count}项，表中新出现{len(new)}项")
        if unnamed:
            differences.append(f"表中新出现但未列为新增：{'、'.join(unnamed)}")
    for old, new_name, line in stated.replaced:
        lines.append(line)
        said.append(f"{old}调整为{new_name}")
        if not any(p.change.kind is ChangeKind.REPLACED and p.change.replaces and name_key(p.change.replaces) == name_key(old) for p in rows):
            differences.append(f"“{old}调整为{new_name}”在表中未见对应")
    if differences:
        return [finding("changes_mismatch", lines, differences="；".join(differences))]
    return [finding("changes_agree", lines, stated="，".join(said))]


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
                out.append(finding("unit_missing_qualitative", [row.span.start], name=name, target=target.text))
            elif target.value is not None:
                out.append(finding("unit_missing", [row.span.start], name=name, target=target.text))
            continue
        percent = unit in PERCENT_UNITS
        form = _prose_form(name)
        rate_name = bool(RATE_NAME.search(form)) or is_index(name)
        why = None
        if percent and not rate_name:
            why = "名称是总量或水平值，单位却是%（可能应为增速）"
        elif not percent and re.search(r"(?:增速|增长|比重|比例|占比)$", form):
            why = "名称是增速或比重，单位却不是%"
        if why is None and definition is not None and definition.unit:
            if (definition.unit in PERCENT_UNITS) != percent:
                why = f"指标目录的单位为“{definition.unit}”"
        if why is not None:
            params = {"name": name, "unit": unit, "why": why}
            if definition is not None and definition.unit:
                params["catalogue_unit"] = definition.unit
            out.append(finding("unit_contradicts_name", [row.span.start], **params))
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
                "status_disagrees", [row.span.start], name=scored.name_zh, stated=cell.strip(),
                target=scored.target_text, actual=scored.actual_text, computed_status=STATUS_ZH[scored.status.value],
                stated_key=said, computed_key=scored.status.value,
            ))
        else:
            agree.append(row.span.start)
    if agree:
        out.append(finding("status_agrees", agree[:1], count=len(agree)))
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
        *unit_findings(doc, scorecard, plan, catalogue),
        *status_findings(doc, scorecard),
    ]
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda f: (f.line or 0, rank[f.severity], f.code))


def format_findings(findings: list[Finding], path: str | Path) -> str:
    """``FILE:LINE: severity: message`` per finding, then a one-line count."""
    lines = [f"{path}:{f.line or 0}: {f.severity}: {f.message}" for f in findings]
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    lines.append(f"{path}: {len(findings)} finding(s): " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return "\n".join(lines) + "\n"
