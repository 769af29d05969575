"""National benchmarks and report profiles: a provincial target beside the national one of the same plan year."""

from __future__ import annotations

import pytest

from generator.analyse.profile import Level, level_of, region_of_issuer
from generator.localise.briefs import build_briefs
from tests.support.corpus import analyse_files
from tests.support.paths import FIXTURES
from tests.support.project import briefs_of, project

REPORTS = FIXTURES / "reports"
PROVINCE = REPORTS / "gansu-2025.txt"  # plan year 2025, a combined table
NATIONAL = REPORTS / "national-2025.txt"  # plan year 2025, targets in prose
CITY = REPORTS / "luoyang-2024.html"  # plan year 2024: no national report of its year here


@pytest.fixture(scope="module")
def corpus():
    return analyse_files(PROVINCE, NATIONAL, CITY)


def test_each_benchmarked_row_gets_the_national_target_of_its_measure(corpus):
    _analyses, c = corpus
    context = c.for_report(PROVINCE.stem)
    assert context.national == NATIONAL.stem
    shown = {b.indicator_id: (b.national_id, b.national_target) for b in context.benchmarks}
    assert shown["grp_growth"] == ("gdp_growth", "5%左右")  # the same measure at another level
    assert shown["cpi_increase"] == ("cpi_increase", "2%左右")
    assert shown["urban_surveyed_unemployment"] == ("urban_surveyed_unemployment", "5.5%左右")
    assert shown["energy_intensity_reduction_grp"] == ("energy_intensity_reduction_gdp", "3%左右")
    assert "new_urban_jobs" not in shown and "grain_output" not in shown  # totals: benchmark: false
    assert "high_tech_enterprises" not in shown  # no standard measure


def test_no_benchmark_without_a_national_report_of_the_same_plan_year(corpus):
    _analyses, c = corpus
    assert c.for_report(CITY.stem).national is None and c.for_report(CITY.stem).benchmarks == ()
    assert c.for_report(NATIONAL.stem).benchmarks == ()  # the national report is the benchmark


def test_the_brief_plan_table_shows_the_national_target_in_both_languages(corpus):
    analyses, c = corpus
    briefs = build_briefs(analyses[PROVINCE.stem], project(), langs=("zh", "en"),
                          context=c.for_report(PROVINCE.stem))
    growth = {lang: next(r for r in b.plan_rows if "生产总值" in str(r.name) or "GRP" in str(r.name))
              for lang, b in briefs.items()}
    assert str(growth["zh"].benchmark) == "全国（国内生产总值增长）：5%左右"  # as the national report words it
    assert str(growth["en"].benchmark) == "National (GDP growth): about 5%"
    cpi = next(r for r in briefs["en"].plan_rows if str(r.name).startswith("CPI"))
    assert str(cpi.benchmark) == "National: about 2%"
    assert NATIONAL.name in str(briefs["en"].plan_origin) and NATIONAL.name in str(briefs["zh"].plan_origin)
    # Without the corpus context the brief has no benchmark.
    plain = briefs_of(analyses[PROVINCE.stem].doc, langs=("en",))["en"]
    assert not any(r.benchmark for r in plain.plan_rows)


@pytest.mark.parametrize("region, issuer, level", [
    ("全国", "国家发展和改革委员会", Level.NATIONAL),
    (None, "国务院", Level.NATIONAL),
    ("甘肃省", None, Level.PROVINCIAL),
    ("广西壮族自治区", None, Level.PROVINCIAL),
    ("香港特别行政区", None, Level.PROVINCIAL),
    ("洛阳市", None, Level.MUNICIPAL),
    ("延边朝鲜族自治州", None, Level.MUNICIPAL),
    ("锡林郭勒盟", None, Level.MUNICIPAL),
    ("北京市朝阳区", None, Level.COUNTY),
    ("某某", None, Level.UNKNOWN),
    (None, None, Level.UNKNOWN),
])
def test_level_from_region_and_issuer(region, issuer, level):
    assert level_of(region, issuer) is level


def test_region_from_the_issuer_when_the_title_names_none():
    assert region_of_issuer("青川省发展和改革委员会") == "青川省"
    assert region_of_issuer("国家发展和改革委员会") is None
