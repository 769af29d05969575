"""Report shapes other than the seed's, from small hand-written fixtures."""

from __future__ import annotations

from pathlib import Path

import docx

from generator.document import ColumnRole, ParagraphKind, RowKind
from generator.read import read_document
from tests.support.paths import FIXTURES as PATHS_FIXTURES

FIXTURES = PATHS_FIXTURES / "read"


def test_national_report_without_tables_or_items() -> None:
    doc = read_document(FIXTURES / "national.txt")
    assert doc.title == "关于2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告"
    assert doc.region == "全国"
    assert doc.issuer == "国家发展和改革委员会"
    assert (doc.review_year, doc.plan_year) == (2023, 2024)
    assert doc.span.end == 3  # title, date line, issuer
    assert doc.tables == [] and doc.attachments == []
    assert [p.role for p in doc.parts] == ["review", "outlook", "tasks"]
    assert [len(p.sections) for p in doc.parts] == [3, 2, 2]
    assert all(not s.items for p in doc.parts for s in p.sections)
    assert doc.parts[0].sections[0].title == "经济回升向好，主要预期目标圆满完成"
    assert doc.parts[1].sections[0].title == "总体要求"
    # The closing words stay in the last section: it has no items, so no outro.
    assert doc.parts[2].sections[-1].paragraphs[-1].text.startswith("各位代表，做好今年")


def test_chinese_numeral_years_and_tab_separated_table() -> None:
    doc = read_document(FIXTURES / "hebei-numeral-years.txt")
    assert doc.region == "河北省"
    assert doc.issuer == "河北省发展改革委"
    assert (doc.review_year, doc.plan_year) == (2023, 2024)
    assert [p.title for p in doc.parts][0] == "二〇二三年计划执行情况"
    assert [p.role for p in doc.parts] == ["review", "outlook", "tasks"]
    first = doc.parts[0].sections[0]
    # Section heading run into its paragraph, which opens with an item marker.
    assert first.title == "经济持续回升"
    assert [i.title for i in first.items] == ["工业生产加快", "投资稳定增长"]
    # Item numbering restarts in the next section.
    assert [i.ordinal for i in doc.parts[0].sections[1].items] == [1]
    [table] = doc.tables
    assert table.attachment == 1 and doc.attachments[0].title == "二〇二四年主要指标"
    assert table.title == "二〇二四年主要指标"
    assert [c.role for c in table.columns] == [
        ColumnRole.NUMBER, ColumnRole.NAME, ColumnRole.UNIT, ColumnRole.ATTRIBUTE, ColumnRole.TARGET
    ]
    assert table.columns[4].year == 2024
    rows = table.indicators()
    assert [(r.name, r.unit, r.binding) for r in rows] == [
        ("地区生产总值增长", "%", False),
        ("单位生产总值能耗降低", "%", True),
        ("城镇新增就业", "万人", False),
    ]


def test_markdown_front_matter_and_run_in_headings() -> None:
    doc = read_document(FIXTURES / "front-matter.md")
    assert doc.title == "关于深圳市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告"
    assert doc.region == "深圳市"
    assert doc.issuer == "深圳市发展和改革委员会"
    assert len(doc.parts) == 2
    review = doc.parts[0]
    assert review.intro[0].text == "2023年全市经济运行持续向好，详见统计公报。"
    assert [s.title for s in review.sections] == ["经济实力迈上新台阶", "创新能力持续增强"]
    assert review.sections[0].paragraphs[0].text == "全市地区生产总值增长6.0%。"
    assert [i.title for i in review.sections[0].items] == ["工业投资快速增长"]
    assert [i.title for i in review.sections[1].items] == ["重大平台加快建设", "企业创新主体地位巩固"]
    [table] = doc.tables
    assert table.title == "2024年主要指标"
    assert table.attachment is None
    gdp, rnd = table.indicators()
    assert (gdp.name, gdp.unit, gdp.binding) == ("地区生产总值增长", "%", False)
    assert (rnd.name, rnd.binding) == ("研发投入强度", True)
    [basic] = table.children(table.rows.index(rnd))
    assert (basic.name, basic.unit, basic.kind) == ("基础研究占比", "%", RowKind.SUBROW)
    assert table.notes[0].text.startswith("属性为")


def test_html_page_keeps_only_the_article() -> None:
    doc = read_document(FIXTURES / "cms-page.html")
    assert doc.title == "关于某省2023年国民经济和社会发展计划执行情况及2024年计划草案的报告"
    assert doc.issuer == "某省发展和改革委员会"
    assert (doc.review_year, doc.plan_year) == (2023, 2024)
    everything = " ".join(p.text for p in doc.paragraphs())
    for furniture in ("脚本里的中文", "样式里的中文", "评论区", "首页", "机构概况", "主办", "搜索"):
        assert furniture not in everything
    assert [p.title for p in doc.parts][2] == "2024年重点任务"
    first = doc.parts[0].sections[0]
    # <br> splits a <p> into paragraphs.
    assert [i.title for i in first.items] == ["工业稳步增长", "消费持续恢复"]
    assert first.paragraphs[0].text == "全省地区生产总值增长5.1%。"
    [table] = doc.tables
    # rowspan/colspan header: two header rows, merged text given once.
    assert [r.kind for r in table.rows[:2]] == [RowKind.HEADER, RowKind.HEADER]
    assert [(c.header, c.role, c.year) for c in table.columns] == [
        ("序号", ColumnRole.NUMBER, None),
        ("指标", ColumnRole.NAME, None),
        ("2023年目标", ColumnRole.TARGET, 2023),
        ("2023年完成", ColumnRole.ACTUAL, 2023),  # the year merged over both columns is both columns' year
    ]
    assert [(r.number, r.name, r.unit) for r in table.indicators()] == [(1, "地区生产总值增长", "%"), (2, "城镇新增就业", "万人")]


def test_html_without_cms_container_and_in_gb2312(tmp_path: Path) -> None:
    article = "".join(f"<p>（{n}）第{n}项工作扎实推进。具体内容如下，各项指标稳中有进。</p>" for n in "一二三")
    page = (
        "<html><head><meta charset='gb2312'></head><body>"
        "<div><a>网站首页</a><a>政务公开</a></div>"
        f"<div><div><p>关于广西壮族自治区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告</p>"
        f"<p>一、2023年计划执行情况</p>{article}</div></div>"
        "<div>友情链接：中国政府网</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb2312"))
    doc = read_document(path)
    assert doc.region == "广西壮族自治区"
    assert [s.title for s in doc.parts[0].sections] == ["第一项工作扎实推进", "第二项工作扎实推进", "第三项工作扎实推进"]
    assert "友情链接" not in " ".join(p.text for p in doc.paragraphs())


def test_docx_merged_cells_not_duplicated(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于某市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告")
    document.add_paragraph("一、2023年计划执行情况")
    document.add_paragraph("（一）经济平稳运行。地区生产总值增长5%。")
    document.add_paragraph("附件1")
    document.add_paragraph("2023年主要指标完成情况")
    table = document.add_table(rows=4, cols=4)
    for c, text in enumerate(["序号", "指标名称", "2023年目标", "2023年完成"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "一、经济发展"
    table.cell(1, 0).merge(table.cell(1, 3))
    for c, text in enumerate(["1", "地区生产总值增长（%）", "5左右", "5.2"]):
        table.cell(2, c).text = text
    for c, text in enumerate(["", "#第三产业增加值增长（%）", "6", "6.1"]):
        table.cell(3, c).text = text
    table.cell(2, 0).merge(table.cell(3, 0))  # 序号 spans the indicator and its sub-row
    path = tmp_path / "merged.docx"
    document.save(str(path))
    doc = read_document(path)
    [t] = doc.tables
    assert t.title == "2023年主要指标完成情况"
    assert t.attachment == 1
    category, gdp, tertiary = t.rows[1:]
    assert category.cells == ["一、经济发展", "", "", ""]
    assert (category.kind, category.name) == (RowKind.CATEGORY, "经济发展")
    assert gdp.cells[0] == "1" and tertiary.cells[0] == ""
    assert (tertiary.kind, tertiary.parent, tertiary.category) == (RowKind.SUBROW, 2, "经济发展")
    assert doc.parts[0].sections[0].paragraphs[0].kind is ParagraphKind.BODY


def test_generic_table_kept(tmp_path: Path) -> None:
    path = tmp_path / "generic.txt"
    path.write_text(
        "关于某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n"
        "一、2023年计划执行情况\n\n（一）项目建设。重大项目进展顺利。\n\n重大项目分布\n\n"
        "领域\t项目数\t总投资\n交通\t12\t300亿元\n水利\t5\t80亿元\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    [table] = doc.tables
    assert table.kind == "generic"
    assert table.title == "重大项目分布"
    assert [r.cells for r in table.rows][1:] == [["交通", "12", "300亿元"], ["水利", "5", "80亿元"]]
    assert doc.region == "某县"


def test_full_width_digits_and_note_declared_marker(tmp_path: Path) -> None:
    path = tmp_path / "fullwidth.txt"
    path.write_text(
        "关于某市２０２３年国民经济和社会发展计划执行情况与２０２４年计划草案的报告\n\n"
        "一、２０２３年计划执行情况\n\n（一）经济运行。增长５％。\n\n"
        "三、不按顺序的标题\n\n"
        "附件１\n\n２０２４年主要指标\n\n"
        "\t序号\n\t指标名称\n\t２０２４年目标\n\n"
        "\t１\n\t森林覆盖率（％）★\n\t５５\n\n"
        "\t２\n\t城镇新增就业（万人）\n\t６０\n\n"
        "注：１．标注“★”的为约束性指标。\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert (doc.review_year, doc.plan_year) == (2023, 2024)
    assert doc.title.endswith("报告") and "２０２３" in doc.title  # display text kept as written
    [table] = doc.tables
    assert table.attachment == 1
    assert table.columns[2].year == 2024
    forest, jobs = table.indicators()
    assert (forest.number, forest.name, forest.unit, forest.markers, forest.binding) == (1, "森林覆盖率", "％", ["★"], True)
    assert (jobs.number, jobs.binding) == (2, False)
    assert table.notes[0].text == "１．标注“★”的为约束性指标。"
    # 三、 after 一、 is not part 2: kept as prose, with a warning naming its line.
    assert len(doc.parts) == 1
    assert doc.warnings == ["line 7: part heading 三、 out of sequence (expected part 2); read as a paragraph"]
