"""The document model: what every reader produces and every later stage reads.

A document is of a :class:`Genre`: a plan report (the genre the tool is made
for) or a government work report (政府工作报告, which shares its shape); the
reader refuses other genres, naming them. A plan report is a title block, a preamble, numbered *parts* (``一、``), each
with *sections* (``（一）``, whose first sentence is the section title) made
of *paragraphs*; a paragraph that opens with ``一是`` / ``二是`` is an *item*,
one that opens with ``——`` is a *lead* paragraph. After the parts come the
*attachments* (``附件1``), which hold the indicator *tables*.

Every node keeps the 1-based line range of the source it came from
(:class:`Span`) so that findings and key figures can cite it. For ``.docx``
and ``.html`` sources a "line" is the ordinal of the block (paragraph or
table row) in the source, counted from 1.

Text is kept as written (``display``); ``generator.text.normalise`` gives the
half-width form used for matching numbers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Iterator


class Genre(str, Enum):
    """What a document is. Only the first two are read; the others name what a refused file seems to be."""

    PLAN_REPORT = "plan_report"  # 关于…国民经济和社会发展计划执行情况与…计划草案的报告
    WORK_REPORT = "work_report"  # 政府工作报告
    BUDGET_REPORT = "budget_report"  # 关于…预算执行情况与…预算草案的报告
    STATISTICAL_COMMUNIQUE = "statistical_communique"  # …国民经济和社会发展统计公报
    SPEECH = "speech"  # 在…会议上的讲话
    NEWS_ARTICLE = "news_article"  # a newspaper or agency report
    UNKNOWN = "unknown"  # no report structure at all


READ_GENRES = (Genre.PLAN_REPORT, Genre.WORK_REPORT)


@dataclass(frozen=True)
class Span:
    """Inclusive 1-based line range in the source file."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.start}" if self.start == self.end else f"{self.start}–{self.end}"


class ParagraphKind(str, Enum):
    BODY = "body"
    LEAD = "lead"  # opens with ——
    ITEM = "item"  # opens with 一是 / 二是 …


@dataclass
class Paragraph:
    """One paragraph of prose."""

    text: str
    span: Span
    kind: ParagraphKind = ParagraphKind.BODY
    ordinal: int | None = None  # item number for ITEM paragraphs (一是 -> 1)
    title: str | None = None  # item title (text after 一是 up to the first 。) or lead title


@dataclass
class Section:
    """A ``（一）`` section: its first sentence is the title."""

    number: int
    marker: str  # as written, e.g. "（一）"
    title: str  # the title sentence without marker and final punctuation
    span: Span
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def items(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind is ParagraphKind.ITEM]


@dataclass
class Part:
    """A ``一、`` part of the report: ``intro``, ``sections``, then ``outro``."""

    number: int
    marker: str  # e.g. "一、"
    title: str
    span: Span
    role: str = "other"  # "review" | "outlook" | "tasks" | "other" (see read.structure)
    intro: list[Paragraph] = field(default_factory=list)  # before the first section
    sections: list[Section] = field(default_factory=list)
    # Body paragraphs after the last item of the last section (tallies, totals of
    # major projects); they close the part rather than belong to that section.
    outro: list[Paragraph] = field(default_factory=list)


class RowKind(str, Enum):
    HEADER = "header"
    CATEGORY = "category"  # 一、推动高质量发展
    INDICATOR = "indicator"
    SUBROW = "subrow"  # #民间投资增速（%）, attached to the indicator above
    OTHER = "other"


class ColumnRole(str, Enum):
    NUMBER = "number"  # 序号
    NAME = "name"  # 指标名称
    UNIT = "unit"  # 单位
    ATTRIBUTE = "attribute"  # 属性 (约束性/预期性)
    TARGET = "target"  # 预期目标 / 目标 / 预期
    ACTUAL = "actual"  # 完成 / 预计完成 / 实际
    STATUS = "status"  # 完成情况 column holding 完成 / 未完成 (the report's own verdict)
    OTHER = "other"


@dataclass
class Column:
    header: str  # header text, cells of multi-row headers joined
    role: ColumnRole
    year: int | None = None  # year named in the header, if any


@dataclass
class Row:
    """One table row. ``cells`` align with ``Table.columns``."""

    kind: RowKind
    cells: list[str]
    span: Span
    number: int | None = None  # 序号 as printed
    name: str | None = None  # indicator name without unit and markers
    unit: str | None = None  # unit from the name's brackets or a unit column
    binding: bool = False  # marked * (约束性)
    markers: list[str] = field(default_factory=list)  # "*", "▽", "#" as found on the name
    category: str | None = None  # the category row above, e.g. "推动高质量发展"
    parent: int | None = None  # index into Table.rows of the parent indicator (sub-rows)

    def value(self, table: "Table", role: ColumnRole, year: int | None = None) -> str | None:
        """Cell text of the first column with this role (and year, when given)."""
        for i, col in enumerate(table.columns):
            if col.role is role and (year is None or col.year == year):
                return self.cells[i] if i < len(self.cells) else None
        return None


@dataclass
class Note:
    text: str
    span: Span


@dataclass
class Table:
    """A table as found in the source; ``kind`` is "indicator" when it has indicator rows."""

    title: str | None
    span: Span
    columns: list[Column]
    rows: list[Row]
    kind: str = "generic"  # "indicator" | "generic"
    notes: list[Note] = field(default_factory=list)  # 注：1．加“*”为约束性指标…
    attachment: int | None = None  # number of the attachment holding it

    def indicators(self) -> list[Row]:
        return [r for r in self.rows if r.kind is RowKind.INDICATOR]

    def children(self, parent_index: int) -> list[Row]:
        return [r for r in self.rows if r.kind is RowKind.SUBROW and r.parent == parent_index]


@dataclass
class Attachment:
    number: int
    title: str
    span: Span
    paragraphs: list[Paragraph] = field(default_factory=list)
    table_indexes: list[int] = field(default_factory=list)  # into Document.tables


@dataclass
class Document:
    """A whole report."""

    source: str  # path as given
    format: str  # the format it was read as (content, not extension): "txt" | "docx" | "html" | "md"
    title: str
    issuer: str | None  # the organisation that issued it, never a newspaper or a note
    region: str | None  # e.g. the province or city, "全国" for the national report
    review_year: int | None
    plan_year: int | None
    span: Span  # lines of the title block
    genre: Genre = Genre.PLAN_REPORT
    presenter: str | None = None  # who delivered it as printed: 国务院总理 李强, 某省发展和改革委员会主任 张三
    meeting: str | None = None  # where: 某省第十五届人民代表大会第二次会议
    date: str | None = None  # when it was delivered (its own date line), ISO 8601
    published: str | None = None  # when the copy read was published (front matter, page metadata), ISO 8601
    source_url: str | None = None  # the address of the copy read, when the file records it
    preamble: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph of prose in reading order (parts, then attachments)."""
        yield from self.preamble
        for part in self.parts:
            yield from part.intro
            for section in part.sections:
                yield from section.paragraphs
            yield from part.outro
        for att in self.attachments:
            yield from att.paragraphs

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (enums as their values); each section also lists its ``items``."""
        data = _plain(asdict(self))
        for part in data["parts"]:
            for section in part["sections"]:
                section["items"] = [p for p in section["paragraphs"] if p["kind"] == ParagraphKind.ITEM.value]
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
