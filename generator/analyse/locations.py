"""Where a line of the report is, as its reader finds it: a row of an attachment's table, a part and section.

A brief cites its source so that a reader of the published report can follow
it. Line numbers of the file read mean nothing to that reader, so a cited line
is located in the report's own structure: the numbered row of an attachment's
indicator table (a sub-row under its parent's number), the part and section
(一、 and （一）) of the text, an attachment. Only a line outside all of these
is cited by its number. The scorecard JSON/CSV keep the line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.document import Document


@dataclass(frozen=True)
class Location:
    line: int
    attachment: int | None = None
    row: int | None = None  # the printed number of the table row (a sub-row: its parent's)
    sub_row: bool = False
    part: int | None = None
    part_marker: str = ""  # as printed, without its punctuation: "一"
    section: int | None = None
    section_marker: str = ""  # as printed: "（三）"


class Locations:
    """The locations of a document's lines."""

    def __init__(self, doc: Document) -> None:
        self._rows: dict[int, tuple[int, int, bool]] = {}
        for table in doc.tables:
            if table.attachment is None:
                continue
            for row in table.rows:
                number, sub = row.number, False
                if number is None and row.parent is not None:
                    number, sub = table.rows[row.parent].number, True
                if number is None:
                    continue
                for line in range(row.span.start, row.span.end + 1):
                    self._rows.setdefault(line, (table.attachment, number, sub))
        self._parts = [(p.span.start, p.span.end, p.number, p.marker.rstrip("、．. "),
                        [(s.span.start, s.span.end, s.number, s.marker) for s in p.sections]) for p in doc.parts]
        self._attachments = [(a.span.start, a.span.end, a.number) for a in doc.attachments]

    def of(self, line: int) -> Location:
        if line in self._rows:
            attachment, number, sub = self._rows[line]
            return Location(line, attachment=attachment, row=number, sub_row=sub)
        for start, end, number, marker, sections in self._parts:
            if start <= line <= end:
                for s_start, s_end, s_number, s_marker in sections:
                    if s_start <= line <= s_end:
                        return Location(line, part=number, part_marker=marker, section=s_number,
                                        section_marker=s_marker)
                return Location(line, part=number, part_marker=marker)
        for start, end, number in self._attachments:
            if start <= line <= end:
                return Location(line, attachment=number)
        return Location(line)
