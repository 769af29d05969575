"""Standard measures (glossary/measures.yaml): loading, comparability, and problems at their file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.lexicon.measures import inspect_measures
from generator.paths import MEASURES_FILE
from tests.support.paths import GLOSSARY, ROOT
from tests.support.project import glossary_problems, project

INDICATORS = ("甲指标增速:\n  id: a_growth\n  en: growth of A\n  kind: indicator\n  unit: '%'\n  polarity: higher\n"
              "乙指标增速:\n  id: b_growth\n  en: growth of B\n  kind: indicator\n  unit: '%'\n  polarity: higher\n")


def test_the_package_measures_are_valid_and_group_national_and_regional_ids():
    measures = project().lexicon.measures
    assert len(measures) > 20
    assert measures.comparable("gdp_growth", "grp_growth")
    assert measures.comparable("rd_intensity_gdp", "rd_intensity_grp")
    assert not measures.comparable("gdp_growth", "cpi_increase")
    assert not measures.comparable("high_tech_enterprises", "high_tech_enterprises_x")
    assert measures.of("new_urban_jobs").benchmark is False
    assert [m.key for m in measures][0] == "economic_growth"  # file order is the matrix's row order
    assert glossary_problems(GLOSSARY) == []


def _folder(tmp_path: Path, measures: str) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "indicators.yaml").write_text(INDICATORS, encoding="utf-8")
    shutil.copy(ROOT / "glossary" / "units.yaml", folder / "units.yaml")
    (folder / MEASURES_FILE).write_text(measures, encoding="utf-8")
    return folder


@pytest.mark.parametrize("text, line, message", [
    ("growth:\n  ids: [a_growth, c_growth]\n", 2, "'c_growth' is not an indicator id of the catalogue"),
    ("one:\n  ids: [a_growth]\ntwo:\n  ids: [b_growth, a_growth]\n", 3, "id 'a_growth' is already in measure 'one'"),
    ("growth:\n  ids: [a_growth]\n  colour: red\n", 3, "unknown field 'colour'"),
    ("growth:\n  ids: [a_growth]\n  benchmark: maybe\n", 3, "benchmark must be true or false"),
    ("growth:\n  note: no ids here\n", 1, "growth: no ids"),
    ("Growth Rate:\n  ids: [a_growth]\n", 1, "must be snake_case"),
    ("growth: [a_growth]\n", 1, "must be a mapping with ids"),
])
def test_a_bad_measures_file_is_reported_at_its_line(tmp_path, text, line, message):
    folder = _folder(tmp_path, text)
    problems = glossary_problems(folder)
    assert any(p.startswith(f"{folder / MEASURES_FILE}:{line}:") and message in p for p in problems), problems


def test_an_id_the_catalogue_lost_is_left_out_with_a_warning(tmp_path):
    folder = _folder(tmp_path, "growth:\n  ids: [a_growth, c_growth]\nother:\n  ids: [c_growth]\n")
    lexicon = project(folder).lexicon  # loads: the problem is not fatal
    assert [(m.key, m.ids) for m in lexicon.measures] == [("growth", ("a_growth",))]


def test_a_glossary_folder_without_measures_uses_the_package_ones_for_its_own_ids(tmp_path):
    folder = _folder(tmp_path, "")
    (folder / MEASURES_FILE).unlink()
    assert glossary_problems(folder) == []  # the package's ids its catalogue lacks are left out, not errors
    assert len(project(folder).lexicon.measures) == 0


def test_measures_of_a_file(tmp_path):
    folder = _folder(tmp_path, "growth:\n  ids: [a_growth, b_growth]\n  benchmark: false\n  note: two levels\n")
    measures, problems = inspect_measures(folder / MEASURES_FILE, project(folder).catalogue)
    assert problems == [] and measures is not None
    (growth,) = tuple(measures)
    assert (growth.key, growth.ids, growth.benchmark, growth.note, growth.line) == (
        "growth", ("a_growth", "b_growth"), False, "two levels", 1)
    assert measures.comparable("a_growth", "b_growth") and measures.of("b_growth") is growth
