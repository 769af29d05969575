"""What a document is (genre) and who presented it where and when (the title block).

A government work report is read and labelled as such; a budget report, a
statistical communiqué, a speech, a news article or a notice is refused with
one line naming what it seems to be. Metadata comes from every layer: front
matter and page metadata, the report's own date line and presenter line;
a newspaper's byline and a note tool's callout are not the report's issuer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.document import Genre
from generator.errors import InputError
from generator.read import read_document
from generator.read.meta import date_line, parse_date, presenter_of, region_of_meeting, without_citation
from tests.support.paths import FIXTURES, ROOT

GENRES = FIXTURES / "genres"


def test_a_government_work_report_is_read_as_one() -> None:
    doc = read_document(GENRES / "work-report.txt")
    assert doc.genre is Genre.WORK_REPORT and doc.to_dict()["genre"] == "work_report"
    assert doc.title == "政府工作报告"
    assert (doc.review_year, doc.plan_year) == (2030, 2031)  # from the part headings
    assert doc.region == "江南省"  # from the meeting
    assert doc.meeting == "江南省第十五届人民代表大会第二次会议" and doc.date == "2031-01-20"
    assert doc.presenter == "江南省省长林望舒" and doc.issuer is None
    assert [p.role for p in doc.parts] == ["review", "outlook", "tasks", "other"]


def test_a_government_work_report_brief_has_its_own_name_and_targets() -> None:
    from generator.analyse.indicators import analyse_indicators
    from tests.support.project import briefs_of, project

    doc = read_document(GENRES / "work-report.txt")
    analysis = analyse_indicators(doc, project().catalogue)
    targets = {p.name_zh: p.target_text for p in analysis.plan.plan}
    assert targets == {
        "地区生产总值增长": "5.5%左右", "城镇新增就业": "60万人以上", "城镇调查失业率": "5.5%左右",
        "居民消费价格涨幅": "2%左右", "单位地区生产总值能耗降低": "2.5%左右", "居民收入增长": "和经济增长同步",
        "生态环境质量": "持续改善",
    }
    assert all(p.change.kind.value == "not_known" for p in analysis.plan.plan)
    assert analysis.scorecard.review == []  # it states no shortfall: no review is made up
    briefs = briefs_of(doc)
    assert str(briefs["en"].kicker) == "Jiangnan Province 2031 government work report: brief" or \
        str(briefs["en"].kicker).endswith("2031 government work report: brief")
    assert str(briefs["zh"].kicker) == "江南省2031年政府工作报告简报"
    assert briefs["zh"].genre == "work_report"
    assert str(briefs["zh"].presented) == "2031年1月20日，江南省第十五届人民代表大会第二次会议"
    assert str(briefs["zh"].issuer) == "江南省省长林望舒"


@pytest.mark.parametrize(("name", "words"), [
    ("budget-report.txt", "seems to be a budget report"),
    ("communique.txt", "seems to be a statistical communiqué"),
    ("speech.txt", "seems to be a speech"),
    ("news.html", "seems to be a news article"),
    ("notice.txt", "no report structure found"),
])
def test_other_genres_are_refused_naming_what_they_seem_to_be(name: str, words: str) -> None:
    path = GENRES / name
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert words in caught.value.message
    result = subprocess.run([sys.executable, "-m", "generator", "parse", str(path)], capture_output=True,
                            text=True, cwd=ROOT, check=False)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {path}:") and words in line


def test_the_seed_metadata_comes_from_every_layer() -> None:
    doc = read_document(ROOT / "seeds" / "national-2025-plan-report.md")
    assert doc.genre is Genre.PLAN_REPORT
    assert doc.issuer == "国家发展和改革委员会"  # the byline without the newspaper
    assert doc.meeting == "第十四届全国人民代表大会第三次会议"
    assert doc.date == "2025-03-05" and doc.published == "2025-03-14"
    assert doc.source_url is not None and doc.source_url.startswith("https://")
    assert doc.region == "全国" and (doc.review_year, doc.plan_year) == (2024, 2025)


CRAWLED = """---
title: "关于某市2030年国民经济和社会发展计划执行情况与2031年计划草案的报告"
author: 某市发展和改革委员会
date: 2031-02-03
url: https://example.invalid/plan/2031.html
---

> [!tip] 批注汇总
> 这一段是读者自己的笔记，不是报告。

# 关于某市2030年国民经济和社会发展计划执行情况与2031年计划草案的报告

> 《某市日报》（2031年02月04日第 03 版）

%% 另一条笔记 %%

**一、2030年计划执行情况**

全市地区生产总值增长5.2%，这是==重点==。

**二、2031年主要目标**

主要预期目标是：地区生产总值增长5%左右。
"""


def test_callouts_notes_and_newspaper_bylines_are_not_the_report(tmp_path: Path) -> None:
    path = tmp_path / "crawled.txt"
    path.write_text(CRAWLED, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "md"
    assert doc.issuer == "某市发展和改革委员会"  # from the front matter: the byline is a newspaper's
    assert doc.published == "2031-02-03" and doc.source_url == "https://example.invalid/plan/2031.html"
    text = "".join(p.text for p in doc.paragraphs())
    for note in ("批注", "笔记", "日报", "=="):
        assert note not in text
    assert doc.parts[0].intro[0].text == "全市地区生产总值增长5.2%，这是重点。"


DATE_LINES: list[tuple[str, str | None, str | None]] = [
    ("——二〇三一年一月十二日在某省第六届人民代表大会第一次会议上", "2031-01-12", "某省第六届人民代表大会第一次会议"),
    ("——2031年1月12日在市十六届人大五次会议上", "2031-01-12", "市十六届人大五次会议"),
    ("（2031年2月8日在某自治区第十二届人民代表大会第三次会议上）", "2031-02-08", "某自治区第十二届人民代表大会第三次会议"),
    ("——2031年3月在某市第九届人民代表大会上", None, "某市第九届人民代表大会"),
    ("——二〇三一年十二月三十一日在全国人民代表大会常务委员会会议上", "2031-12-31", "全国人民代表大会常务委员会会议"),
    ("——2031年2月30日在某市人民代表大会上", None, "某市人民代表大会"),  # no such day
]


@pytest.mark.parametrize(("text", "date", "meeting"), DATE_LINES, ids=[d[0][:14] for d in DATE_LINES])
def test_date_lines(text: str, date: str | None, meeting: str | None) -> None:
    found = date_line(text)
    assert found is not None and (found.date, found.meeting) == (date, meeting)


@pytest.mark.parametrize("text", ["一、2030年计划执行情况", "各位代表：", "2030年全市经济平稳增长。"])
def test_lines_that_are_no_date_line(text: str) -> None:
    assert date_line(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("某省发展和改革委员会", ("某省发展和改革委员会", None)),
    ("某市发展和改革委员会主任 张三丰", ("某市发展和改革委员会", "某市发展和改革委员会主任 张三丰")),
    ("国务院总理 李四", ("国务院", "国务院总理 李四")),
    ("某省省长 王五", (None, "某省省长 王五")),
    ("代市长 赵六", (None, "代市长 赵六")),
    ("来源：某市发展改革委", ("某市发展改革委", None)),
    ("各位代表：", None),
    ("全市经济运行稳中向好", None),
])
def test_presenter_lines(text: str, expected: tuple[str | None, str | None] | None) -> None:
    assert presenter_of(text) == expected


@pytest.mark.parametrize(("byline", "rest"), [
    ("某省发展和改革委员会《某某日报》（2031年03月14日第 02 版）", "某省发展和改革委员会"),
    ("《某某日报》（2031年03月14日 第02版）", ""),
    ("本报记者 张三 李四", ""),
    ("新华社北京3月5日电", ""),
    ("来源：某市发展和改革委员会", "来源：某市发展和改革委员会"),
])
def test_bylines_lose_what_is_not_the_issuer(byline: str, rest: str) -> None:
    assert without_citation(byline) == rest


@pytest.mark.parametrize(("text", "iso"), [
    ("2031-02-03", "2031-02-03"), ("2031/2/3 10:15:00", "2031-02-03"), ("2031年2月3日", "2031-02-03"),
    ("2031-02-03T08:15:22+08:00", "2031-02-03"), ("二〇三一年二月三日", "2031-02-03"), ("2031-13-40", None),
    ("", None), ("昨天", None),
])
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(("meeting", "region"), [
    ("第十五届全国人民代表大会第二次会议", "全国"), ("江北省第十五届人民代表大会第二次会议", "江北省"),
    ("市十六届人大五次会议", None), ("某自治区第十二届人民代表大会第三次会议", "某自治区"), (None, None),
])
def test_region_of_a_meeting(meeting: str | None, region: str | None) -> None:
    assert region_of_meeting(meeting) == region


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="——（）()年月日在第届次会议上人民代表大会省市〇一二三四五六七八九十0123456789 ", max_size=40))
def test_date_line_never_fails_and_gives_real_dates(text: str) -> None:
    found = date_line(text)
    if found is not None and found.date is not None:
        assert parse_date(found.date) == found.date


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于某市2030年国民经济和社会发展计划执行情况与2031年计划草案的报告_某市人民政府</title>
<meta name="PubDate" content="2031-01-25 09:30">
<meta property="og:url" content="https://example.invalid/zwgk/2031/plan.html">
</head><body><div class="TRS_Editor">
<h1>关于某市2030年国民经济和社会发展计划执行情况与2031年计划草案的报告</h1>
<p>——2031年1月18日在某市第十七届人民代表大会第四次会议上</p>
<blockquote><p>《某某晚报》（2031年01月26日第 04 版）</p></blockquote>
<p>某市发展和改革委员会主任 钱七</p>
<p><strong>一、2030年计划执行情况</strong></p><p>全市地区生产总值增长5.3%。</p>
<p><strong>二、2031年主要目标</strong></p><p>主要预期目标是：地区生产总值增长5%左右。</p>
</div></body></html>"""


def test_page_metadata_and_the_presenter_line(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html" and doc.genre is Genre.PLAN_REPORT
    assert doc.issuer == "某市发展和改革委员会" and doc.presenter == "某市发展和改革委员会主任钱七"
    assert (doc.date, doc.meeting, doc.region) == ("2031-01-18", "某市第十七届人民代表大会第四次会议", "某市")
    assert doc.published == "2031-01-25" and doc.source_url == "https://example.invalid/zwgk/2031/plan.html"
    assert "晚报" not in "".join(p.text for p in doc.paragraphs())
