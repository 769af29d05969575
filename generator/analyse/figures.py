"""Key figures: every figure of the prose as a structured fact.

:func:`extract_figures` turns each quantity :func:`~generator.quantities.find_quantities`
finds in a paragraph into a :class:`KeyFigure`: the metric phrase it belongs
to (``市级重大项目全年完成投资``), its value, its *kind* (level, growth, share,
count, pp, rank), its qualifier and the source line. Figures written one after
another in a clause (``完成投资4104亿元、实现年度计划的114%``) share a ``group``;
a figure without a metric of its own inherits the previous one's and points
to it through ``related_to``.

:func:`rank_figures` orders figures by what a reader looks for first: totals
and growth rates before counts of minor items. The word tables (verbs, cues,
connectives, weights) are module-level data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable

from generator.document import Paragraph
from generator.quantities import Quantity, QuantityMatch, Qualifier, find_quantities
from generator.text import normalise, sentences

# Words right before a number that say what kind of figure it is, and the sign
# of the change. Checked as suffixes of the clause, longest first.
CHANGE_VERBS: dict[str, tuple[str, int]] = {
    # change to a level: the number is the new level, not a change
    "下降至": ("level", 1), "下降到": ("level", 1), "降至": ("level", 1), "降低至": ("level", 1),
    "降低到": ("level", 1), "提高至": ("level", 1), "提高到": ("level", 1), "提升至": ("level", 1),
    "提升到": ("level", 1), "增长至": ("level", 1), "增长到": ("level", 1), "增加到": ("level", 1),
    "增加至": ("level", 1), "上升至": ("level", 1), "上升到": ("level", 1), "达到": ("level", 1),
    "突破": ("level", 1),
    # a change
    "同比增长": ("growth", 1), "年均增长": ("growth", 1), "平均增长": ("growth", 1), "增长": ("growth", 1),
    "上涨": ("growth", 1), "增加": ("growth", 1), "提高": ("growth", 1), "提升": ("growth", 1),
    "上升": ("growth", 1), "扩大": ("growth", 1), "同比下降": ("growth", -1), "下降": ("growth", -1),
    "减少": ("growth", -1), "降低": ("growth", -1), "回落": ("growth", -1), "下滑": ("growth", -1),
    "缩小": ("growth", -1), "收窄": ("growth", -1),
}
# Verbs that only join metric and value; removed from the end of a metric.
LINKING_WORDS: tuple[str, ...] = (
    "分别为", "分别", "达到", "达", "定为", "为", "至", "到", "是", "了", "共计", "总计", "合计", "累计",
    "约", "共", "已", "新增加", "突破", "保持在", "保持", "稳定在", "控制在",
    # adverbs between metric and verb: 居民消费价格温和上涨2.1%
    "温和", "稳步", "持续", "较快", "快速", "大幅", "明显", "平稳", "稳定", "分别", "均", "再", "又", "进一步",
)
# Connectives removed from the start of a metric.
LEADING_WORDS: tuple[str, ...] = (
    "其中", "同时", "此外", "另外", "全年", "预计", "累计", "已经", "已", "为", "的",
    "实现", "比上年", "较上年", "同比", "年均", "出台", "印发", "制定", "分别",
)
# A percentage is a share when one of these is in its clause; otherwise a
# percentage after a change verb is growth, and any other one a share (a rate).
SHARE_CUES: tuple[str, ...] = ("比重", "占比", "比例", "计划的", "目标的", "占", "率", "覆盖", "贡献")
# A figure whose own phrase is one of these relations belongs to the figure before it.
RELATION_ENDINGS: tuple[str, ...] = ("的",)
# ... and so does one whose clause is a comparison: 、较上年初计划增长18.5%
COMPARISON_STARTS: tuple[str, ...] = ("较", "比", "同比", "相比", "相当于")

# Ranking weights: totals and growth rates first, counts of minor items last.
KIND_WEIGHTS: dict[str, float] = {
    "growth": 5.0, "level": 4.0, "share": 4.0, "pp": 3.5, "rank": 3.5, "count": 2.0,
}
# size bonus: log10 of the base value divided by this, capped (71万人 counts, 3个 does not)
SIZE_DIVISOR: dict[str, float] = {"level": 8.0, "count": 2.5}
SIZE_CAP = 3.0
# a percentage whose metric names a growth rate is growth even after 下降至
GROWTH_METRICS: tuple[str, ...] = ("增速", "增长率", "增幅")
# metric words that mark a headline-grade total
TOTAL_WORDS: tuple[str, ...] = ("总值", "总额", "总量", "总产值", "生产总值", "总收入", "总计", "投资")
# Metrics a reader looks for first (output, growth, jobs, prices, investment …):
# keyword in the metric -> priority; the best match counts. Used for the
# headline and, scaled down, for ranking within a section.
METRIC_PRIORITY: dict[str, float] = {
    "生产总值": 10, "经济增长": 10, "经济增速": 10,
    "就业": 8, "失业率": 7, "消费价格": 8, "物价": 7,
    "可支配收入": 7, "居民收入": 7,
    "投资": 6, "消费品零售": 6, "进出口": 6, "外贸": 6,
    "一般公共预算收入": 5, "财政收入": 5, "税收": 4,
    "工业增加值": 5, "服务业增加值": 5, "粮食": 4, "市场主体": 4, "外资": 4,
}
PRIORITY_SCALE = 0.2  # METRIC_PRIORITY -> section ranking bonus
SHORT_METRIC = 3  # metrics shorter than this ("完成", "项目") say too little

# Where the noun after a count ends: 15件重点民生实事|年度任务如期完成
NOUN_STOPS: tuple[str, ...] = (
    "全年", "年度", "如期", "完成", "已", "实现", "建成", "落地", "取得", "获", "入选", "开工", "达",
    "超过", "近", "约", "逾", "减税", "降费", "投资", "共计", "累计",
) + tuple("0123456789")

_CLAUSE_BREAKS = set("，。；：！？,;:\n")
_QUOTES = re.compile("[“”‘’\"']")
_YEAR_PREFIX = re.compile(r"^\d{4}年度?")
_MAX_METRIC = 24  # characters: longer phrases keep their end, where the metric is


@dataclass(frozen=True)
class KeyFigure:
    """One figure of the prose with the metric it measures."""

    metric_zh: str
    quantity: Quantity
    kind: str  # level | growth | share | count | pp | rank
    line: int  # first source line of the paragraph
    sentence: str  # the sentence it was found in
    index: int  # position among all figures extracted in one call
    group: int  # figures of one clause run share a group
    related_to: int | None = None  # index of the figure whose metric this one inherits
    relation_zh: str = ""  # e.g. "实现年度计划的" for a share of the plan

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def qualifier(self) -> Qualifier | None:
        return self.quantity.qualifier

    def to_dict(self) -> dict[str, object]:
        q = self.quantity
        return {
            "metric_zh": self.metric_zh,
            "value": str(q.value),
            "unit": q.unit,
            "kind": self.kind,
            "qualifier": q.qualifier.value if q.qualifier else None,
            "line": self.line,
        }


def _strip_end(text: str, words: Iterable[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed and text:
        changed = False
        for w in ordered:
            if text.endswith(w) and len(text) > len(w) - 1:
                text, changed = text[: -len(w)], True
                break
    return text


def _strip_start(text: str, words: Iterable[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed and text:
        changed = False
        for w in ordered:
            if text.startswith(w):
                text, changed = text[len(w):], True
                break
    return text


def _clause_before(norm: str, start: int, floor: int) -> str:
    i = start
    while i > floor and norm[i - 1] not in _CLAUSE_BREAKS:
        i -= 1
    return norm[i:start]


def _noun_after(norm: str, end: int) -> str:
    """The words after a count (``22条政策措施`` -> ``政策措施``) up to a verb or break."""
    j = end
    while j < len(norm) and norm[j] not in _CLAUSE_BREAKS and norm[j] not in "、（(" and j - end < 12:
        j += 1
    tail = _QUOTES.sub("", norm[end:j])
    for stop in NOUN_STOPS:
        k = tail.find(stop)
        if k > 0:
            tail = tail[:k]
    return tail


def _kind(q: Quantity, clause: str) -> tuple[str, int]:
    """(kind, sign) of a figure from its unit and the words before it."""
    if q.rank:
        return "rank", 1
    verbs = sorted(CHANGE_VERBS, key=len, reverse=True)
    bare = _strip_end(clause, [w for w in LINKING_WORDS if w not in CHANGE_VERBS])
    # 下降至 (a new level) before 下降 (a change) left bare by stripping 至
    verb = next((v for v in verbs if clause.endswith(v)), None) or next((v for v in verbs if bare.endswith(v)), None)
    change, sign = CHANGE_VERBS[verb] if verb else ("level", 1)
    measure = q.measure
    if measure == "pp":
        return "pp", sign if change == "growth" else 1
    if measure in ("percent", "permille"):
        if any(w in clause for w in GROWTH_METRICS):
            return "growth", sign if change == "growth" else 1
        if any(cue in clause for cue in SHARE_CUES) and change != "growth":
            return "share", 1
        return ("growth", sign) if change == "growth" else ("share", 1)
    if measure == "count":
        return "count", 1
    return "level", 1


def _metric(clause: str) -> str:
    # after a 、 a new action starts (上市发行、募集资金) unless what follows is short
    head, sep, tail = clause.rpartition("、")
    if sep and len(tail) >= 4:
        clause = tail
    metric = _strip_end(clause, list(CHANGE_VERBS) + list(LINKING_WORDS))
    metric = _strip_start(_YEAR_PREFIX.sub("", metric), LEADING_WORDS)
    metric = metric.strip(" 、")
    return _QUOTES.sub("", metric)[-_MAX_METRIC:]


def figures_in_paragraph(paragraph: Paragraph, start_index: int = 0, start_group: int = 0) -> list[KeyFigure]:
    """Every figure of one paragraph, numbered from ``start_index``/``start_group``."""
    out: list[KeyFigure] = []
    index, group = start_index, start_group
    for sentence in sentences(paragraph.text):
        norm = normalise(sentence)
        matches: list[QuantityMatch] = find_quantities(sentence)
        prev: KeyFigure | None = None
        prev_end = 0
        for m in matches:
            between = norm[prev_end : m.start]
            joined = prev is not None and all(ch not in _CLAUSE_BREAKS for ch in between)
            joined = joined or (prev is not None and between.strip() in ("", "、"))
            clause = _clause_before(norm, m.start, prev_end if prev is not None else 0)
            clause = clause.lstrip("、")
            kind, sign = _kind(m.quantity, clause)
            quantity = m.quantity if sign > 0 or m.quantity.value < 0 else replace(m.quantity, value=-m.quantity.value)
            metric = _metric(clause)
            related, relation = None, ""
            if kind == "count":
                noun = _noun_after(norm, m.end)
                metric = (metric + noun) if noun and noun not in metric else metric
            if prev is not None and (
                not metric
                or (kind != "count" and clause.startswith(COMPARISON_STARTS) and joined)
                or (kind != "count" and metric.endswith(RELATION_ENDINGS))
            ):
                # 完成投资4104亿元、实现年度计划的114%: the share is of the figure
                # before; 达到8158.4亿元，增长2%: so is a bare change
                related = prev.index
                relation = _strip_end(clause, list(CHANGE_VERBS) + list(LINKING_WORDS)).strip(" 、")
                metric = prev.metric_zh
            if not metric:
                metric = _noun_after(norm, m.end)
            if prev is None or not joined:
                group += 1
            fig = KeyFigure(
                metric_zh=metric, quantity=quantity, kind=kind, line=paragraph.span.start,
                sentence=sentence, index=index, group=group, related_to=related, relation_zh=relation,
            )
            out.append(fig)
            index += 1
            prev, prev_end = fig, m.end
    return out


def extract_figures(paragraphs: Iterable[Paragraph]) -> list[KeyFigure]:
    """Every figure of the paragraphs, in reading order; indexes and groups are unique."""
    out: list[KeyFigure] = []
    group = 0
    for paragraph in paragraphs:
        found = figures_in_paragraph(paragraph, len(out), group)
        if found:
            group = found[-1].group
        out.extend(found)
    return out


def figure_score(fig: KeyFigure) -> float:
    """How much a reader wants this figure: kind, size of the total, metric words."""
    q = fig.quantity
    score = KIND_WEIGHTS.get(fig.kind, 1.0)
    if fig.kind in SIZE_DIVISOR:
        size = float(abs(q.base_value))
        score += min(SIZE_CAP, math.log10(size + 1) / SIZE_DIVISOR[fig.kind])
    if any(w in fig.metric_zh for w in TOTAL_WORDS):
        score += 1.0
    score += PRIORITY_SCALE * metric_priority(fig.metric_zh)
    if len(fig.metric_zh) < SHORT_METRIC:
        score -= 2.0
    return score


def metric_priority(metric: str) -> float:
    """How headline-grade a metric is (0 when it names nothing in METRIC_PRIORITY)."""
    return max((w for k, w in METRIC_PRIORITY.items() if k in metric), default=0.0)


def rank_figures(figures: Iterable[KeyFigure], limit: int | None = None) -> list[KeyFigure]:
    """Best first, ties in source order; a (metric, value, unit) shown once."""
    figures = list(figures)
    scores = {f.index: figure_score(f) for f in figures}
    for f in figures:
        # a share of the plan stays next to the amount it is a share of
        if f.related_to in scores:
            scores[f.index] = max(scores[f.index], scores[f.related_to] - 0.1)
    seen: set[tuple[str, Decimal, str]] = set()
    ranked: list[KeyFigure] = []
    for fig in sorted(figures, key=lambda f: (-scores[f.index], f.index)):
        key = (fig.metric_zh, fig.quantity.value, fig.quantity.unit)
        if key in seen:
            continue
        seen.add(key)
        ranked.append(fig)
    return ranked if limit is None else ranked[:limit]
