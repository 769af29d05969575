"""Key-figure tiles of the brief model: labels that say what a figure measures, one tile per label.

The documents are synthetic, with sentences of my own (tests/support/indicator_docs.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.brief import Brief, Figure
from generator.document import Document, Paragraph, Section, Span
from tests.support.indicator_docs import document
from tests.support.project import briefs_of

DAY = date(2031, 3, 1)


def _doc(*paragraphs: Paragraph) -> Document:
    doc = document()
    review = doc.parts[0]
    review.sections = [Section(1, "（一）", "稳定经济增长", Span(11, 20), list(paragraphs))]
    return doc


def _tiles(doc: Document) -> dict[str, list[Figure]]:
    briefs: dict[str, Brief] = briefs_of(doc, generated=DAY)
    return {lang: list(b.sections[0].figures) for lang, b in briefs.items()}


def _shown(figures: list[Figure]) -> dict[str, str]:
    return {str(f.label): str(f.value) for f in figures}


def test_a_measure_word_of_entities_is_no_household() -> None:
    tiles = _tiles(_doc(Paragraph("全年新设立市场主体41.5万户，完成棚户区改造1.2万户。", Span(12, 12))))
    en = _shown(tiles["en"])
    assert en["newly registered market entities"] == "415,000"
    assert en["rebuilding of rundown urban areas"] == "12,000 households"
    assert _shown(tiles["zh"])["新设立市场主体"] == "41.5万户"


def test_running_totals_and_goals_are_marked_in_the_label() -> None:
    tiles = _tiles(_doc(
        Paragraph("累计实现跨境融资150亿美元。", Span(12, 12)),
        Paragraph("省委全会提出未来五年全省地区生产总值迈上6万亿元台阶。", Span(13, 13)),
    ))
    en, zh = _shown(tiles["en"]), _shown(tiles["zh"])
    assert en["cross-border financing (cumulative)"] == "USD 15 billion"
    assert en["gross regional product (GRP), goal (next five years)"] == "CNY 6 trillion"
    assert zh["跨境融资（累计）"] == "150亿美元"
    assert zh["地区生产总值（未来五年目标）"] == "6万亿元"
    assert "gross regional product (GRP)" not in en  # never the year's level


def test_a_share_of_the_whole_names_the_part_it_is_about() -> None:
    tiles = _tiles(_doc(Paragraph("主城都市区加快建设，新能源装机量占全市比重达35%。", Span(12, 12))))
    assert _shown(tiles["en"]) == {"main metropolitan area: share of the city's installed new-energy capacity": "35%"}
    assert _shown(tiles["zh"]) == {"主城都市区新能源装机量占全市比重": "35%"}


def test_figures_under_one_label_share_a_tile() -> None:
    tiles = _tiles(_doc(Paragraph("全年粮食播种面积3100万亩，增长1.2%。", Span(12, 12))))
    assert _shown(tiles["en"]) == {"grain sown area": "31 million mu, up 1.2%"}
    assert _shown(tiles["zh"]) == {"粮食播种面积": "3,100万亩、增长1.2%"}


def test_respective_values_are_tiles_of_their_own() -> None:
    tiles = _tiles(_doc(Paragraph("金融机构本外币存贷款余额分别增长9%、7.5%。", Span(12, 12))))
    assert _shown(tiles["en"]) == {
        "outstanding CNY and foreign-currency deposits of financial institutions": "up 9%",
        "outstanding CNY and foreign-currency loans of financial institutions": "up 7.5%",
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_tiles_of_a_seed_section_share_a_label(seed_doc: Document, lang: str) -> None:
    brief = briefs_of(seed_doc, generated=DAY, langs=[lang])[lang]
    for s in (*brief.overview, *brief.sections):
        labels = [str(f.label) for f in s.figures]
        assert len(labels) == len(set(labels)), (str(s.heading), labels)


def test_seed_key_figures_that_misled(seed_doc: Document) -> None:
    en = briefs_of(seed_doc, generated=DAY, langs=["en"])["en"]
    pairs = {(str(f.label), str(f.value)) for s in (*en.overview, *en.sections) for f in s.figures}
    tiles = dict(pairs)
    headline = {str(f.label): str(f.value) for f in en.headline}
    assert "deposits and loans" not in " ".join(tiles)
    assert tiles["outstanding CNY and foreign-currency deposits of financial institutions"] == "up 8%"
    assert "new energy share of installed power capacity" not in tiles
    assert tiles["Three Gorges Reservoir Area urban cluster in northeast Chongqing: share of the city's installed "
                 "new-energy capacity"] == "60%"
    assert tiles["gross regional product (GRP), goal (next five years)"] == "CNY 4 trillion"
    assert ("grain output", "at least 10.81 million tonnes") in pairs
    assert ("grain sown area", "at least 30.05 million mu") in pairs
    assert ("total expressway length in service", "over 4,000 kilometres") in pairs
    assert tiles["cross-border financing (cumulative)"] == "USD 19.2 billion"
    assert tiles["carbon allowance trading (cumulative)"] == "CNY 840 million"
    assert headline.get("newly registered market entities", "532,000") == "532,000"
    assert not any("households" in v for k, v in {**tiles, **headline}.items() if "market entities" in k)
