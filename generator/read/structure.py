"""Blocks -> Document: the report's structure, found by pattern.

* title block (``read.meta``), then the preamble;
* parts ``一、…`` — a short line not ending in 。 (or a bold / heading line),
  numbered in sequence; role from :data:`PART_ROLES`;
* sections ``（一）…`` — the first sentence (or the words before a ``：``
  that comes first) is the title, the rest of the paragraph (if any) is the
  section's first paragraph;
* items (``一是…``: title up to the first 。) and lead paragraphs (``——…``);
  items run into one paragraph (``…。一是…，…；二是…；三是…``) are split
  into item paragraphs, titled up to their first ``，``; in a section without
  ``一是`` items, numbered paragraphs (``1．…``, ``（1）…``) are its items,
  otherwise they are sub-items of the item above and stay body text;
* after the last item of a part's last section (and its sub-items), body
  paragraphs are the part's ``outro`` (tallies, major-project totals);
* attachments ``附件1`` / ``附表1`` / a lone ``附件`` (the ``附件：1.… 2.…`` list after the parts
  is an index and is skipped); inside them ``一、…`` headings are plain
  paragraphs;
* tables (``read.tables``) take the short line right above them as title and
  the ``注：`` lines right below them as notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.document import (
    READ_GENRES,
    Attachment,
    Document,
    Genre,
    Note,
    Paragraph,
    ParagraphKind,
    Part,
    Section,
    Span,
    Table,
)
from generator.errors import InputError
from generator.read.blocks import Source, TableBlock, TextBlock
from generator.read.genre import classify
from generator.read.meta import NATIONAL, find_title, parse_date, region_of, region_of_meeting, years_of
from generator.read.numerals import NUMERAL_CLASS, YEAR_RE, cn_int, year_value
from generator.read.tables import binding_markers, build_table
from generator.text import first_sentence, normalise

# Part title keyword -> role; first match wins.
PART_ROLES: list[tuple[str, str]] = [
    ("执行情况", "review"),
    ("发展情况", "review"),  # 2031年经济社会发展情况
    ("运行情况", "review"),
    ("工作回顾", "review"),
    ("回顾", "review"),
    ("总体考虑", "outlook"),
    ("总体要求", "outlook"),
    ("主要目标", "outlook"),
    ("预期目标", "outlook"),
    ("重点工作", "tasks"),
    ("主要任务", "tasks"),
    ("重点任务", "tasks"),
    ("工作任务", "tasks"),  # 2031年政府工作任务 (a work report)
    ("工作安排", "tasks"),
]
# Issuers whose reports are national.
NATIONAL_ISSUERS = ("国务院",)
MAX_HEADING_CHARS = 60
MAX_CAPTION_CHARS = 80
_N = f"[{NUMERAL_CLASS}]+"
_PART = re.compile(rf"^(?P<marker>(?P<num>{_N})、|第(?P<num2>{_N})部分\s*)(?P<title>.+)$")
_SECTION = re.compile(rf"^(?P<marker>[（(](?P<num>{_N})[）)])\s*(?P<rest>.*)$")
_ITEM = re.compile(rf"^(?P<num>{_N})是")
# Items run into one paragraph: 一是…；二是…；三是… (see _split_items).
_INLINE_ITEM = re.compile(rf"(?:^|(?<=[。；;：:]))\s*(?P<num>{_N})是")
# Numbered items and sub-items: 1．… / 1、… / （1）… / ①…
_NUMBERED = re.compile(r"^(?:(?P<a>\d{1,2})\s*[．.、](?!\d)|[（(](?P<b>\d{1,2})[）)]|(?P<c>[①-⑳]))\s*")
_ITEM_TITLE_END = re.compile(r"[，,；;。：:！？]")
_TITLE_STOP = re.compile(r"[。！？：:]")
# A section title run into its paragraph with a colon (（一）扩大有效需求：全年…) when
# no sentence ends before it and it is no longer than this.
MAX_COLON_TITLE_CHARS = 40
_LEAD = re.compile(r"^——(?!\s*\d{4}\s*年)")
# 附件1 / 附表1 (an appendix table): both open an attachment.
_ATTACHMENT = re.compile(rf"^附\s*[件表]\s*(?P<num>\d+|{_N})(?:\s*[：:、.．]\s*|\s+|$)(?P<title>.*)$")
_BARE_ATTACHMENT = re.compile(r"^附\s*[件表]\s*$")  # a lone 附件 line: the only (or next) attachment
_ATTACHMENT_INDEX = re.compile(r"^附\s*[件表]\s*[：:]\s*(?P<rest>.*)$")
_INDEX_ENTRY = re.compile(r"^\d+\s*[.．、]")
_NOTE_START = re.compile(r"^(?:注|说明|备注)\s*[：:]\s*")
_NOTE_ENTRY = re.compile(r"^(?:[（(]?\d+[)）]|\d+\s*[.．、]|[①-⑳])")
_SENTENCE_END = ("。", "！", "？", "；")
_TERMINAL = (*_SENTENCE_END, "”", "）")  # a note ending otherwise continues on the next line


@dataclass
class _State:
    doc: Document
    part: Part | None = None
    section: Section | None = None
    attachment: Attachment | None = None
    attachment_title_pending: bool = False
    notes_for: Table | None = None  # the table whose notes may follow
    last: tuple[list[Paragraph], Paragraph] | None = None  # last paragraph and its list
    index_mode: bool = False
    pending_title: str | None = None  # attachment title, which may also title its table
    numbered: Section | None = None  # the section whose items are numbered (1．…), not 一是…

    def container(self) -> list[Paragraph]:
        if self.attachment is not None:
            return self.attachment.paragraphs
        if self.section is not None:
            return self.section.paragraphs
        if self.part is not None:
            return self.part.intro
        return self.doc.preamble

    def add(self, para: Paragraph) -> None:
        target = self.container()
        target.append(para)
        self.last = (target, para)


def build_document(source: Source, path: Path, fmt: str) -> Document:
    """The Document for ``source``; InputError if it has no report structure."""
    blocks = source.blocks
    if not blocks:
        raise InputError("no text found (empty document)", path, 1)
    head = find_title(blocks, source.title_hint, source.byline_hint)
    review, plan = years_of(head.title)
    doc = Document(
        source=str(path),
        format=fmt,
        title=head.title,
        issuer=head.issuer,
        region=region_of(head.title),
        review_year=review,
        plan_year=plan,
        span=head.span,
        presenter=head.presenter,
        meeting=head.meeting,
        date=head.date,
        published=head.published or parse_date(source.date_hint),
        source_url=source.url_hint,
    )
    state = _State(doc)
    has_later_attachment = _attachment_positions(blocks)
    for i, block in enumerate(blocks[head.next_index:], start=head.next_index):
        if isinstance(block, TableBlock):
            _table(state, block)
        else:
            _text(state, block, later_attachment=has_later_attachment[i])
    _close_section(state)
    _finish(doc, path)
    return doc


def _attachment_positions(blocks: list) -> list[bool]:
    """For each block: is there a numbered attachment heading after it?"""
    later, seen = [False] * len(blocks), False
    for i in range(len(blocks) - 1, -1, -1):
        later[i] = seen
        block = blocks[i]
        if isinstance(block, TextBlock) and _ATTACHMENT.match(normalise(block.text)):
            seen = True
    return later


def _text(state: _State, block: TextBlock, later_attachment: bool) -> None:
    text = block.text
    norm = normalise(text)
    span = Span(block.line, block.end)

    if state.notes_for is not None and _note(state, block, norm):
        return
    state.notes_for = None

    if _BARE_ATTACHMENT.match(norm):
        _start_attachment(state, len(state.doc.attachments) + 1, "", span)
        return
    m = _ATTACHMENT.match(norm)
    if m and len(text) <= MAX_HEADING_CHARS:
        number = cn_int(m.group("num")) or len(state.doc.attachments) + 1
        _start_attachment(state, number, text[m.start("title"):].strip(), span)
        return
    if state.attachment is None:
        m = _ATTACHMENT_INDEX.match(norm)
        if m and later_attachment:  # 附件：1.… 2.… — an index of what follows
            state.index_mode = True
            return
        if m:  # a lone "附件：title" with no numbered attachment after it starts the only one
            rest = text[m.start("rest"):].strip()
            entry = _INDEX_ENTRY.match(normalise(rest))
            _start_attachment(state, 1, rest[entry.end():].strip() if entry else rest, span)
            return
        if state.index_mode and _INDEX_ENTRY.match(norm):
            return
    state.index_mode = False

    if state.attachment is not None:
        if state.attachment_title_pending:
            state.attachment_title_pending = False
            if _short_heading(text):
                state.attachment.title = text
                state.attachment.span = Span(state.attachment.span.start, block.end)
                state.pending_title = text
                return
        state.pending_title = None
        state.add(_paragraph(text, span))
        return

    if _part(state, block, norm, span):
        return
    if _section(state, block, norm, span):
        return
    _add_prose(state, text, span)


def _add_prose(state: _State, text: str, span: Span) -> None:
    """A paragraph of a part or section: split at run-in items, numbered items recognised."""
    for piece, run_in in _split_items(text):
        para = _paragraph(piece, span, run_in)
        section = state.section
        if para.kind is ParagraphKind.BODY and section is not None and (state.numbered is section or not section.items):
            numbered = _numbered_item(para)
            if numbered is not None:
                para, state.numbered = numbered, section
        state.add(para)


def _short_heading(text: str) -> bool:
    return 0 < len(text) <= MAX_CAPTION_CHARS and not text.endswith(("。", "；", "，", "："))


def _part(state: _State, block: TextBlock, norm: str, span: Span) -> bool:
    m = _PART.match(norm)
    if not m:
        return False
    number = cn_int(m.group("num") or m.group("num2") or "")
    text = block.text
    formatted = block.bold or block.heading is not None
    plain_heading = len(text) <= MAX_HEADING_CHARS and not text.endswith(_SENTENCE_END) and "。" not in text
    if not (plain_heading or formatted):
        return False
    if number != len(state.doc.parts) + 1:
        state.doc.warnings.append(
            f"line {span.start}: part heading {text[: m.end('marker')].strip()} out of sequence "
            f"(expected part {len(state.doc.parts) + 1}); read as a paragraph"
        )
        return False
    _close_section(state)
    title = text[m.start("title"):].strip().rstrip("。")
    part = Part(number=number, marker=text[: m.start("title")].strip(), title=title, span=span, role=part_role(title))
    state.doc.parts.append(part)
    state.part, state.section = part, None
    return True


def part_role(title: str) -> str:
    return next((role for word, role in PART_ROLES if word in title), "other")


def _section(state: _State, block: TextBlock, norm: str, span: Span) -> bool:
    m = _SECTION.match(norm)
    if not m or state.part is None:
        return False
    number = cn_int(m.group("num"))
    if number != len(state.part.sections) + 1:
        return False
    text = block.text
    title, rest = section_title(text[m.start("rest"):])
    section = Section(number=number, marker=text[: m.end("marker")], title=title, span=span)
    _close_section(state)
    state.part.sections.append(section)
    state.section = section
    if rest:
        _add_prose(state, rest, span)
    return True


def section_title(text: str) -> tuple[str, str]:
    """(title, rest) of a section paragraph: up to the first 。, or a run-in ``：`` before it."""
    m = _TITLE_STOP.search(text)
    if m and m.group() in "：:" and 0 < m.start() <= MAX_COLON_TITLE_CHARS and text[m.end():].strip():
        return text[: m.start()].strip(), text[m.end():].strip()
    return first_sentence(text)


def _close_section(state: _State) -> None:
    """Extend the open section's span over its paragraphs."""
    section = state.section
    if section is not None and section.paragraphs:
        section.span = Span(section.span.start, max(section.span.end, section.paragraphs[-1].span.end))


def _split_items(text: str) -> list[tuple[str, bool]]:
    """``…。一是A；二是B。`` -> [(``…。``, False), (``一是A；``, True), (``二是B。``, True)]."""
    norm = normalise(text)
    starts: list[int] = []
    for m in _INLINE_ITEM.finditer(norm):
        if cn_int(m.group("num")) == len(starts) + 1:
            starts.append(m.start("num"))
    # Only a run of two or more items that opens the paragraph or of which one follows a ；
    # (我市面临诸多机遇。一是…。二是… is an argument in prose).
    listed = starts[:1] == [len(norm) - len(norm.lstrip())] or any(
        norm[:k].rstrip().endswith(("；", ";")) for k in starts[1:]
    )
    if len(starts) < 2 or not listed:
        return [(text, False)]
    pieces = [(text[: starts[0]].strip(), False)]
    pieces += [(text[a:b].strip(), True) for a, b in zip(starts, [*starts[1:], len(text)])]
    return [(piece, run_in) for piece, run_in in pieces if piece]


def _numbered_item(para: Paragraph) -> Paragraph | None:
    """``1．扩大有效投资。…`` as an item (ordinal 1, title 扩大有效投资), else None."""
    m = _NUMBERED.match(normalise(para.text))
    if not m:
        return None
    number = m.group("a") or m.group("b")
    ordinal = int(number) if number else ord(m.group("c")) - ord("①") + 1
    title, _ = first_sentence(para.text[m.end():])
    return Paragraph(para.text, para.span, ParagraphKind.ITEM, ordinal=ordinal, title=title)


def sub_item(para: Paragraph) -> bool:
    """A numbered body paragraph (``（1）…``) under an item."""
    return para.kind is ParagraphKind.BODY and _NUMBERED.match(normalise(para.text)) is not None


def _paragraph(text: str, span: Span, run_in: bool = False) -> Paragraph:
    norm = normalise(text)
    m = _ITEM.match(norm)
    if m:
        title, _ = first_sentence(text[m.end():])
        if run_in:  # 一是扩大有效投资，实施…；: the title ends at the first comma
            cut = _ITEM_TITLE_END.search(title)
            title = title[: cut.start()] if cut and cut.start() > 0 else title
        return Paragraph(text, span, ParagraphKind.ITEM, ordinal=cn_int(m.group("num")), title=title)
    if _LEAD.match(norm):
        title, _ = first_sentence(text[2:])
        return Paragraph(text, span, ParagraphKind.LEAD, title=title)
    return Paragraph(text, span)


def _start_attachment(state: _State, number: int, title: str, span: Span) -> None:
    _close_section(state)
    state.section = None
    state.index_mode = False
    attachment = Attachment(number=number, title=title, span=span)
    state.doc.attachments.append(attachment)
    state.attachment = attachment
    state.attachment_title_pending = not title
    state.pending_title = title or None


def _note(state: _State, block: TextBlock, norm: str) -> bool:
    """Add ``block`` to the notes of the table above if it is one."""
    table = state.notes_for
    assert table is not None
    span = Span(block.line, block.end)
    m = _NOTE_START.match(norm)
    if m:
        rest = block.text[m.end():].strip()
        if rest:
            table.notes.append(Note(rest, span))
        return True
    if not table.notes and not _NOTE_ENTRY.match(norm):
        return False
    if _NOTE_ENTRY.match(norm):
        table.notes.append(Note(block.text, span))
        return True
    last = table.notes[-1] if table.notes else None
    if last and not last.text.endswith(_TERMINAL) and not _ATTACHMENT.match(norm) and not _PART.match(norm):
        table.notes[-1] = Note(last.text + block.text, Span(last.span.start, block.end))
        return True
    return False


def _table(state: _State, block: TableBlock) -> None:
    title = None
    if state.last is not None:
        container, para = state.last
        if (
            container and container[-1] is para
            and para.kind is ParagraphKind.BODY
            and _short_heading(para.text)
        ):
            title = para.text
            container.pop()
    if title is None and state.pending_title:
        title = state.pending_title
    state.pending_title = None
    state.attachment_title_pending = False
    state.last = None
    attachment = state.attachment.number if state.attachment is not None else None
    table = build_table(block, title=title, notes=[], attachment=attachment)
    state.doc.tables.append(table)
    if state.attachment is not None:
        state.attachment.table_indexes.append(len(state.doc.tables) - 1)
    state.notes_for = table


def _finish(doc: Document, path: Path) -> None:
    verdict = classify(doc)
    if verdict.genre not in READ_GENRES:
        line = doc.parts[0].span.start if doc.parts else 1
        if verdict.genre is Genre.UNKNOWN and not doc.parts and not doc.tables:
            raise InputError(f"no report structure found: {verdict.evidence}", path, 1)
        seems = "it seems to be " + verdict.description if verdict.genre is not Genre.UNKNOWN else "it has"
        raise InputError(f"not a plan report or government work report: {seems} ({verdict.evidence})", path, line)
    doc.genre = verdict.genre
    if not doc.parts and not doc.tables:
        raise InputError("no report structure found (no 一、 part headings and no tables)", path, 1)
    _fill_from_parts(doc)
    for table in doc.tables:
        _apply_note_binding(table)
    for part in doc.parts:
        _split_outro(part)
        part.span = Span(part.span.start, _last_line(part))
    for att in doc.attachments:
        ends = [p.span.end for p in att.paragraphs] + [doc.tables[i].span.end for i in att.table_indexes]
        ends += [n.span.end for i in att.table_indexes for n in doc.tables[i].notes]
        att.span = Span(att.span.start, max([att.span.end, *ends]))


def _fill_from_parts(doc: Document) -> None:
    """Years and region a title does not give (``政府工作报告``): from the part headings, date and meeting."""
    if doc.review_year is None:
        doc.review_year = _part_year(doc, ("review",))
    if doc.plan_year is None:
        doc.plan_year = _part_year(doc, ("outlook", "tasks"))
    if doc.plan_year is None and doc.date and doc.genre is Genre.WORK_REPORT:
        doc.plan_year = int(doc.date[:4])  # a work report is delivered early in the year it plans
    if doc.review_year is None and doc.plan_year is not None and doc.genre is Genre.WORK_REPORT:
        doc.review_year = doc.plan_year - 1
    if doc.region is None:
        doc.region = region_of_meeting(doc.meeting) or (NATIONAL if doc.issuer in NATIONAL_ISSUERS else None)


def _part_year(doc: Document, roles: tuple[str, ...]) -> int | None:
    for part in doc.parts:
        if part.role in roles:
            m = YEAR_RE.search(normalise(part.title))
            if m:
                return year_value(m.group(1))
    return None


def _apply_note_binding(table: Table) -> None:
    """Notes are read after the table: re-derive binding flags now they are known."""
    markers = binding_markers(table.notes)
    for row in table.rows:
        if markers.intersection(row.markers):
            row.binding = True


def _split_outro(part: Part) -> None:
    if not part.sections:
        return
    last = part.sections[-1]
    items = [i for i, p in enumerate(last.paragraphs) if p.kind is ParagraphKind.ITEM]
    if not items:
        return
    cut = items[-1] + 1
    while cut < len(last.paragraphs) and sub_item(last.paragraphs[cut]):
        cut += 1
    part.outro = last.paragraphs[cut:]
    del last.paragraphs[cut:]
    if last.paragraphs:
        last.span = Span(last.span.start, last.paragraphs[-1].span.end)


def _last_line(part: Part) -> int:
    ends = [part.span.end]
    ends += [p.span.end for p in part.intro] + [s.span.end for s in part.sections] + [p.span.end for p in part.outro]
    return max(ends)
