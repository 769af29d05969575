"""A realistic hand-made brief in both languages, for the renderers' tests.

Figures follow a provincial plan report (2022 review, 2023 plan); every
block of :class:`generator.brief.Brief` is filled: 27 scorecard rows with
sub-rows and every status, tallies that agree and differ, plan rows with
every change kind, two project tables, two charts, eight section summaries,
an outlook, findings of every severity and (English only) a key-terms
appendix. The English brief carries exactly ONE glossary-gap segment.
"""

from __future__ import annotations

import re

from generator.brief import (
    Brief,
    Chart,
    ChartPoint,
    Figure,
    Finding,
    PlanRow,
    ScoreRow,
    SectionBrief,
    Segment,
    Status,
    TableBlock,
    TallyRow,
    TermPair,
    Text,
)

# key -> (zh word, en word); the renderers add colour and glyph by the key
STATUSES: dict[str, tuple[str, str]] = {
    "met": ("达成", "Met"),
    "missed": ("未达成", "Missed"),
    "no_target": ("无目标值", "No target"),
    "not_comparable": ("口径不可比", "Not comparable"),
    "qualitative": ("定性表述", "Qualitative"),
    "unscored": ("未评估", "Not scored"),
}

CHANGES: dict[str, tuple[str, str]] = {
    "new": ("新增", "New"),
    "raised": ("提高", "Raised"),
    "lowered": ("降低", "Lowered"),
    "unchanged": ("持平", "Unchanged"),
    "reworded": ("表述调整", "Reworded"),
    "replaced": ("替换", "Replaced"),
}

# (number, zh name, en name, zh unit, en unit, binding, target zh, target en,
#  actual zh, actual en, status, reason zh, reason en, level, category index, line)
SCORE: list[tuple] = [
    ("1", "地区生产总值增速", "GDP growth", "%", "%", False, "5.5左右", "approx. 5.5", "2.6", "2.6", "missed",
     "受疫情、高温干旱等超预期因素冲击", "Hit by COVID-19, heat and drought", 0, 0, 269),
    ("2", "农业增加值增速", "Growth of agricultural value added", "%", "%", False, "4左右", "approx. 4", "4", "4", "met", "", "", 0, 1, 277),
    ("3", "规上工业增加值增速", "Growth of value added of industry above designated size", "%", "%", False, "6左右", "approx. 6", "3.2", "3.2", "missed",
     "汽车、电子产业受供应链冲击", "Automotive and electronics supply chains disrupted", 0, 1, 282),
    ("4", "战略性新兴产业增加值增速", "Growth of value added of strategic emerging industries", "%", "%", False, "12左右", "approx. 12", "6.2", "6.2", "missed", "", "", 0, 1, 287),
    ("5", "高技术产业增加值占工业比重", "High-tech industry share of industrial value added", "%", "%", False, "20左右", "approx. 20", "19", "19", "missed", "", "", 0, 1, 292),
    ("6", "数字经济核心产业增加值增速", "Growth of value added of core digital-economy industries", "%", "%", False, "10左右", "approx. 10", "正增长", "positive growth", "qualitative",
     "实际值为定性表述", "Outcome stated only in words", 0, 1, 297),
    ("7", "“一区”与“两群”人均地区生产总值比值", "Per-capita GDP ratio of the metropolitan area to the two city clusters", "", "", False, "1.8左右∶1", "approx. 1.8 : 1", "1.8左右∶1", "approx. 1.8 : 1", "met", "", "", 0, 1, 302),
    ("10", "规上工业企业利润增速", "Profit growth of industrial enterprises above designated size", "%", "%", False, "5左右", "approx. 5", "负增长", "negative growth", "qualitative", "", "", 0, 1, 317),
    ("11", "新发展市场主体增速", "Growth of newly registered market entities", "%", "%", False, "12.5左右", "approx. 12.5", "16.6", "16.6", "met", "", "", 0, 1, 322),
    ("12", "服务业增加值增速", "Growth of services value added", "%", "%", False, "5.5左右", "approx. 5.5", "1.9", "1.9", "missed",
     "接触型服务业恢复缓慢", "Contact-intensive services recovered slowly", 0, 1, 327),
    ("13", "固定资产投资增速", "Growth of fixed-asset investment", "%", "%", False, "6左右", "approx. 6", "0.7", "0.7", "missed", "", "", 0, 1, 332),
    ("", "民间投资增速", "of which: private investment growth", "%", "%", False, "6左右", "approx. 6", "-8.4", "−8.4", "missed",
     "房地产投资下降", "Property investment fell", 1, 1, 337),
    ("14", "社会消费品零售总额增速", "Growth of total retail sales of consumer goods", "%", "%", False, "7左右", "approx. 7", "-0.3", "−0.3", "missed", "", "", 0, 1, 342),
    ("16", "万人发明专利拥有量", "Invention patents per 10,000 people", "件", "patents", False, "14左右", "approx. 14", "16", "16", "met", "", "", 0, 1, 352),
    ("17", "高新技术企业数量", "Number of high-tech enterprises", "家", "firms", False, "5500以上", "over 5,500", "6348", "6,348", "met", "", "", 0, 1, 357),
    ("19", "一般公共预算收入增速", "Growth of general public budget revenue", "%", "%", False, "3左右", "approx. 3", "同口径-2.5", "−2.5 (like-for-like)", "missed",
     "落实留抵退税政策", "VAT credit refunds", 0, 1, 367),
    ("", "税收增速", "of which: tax revenue growth", "%", "%", False, "5.5", "5.5", "同口径-9.2", "−9.2 (like-for-like)", "missed", "", "", 1, 1, 372),
    ("21", "全体居民人均可支配收入增速", "Growth of per-capita disposable income", "%", "%", False, "7左右", "approx. 7", "5.5", "5.5", "missed", "", "", 0, 2, 385),
    ("", "农村居民人均可支配收入增速", "of which: rural residents", "%", "%", False, "7以上", "over 7", "6.7", "6.7", "missed", "", "", 1, 2, 390),
    ("22", "城镇新增就业", "New urban jobs", "万人", "10,000 people", False, "60以上", "over 60", "71", "71", "met", "", "", 0, 2, 395),
    ("23", "城镇调查失业率", "Surveyed urban unemployment rate", "%", "%", False, "5.5以内", "within 5.5", "5.4", "5.4", "met", "", "", 0, 2, 400),
    ("24", "居民消费价格指数", "Consumer price index", "%", "%", False, "103以内", "within 103", "102.1", "102.1", "met", "", "", 0, 2, 405),
    ("28", "实际利用外资", "Foreign direct investment actually used", "亿美元", "USD 100 million", False, "100以上", "over 100", "18", "18", "not_comparable",
     "统计口径调整为商务部FDI口径", "Statistical basis changed to MOFCOM FDI data", 0, 3, 428),
    ("29", "空气质量优良天数", "Days of good or excellent air quality", "天", "days", True, "320以上", "over 320", "332", "332", "met", "", "", 0, 4, 436),
    ("30", "森林覆盖率", "Forest coverage", "%", "%", True, "55", "55", "55", "55", "met", "", "", 0, 4, 441),
    ("32", "单位地区生产总值二氧化碳排放下降", "Reduction of CO₂ emissions per unit of GDP", "%", "%", True, "—", "—", "—", "—", "no_target",
     "国家暂未下达目标值", "No national target issued yet", 0, 4, 451),
    ("33", "主要污染物重点工程减排量", "Emission cuts by key pollutant projects", "万吨", "10,000 t", True, "", "", "", "", "unscored",
     "总量未列目标，见分项", "No total target; see sub-items", 0, 4, 456),
    ("", "化学需氧量", "of which: chemical oxygen demand", "万吨", "10,000 t", True, "1.73", "1.73", "预计能完成", "expected to be met", "qualitative", "", "", 1, 4, 461),
    ("35", "每亿元地区生产总值生产安全事故死亡人数", "Work-safety deaths per CNY 100 million of GDP", "人", "persons", True, "0.032左右", "approx. 0.032", "不超过0.03", "no more than 0.03", "met", "", "", 0, 5, 490),
]

CATEGORIES = [
    ("总量指标", "Aggregate"),
    ("推动高质量发展", "High-quality development"),
    ("创造高品质生活", "Quality of life"),
    ("内陆开放高地建设", "Opening up"),
    ("山清水秀美丽之地建设", "Green development"),
    ("安全发展", "Security"),
]

# (number, zh, en, unit zh, unit en, binding, target zh, target en, previous zh, previous en, change, level, line)
PLAN: list[tuple] = [
    ("1", "地区生产总值增速", "GDP growth", "%", "%", False, "6以上、争取实现更好的结果", "over 6, striving for better", "5.5左右", "approx. 5.5", "raised", 0, 530),
    ("2", "人均地区生产总值增速", "Growth of per-capita GDP", "%", "%", False, "6以上", "over 6", "", "", "new", 0, 534),
    ("3", "农业增加值增速", "Growth of agricultural value added", "%", "%", False, "4", "4", "4左右", "approx. 4", "unchanged", 0, 540),
    ("4", "规上工业增加值增速", "Growth of value added of industry above designated size", "%", "%", False, "8", "8", "6左右", "approx. 6", "raised", 0, 544),
    ("5", "战略性新兴产业增加值增速", "Growth of value added of strategic emerging industries", "%", "%", False, "10", "10", "12左右", "approx. 12", "lowered", 0, 548),
    ("8", "数字经济增加值占地区生产总值比重", "Digital economy share of GDP", "%", "%", False, "30左右", "approx. 30", "数字经济核心产业增加值增速10左右", "core digital-economy growth approx. 10", "replaced", 0, 560),
    ("12", "固定资产投资增速", "Growth of fixed-asset investment", "%", "%", False, "6", "6", "6左右", "approx. 6", "reworded", 0, 576),
    ("", "民间投资增速", "of which: private investment growth", "%", "%", False, "正增长", "positive growth", "6左右", "approx. 6", "lowered", 1, 580),
    ("22", "城镇新增就业", "New urban jobs", "万人", "10,000 people", False, "60以上", "over 60", "60以上", "over 60", "unchanged", 0, 610),
    ("29", "空气质量优良天数", "Days of good or excellent air quality", "天", "days", True, "完成国家下达任务", "meet the national quota", "320以上", "over 320", "reworded", 0, 630),
    ("32", "单位地区生产总值能耗下降", "Reduction of energy use per unit of GDP", "%", "%", True, "完成国家下达任务", "meet the national quota", "在“十四五”规划期内统筹考虑", "set across the 14th Five-Year Plan period", "reworded", 0, 640),
    ("38", "粮食产量", "Grain output", "亿公斤", "100 million kg", False, "108.5以上", "over 108.5", "108.7", "108.7", "lowered", 0, 655),
]

RETIRED = [("新发展市场主体增速", "Growth of newly registered market entities"), ("文化产业增加值增速", "Growth of cultural industry value added")]

# (zh sector, en sector, projects, total investment, annual plan) — CNY 100 million
PROJECT_SECTORS = [
    ("产业优化升级", "Industrial upgrading", 283, 5759, 1185),
    ("科技创新", "Science and innovation", 75, 1032, 215),
    ("基础设施", "Infrastructure", 331, 14812, 1626),
    ("城市提升", "Urban renewal", 189, 4450, 684),
    ("乡村振兴", "Rural revitalisation", 92, 921, 158),
    ("生态环保", "Ecology and environment", 63, 760, 132),
    ("社会民生", "Public services", 90, 1230, 296),
]

SECTIONS = [
    ("（一）", "聚焦扩大内需持续用力，全力畅通经济循环", "Expanding domestic demand",
     "出台扩大有效投资22条政策措施，市级重大项目完成投资4104亿元；打出促消费政策“组合拳”，为企业减负超过1500亿元。",
     "Issued 22 measures to expand effective investment; municipal key projects invested CNY 410.4 billion, and firms were relieved of over CNY 150 billion in costs.",
     [("积极扩大有效投资。", "Expanded effective investment."), ("促进消费升级扩容。", "Upgraded and expanded consumption.")],
     [("市级重大项目完成投资", "Investment by municipal key projects", "4104亿元", "CNY 410.4 billion", "level"),
      ("为企业减负", "Cost relief for firms", "超过1500亿元", "over CNY 150 billion", "level")], 23),
    ("（二）", "聚焦成渝地区双城经济圈建设持续用力，加快推动区域协调发展", "Building the twin-city economic circle",
     "举办两次党政联席会议，都市圈建设高标准启动，区域协调发展取得新进展。",
     "Held two joint Party–government meetings with the neighbouring province and launched the metropolitan area.",
     [("推进双城经济圈建设。", "Advanced the twin-city economic circle."), ("推动主城都市区同城化发展。", "Integrated the core urban districts.")],
     [("新创建A级旅游景区", "New A-grade tourist sites", "3个", "3", "count")], 31),
    ("（三）", "聚焦科技自立自强持续用力，加快提升自主创新能力", "Self-reliance in science and technology",
     "组织实施科技重大（重点）项目563项，高新技术企业达到6348家，两院院士累计18人。",
     "Ran 563 major science projects; high-tech enterprises reached 6,348.",
     [("实施科创平台领航行动。", "Led with science and innovation platforms."), ("着力突破关键核心技术。", "Worked on key core technologies.")],
     [("科技重大（重点）项目", "Major science projects", "563项", "563", "count"), ("高新技术企业", "High-tech enterprises", "6348家", "6,348", "count")], 42),
    ("（四）", "聚焦振兴实体经济持续用力，加快建设现代化产业体系", "Building a modern industrial system",
     "新增软件企业3500余家，软件业务收入增长10.5%，新认定智能工厂22个。",
     "Over 3,500 new software firms; software revenue grew 10.5%; 22 smart factories certified.",
     [("推动制造业高质量发展。", "Raised the quality of manufacturing."), ("推动数字经济高质量发展。", None)],
     [("软件业务收入增长", "Software revenue growth", "10.5%", "10.5%", "growth")], 55),
    ("（五）", "聚焦深化改革开放持续用力，加快营造良好发展环境", "Reform and opening up",
     "经西部陆海新通道运输14.8万标箱、增长32%，中欧班列开行5000列以上。",
     "148,000 TEU moved via the New International Land-Sea Trade Corridor, up 32%; over 5,000 China–Europe freight trains.",
     [("推进营商环境创新试点城市建设。", "Piloted business-environment reforms."), ("进一步畅通开放通道。", "Opened up trade corridors.")],
     [("陆海新通道运输", "Land-Sea Corridor freight", "14.8万标箱", "148,000 TEU", "level"), ("增长", "Growth", "32%", "32%", "growth")], 68),
    ("（六）", "聚焦城乡融合发展持续用力，统筹抓好城市提升和乡村振兴", "Integrating urban and rural development",
     "新（改）建农村卫生厕所5万户，改造农村危房4147户，实施城市功能项目87个。",
     "Built or upgraded 50,000 rural toilets and renovated 4,147 dilapidated rural houses.",
     [("巩固拓展脱贫攻坚成果。", "Consolidated poverty-alleviation gains."), ("全面推进乡村振兴。", "Advanced rural revitalisation.")],
     [("农村危房改造", "Dilapidated rural houses renovated", "4147户", "4,147", "count")], 80),
    ("（七）", "聚焦绿色低碳发展持续用力，加快建设山清水秀美丽之地", "Green and low-carbon development",
     "国家储备林建设100万亩，创建绿色工厂78家，清洁能源电量消纳占比超过47%。",
     "Planted 1 million mu of national reserve forest; 78 green factories; clean power above 47% of consumption.",
     [("碳达峰碳中和实现良好开局。", "Made a good start on carbon peaking and neutrality."), ("深入打好污染防治攻坚战。", "Fought pollution.")],
     [("清洁能源电量消纳占比", "Clean-power share", "超过47%", "over 47%", "share")], 91),
    ("（八）", "聚焦创造高品质生活持续用力，加快提高保障和改善民生水平", "Improving people's lives",
     "城镇新增就业71万人，新增公办幼儿园107所，15件重点民生实事如期完成。",
     "710,000 new urban jobs; 107 new public kindergartens; all 15 key livelihood projects delivered.",
     [("积极稳就业促创业。", "Stabilised employment."), ("健全完善公共服务体系。", "Improved public services.")],
     [("城镇新增就业", "New urban jobs", "71万人", "710,000", "count")], 99),
]

OVERVIEW = [
    ("（一）", "宏观形势判断", "The economic situation",
     "外部环境更趋复杂严峻，国内经济有望总体回升。", "The external environment is harsher; the national economy is expected to recover.", 112),
    ("（二）", "总体要求", "General requirements",
     "坚持稳中求进工作总基调，推动经济运行整体好转。", "Pursue progress while ensuring stability and an overall upturn.", 119),
    ("（三）", "主要发展目标", "Main targets",
     "共39项指标，其中约束性指标5项、预期性指标34项；地区生产总值增长6%以上。", "39 indicators: 5 binding and 34 anticipatory; GDP growth over 6%.", 126),
    ("（四）", "重大项目安排", "Major projects",
     "计划实施市级重大建设项目1123个，年度计划完成投资约4296亿元。", "1,123 municipal key projects with planned investment of about CNY 429.6 billion.", 133),
]

FINDINGS = [
    ("error", "错误", "Error", "附件1序号33重复使用。", "Number 33 is used twice in Attachment 1.", "第456、474行", "lines 456, 474"),
    ("warning", "提示", "Warning", "正文称预期性指标29项，附件1列出28项。", "The prose counts 29 anticipatory indicators; Attachment 1 lists 28.", "第105、243行", "lines 105, 243"),
    ("info", "说明", "Note", "实际利用外资统计口径调整，与目标不可比。", "FDI basis changed; not comparable with the target.", "第428行", "line 428"),
]

TERMS = [
    ("约束性指标", "binding target"),
    ("预期性指标", "anticipatory target"),
    ("规上工业", "industry above designated size"),
    ("成渝地区双城经济圈", "Chengdu–Chongqing economic circle"),
    ("西部陆海新通道", "New International Land-Sea Trade Corridor"),
    ("战略性新兴产业", "strategic emerging industries"),
    ("碳达峰碳中和", "carbon peaking and carbon neutrality"),
    ("乡村振兴", "rural revitalisation"),
    ("营商环境", "business environment"),
    ("专项债券", "special-purpose bonds"),
]

GAP_TERM = "满天星"


def _pick(lang: str, zh: str, en: str | None) -> Text:
    return Text.plain(zh if lang == "zh" else (en or ""))


def _status(lang: str, key: str) -> Status:
    zh, en = STATUSES[key]
    return Status(key, _pick(lang, zh, en))


def _where(lang: str, line: int) -> str:
    return f"第{line}行" if lang == "zh" else f"line {line}"


def _score_rows(lang: str) -> tuple[ScoreRow, ...]:
    rows = []
    for (num, zn, en, uz, ue, bind, tz, te, az, ae, st, rz, re_, level, cat, line) in SCORE:
        rows.append(ScoreRow(
            number=num, name=_pick(lang, zn, en), unit=_pick(lang, uz, ue), binding=bind,
            target=_pick(lang, tz, te), actual=_pick(lang, az, ae), status=_status(lang, st),
            reason=_pick(lang, rz, re_), level=level, category=_pick(lang, *CATEGORIES[cat]),
            source=_where(lang, line),
        ))
    return tuple(rows)


def _tallies(lang: str) -> tuple[TallyRow, ...]:
    s = lambda k: _status(lang, k)  # noqa: E731
    return (
        TallyRow(_pick(lang, "约束性", "Binding"), ((s("met"), 5), (s("no_target"), 1)), 6,
                 _pick(lang, "6项约束性指标，除1项国家暂未下达目标值外全部完成",
                       "6 binding: all met except 1 without a national target"), True),
        TallyRow(_pick(lang, "预期性", "Anticipatory"),
                 ((s("met"), 12), (s("missed"), 14), (s("qualitative"), 2), (s("not_comparable"), 1)), 29,
                 _pick(lang, "29项预期性指标，13项能够完成，15项完成有难度",
                       "29 anticipatory: 13 achievable, 15 difficult"), False),
        TallyRow(_pick(lang, "总量", "Overall"), ((s("met"), 1),), 1, Text(), None),
    )


def _plan_rows(lang: str) -> tuple[PlanRow, ...]:
    return tuple(
        PlanRow(number=num, name=_pick(lang, zn, en), unit=_pick(lang, uz, ue), binding=bind,
                target=_pick(lang, tz, te), previous=_pick(lang, pz, pe), change_key=ch,
                change=_pick(lang, *CHANGES[ch]), level=level, source=_where(lang, line))
        for (num, zn, en, uz, ue, bind, tz, te, pz, pe, ch, level, line) in PLAN
    )


def _num(lang: str, value: int) -> Text:
    return Text.plain(f"{value:,}" if lang == "en" else str(value))


def _projects(lang: str) -> tuple[TableBlock, ...]:
    header = tuple(_pick(lang, z, e) for z, e in (
        ("领域", "Sector"), ("项目数（个）", "Projects"), ("总投资（亿元）", "Total investment (CNY 100 million)"),
        ("年度计划投资（亿元）", "Planned this year (CNY 100 million)")))
    by_sector = TableBlock(
        title=_pick(lang, "2023年市级重大建设项目（按领域）", "Municipal key projects in 2023, by sector"),
        header=header,
        rows=tuple((_pick(lang, z, e), _num(lang, n), _num(lang, tot), _num(lang, yr))
                   for z, e, n, tot, yr in PROJECT_SECTORS),
        source=_where(lang, 133), numeric_columns=(1, 2, 3),
    )
    review = TableBlock(
        title=_pick(lang, "2022年重大项目完成情况", "Key projects in 2022: delivery"),
        header=tuple(_pick(lang, z, e) for z, e in (("项目", "Item"), ("数值", "Value"), ("说明", "Note"))),
        rows=(
            (_pick(lang, "市级重大建设项目", "Municipal key projects"), _num(lang, 934), _pick(lang, "个", "projects")),
            (_pick(lang, "总投资", "Total investment"), _pick(lang, "2.6万亿元", "CNY 2.6 trillion"), Text()),
            (_pick(lang, "全年完成投资", "Invested in the year"), _pick(lang, "4104亿元", "CNY 410.4 billion"),
             _pick(lang, "超年度计划14个百分点", "14 points above plan")),
        ),
        source=_where(lang, 107), numeric_columns=(1,),
    )
    return by_sector, review


def _charts(lang: str) -> tuple[Chart, ...]:
    percent_rows = [r for r in SCORE if r[3] == "%" and r[14] < 4 and r[10] in ("met", "missed")
                    and r[13] == 0 and r[0] != "24" and re.fullmatch(r"-?[\d.]+", r[8])]
    dumbbell = Chart(
        key="scorecard", kind="dumbbell",
        title="主要增速指标：目标与实际" if lang == "zh" else "Main growth indicators: target vs actual",
        alt=("各项增速指标的目标值与实际值对比，多数未达目标。" if lang == "zh"
             else "Target and actual values of the growth indicators; most fell short of target."),
        unit="%",
        points=tuple(ChartPoint(label=r[1] if lang == "zh" else r[2],
                                value=float(r[8]), target=float(r[6].rstrip("左右以上内")),
                                group=CATEGORIES[r[14]][0 if lang == "zh" else 1], status=r[10])
                     for r in percent_rows),
    )
    bar = Chart(
        key="projects", kind="bar",
        title="2023年年度计划投资（按领域）" if lang == "zh" else "Planned investment in 2023 by sector",
        alt=("各领域市级重大项目年度计划投资，基础设施最多。" if lang == "zh"
             else "Planned investment of municipal key projects by sector; infrastructure is the largest."),
        unit="亿元" if lang == "zh" else "CNY 100 million",
        points=tuple(ChartPoint(label=z if lang == "zh" else e, value=float(yr)) for z, e, _n, _t, yr in PROJECT_SECTORS),
    )
    return dumbbell, bar


def _figures(lang: str, figs: list[tuple], line: int) -> tuple[Figure, ...]:
    return tuple(Figure(_pick(lang, lz, le), _pick(lang, vz, ve), _where(lang, line), kind) for lz, le, vz, ve, kind in figs)


def _item(lang: str, zh: str, en: str | None) -> Text:
    if lang == "en" and en is None:  # the one glossary gap of the English sample
        return Text((Segment("Raised the quality of the digital economy; launched the software "),
                     Segment(GAP_TERM, lang="zh-Hans", gap=True), Segment(" action plan.")))
    return _pick(lang, zh, en)


def _sections(lang: str) -> tuple[SectionBrief, ...]:
    return tuple(
        SectionBrief(part=_pick(lang, "一、2022年计划执行情况", "Part 1: Implementation in 2022"),
                     heading=_pick(lang, f"{mark}{hz}", he), summary=_pick(lang, sz, se),
                     items=tuple(_item(lang, iz, ie) for iz, ie in items),
                     figures=_figures(lang, figs, line), source=_where(lang, line))
        for mark, hz, he, sz, se, items, figs, line in SECTIONS
    )


def _overview(lang: str) -> tuple[SectionBrief, ...]:
    return tuple(
        SectionBrief(part=_pick(lang, "二、2023年计划总体考虑", "Part 2: Overall approach for 2023"),
                     heading=_pick(lang, f"{mark}{hz}", he), summary=_pick(lang, sz, se), items=(),
                     figures=(), source=_where(lang, line))
        for mark, hz, he, sz, se, line in OVERVIEW
    )


def sample_brief(lang: str) -> Brief:
    """A complete brief in ``lang`` ("zh" | "en") with every block filled."""
    en = lang == "en"
    return Brief(
        lang=lang,
        html_lang="en" if en else "zh-Hans",
        title=_pick(lang, "关于重庆市2022年国民经济和社会发展计划执行情况及2023年计划草案的报告",
                    "Report on the Implementation of Chongqing's 2022 Plan for Economic and Social Development "
                    "and on the 2023 Draft Plan"),
        issuer=_pick(lang, "重庆市发展和改革委员会", "Chongqing Municipal Development and Reform Commission"),
        region=_pick(lang, "重庆市", "Chongqing"),
        review_year="2022",
        plan_year="2023",
        source_file="chongqing-2023-plan.txt",
        generated="2024年3月1日" if not en else "1 March 2024",
        keywords=(("Chongqing", "plan report", "2023", "scorecard") if en else ("重庆", "计划报告", "2023", "指标")),
        headline=(
            Figure(_pick(lang, "地区生产总值", "GDP"), _pick(lang, "超过2.9万亿元", "over CNY 2.9 trillion"), _where(lang, 17), "level"),
            Figure(_pick(lang, "地区生产总值增速", "GDP growth"), _pick(lang, "2.6%", "2.6%"), _where(lang, 17), "growth"),
            Figure(_pick(lang, "城镇新增就业", "New urban jobs"), _pick(lang, "71万人", "710,000"), _where(lang, 17), "count"),
            Figure(_pick(lang, "居民消费价格涨幅", "CPI rise"), _pick(lang, "2.1%", "2.1%"), _where(lang, 17), "growth"),
            Figure(_pick(lang, "2023年地区生产总值增速目标", "2023 GDP growth target"), _pick(lang, "6%以上", "over 6%"), _where(lang, 126), "growth"),
        ),
        glance_tally=(
            _pick(lang, "6项约束性指标中5项达成", "5 of 6 binding targets met"),
            _pick(lang, "29项预期性指标中12项达成", "12 of 29 anticipatory targets met"),
        ),
        score_rows=_score_rows(lang),
        tallies=_tallies(lang),
        score_origin=_pick(lang, "依据附件1指标表", "from the table in Attachment 1"),
        plan_rows=_plan_rows(lang),
        retired=tuple(_pick(lang, z, e) for z, e in RETIRED),
        plan_origin=_pick(lang, "依据附件2指标表", "from the table in Attachment 2"),
        projects=_projects(lang),
        charts=_charts(lang),
        sections=_sections(lang),
        overview=_overview(lang),
        findings=tuple(Finding(sev, _pick(lang, lz, le), _pick(lang, mz, me), _pick(lang, wz, we))
                       for sev, lz, le, mz, me, wz, we in FINDINGS),
        terms=tuple(TermPair(z, e) for z, e in TERMS) if en else (),
        warnings=(),
        generated_iso="2024-03-01",
    )
