"""The second real report (seeds/national-2025-plan-report.md): no tables, everything from the prose.

What a reader of its brief checks: the nine targets of the seven target
statements (none from a rationale sentence, three stated as unchanged), the
five indicators the review names as falling short with the report's reasons,
the headline figures, and labels and summaries free of cross-references and
cut words. The expectations name the seed's own facts; the code never does.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.localise.briefs import wording_for
from generator.render.scorecard_files import scorecard_csv, scorecard_json
from generator.analyse.summaries import summarize
from generator.document import Document
from generator.read import read_document
from tests.support.paths import ROOT
from tests.support.project import analysed, project

SEED = ROOT / "seeds" / "national-2025-plan-report.md"


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_document(SEED)


@pytest.fixture(scope="module")
def card() -> dict:
    out = subprocess.run([sys.executable, "-m", "generator", "scorecard", str(SEED)], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return json.loads(out.stdout)


def test_nine_targets_from_seven_statements(card: dict) -> None:
    plan = [(p["name_zh"], p["target"], p["change"]) for p in card["plan"]]
    assert plan == [
        ("国内生产总值增长", "5%左右", "not_known"),
        ("全国城镇调查失业率", "5.5%左右", "unchanged"),
        ("城镇新增就业", "1200万人以上", "unchanged"),
        ("居民消费价格涨幅", "2%左右", "not_known"),
        ("居民收入增长", "和经济增长同步", "unchanged"),
        ("国际收支", "保持基本平衡", "not_known"),
        ("外贸进出口", "稳量提质", "not_known"),
        ("单位国内生产总值能耗降低", "3%左右", "not_known"),
        ("粮食产量", "1.4万亿斤左右", "not_known"),
    ]
    assert card["origin"]["plan"]["kind"] == "prose"
    assert all(p["origin"] == "prose" and p["change"] != "new" for p in card["plan"])


def test_five_shortfalls_with_their_reasons(card: dict) -> None:
    review = card["review"]
    expected = ("全员劳动生产率", "社会消费品零售总额", "居民消费价格", "外商直接投资", "单位国内生产总值二氧化碳排放")
    assert len(review) == 5
    for row, name in zip(review, expected):
        assert row["name_zh"].startswith(name)
        assert row["status"] == "missed" and row["origin"] == "prose"
        assert row["stated_reason"] and "主要原因" not in row["stated_reason"]
    assert review[0]["stated_reason"] == "年均就业人员较上年增加"
    assert card["origin"]["review"]["kind"] == "prose"
    # nothing counted from a table that is not there
    assert card["tally"]["expected"]["total"] == 0 and card["tally"]["checks"] == []


def test_headline_figures(doc: Document) -> None:
    headline = summarize(doc).headline
    outcomes = {(f.metric_zh, f.kind) for f in headline if not f.target}
    targets = {f.metric_zh for f in headline if f.target}
    assert {("国内生产总值", "level"), ("国内生产总值", "growth"), ("城镇新增就业", "count"),
            ("城镇调查失业率", "share")} <= outcomes
    assert any(m.startswith("居民消费价格") for m in targets)
    assert all(f.kind != "count" or f.quantity.base_unit in ("人", "名") for f in headline)


def test_labels_and_summaries_have_no_cut_words_or_references(doc: Document) -> None:
    summaries = summarize(doc)
    figures = [f for s in (*summaries.sections, *summaries.overview) for f in s.key_figures] + list(summaries.headline)
    labels = {f.metric_zh for f in figures}
    for bad in ("城镇调查失业率平", "比多", "一次性", "新台阶", "级民用涡轴发动机"):
        assert bad not in labels
    assert not any("见" in label and ("专栏" in label or "图" in label) for label in labels)
    assert not any("专栏" in s.summary_zh or "（见" in s.summary_zh for s in summaries.sections)
    jobs = [f for f in figures if f.metric_zh.endswith("低收入群众务工就业")]
    assert all(f.quantity.base_value > 3_000_000 for f in jobs)  # the 万 of 330多万名 survives


def test_the_same_report_as_text_reads_the_same(doc: Document, tmp_path) -> None:
    copy = tmp_path / "report.txt"
    copy.write_bytes(SEED.read_bytes())
    words = wording_for(project())
    assert (scorecard_json(analysed(read_document(copy)), words) | {"source": ""}
            == scorecard_json(analysed(doc), words) | {"source": ""})


def test_the_csv_does_not_claim_an_attribute_the_text_does_not_give(doc: Document) -> None:
    rows = [line.split(",") for line in scorecard_csv(analysed(doc), wording_for(project())).splitlines()[1:]]
    assert rows and all(row[6] == "" for row in rows)  # neither binding nor anticipatory: not stated
