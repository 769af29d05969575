"""A second round of report shapes the tool had not seen.

* ``gansu-2025.txt`` — a text export of a PDF: review part headed
  ``经济社会发展情况``, section titles run in with ``：``, items run into one
  paragraph (``一是…；二是…``) and numbered ``1．`` / ``（1）``, page numbers, the
  indicator table laid out with spaces (header over two lines, 单位 column,
  ``—`` and ``%`` cells) in ``附表1``, a project table separated by full-width
  spaces, and a tally in other words (``20项主要预期指标中，17项完成或超额完成``);
* a provincial ``.docx`` (built here): ``工作回顾`` / ``重点工作安排`` parts, a
  table without 序号 with ``指标属性`` and ``备注`` columns, ``其中：`` sub-rows,
  targets as ranges, ``不低于``, ``控制在…以内``, ``力争``, ``与经济增长同步`` and
  ``完成国家下达任务``;
* ``guiyang-2025.html`` — a CMS page in GBK (declared gb2312): ``<th>``,
  ``rowspan`` / ``colspan`` headers, a category column merged down its rows,
  ``<br>`` and ``&nbsp;`` in cells.

Each test checks what a reader of the brief would check.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from generator import build as build_mod
from generator.lexicon.catalogue import Polarity
from generator.analyse.causes import find_causes
from generator.analyse.indicators import analyse_indicators
from generator.analyse.scoring import score
from generator.analyse.summaries import summarize
from generator.analyse.tallies import parse_tally
from generator.document import ColumnRole, Document, ParagraphKind, RowKind
from generator.localise.gaps import find_gaps, needed_terms
from generator.read import read_document
from generator.read.layout import layout_table
from generator.read.txt import parse_txt
from generator.targets import TargetKind, is_quota, parse_target
from tests.support.paths import FIXTURES as PATHS_FIXTURES
from tests.support.project import project

FIXTURES = PATHS_FIXTURES / "reports"
PDF_EXPORT = FIXTURES / "gansu-2025.txt"
GBK_PAGE = FIXTURES / "guiyang-2025.html"

# Paragraphs of the provincial .docx: (style, text); "run-in" is a bold section
# heading running into its paragraph ("|" marks where the bold run ends).
HUNAN_PARAGRAPHS: list[tuple[str, str]] = [
    ("title", "关于湖南省2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告"),
    ("plain", "——2025年1月14日在湖南省第十四届人民代表大会第四次会议上"),
    ("plain", "湖南省发展和改革委员会"),
    ("plain", "各位代表："),
    ("plain", "受省人民政府委托，现将全省2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案提请省十四届人大四次会议审议，并请省政协委员提出意见。"),
    ("heading", "一、2024年工作回顾"),
    ("plain", "2024年，面对复杂严峻的外部环境和艰巨繁重的改革发展稳定任务，全省坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。全省地区生产总值53230亿元、增长4.8%，规模以上工业增加值增长7.2%，一般公共预算收入3450亿元、增长4.3%。"),
    ("plain", "纳入年度计划的16项主要指标中，6项约束性指标全部完成；10项预期性指标中，7项完成，地区生产总值、固定资产投资、社会消费品零售总额等3项指标未完成。地区生产总值增速低于年初预期，主要是受房地产市场深度调整影响；固定资产投资增长0.9%，主要是受地方政府债务化解、部分项目资金到位不足影响。"),
    ("plain", "（一）稳增长政策持续发力。坚持把稳增长摆在突出位置，推动各项政策落地见效。"),
    ("plain", "1．工业经济稳中提质。规模以上工业增加值增长7.2%，制造业增加值占地区生产总值比重达到28.9%，工程机械、轨道交通装备等优势产业集群加快壮大。"),
    ("plain", "2．有效投资结构优化。固定资产投资增长0.9%，其中制造业投资增长9.6%，省重点建设项目完成投资5680亿元。"),
    ("plain", "3．消费市场逐步回暖。社会消费品零售总额21260亿元、增长5.1%，新能源汽车零售额增长38.5%。"),
    ("plain", "（二）科技创新能力稳步提升。深入实施“三高四新”战略，加快建设科技强省。"),
    ("plain", "一是创新平台建设提速。新增国家级创新平台12个，研究与试验发展经费投入强度达到2.62%。二是创新主体持续壮大。高新技术企业达到16500家，科技型中小企业达到28000家。"),
    ("plain", "（三）民生保障扎实有力。坚持在发展中保障和改善民生。"),
    ("plain", "一是就业形势总体稳定。城镇新增就业75.6万人，城镇调查失业率5.1%。"),
    ("plain", "二是居民收入稳步增长。全体居民人均可支配收入增长5.6%，居民消费价格上涨0.5%。"),
    ("plain", "三是生态环境持续改善。PM2.5平均浓度33.1微克/立方米，地表水国控断面水质优良比例96.8%，森林覆盖率达到59.98%。"),
    ("heading", "二、2025年经济社会发展的总体要求和主要目标"),
    ("plain", "（一）总体要求。坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，着力推动高质量发展，奋力谱写中国式现代化湖南篇章。"),
    ("plain", "（二）主要预期目标。地区生产总值增长5%—5.5%；城镇新增就业不低于70万人，城镇调查失业率控制在5.5%以内；居民消费价格涨幅2%左右；居民人均可支配收入增长与经济增长同步；粮食产量稳定在610亿斤以上；单位地区生产总值能耗降低完成国家下达任务。具体指标详见附表。"),
    ("heading", "三、2025年重点工作安排"),
    ("plain", "（一）全力扩大有效需求。坚持扩投资和促消费并举，增强经济增长内生动力。"),
    ("plain", "一是扩大有效投资。安排省重点建设项目300个，年度计划投资5800亿元以上。"),
    ("plain", "二是提振消费市场。深入实施消费品以旧换新，培育新型消费业态。"),
    ("plain", "（二）加快构建现代化产业体系。推动传统产业升级、新兴产业壮大、未来产业培育。"),
    ("plain", "一是打造先进制造业集群。推动工程机械、轨道交通装备等产业集群向世界级迈进。"),
    ("plain", "二是发展数字经济。数字经济核心产业增加值增长10%以上。"),
    ("plain", "附表：湖南省2024年主要指标完成情况和2025年主要预期目标"),
]

# The combined table: no 序号 column, binding in an 指标属性 column, 其中 sub-rows,
# targets written as ranges, bounds with verbs, quotas in words, and a 备注 column of prose.
HUNAN_TABLE: list[list[str]] = [
    ["指标", "指标属性", "单位", "2024年目标", "2024年预计完成", "2025年目标", "备注"],
    ["地区生产总值增长", "预期性", "%", "5.5%—6%", "4.8", "5%-5.5%", "受房地产市场深度调整影响，增速低于预期"],
    ["规模以上工业增加值增长", "预期性", "%", "7左右", "7.2", "6.5左右", ""],
    ["固定资产投资增长", "预期性", "%", "6", "0.9", "3", "部分项目资金到位不足"],
    ["其中：民间投资增长", "预期性", "%", "不低于全省投资增速", "-3.5", "不低于全省投资增速", ""],
    ["其中：制造业投资增长", "预期性", "%", "8", "9.6", "8", ""],
    ["社会消费品零售总额增长", "预期性", "%", "6.5", "5.1", "5.5", "居民消费意愿偏弱"],
    ["一般公共预算收入增长", "预期性", "%", "4", "4.3", "3", ""],
    ["研究与试验发展经费投入强度", "预期性", "%", "2.6", "2.62", "2.7", ""],
    ["城镇新增就业", "预期性", "万人", "不低于70", "75.6", "不低于70", ""],
    ["城镇调查失业率", "预期性", "%", "控制在5.5%以内", "5.1", "控制在5.5%以内", ""],
    ["居民消费价格涨幅", "预期性", "%", "3左右", "0.5", "2左右", ""],
    ["居民人均可支配收入增长", "预期性", "%", "与经济增长同步", "5.6", "与经济增长同步", ""],
    ["粮食产量", "约束性", "亿斤", "610以上", "614.6", "610以上", ""],
    ["单位地区生产总值能耗降低", "约束性", "%", "完成国家下达任务", "完成国家下达任务", "完成国家下达任务", "以国家考核结果为准"],
    ["单位地区生产总值二氧化碳排放降低", "约束性", "%", "完成国家下达任务", "完成", "完成国家下达任务", ""],
    ["PM2.5平均浓度", "约束性", "微克/立方米", "控制在35以内", "33.1", "控制在34以内", ""],
    ["地表水国控断面水质优良比例", "约束性", "%", "力争95以上", "96.8", "力争96以上", ""],
    ["森林覆盖率", "约束性", "%", "59.9", "59.98", "60", ""],
]


def build_hunan_docx(path: Path) -> Path:
    """The provincial report as a .docx: Word title and heading styles, one combined table."""
    document = docx.Document()
    for style, text in HUNAN_PARAGRAPHS:
        if style == "title":
            document.add_paragraph(text, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif style == "heading":
            document.add_paragraph(text, style="Heading 1")
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=len(HUNAN_TABLE), cols=len(HUNAN_TABLE[0]))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, HUNAN_TABLE):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("注：PM2.5平均浓度、地表水国控断面水质优良比例为国家考核口径。")
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hunan_docx(tmp_path_factory.mktemp("docx") / "hunan-2025.docx")


@pytest.fixture(scope="module")
def docs(docx_path: Path) -> dict[str, Document]:
    paths = {"pdf_export": PDF_EXPORT, "docx": docx_path, "gbk_page": GBK_PAGE}
    return {key: read_document(path) for key, path in paths.items()}


def _statuses(doc: Document) -> dict[str, str]:
    return {r.name_zh: r.status.value for r in analyse_indicators(doc, project().catalogue).scorecard.rows()}


def _missed(doc: Document) -> list[str]:
    return [r.name_zh for r in analyse_indicators(doc, project().catalogue).scorecard.review if r.status.value == "missed"]


# --------------------------------------------------------------------------- title block and structure


@pytest.mark.parametrize(
    ("key", "region", "issuer"),
    [
        ("pdf_export", "甘肃省", "甘肃省发展和改革委员会"),
        ("docx", "湖南省", "湖南省发展和改革委员会"),
        ("gbk_page", "贵阳市", "贵阳市发展和改革委员会"),
    ],
)
def test_title_block(docs: dict[str, Document], key: str, region: str, issuer: str) -> None:
    doc = docs[key]
    assert doc.title == f"关于{region}2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告"
    assert (doc.region, doc.issuer, doc.review_year, doc.plan_year) == (region, issuer, 2024, 2025)
    assert doc.preamble[0].text == "各位代表："
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("key", "review_title", "sections", "items"),
    [
        ("pdf_export", "2024年经济社会发展情况", [5, 2, 3], [15, 0, 6]),
        ("docx", "2024年工作回顾", [3, 2, 2], [8, 0, 4]),
        ("gbk_page", "2024年计划执行情况", [3, 2, 2], [7, 0, 4]),
    ],
)
def test_parts_sections_items(
    docs: dict[str, Document], key: str, review_title: str, sections: list[int], items: list[int]
) -> None:
    doc = docs[key]
    assert [p.role for p in doc.parts] == ["review", "outlook", "tasks"]
    assert doc.parts[0].title == review_title
    assert [len(p.sections) for p in doc.parts] == sections
    assert [sum(len(s.items) for s in p.sections) for p in doc.parts] == items


def test_section_titles_run_in_with_a_colon(docs: dict[str, Document]) -> None:
    first = docs["pdf_export"].parts[0].sections[0]
    assert first.title == "扩大有效需求，经济运行总体平稳"
    assert first.paragraphs[0].text.startswith("全省坚持投资和消费两端发力")
    # A 。 before any colon still ends the title.
    assert docs["pdf_export"].parts[1].sections[1].title == "主要目标"


def test_items_run_into_one_paragraph(docs: dict[str, Document]) -> None:
    first = docs["pdf_export"].parts[0].sections[0]
    assert [(i.ordinal, i.title) for i in first.items] == [
        (1, "有效投资保持增长"), (2, "消费市场稳步恢复"), (3, "外贸外资稳中提质"),
    ]
    # Each item keeps its own text, and every item of the paragraph cites the paragraph's line.
    assert first.items[1].text.startswith("二是消费市场稳步恢复") and first.items[1].text.endswith("增长4.6%；")
    assert len({i.span.start for i in first.items}) == 1
    # Items separated by 。 in a paragraph that is a list of them (docx section 2).
    innovation = docs["docx"].parts[0].sections[1]
    assert [i.title for i in innovation.items] == ["创新平台建设提速", "创新主体持续壮大"]


def test_numbered_items_and_sub_items(docs: dict[str, Document]) -> None:
    green = docs["pdf_export"].parts[0].sections[4]
    assert [(i.ordinal, i.title) for i in green.items] == [
        (1, "大气环境持续改善"), (2, "水环境质量稳中向好"), (3, "生态建设扎实推进"),
    ]
    # （1）（2） under an 一是 item are its sub-items: body text, not items, not the part's outro.
    demand = docs["pdf_export"].parts[2].sections[0]
    assert [i.title for i in demand.items] == ["扩大有效投资", "大力提振消费"]
    assert [p.text[:3] for p in demand.paragraphs if p.kind is ParagraphKind.BODY][1:] == ["（1）", "（2）"]
    assert [i.title for i in docs["docx"].parts[0].sections[0].items] == [
        "工业经济稳中提质", "有效投资结构优化", "消费市场逐步回暖",
    ]


def test_pdf_page_numbers_are_dropped(docs: dict[str, Document]) -> None:
    assert not any("－ 3 －" in p.text or p.text.strip("－— ").isdigit() for p in docs["pdf_export"].paragraphs())


# --------------------------------------------------------------------------- the PDF export's tables


def test_space_laid_out_table(docs: dict[str, Document]) -> None:
    doc = docs["pdf_export"]
    assert [(a.number, a.title) for a in doc.attachments] == [
        (1, "甘肃省2024年主要指标完成情况及2025年预期目标"), (2, "2025年省列重大项目分领域投资计划"),
    ]
    indicators, projects = doc.tables
    assert indicators.attachment == 1 and projects.attachment == 2
    # The header split over two lines is one header row; every column has its role and year.
    assert [(c.header, c.role, c.year) for c in indicators.columns] == [
        ("序号", ColumnRole.NUMBER, None), ("指标名称", ColumnRole.NAME, None), ("单位", ColumnRole.UNIT, None),
        ("2024年目标", ColumnRole.TARGET, 2024), ("2024年完成", ColumnRole.ACTUAL, 2024),
        ("2025年目标", ColumnRole.TARGET, 2025),
    ]
    assert [r.name for r in indicators.rows if r.kind is RowKind.CATEGORY] == ["经济发展", "创新驱动", "民生福祉", "绿色发展"]
    rows = indicators.indicators()
    assert [r.number for r in rows] == list(range(1, 22))
    pm = next(r for r in rows if r.name == "PM2.5平均浓度")
    assert (pm.unit, pm.cells[3:]) == ("微克/立方米", ["28以内", "26.5", "28以内"])
    assert rows[-1].cells[3:] == ["—", "—", "与经济增长同步"]
    assert [n.text[:2] for n in indicators.notes] == ["1．", "2．"]
    # Full-width spaces separate the cells of the second table.
    assert projects.rows[0].cells == ["领域", "项目个数（个）", "年度计划投资（亿元）"]
    assert projects.rows[-1].cells == ["合计", "450", "2800"]


def test_layout_table_shapes() -> None:
    lines = [
        "序号  指标            单位    2030年   2030年",
        "                              目标     完成",
        "一、经济发展",
        "1     地区生产总值增速  %       6        5.8",
        "      （不含农户）",
        "2     城镇新增就业      万人    60       61",
        "",
        "注：数据为快报数。",
    ]
    table, end = layout_table(lines, 0)
    assert end == 6
    assert table.rows == [
        ["序号", "指标", "单位", "2030年目标", "2030年完成"],
        ["一、经济发展", "", "", "", ""],
        ["1", "地区生产总值增速（不含农户）", "%", "6", "5.8"],
        ["2", "城镇新增就业", "万人", "60", "61"],
    ]
    assert table.spans == [(1, 2), (3, 3), (4, 5), (6, 6)]
    # Prose with wide spaces, a single row or a short two-cell line is no table.
    assert layout_table(["　　全省地区生产总值增长5%，  规模以上工业增加值增长6%。"], 0) is None
    assert layout_table(["甲  乙  丙", "正文一段。"], 0) is None
    source = parse_txt("标题\n\n　　一是扩大投资。实施项目100个。\n－ 2 －\n")
    assert [b.text for b in source.blocks] == ["标题", "一是扩大投资。实施项目100个。"]


def test_pdf_export_scorecard_tally_and_causes(docs: dict[str, Document]) -> None:
    doc = docs["pdf_export"]
    analysis = analyse_indicators(doc, project().catalogue)
    assert _missed(doc) == ["地区生产总值增速", "固定资产投资增速", "社会消费品零售总额增速"]
    # The row with — for last year is new this year: in the plan, not in the review.
    assert len(analysis.scorecard.review) == 20
    assert set(_statuses(doc).values()) == {"met", "missed"}
    plan = {p.name_zh: p for p in analysis.plan.plan}
    assert plan["人均地区生产总值增速"].change.kind.value == "new"
    assert plan["地区生产总值增速"].target_text == "5.5%左右" and plan["森林覆盖率"].change.kind.value == "raised"
    # 全年20项主要预期指标中，17项完成或超额完成，3项未完成 — read and reconciled.
    [stated] = analysis.tallies.stated
    assert (stated.scope, stated.total, stated.counts) == ("all", 20, {"met": 17, "missed": 3})
    assert analysis.tallies.checks and all(c.agrees for c in analysis.tallies.checks)
    # The misses are explained after the fact (…增速低于预期，主要是受…影响).
    causes = find_causes(doc, analysis.scorecard, project().catalogue, project().glossary)
    by_name = {r.name_zh: causes[r.line].factors for r in analysis.scorecard.review if r.line in causes}
    assert by_name == {
        "地区生产总值增速": ("房地产市场持续调整", "有色金属价格波动"),
        "固定资产投资增速": ("部分重大项目前期工作滞后", "开工推迟"),
        "社会消费品零售总额增速": ("居民消费意愿偏弱", "汽车消费回落"),
    }


# --------------------------------------------------------------------------- the .docx: attribute and remark columns


def test_docx_table_without_number_column(docs: dict[str, Document]) -> None:
    doc = docs["docx"]
    [attachment] = doc.attachments  # 附表：title, on one line
    assert attachment.title == "湖南省2024年主要指标完成情况和2025年主要预期目标"
    [table] = doc.tables
    assert [c.role for c in table.columns] == [
        ColumnRole.NAME, ColumnRole.ATTRIBUTE, ColumnRole.UNIT, ColumnRole.TARGET, ColumnRole.ACTUAL,
        ColumnRole.TARGET, ColumnRole.OTHER,
    ]
    assert [c.year for c in table.columns][3:6] == [2024, 2024, 2025]
    assert [r.name for r in table.indicators() if r.binding] == [
        "粮食产量", "单位地区生产总值能耗降低", "单位地区生产总值二氧化碳排放降低", "PM2.5平均浓度",
        "地表水国控断面水质优良比例", "森林覆盖率",
    ]
    subs = [r for r in table.rows if r.kind is RowKind.SUBROW]
    assert [(r.name, table.rows[r.parent].name) for r in subs] == [
        ("民间投资增长", "固定资产投资增长"), ("制造业投资增长", "固定资产投资增长"),
    ]


def test_docx_target_wordings(docs: dict[str, Document]) -> None:
    doc = docs["docx"]
    reasons = {r.name_zh: (r.status.value, r.reason.code) for r in analyse_indicators(doc, project().catalogue).scorecard.rows()}
    assert reasons["地区生产总值增长"] == ("missed", "outside_range")  # 4.8 against 5.5%—6%
    assert reasons["城镇新增就业"] == ("met", "at_or_above")  # 不低于70
    assert reasons["城镇调查失业率"] == ("met", "at_or_below")  # 控制在5.5%以内
    assert reasons["地表水国控断面水质优良比例"] == ("met", "at_or_above")  # 力争95以上
    assert reasons["居民人均可支配收入增长"] == ("met", "in_step")  # 5.6 against growth of 4.8
    assert reasons["单位地区生产总值能耗降低"] == ("met", "quota_met")
    assert reasons["单位地区生产总值二氧化碳排放降低"] == ("met", "quota_met")  # actual: 完成
    assert reasons["民间投资增长"] == ("qualitative", "qualitative_target")  # 不低于全省投资增速
    assert _missed(doc) == ["地区生产总值增长", "固定资产投资增长", "社会消费品零售总额增长"]
    analysis = analyse_indicators(doc, project().catalogue)
    assert analysis.tallies.checks and all(c.agrees for c in analysis.tallies.checks)
    plan = {p.name_zh: p for p in analysis.plan.plan}
    assert plan["地区生产总值增长"].target_text == "5%-5.5%" and plan["地区生产总值增长"].change.kind.value == "lowered"
    assert plan["单位地区生产总值能耗降低"].change.kind.value == "unchanged"
    assert analysis.plan.retired == []


def test_docx_remark_column_explains_a_miss(docs: dict[str, Document]) -> None:
    doc = docs["docx"]
    analysis = analyse_indicators(doc, project().catalogue)
    causes = find_causes(doc, analysis.scorecard, project().catalogue, project().glossary)
    by_name = {r.name_zh: causes[r.line] for r in analysis.scorecard.review if r.line in causes}
    # The prose explains two misses; the 备注 cell explains the third.
    assert by_name["地区生产总值增长"].text_zh == "主要是受房地产市场深度调整影响"
    assert by_name["社会消费品零售总额增长"].factors == ("居民消费意愿偏弱",)
    retail = next(r for r in analysis.scorecard.review if r.name_zh == "社会消费品零售总额增长")
    assert by_name["社会消费品零售总额增长"].line == retail.line  # cited at the row itself
    assert set(by_name) == {"地区生产总值增长", "固定资产投资增长", "社会消费品零售总额增长"}


# --------------------------------------------------------------------------- the GBK page


def test_gbk_page_merged_header_and_category_column(docs: dict[str, Document]) -> None:
    doc = docs["gbk_page"]
    assert "爽爽贵阳·消费季" in doc.parts[2].sections[1].items[1].text  # GBK bytes and &middot; decoded
    [table] = doc.tables
    assert [(c.header, c.role, c.year) for c in table.columns] == [
        ("类别", ColumnRole.OTHER, None), ("指标名称", ColumnRole.NAME, None), ("单位", ColumnRole.UNIT, None),
        ("2024年预期目标", ColumnRole.TARGET, 2024), ("2024年完成情况", ColumnRole.ACTUAL, 2024),
        ("2025年预期目标", ColumnRole.TARGET, 2025), ("属性", ColumnRole.ATTRIBUTE, None),
    ]
    rows = table.indicators()
    assert Counter(r.category for r in rows) == {"经济发展": 7, "创新驱动": 3, "民生福祉": 5, "绿色发展": 5}
    income = next(r for r in rows if r.name.startswith("城镇居民"))
    assert income.name == "城镇居民人均可支配收入增长"  # <br> inside the cell
    revenue = next(r for r in rows if r.name == "一般公共预算收入增长")
    assert revenue.cells[3] == "3左右"  # &nbsp; inside the cell
    assert [r.name for r in rows if r.binding] == [r.name for r in rows if r.category == "绿色发展"]


def test_gbk_page_scorecard_and_split_tally(docs: dict[str, Document]) -> None:
    doc = docs["gbk_page"]
    analysis = analyse_indicators(doc, project().catalogue)
    assert _missed(doc) == ["地区生产总值增长", "社会消费品零售总额增长"]
    assert len(analysis.scorecard.review) == 19  # 实际使用外资 is new in 2025
    assert {p.name_zh: p.change.kind.value for p in analysis.plan.plan}["实际使用外资"] == "new"
    # 约束性指标5项、预期性指标14项。…5项约束性指标全部完成；预期性指标中，12项完成…2项未达预期。
    checks = {(c.stated.scope, c.what): (c.stated_value, c.computed) for c in analysis.tallies.checks}
    assert checks == {
        ("all", "total"): (19, 19), ("binding", "total"): (5, 5), ("expected", "total"): (14, 14),
        ("binding", "met"): (5, 5), ("expected", "met"): (12, 12), ("expected", "missed"): (2, 2),
    }


# --------------------------------------------------------------------------- targets and tallies in words


@pytest.mark.parametrize(
    ("cell", "kind", "value", "high"),
    [
        ("4.5%—5%", TargetKind.RANGE, "4.5", "5"),
        ("5%-5.5%", TargetKind.RANGE, "5", "5.5"),
        ("不低于70", TargetKind.AT_LEAST, "70", None),
        ("控制在5.5%以内", TargetKind.AT_MOST, "5.5", None),
        ("力争95以上", TargetKind.AT_LEAST, "95", None),
        ("3 左右", TargetKind.ABOUT, "3", None),
        ("与经济增长同步", TargetKind.QUALITATIVE, None, None),
        ("完成国家下达任务", TargetKind.QUALITATIVE, None, None),
    ],
)
def test_target_wordings(cell: str, kind: TargetKind, value: str | None, high: str | None) -> None:
    target = parse_target(cell)
    assert target.kind is kind
    assert (str(target.value) if target.value is not None else None, str(target.high) if target.high else None) == (value, high)


@pytest.mark.parametrize(
    ("actual", "status"),
    [("完成", "met"), ("完成国家下达任务", "met"), ("未完成", "missed"), ("2.8", "qualitative")],
)
def test_quota_target(actual: str, status: str) -> None:
    target = parse_target("完成国家下达任务")
    assert is_quota(target) and not is_quota(parse_target("与经济增长同步"))
    assert score(target, parse_target(actual), Polarity.HIGHER)[0].value == status


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年20项主要预期指标中，17项完成或超额完成，3项未完成。", {"all": (20, {"met": 17, "missed": 3})}),
        ("年初确定的18项主要目标中，16项完成，2项未完成。", {"all": (18, {"met": 16, "missed": 2})}),
        (
            "从完成情况看，5项约束性指标全部完成；预期性指标中，12项完成，2项未达预期。",
            {"binding": (5, {"met": 5}), "expected": (None, {"met": 12, "missed": 2})},
        ),
    ],
)
def test_tallies_in_other_words(sentence: str, expected: dict[str, tuple[int | None, dict[str, int]]]) -> None:
    found = {s.scope: (s.total, s.counts) for s in parse_tally(sentence, "review", 1)}
    assert found == expected


# --------------------------------------------------------------------------- findings, summaries, gaps, build


@pytest.mark.parametrize("key", ["pdf_export", "docx", "gbk_page"])
def test_findings_without_false_alarms(docs: dict[str, Document], key: str) -> None:
    findings = analyse_indicators(docs[key], project().catalogue).findings
    assert {f.severity for f in findings} == {"info"}
    assert {f.code for f in findings} >= {"tally_agrees"}


@pytest.mark.parametrize("key", ["pdf_export", "docx", "gbk_page"])
def test_summaries_and_headline(docs: dict[str, Document], key: str) -> None:
    doc = docs[key]
    summaries = summarize(doc)
    assert len(summaries.sections) == sum(len(p.sections) for p in doc.parts if p.role in ("review", "tasks"))
    headline = [f.metric_zh for f in summaries.headline]
    assert headline[0] == "地区生产总值"
    # The tally sentence is no headline figure; a （2） marker is no key figure.
    assert not any("指标" in m or len(m) < 2 for m in headline)
    metrics = [f.metric_zh for s in summaries.sections for f in s.key_figures]
    assert not any(m.strip("（）()") == "" for m in metrics)


# Gaps a new report legitimately leaves: its own section and item titles, a few
# figure names and causes, and a city's own name.
OWN_KINDS = {"heading", "item", "metric", "term"}


@pytest.mark.parametrize(
    ("key", "extra_kinds", "max_metrics", "max_terms"),
    [("pdf_export", set(), 5, 4), ("docx", set(), 3, 3), ("gbk_page", {"title", "organisation", "place"}, 3, 3)],
)
def test_glossary_gaps_are_report_phrases(
    docs: dict[str, Document], key: str, extra_kinds: set[str], max_metrics: int, max_terms: int
) -> None:
    doc = docs[key]
    gaps = find_gaps(needed_terms(doc, project()), project())
    assert {g.kind for g in gaps} <= OWN_KINDS | extra_kinds
    # Part titles of the genre are in the glossary; section and item titles are the report's own.
    own_titles = {s.title for p in doc.parts for s in p.sections} | {
        i.title for p in doc.parts for s in p.sections for i in s.items
    }
    assert {g.zh for g in gaps if g.kind in ("heading", "item")} <= own_titles
    counts = Counter(g.kind for g in gaps)
    assert counts["metric"] <= max_metrics and counts["term"] <= max_terms


@pytest.mark.parametrize("formats", [
    pytest.param(["html", "docx", "scorecard"], id="no-pdf"),
    pytest.param(None, id="every-format", marks=pytest.mark.slow),  # the PDFs of every report: twice as long
])
def test_build_all_three(docx_path: Path, tmp_path: Path, formats: list[str] | None) -> None:
    files = [PDF_EXPORT, docx_path, GBK_PAGE]
    assert build_mod.build(files, tmp_path, jobs=2, formats=formats) == 0
    written = ("pdf", "docx", "html") if formats is None else ("docx", "html")
    for source in files:
        out = tmp_path / source.stem
        for lang in ("zh", "en"):
            for ext in written:
                assert (out / f"{source.stem}.{lang}.{ext}").stat().st_size > 1000
        assert (out / "scorecard.json").is_file()
