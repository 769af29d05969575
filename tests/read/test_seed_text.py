"""The seed report read from its plain-text form: what a reader of the report would check."""

from __future__ import annotations

import json
import subprocess
import sys

from generator.document import ColumnRole, Document, ParagraphKind, RowKind, Table
from tests.support.paths import ROOT


def _table(doc: Document, attachment: int) -> Table:
    [table] = [t for t in doc.tables if t.attachment == attachment]
    return table


def _row(table: Table, name: str):
    [row] = [r for r in table.rows if r.name == name and r.kind is RowKind.INDICATOR]
    return row


def test_title_block(seed_doc: Document) -> None:
    assert seed_doc.title == "关于重庆市2022年国民经济和社会发展计划执行情况及2023年计划草案的报告"
    assert seed_doc.issuer == "重庆市发展和改革委员会"
    assert seed_doc.region == "重庆市"
    assert (seed_doc.review_year, seed_doc.plan_year) == (2022, 2023)
    assert seed_doc.format == "txt"
    assert seed_doc.span.start == 1 and seed_doc.span.end == 5
    assert [p.text for p in seed_doc.preamble][0] == "各位代表："


def test_parts_and_sections(seed_doc: Document) -> None:
    assert [len(p.sections) for p in seed_doc.parts] == [8, 4, 12]
    assert [p.marker for p in seed_doc.parts] == ["一、", "二、", "三、"]
    assert [p.role for p in seed_doc.parts] == ["review", "outlook", "tasks"]
    assert seed_doc.parts[0].title == "2022年国民经济和社会发展计划执行情况"
    first = seed_doc.parts[0].sections[0]
    assert first.marker == "（一）"
    assert first.title == "聚焦扩大内需持续用力，全力畅通经济循环"
    assert [i.title for i in first.items] == ["积极扩大有效投资", "促进消费升级扩容", "加大助企纾困力度保市场主体"]
    assert [i.ordinal for i in first.items] == [1, 2, 3]
    # The rest of the heading paragraph is the section's first paragraph.
    assert first.paragraphs[0].text.startswith("把稳增长放在更加突出的位置")
    assert first.span.start == 23 and first.span.end == 29
    assert [s.number for s in seed_doc.parts[2].sections] == list(range(1, 13))


def test_heading_alone_on_its_line(seed_doc: Document) -> None:
    outlook = seed_doc.parts[1]
    assert [s.title for s in outlook.sections] == ["宏观形势判断", "总体要求", "主要发展目标", "重大项目安排"]
    assert outlook.sections[0].paragraphs[0].text.startswith("2023年，外部环境更趋复杂严峻")
    # 我市发展面临诸多机遇。一是… does not open with 一是: not an item.
    assert outlook.sections[0].items == []
    assert [i.title for i in outlook.sections[2].items][:2] == ["产业发展有支撑", "统筹考虑目标衔接"]


def test_lead_paragraphs_and_outro(seed_doc: Document) -> None:
    review = seed_doc.parts[0]
    leads = [p for p in review.intro if p.kind is ParagraphKind.LEAD]
    assert len(leads) == 3
    assert leads[1].title == "全力稳住经济基本盘，有力应对各种困难挑战"
    assert [p.span.start for p in review.outro] == [105, 107]
    assert review.outro[1].text.startswith("2022年，实施市级重大建设项目934个")
    assert review.sections[-1].items[-1].span.start == 103
    assert review.sections[-1].paragraphs[-1] is review.sections[-1].items[-1]
    assert seed_doc.parts[2].outro == []
    # The attachment index after part 三 is not prose of its last section.
    assert "附件" not in seed_doc.parts[2].sections[-1].paragraphs[-1].text


def test_attachments(seed_doc: Document) -> None:
    assert [(a.number, a.title) for a in seed_doc.attachments] == [
        (1, "2022年国民经济和社会发展计划主要指标预期目标完成情况"),
        (2, "2023年国民经济和社会发展计划草案"),
    ]
    first = seed_doc.attachments[0]
    assert first.table_indexes == [0]
    # 一、部分指标情况说明 inside an attachment is a paragraph, not a report part.
    assert "一、部分指标情况说明" in [p.text for p in first.paragraphs]
    assert len(seed_doc.parts) == 3
    assert first.span.start == 243


def test_indicator_tables(seed_doc: Document) -> None:
    review, plan = _table(seed_doc, 1), _table(seed_doc, 2)
    assert review.kind == plan.kind == "indicator"
    assert review.title == "2022年国民经济和社会发展计划指标完成情况"
    assert plan.title == "2023年国民经济和社会发展计划"
    for table, count, binding in ((review, 35, 6), (plan, 39, 5)):
        indicators = table.indicators()
        assert [r.number for r in indicators] == list(range(1, count + 1))
        assert sum(r.binding for r in indicators) == binding
        assert indicators[0].category is None  # above the first category row
        first_category = next(i for i, r in enumerate(table.rows) if r.kind is RowKind.CATEGORY)
        assert all(r.category for r in table.rows[first_category:] if r.kind is RowKind.INDICATOR)
    assert _row(plan, "人均地区生产总值").category is None
    assert _row(plan, "农业增加值增速").category == "推动高质量发展"
    assert [(c.role, c.year) for c in review.columns] == [
        (ColumnRole.NUMBER, None),
        (ColumnRole.NAME, None),
        (ColumnRole.TARGET, 2022),
        (ColumnRole.ACTUAL, 2022),
    ]
    assert review.columns[2].header == "2022年预期目标"
    assert [(c.role, c.year) for c in plan.columns][2] == (ColumnRole.TARGET, 2023)
    assert [r.kind for r in review.rows][0] is RowKind.HEADER


def test_indicator_rows(seed_doc: Document) -> None:
    review, plan = _table(seed_doc, 1), _table(seed_doc, 2)
    air = _row(review, "空气质量优良天数")
    assert (air.unit, air.binding, air.markers, air.number) == ("天", True, ["*"], 29)
    assert air.category == "山清水秀美丽之地建设"
    assert air.value(review, ColumnRole.TARGET, 2022) == "320以上"
    assert air.value(review, ColumnRole.ACTUAL) == "332"
    deaths = _row(review, "每亿元地区生产总值生产安全事故死亡人数")
    assert (deaths.unit, deaths.binding) == (None, True)
    assert _row(review, "规上工业全员劳动生产率").unit == "万元/人年"
    assert _row(review, "地区生产总值增速").value(review, ColumnRole.ACTUAL) == "2.6"
    assert _row(plan, "单位地区生产总值能耗下降").markers == ["*", "▽"]
    assert _row(review, "固定资产投资增速").binding is False


def test_subrows_attached_to_parents(seed_doc: Document) -> None:
    review, plan = _table(seed_doc, 1), _table(seed_doc, 2)
    expected = {
        "民间投资增速": "固定资产投资增速",
        "税收增速": "一般公共预算收入增速",
        "农村居民人均可支配收入增速": "全体居民人均可支配收入增速",
    }
    for table in (review, plan):
        subrows = [r for r in table.rows if r.kind is RowKind.SUBROW]
        assert all(r.parent is not None and table.rows[r.parent].kind is RowKind.INDICATOR for r in subrows)
        for sub in subrows:
            assert "#" in sub.markers
            if sub.name in expected:
                assert table.rows[sub.parent].name == expected[sub.name]
        pollution = _row(table, "主要污染物重点工程减排量")
        children = table.children(table.rows.index(pollution))
        assert [c.name for c in children] == ["化学需氧量", "挥发性有机物", "氨氮", "氮氧化物"]
        assert pollution.binding and pollution.unit == "万吨"
        assert all(c.unit == "万吨" for c in children)
    # Seed line 472 prints 33 before #氨氮: still a sub-row.
    ammonia = [r for r in review.rows if r.name == "氨氮"][0]
    assert ammonia.kind is RowKind.SUBROW and ammonia.number == 33 and ammonia.span.start == 472


def test_notes(seed_doc: Document) -> None:
    review, plan = _table(seed_doc, 1), _table(seed_doc, 2)
    assert [n.text[:2] for n in review.notes] == ["1．", "2．", "3．"]
    assert review.notes[0].text == "1．加“*”为约束性指标，其他为预期性指标。"
    assert review.notes[0].span.start == 496
    # Note 4 of the plan table is broken over two lines (730, 732): joined.
    assert plan.notes[3].text.endswith("等核心产业。")
    assert (plan.notes[3].span.start, plan.notes[3].span.end) == (730, 732)


def test_paragraph_spans_are_source_lines(seed_doc: Document, seed_path) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    paragraphs = list(seed_doc.paragraphs())
    assert len(paragraphs) > 100
    for para in paragraphs:
        assert para.span.start == para.span.end
        assert para.text in lines[para.span.start - 1], para.span


def test_cli_parse_prints_the_model(seed_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "parse", str(seed_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"].startswith("关于重庆市2022年")
    assert len(data["tables"][0]["rows"]) > 35
    assert data["parts"][0]["sections"][0]["paragraphs"][1]["kind"] == "item"


def test_parse_command_prints_parts_sections_items_and_tables() -> None:
    import json
    import subprocess
    import sys


    root = ROOT
    out = subprocess.run([sys.executable, "-m", "generator", "parse", "seeds/chongqing-2023-plan.txt"],
                         capture_output=True, text=True, cwd=root, check=True).stdout
    data = json.loads(out)
    assert [len(p["sections"]) for p in data["parts"]] == [8, 4, 12]
    first = data["parts"][0]["sections"][0]
    assert [i["title"] for i in first["items"]] == ["积极扩大有效投资", "促进消费升级扩容", "加大助企纾困力度保市场主体"]
    assert first["items"][0]["span"]["start"] == 25
    assert [len([r for r in t["rows"] if r["kind"] == "indicator"]) for t in data["tables"]][:2] == [35, 39]
