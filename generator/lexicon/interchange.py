"""Glossary interchange: the glossary as TBX, CSV or XLSX, and back.

For translators who work in a terminology tool (TBX, ISO 30042, TBX-Basic
style) or a spreadsheet (CSV, XLSX). :func:`export_glossary` writes every
entry of a glossary folder; :func:`import_glossary` reads such a file and
updates the folder through :mod:`generator.lexicon.glossary_edit`: an entry
already in its file gets the file's fields (only where they differ), a new
one is appended to its file; comments, order and untouched entries stay as
they are, so exporting and importing again leaves every file byte-identical.
An import is checked whole before anything is written: a malformed row, a
field outside its vocabulary, the same term twice, or a result that would
break the glossary (conflicting renderings, colliding aliases) is one
``error: FILE:LINE: message`` and the glossary stays untouched.

Spreadsheet columns are :data:`COLUMNS`; aliases share one cell, separated by
:data:`ALIAS_SEPARATOR`. TBX mapping (one ``conceptEntry`` per entry):

* ``langSec xml:lang="zh"``: the term, then each alias as a ``termSec`` with
  ``termNote type="termType"`` ``variant``;
* ``langSec xml:lang="en"`` (absent for an untranslated stub): the rendering,
  its status as ``termNote type="administrativeStatus"`` (preferred →
  ``preferredTerm-admn-sts``, admitted → ``admittedTerm-admn-sts``,
  forbidden → ``deprecatedTerm-admn-sts``; suggested, which TBX-Basic lacks,
  as ``termNote type="processStatus"`` ``provisionallyProcessed``) and its
  ``admin type="source"``;
* on the concept: ``descrip type="subjectField"`` (kind), ``admin
  type="projectSubset"`` (the glossary file), ``note``, and for indicators
  ``admin type="indicatorId"``, ``descrip type="unit"``, ``descrip
  type="polarity"``, ``type="series"``.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from generator.errors import GlossaryError
from generator.lexicon.entries import Entry, Status
from generator.lexicon.glossary_edit import Record, check_files, edit_text, write_files
from generator.lexicon.glossary_files import (
    DEFAULT_FILE, KIND_FILES, KINDS, MAX_FILE_BYTES, POLARITIES, STATUSES, Problem, glossary_files, validate_dir,
)
from generator.lexicon.keys import normalise_key
from generator.paths import UNITS_FILE


class Format(str, Enum):
    TBX = "tbx"
    CSV = "csv"
    XLSX = "xlsx"


COLUMNS = ("file", "zh", "en", "kind", "status", "aliases", "note", "source", "id", "unit", "polarity", "series")
ALIAS_SEPARATOR = " | "
MAX_IMPORT_BYTES = 4 * MAX_FILE_BYTES

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.FORBIDDEN: "deprecatedTerm-admn-sts",
}
# Read also: TBX-Basic's superseded (no longer to be used) and IATE's proposed.
ADMIN_STATUS_READ = {**{v: k for k, v in ADMIN_STATUS.items()},
                     "supersededTerm-admn-sts": Status.FORBIDDEN, "proposedTerm-admn-sts": Status.SUGGESTED}
SUGGESTED_PROCESS = "provisionallyProcessed"
VARIANT = "variant"


def format_of(path: Path, given: str | None = None) -> Format:
    """The interchange format named, else the one of the file's extension."""
    name = (given or path.suffix.lstrip(".")).lower()
    try:
        return Format(name)
    except ValueError:
        raise GlossaryError(f"unknown format {name!r} (one of {', '.join(f.value for f in Format)})", path) from None


# --- export -----------------------------------------------------------------------


def glossary_records(directory: Path) -> list[Record]:
    """Every entry of a valid glossary folder as a record, in load order."""
    entries, problems = validate_dir(directory)
    fatal = [p for p in problems if p.fatal]
    if fatal:
        raise GlossaryError(f"the glossary has problems, fix them first: {fatal[0]}", directory)
    return [Record.of(e, Path(e.file).name) for e in entries]


def _row(record: Record) -> list[str]:
    for alias in record.aliases:
        if ALIAS_SEPARATOR.strip() in alias:
            raise GlossaryError(f"{record.zh}: alias {alias!r} contains {ALIAS_SEPARATOR.strip()!r}, which "
                                "separates aliases in a spreadsheet cell", record.file)
    values = {"aliases": ALIAS_SEPARATOR.join(record.aliases)}
    return [values[c] if c in values else (getattr(record, c) or "") for c in COLUMNS]


def csv_text(records: Iterable[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(_row(record))
    return buffer.getvalue()


def xlsx_bytes(records: Iterable[Record]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "glossary"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        sheet.append(_row(record))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value is not None:
                cell.data_type = "s"  # text, even when it starts with "=" (never a formula)
    sheet.freeze_panes = "C2"
    for letter, width in zip("ABCDEFGHIJK", (15, 30, 40, 12, 11, 30, 30, 30, 16, 8, 10)):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", {k.replace("_", ""): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def tbx_bytes(records: Iterable[Record]) -> bytes:
    root = etree.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"},
                         nsmap={None: TBX_NS})
    header = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(header, "sourceDesc"), "p", "plan-briefs glossary: zh -> en renderings (glossary/*.yaml)")
    body = _sub(_sub(root, "text"), "body")
    for number, record in enumerate(records, start=1):
        concept = _sub(body, "conceptEntry", id=f"c{number}")
        _sub(concept, "descrip", record.kind or "term", type="subjectField")
        _sub(concept, "admin", record.file, type="projectSubset")
        if record.id is not None:
            _sub(concept, "admin", record.id, type="indicatorId")
        for name in ("unit", "polarity", "series"):
            if getattr(record, name) is not None:
                _sub(concept, "descrip", getattr(record, name), type=name)
        if record.note is not None:
            _sub(concept, "note", record.note)
        zh = _sub(concept, "langSec", **{XML_LANG: "zh"})
        _sub(_sub(zh, "termSec"), "term", record.zh)
        for alias in record.aliases:
            variant = _sub(zh, "termSec")
            _sub(variant, "term", alias)
            _sub(variant, "termNote", VARIANT, type="termType")
        if record.en:
            term = _sub(_sub(concept, "langSec", **{XML_LANG: "en"}), "termSec")
            _sub(term, "term", record.en)
            status = Status(record.status) if record.status else None
            if status is Status.SUGGESTED:
                _sub(term, "termNote", SUGGESTED_PROCESS, type="processStatus")
            elif status is not None:
                _sub(term, "termNote", ADMIN_STATUS[status], type="administrativeStatus")
            if record.source is not None:
                _sub(term, "admin", record.source, type="source")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_glossary(directory: Path, out: Path, fmt: Format) -> int:
    """Write every entry of ``directory`` to ``out`` in ``fmt`` (atomically); the number of entries."""
    records = glossary_records(directory)
    data = {Format.TBX: tbx_bytes, Format.XLSX: xlsx_bytes,
            Format.CSV: lambda rs: csv_text(rs).encode("utf-8-sig")}[fmt](records)
    _write_atomic(out, data)
    return len(records)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# --- reading an interchange file --------------------------------------------------

Row = tuple[int, Record]  # (line or row number in the import file, record)


def _record(path: Path, line: int, cells: dict[str, str]) -> Record:
    """A record from one row's cells (empty cell: field not written), its vocabularies checked."""
    def fail(message: str) -> GlossaryError:
        return GlossaryError(message, path, line)

    zh = cells.get("zh", "").strip()
    if not zh:
        raise fail("no Chinese term (column zh)")
    kind = cells.get("kind", "").strip() or None
    if kind is not None and kind not in KINDS:
        raise fail(f"{zh}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    status = cells.get("status", "").strip() or None
    if status is not None and status not in STATUSES:
        raise fail(f"{zh}: unknown status {status!r} (one of {', '.join(STATUSES)})")
    polarity = cells.get("polarity", "").strip() or None
    if polarity is not None and polarity not in POLARITIES:
        raise fail(f"{zh}: bad polarity {polarity!r} (one of {', '.join(POLARITIES)})")
    file = cells.get("file", "").strip() or KIND_FILES.get(kind or "", DEFAULT_FILE)
    if Path(file).name != file or not file.endswith(".yaml") or file == UNITS_FILE or file.startswith("."):
        raise fail(f"{zh}: bad glossary file {file!r} (a file name such as {DEFAULT_FILE}; not {UNITS_FILE})")
    raw_aliases = cells.get("aliases", "")
    aliases = tuple(a.strip() for a in raw_aliases.split(ALIAS_SEPARATOR.strip())) if raw_aliases.strip() else ()
    if any(not a for a in aliases):
        raise fail(f"{zh}: empty alias in {raw_aliases!r} (aliases are separated by {ALIAS_SEPARATOR.strip()!r})")

    def optional(name: str) -> str | None:
        return cells.get(name, "").strip() or None  # the glossary reads every field stripped

    return Record(file=file, zh=zh, en=cells.get("en", "").strip(), kind=kind, status=status, aliases=aliases,
                  note=optional("note"), source=optional("source"), id=optional("id"), unit=optional("unit"),
                  polarity=polarity, series=optional("series"))


def _header(path: Path, line: int, header: list[str]) -> list[str]:
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h and h not in COLUMNS]
    if unknown:
        raise GlossaryError(f"unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})", path, line)
    if "zh" not in names or "en" not in names:
        raise GlossaryError(f"the header needs the columns zh and en (columns: {', '.join(COLUMNS)})", path, line)
    return names


def _rows(path: Path, table: Iterator[tuple[int, list[str]]]) -> list[Row]:
    first = next(table, None)
    if first is None:
        raise GlossaryError("empty file: no header row", path, 1)
    names = _header(path, *first)
    rows: list[Row] = []
    for line, cells in table:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names):]):
            raise GlossaryError(f"{len(cells)} cells, the header has {len(names)}", path, line)
        rows.append((line, _record(path, line, dict(zip(names, cells)))))
    return rows


def read_csv(path: Path, data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"invalid UTF-8 byte 0x{data[exc.start]:02x} (save the file as UTF-8)", path,
                            data.count(b"\n", 0, exc.start) + 1) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)

    def table() -> Iterator[tuple[int, list[str]]]:
        start = 1
        try:
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except csv.Error as exc:
            raise GlossaryError(f"malformed CSV: {exc}", path, reader.line_num or start) from None

    return _rows(path, table())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path, data: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise GlossaryError(f"not an XLSX workbook: {' '.join(str(exc).split())[:160]}", path, 1) from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise GlossaryError("the workbook has no sheet", path, 1)
    table = ((number, [_cell(v) for v in values])
             for number, values in enumerate(sheet.iter_rows(values_only=True), start=1))
    try:
        return _rows(path, table)
    finally:
        book.close()


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in element if _local(c) in names]


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def read_tbx(path: Path, data: bytes) -> list[Row]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise GlossaryError(f"malformed XML: {exc.msg}", path, line) from None
    if _local(root) not in ("tbx", "martif"):
        raise GlossaryError(f"not a TBX file (root element {_local(root)!r}, expected tbx)", path, root.sourceline)
    rows: list[Row] = []
    for concept in root.iter():
        if _local(concept) not in ("conceptEntry", "termEntry"):
            continue
        line = concept.sourceline or 1
        cells: dict[str, str] = {}
        for child in concept:
            kind, value = child.get("type"), _text(child)
            if _local(child) == "descrip" and kind in ("subjectField", "unit", "polarity", "series"):
                cells["kind" if kind == "subjectField" else kind] = value
            elif _local(child) == "admin" and kind in ("projectSubset", "indicatorId"):
                cells["file" if kind == "projectSubset" else "id"] = value
            elif _local(child) == "note":
                cells["note"] = value
        for lang_sec in _children(concept, "langSec", "langSet"):
            lang = (lang_sec.get(XML_LANG) or "").lower()
            terms = _children(lang_sec, "termSec", "tig", "ntig")
            if lang.startswith("zh"):
                names = [_text(t) for sec in terms for t in sec.iter() if _local(t) == "term"]
                if names:
                    cells["zh"] = names[0]
                    cells["aliases"] = ALIAS_SEPARATOR.join(names[1:])
            elif lang.startswith("en") and terms:
                if len(terms) > 1:
                    raise GlossaryError("more than one English term in an entry (one entry per rendering)", path,
                                        terms[1].sourceline or line)
                sec = terms[0]
                for element in sec.iter():
                    name, kind = _local(element), element.get("type")
                    if name == "term":
                        cells["en"] = _text(element)
                    elif name == "termNote" and kind == "administrativeStatus":
                        status = ADMIN_STATUS_READ.get(_text(element).strip())
                        if status is None:
                            raise GlossaryError(f"unknown administrativeStatus {_text(element).strip()!r}", path,
                                                element.sourceline or line)
                        cells["status"] = status.value
                    elif name == "termNote" and kind == "processStatus" and _text(element).strip() == SUGGESTED_PROCESS:
                        cells.setdefault("status", Status.SUGGESTED.value)
                    elif name == "admin" and kind == "source":
                        cells["source"] = _text(element)
        rows.append((line, _record(path, line, cells)))
    return rows


READERS = {Format.TBX: read_tbx, Format.CSV: read_csv, Format.XLSX: read_xlsx}


# --- import -------------------------------------------------------------------------


def import_glossary(directory: Path, path: Path, fmt: Format) -> tuple[int, int, int]:
    """Update ``directory`` from an interchange file: (entries added, changed, unchanged).

    Nothing is written unless every row reads and the resulting glossary has
    no fatal problem; then each changed file is replaced atomically.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > MAX_IMPORT_BYTES:
        raise GlossaryError(f"file is {len(data):,} bytes (limit {MAX_IMPORT_BYTES:,})", path, 1)
    rows = READERS[fmt](path, data)
    if not directory.is_dir():
        raise GlossaryError("glossary folder not found", directory)
    entries, problems = validate_dir(directory)
    fatal = [p for p in problems if p.fatal]
    if fatal:
        raise GlossaryError(f"the glossary has problems, fix them first: {fatal[0]}", directory)

    existing = {(Path(e.file).name, normalise_key(e.zh)): e for e in entries}
    seen: dict[tuple[str, str], int] = {}
    updates: dict[str, list[Record]] = {}
    appends: dict[str, list[Record]] = {}
    unchanged = 0
    for line, record in rows:
        key = (record.file, normalise_key(record.zh))
        if key in seen:
            raise GlossaryError(f"{record.zh}: also in {record.file} at line {seen[key]} of this file", path, line)
        seen[key] = line
        entry = existing.get(key)
        if entry is None:
            appends.setdefault(record.file, []).append(record)
        elif record.differs(entry):
            updates.setdefault(record.file, []).append(_as_written(record, entry.zh))
        else:
            unchanged += 1

    names = {p.name for p in glossary_files(directory)}
    texts: dict[str, str] = {}
    for name in sorted(set(updates) | set(appends)):
        target = directory / name
        original = target.read_text(encoding="utf-8") if name in names else ""
        texts[name] = edit_text(original, updates.get(name, []), appends.get(name, []), str(target))
    if texts:
        checked, fatal = check_files(directory, texts)
        if fatal:
            raise _import_problem(path, fatal[0], checked, seen)
        write_files(directory, texts)
    return sum(map(len, appends.values())), sum(map(len, updates.values())), unchanged


def _as_written(record: Record, zh: str) -> Record:
    return replace(record, zh=zh)


def _import_problem(path: Path, problem: Problem, checked: list[Entry], seen: dict[tuple[str, str], int]) -> GlossaryError:
    """The first problem of the glossary as imported, named at the import file's row that causes it when known."""
    for entry in checked:
        if entry.file == problem.file and problem.line in (entry.line, *entry.alias_lines):
            line = seen.get((Path(entry.file).name, normalise_key(entry.zh)))
            if line is not None:
                return GlossaryError(f"would break the glossary: {problem.message} ({Path(entry.file).name})",
                                     path, line)
    return GlossaryError(f"would break the glossary: {problem}", path)
