"""Small synthetic documents with indicator tables, for the analysis tests."""

from __future__ import annotations

from generator.document import (
    Attachment,
    Column,
    ColumnRole,
    Document,
    Note,
    Paragraph,
    ParagraphKind,
    Part,
    Row,
    RowKind,
    Span,
    Table,
)


def row(line: int, name: str, *cells: str, number: int | None = None, unit: str | None = "%",
        binding: bool = False, sub: bool = False, markers: tuple[str, ...] = ()) -> Row:
    """An indicator row; ``sub`` rows attach to the closest indicator row above."""
    return Row(
        kind=RowKind.SUBROW if sub else RowKind.INDICATOR,
        cells=[str(number or ""), name, *cells],
        span=Span(line, line),
        number=number,
        name=name,
        unit=unit,
        binding=binding,
        markers=[*(["*"] if binding else []), *markers],
    )


def table(rows: list[Row], *, year: int, actual: bool, notes: tuple[str, ...] = (), attachment: int | None = None,
          line: int = 100) -> Table:
    columns = [Column("序号", ColumnRole.NUMBER), Column("指标名称", ColumnRole.NAME),
               Column(f"{year}年预期目标", ColumnRole.TARGET, year)]
    if actual:
        columns.append(Column(f"{year}年预计完成", ColumnRole.ACTUAL, year))
    parent = None
    for i, r in enumerate(rows):
        if r.kind is RowKind.INDICATOR:
            parent = i
        else:
            r.parent = parent
    end = max((r.span.end for r in rows), default=line)
    return Table(
        title=None, span=Span(line, end), columns=columns, rows=rows, kind="indicator",
        notes=[Note(text, Span(end + 2 + 2 * i, end + 2 + 2 * i)) for i, text in enumerate(notes)],
        attachment=attachment,
    )


def para(line: int, text: str, kind: ParagraphKind = ParagraphKind.BODY) -> Paragraph:
    return Paragraph(text, Span(line, line), kind)


def document(*, review: list[Paragraph] = (), outlook: list[Paragraph] = (), tables: list[Table] = (),
             attachments: dict[int, list[Paragraph]] | None = None) -> Document:
    parts = [
        Part(1, "一、", "2030年计划执行情况", Span(10, 10), role="review", intro=list(review)),
        Part(2, "二、", "2031年计划总体考虑", Span(50, 50), role="outlook", intro=list(outlook)),
    ]
    atts = [Attachment(n, f"附件{n}", Span(90 + n, 90 + n), paragraphs=list(ps)) for n, ps in (attachments or {}).items()]
    return Document(
        source="synthetic.txt", format="txt", title="关于某省2030年国民经济和社会发展计划执行情况与2031年计划草案的报告",
        issuer=None, region="某省", review_year=2030, plan_year=2031, span=Span(1, 1),
        parts=parts, attachments=atts, tables=list(tables),
    )
