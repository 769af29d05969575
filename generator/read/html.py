"""HTML pages (as published on government websites) -> blocks.

Parses only (BeautifulSoup + lxml); nothing is ever fetched. Page furniture
(:data:`DROP_TAGS`) is removed, then the article container is chosen: the
first CMS class/id of :data:`CONTAINER_HINTS` that holds a fair share of the
page's Chinese text, else the deepest element holding most of it. Inside it
block elements and ``<br>`` delimit paragraphs; ``<table>`` becomes a
TableBlock (colspan/rowspan expanded with empty cells so text is not
repeated) unless it is a layout table (nested tables, or a single row or
column), whose cells are read as prose. ``<blockquote>`` paragraphs are
quotes (bylines, as in Markdown). A block's "line" is its ordinal.

Before BeautifulSoup builds its tree (about 1 KB of memory per element) the
page's tags are counted with a regular expression: a page with more table
cells or elements than the limits allow (:mod:`generator.read.limits`) is
refused at once; the nesting depth is checked on the tree before it is
walked. Document hints come from ``<meta>``: title, author/source, date
(``PubDate``, ``article:published_time``, ``date``) and the page's own
address (``<link rel="canonical">``, ``og:url``).
"""

from __future__ import annotations

import codecs
import re
import warnings
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from generator.errors import InputError
from generator.read import limits
from generator.read.blocks import Block, Source, TableBlock, TextBlock, clean_cell, clean_text

DROP_TAGS = [
    "script", "style", "nav", "header", "footer", "iframe", "frame", "frameset", "form", "noscript",
    "aside", "button", "select", "input", "textarea", "svg", "object", "embed", "template", "head",
    "link", "meta", "audio", "video", "canvas", "map",
]
# Void elements libxml2 does not know: it nests the rest of the page inside
# them (``<embed src=…><p>…`` swallows every later paragraph), so they are
# unwrapped, keeping that text, rather than dropped with their "children".
VOID_DROP_TAGS = {"embed", "param", "source", "track", "keygen", "wbr"}
BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "main", "blockquote", "pre", "center", "figure", "figcaption", "address", "hr",
    "caption", "tr", "td", "th", "tbody", "thead", "tfoot", "body", "html", "table",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BOLD_TAGS = {"b", "strong"}
# Government CMS article containers, most specific first.
CONTAINER_HINTS = [
    re.compile(r"TRS_Editor|TRS_UEDITOR|trs_paper_default", re.I),
    re.compile(r"Custom_UnionStyle", re.I),
    re.compile(r"\bzoom\b|zoomcon|fontzoom", re.I),
    re.compile(r"article|content|detail|main|pages?_?con|text", re.I),
]
MIN_HINT_SHARE = 0.3  # a hinted container must hold this share of the page's Chinese text
MIN_FALLBACK_SHARE = 0.8
MAX_SPAN = 1000  # colspan/rowspan beyond this is garbage
TITLE_META = ("ArticleTitle", "og:title", "title")
BYLINE_META = ("ContentSource", "author", "Author", "source")
DATE_META = ("PubDate", "pubdate", "publishdate", "article:published_time", "dcterms.created", "date", "Date")
URL_META = ("og:url", "url", "Url")
QUOTE_TAGS = {"blockquote"}
# What opens a table cell / any element (prescan).
_CELL_TAG = re.compile(r"<t[dh](?=[\s>/])", re.I)
_ANY_TAG = re.compile(r"<[A-Za-z]")
_CELL_TAG_BYTES = re.compile(rb"<t[dh](?=[\s>/])", re.I)
_ANY_TAG_BYTES = re.compile(rb"<[A-Za-z]")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SOURCE_LINE = re.compile(r"(?:来源|信息来源|发布机构)\s*[：:]\s*([\u4e00-\u9fff]{2,30}?(?:委员会|发展改革委|发改委|人民政府|厅|局))")
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` (first 4 KB), if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def prescan(source: str | bytes) -> None:
    """Refuse a page over the cell or element limit before it is decoded or parsed.

    Counts tags with a regular expression and stops one past the limit, so a
    page of any size costs no more than that many matches. Every cell opens
    with ``<td``/``<th`` in some letter case, every element with ``<`` and a
    letter. On bytes this holds for every ASCII-compatible encoding (``<`` is
    never part of a GB18030 character); UTF-16/32 pages are counted after
    decoding.
    """
    if isinstance(source, bytes):
        if source.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return
        cell, element = _CELL_TAG_BYTES, _ANY_TAG_BYTES
    else:
        cell, element = _CELL_TAG, _ANY_TAG  # type: ignore[assignment]
    for key, pattern in (("table_cells", cell), ("html_elements", element)):
        cap = limits.value(key)
        found = sum(1 for _ in islice(pattern.finditer(source), cap + 1))  # type: ignore[arg-type]
        if found > cap:
            raise limits.LimitExceeded(key, found, 1, at_least=True)


def depth(root: Tag) -> int:
    """The deepest nesting of elements under ``root`` (iterative: no recursion limit)."""
    deepest = 0
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in node.children if isinstance(child, Tag))
    return deepest


def parse_html(text: str, path: Path) -> Source:
    prescan(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "lxml")
    limits.check("html_depth", depth(soup))
    title_hint, byline_hint = _hints(soup)
    date_hint, url_hint = _page_hints(soup)
    for tag in soup.find_all([*DROP_TAGS, *VOID_DROP_TAGS]):
        if tag.decomposed:  # a dropped tag inside one already dropped
            continue
        if tag.name in VOID_DROP_TAGS:
            tag.unwrap()
        else:
            tag.decompose()
    container = _container(soup)
    walker = _Walker()
    try:
        walker.visit(container)
    except RecursionError:
        raise InputError(f"HTML nested too deeply to read (raise {limits.LIMITS['html_depth'].env} "
                         "only with care)", path, 1) from None
    walker.flush()
    return Source(blocks=walker.blocks, title_hint=title_hint, byline_hint=byline_hint,
                  date_hint=date_hint, url_hint=url_hint)


def _page_hints(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """(publication date, the page's own address) from ``<meta>`` and ``<link rel=canonical>``."""
    metas = {str(m.get("name") or m.get("property") or ""): str(m.get("content") or "").strip()
             for m in soup.find_all("meta")}
    date = next((metas[k] for k in DATE_META if metas.get(k)), None)
    url = None
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        if "canonical" in (rel if isinstance(rel, list) else [rel]) and str(link.get("href") or "").strip():
            url = str(link.get("href")).strip()
            break
    url = url or next((metas[k] for k in URL_META if metas.get(k)), None)
    return date, url


def _hints(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    title = None
    for tag in soup.find_all(["h1", "h2"]):
        text = clean_text(tag.get_text())
        if "报告" in text or "计划" in text:
            title = text
            break
    metas = {str(m.get("name") or m.get("property") or ""): str(m.get("content") or "") for m in soup.find_all("meta")}
    if title is None:
        title = next((clean_text(metas[k]) for k in TITLE_META if metas.get(k, "").strip()), None)
    if title is None and soup.title is not None:
        title = clean_text(soup.title.get_text()) or None
    byline = next((clean_text(metas[k]) for k in BYLINE_META if metas.get(k, "").strip()), None)
    if byline is None:  # "来源：…委员会" in the page's info line
        m = _SOURCE_LINE.search(soup.get_text(" "))
        byline = m.group(1) if m else None
    return title, byline


def _cjk_counts(root: Tag) -> tuple[list[Tag], dict[int, int]]:
    """Every element in document order, and its Chinese-character count (linear time)."""
    elements = [root, *root.find_all(True)]
    counts: dict[int, int] = {}
    for el in reversed(elements):  # children come after parents in document order
        total = 0
        for child in el.children:
            if isinstance(child, Tag):
                total += counts.get(id(child), 0)
            elif isinstance(child, NavigableString) and not isinstance(child, _SKIP_STRINGS):
                total += len(_CJK.findall(child))
        counts[id(el)] = total
    return elements, counts


def _container(soup: BeautifulSoup) -> Tag:
    root = soup.body or soup
    elements, counts = _cjk_counts(root)
    total = counts[id(root)]
    if total == 0:
        return root
    for hint in CONTAINER_HINTS:
        hinted = [
            el for el in elements
            if counts[id(el)] >= MIN_HINT_SHARE * total and hint.search(_names(el))
        ]
        if hinted:
            best = max(counts[id(el)] for el in hinted)
            return [el for el in hinted if counts[id(el)] >= 0.95 * best][-1]  # the deepest of the best
    return [el for el in elements if counts[id(el)] >= MIN_FALLBACK_SHARE * total][-1]


def _names(el: Tag) -> str:
    classes = el.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([str(el.get("id") or ""), *map(str, classes)])


@dataclass
class _Walker:
    blocks: list[Block] = field(default_factory=list)
    ordinal: int = 0
    parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold)
    heading: int | None = None
    bold_depth: int = 0
    pre_depth: int = 0
    quote_depth: int = 0

    def flush(self) -> None:
        text = clean_text("".join(t for t, _ in self.parts))
        if text:
            bold = all(b for t, b in self.parts if t.strip())
            self.ordinal += 1
            self.blocks.append(TextBlock(text, self.ordinal, self.ordinal, heading=self.heading, bold=bold,
                                         quote=self.quote_depth > 0))
        self.parts = []

    def visit(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                self._tag(child)
            elif isinstance(child, NavigableString) and not isinstance(child, _SKIP_STRINGS):
                self._string(str(child))

    def _string(self, text: str) -> None:
        if self.pre_depth:
            lines = text.split("\n")
            for k, line in enumerate(lines):
                if k:
                    self.flush()
                self.parts.append((line, self.bold_depth > 0))
        else:
            self.parts.append((text, self.bold_depth > 0))

    def _tag(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":
            self.flush()
            return
        if name == "table":
            rows = data_table(tag)
            if rows is not None:
                self.flush()
                spans = [(self.ordinal + k + 1, self.ordinal + k + 1) for k in range(len(rows))]
                self.ordinal += len(rows)
                self.blocks.append(TableBlock(rows, spans))
                return
        bold = name in BOLD_TAGS or "bold" in str(tag.get("style") or "").replace(" ", "").lower()
        block = name in BLOCK_TAGS
        if block:
            self.flush()
        saved_heading = self.heading
        if name in HEADINGS:
            self.heading = HEADINGS[name]
        self.bold_depth += bold
        self.pre_depth += name == "pre"
        self.quote_depth += name in QUOTE_TAGS
        self.visit(tag)
        self.bold_depth -= bold
        self.pre_depth -= name == "pre"
        self.quote_depth -= name in QUOTE_TAGS
        if block:
            self.flush()
        self.heading = saved_heading


def _span(tag: Tag, attr: str) -> int:
    try:
        return min(MAX_SPAN, max(1, int(str(tag.get(attr) or "1").strip() or "1")))
    except ValueError:
        return 1


def _own_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def data_table(table: Tag) -> list[list[str]] | None:
    """The table's grid, or None for a layout table."""
    if table.find("table") is not None:
        return None
    trs = _own_rows(table)
    raw = [tr.find_all(["td", "th"], recursive=False) for tr in trs]
    if len(raw) < 2 or max((sum(_span(c, "colspan") for c in r) for r in raw), default=0) < 2:
        return None
    rows: list[list[str]] = []
    carry: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for cells in raw:
        # Charged before the row is expanded: spans could make it enormous.
        limits.charge_cells(sum(_span(c, "colspan") for c in cells) + sum(1 for v in carry.values() if v > 0))
        out: list[str] = []
        col = 0

        def skip_carried() -> None:
            nonlocal col
            while carry.get(col, 0) > 0:
                carry[col] -= 1
                out.append("")
                col += 1

        for cell in cells:
            skip_carried()
            out.append(_cell_text(cell))
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            out.extend([""] * (colspan - 1))
            for k in range(colspan):
                if rowspan > 1:
                    carry[col + k] = rowspan - 1
            col += colspan
        for c in sorted(k for k, v in carry.items() if v > 0 and k >= col):
            out.extend([""] * (c - col))
            col = c
            skip_carried()
        rows.append(out)
    return rows


def _cell_text(cell: Tag) -> str:
    for br in cell.find_all("br"):
        br.replace_with("\n")
    for inner in cell.find_all(["p", "div", "li"]):
        inner.insert_before("\n")
    return clean_cell(cell.get_text())
