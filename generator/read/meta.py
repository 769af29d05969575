"""The title block: title, issuer, presenter, meeting, date, region and years.

The title is the run of short opening lines up to the one ending in
``报告`` (it may be split over lines, which are joined). After it, in any
order, come:

* the date line ``——2031年1月12日在某省第六届人民代表大会第一次会议上``
  (digits or Chinese numerals): the date the report was delivered and the
  meeting (:func:`date_line`);
* the issuer / presenter line: an organisation (``某省发展和改革委员会``),
  optionally with a post and a name (``…主任 张三``, ``国务院总理 李四``), or
  a post and a name alone (``省长 王五``) (:func:`presenter_of`);
* a byline (Markdown ``> …``, HTML ``<blockquote>``): a newspaper's
  citation (``《某某日报》（2031年01月20日第 02 版）``) is not the report's
  issuer and is removed (:func:`without_citation`); only an organisation
  left over counts;
* page furniture (``来源：…``, ``发布时间：…``).

Region and years come from the title: ``关于河北省2030年…执行情况及2031年…草案``
gives ``河北省``, 2030 and 2031; a title with no place before the first year is
the national report (``全国``). A title without them (``政府工作报告``) leaves
them to the meeting (``在某省第十五届人民代表大会…``, ``全国人民代表大会`` is
national) and to the part headings (see ``read.structure``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.document import Span
from generator.read.blocks import Block, TextBlock
from generator.read.numerals import YEAR_RE, cn_int, year_value
from generator.text import normalise

MAX_TITLE_LINES = 4
MAX_TITLE_CHARS = 120
MAX_ISSUER_CHARS = 40
# Endings of an issuing organisation's name.
ISSUER_ENDINGS = (
    "发展和改革委员会", "发展改革委员会", "发展改革委", "发改委", "委员会",
    "人民政府", "政府", "国务院", "厅", "局", "办公室",
)
# Bodies named without a place in front of them.
STANDALONE_ISSUERS = ("国务院",)
# Posts of whoever presents a report, printed before their name.
POSTS = (
    "党组书记、主任", "副主任", "主任", "局长", "厅长", "总理", "副总理", "代省长", "省长", "代市长", "市长",
    "区长", "县长", "州长", "主席", "盟长", "旗长",
)
_POST = "|".join(sorted(POSTS, key=len, reverse=True))
_NAME = r"[\u4e00-\u9fff·•]{2,12}"
_ISSUER_RE = re.compile(
    r"^(?:(?:来源|发布机构|发文机关|作者)[：:]\s*)?"
    rf"(?P<org>{'|'.join(STANDALONE_ISSUERS)}|[\u4e00-\u9fff（）()]{{2,30}}?(?:{'|'.join(ISSUER_ENDINGS)}))"
    rf"(?:\s*(?P<post>{_POST})\s*(?P<name>{_NAME})?)?$"
)
_POST_ONLY = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{1,16}}?(?:省|市|自治区|特别行政区|自治州|州|地区|盟|县|区|旗))?(?P<post>{_POST})\s*(?P<name>{_NAME})$"
)
# A newspaper's citation in a byline: 《某某日报》（2031年01月20日第 02 版）, and what else a
# byline carries that is not an issuer (本报记者 …, 新华社北京3月5日电).
_CITATION = re.compile(r"《[^《》]{1,16}》\s*(?:[（(][^（）()]{0,40}[）)])?")
_REPORTER = re.compile(r"(?:本报|新华社|中新社)?记者[\u4e00-\u9fff\s、]{0,20}|[\u4e00-\u9fff]{2,6}社[\u4e00-\u9fff]{0,6}\d{0,2}月\d{0,2}日电")
MAX_BYLINE_CHARS = 80
# Title endings: the line that completes the title.
# (公报, 讲话: other genres' titles, read as titles so that the genre can be named.)
_TITLE_END = re.compile(r"(报告|草案|公报|讲话)[）)]?$|(报告|草案)[（(](草案|摘要|摘登|全文)[）)]$")
# "——2031年1月12日在某省第六届人民代表大会第一次会议上", "（2031年1月…）"
_DATE_LINE = re.compile(r"^(——|—|-{1,2}|[（(])?\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{0,8}月.*(会议|大会|日)")
_DAY = "[0-9一二三四五六七八九十]{1,3}"
_DATE_PARTS = re.compile(rf"(?P<year>\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年\s*(?P<month>{_DAY})\s*月\s*(?:(?P<day>{_DAY})\s*日)?")
_MEETING = re.compile(r"在(?P<meeting>.+?(?:会议|大会|会))(?:上|开幕会上|闭幕会上)?(?:的)?(?:讲话|报告)?[）)]?$")
_ISO_DATE = re.compile(r"(?P<year>\d{4})[-/.年]\s*(?P<month>\d{1,2})[-/.月]\s*(?P<day>\d{1,2})")
_PUBLISHED_LINE = re.compile(r"(?:发布时间|发布日期|时间|日期)\s*[：:]\s*(?P<date>\d{4}[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2})")
# 在某省第十五届人民代表大会… -> 某省; 全国人民代表大会 -> national.
_MEETING_REGION = re.compile(r"^(?P<region>[\u4e00-\u9fff]{1,16}?(?:省|市|自治区|特别行政区|自治州|州|地区|盟|县|区|旗))(?:第|[一二三四五六七八九十]+届)")
NATIONAL_MEETINGS = ("全国人民代表大会", "全国人大")
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
    presenter: str | None = None
    meeting: str | None = None
    date: str | None = None  # ISO date of the date line
    published: str | None = None  # ISO date from page furniture (发布时间：…)


@dataclass(frozen=True)
class DateLine:
    date: str | None  # ISO 8601; None when the line gives no day
    meeting: str | None


def issuer_of(text: str) -> str | None:
    m = _ISSUER_RE.match(text.strip())
    return m.group("org") if m else None


def presenter_of(text: str) -> tuple[str | None, str | None] | None:
    """(issuer, presenter) of an issuer/presenter line, None when it is no such line.

    ``某省发展和改革委员会`` -> (that, None); ``国务院总理 李四`` -> (``国务院``, the line);
    ``省长 王五`` -> (None, the line).
    """
    text = " ".join(text.split())
    m = _ISSUER_RE.match(text)
    if m:
        return m.group("org"), (text if m.group("post") and m.group("name") else None)
    m = _POST_ONLY.match(text)
    if m:
        return None, text
    return None


def without_citation(text: str) -> str:
    """A byline without what is not the report's: a newspaper's citation, reporters, wire datelines."""
    text = _CITATION.sub(" ", text)
    text = _REPORTER.sub(" ", text)
    return " ".join(text.split()).strip(" ，,、；;：:|｜/")


def iso_date(year: str, month: str, day: str | None) -> str | None:
    """``二〇三一``, ``三``, ``五`` -> ``2031-03-05`` (None for an impossible date or no day)."""
    if day is None:
        return None
    try:
        return dt.date(year_value(year), cn_int(month) or 0, cn_int(day) or 0).isoformat()
    except (ValueError, TypeError):
        return None


def parse_date(text: str | None) -> str | None:
    """An ISO date from ``2031-01-20``, ``2031/1/20 10:00``, ``2031年1月20日`` or a datetime's isoformat."""
    if not text:
        return None
    norm = normalise(text)
    m = _ISO_DATE.search(norm)
    if m:
        return iso_date(m.group("year"), m.group("month"), m.group("day"))
    m = _DATE_PARTS.search(norm)
    return iso_date(m.group("year"), m.group("month"), m.group("day")) if m else None


def date_line(text: str) -> DateLine | None:
    """The date and meeting of a ``——2031年1月12日在…会议上`` line, None when it is no date line."""
    norm = normalise(text.strip())
    if not _DATE_LINE.match(norm):
        return None
    m = _DATE_PARTS.search(norm)
    date = iso_date(m.group("year"), m.group("month"), m.group("day")) if m else None
    meeting = _MEETING.search(norm[m.end():] if m else norm)
    return DateLine(date, meeting.group("meeting").strip() if meeting else None)


def region_of_meeting(meeting: str | None) -> str | None:
    """The place a meeting belongs to: ``全国`` for the National People's Congress, else its province or city."""
    if not meeting:
        return None
    if meeting.startswith(("第", "十")) and any(word in meeting for word in NATIONAL_MEETINGS):
        return NATIONAL
    if meeting.startswith(NATIONAL_MEETINGS):
        return NATIONAL
    m = _MEETING_REGION.match(meeting)
    return m.group("region") if m and m.group("region") not in GENERIC_PLACES else None


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
        and presenter_of(text) is None
    )


def find_title(blocks: list[Block], title_hint: str | None, byline_hint: str | None) -> TitleBlock:
    """The title block at the start of ``blocks`` (hints fill what the text lacks)."""
    i, lines = 0, []
    byline_hint = byline_hint or None
    published: str | None = None
    while i < len(blocks) and isinstance(blocks[i], TextBlock) and _PAGE_META.match(blocks[i].text):
        byline_hint = byline_hint or issuer_of(blocks[i].text)
        published = published or _published(blocks[i].text)
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
    head = TitleBlock(title, None, Span(1, 1), i, published=published)
    span_blocks: list[Block] = list(lines)
    # Issuer, date line, byline and page furniture may follow the title in any order.
    while i < len(blocks) and isinstance(blocks[i], TextBlock) and len(span_blocks) < len(lines) + 4:
        block = blocks[i]
        assert isinstance(block, TextBlock)
        if not _title_block_line(block, head):
            break
        span_blocks.append(block)
        i += 1
    head.next_index = i
    if head.issuer is None and byline_hint:
        found = presenter_of(without_citation(byline_hint))
        head.issuer = found[0] if found else None
        head.presenter = head.presenter or (found[1] if found else None)
    if span_blocks:
        head.span = Span(span_blocks[0].line, span_blocks[-1].end)
    else:
        first = blocks[0].line if blocks else 1
        head.span = Span(first, first)
    return head


def _published(text: str) -> str | None:
    m = _PUBLISHED_LINE.search(normalise(text))
    return parse_date(m.group("date")) if m else None


def _title_block_line(block: TextBlock, head: TitleBlock) -> bool:
    """Read one line after the title into ``head``; False when it is not part of the title block."""
    text = block.text
    dated = date_line(text)
    if dated is not None:
        head.date = head.date or dated.date
        head.meeting = head.meeting or dated.meeting
        return True
    if _PAGE_META.match(text):
        head.published = head.published or _published(text)
        if head.issuer is None:
            head.issuer = issuer_of(text)
        return True
    if block.quote:
        if len(text) > MAX_BYLINE_CHARS or _SALUTATION.match(text) or text.endswith(("。", "：", ":")):
            return False
        head.published = head.published or _published(text)
        found = presenter_of(without_citation(text))
        if found is not None and head.issuer is None:
            head.issuer, head.presenter = found[0], head.presenter or found[1]
        return True  # a byline right after the title, whatever else it holds
    found = presenter_of(text) if len(text) <= MAX_ISSUER_CHARS else None
    if found is not None and head.issuer is None and head.presenter is None:
        head.issuer, head.presenter = found
        return True
    return False


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
