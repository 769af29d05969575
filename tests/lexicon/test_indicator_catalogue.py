"""The indicator catalogue: every seed indicator is known, matching never confuses metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lexicon.catalogue import (
    Catalogue,
    IndicatorDef,
    Polarity,
    infer_polarity,
    name_key,
    resolve,
)
from generator.errors import GlossaryError
from generator.targets import parse_target
from tests.support.project import project


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return project().catalogue


def test_every_entry_has_id_english_polarity_and_source(catalogue: Catalogue) -> None:
    assert len(catalogue) >= 60
    ids = [d.id for d in catalogue]
    assert len(ids) == len(set(ids))
    for d in catalogue:
        assert d.en and d.source, d.name_zh
        assert d.polarity in (Polarity.HIGHER, Polarity.LOWER, Polarity.NEUTRAL), d.name_zh


def test_every_seed_table_row_is_catalogued(catalogue: Catalogue, seed_doc) -> None:
    rows = [r for t in seed_doc.tables for r in t.rows if r.kind.value in ("indicator", "subrow")]
    assert len(rows) == (35 + 7) + (39 + 7)  # both tables, sub-rows included
    unknown = [r.name for r in rows if catalogue.match(r.name) is None]
    assert unknown == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("实际利用外资", "foreign_capital_utilised_local"),  # the old basis: its own entry of the series
        ("实际使用外资", "fdi_utilised"),
        ("数字经济增加值增速", "digital_economy_growth"),  # renamed: its own entry of the series
        ("数字经济核心产业增加值增速", "digital_economy_core_growth"),
        ("西部陆海新通道货运量和货运值增速", "land_sea_corridor_freight_growth"),
        ("西部陆海新通道货运量、货运值增速", "land_sea_corridor_freight_growth"),
        ('"一区"与"两群"人均地区生产总值比值', "per_capita_grp_ratio_area_clusters"),
        ("地区生产总值增长", "grp_growth"),  # 增长 read as 增速
        ("国内生产总值增长", "gdp_growth"),
        ("单位国内生产总值能耗降低", "energy_intensity_reduction_gdp"),  # 降低 read as 下降
        ("民营经济增加值占GDP比重", "private_sector_share_grp"),
        ("城镇新增就业人数", "new_urban_jobs"),
        ("高新技术企业", "high_tech_enterprises"),
        ("民间投资增速", "private_investment_growth"),
    ],
)
def test_names_aliases_and_variants(catalogue: Catalogue, name: str, expected: str) -> None:
    found = catalogue.match(name)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    "name",
    ["地区生产总值", "市场主体总量", "人均地区生产总值增长率之比", "工业增加值增速", "数字经济核心产业增加值占GDP比重"],
)
def test_lookalikes_are_not_matched_to_a_different_metric(catalogue: Catalogue, name: str) -> None:
    found = catalogue.match(name)
    assert found is None or name_key(found.name_zh) == name_key(name)
    if name == "地区生产总值":  # a level is never its growth
        assert found is None


def test_growth_and_level_keys_differ() -> None:
    assert name_key("地区生产总值增长") == name_key("地区生产总值增速") != name_key("地区生产总值")
    assert name_key("“一区”与“两群”") == name_key('"一区"和"两群"')


def test_polarity_from_wording_for_unknown_indicators(catalogue: Catalogue) -> None:
    assert infer_polarity(parse_target("5以内")) is Polarity.LOWER
    assert infer_polarity(parse_target("不超过0.03")) is Polarity.LOWER
    assert infer_polarity(parse_target("60以上")) is Polarity.HIGHER
    assert infer_polarity(parse_target("5左右")) is Polarity.UNKNOWN
    unknown = resolve(catalogue, "某新指标", parse_target("3以内"))
    assert (unknown.definition, unknown.polarity, unknown.polarity_source) == (None, Polarity.LOWER, "wording")
    known = resolve(catalogue, "城镇调查失业率", parse_target("5.5左右"))
    assert (known.polarity, known.polarity_source) == (Polarity.LOWER, "catalogue")


def test_two_entries_claiming_one_name_is_an_error() -> None:
    a = IndicatorDef("a", "甲指标增速", "A", "%", Polarity.HIGHER)
    b = IndicatorDef("b", "乙指标", "B", "%", Polarity.HIGHER, aliases=("甲指标增长",))
    with pytest.raises(GlossaryError, match="甲指标增长"):
        Catalogue([a, b], "x.yaml")


def test_duplicate_key_in_a_glossary_folder_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "indicators.yaml").write_text(
        "甲指标:\n  id: a\n  en: A\n  kind: indicator\n  unit: '%'\n  polarity: higher\n"
        "甲指标:\n  id: b\n  en: B\n  kind: indicator\n  unit: '%'\n  polarity: lower\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as err:
        project(tmp_path)
    assert "indicators.yaml" in str(err.value) and err.value.line == 7


def test_a_folder_catalogue_is_read_from_the_glossary_loader(tmp_path: Path) -> None:
    (tmp_path / "indicators.yaml").write_text(
        "某某增速:\n  id: some_growth\n  en: some growth\n  kind: indicator\n  unit: '%'\n  polarity: higher\n"
        "  aliases: [某某增长率]\n  source: test\n",
        encoding="utf-8",
    )
    cat = project(tmp_path).catalogue
    assert [d.id for d in cat] == ["some_growth"]
    assert cat.match("某某增长率").en == "some growth"


@pytest.mark.parametrize(("old", "new"), [("实际利用外资", "实际使用外资"), ("数字经济核心产业增加值增速", "数字经济增加值增速")])
def test_renamed_indicators_are_one_series_with_distinct_english(catalogue: Catalogue, old: str, new: str) -> None:
    """A table comparing them matches them, and a reader sees that the name (and basis) changed."""
    a, b = catalogue.match(old), catalogue.match(new)
    assert a is not None and b is not None
    assert a.id != b.id and a.series_id == b.series_id
    assert a.en != b.en
