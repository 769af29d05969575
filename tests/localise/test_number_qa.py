"""Number QA: renderings read back and compared with their source quantities."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from generator.localise.numberqa import check_rendering, untraced_numbers
from tests.support.project import language, numbers, project
from generator.quantities import Qualifier, Quantity
from tests.localise.test_number_formats import QUANTITIES
from tests.support.paths import SEED


@pytest.mark.parametrize(("q", "en", "zh"), QUANTITIES, ids=[f"{q.value}{q.unit}" for q, _, _ in QUANTITIES])
def test_correct_renderings_pass(q: Quantity, en: str, zh: str) -> None:
    assert check_rendering(q, en, language("en"), project().units) is None
    assert check_rendering(q, zh, language("zh"), project().units) is None
    assert check_rendering(q, numbers("en").quantity(q), language("en"), project().units) is None


WRONG = [
    (Quantity(D("4104"), "亿元", text="4104亿元"), "CNY 41.04 billion", "410,400,000,000"),
    (Quantity(D("4104"), "亿元"), "CNY 410.4 million", "410,400,000,000"),
    (Quantity(D("71"), "万人", text="71万人"), "710 people", "710,000"),
    (Quantity(D("0.14"), "个百分点"), "0.14%", "percentage points"),
    (Quantity(D("2.6"), "%"), "2.6 percentage points", "%"),
    (Quantity(D("107.3"), "亿公斤"), "10.73 million kilograms", "tonnes"),
    (Quantity(D("107.3"), "亿公斤"), "107.3 million tonnes", "10,730,000"),
    (Quantity(D("18"), "亿美元"), "CNY 1.8 billion", "USD"),
    (Quantity(D("31"), "%", Qualifier.ABOUT), "31%", "about"),
    (Quantity(D("31"), "%"), "about 31%", "exact"),
    (Quantity(D("6"), "%", Qualifier.AT_LEAST), "at most 6%", "at least"),
    (Quantity(D("-8.4"), "%"), "8.4%", "-8.4"),
    (Quantity(D("4.5"), "%", high=D("5")), "4.5%–6%", "5%"),
    (Quantity(D("4.5"), "%", high=D("5")), "4.5%", "range"),
    (Quantity(D("1.8"), "", ratio_to=D("1")), "1.9:1", "ratio"),
    (Quantity(D("42"), "万元/人年"), "CNY 420,000 per year", "per"),
    (Quantity(D("-2.5"), "%", basis="同口径"), "−2.5%", "basis"),
]


@pytest.mark.parametrize(("q", "text", "says"), WRONG, ids=[t for _, t, _ in WRONG])
def test_planted_wrong_conversion_is_caught(q: Quantity, text: str, says: str) -> None:
    message = check_rendering(q, text, language("en"), project().units)
    assert message is not None and says in message, message


def test_wrong_chinese_rendering_is_caught() -> None:
    q = Quantity(D("4104"), "亿元")
    assert check_rendering(q, "4,014亿元", language("zh"), project().units) is not None
    assert check_rendering(q, "4,104万元", language("zh"), project().units) is not None


def test_untraced_numbers_in_free_text() -> None:
    text = (
        "GRP grew 2.6% to over CNY 2.9 trillion in 2022, the 14th Five-Year Plan's second year; "
        "5G and PM2.5 are names; 710,000 urban jobs and 12,000 others; COVID-19."
    )
    traced = ["2.6%", "over CNY 2.9 trillion", "710000 people"]
    assert untraced_numbers(text, traced) == ["12,000"]
    assert untraced_numbers("No numbers here.", []) == []
    assert untraced_numbers("−8.4% fall", ["−8.4%"]) == []
    assert untraced_numbers("−8.4% fall", ["8.4%"]) == ["−8.4"]


def test_every_figure_of_the_seed_renders_and_passes_qa() -> None:

    from generator.quantities import find_quantities

    seed = SEED
    found = find_quantities(seed.read_text(encoding="utf-8"))
    assert len(found) > 300
    problems = []
    for match in found:
        q = match.quantity
        for locale in ("en", "zh"):
            text = numbers(locale).quantity(q)
            if text is None:
                problems.append(f"{q.text}: no {locale} rendering")
            elif (message := check_rendering(q, text, language(locale), project().units)) is not None:
                problems.append(message)
    assert problems == []
