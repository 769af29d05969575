"""Key figures: every figure of the prose as a structured fact.

:func:`extract_figures` turns each quantity :func:`~generator.quantities.find_quantities`
finds in a paragraph into a :class:`KeyFigure`: the metric phrase it belongs
to (``市级重大项目全年完成投资``), its value, its *kind* (level, growth, share,
count, pp, rank), its qualifier and the source line. Figures written one after
another in a clause (``完成投资3620亿元、实现年度计划的112%``) share a ``group``;
a figure without a metric of its own inherits the previous one's and points
to it through ``related_to``.

The metric is a clean noun phrase (:mod:`generator.analyse.metric_names`
cleans it). Lists are paired value by value (``A、B分别增长x%、y%``),
generic measures take the item they belong to
(``政府投资项目376个，完成投资1844亿元`` ->
``政府投资项目完成投资``), and breakdowns by sector keep their sector as
``scope_zh`` (``产业优化升级领域总投资``). One name with several values pairs
them only when it is a contraction (``存贷款余额分别增长8%、6.7%`` -> 存款余额,
贷款余额) or a 和-list of as many names (``粮食面积和产量不低于x万亩、y亿公斤``,
the qualifier on both); otherwise no name owns the values. A share of the
whole region keeps the part it is about as ``subject_zh`` (a region opening a
clause of the sentence, else the item title); a running total (累计) and a
multi-year goal (未来五年…, 到2035年…) carry their :class:`Horizon`, never the
year's flow or level; ``突破`` is *over*.

:func:`rank_figures` orders figures by what a reader looks for first: totals
and growth rates before counts of minor items and breakdowns, one figure per
metric and kind unless linked. The word tables (cues, connectives, nouns,
weights) are module-level data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from typing import Iterable

from generator.analyse.metric_names import (
    CHANGE_VERBS,
    CONTRACTIONS,
    ENTITY_NOUNS,
    FRAGMENT_ENDINGS,
    LEADING_VERBS,
    LINKING_WORDS,
    NAME_JOINERS,
    PER_WORDS,
    QUOTES,
    REGION_NAME,
    TITLE_OPENERS,
    WHOLE_SHARE,
    is_fragment,
    is_verb_only,
    strip_end,
    clean_metric,
    clean_relation,
)
from generator.document import Paragraph
from generator.quantities import QUALIFIER_WORDS, Quantity, QuantityMatch, Qualifier, find_quantities
from generator.text import normalise, sentences

# Growth over a period is a metric of its own: 地区生产总值年均增长 6%.
AVERAGE_GROWTH: dict[str, str] = {"年均增长": "年均增长", "平均增长": "年均增长"}
# A number between a comparison and 的 is a threshold inside a name, not a figure:
# 年经营性收入低于5万元的村级集体经济组织占比
THRESHOLD_WORDS: tuple[str, ...] = ("低于", "高于", "不足", "超过", "以上", "以下", "不到")
# Nor is a number that is part of a name: a 1小时交通圈 (noun ending), a plant's
# capacity in a list of projects (赣锋锂电年产20Gwh动力电池、…等项目开工).
NAME_NOUN_ENDINGS: tuple[str, ...] = ("圈",)
CAPACITY_WORDS: tuple[str, ...] = ("年产",)
# A verb-only phrase before a count keeps the noun after it: 新建|20个|智慧农业示范基地.
NEW_PREFIX = "新"
# A percentage is a share when one of these is in its clause; otherwise a
# percentage after a change verb is growth, and any other one a share (a rate).
SHARE_CUES: tuple[str, ...] = ("比重", "占比", "比例", "计划的", "目标的", "占", "率", "覆盖", "贡献")
# A figure whose own phrase is one of these relations belongs to the figure before it.
RELATION_ENDINGS: tuple[str, ...] = ("的",)
# ... and so does one whose clause is a comparison: 、较上年初计划增长18.5%
COMPARISON_STARTS: tuple[str, ...] = ("较", "比", "同比", "相比", "相当于")
# Measures that say nothing without the item they belong to (总投资 of what?).
GENERIC_MEASURES: tuple[str, ...] = (
    "总投资", "年度计划完成投资", "计划完成投资", "完成投资", "投资", "总金额", "金额", "总额", "规模", "资金",
)
# The sector opening a clause run of a breakdown: 产业优化升级领域计划实施…
SCOPE = re.compile(r"^(?:从[^，、；]{1,10}看，|分[^，、；]{1,8}看，)?(?P<scope>[^，、；：。]{2,12}?(?:领域|板块))")
# Measures an abbreviated list shares: 城乡养老保险、基本医保参保率分别达到97%、99.7%
SHARED_SUFFIXES: tuple[str, ...] = (
    "人均可支配收入", "可支配收入", "增加值", "参保率", "覆盖率", "普及率", "增长率", "比重", "占比",
    "余额", "总额", "产量", "标准", "收入", "率",
)
# "六个板块项目" after a list of names is a count of the list, not part of a name.
_LIST_COUNT = re.compile(r"等?[一二三四五六七八九十两\d]+[个项类大种](?:板块|领域|方面|行业)?(?:项目|工程)?$")

# Ranking weights: totals and growth rates first, counts of minor items last.
KIND_WEIGHTS: dict[str, float] = {
    "growth": 5.0, "level": 4.0, "share": 4.0, "pp": 3.5, "rank": 3.5, "count": 2.0,
}
# size bonus: log10 of the base value divided by this, capped (71万人 counts, 3个 does not)
SIZE_DIVISOR: dict[str, float] = {"level": 8.0, "count": 2.5}
SIZE_CAP = 3.0
# a percentage whose metric names a growth rate is growth even after 下降至
GROWTH_METRICS: tuple[str, ...] = ("增速", "增长率", "增幅")
# … and a metric ending so is itself the rate or target a value states (增速预期目标 6%以上)
RATE_ENDINGS: tuple[str, ...] = ("目标", "预期目标", "涨幅")
# metric words that mark a headline-grade total
TOTAL_WORDS: tuple[str, ...] = ("总值", "总额", "总量", "总产值", "生产总值", "总收入", "总计", "投资")
# Metrics a reader looks for first (output, growth, jobs, prices, investment …):
# pattern on the metric -> priority; the best match counts. Used for the
# headline and, scaled down, for ranking within a section. The economy-wide
# measures are anchored at the start of the metric: 海洋生产总值 (a sector),
# 单位国内生产总值能耗 (an intensity) and 资本形成总额对经济增长的贡献率 (a share)
# are not the economy's output or growth.
METRIC_PRIORITY: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern), weight) for pattern, weight in (
        (r"^(?:国内|地区)生产总值(?!.*(?:比重|占比|贡献率))", 10), (r"^经济(?:增长|增速)", 10),
        (r"^(?:城镇)?新增就业|^城镇就业", 8), (r"^(?:全国)?城镇(?:调查|登记)?失业率", 7), (r"^居民消费价格", 8),
        (r"物价", 7), (r"^(?:全体|城乡|全国|城镇|农村)?居民(?:人均)?可支配收入(?!比)|^居民收入", 7),
        (r"投资", 6), (r"消费品零售", 6), (r"进出口", 6), (r"^外贸", 6),
        (r"一般公共预算收入", 5), (r"财政收入", 5), (r"税收", 4), (r"研发经费", 5),
        (r"工业增加值", 5), (r"服务业增加值", 5), (r"^粮食", 4), (r"市场主体", 4), (r"外资", 4),
    )
)
# Scope words a metric may open with that do not change what it measures.
_PRIORITY_SCOPE = re.compile(r"^(?:全年|全国|全省|全市|全区|全州|全县|我国|我省|我市)")
# Counted things that are never headline figures: 120个国家和地区, 300个港口, 800种产品.
COUNTED_THINGS: tuple[str, ...] = (
    "国家", "地区", "国家和地区", "城市", "港口", "产品", "品种", "项目", "企业", "园区", "基地", "城市群",
)
# Count units that count people: such counts may be headline figures (城镇新增就业1256万人).
PEOPLE_UNITS: tuple[str, ...] = ("人", "人次", "名")
PRIORITY_SCALE = 0.2  # METRIC_PRIORITY -> section ranking bonus
LONG_METRIC = 16  # metrics longer than this read as a clause, not a name
# score penalties: a fragment, a bare generic measure, a breakdown of a total, a clause
FRAGMENT_PENALTY = 2.0
GENERIC_PENALTY = 4.0
SCOPE_PENALTY = 1.5
LONG_PENALTY = 1.0

# Where the noun after a number ends: 15件重点民生实事|年度任务如期完成
NOUN_STOPS: tuple[str, ...] = (
    "全年", "年度", "如期", "完成", "已", "实现", "建成", "落地", "取得", "获", "入选", "开工", "达到",
    "超过", "减税", "降费", "投资", "共计", "累计", "投入运营", "投用", "投产", "纳入", "能够",
    "在", "通过", "有序", "加快", "稳步", "成为", "向", "开展", "高质量", "等项目", "等重点",
    "置换", "用于", "支持", "实施", "投入运行", "投入使用",
    # idioms of reaching a level name no thing: 首次跃上800亿斤新台阶, 突破100万辆大关
    "新台阶", "大关", "关口", "新高", "新水平",
)
# A comparison with a year before (比上年多350亿元, 较2030年低1个百分点): the figure is a
# change of the figure before it in the sentence, even after a comma; its sign from the last word.
COMPARISON_CHANGE = re.compile(r"^(?:较|比)(?:上年|去年|上年同期|\d{4}年|同期)?(?:同期)?(?P<word>多|少|高|低|增加|减少|提高|降低)$")
COMPARISON_SIGNS: dict[str, int] = {"多": 1, "高": 1, "增加": 1, "提高": 1, "少": -1, "低": -1, "减少": -1, "降低": -1}
# Verbs that end the subject of a clause: 粮食总产量|再创历史新高 (the subject of a bare level after it).
SUBJECT_ENDS = re.compile(r"再创|创|实现|达到|突破|跃上|迈上|保持|稳定|连续|首次|增长|下降|超过")
# ... and before another number: 17条|约353公里 (约 alone is part of 约束性)
_NOUN_END = re.compile(r"(?:约|近|逾|超|达|为)?\d")
_NOUN_WINDOW = 20

# The time span a figure covers, when not the year: a running total (累计), a multi-year goal
# (未来五年…, 到2035年…, a plan period's figure the report sets as a goal) or a plan period's outcome.
CUMULATIVE_WORD = "累计"
GOAL_HORIZON = re.compile(r"未来[一二三四五六七八九十\d]+年|今后[一二三四五六七八九十\d]+年|到(?:19|20)\d\d年(?![底末初])|(?:19|20)\d\d年前")
PERIOD_HORIZON = re.compile(r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:规划)?期间|连续[一二三四五六七八九十\d]+年")
GOAL_CUES = re.compile(r"明确|提出|目标|力争|确保|努力|争取")

# A unit a list writes once, at its end, leaving a counter on the values before: 3.1个、1.9个百分点.
SHARED_UNIT_TAIL = "百分点"

_CLAUSE_BREAKS = set("，。；：！？,;:\n")
_OPEN_BRACKETS = "（("
_CLOSE_BRACKETS = "）)"


class Horizon(str, Enum):
    """The time a figure covers: the report's year unless the words say otherwise."""

    YEAR = "year"
    CUMULATIVE = "cumulative"  # a running total to date (累计): never the year's flow
    GOAL = "goal"  # a multi-year goal (未来五年…, 到2035年…): never the year's level
    PERIOD = "period"  # over a multi-year period (“十四五”期间年均增长…)


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
    scope_zh: str = ""  # the sector a breakdown figure belongs to, a prefix of metric_zh
    target: bool = False  # this year's target, not an outcome (kind "target")
    horizon: Horizon = Horizon.YEAR
    horizon_zh: str = ""  # the words of a multi-year horizon: 未来五年, “十四五”期间, 到2035年
    subject_zh: str = ""  # the part of a region a share of the whole is about: 湘西片区 (占全省比重)

    @property
    def names_rate(self) -> bool:
        """Whether the metric is itself a rate or a target (进出口总值增速, 增速预期目标): its value is no change of it."""
        return self.metric_zh.endswith(GROWTH_METRICS + RATE_ENDINGS)

    @property
    def counter(self) -> bool:
        """Whether the unit is a measure word of what the metric counts (万户 of market entities), no unit of its own."""
        return self.quantity.base_unit in ("户", "家") and any(n in self.metric_zh for n in ENTITY_NOUNS)

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def qualifier(self) -> Qualifier | None:
        return self.quantity.qualifier

    @property
    def base_metric(self) -> str:
        """The metric without its breakdown scope (``总投资`` for ``产业优化升级领域总投资``)."""
        return self.metric_zh[len(self.scope_zh):] or self.metric_zh

    def to_dict(self) -> dict[str, object]:
        q = self.quantity
        return {
            "metric_zh": self.metric_zh,
            "value": str(q.value),
            "unit": q.unit,
            "kind": self.kind,
            "qualifier": q.qualifier.value if q.qualifier else None,
            "line": self.line,
            "target": self.target,
            "horizon": self.horizon.value,
            "horizon_zh": self.horizon_zh,
            "subject_zh": self.subject_zh,
        }


# ------------------------------------------------------------------ phrases


def _clause_before(norm: str, start: int, floor: int) -> str:
    i = start
    while i > floor and norm[i - 1] not in _CLAUSE_BREAKS:
        i -= 1
    return norm[i:start]


def _noun_after(norm: str, end: int) -> str:
    """The words after a number (``22条政策措施`` -> ``政策措施``) up to a verb or break.

    A bracketed note right after the unit (``（暂列）``) is skipped, a quoted
    name is taken whole.
    """
    j = end
    if j < len(norm) and norm[j] in _OPEN_BRACKETS:
        close = min((norm.find(c, j) for c in _CLOSE_BRACKETS if norm.find(c, j) > 0), default=-1)
        j = close + 1 if close > 0 else j
    start = j
    quoted = False
    while j < len(norm) and j - start < _NOUN_WINDOW:
        ch = norm[j]
        if ch in "“‘":
            quoted = True
        elif ch in "”’":
            quoted = False
        elif not quoted and (ch in _CLAUSE_BREAKS or ch in "、"):
            break
        j += 1
    tail = QUOTES.sub("", norm[start:j])
    number = _NOUN_END.search(tail)
    tail = tail[: number.start()] if number else tail
    if tail.startswith(NOUN_STOPS):
        return ""
    for stop in NOUN_STOPS:
        k = tail.find(stop)
        if k > 0:
            tail = tail[:k]
    if tail[:1] in _OPEN_BRACKETS:
        return ""
    return strip_end(tail, ("建设", "工作")) if len(tail) > 4 else tail


def _is_name_part(norm: str, m: QuantityMatch) -> bool:
    """True for a number inside a name: 1小时交通圈, 年产360万吨特铝新材料等项目."""
    noun = _noun_after(norm, m.end)
    if noun.endswith(NAME_NOUN_ENDINGS):
        return True
    if norm[: m.start].endswith(CAPACITY_WORDS):
        rest = norm[m.end :]
        k = min((rest.find(ch) for ch in "，。；" if ch in rest), default=len(rest))
        return "项目" in rest[:k] or rest[len(noun) : len(noun) + 1] == "、"
    return False


def _kind(q: Quantity, clause: str) -> tuple[str, int]:
    """(kind, sign) of a figure from its unit and the words before it."""
    if q.rank:
        return "rank", 1
    verbs = sorted(CHANGE_VERBS, key=len, reverse=True)
    bare = strip_end(clause, [w for w in LINKING_WORDS if w not in CHANGE_VERBS])
    bare = PER_WORDS.sub("", bare)
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


def _average_suffix(clause: str) -> str:
    bare = strip_end(clause, [w for w in LINKING_WORDS if w not in CHANGE_VERBS])
    return next((s for v, s in AVERAGE_GROWTH.items() if bare.endswith(v)), "")


def _metric(clause: str) -> str:
    # after a 、 a new action starts (上市发行、募集资金) unless what follows is short
    head, sep, tail = clause.rpartition("、")
    if sep and len(tail) >= 4:
        clause = tail
    return clean_metric(clause)


def _with_noun(metric: str, noun: str, kind: str) -> str:
    """Combine the phrase before a number with the noun after it."""
    noun = clean_metric(noun) if noun else ""
    if not noun:
        return metric
    if not metric or metric.endswith("等"):
        return noun  # 川仪、宗申、青山等|3个|示范项目
    if is_verb_only(metric):
        # 新建|20个|智慧农业示范基地 keeps "new"; 启动建设|57.8万亩|… does not need the verb
        return metric + noun if metric.startswith(NEW_PREFIX) else noun
    if metric.endswith("的"):
        return metric + noun  # 扩大有效投资的|22条|政策措施
    if is_fragment(metric):
        return noun  # 结对区县推动|15个|产业协同项目
    if kind == "count" and noun not in metric:
        return metric + noun
    return metric


def _distribute(names: list[str], measure: str) -> list[str]:
    """Full names for an abbreviated list: 城镇、农村居民收入 -> 城镇居民收入, 农村居民收入."""
    last = names[-1]
    out: list[str] = []
    for name in names[:-1]:
        if not measure and len(name) <= 3 and len(last) >= len(name) + 2:
            name = name + last[len(name):]
        elif not measure:
            suffix = next((s for s in SHARED_SUFFIXES if last.endswith(s) and not name.endswith(s)), "")
            name += suffix
        out.append(name)
    return [n + measure for n in out + [last]]


def _uncontracted(name: str, count: int) -> list[str] | None:
    """``count`` names a contracted name stands for (本外币存贷款余额, 2 -> …存款余额, …贷款余额), else None.

    The contraction nearest the end (the measure) is the one the values go with.
    """
    found = [(name.rfind(c), c) for c, parts in CONTRACTIONS.items() if len(parts) == count and c in name]
    if not found:
        return None
    at, word = max(found, key=lambda x: (x[0] + len(x[1]), len(x[1])))
    return [name[:at] + part + name[at + len(word):] for part in CONTRACTIONS[word]]


def _joined_names(name: str, count: int) -> list[str] | None:
    """``count`` names joined by 和/及/与 in one phrase (粮食面积和产量), else None."""
    parts = NAME_JOINERS.split(name)
    if len(parts) != count or not all(len(p) >= 2 for p in parts):
        return None
    first, last = parts[0], parts[-1]
    if count == 2 and len(last) <= 3 and len(first) >= len(last) + 2:
        return [first, first[: len(first) - len(last)] + last]  # a shared head in front: 粮食面积和产量
    return _distribute(parts, "")


def _respective(norm: str, clause_start: int, clause: str, count: int) -> list[str] | None:
    """Names paired with the ``count`` values of ``…分别…x、y`` (None when not such a list).

    A single name pairs only when it is a contraction or a 和-list of as many
    names as values; otherwise every value gets ``""``: no name owns it.
    """
    before, sep, after = clause.partition("分别")
    if not sep:
        return None
    text = before
    if "、" not in before:
        if before.strip(" 、"):
            # one name for several values: 存贷款余额分别增长8%、6.7%
            name = clean_metric(QUOTES.sub("", before), verbs_at_end=False)
            return _uncontracted(name, count) or _joined_names(name, count) or [""] * count
        if clause_start <= 0 or norm[clause_start - 1] not in "，,":
            return None
        text = _clause_before(norm, clause_start - 1, 0)  # A、B、C六个板块项目，分别完成投资
        if any(ch.isdigit() for ch in text):
            return None
    raw = [QUOTES.sub("", n) for n in text.split("、")]
    raw[-1] = _LIST_COUNT.sub("", raw[-1])
    names = [clean_metric(n, verbs_at_end=False) for n in raw]
    if len(names) < 2 or not all(names):
        return None
    return _distribute(names, clean_metric(after) if clean_metric(after) not in ("", "的") else "")


def _listed(clause: str, quantities: list[Quantity]) -> list[str] | None:
    """Names for a run of values in different units after one 和-list of as many names (面积和产量 x万亩、y万吨)."""
    if len(quantities) < 2 or len({q.measure for q in quantities}) != len(quantities):
        return None
    return _joined_names(_metric(clause), len(quantities))


# ------------------------------------------------------------ extraction


def figures_in_paragraph(paragraph: Paragraph, start_index: int = 0, start_group: int = 0) -> list[KeyFigure]:
    """Every figure of one paragraph, numbered from ``start_index``/``start_group``."""
    out: list[KeyFigure] = []
    index, group = start_index, start_group
    for sentence in sentences(paragraph.text):
        found = _figures_in_sentence(sentence, paragraph.span.start, index, group, paragraph.title or "")
        if found:
            index, group = found[-1].index + 1, found[-1].group
        out.extend(found)
    return out


def _segment_scope(norm: str, pos: int) -> str:
    """The sector a ``；``-separated segment is about (``产业优化升级领域``), or ``""``."""
    start = max(norm.rfind("；", 0, pos), norm.rfind(";", 0, pos)) + 1
    m = SCOPE.match(norm[start:])
    return m.group("scope") if m else ""


def _run(norm: str, matches: list[QuantityMatch], i: int) -> list[Quantity]:
    """The quantities of the 、-run starting at match ``i`` (3005万亩、108.1亿公斤)."""
    run = [matches[i].quantity]
    for a, b in zip(matches[i:], matches[i + 1:]):
        if norm[a.end : b.start].strip() != "、":
            break
        run.append(b.quantity)
    return run


def _horizon(norm: str, clause: str, start: int) -> tuple[Horizon, str]:
    """The time a figure covers, from its clause (累计) and the sentence before it (未来五年, 到2035年)."""
    if CUMULATIVE_WORD in clause:
        return Horizon.CUMULATIVE, ""
    before = norm[:start]
    goal = GOAL_HORIZON.search(before)
    if goal:
        return Horizon.GOAL, goal.group()
    period = PERIOD_HORIZON.search(before)
    if period:
        return (Horizon.GOAL if GOAL_CUES.search(before) else Horizon.PERIOD), period.group()
    return Horizon.YEAR, ""


def _region(text: str) -> str:
    """The region ``text`` opens with (湘西片区实现… -> 湘西片区), or ``""``."""
    m = REGION_NAME.match(QUOTES.sub("", text))
    if not m:
        return ""
    region = m.group("region")
    return "" if region.startswith(("全市", "全省", "全国", "全区")) else region


def _regional_subject(norm: str, clause_start: int, title: str) -> str:
    """The part of a region a share of the whole is about: a clause of the sentence or the item title opens with it."""
    for clause in reversed(re.split(r"[，,；;]", norm[:clause_start])):
        region = _region(clause.strip())
        if region:
            return region
    opening = title
    changed = True
    while changed:
        changed = False
        for word in TITLE_OPENERS:
            if opening.startswith(word):
                opening, changed = opening[len(word):], True
    return _region(opening)


def _spread_qualifier(q: Quantity, prev: KeyFigure | None, between: str) -> Quantity:
    """A qualifier written before the first of a 、-run (不低于3005万亩、108.1亿公斤) holds for every value."""
    if prev is None or q.qualifier is not None or between.strip() != "、" or prev.qualifier is None:
        return q
    written = prev.quantity.text.lstrip()
    if not written.startswith(tuple(QUALIFIER_WORDS["before"])):
        return q
    return replace(q, qualifier=prev.qualifier)


@dataclass
class _Run:
    """An open ``分别`` list: names still to pair with values, or figures to pair shares with."""

    kind: str
    sign: int
    names: list[str]
    targets: list[KeyFigure]
    measure: str = ""  # what the first value measures: later values of other units keep their own kind
    relation: str = ""  # what the values of a paired list are of the names before: 占年度计划


def _figures_in_sentence(sentence: str, line: int, index: int, group: int, title: str = "") -> list[KeyFigure]:
    norm = normalise(sentence)
    matches: list[QuantityMatch] = find_quantities(sentence)
    out: list[KeyFigure] = []
    prev: KeyFigure | None = None
    prev_end = 0
    run: _Run | None = None
    named: list[KeyFigure] = []  # figures of the last name-paired list
    owner = ""  # the item a generic measure belongs to: the last counted noun of the segment
    for i, m in enumerate(matches):
        if norm[m.end : m.end + 1] == "的" and norm[: m.start].endswith(THRESHOLD_WORDS):
            prev_end = m.end + 1 if prev is not None else prev_end
            continue
        if _is_name_part(norm, m):
            continue
        between = norm[prev_end : m.start]
        joined = prev is not None and (all(ch not in _CLAUSE_BREAKS for ch in between) or between.strip() in ("", "、"))
        if any(ch in "；;" for ch in between):
            owner = ""
        raw_clause = _clause_before(norm, m.start, prev_end if prev is not None else 0)
        clause = raw_clause.lstrip("、")
        clause_start = m.start - len(raw_clause)
        values = _run(norm, matches, i)
        if len(values) > 1 and values[-1].unit.endswith(SHARED_UNIT_TAIL) and values[-1].unit.startswith(m.quantity.unit):
            # 3.1个、1.9个百分点: the first value's unit is the start of the last one's
            m = replace(m, quantity=replace(m.quantity, unit=values[-1].unit))
            values[0] = m.quantity
        kind, sign = _kind(m.quantity, clause)
        metric = _metric(clause)
        related, relation = None, ""
        scope = _segment_scope(norm, m.start)

        names = _respective(norm, clause_start, clause, len(values))
        if names is None and clause.strip(" 、"):
            names = _listed(clause, values)
        if names is not None and not any(names) and len(named) == len(names):
            # 增速分别快于…3.1个、1.9个百分点: one measure of each name of the list before
            run = _Run(kind, sign, [], list(named), m.quantity.measure, clean_relation(clause))
        elif names is not None:
            run, named = _Run(kind, sign, names, [], m.quantity.measure), []
        elif "分别" in clause and not clause.partition("分别")[0].strip(" 、") and named:
            # 分别占年度计划的113.5%、118.3%…: shares of the list before, in order
            run = _Run(kind, sign, [], list(named), m.quantity.measure, clean_relation(clause))
        elif not (joined and between.strip() == "、"):
            run = None

        by_name = False
        if run is not None and run.names:
            metric, by_name = run.names.pop(0), True
            if m.quantity.measure == run.measure:
                kind, sign = run.kind, run.sign
        elif run is not None and run.targets:
            target = run.targets.pop(0)
            metric, kind, sign = target.metric_zh, run.kind, run.sign
            related, relation = target.index, run.relation
        else:
            shared = prev is not None and joined and not clean_metric(clause)  # 8条、198公里线路: one noun
            noun = _noun_after(norm, m.end)
            amount = m.quantity.measure not in ("percent", "permille", "pp")
            if shared and prev is not None and noun and amount and is_fragment(prev.metric_zh):
                # 建设投用17条约353公里山城步道: the noun after names both figures
                metric = clean_metric(noun)
                prev = replace(prev, metric_zh=metric)
                out[-1] = prev
            elif (kind == "count" or is_fragment(metric)) and not shared:
                metric = _with_noun(metric, noun, kind)
            suffix = _average_suffix(clause) if kind == "growth" else ""
            if suffix and metric and not metric.endswith(suffix):
                metric += suffix
            compared = COMPARISON_CHANGE.match(clause.strip(" 、"))
            comparable = prev is not None and _comparable(m.quantity.measure, prev.quantity.measure)
            if compared and comparable:
                kind = "pp" if m.quantity.measure == "pp" else "growth"
                sign = COMPARISON_SIGNS[compared.group("word")]
            if prev is not None and (
                (not metric and (joined or kind != "count"))
                or (kind != "count" and clause.startswith(COMPARISON_STARTS) and joined)
                or (compared and comparable)
                or (kind != "count" and metric.endswith(RELATION_ENDINGS))
            ):
                # 完成投资3620亿元、实现年度计划的112%: the share is of the figure
                # before; 达到6120.5亿元，增长3%: so is a bare change
                related = prev.index
                relation = clean_relation(clause)
                if not clause.strip(" 、") and m.quantity.measure == prev.quantity.measure:
                    kind, sign = prev.kind, (1 if prev.value >= 0 else -1)
                metric = prev.metric_zh
            elif metric in GENERIC_MEASURES and not scope and owner:
                metric = owner + metric  # 政府投资项目376个，完成投资1844亿元
        metric, scope_zh = _scoped(metric, scope)
        if not metric and not by_name:
            metric = _noun_after(norm, m.end)
        if (not metric or is_fragment(metric)) and related is None and kind == "level" and not by_name:
            metric = _subject_before(norm, clause_start) or metric  # 粮食总产量再创新高，首次跃上X新台阶
        if prev is None or not joined:
            group += 1
        horizon, horizon_zh = _horizon(norm, clause, m.start)
        if related is not None and prev is not None and horizon is Horizon.YEAR and joined and not clause.strip(" 、"):
            horizon, horizon_zh = prev.horizon, prev.horizon_zh  # 累计成交4000万吨、8.4亿元
        if horizon is Horizon.CUMULATIVE:
            metric = clean_metric(metric.replace(CUMULATIVE_WORD, ""), verbs_at_end=False) or metric
        subject = _regional_subject(norm, clause_start, title) if WHOLE_SHARE.search(metric) else ""
        quantity = _spread_qualifier(m.quantity, prev, between)
        quantity = quantity if sign > 0 or quantity.value < 0 else replace(quantity, value=-quantity.value)
        fig = KeyFigure(
            metric_zh=metric, quantity=quantity, kind=kind, line=line, sentence=sentence, index=index,
            group=group, related_to=related, relation_zh=relation, scope_zh=scope_zh,
            horizon=horizon, horizon_zh=horizon_zh, subject_zh=subject,
        )
        out.append(fig)
        index += 1
        if by_name:
            named.append(fig)
        if (kind == "count" and related is None and len(fig.base_metric) >= 4 and not is_fragment(fig.base_metric)
                and not clause.startswith("其中") and not fig.base_metric.startswith(LEADING_VERBS + FRAGMENT_ENDINGS)):
            owner = fig.base_metric
        prev, prev_end = fig, m.end
    return out


def _comparable(measure: str, previous: str) -> bool:
    """Can a figure of ``measure`` be a change of one of ``previous`` (an amount of an amount, pp of a rate)?"""
    return measure == previous or (measure == "pp" and previous in ("percent", "permille"))


def _subject_before(norm: str, clause_start: int) -> str:
    """The subject of the clause before ``clause_start`` in the sentence: its words up to the first verb."""
    if clause_start <= 0 or norm[clause_start - 1] not in "，,":
        return ""
    previous = _clause_before(norm, clause_start - 1, 0)
    cut = SUBJECT_ENDS.search(previous)
    subject = clean_metric(previous[: cut.start()] if cut else "")
    return "" if is_fragment(subject) else subject


def _scoped(metric: str, scope: str) -> tuple[str, str]:
    """(metric with the segment's sector in front, the sector) for a breakdown."""
    if not scope or not metric:
        return metric, ""
    core = clean_metric(metric[len(scope):]) if metric.startswith(scope) else metric
    return scope + (core or metric), scope


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


# ------------------------------------------------------------------ ranking


def figure_score(fig: KeyFigure) -> float:
    """How much a reader wants this figure: kind, size of the total, metric words."""
    q = fig.quantity
    metric = fig.metric_zh
    score = KIND_WEIGHTS.get(fig.kind, 1.0)
    if fig.kind in SIZE_DIVISOR:
        size = float(abs(q.base_value))
        score += min(SIZE_CAP, math.log10(size + 1) / SIZE_DIVISOR[fig.kind])
    if any(w in metric for w in TOTAL_WORDS):
        score += 1.0
    score += PRIORITY_SCALE * metric_priority(metric)
    if is_fragment(metric):
        score -= FRAGMENT_PENALTY
    if metric in GENERIC_MEASURES:
        score -= GENERIC_PENALTY
    if fig.scope_zh:
        score -= SCOPE_PENALTY
    if len(metric) > LONG_METRIC:
        score -= LONG_PENALTY
    return score


def metric_priority(metric: str) -> float:
    """How headline-grade a metric is (0 when it names nothing in METRIC_PRIORITY)."""
    metric = _PRIORITY_SCOPE.sub("", metric)
    return max((w for pattern, w in METRIC_PRIORITY if pattern.search(metric)), default=0.0)


def headline_grade(fig: KeyFigure) -> bool:
    """May this figure head the brief? Not a count of countries, ports, products or items."""
    if fig.kind != "count":
        return True
    if fig.quantity.base_unit in PEOPLE_UNITS:
        return True
    return metric_priority(fig.metric_zh) > 0 and not fig.metric_zh.endswith(COUNTED_THINGS)


def _linked(a: KeyFigure, b: KeyFigure) -> bool:
    return a.group == b.group or a.related_to == b.index or b.related_to == a.index


def rank_figures(figures: Iterable[KeyFigure], limit: int | None = None) -> list[KeyFigure]:
    """Best first, ties in source order.

    A (metric, value, unit) is shown once, and a (metric, kind) once unless
    the figures are linked (an amount and its share of the plan); a breakdown
    counts as its base metric, so three sectors' 总投资 do not crowd out the rest.
    """
    figures = [f for f in figures if f.metric_zh]
    scores = {f.index: figure_score(f) for f in figures}
    for f in figures:
        # a share of the plan stays next to the amount it is a share of
        if f.related_to in scores:
            scores[f.index] = max(scores[f.index], scores[f.related_to] - 0.1)
    seen: set[tuple[str, Decimal, str]] = set()
    ranked: list[KeyFigure] = []
    order = sorted(figures, key=lambda f: (-scores[f.index], f.index))
    # totals first; a breakdown only when no total of its measure is shown
    for fig in [f for f in order if not f.scope_zh] + [f for f in order if f.scope_zh]:
        key = (fig.metric_zh, fig.quantity.value, fig.quantity.unit)
        same = [o for o in ranked if o.kind == fig.kind and _same_measure(fig, o)]
        if key in seen or any(not _linked(fig, other) for other in same):
            continue
        seen.add(key)
        ranked.append(fig)
    return ranked if limit is None else ranked[:limit]


def _same_measure(fig: KeyFigure, other: KeyFigure) -> bool:
    """Same metric, or a breakdown of the other's total (科技创新领域总投资 / 市级重大建设项目总投资)."""
    if fig.base_metric == other.base_metric:
        return True
    return bool(fig.scope_zh) and not other.scope_zh and other.metric_zh.endswith(fig.base_metric)
