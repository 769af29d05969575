"""A grid of cells -> :class:`generator.document.Table`.

Owns what a table *means*: which leading rows are headers, each column's
role and year (from the header text, through :data:`COLUMN_ROLES`), which
rows are categories (``一、推动高质量发展``), indicators or sub-rows
(``#民间投资增速（%）``, attached to the indicator above), and how an
indicator name splits into name, unit and markers
(``空气质量优良天数（天）*`` -> ``空气质量优良天数``, ``天``, ``["*"]``).
Binding (约束性) comes from the ``*`` marker, from a marker a note names
(``加“*”为约束性指标``) or from an attribute column. A ``完成情况`` column
whose cells are verdicts (``完成`` / ``未完成``, :data:`STATUS_VERDICTS`) is
the report's own status column (role ``status``), not an actual.

Multi-row headers are joined per column; a group header merged across
columns (``2024年`` over ``预期目标 | 完成情况``) reaches every column under it,
so each gets its year. A ``类别`` column whose cells are merged down a group
of rows (``经济发展`` over five indicators) gives those rows their category.
"""

from __future__ import annotations

import re

from generator.document import Column, ColumnRole, Note, Row, RowKind, Span, Table
from generator.read.blocks import TableBlock
from generator.read.numerals import NUMERAL_CLASS, YEAR_RE, year_value
from generator.text import normalise

# Header pattern (searched in the header text without spaces) -> column role,
# first match wins: "预计完成" is an actual, "指标属性" an attribute before
# "指标" could make it a name; "项目" names a column only on its own.
COLUMN_ROLES: list[tuple[str, ColumnRole]] = [
    ("序号", ColumnRole.NUMBER),
    ("编号", ColumnRole.NUMBER),
    ("属性", ColumnRole.ATTRIBUTE),
    ("类型", ColumnRole.ATTRIBUTE),
    ("指标名称", ColumnRole.NAME),
    ("名称", ColumnRole.NAME),
    ("单位", ColumnRole.UNIT),
    ("预计完成", ColumnRole.ACTUAL),
    ("完成", ColumnRole.ACTUAL),
    ("实际", ColumnRole.ACTUAL),
    ("执行", ColumnRole.ACTUAL),
    ("实绩", ColumnRole.ACTUAL),
    ("预期目标", ColumnRole.TARGET),
    ("目标", ColumnRole.TARGET),
    ("预期", ColumnRole.TARGET),
    ("计划", ColumnRole.TARGET),
    ("指标", ColumnRole.NAME),
    ("^(?:项目|项目名称|内容)$", ColumnRole.NAME),
]
HEADER_WORDS = re.compile("|".join([k for k, _ in COLUMN_ROLES] + ["备注", "说明", r"\d{4}年$"]))
_ROLE_PATTERNS = [(re.compile(pattern), role) for pattern, role in COLUMN_ROLES]
MAX_HEADER_ROWS = 3
# A cell holding a figure (5.5, 6左右, -2.1, 60万人以上) is data: a row with one is no header.
# (A year, 2031年, is header text.)
_FIGURE_CELL = re.compile(r"^[-+—–−]?\d+(?:\.\d+)?\s*(?![年月日])(?:%|‰|[万亿]?[\u4e00-\u9fff]{0,2})?(?:左右|以上|以内|以下)?$")
# Headers of a column that may hold the report's own verdict per indicator.
STATUS_HEADER = re.compile(r"完成情况|是否完成|是否达到|达标情况|评价|情况说明")
# Verdict cells of such a column -> "met" | "missed" | "partly" (read by the fact-checks).
STATUS_VERDICTS: dict[str, str] = {
    "完成": "met", "已完成": "met", "全面完成": "met", "超额完成": "met", "超过目标": "met",
    "达到": "met", "已达到": "met", "达到预期": "met", "符合预期": "met", "达标": "met", "是": "met",
    "✓": "met", "√": "met",
    "基本完成": "partly", "接近目标": "partly", "基本达到": "partly",
    "未完成": "missed", "没有完成": "missed", "未达到": "missed", "未达预期": "missed",
    "低于预期": "missed", "未达标": "missed", "否": "missed", "×": "missed", "✗": "missed",
}
# Marker characters printed on indicator names, folded to one form each.
MARKERS: dict[str, str] = {"*": "*", "＊": "*", "▽": "▽", "△": "△", "★": "★", "☆": "☆", "※": "※", "#": "#", "＃": "#"}
DEFAULT_BINDING_MARKERS = frozenset({"*"})
BINDING_WORD = "约束性"
SUBROW_PREFIXES = ("#", "＃", "其中：", "其中:")
# Endings of a unit written in brackets after a name: （%） （万元/人年） （亿公斤）.
UNIT_ENDINGS = (
    "%", "‰", "％", "元", "美元", "人", "人次", "天", "日", "件", "家", "个", "个百分点", "吨", "公斤", "斤",
    "亩", "公顷", "公里", "千米", "米", "平方米", "立方米", "瓦", "千瓦", "千瓦时", "度", "户", "所", "张",
    "辆", "次", "项", "座", "台", "套", "箱", "标箱", "岁", "年", "人年", "小时", "分钟", "倍", "点", "床",
    "册", "处", "条", "份", "株", "头", "只", "根", "部", "艘", "架", "列", "篇", "宗", "例", "位", "级",
)
MAX_UNIT_CHARS = 10
_UNIT_ASCII = re.compile(r"^[A-Za-z/·²³.\d]+$")
_TRAILING_BRACKET = re.compile(r"[（(]([^（）()]*)[）)]$")
_CATEGORY = re.compile(rf"^(?:[{NUMERAL_CLASS}]+[、.．]|[（(][{NUMERAL_CLASS}]+[）)]|第[{NUMERAL_CLASS}]+[类部分])\s*")
# Header of a column naming each row's group (its cell merged down the group's rows).
CATEGORY_HEADER = re.compile(r"^(?:类别|分类|领域|指标类别|指标分类|门类)$")
_INTEGER = re.compile(r"^\d{1,4}$")
_FIGURE = re.compile(r"\d")
_NUMERIC = re.compile(r"^[\d.,%＋+\-—–~～∶:]+$")
# A note naming the binding marker: 加“*”为约束性指标, 标注★的为约束性指标.
_BINDING_NOTE = re.compile(
    r"[“\"「‘'](?P<q>[^”\"」’']{1,2})[”\"」’']\s*(?:号)?\s*(?:的)?\s*(?:为|是|表示|系)?\s*约束性"
    r"|(?:加|标|带|标注|标有)\s*(?P<b>[*＊★☆※△▽])\s*(?:号)?\s*(?:的)?\s*(?:为|是|表示|系)?\s*约束性"
)


def compact(text: str) -> str:
    return "".join(text.split())


def binding_markers(notes: list[Note]) -> set[str]:
    """Markers that notes declare binding, plus ``*``."""
    found = set(DEFAULT_BINDING_MARKERS)
    for note in notes:
        for m in _BINDING_NOTE.finditer(note.text):
            for ch in m.group("q") or m.group("b") or "":
                if ch in MARKERS:
                    found.add(MARKERS[ch])
    return found


def split_name(raw: str) -> tuple[str, str | None, list[str]]:
    """``#民间投资增速（%）*`` -> (``民间投资增速``, ``%``, ``["#", "*"]``)."""
    markers: list[str] = []
    name = raw.strip()

    def take(ch: str) -> None:
        if MARKERS[ch] not in markers:
            markers.append(MARKERS[ch])

    while name and name[0] in MARKERS:
        take(name[0])
        name = name[1:].lstrip()
    for prefix in SUBROW_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):].lstrip()
    unit = None
    for _ in range(2):  # markers may sit before or after the unit bracket
        while name and name[-1] in MARKERS:
            take(name[-1])
            name = name[:-1].rstrip()
        m = _TRAILING_BRACKET.search(name)
        if unit is None and m and is_unit(m.group(1)):
            unit = m.group(1).strip()
            name = name[: m.start()].rstrip()
    return name, unit, markers


def is_unit(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > MAX_UNIT_CHARS:
        return False
    return text.endswith(UNIT_ENDINGS) or "/" in text or bool(_UNIT_ASCII.match(text))


def _header_row(cells: list[str]) -> bool:
    filled = [compact(c) for c in cells if c.strip()]
    return (
        bool(filled)
        and any(HEADER_WORDS.search(normalise(c)) for c in filled)
        and not _INTEGER.match(normalise(filled[0]))
        and not any(_FIGURE_CELL.match(normalise(c)) for c in filled)
    )


def verdict(cell: str) -> str | None:
    """``未完成`` -> ``missed``; None if the cell is no verdict word."""
    return STATUS_VERDICTS.get(compact(normalise(cell)).rstrip("。"))


def _status_columns(columns: list[Column], body: list[tuple[list[str], Span]]) -> None:
    """A 完成情况 column of verdict words is the report's status, not an actual."""
    for j, column in enumerate(columns):
        if column.role not in (ColumnRole.ACTUAL, ColumnRole.OTHER) or not STATUS_HEADER.search(column.header):
            continue
        cells = [cells[j] for cells, _ in body if j < len(cells) and cells[j].strip()]
        if cells and all(verdict(c) for c in cells):
            column.role = ColumnRole.STATUS


def _column(header: str) -> Column:
    role = next((r for pattern, r in _ROLE_PATTERNS if pattern.search(header)), ColumnRole.OTHER)
    year_match = YEAR_RE.search(normalise(header))
    return Column(header, role, year_value(year_match.group(1)) if year_match else None)


def _plain_header(first: list[str], second: list[str]) -> bool:
    """A first row of short words over a row with figures: a header without keywords."""
    words = [normalise(c) for c in first if c]
    figures = [c for c in second if c and _FIGURE.search(normalise(c))]
    return len(words) == len(first) and all(len(w) <= 12 and not _FIGURE.search(w) for w in words) and bool(figures)


def _spread_groups(headers: list[list[str]]) -> list[list[str]]:
    """A blank header cell right of a filled one, both with sub-headers below, is one merged group."""
    for r in range(len(headers) - 1):
        row, below = headers[r], headers[r + 1]
        for j in range(1, len(row)):
            if not row[j] and row[j - 1] and below[j] and below[j - 1]:
                row[j] = row[j - 1]
    return headers


def _index(columns: list[Column], role: ColumnRole) -> int | None:
    return next((j for j, c in enumerate(columns) if c.role is role), None)


def build_table(
    block: TableBlock,
    *,
    title: str | None,
    notes: list[Note],
    attachment: int | None,
) -> Table:
    pairs = [(r, s) for r, s in zip(block.rows, block.spans) if any(c.strip() for c in r)]
    width = max((len(r) for r, _ in pairs), default=0)
    grid = [(r + [""] * (width - len(r)), Span(*s)) for r, s in pairs]
    # A first row holding one cell that is no header word is a caption inside the table.
    if len(grid) > 1 and sum(1 for c in grid[0][0] if c) == 1 and not _header_row(grid[0][0]):
        caption = next(c for c in grid[0][0] if c)
        if not _CATEGORY.match(caption):
            title = title or caption
            grid = grid[1:]
    n_header = 0
    while n_header < min(MAX_HEADER_ROWS, len(grid) - 1) and _header_row(grid[n_header][0]):
        n_header += 1
    if n_header == 0 and len(grid) > 1 and _plain_header(grid[0][0], grid[1][0]):
        n_header = 1
    headers = _spread_groups([list(cells) for cells, _ in grid[:n_header]])
    # Without a header naming the columns nothing says which one holds indicator
    # names: such a table stays generic (all its rows "other").
    columns = [_column("".join(compact(h[j]) for h in headers)) for j in range(width)]
    _status_columns(columns, grid[n_header:])
    rows = [Row(RowKind.HEADER, cells, span) for cells, span in grid[:n_header]]
    markers_binding = binding_markers(notes)
    _classify(grid[n_header:], columns, rows, markers_binding)
    kind = "indicator" if any(r.kind is RowKind.INDICATOR for r in rows) else "generic"
    span = Span(grid[0][1].start, grid[-1][1].end) if grid else Span(block.line, block.end)
    return Table(title=title, span=span, columns=columns, rows=rows, kind=kind, notes=notes, attachment=attachment)


def _classify(body: list[tuple[list[str], Span]], columns: list[Column], rows: list[Row], binding: set[str]) -> None:
    name_col = _index(columns, ColumnRole.NAME)
    number_col = _index(columns, ColumnRole.NUMBER)
    unit_col = _index(columns, ColumnRole.UNIT)
    attr_col = _index(columns, ColumnRole.ATTRIBUTE)
    group_col = next(
        (j for j, c in enumerate(columns) if c.role is ColumnRole.OTHER and CATEGORY_HEADER.match(compact(c.header))),
        None,
    )
    category: str | None = None
    parent: int | None = None
    for cells, span in body:
        filled = [(j, c) for j, c in enumerate(cells) if c]
        if group_col is not None and cells[group_col] and name_col is not None and cells[name_col]:
            category = compact(cells[group_col])  # 经济<br>发展 -> 经济发展
        if _is_category(filled, name_col):
            category = _CATEGORY.sub("", filled[0][1]).strip() or filled[0][1]
            rows.append(Row(RowKind.CATEGORY, cells, span, name=category))
            parent = None
            continue
        raw_name = cells[name_col] if name_col is not None else ""
        if not raw_name or _NUMERIC.match(normalise(raw_name)):
            rows.append(Row(RowKind.OTHER, cells, span, category=category))
            continue
        name, unit, markers = split_name(raw_name)
        for j, cell in filled:  # a value cell holding only a marker (▽) marks the row
            if j != name_col and all(ch in MARKERS and MARKERS[ch] != "#" for ch in cell):
                for ch in cell:
                    if MARKERS[ch] not in markers:
                        markers.append(MARKERS[ch])
        if unit is None and unit_col is not None and cells[unit_col]:
            unit = cells[unit_col]
        number = None
        if number_col is not None and _INTEGER.match(normalise(cells[number_col])):
            number = int(normalise(cells[number_col]))
        is_sub = raw_name.lstrip().startswith(SUBROW_PREFIXES) and parent is not None
        row = Row(
            RowKind.SUBROW if is_sub else RowKind.INDICATOR,
            cells,
            span,
            number=number,
            name=name,
            unit=unit,
            binding=bool(binding.intersection(markers))
            or (attr_col is not None and BINDING_WORD in cells[attr_col]),
            markers=markers,
            category=category,
            parent=parent if is_sub else None,
        )
        if not is_sub:
            parent = len(rows)
        rows.append(row)


def _is_category(filled: list[tuple[int, str]], name_col: int | None) -> bool:
    """One filled cell: a numbered heading (一、…) or text outside the name column."""
    if len(filled) != 1:
        return False
    j, text = filled[0]
    text = normalise(text)
    if _CATEGORY.match(text):
        return True
    return j != name_col and not _NUMERIC.match(text) and not all(ch in MARKERS for ch in text)
