"""The title block: title, issuer, region and the two years of the report.

The title is the run of short opening lines up to the one ending in
``报告`` (it may be split over lines, which are joined); the issuer is a
following line naming an organisation (or a Markdown ``> byline``); a
``——2031年1月…在…会议上`` line and page furniture (``发布时间：…``) belong
to the block too. Region and years
come from the title: ``关于河北省2030年…执行情况及2031年…草案`` gives
``河北省``, 2030 and 2031; a title with no place before the first year is the
national report (``全国``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.document import Span
from generator.read.blocks import Block, TextBlock
from generator.read.numerals import YEAR_RE, year_value
from generator.text import normalise

MAX_TITLE_LINES = 4
MAX_TITLE_CHARS = 120
MAX_ISSUER_CHARS = 40
# Endings of an issuing organisation's name.
ISSUER_ENDINGS = (
    "发展和改革委员会", "发展改革委员会", "发展改革委", "发改委", "委员会",
    "人民政府", "政府", "厅", "局", "办公室",
)
_ISSUER_RE = re.compile(
    r"^(?:(?:来源|发布机构|发文机关|作者)[：:]\s*)?"
    rf"(?P<org>[\u4e00-\u9fff（）()]{{2,30}}?(?:{'|'.join(ISSUER_ENDINGS)}))"
    r"(?:\s*(?:主任|副主任|局长|厅长)\s*[\u4e00-\u9fff]{0,4})?$"
)
# Title endings: the line that completes the title.
_TITLE_END = re.compile(r"(报告|草案)[）)]?$|(报告|草案)[（(](草案|摘要|摘登|全文)[）)]$")
# "——2031年1月12日在某省第六届人民代表大会第一次会议上", "（2031年1月…）"
_DATE_LINE = re.compile(r"^(——|—|-{1,2}|[（(])?\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{0,8}月.*(会议|大会|日)")
_SALUTATION = re.compile(r"^(各位代表|各位委员|同志们)")
# Web-page furniture that may precede the title: 来源：… 发布时间：… 字号：大 中 小
_PAGE_META = re.compile(r"^(来源|信息来源|发布机构|发布时间|发布日期|作者|字号|浏览次数|访问次数|点击数)\s*[：:]")
_PART_LIKE = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件)")
# A region is whatever place name precedes the first year, e.g. 天津市, 河北省,
# 广西壮族自治区; generic words ("全市") are not a place.
_REGION_RE = re.compile(r"^(?:关于)?(?P<region>[\u4e00-\u9fff]{1,16}?(?:省|市|自治区|特别行政区|自治州|州|地区|盟|县|区|旗))")
_REGION_AFTER_YEAR = re.compile(r"^(?P<region>[\u4e00-\u9fff]{1,16}?(?:省|市|自治区|特别行政区|自治州|州|地区|盟|县|区|旗))(?:国民经济|经济)")
_WHOLE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,20}(?:省|市|自治区|特别行政区|自治州|州|地区|盟|县|区|旗)$")
GENERIC_PLACES = {"全省", "全市", "本市", "我市", "我省", "全区", "全州", "全县", "本省"}
NATIONAL = "全国"
REVIEW_WORD = "执行情况"
PLAN_WORDS = ("草案", "计划")


@dataclass
class TitleBlock:
    title: str
    issuer: str | None
    span: Span
    next_index: int  # first block after the title block


def issuer_of(text: str) -> str | None:
    m = _ISSUER_RE.match(text.strip())
    return m.group("org") if m else None


def _title_line(block: Block) -> bool:
    if not isinstance(block, TextBlock) or block.quote:
        return False
    text = block.text
    return (
        0 < len(text) <= MAX_TITLE_CHARS
        and not text.endswith(("。", "：", ":", "；"))
        and not _SALUTATION.match(text)
        and not _PART_LIKE.match(text)
        and not _DATE_LINE.match(text)
        and issuer_of(text) is None
    )


def find_title(blocks: list[Block], title_hint: str | None, byline_hint: str | None) -> TitleBlock:
    """The title block at the start of ``blocks`` (hints fill what the text lacks)."""
    i, lines = 0, []
    byline_hint = byline_hint or None
    while i < len(blocks) and isinstance(blocks[i], TextBlock) and _PAGE_META.match(blocks[i].text):
        byline_hint = byline_hint or issuer_of(blocks[i].text)
        i += 1
    skipped = i
    while i < len(blocks) and len(lines) < MAX_TITLE_LINES and _title_line(blocks[i]):
        lines.append(blocks[i])
        i += 1
        if _TITLE_END.search(lines[-1].text):
            break
    if lines and not _TITLE_END.search(lines[-1].text) and not _looks_like_title("".join(b.text for b in lines)):
        i, lines = skipped, []  # no title in the text: the prose starts right away
    title = "".join(b.text for b in lines)
    if not title and title_hint:
        title = clean_title_hint(title_hint)
    issuer = None
    span_blocks: list[Block] = list(lines)
    # Issuer, date line and byline may follow the title in any order.
    while i < len(blocks) and isinstance(blocks[i], TextBlock) and len(span_blocks) < len(lines) + 3:
        block = blocks[i]
        assert isinstance(block, TextBlock)
        org = issuer_of(block.text) if len(block.text) <= MAX_ISSUER_CHARS else None
        if org and issuer is None:
            issuer = org
        elif block.quote and issuer is None:
            issuer = issuer_of(block.text) or block.text.strip() or None
        elif not _DATE_LINE.match(block.text) and not _PAGE_META.match(block.text):
            break
        span_blocks.append(block)
        i += 1
    if issuer is None and byline_hint:
        issuer = issuer_of(byline_hint) or byline_hint.strip() or None
    if span_blocks:
        span = Span(span_blocks[0].line, span_blocks[-1].end)
    else:
        first = blocks[0].line if blocks else 1
        span = Span(first, first)
    return TitleBlock(title, issuer, span, i)


def _looks_like_title(text: str) -> bool:
    return "计划" in text and YEAR_RE.search(normalise(text)) is not None


def clean_title_hint(text: str) -> str:
    """An HTML ``<title>`` without the site name: ``关于…的报告_某省发展和改革委员会``."""
    text = " ".join(text.split())
    for sep in ("_", "｜", "|", " - ", "－", "—"):
        head, _, _ = text.partition(sep)
        if head and ("报告" in head or "计划" in head):
            text = head
    return text.strip()


def region_of(title: str) -> str | None:
    """The place the report is about, ``全国`` for the national report, None if unknown."""
    norm = normalise(title)
    first_year = YEAR_RE.search(norm)
    if first_year is None:
        return None
    before = norm[: first_year.start()]
    place = before.removeprefix("关于").strip()
    if _WHOLE_PLACE.match(place) and place not in GENERIC_PLACES:  # 北京市朝阳区
        start = title.index(place)
        return title[start: start + len(place)]
    m = _REGION_RE.match(before)
    if m and m.group("region") not in GENERIC_PLACES:
        return title[m.start("region"): m.end("region")]
    m = _REGION_AFTER_YEAR.match(norm[first_year.end():])
    if m and m.group("region") not in GENERIC_PLACES:
        return title[first_year.end() + m.start("region"): first_year.end() + m.end("region")]
    after = norm[first_year.end():]
    if not place and "国民经济" in norm and not after.startswith(tuple(GENERIC_PLACES)):
        return NATIONAL
    return None


def years_of(title: str) -> tuple[int | None, int | None]:
    """(review year, plan year): the year before ``执行情况`` and the one after it."""
    norm = normalise(title)
    found = [(year_value(m.group(1)), m.start(), m.end()) for m in YEAR_RE.finditer(norm)]
    if not found:
        return None, None
    review_at = norm.find(REVIEW_WORD)
    if review_at < 0:  # a plan-only title
        return None, found[0][0] if any(w in norm for w in PLAN_WORDS) else None
    review = [y for y, start, _ in found if start < review_at]
    plan = [y for y, start, _ in found if start > review_at]
    return (review[-1] if review else None), (plan[0] if plan else None)
