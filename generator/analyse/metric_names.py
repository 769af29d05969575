"""Metric names: the clean noun phrase a figure of the prose measures.

Owns :func:`clean_metric` (the words written before a number -> the metric),
:func:`clean_relation` (the words relating a figure to the one before) and
the word tables they use: change and linking verbs, leading words, process
and reporting verbs, time words and fragment endings.

The metric is a clean noun phrase: subjects, time words, years, modal and
process verbs around it are dropped (``力争再新增1000名博士后`` -> ``新增博士后``,
``市委…提出未来五年全市地区生产总值迈上4万亿元`` -> ``地区生产总值``).
:mod:`generator.analyse.figures` finds the figures and decides which words
are a figure's metric.
"""

from __future__ import annotations

import re
from typing import Iterable

# Words right before a number that say what kind of figure it is, and the sign
# of the change. Checked as suffixes of the clause, longest first.
CHANGE_VERBS: dict[str, tuple[str, int]] = {
    # change to a level: the number is the new level, not a change
    "下降至": ("level", 1), "下降到": ("level", 1), "降至": ("level", 1), "降低至": ("level", 1),
    "降低到": ("level", 1), "提高至": ("level", 1), "提高到": ("level", 1), "提升至": ("level", 1),
    "提升到": ("level", 1), "增长至": ("level", 1), "增长到": ("level", 1), "增加到": ("level", 1),
    "增加至": ("level", 1), "上升至": ("level", 1), "上升到": ("level", 1), "达到": ("level", 1),
    "突破": ("level", 1), "增至": ("level", 1), "迈上": ("level", 1), "跨上": ("level", 1), "跃上": ("level", 1),
    "跃升至": ("level", 1), "跃升到": ("level", 1), "站上": ("level", 1), "登上": ("level", 1),
    # a change
    "同比增长": ("growth", 1), "实际增长": ("growth", 1), "名义增长": ("growth", 1), "年均增长": ("growth", 1), "平均增长": ("growth", 1), "增长": ("growth", 1),
    "上涨": ("growth", 1), "增加": ("growth", 1), "提高": ("growth", 1), "提升": ("growth", 1),
    "上升": ("growth", 1), "扩大": ("growth", 1), "同比下降": ("growth", -1), "下降": ("growth", -1),
    "减少": ("growth", -1), "降低": ("growth", -1), "回落": ("growth", -1), "下滑": ("growth", -1),
    "缩小": ("growth", -1), "收窄": ("growth", -1),
}
# Verbs that only join metric and value; removed from the end of a metric.
LINKING_WORDS: tuple[str, ...] = (
    "分别为", "分别", "达到", "达", "定为", "为", "至", "到", "是", "了", "共计", "总计", "合计", "累计",
    "约", "共", "已", "新增加", "突破", "完成", "保持在", "保持", "稳定在", "控制在", "不低于", "不少于", "超", "在",
    # adverbs between metric and verb: 居民消费价格温和上涨2.1%
    "温和", "稳步", "持续", "较快", "快速", "大幅", "明显", "平稳", "稳定", "均", "再", "又", "进一步",
    # an average is the same measure: 城镇调查失业率平均为5.3% (平均 goes whole, never its 均 alone)
    "平均值", "平均",
    # prepositions before the figure: 赤字率按3%安排
    "拟按", "按照", "按",
)
# Words removed from the start of a metric whatever follows: connectives,
# subjects, time words, modal and aspirational words.
LEADING_WORDS: tuple[str, ...] = (
    "其中", "同时", "此外", "另外", "全年", "年内", "当年", "全市", "我市", "全省", "我省", "全区", "我区", "全国",
    "预计", "累计", "已经", "已", "为", "的", "比上年", "较上年", "同比", "分别", "力争", "争取",
    "确保", "努力", "计划", "成功", "顺利", "率先", "首次", "平均", "年均", "截至年底",
    "出台", "印发", "制定", "推出",
)
# One-character adverbs, removed only before a verb: 再新增 -> 新增, but 共建 and 再生 stay.
_LEADING_ADVERB = re.compile(r"^[再又共还](?=新增|新建|增加|达|完成|实现)")
# Process verbs removed from the start of a metric when a noun phrase of at
# least MIN_CORE characters remains (完成棚户区改造 -> 棚户区改造, but 完成投资 stays).
LEADING_VERBS: tuple[str, ...] = (
    "实现", "完成", "推进", "推动", "加快推进", "加快推动", "协同推进", "持续推进", "统筹推进", "有序推进",
    "加快", "持续", "滚动", "启动", "实施", "开展", "获批", "新获批", "认定", "引进", "组织", "落地", "带动",
)
MIN_CORE = 3
# Verbs after which the rest of the phrase is what was said: 市委全会提出|未来五年…
REPORTING_VERBS: tuple[str, ...] = ("提出", "明确", "反馈", "强调", "要求", "指出")
# Time expressions anywhere in a metric (years are removed by _YEARS).
TIME_WORDS = re.compile(
    r"未来[一二三四五六七八九十\d]+年|今后[一二三四五六七八九十\d]+年|十[一二三四五六七八九]五期间|期间"
    r"|截至(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?|连续\d+年"
)
# Adverbs that name no measure: a metric that is only one of these is a fragment (一次性|增加…).
ADVERB_METRICS: tuple[str, ...] = ("一次性", "首次", "再次", "累计", "合计", "共计", "分别", "同比", "全年", "年内")
# Verbs that make a phrase a fragment when it ends with them (结对区县推动 15个…).
FRAGMENT_ENDINGS: tuple[str, ...] = (
    "推动", "推进", "实施", "开展", "完成", "新增", "获批", "提出", "明确", "推出", "出台", "印发", "落实",
    "打造", "创建", "建成", "开工", "启动", "加快", "持续", "覆盖", "带动", "扶持", "支持", "引进",
    "入选", "争取", "力争", "确保", "实现", "通过", "接入", "在", "投用", "能够", "年产",
    # a conjunction or a locative is no end of a name: 一批天然气发电和|200万千瓦煤电项目
    "和", "及", "与", "或", "间", "等",
)
PER_WORDS = re.compile(r"(?:每[十百千万]?[人户年月日天周])+$")
_NOTE = re.compile(r"^[（(][^）)]*[）)]")
# A Latin abbreviation in brackets after a name says it again: 国内生产总值（GDP）, 研究与试验发展（R&D）.
ABBREVIATION = re.compile(r"[（(][A-Z][A-Za-z&]{1,7}[）)]")
SHORT_METRIC = 3  # metrics shorter than this ("完成", "项目") say too little
QUOTES = re.compile("[“”‘’\"'「」『』]")
_YEARS = re.compile(r"到?(?:19|20)\d\d年(?:度|底|末|初)?")


# Contracted names: one name that stands for several (存贷款 = 存款 and 贷款). A ``分别`` list of
# one name with as many values as parts pairs each value with its part.
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "存贷款": ("存款", "贷款"), "进出口": ("进口", "出口"), "本外币": ("本币", "外币"),
    "中小学": ("中学", "小学"), "大中小型": ("大型", "中型", "小型"), "大中型": ("大型", "中型"),
    "中小微": ("中型", "小型", "微型"), "城乡": ("城镇", "农村"), "水电气": ("水", "电", "气"),
    "铁公水": ("铁路", "公路", "水路"), "一二三产业": ("第一产业", "第二产业", "第三产业"),
}
# Words joining the names of a list written without 、 (粮食面积和产量).
NAME_JOINERS = re.compile("和|及|与")
# A share of the whole region (占全省比重): the figure is about a part of it, a subject to keep.
WHOLE_SHARE = re.compile(r"占(?:全市|全省|全国|全区|全州|全县|全域)")
# The words a region's name ends with (某某片区, 某某城镇群, 东部地区).
REGION_NAME = re.compile(
    r"^(?P<region>[\u4e00-\u9fff“”]{1,14}(?:城镇群|城市群|地区|库区|山区|片区|都市区|都市圈|经济圈|经济带|新区|示范区))"
)
# Verbs and adverbs an item title opens with before the region it is about (全力推动…).
TITLE_OPENERS: tuple[str, ...] = (
    "全力", "大力", "着力", "积极", "深入", "扎实", "加快", "持续", "推动", "推进", "促进", "支持", "实施", "打造",
)
# Counted things whose measure word (户, 家) is no unit of its own: 53万户市场主体 are entities, not households.
ENTITY_NOUNS: tuple[str, ...] = ("市场主体", "经营主体", "工商户", "企业", "商户", "法人", "个体户")


# Words whose last character is also a one-character linking word (为, 约, 均, 共 …): that
# character is part of the word, never stripped from it (违法行政行为, 水资源节约, 人均).
WHOLE_WORDS: frozenset[str] = frozenset({
    "行为", "作为", "人均", "户均", "平均", "公共", "节约", "集约", "制约", "发达", "表达", "到达", "得到", "受到",
    "为了", "除了", "达到", "超超", "以至", "直至", "总共",
})


def strip_end(text: str, words: Iterable[str]) -> str:
    """``text`` without the ``words`` it ends with, never cutting a word of :data:`WHOLE_WORDS` in two."""
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed and text:
        changed = False
        for w in ordered:
            if text.endswith(w) and not (len(w) == 1 and text[-2:] in WHOLE_WORDS and text[-2:] not in words):
                text, changed = text[: -len(w)], True
                break
    return text


def _strip_start(text: str, words: Iterable[str], keep: int = 0) -> str:
    """``text`` without leading ``words``; a word goes only if ``keep`` characters remain."""
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed and text:
        changed = False
        for w in ordered:
            if text.startswith(w) and len(text) - len(w) >= max(keep, 0):
                text, changed = text[len(w):], True
                break
    return text


def is_fragment(metric: str) -> bool:
    """True when the phrase is no metric name: too short, verbs or adverbs only, or ends with a verb."""
    return (len(metric) < SHORT_METRIC or metric.endswith(FRAGMENT_ENDINGS) or is_verb_only(metric)
            or metric in ADVERB_METRICS)


def is_verb_only(metric: str) -> bool:
    return not _strip_start(metric, LEADING_VERBS + FRAGMENT_ENDINGS + ("新建", "新开工", "新", "建设", "改造"))


def clean_metric(phrase: str, verbs_at_end: bool = True) -> str:
    """The noun phrase a number measures, from the words written before it.

    Drops quotes, years and periods, what precedes a reporting verb, what
    follows 已, the linking and change verbs at the end (unless
    ``verbs_at_end`` is false: a name such as 城市提升 keeps them), and
    subjects, time words and process verbs at the start.
    """
    text = _NOTE.sub("", QUOTES.sub("", phrase.lstrip("—- ")))  # （段）59公里: a note, not a name
    text = ABBREVIATION.sub("", text)
    text = TIME_WORDS.sub("", _YEARS.sub("", text))
    for verb in REPORTING_VERBS:
        k = text.rfind(verb)
        if k > 0 and len(text) - k - len(verb) >= MIN_CORE:
            text = text[k + len(verb):]
    k = text.find("已")
    if k >= 2:
        text = text[:k]
    if verbs_at_end:
        text = strip_end(PER_WORDS.sub("", text), list(CHANGE_VERBS) + list(LINKING_WORDS))
    previous = None
    while text != previous:
        previous = text
        text = _LEADING_ADVERB.sub("", _strip_start(text, LEADING_WORDS))
        text = _strip_start(text, LEADING_VERBS, keep=MIN_CORE)
    return text.strip(" 、，")


def clean_relation(clause: str) -> str:
    """The words relating a figure to the one before (``实现年度计划`` for ``、实现年度计划的108%``)."""
    text = strip_end(clause, list(CHANGE_VERBS) + list(LINKING_WORDS) + ["的"]).strip(" 、")
    return _strip_start(text, ("分别", "其中", "并"))
