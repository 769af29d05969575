"""Reports the tool has never seen: a national, a provincial .docx, a city .html and a crawled .md.

Each fixture is a realistic report of the genre in a shape the seed does not
have (no tables, a combined indicator table, a CMS page with a 完成情况
column, a crawled Markdown page). The tests check what a reader of the brief
would check: title block, structure, tables and their column roles, statuses,
plan targets, tallies, findings, key figures, and that the whole build runs
with only report-specific glossary gaps left.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from generator import build as build_mod
from generator.analyse.indicators import analyse_indicators
from generator.analyse.summaries import summarize
from generator.document import ColumnRole, Document, RowKind
from generator.errors import InputError
from generator.localise.briefs import wording_for
from generator.localise.gaps import find_gaps, needed_terms
from generator.read import read_document
from tests.support.paths import FIXTURES as PATHS_FIXTURES
from tests.support.project import project

FIXTURES = PATHS_FIXTURES / "reports"
NATIONAL = FIXTURES / "national-2025.txt"
CITY = FIXTURES / "luoyang-2024.html"
CRAWLED = FIXTURES / "ningxia-2024.md"

PROVINCIAL_PARAGRAPHS: list[tuple[str, str]] = [
    ("title", "关于安徽省二〇二三年国民经济和社会发展计划执行情况与二〇二四年计划草案的报告"),
    ("plain", "安徽省发展和改革委员会"),
    ("plain", "各位代表："),
    ("plain", "受省人民政府委托，现将全省二〇二三年国民经济和社会发展计划执行情况与二〇二四年计划草案提请省十四届人大二次会议审议，并请省政协委员提出意见。"),
    ("heading", "一、2023年国民经济和社会发展计划执行情况"),
    ("plain", "2023年，全省上下坚持稳中求进工作总基调，着力扩大内需、优化结构、提振信心、防范化解风险，经济运行总体回升向好，高质量发展扎实推进。"),
    ("plain", "——经济总量迈上新台阶。全省地区生产总值达到4.71万亿元、增长5.8%，规模以上工业增加值增长7.5%，一般公共预算收入增长7.2%。"),
    ("plain", "——创新能力持续增强。研究与试验发展经费投入强度达到2.63%，高新技术企业达到19500家。"),
    ("plain", "——民生保障更加有力。城镇新增就业70.2万人，城镇调查失业率5.2%，居民消费价格上涨0.3%。"),
    ("run-in", "（一）坚持扩大有效需求，经济运行回升向好。|深入实施扩大内需战略，推动消费和投资协同发力。"),
    ("plain", "一是有效投资保持增长。实施省重点项目5612个、完成投资1.32万亿元，固定资产投资增长4%，其中制造业投资增长12.1%。"),
    ("plain", "二是消费市场加快恢复。开展“徽动消费”系列活动，社会消费品零售总额2.36万亿元、增长6.9%，新能源汽车零售额增长78.6%。"),
    ("run-in", "（二）坚持创新驱动发展，新兴产业加快壮大。|加快建设科技创新策源地，推动战略性新兴产业融合集群发展。"),
    ("plain", "一是科技创新平台加快建设。新建省级以上创新平台210个，技术合同成交额3620亿元、增长56.7%。"),
    ("plain", "二是新兴产业发展壮大。战略性新兴产业产值增长11.3%，新能源汽车产量86.8万辆、增长60.5%。"),
    ("run-in", "（三）坚持绿色低碳发展，生态环境持续改善。|深入打好污染防治攻坚战，推进生态文明建设。"),
    ("plain", "一是大气和水环境质量改善。PM2.5平均浓度34.8微克/立方米，空气质量优良天数比率84.1%，地表水国控断面水质优良比例88.5%。"),
    ("plain", "二是粮食安全保障有力。粮食总产量830.2亿斤、增长1.2%，新建高标准农田420万亩。"),
    ("plain", "省十四届人大一次会议确定的18项主要指标中，6项约束性指标中，单位地区生产总值能耗降低、单位地区生产总值二氧化碳排放降低2项指标在“十四五”期间统筹考虑，其余4项全部完成；12项预期性指标中，9项完成，地区生产总值增速、固定资产投资增速、社会消费品零售总额增速3项指标未完成。具体情况详见附件。"),
    ("heading", "二、2024年经济社会发展的总体要求和主要目标"),
    ("run-in", "（一）总体要求。|坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，着力推动高质量发展，奋力谱写中国式现代化新篇章。"),
    ("run-in", "（二）主要预期目标。|全省地区生产总值增长6%左右；城镇新增就业65万人以上；城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量稳定在820亿斤以上。具体指标详见附件。"),
    ("heading", "三、2024年重点工作"),
    ("run-in", "（一）着力扩大内需，巩固经济回升向好态势。|把恢复和扩大消费摆在优先位置，发挥投资关键作用。"),
    ("plain", "一是扩大有效投资。实施省重点项目5800个以上，年度计划完成投资1.4万亿元。"),
    ("plain", "二是促进消费扩容提质。培育国际消费中心城市，推动汽车、家电等大宗消费。"),
    ("run-in", "（二）着力推进科技创新，加快发展新质生产力。|强化企业科技创新主体地位，加快构建现代化产业体系。"),
    ("plain", "一是建设高水平创新平台。新建省级以上创新平台200个以上。"),
    ("plain", "二是培育壮大新兴产业。推动新能源汽车产量突破100万辆。"),
    ("plain", "附件"),
    ("plain", "安徽省2023年国民经济和社会发展主要指标完成情况及2024年预期目标"),
]

# The combined attachment table: 2023 target and outcome, 2024 target, unit and
# attribute in their own columns; category rows are merged across the table.
PROVINCIAL_TABLE: list[list[str]] = [
    ["序号", "指标", "单位", "属性", "2023年目标", "2023年完成", "2024年目标"],
    ["一、经济发展"],
    ["1", "地区生产总值增速", "%", "预期性", "6.5左右", "5.8", "6左右"],
    ["2", "规模以上工业增加值增速", "%", "预期性", "7.5", "7.5", "7"],
    ["3", "固定资产投资增速", "%", "预期性", "8", "4", "5"],
    ["", "其中：民间投资增速", "%", "预期性", "6", "-2.1", "4"],
    ["4", "社会消费品零售总额增速", "%", "预期性", "8", "6.9", "7"],
    ["5", "一般公共预算收入增速", "%", "预期性", "5", "7.2", "5"],
    ["二、创新驱动"],
    ["6", "研究与试验发展经费投入强度", "%", "预期性", "2.6", "2.63", "2.7"],
    ["7", "高新技术企业数量", "家", "预期性", "18000", "19500", "21000"],
    ["8", "数字经济核心产业增加值增速", "%", "预期性", "10以上", "11.3", "10以上"],
    ["三、民生福祉"],
    ["9", "城镇新增就业", "万人", "预期性", "65", "70.2", "65以上"],
    ["10", "城镇调查失业率", "%", "预期性", "5.5以内", "5.2", "5.5左右"],
    ["11", "居民人均可支配收入增速", "%", "预期性", "6左右", "6.5", "与经济增长基本同步"],
    ["12", "居民消费价格涨幅", "%", "预期性", "3左右", "0.3", "3左右"],
    ["四、绿色发展"],
    ["13", "单位地区生产总值能耗降低", "%", "约束性", "▽", "▽", "▽"],
    ["14", "单位地区生产总值二氧化碳排放降低", "%", "约束性", "▽", "▽", "▽"],
    ["15", "PM2.5平均浓度", "微克/立方米", "约束性", "35以内", "34.8", "34以内"],
    ["16", "空气质量优良天数比率", "%", "约束性", "83以上", "84.1", "83.5以上"],
    ["17", "地表水国控断面水质优良比例", "%", "约束性", "85以上", "88.5", "86"],
    ["18", "粮食产量", "亿斤", "约束性", "820以上", "830.2", "820以上"],
]
PROVINCIAL_NOTE = "注：带“▽”的指标为“十四五”期间统筹考虑、不设年度目标的指标。"


def build_provincial_docx(path: Path) -> Path:
    """Write the provincial report as Word would: title style, bold part headings, one merged table."""
    document = docx.Document()
    for kind, text in PROVINCIAL_PARAGRAPHS:
        if kind == "title":
            para = document.add_paragraph(text, style="Title")
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "heading":
            para = document.add_paragraph()
            para.add_run(text).bold = True
        elif kind == "run-in":  # bold section heading running into its paragraph
            head, rest = text.split("|")
            para = document.add_paragraph()
            para.add_run(head).bold = True
            para.add_run(rest)
        else:
            document.add_paragraph(text)
    width = len(PROVINCIAL_TABLE[0])
    table = document.add_table(rows=len(PROVINCIAL_TABLE), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(PROVINCIAL_TABLE):
        row = table.rows[r]
        if len(cells) == 1:  # category row: one cell merged across the table
            merged = row.cells[0].merge(row.cells[width - 1])
            merged.text = cells[0]
            continue
        for c, text in enumerate(cells):
            row.cells[c].text = text
    document.add_paragraph(PROVINCIAL_NOTE)
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def provincial_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_provincial_docx(tmp_path_factory.mktemp("docx") / "anhui-2024.docx")


@pytest.fixture(scope="module")
def docs(provincial_path: Path) -> dict[str, Document]:
    paths = {"national": NATIONAL, "provincial": provincial_path, "city": CITY, "crawled": CRAWLED}
    return {key: read_document(path) for key, path in paths.items()}


def _statuses(doc: Document) -> dict[str, str]:
    return {r.name_zh: r.status.value for r in analyse_indicators(doc, project().catalogue).scorecard.review}


def _codes(doc: Document) -> list[str]:
    return [f.code for f in analyse_indicators(doc, project().catalogue).findings]


def _plan(doc: Document) -> dict[str, str]:
    return {p.name_zh: p.target_text for p in analyse_indicators(doc, project().catalogue).plan.plan}


# --------------------------------------------------------------------------- title block and structure


@pytest.mark.parametrize(
    ("key", "title_part", "issuer", "region", "years"),
    [
        ("national", "关于2024年国民经济和社会发展计划执行情况与2025年", "国家发展和改革委员会", "全国", (2024, 2025)),
        ("provincial", "关于安徽省二〇二三年国民经济", "安徽省发展和改革委员会", "安徽省", (2023, 2024)),
        ("city", "关于洛阳市2023年国民经济", "洛阳市发展和改革委员会", "洛阳市", (2023, 2024)),
        ("crawled", "关于宁夏回族自治区2023年国民经济", "宁夏回族自治区发展和改革委员会", "宁夏回族自治区", (2023, 2024)),
    ],
)
def test_title_block(docs: dict[str, Document], key: str, title_part: str, issuer: str, region: str,
                     years: tuple[int, int]) -> None:
    doc = docs[key]
    assert doc.title.startswith(title_part) and doc.title.endswith("报告")
    assert doc.issuer == issuer
    assert doc.region == region
    assert (doc.review_year, doc.plan_year) == years
    # Page furniture, dates and bylines belong to the title block, not the preamble.
    assert [p.text for p in doc.preamble][0] == "各位代表："


@pytest.mark.parametrize(
    ("key", "sections", "items"),
    [
        ("national", [5, 2, 4], [11, 0, 8]),
        ("provincial", [3, 2, 2], [6, 0, 4]),
        ("city", [3, 2, 2], [6, 0, 4]),
        ("crawled", [3, 2, 2], [6, 0, 4]),
    ],
)
def test_parts_sections_items(docs: dict[str, Document], key: str, sections: list[int], items: list[int]) -> None:
    doc = docs[key]
    assert [p.role for p in doc.parts] == ["review", "outlook", "tasks"]
    assert [len(p.sections) for p in doc.parts] == sections
    assert [sum(len(s.items) for s in p.sections) for p in doc.parts] == items
    assert doc.warnings == []


def test_page_furniture_is_not_report_text(docs: dict[str, Document]) -> None:
    text = "".join(p.text for p in docs["city"].paragraphs())
    for furniture in ("分享到", "主办单位", "当前位置", "打印本页", "相关文章", "统计代码", "浏览次数"):
        assert furniture not in text
    crawled = "".join(p.text for p in docs["crawled"].paragraphs())
    assert "crawled_at" not in crawled and "发布时间" not in crawled


# --------------------------------------------------------------------------- national: no tables


def test_national_plan_targets_from_one_sentence(docs: dict[str, Document]) -> None:
    doc = docs["national"]
    assert doc.tables == []
    analysis = analyse_indicators(doc, project().catalogue)
    # No review table: the review is the two indicators the text names as falling short (it used to be empty).
    assert analysis.scorecard.origin.kind == "prose" and analysis.plan.origin.kind == "prose"
    assert [(r.name_zh, r.status.value) for r in analysis.scorecard.review] == [
        ("居民消费价格涨幅", "missed"), ("社会消费品零售总额增速", "missed"),
    ]
    plan = {p.indicator_id: p.target_text for p in analysis.plan.plan}
    assert plan["gdp_growth"] == "5%左右"
    assert plan["new_urban_jobs"] == "1200万人以上"
    assert plan["urban_surveyed_unemployment"] == "5.5%左右"
    assert plan["cpi_increase"] == "2%左右"
    assert plan["energy_intensity_reduction_gdp"] == "3%左右"
    # The qualitative targets of the sentence are targets too.
    assert plan["disposable_income_growth"] == "和经济增长同步"
    assert plan["balance_of_payments"] == "保持基本平衡"
    assert plan["environmental_quality"] == "持续改善"  # 生态环境质量持续改善: a qualitative target of the list too
    assert len(plan) == 9
    # Prose names the headline targets only: nothing is "retired" for want of a table.
    assert analysis.plan.retired == []


def test_national_grain_target_in_jin(docs: dict[str, Document]) -> None:
    assert _plan(docs["national"])["粮食产量"] == "1.4万亿斤左右"


def test_national_stated_tally(docs: dict[str, Document]) -> None:
    stated = analyse_indicators(docs["national"], project().catalogue).tallies.stated
    by_scope = {s.scope: (s.total, s.counts) for s in stated}
    # "有19项指标符合预期目标，其中8个约束性指标全部完成；2项指标未达到预期目标":
    # the 2 missed belong to all indicators, not to the 8 binding ones.
    assert by_scope == {"all": (None, {"met": 19, "missed": 2}), "binding": (8, {"met": 8})}
    # Without a table nothing can be reconciled, so nothing is flagged.
    assert analyse_indicators(docs["national"], project().catalogue).findings == []


# --------------------------------------------------------------------------- provincial .docx: combined table


def test_provincial_combined_table(docs: dict[str, Document]) -> None:
    doc = docs["provincial"]
    [attachment] = doc.attachments  # a lone 附件 line, its title on the next line
    assert attachment.title.endswith("主要指标完成情况及2024年预期目标") and attachment.table_indexes == [0]
    [table] = doc.tables
    assert [(c.role, c.year) for c in table.columns] == [
        (ColumnRole.NUMBER, None), (ColumnRole.NAME, None), (ColumnRole.UNIT, None), (ColumnRole.ATTRIBUTE, None),
        (ColumnRole.TARGET, 2023), (ColumnRole.ACTUAL, 2023), (ColumnRole.TARGET, 2024),
    ]
    categories = [r.name for r in table.rows if r.kind is RowKind.CATEGORY]
    assert categories == ["经济发展", "创新驱动", "民生福祉", "绿色发展"]  # merged cells, read once
    [sub] = [r for r in table.rows if r.kind is RowKind.SUBROW]
    assert sub.name == "民间投资增速" and table.rows[sub.parent].name == "固定资产投资增速"
    assert [r.number for r in table.indicators() if r.binding] == [13, 14, 15, 16, 17, 18]  # 属性 column
    assert [r.number for r in table.indicators() if "▽" in r.markers] == [13, 14]
    assert table.rows[-1].unit == "亿斤"


def test_provincial_scorecard_and_plan_from_one_table(docs: dict[str, Document]) -> None:
    doc = docs["provincial"]
    statuses = _statuses(doc)
    assert [n for n, s in statuses.items() if s == "missed"] == ["地区生产总值增速", "固定资产投资增速", "社会消费品零售总额增速"]
    assert [n for n, s in statuses.items() if s == "no_target"] == ["单位地区生产总值能耗降低", "单位地区生产总值二氧化碳排放降低"]
    assert list(statuses.values()).count("met") == 13
    analysis = analyse_indicators(doc, project().catalogue)
    [private] = analysis.scorecard.review[2].children
    assert (private.name_zh, private.status.value) == ("民间投资增速", "missed")
    # The same table gives this year's plan through its 2024 column.
    plan = {p.name_zh: p for p in analysis.plan.plan}
    assert len(plan) == 18 and analysis.plan.origin.kind == "table"
    assert plan["地区生产总值增速"].target_text == "6左右" and plan["地区生产总值增速"].change.kind.value == "lowered"
    assert plan["PM2.5平均浓度"].target_text == "34以内"
    assert [c.target_text for c in plan["固定资产投资增速"].children] == ["4"]
    assert analysis.plan.retired == []
    # The report's tally (4 binding met, 9 of 12 expected met) agrees with the table.
    assert analysis.tallies.checks and all(c.agrees for c in analysis.tallies.checks)
    assert {f.severity for f in analysis.findings} == {"info"}


# --------------------------------------------------------------------------- city .html: 完成情况 column


def test_city_tables_and_status_column(docs: dict[str, Document]) -> None:
    doc = docs["city"]
    review, plan = doc.tables
    assert review.title == "2023年主要指标完成情况" and plan.title == "2024年主要预期目标"
    assert [c.role for c in review.columns] == [
        ColumnRole.NAME, ColumnRole.UNIT, ColumnRole.TARGET, ColumnRole.ACTUAL, ColumnRole.STATUS,
    ]
    assert len([r for r in review.rows if r.kind is RowKind.HEADER]) == 1
    assert len(review.indicators()) == 12 and len(plan.indicators()) == 9
    statuses = _statuses(doc)
    assert statuses["生产总值增长"] == "missed"  # a city's 生产总值 is its GRP
    assert [n for n, s in statuses.items() if s == "missed"] == [
        "生产总值增长", "固定资产投资增长", "社会消费品零售总额增长", "高新技术企业数量",
    ]


def test_city_findings(docs: dict[str, Document]) -> None:
    findings = {f.code: f for f in analyse_indicators(docs["city"], project().catalogue).findings}
    # The table says 完成 for 1680 against a target of 1800: the one disagreement.
    wrong = findings["status_disagrees"]
    params = wrong.to_dict()["params"]
    assert params["name"] == "高新技术企业数量" and params["stated"] == "完成"
    assert findings["status_agrees"].to_dict()["params"]["count"] == "11"
    # So the report's own count (9 met, 3 missed) is one off — reported, not hidden.
    assert "tally_mismatch" in findings
    # The major projects' sectors add up to the stated total.
    assert "各领域完成投资" in str(wording_for(project()).sentence(findings["sum_agrees"].sentence))
    assert [c for c in _codes(docs["city"]) if c == "status_disagrees"] == ["status_disagrees"]


# --------------------------------------------------------------------------- crawled .md


def test_crawled_markdown(docs: dict[str, Document]) -> None:
    doc = docs["crawled"]
    [table] = doc.tables
    assert [n.text[:2] for n in table.notes] == ["1．", "2．"]
    assert [r.number for r in table.indicators() if r.binding] == [8, 9, 10]  # 标★的为约束性指标
    statuses = _statuses(doc)
    assert [n for n, s in statuses.items() if s == "missed"] == ["社会消费品零售总额增速"]
    analysis = analyse_indicators(doc, project().catalogue)
    assert all(c.agrees for c in analysis.tallies.checks) and len(analysis.tallies.checks) == 6
    assert {f.severity for f in analysis.findings} == {"info"}
    # This year's targets come from the lead paragraphs and are compared with last year's.
    plan = {p.name_zh: p for p in analysis.plan.plan}
    assert analysis.plan.origin.kind == "prose" and len(plan) == 7
    assert plan["社会消费品零售总额增长"].change.kind.value == "lowered"
    assert plan["全体居民人均可支配收入增长"].target_text == "与经济增长同步"
    assert analysis.plan.retired == []


# --------------------------------------------------------------------------- summaries, gaps, build


@pytest.mark.parametrize("key", ["national", "provincial", "city", "crawled"])
def test_summaries_and_headline(docs: dict[str, Document], key: str) -> None:
    doc = docs[key]
    summaries = summarize(doc)
    sections = sum(len(p.sections) for p in doc.parts if p.role in ("review", "tasks"))
    assert len(summaries.sections) == sections
    assert all(s.summary_zh.startswith(s.title) for s in summaries.sections)
    headline = [f.metric_zh for f in summaries.headline]
    assert headline and any("生产总值" in m for m in headline)
    assert not any(m.startswith(("—", "全国", "全市")) for s in summaries.sections for m in
                   (f.metric_zh for f in s.key_figures))


# Gaps a new report legitimately leaves: its own section and item titles, a few
# figure names, and a city's own name.
OWN_KINDS = {"heading", "item", "metric"}
PLACE_KINDS = {"title", "organisation", "place"}


@pytest.mark.parametrize(
    ("key", "extra_kinds"),
    [("national", set()), ("provincial", set()), ("city", PLACE_KINDS), ("crawled", set())],
)
def test_glossary_gaps_are_report_phrases(docs: dict[str, Document], key: str, extra_kinds: set[str]) -> None:
    doc = docs[key]
    gaps = find_gaps(needed_terms(doc, project()), project())
    if key == "provincial":  # see test_chinese_numeral_title_in_english
        gaps = [g for g in gaps if g.kind != "title"]
    # A review read from the text brings the report's own reasons (terms); a qualitative target its words.
    assert {g.kind for g in gaps} <= OWN_KINDS | {"term", "indicator"} | extra_kinds
    assert len([g for g in gaps if g.kind in ("term", "indicator")]) <= 4
    own_titles = {s.title for p in doc.parts for s in p.sections} | {
        i.title for p in doc.parts for s in p.sections for i in s.items
    }
    # Part headings and table categories of the genre are in the glossary.
    assert {g.zh for g in gaps if g.kind in ("heading", "item")} <= own_titles
    assert len([g for g in gaps if g.kind == "metric"]) <= 3


def test_chinese_numeral_title_in_english(docs: dict[str, Document]) -> None:
    gaps = find_gaps(needed_terms(docs["provincial"], project()), project())
    assert not [g for g in gaps if g.kind == "title"]


@pytest.mark.parametrize("formats", [
    pytest.param(["html", "docx", "scorecard"], id="no-pdf"),
    pytest.param(None, id="every-format", marks=pytest.mark.slow),  # the PDFs of every report: twice as long
])
def test_build_all_four(provincial_path: Path, tmp_path: Path, formats: list[str] | None) -> None:
    files = [NATIONAL, provincial_path, CITY, CRAWLED]
    assert build_mod.build(files, tmp_path, jobs=2, formats=formats) == 0
    written = ("pdf", "docx", "html") if formats is None else ("docx", "html")
    for source in files:
        out = tmp_path / source.stem
        for lang in ("zh", "en"):
            for ext in written:
                produced = out / f"{source.stem}.{lang}.{ext}"
                assert produced.stat().st_size > 1000, produced
        assert (out / "scorecard.json").is_file()


def test_not_a_plan_report(tmp_path: Path) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "关于开展安全生产大检查的通知\n\n各区县人民政府：\n\n一、检查范围\n\n全市所有生产经营单位。\n\n"
        "二、工作要求\n\n（一）加强组织领导。各单位要高度重视。\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="not a plan report") as info:
        read_document(notice)
    assert info.value.line == 5
