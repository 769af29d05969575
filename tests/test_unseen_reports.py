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

FIXTURES = Path(__file__).parent / "fixtures" / "reports"

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
