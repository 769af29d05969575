"""Synthetic consecutive plan reports of one region, as text in the genre's shape, for the cross-report tests.

:func:`plan_report` writes a short report of review year ``year - 1`` and
plan year ``year``: title, issuer, a review part, an outlook part and one
combined indicator table (last year's target and outcome beside this year's
target). :data:`BASE` is a set of rows whose plan targets the next year's
report reviews unchanged; the tests plant one difference at a time.
The region and every sentence are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

REGION = "青川省"


@dataclass(frozen=True)
class Row:
    name: str
    unit: str
    target: str  # last year's target (reviewed)
    actual: str  # last year's outcome
    plan: str  # this year's target


# The indicators of year N (review of N-1 and plan of N); the next report reviews the N plan targets.
BASE: tuple[Row, ...] = (
    Row("地区生产总值增速", "%", "6左右", "6.3", "5.5左右"),
    Row("规模以上工业增加值增速", "%", "7", "7.4", "6.5"),
    Row("固定资产投资增速", "%", "6", "4.1", "5"),
    Row("社会消费品零售总额增速", "%", "6.5", "5.2", "6"),
    Row("城镇新增就业", "万人", "40", "42.3", "40以上"),
    Row("城镇调查失业率", "%", "5.5以内", "5.1", "5.5以内"),
    Row("居民消费价格涨幅", "%", "3左右", "1.2", "2左右"),
    Row("实际使用外资", "亿美元", "12", "12.6", "13"),
    Row("单位地区生产总值能耗降低", "%", "3", "3.2", "2.8"),
)


def next_year(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """The rows of the next report: it reviews each plan target as set, with an outcome, and sets a new one."""
    return tuple(Row(r.name, r.unit, r.plan, _outcome(r.plan), _plan_after(r.plan)) for r in rows)


def _outcome(target: str) -> str:
    digits = "".join(c for c in target if c.isdigit() or c == ".")
    return f"{float(digits) + 0.2:.1f}"


def _plan_after(target: str) -> str:
    return target  # the next plan keeps the target (the tests compare the review, not the plan)


def renamed(rows: tuple[Row, ...], old: str, new: str) -> tuple[Row, ...]:
    return tuple(replace(r, name=new) if r.name == old else r for r in rows)


def retargeted(rows: tuple[Row, ...], name: str, target: str) -> tuple[Row, ...]:
    return tuple(replace(r, target=target) if r.name == name else r for r in rows)


def without(rows: tuple[Row, ...], name: str) -> tuple[Row, ...]:
    return tuple(r for r in rows if r.name != name)


def plan_report(year: int, rows: tuple[Row, ...], region: str = REGION) -> str:
    """The text of the report with review year ``year - 1`` and plan year ``year``."""
    review = year - 1
    lines = [
        f"关于{region}{review}年国民经济和社会发展计划执行情况与{year}年国民经济和社会发展计划草案的报告",
        f"——{year}年1月9日在{region}第九届人民代表大会第{year - 2028}次会议上",
        f"{region}发展和改革委员会",
        "",
        "各位代表：",
        "",
        f"　　受省人民政府委托，现将全省{review}年计划执行情况与{year}年计划草案提请大会审议。",
        "",
        f"一、{review}年国民经济和社会发展计划执行情况",
        "",
        f"　　{review}年，全省上下迎难而上，山区产业加快转型，沿江城镇群带动作用增强，经济运行平稳。"
        "主要指标完成情况详见附表1。",
        "",
        f"二、{year}年经济社会发展的主要目标",
        "",
        f"　　综合考虑各方面因素，{year}年全省主要指标的预期目标详见附表1。",
        "",
        "附表1",
        f"{region}{review}年主要指标完成情况及{year}年预期目标",
        f"序号  指标名称                      单位      {review}年    {review}年    {year}年",
        "                                                目标         完成         目标",
        "一、主要指标",
    ]
    for number, row in enumerate(rows, start=1):
        lines.append(f"{number:<6}{row.name:<26}{row.unit:<10}{row.target:<13}{row.actual:<13}{row.plan}")
    return "\n".join(lines) + "\n"


def write_pair(folder: Path, first: tuple[Row, ...], second: tuple[Row, ...], year: int = 2031,
               region: str = REGION, stem: str = "qingchuan") -> tuple[Path, Path]:
    """Two consecutive reports (plan years ``year`` and ``year + 1``) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / f"{stem}-{year}.txt"
    b = folder / f"{stem}-{year + 1}.txt"
    a.write_text(plan_report(year, first, region), encoding="utf-8")
    b.write_text(plan_report(year + 1, second, region), encoding="utf-8")
    return a, b
