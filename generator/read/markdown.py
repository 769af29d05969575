"""Markdown (as saved by crawlers and note tools) -> blocks.

Handles what such files contain: YAML front matter (not text; its
``title``, ``author``, ``date`` and ``source_url`` are hints), ``#`` headings, ``> byline`` lines, bold headings
(``**一、…**``), run-in bold section headings, pipe tables (``| a | b |``
over a ``|---|`` separator), raw HTML ``<table>``s, list bullets and inline
markup (emphasis, escapes, links, images, ``<br>``). Consecutive lines join
into one paragraph as in Markdown, except that a hard break (two trailing
spaces, ``\\``, ``<br>``) or a line opening with a report marker (``一、``,
``（一）``, ``一是``, ``——``, ``附件``, ``注：``) starts a new one.

What note-taking tools add is not the report and is dropped: callouts
(``> [!tip] 批注汇总`` and the ``>`` lines under it), ``%%…%%`` comments and
``==highlight==`` marks.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from io import StringIO

from bs4 import BeautifulSoup
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.read import limits
from generator.read.blocks import Block, Source, TableBlock, TextBlock, clean_cell, clean_text
from generator.read.html import data_table, prescan
from generator.read.numerals import NUMERAL_CLASS

_N = f"[{NUMERAL_CLASS}]+"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^>\s?(.*)$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")  # thematic breaks, setext underlines
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_BR = re.compile(r"<br\s*/?>", re.I)
# (\d．…: a numbered note line; 2.5 is a decimal.)
_NEW_PARAGRAPH = re.compile(rf"^(?:{_N}、|[（(]{_N}[）)]|{_N}是|——|附\s*件|(?:注|说明)[：:]|\d{{1,2}}\s*(?:[．、]|\.(?!\d))|\*\*|__)")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<inner>.+?)\1$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"\*\*|__|~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_CODE = re.compile(r"`+")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_CALLOUT = re.compile(r"^>\s*\[![\w-]+\][+-]?")
_COMMENT_FENCE = "%%"
_URL = re.compile(r"^https?://\S+$", re.I)
FRONT_MATTER_TITLE = ("title", "标题")
FRONT_MATTER_BYLINE = ("author", "source", "publisher", "organization", "来源", "作者", "发布机构")
FRONT_MATTER_DATE = ("date", "published", "publish_date", "pubdate", "created", "发布时间", "发布日期", "日期")
FRONT_MATTER_URL = ("source_url", "url", "link", "original_url", "canonical_url", "source", "原文链接", "链接")


def parse_markdown(text: str) -> Source:
    if "<" in text:
        prescan(text)  # raw HTML tables are parsed with BeautifulSoup
    lines = text.split("\n")
    start, meta = _front_matter(lines)
    reader = _Reader(lines)
    reader.run(start)
    title = _meta_value(meta, FRONT_MATTER_TITLE)
    byline = next((v for v in _meta_values(meta, FRONT_MATTER_BYLINE) if not _URL.match(v)), None)
    url = next((v for v in _meta_values(meta, FRONT_MATTER_URL) if _URL.match(v)), None)
    return Source(blocks=reader.blocks, title_hint=title, byline_hint=byline,
                  date_hint=_meta_value(meta, FRONT_MATTER_DATE), url_hint=url)


def _front_matter(lines: list[str]) -> tuple[int, dict]:
    """(index of the first content line, front matter mapping)."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            try:
                data = YAML(typ="safe", pure=True).load(StringIO("\n".join(lines[1:end])))
            except (YAMLError, ValueError, TypeError):  # malformed front matter: skip it all the same
                data = None
            return end + 1, data if isinstance(data, dict) else {}
    return 0, {}


def _meta_values(meta: dict, keys: tuple[str, ...]) -> list[str]:
    out = []
    for key in keys:
        value = meta.get(key)
        if isinstance(value, (dt.date, dt.datetime)):
            out.append(value.isoformat())
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            out.append(clean_text(str(value)))
    return out


def _meta_value(meta: dict, keys: tuple[str, ...]) -> str | None:
    found = _meta_values(meta, keys)
    return found[0] if found else None


def inline(text: str) -> str:
    """Markdown inline markup removed: images, links, tags, emphasis, escapes."""
    text = _IMAGE.sub("", text)
    text = _HIGHLIGHT.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _CODE.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return htmllib.unescape(text)


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.para: list[str] = []
        self.para_start = 0
        self.para_end = 0
        self.para_bold = False

    def flush(self) -> None:
        if self.para:
            out = ""
            for piece in self.para:
                piece = clean_text(piece)
                if out and piece and not (_cjk(out[-1]) or _cjk(piece[0])):
                    out += " "
                out += piece
            if out:
                self.blocks.append(TextBlock(out, self.para_start, self.para_end, bold=self.para_bold))
        self.para = []
        self.para_bold = False

    def text(self, raw: str, number: int, **hints: object) -> None:
        for piece in _BR.split(raw):
            text = clean_text(inline(piece))
            if text:
                self.blocks.append(TextBlock(text, number, number, **hints))  # type: ignore[arg-type]

    def run(self, i: int) -> None:
        lines = self.lines
        while i < len(lines):
            raw = lines[i]
            line = raw.strip()
            number = i + 1
            if not line or _RULE.match(line):
                self.flush()
                i += 1
                continue
            if _CALLOUT.match(line):  # a note tool's callout and its quoted lines
                self.flush()
                i += 1
                while i < len(lines) and lines[i].strip().startswith(">"):
                    i += 1
                continue
            if line.startswith(_COMMENT_FENCE):  # %% a note tool's comment %%
                self.flush()
                end = i if line.endswith(_COMMENT_FENCE) and len(line) > 2 else i + 1
                while end < len(lines) and _COMMENT_FENCE not in lines[end]:
                    end += 1
                i = end + 1
                continue
            if line.lower().startswith("<table"):
                self.flush()
                i = self.html_table(i)
                continue
            following = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if "|" in line and (
                ("|" in following and _SEPARATOR.match(following)) or (line.startswith("|") and line.endswith("|"))
            ):
                self.flush()
                i = self.pipe_table(i)
                continue
            m = _HEADING.match(line)
            if m:
                self.flush()
                self.text(m.group(2), number, heading=len(m.group(1)), bold=False)
                i += 1
                continue
            m = _QUOTE.match(line)
            if m:
                self.flush()
                self.text(m.group(1), number, quote=True)
                i += 1
                continue
            m = _BULLET.match(line)
            if m:
                self.flush()
                self.text(m.group(1), number)
                i += 1
                continue
            self.paragraph_line(raw, number)
            i += 1
        self.flush()

    def paragraph_line(self, raw: str, number: int) -> None:
        line = raw.strip()
        if self.para and _NEW_PARAGRAPH.match(inline(line) if not line.startswith(("**", "__")) else line):
            self.flush()
        bold_line = _BOLD_LINE.match(line)
        pieces = _BR.split(line)
        for k, piece in enumerate(pieces):
            if k:
                self.flush()
            if not self.para:
                self.para_start = number
                self.para_bold = bool(bold_line)
            self.para.append(inline(piece))
            self.para_end = number
        if raw.endswith("  ") or raw.endswith("\\") or bold_line:
            self.flush()

    def pipe_table(self, i: int) -> int:
        lines = self.lines
        rows: list[list[str]] = []
        spans: list[tuple[int, int]] = []
        while i < len(lines):
            line = lines[i].strip()
            if not line or "|" not in line:
                break
            if not _SEPARATOR.match(line):
                rows.append(_pipe_cells(line))
                spans.append((i + 1, i + 1))
                limits.charge_cells(len(rows[-1]), i + 1)
            i += 1
        if rows:
            self.blocks.append(TableBlock(rows, spans))
        return i

    def html_table(self, i: int) -> int:
        lines = self.lines
        start = i
        chunk: list[str] = []
        while i < len(lines):
            chunk.append(lines[i])
            i += 1
            if "</table>" in lines[i - 1].lower():
                break
        table = BeautifulSoup("\n".join(chunk), "lxml").find("table")
        rows = data_table(table) if table is not None else None
        if rows:
            spans = [(start + 1, i)] * len(rows)
            self.blocks.append(TableBlock(rows, spans))
        else:
            self.text(BeautifulSoup("\n".join(chunk), "lxml").get_text(" "), start + 1)
        return i


def _pipe_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = _CELL_SPLIT.split(line)
    return [clean_cell(inline(_BR.sub("\n", c))) for c in cells]


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…"
