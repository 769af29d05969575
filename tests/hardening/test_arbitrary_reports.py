"""Whatever report-like text arrives, read -> analyse -> summarise -> brief model
gives two Briefs or the project's own error (a BriefError subclass), never
anything else.

The generated reports mix the genre's pieces (title, ``一、`` parts,
``（一）`` sections, ``一是`` items, ``——`` leads, attachments, indicator
tables with tab-separated cells, numbers of every shape) with junk, in any
order, so that they reach the structure, table, scorecard, summary and
localisation code rather than stopping at the decoder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.brief import Brief
from generator.errors import BriefError
from tests.support.project import project

CN = "一二三四五六七八九十"
YEARS = st.integers(1990, 2035).map(str)
NUMBERS = st.one_of(
    st.decimals(min_value=-1000, max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(0, 10**12).map(str),
    st.sampled_from(["5左右", "6以上", "3以内", "完成国家下达任务", "—", "-", "", "0", "-0.3", "4.5—5", "99" * 30,
                     "1.8∶1", "持平", "同口径增长5", "5..5", "%", "二〇二三", "十五", "1,234.5", "３．２"]),
)
UNITS = st.sampled_from(["%", "亿元", "万人", "天", "个百分点", "万吨", "元", "公顷", "", "万千瓦", "‰", "亿美元"])
NAMES = st.sampled_from(["地区生产总值增速", "城镇新增就业", "居民消费价格涨幅", "一般公共预算收入", "粮食产量",
                         "单位地区生产总值能耗降低", "空气质量优良天数比例", "研发经费投入强度", "某某指数", "#其中：民间投资"])
PHRASES = st.sampled_from(["经济运行稳中向好", "扩大有效投资", "国民经济和社会发展计划执行情况", "主要目标",
                           "重点任务", "推动高质量发展", "深化改革开放", "保障和改善民生", "2024年经济社会发展的总体要求"])
PART = "\x00PART"
JUNK = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


def _sentence() -> st.SearchStrategy[str]:
    return st.builds(lambda p, n, u, y: f"{y}年{p}增长{n}{u}，完成投资{n}亿元。", PHRASES, NUMBERS, UNITS, YEARS)


def _cn(k: int) -> str:
    return CN[k % 10]


LINES = st.one_of(
    st.builds(lambda y1, y2: f"关于某省{y1}年国民经济和社会发展计划执行情况与{y2}年计划草案的报告", YEARS, YEARS),
    st.just("某省发展和改革委员会"),
    st.builds(lambda p: f"{PART}{p}", PHRASES),  # numbered in order by _number_parts
    st.builds(lambda k, p: f"{_cn(k)}、{p}", st.integers(0, 9), PHRASES),
    st.builds(lambda k, p, s: f"（{_cn(k)}）{p}。{s}", st.integers(0, 9), PHRASES, _sentence()),
    st.builds(lambda k, p, s: f"{_cn(k)}是{p}。{s}", st.integers(0, 9), PHRASES, _sentence()),
    st.builds(lambda p, s: f"——{p}。{s}", PHRASES, _sentence()),
    _sentence(),
    st.builds(lambda k: f"附件{k}", st.integers(1, 3)),
    st.builds(lambda y: f"{y}年主要指标", YEARS),
    st.builds(lambda y1, y2: f"\t序号\t指标名称\t{y1}年预期目标\t{y2}年预计完成", YEARS, YEARS),
    st.builds(lambda k, n, u, m, t, a: f"\t{k}\t{n}（{u}）{m}\t{t}\t{a}",
              st.integers(0, 40), NAMES, UNITS, st.sampled_from(["", "*", "▽", "＊"]), NUMBERS, NUMBERS),
    st.builds(lambda cells: "\t" + "\t".join(cells), st.lists(st.one_of(NUMBERS, JUNK), max_size=7)),
    st.builds(lambda c: f"\t{c}", st.one_of(NUMBERS, NAMES)),  # one-cell-per-line table shape
    st.just("注：1．加“*”为约束性指标。"),
    st.just(""),
    JUNK,
)


def _number_parts(lines: list[str]) -> str:
    """Number the ``PART`` headings 一、二、三… in order, as a real report does."""
    out, k = [], 0
    for line in lines:
        if line.startswith(PART):
            line = f"{_cn(k)}、{line[len(PART):]}"
            k += 1
        out.append(line)
    return "\n".join(out)


REPORTS = st.lists(LINES, min_size=1, max_size=40).map(_number_parts)


def _pipeline(text: str, must_build: bool = False) -> None:
    """Run the stages; a BriefError is allowed unless ``must_build``."""
    from generator.analyse.indicators import analyse_indicators
    from generator.analyse.summaries import summarize
    from tests.support.project import briefs_of
    from generator.read import read_document

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text(text, encoding="utf-8")
        try:
            doc = read_document(path)
            analyse_indicators(doc, project().catalogue)
            summarize(doc)
            briefs = briefs_of(doc)
        except BriefError as error:
            assert not must_build, f"a well-formed report failed: {error}"
            assert "\n" not in str(error)
            return
        assert set(briefs) == {"zh", "en"}
        assert all(isinstance(b, Brief) and b.lang == lang for lang, b in briefs.items())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(REPORTS)
def test_report_like_text_gives_briefs_or_a_brief_error(text: str) -> None:
    _pipeline(text)


# A whole well-formed skeleton with generated numbers in every slot: exercises the
# scorecard and plan comparison on every number shape rather than mostly junk.
SKELETON = (
    "关于某省{y1}年国民经济和社会发展计划执行情况与{y2}年计划草案的报告\n\n"
    "一、{y1}年国民经济和社会发展计划执行情况\n（一）扩大有效投资。{s1}\n一是项目加快推进。{s2}\n"
    "二、{y2}年经济社会发展的主要目标\n（一）主要目标。{s3}\n三、{y2}年重点任务\n（一）扩大内需。一是扩大投资。{s1}\n"
    "附件1\n{y1}年主要指标完成情况\n\t序号\t指标名称\t{y1}年预期目标\t{y1}年预计完成\n{rows1}\n"
    "附件2\n{y2}年主要指标\n\t序号\t指标名称\t{y1}年预计完成\t{y2}年预期目标\n{rows2}\n"
)
ROWS = st.lists(
    st.builds(lambda n, u, m, t, a: (f"{n}（{u}）{m}", t, a), NAMES, UNITS, st.sampled_from(["", "*"]), NUMBERS, NUMBERS),
    min_size=1, max_size=8,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(y=st.integers(2000, 2030), rows=ROWS, s1=_sentence(), s2=_sentence(), s3=_sentence())
def test_well_formed_report_with_any_numbers(y: int, rows: list[tuple[str, str, str]], s1: str, s2: str, s3: str) -> None:
    rows1 = "\n".join(f"\t{k}\t{name}\t{t}\t{a}" for k, (name, t, a) in enumerate(rows, 1))
    rows2 = "\n".join(f"\t{k}\t{name}\t{a}\t{t}" for k, (name, t, a) in enumerate(rows, 1))
    _pipeline(SKELETON.format(y1=y, y2=y + 1, s1=s1, s2=s2, s3=s3, rows1=rows1, rows2=rows2), must_build=True)
