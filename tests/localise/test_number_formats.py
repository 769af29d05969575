"""Locale formatting of quantities, targets and dates (generator.localise.numbers)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.errors import BriefError, GlossaryError
from generator.lexicon.units import check_units_file, read_units
from generator.quantities import Qualifier, Quantity
from generator.targets import Target, TargetKind
from tests.support.project import numbers, project

DEFAULT_UNITS = project().paths.units
LOCALES = tuple(lang.code for lang in project().languages)

# (quantity, English, Chinese): the examples of the issue and the report's figures.
QUANTITIES = [
    (Quantity(D("4104"), "亿元"), "CNY 410.4 billion", "4,104亿元"),
    (Quantity(D("2.9"), "万亿元"), "CNY 2.9 trillion", "2.9万亿元"),
    (Quantity(D("18"), "亿美元"), "USD 1.8 billion", "18亿美元"),
    (Quantity(D("71"), "万人"), "710,000 people", "71万人"),
    (Quantity(D("53.2"), "万户"), "532,000 households", "53.2万户"),
    (Quantity(D("107.3"), "亿公斤"), "10.73 million tonnes", "107.3亿公斤"),
    (Quantity(D("3070"), "万亩"), "30.7 million mu", "3,070万亩"),
    (Quantity(D("2.6"), "%"), "2.6%", "2.6%"),
    (Quantity(D("0.14"), "个百分点"), "0.14 percentage points", "0.14个百分点"),
    (Quantity(D("1"), "个百分点"), "1 percentage point", "1个百分点"),
    (Quantity(D("-8.4"), "%"), "−8.4%", "−8.4%"),
    (Quantity(D("1.8"), "", ratio_to=D("1")), "1.8:1", "1.8∶1"),
    (Quantity(D("31"), "%", Qualifier.ABOUT), "about 31%", "31%左右"),
    (Quantity(D("6"), "%", Qualifier.AT_LEAST), "at least 6%", "6%以上"),
    (Quantity(D("5.5"), "%", Qualifier.AT_MOST), "at most 5.5%", "5.5%以内"),
    (Quantity(D("1500"), "亿元", Qualifier.OVER), "over CNY 150 billion", "超过1,500亿元"),
    (Quantity(D("2.9"), "万亿元", Qualifier.OVER), "over CNY 2.9 trillion", "超过2.9万亿元"),
    (Quantity(D("60"), "万人", Qualifier.NEARLY), "nearly 600,000 people", "近60万人"),
    (Quantity(D("4.5"), "%", high=D("5")), "4.5%–5%", "4.5%～5%"),
    (Quantity(D("1"), "亿元", high=D("2")), "CNY 100–200 million", "1～2亿元"),
    (Quantity(D("42"), "万元/人年"), "CNY 420,000 per person-year", "42万元/人年"),
    (Quantity(D("495"), "万千瓦"), "4.95 million kW", "495万千瓦"),
    (Quantity(D("8.4"), "亿元"), "CNY 840 million", "8.4亿元"),
    (Quantity(D("1.73"), "万吨"), "17,300 tonnes", "1.73万吨"),
    (Quantity(D("332"), "天"), "332 days", "332天"),
    (Quantity(D("78.5"), "岁"), "78.5 years", "78.5岁"),
    (Quantity(D("6348"), "家"), "6,348", "6,348家"),
    (Quantity(D("0.032"), ""), "0.032", "0.032"),
    (Quantity(D("5.0"), "%"), "5.0%", "5.0%"),
    (Quantity(D("-2.5"), "%", basis="同口径"), "−2.5% on a comparable basis", "同口径−2.5%"),
]


@pytest.mark.parametrize(("q", "en", "zh"), QUANTITIES, ids=[f"{q.value}{q.unit}" for q, _, _ in QUANTITIES])
def test_quantity_in_both_locales(q: Quantity, en: str, zh: str) -> None:
    assert numbers("en").quantity(q) == en
    assert numbers("zh").quantity(q) == zh


def test_percentage_points_are_never_a_percent_sign() -> None:
    assert "%" not in numbers("en").quantity(Quantity(D("0.5"), "百分点"))


def test_unknown_unit_cannot_be_rendered_in_english() -> None:
    assert numbers("en").quantity(Quantity(D("3"), "某单位")) is None
    assert numbers("zh").quantity(Quantity(D("3"), "某单位")) == "3某单位"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(BriefError, match="unknown language 'fr'"):
        project().language("fr")


TARGETS = [
    (Target(TargetKind.AT_LEAST, D("6"), aspiration="争取实现更好的结果"), "%", "at least 6%, striving for better", "6%以上、争取实现更好的结果"),
    (Target(TargetKind.AT_LEAST, D("6"), aspiration="不低于经济增速"), "%", "at least 6%, no lower than economic growth", "6%以上、不低于经济增速"),
    (Target(TargetKind.ABOUT, D("5.5")), "%", "about 5.5%", "5.5%左右"),
    (Target(TargetKind.AT_MOST, D("103")), "%", "at most 103%", "103%以内"),
    (Target(TargetKind.EXACT, D("108.1")), "亿公斤", "10.81 million tonnes", "108.1亿公斤"),
    (Target(TargetKind.EXACT, D("2.8"), basis="同口径"), "%", "2.8% on a comparable basis", "同口径2.8%"),
    (Target(TargetKind.AT_LEAST, D("60"), unit="万人"), "万人", "at least 600,000 people", "60万人以上"),
    (Target(TargetKind.RANGE, D("4.5"), high=D("5")), "%", "4.5%–5%", "4.5%～5%"),
    (Target(TargetKind.ABOUT, D("1.8"), ratio_to=D("1")), "", "about 1.8:1", "1.8∶1左右"),
    (Target(TargetKind.RELATIVE, D("0.5"), unit="个百分点"), "%", "up 0.5 percentage points on the previous year", "较上年提升0.5个百分点"),
    (Target(TargetKind.RELATIVE, D("-1"), unit="个百分点"), "%", "down 1 percentage point on the previous year", "较上年下降1个百分点"),
    (Target(TargetKind.POSITIVE, text="正增长"), "%", "positive growth", "正增长"),
    (Target(TargetKind.PENDING, text="—"), "%", "target not yet issued by the state", "国家暂未下达"),
    (Target(TargetKind.QUALITATIVE, text="保持Ⅱ类"), "", "maintained at Grade II", "保持Ⅱ类"),
    (Target(TargetKind.QUALITATIVE, text="在“十四五”规划期内统筹考虑"), "%", "managed over the 14th Five-Year Plan period", "在“十四五”规划期内统筹考虑"),
    (Target(TargetKind.ABOUT, D("2.5"), note="预计能达到“十四五”期间序时进度"), "%",
     "about 2.5% (expected to keep pace with the 14th Five-Year Plan schedule)", "2.5%左右（预计能达到“十四五”期间序时进度）"),
    (Target(TargetKind.EMPTY), "%", "", ""),
]


@pytest.mark.parametrize(("target", "unit", "en", "zh"), TARGETS, ids=[t.kind.value + str(i) for i, (t, *_) in enumerate(TARGETS)])
def test_target_in_both_locales(target: Target, unit: str, en: str, zh: str) -> None:
    assert numbers("en").target(target, unit) == en
    assert numbers("zh").target(target, unit) == zh


@pytest.mark.parametrize(
    "target",
    [
        Target(TargetKind.QUALITATIVE, text="某种从未见过的说法"),
        Target(TargetKind.AT_LEAST, D("6"), aspiration="某种从未见过的说法"),
        Target(TargetKind.ABOUT, D("2"), note="某种从未见过的说法"),
        Target(TargetKind.EXACT, D("2")),  # unit below is unknown
    ],
)
def test_target_wording_not_in_the_table_is_left_to_the_caller(target: Target) -> None:
    unit = "某单位" if target.kind is TargetKind.EXACT else "%"
    assert numbers("en").target(target, unit) is None


@pytest.mark.parametrize(
    ("unit", "label"),
    [("亿元", "CNY 100 million"), ("万人", "10,000 people"), ("%", "%"), ("亿美元", "USD 100 million"),
     ("万元/人年", "CNY 10,000 per person-year"), ("天", "days"), ("家", ""), ("", ""), ("某单位", None)],
)
def test_unit_labels(unit: str, label: str | None) -> None:
    assert numbers("en").unit(unit) == label


def test_dates() -> None:
    assert numbers("en").date(date(2026, 11, 30)) == "30 November 2026"
    assert numbers("en").date(date(2023, 1, 5), "month") == "January 2023"
    assert numbers("zh").date(date(2023, 1, 5), "month") == "2023年1月"
    assert numbers("zh").date(date(2026, 11, 30)) == "2026年11月30日"


def test_units_table_is_valid_and_exact() -> None:
    assert check_units_file(DEFAULT_UNITS, LOCALES) == []
    table = project().units
    assert table.unit("亿公斤").factor == D("100000000")
    assert table.bases["公斤"].convert_factor == D("0.001")
    assert table.unit("万标箱").factor == D(10000)  # magnitude prefix × base unit


def test_units_table_problems_have_lines(tmp_path: Path) -> None:
    text = DEFAULT_UNITS.read_text(encoding="utf-8").replace('  about: {en: "about {}", zh: "{}左右"}', '  about: {en: "about", zh: "{}左右"}')
    bad = tmp_path / "units.yaml"
    bad.write_text(text, encoding="utf-8")
    line = text.split("\n").index('  about: {en: "about", zh: "{}左右"}') + 1
    (problem,) = check_units_file(bad, LOCALES)
    assert problem.line == line and "placeholder" in problem.message
    with pytest.raises(GlossaryError):
        read_units(bad, LOCALES)


def test_every_unit_the_quantity_parser_knows_renders_in_english() -> None:
    from generator.quantities import MAGNITUDES, PER_UNITS, UNITS

    units = [*UNITS, *(f"{m}{u}" for m in MAGNITUDES for u in ("元", "人", "吨")), *(f"万元/{p}" for p in PER_UNITS)]
    missing = [u for u in units if numbers("en").quantity(Quantity(D("12.5"), u)) is None]
    assert missing == []
