"""The executive summary and the headline box in the brief model: the same facts in every language."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.brief import Brief, Text
from generator.document import Document
from generator.read import read_document
from tests.analyse.test_digest import _report
from tests.support.paths import GLOSSARY, ROOT
from tests.support.project import briefs_of

DAY = date(2031, 3, 1)
CJK = re.compile(r"[\u3400-\u9fff]")
NATIONAL = ROOT / "seeds" / "national-2025-plan-report.md"


@pytest.fixture(scope="module")
def seed(seed_doc: Document) -> dict[str, Brief]:
    return briefs_of(seed_doc, generated=DAY)


@pytest.fixture(scope="module")
def national() -> dict[str, Brief]:
    return briefs_of(read_document(NATIONAL), generated=DAY)


def _stray_cjk(texts: list[Text]) -> list[str]:
    return [s.text for t in texts for s in t.segments if not s.lang and CJK.search(s.text)]


# ------------------------------------------------------------ the seed


def test_both_seed_briefs_open_with_the_same_executive_summary(seed) -> None:
    zh, en = seed["zh"].executive, seed["en"].executive
    assert zh and en and en.untranslated == 0
    assert 1 <= len(en.points) <= 5 and len(zh.points) == len(en.points)
    assert len(re.findall(r"。", str(zh.paragraph))) == len(re.findall(r"\.(?:\s|$)", str(en.paragraph)))
    assert "GRP growth was 2.6%, short of the target of about 5.5%." in str(en.paragraph)
    assert "地区生产总值增速为2.6%，未达到5.5%左右的目标。" in str(zh.paragraph)
    assert "Targets met: 5 of 6 binding and 13 of 29 anticipatory." in str(en.paragraph)
    assert "Outcomes the report gives as estimates (approximate or expected values): 8 of 35." in str(en.paragraph)
    assert _stray_cjk([en.paragraph, *en.points]) == []


def test_the_seed_summary_names_the_largest_misses_with_causes_and_the_new_targets(seed) -> None:
    points = [str(p) for p in seed["en"].executive.points]
    assert points[0] == ("Growth in total retail sales of consumer goods: −0.3% against a target of about 7%; "
                         "the report cites Covid-19 restrictions on services and consumption.")
    targets = next(p for p in points if p.startswith("Targets for 2023"))
    assert "growth in fixed-asset investment: 10% (2022: 0.7%)" in targets
    assert "GRP growth: at least 6%, striving for better (2022: 2.6%)" in targets
    # an index (previous year = 100) is said as the rate it implies, in the summary and the headline
    assert "consumer price index (CPI): rise of at most 3% (2022: rise of 2.1%)" in targets
    cpi = [f for f in seed["en"].headline if str(f.value).startswith("rise of")]
    assert [(str(f.value), str(f.note)) for f in cpi] == [("rise of at most 3%", "2022: rise of 2.1%")]
    changes = next(p for p in points if p.startswith("Indicator changes"))
    assert "growth in manufacturing investment replaces growth in private investment" in changes
    assert "forest coverage no longer listed" in changes


def test_the_seed_headline(seed) -> None:
    tiles = [(str(f.label), str(f.value), str(f.note), f.status, f.kind) for f in seed["en"].headline]
    assert ("GRP growth", "2.6%", "target about 5.5%", "missed", "outcome") in tiles
    misses = [t for t in tiles if t[3] == "missed" and t[0] != "GRP growth"]
    assert len(misses) >= 2 and all(t[2].startswith("target ") for t in misses)
    targets = [t for t in tiles if t[4] == "target"]
    assert len(targets) >= 2
    assert ("GRP growth: 2023 target", "at least 6%, striving for better", "2022: 2.6%", "", "target") in tiles
    labels = " ".join(t[0] for t in tiles)
    assert "listed" not in labels and "reform" not in labels and "market entities" not in labels
    zh = [(str(f.label), str(f.value), str(f.note)) for f in seed["zh"].headline]
    assert ("地区生产总值增速", "2.6%", "目标5.5%左右") in zh


# ------------------------------------------------------------ the national report


def test_the_national_headline_has_gdp_level_and_growth_with_its_target(national) -> None:
    tiles = [(str(f.label), str(f.value), str(f.note), f.kind) for f in national["en"].headline]
    assert ("gross domestic product (GDP)", "CNY 134.9 trillion", "", "level") in tiles
    assert ("gross domestic product (GDP)", "up 5%", "2025 target: about 5%", "growth") in tiles
    assert len([t for t in tiles if t[3] == "target"]) >= 2
    assert ("new urban jobs: 2025 target", "at least 12 million people", "", "target") in tiles


def test_the_national_executive_summary(national) -> None:
    en, zh = national["en"].executive, national["zh"].executive
    assert str(en.paragraph).startswith("In 2024, gross domestic product (GDP) reached CNY 134.9 trillion.")
    assert "The 2025 target for GDP growth is about 5%." in str(en.paragraph)
    assert "Indicators the report names as falling short: growth in overall labor productivity," in str(en.paragraph)
    assert str(zh.paragraph).startswith("2024年，国内生产总值134.9万亿元。")
    # a reason the glossary cannot say is left out of the English and counted, never half Chinese
    assert len(zh.points) == len(en.points) + en.untranslated
    assert _stray_cjk([en.paragraph, *en.points]) == []


# ------------------------------------------------------------ a report of my own


def test_a_sentence_with_a_glossary_gap_is_left_out_and_counted(tmp_path: Path) -> None:
    doc = _report()  # the investment shortfall's cause, 需求不足, is no glossary term
    full = briefs_of(doc, generated=DAY)
    zh, en = full["zh"].executive, full["en"].executive
    assert any("需求不足" in str(p) for p in zh.points)
    assert en.untranslated == 1 and len(en.points) == len(zh.points) - 1
    assert not any("fixed-asset investment: 1.2%" in str(p) for p in en.points)
    glossary = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, glossary)
    path = glossary / "terms.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '\n需求不足: {en: "weak demand", kind: term}\n', encoding="utf-8")
    known = briefs_of(doc, glossary, generated=DAY, langs=["en"])["en"].executive
    assert known.untranslated == 0 and len(known.points) == len(zh.points)
    assert str(known.points[0]) == ("Growth in fixed-asset investment: 1.2% against a target of about 8%; "
                                    "the report cites weak demand.")
    for e in (en, known):
        assert _stray_cjk([e.paragraph, *e.points]) == []
