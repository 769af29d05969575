"""The digest: which facts a brief opens with, in which order (synthetic reports of my own, and the seeds)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.analyse.digest import DigestCode, HeadlineKind, Reach
from generator.document import Document, ParagraphKind
from generator.read import read_document
from tests.support.indicator_docs import document, para, row, table
from tests.support.paths import ROOT
from tests.support.project import analysed

NATIONAL = ROOT / "seeds" / "national-2025-plan-report.md"


LEAD = "——经济稳中向好。全年地区生产总值达到3.3万亿元、增长4.1%，城镇新增就业62万人，新增上市企业12家。"
CAUSES = "受持续高温干旱天气影响，全省粮食减产，粮食产量1150万吨；受需求不足影响，固定资产投资增速低于预期。"


def _report(lead: str = LEAD, causes: str = CAUSES) -> Document:
    review = table([
        row(101, "地区生产总值增速", "5.5左右", "4.1", number=1),
        row(102, "规上工业增加值增速", "7左右", "6.5", number=2),
        row(103, "固定资产投资增速", "8左右", "1.2", number=3),
        row(104, "民间投资增速", "8左右", "-6", sub=True),
        row(105, "社会消费品零售总额增速", "7左右", "3", number=4),
        row(106, "城镇新增就业", "60以上", "62", number=5, unit="万人"),
        row(107, "粮食产量", "1200", "1150", number=6, unit="万吨"),
        row(108, "一般公共预算收入增速", "4左右", "4.5左右", number=7),
    ], year=2030, actual=True, attachment=1)
    plan = table([
        row(201, "地区生产总值增速", "5左右", number=1),
        row(202, "规上工业增加值增速", "7", number=2),
        row(203, "固定资产投资增速", "9", number=3),
        row(204, "制造业投资增速", "10以上", sub=True),
        row(205, "社会消费品零售总额增速", "6", number=4),
        row(206, "城镇新增就业", "60以上", number=5, unit="万人"),
        row(207, "粮食产量", "1200", number=6, unit="万吨"),
    ], year=2031, actual=False, attachment=2, line=200)
    return document(
        review=[para(11, lead, ParagraphKind.LEAD), para(12, causes)],
        outlook=[para(51, "将民间投资增速调整为制造业投资增速。")],
        tables=[review, plan],
    )


@pytest.fixture(scope="module")
def digest():
    return analysed(_report()).digest


def test_the_economy_is_its_output_and_its_growth_against_the_target(digest) -> None:
    e = digest.economy
    assert (e.level.metric_zh, e.level.value) == ("地区生产总值", Decimal("3.3"))
    assert (e.scored.name_zh, e.scored.target_text, e.scored.actual_text) == ("地区生产总值增速", "5.5左右", "4.1")
    assert e.target.target_text == "5左右" and e.target.previous_actual == "4.1"


def test_the_largest_misses_by_gap_with_the_reports_causes(digest) -> None:
    names = [o.name_zh for o in digest.misses]
    # points: investment 6.8, retail 4, industry 0.5; then other units by share: grain 50/1200; the economy apart
    assert names == ["固定资产投资增速", "社会消费品零售总额增速", "规上工业增加值增速", "粮食产量"]
    assert digest.misses[0].gap.quantity.value == Decimal("6.8")
    grain = digest.misses[-1]
    assert grain.cause is not None and "持续高温干旱天气" in grain.cause.factors
    assert digest.missed == 5  # the economy's growth counts among the misses


def test_this_years_targets_beside_last_years_outcome(digest) -> None:
    targets = {t.name_zh: t for t in digest.targets}
    assert digest.targets[0].name_zh == "地区生产总值增速"
    investment = targets["固定资产投资增速"]
    assert (investment.target_text, investment.previous_actual, investment.reach) == ("9", "1.2", Reach.ABOVE)
    assert targets["城镇新增就业"].reach is Reach.BELOW  # 60 after 62


def test_renamed_indicators_and_estimates(digest) -> None:
    assert [(r.old_zh, r.new_zh) for r in digest.renamed] == [("民间投资增速", "制造业投资增速")]
    assert (digest.estimates, digest.outcomes) == (1, 7)  # 4.5左右 is the report's estimate


def test_the_headline_order(digest) -> None:
    kinds = [(h.kind, (h.figure and h.figure.metric_zh) or (h.outcome and h.outcome.name_zh)
              or (h.target and h.target.name_zh)) for h in digest.headline]
    assert kinds[:3] == [(HeadlineKind.FIGURE, "地区生产总值"), (HeadlineKind.OUTCOME, "地区生产总值增速"),
                         (HeadlineKind.FIGURE, "城镇新增就业")]
    assert [n for k, n in kinds if k is HeadlineKind.OUTCOME][1:] == ["固定资产投资增速", "社会消费品零售总额增速",
                                                                      "规上工业增加值增速"]
    assert [n for k, n in kinds if k is HeadlineKind.TARGET][0] == "地区生产总值增速"
    assert "新增上市企业" not in [n for _, n in kinds]  # a count of listings is no headline figure


def test_a_count_heads_only_when_nothing_better_exists() -> None:
    d = analysed(_report("——改革持续深化。新增上市企业12家。", "受需求不足影响，固定资产投资增速低于预期。")).digest
    assert [h.figure.metric_zh for h in d.headline if h.kind is HeadlineKind.FIGURE] == ["新增上市企业"]


def test_the_summary_sentences(digest) -> None:
    lead = [s.code for s in digest.lead]
    assert lead == [DigestCode.OUTPUT.value, DigestCode.GROWTH_MISSED.value, DigestCode.TALLY.value,
                    DigestCode.MISSED_COUNT.value, DigestCode.ESTIMATES.value]
    points = [s.code for s in digest.points]
    assert points == [DigestCode.MISS_CAUSE.value, DigestCode.MISS.value, DigestCode.MISS.value,
                      DigestCode.TARGETS.value, DigestCode.CHANGES.value]
    assert len(points) <= 5


def test_the_national_report_digest() -> None:
    d = analysed(read_document(NATIONAL)).digest
    assert d.economy.scored is None
    assert d.economy.level.metric_zh == "国内生产总值" and d.economy.growth.value == Decimal(5)
    assert d.economy.target.target_text == "5%左右"
    growth = next(h for h in d.headline if h.figure is d.economy.growth)
    assert growth.note is d.economy.target
    assert len([h for h in d.headline if h.kind is HeadlineKind.TARGET]) >= 2
    assert {o.origin for o in d.misses} == {"prose"}
    assert DigestCode.NAMED_SHORTFALLS.value in [s.code for s in d.lead]


def test_the_summarize_command_prints_the_digest(capsys) -> None:
    import json

    from generator.cli import main

    assert main(["summarize", str(NATIONAL)]) == 0
    digest = json.loads(capsys.readouterr().out)["digest"]
    assert [h["item"] for h in digest["headline"]][:2] == ["figure", "figure"]
    assert digest["headline"][1]["target_note"] == "5%左右"
    assert digest["lead"][0] == {"code": "output", "params": {"year": "2024", "metric": "国内生产总值",
                                                              "level": "134.9万亿元"}}
