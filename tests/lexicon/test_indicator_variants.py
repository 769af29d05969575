"""Wording variants of the genre's core indicators resolve to the right catalogue entry.

Plan reports and government work reports name the same indicator in several
ways: with or without ``（GDP）``/``（CPI）``, with 增长/增速/涨幅/增长率,
降低/下降, and with a 全国/全省/全市/全区 prefix. Each row is a wording seen
in reports of the genre and the catalogue id it must resolve to.
"""

from __future__ import annotations

import pytest

from generator.lexicon.catalogue import Catalogue
from tests.support.project import project


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return project().catalogue


VARIANTS: list[tuple[str, str]] = [
    # GDP / GRP growth
    ("国内生产总值增长", "gdp_growth"),
    ("国内生产总值（GDP）增长", "gdp_growth"),
    ("国内生产总值(GDP)增速", "gdp_growth"),
    ("国内生产总值（GDP）增长率", "gdp_growth"),
    ("GDP增长", "gdp_growth"),
    ("地区生产总值增长", "grp_growth"),
    ("全省地区生产总值增长", "grp_growth"),
    ("全区生产总值增速", "grp_growth"),
    ("全州生产总值增长", "grp_growth"),
    # prices
    ("居民消费价格涨幅", "cpi_increase"),
    ("居民消费价格（CPI）涨幅", "cpi_increase"),
    ("居民消费价格(CPI)涨幅", "cpi_increase"),
    ("CPI涨幅", "cpi_increase"),
    ("全省居民消费价格涨幅", "cpi_increase"),
    ("居民消费价格指数（CPI）", "cpi_index"),
    # employment
    ("城镇调查失业率", "urban_surveyed_unemployment"),
    ("全国城镇调查失业率", "urban_surveyed_unemployment"),
    ("全省城镇调查失业率", "urban_surveyed_unemployment"),
    ("全市城镇调查失业率", "urban_surveyed_unemployment"),
    ("城镇新增就业", "new_urban_jobs"),
    ("新增城镇就业", "new_urban_jobs"),
    ("全国城镇新增就业", "new_urban_jobs"),
    ("城镇新增就业人数", "new_urban_jobs"),
    ("全省城镇登记失业率", "urban_registered_unemployment"),
    # grain
    ("粮食产量", "grain_output"),
    ("粮食总产量", "grain_output"),
    ("全国粮食总产量", "grain_output"),
    ("全省粮食产量", "grain_output"),
    ("粮食综合生产能力", "grain_production_capacity"),
    ("粮食播种面积", "grain_sown_area"),
    # energy and carbon intensity
    ("单位国内生产总值能耗降低", "energy_intensity_reduction_gdp"),
    ("单位国内生产总值能耗下降", "energy_intensity_reduction_gdp"),
    ("单位GDP能源消耗降低", "energy_intensity_reduction_gdp"),
    ("扣除原料用能和非化石能源消费量后的单位国内生产总值能耗降低", "energy_intensity_reduction_gdp"),
    ("单位地区生产总值能耗降低", "energy_intensity_reduction_grp"),
    ("单位国内生产总值二氧化碳排放降低", "co2_intensity_reduction_gdp"),
    ("单位国内生产总值二氧化碳排放量降低", "co2_intensity_reduction_gdp"),
    ("单位GDP二氧化碳排放降低", "co2_intensity_reduction_gdp"),
    ("单位地区生产总值二氧化碳排放量下降", "co2_intensity_reduction_grp"),
    ("万元国内生产总值用水量下降", "water_intensity_reduction_gdp"),
    ("万元地区生产总值用水量降低", "water_intensity_reduction_grp"),
    # trade and investment
    ("货物贸易进出口增长", "trade_growth"),
    ("货物进出口总额增长", "trade_growth"),
    ("外贸进出口增长", "trade_growth"),
    ("进出口增长", "trade_growth"),
    ("固定资产投资增长", "fixed_asset_investment_growth"),
    ("固定资产投资（不含农户）增长", "fixed_asset_investment_growth"),
    ("全市固定资产投资增长", "fixed_asset_investment_growth"),
    ("社会消费品零售总额增长", "retail_sales_growth"),
    ("全省社会消费品零售总额增长", "retail_sales_growth"),
    ("实际使用外资", "fdi_utilised"),
    ("实际利用外资", "foreign_capital_utilised_local"),
    ("全省实际使用外资", "fdi_utilised"),
    # incomes and budget
    ("居民人均可支配收入增长", "disposable_income_growth"),
    ("全国居民人均可支配收入增长", "disposable_income_growth"),
    ("全市居民人均可支配收入增长", "disposable_income_growth"),
    ("居民收入增长", "disposable_income_growth"),
    ("城乡居民人均可支配收入比", "urban_rural_income_ratio"),
    ("一般公共预算收入增长", "general_budget_revenue_growth"),
    ("全省一般公共预算收入增长", "general_budget_revenue_growth"),
    ("财政赤字率", "deficit_ratio"),
    ("赤字率", "deficit_ratio"),
    # industry and productivity
    ("规模以上工业增加值增长", "industrial_value_added_growth"),
    ("全省规模以上工业增加值增长", "industrial_value_added_growth"),
    ("规上工业增加值增长", "industrial_value_added_growth"),
    ("第三产业增加值增长", "services_value_added_growth"),
    ("第二产业增加值增长", "secondary_industry_growth"),
    ("全员劳动生产率", "labour_productivity"),
    ("全员劳动生产率增长", "labour_productivity_growth"),
    ("全员劳动生产率实际增长", "labour_productivity_growth"),
    # R&D
    ("全社会研发经费投入增长", "rd_spending_growth"),
    ("全社会研究与试验发展经费投入增长", "rd_spending_growth"),
    ("研究与试验发展（R&D）经费投入强度", "rd_intensity_grp"),
    ("研发经费投入强度", "rd_intensity_grp"),
    ("全社会研发经费支出占地区生产总值比重", "rd_intensity_grp"),
    ("全社会研发经费支出占国内生产总值比重", "rd_intensity_gdp"),
    ("基础研究经费投入占研发经费投入比重", "basic_research_share"),
    # urbanisation, logistics, public services
    ("常住人口城镇化率", "urbanisation_rate"),
    ("全省常住人口城镇化率", "urbanisation_rate"),
    ("户籍人口城镇化率", "registered_urbanisation_rate"),
    ("社会物流总费用与国内生产总值的比率", "logistics_cost_ratio"),
    ("社会物流总费用占GDP比重", "logistics_cost_ratio"),
    ("每千人口拥有3岁以下婴幼儿托位数", "childcare_places_per_1000"),
    ("居民消费率", "household_consumption_rate"),
]


@pytest.mark.parametrize(("name", "expected"), VARIANTS)
def test_variant_resolves_to_catalogue_id(catalogue: Catalogue, name: str, expected: str) -> None:
    found = catalogue.match(name)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    "name",
    [
        "国内生产总值",  # a level, never its growth
        "居民消费价格",  # consumer prices, not the rise
        "城镇调查失业率平均值",  # the year's average, a prose figure
        "全员劳动生产率增长率之比",
    ],
)
def test_levels_and_lookalikes_stay_apart(catalogue: Catalogue, name: str) -> None:
    found = catalogue.match(name)
    assert found is None, found


def test_variant_ids_exist(catalogue: Catalogue) -> None:
    assert {i for _, i in VARIANTS} <= {d.id for d in catalogue}
