"""Glossary export and import as TBX, CSV and XLSX: lossless round trips, one-line errors, nothing half-written."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.cli import main
from generator.errors import GlossaryError
from generator.lexicon.glossary_edit import Record, entries_text
from generator.lexicon.interchange import COLUMNS, TBX_NS, Format, export_glossary, import_glossary
from tests.support.paths import GLOSSARY

FORMATS = list(Format)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_then_import_leaves_the_glossary_byte_identical(glossary: Path, tmp_path: Path, fmt: Format) -> None:
    before = _files(glossary)
    out = tmp_path / f"glossary.{fmt.value}"
    count = export_glossary(glossary, out, fmt)
    assert count > 1000
    added, changed, unchanged = import_glossary(glossary, out, fmt)
    assert (added, changed, unchanged) == (0, 0, count)
    assert _files(glossary) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_import_restores_edited_entries_in_place(glossary: Path, tmp_path: Path, fmt: Format) -> None:
    """Changed values, a dropped field and a status come back as they were; nothing else in the file moves."""
    before = _files(glossary)
    out = tmp_path / f"glossary.{fmt.value}"
    export_glossary(glossary, out, fmt)
    terms = glossary / "terms.yaml"
    text = terms.read_text(encoding="utf-8")
    edits = [
        ('目标值: {en: "target value", kind: term}', '目标值: {en: "TARGET", kind: term, note: "x"}'),
        ('同口径: {en: "on a comparable basis", kind: status}',
         '同口径: {en: "on a comparable basis", kind: status, status: suggested}'),
        ('  source: "NDRC plan reports (en); 14th Five-Year Plan outline (en)"\n', ""),
        ('  en: "14th Five-Year Plan outline"\n', '  en: "the outline"\n'),
    ]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    terms.write_text(text, encoding="utf-8")
    assert import_glossary(glossary, out, fmt)[:2] == (0, 4)
    assert _files(glossary) == before


def test_tbx_uses_the_standards_structure(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    export_glossary(glossary, out, Format.TBX)
    root = etree.parse(str(out)).getroot()
    ns = {"t": TBX_NS}
    assert root.tag == f"{{{TBX_NS}}}tbx" and root.get("type") == "TBX-Basic"
    entry = root.xpath("//t:conceptEntry[t:langSec/t:termSec/t:term='地区生产总值增速']", namespaces=ns)[0]
    assert entry.xpath("t:descrip[@type='subjectField']/text()", namespaces=ns) == ["indicator"]
    assert entry.xpath("t:admin[@type='projectSubset']/text()", namespaces=ns) == ["indicators.yaml"]
    assert entry.xpath("t:admin[@type='indicatorId']/text()", namespaces=ns) == ["grp_growth"]
    zh = entry.xpath("t:langSec[@xml:lang='zh']/t:termSec", namespaces=ns)
    assert len(zh) > 1 and zh[1].xpath("t:termNote[@type='termType']/text()", namespaces=ns) == ["variant"]
    en = entry.xpath("t:langSec[@xml:lang='en']/t:termSec/t:term/text()", namespaces=ns)
    assert en == ["GRP growth"]


def test_tbx_statuses_map_to_administrative_status(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "terms.yaml").write_text(
        "预期性:\n  en: anticipatory\n  status: preferred\n甲:\n  en: a\n  status: admitted\n"
        "乙:\n  en: b\n  status: suggested\n", encoding="utf-8")
    (folder / "other.yaml").write_text("预期性:\n  en: expected\n  status: forbidden\n", encoding="utf-8")
    out = tmp_path / "g.tbx"
    export_glossary(folder, out, Format.TBX)
    text = out.read_text(encoding="utf-8")
    for value in ("preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                  '<termNote type="processStatus">provisionallyProcessed</termNote>'):
        assert value in text
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert import_glossary(fresh, out, Format.TBX) == (4, 0, 0)
    assert (fresh / "other.yaml").read_text(encoding="utf-8") == "预期性:\n  en: expected\n  kind: term\n  status: forbidden\n"


def test_csv_columns(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    export_glossary(glossary, out, Format.CSV)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets open it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    row = next(r for r in rows if r["zh"] == "地区生产总值增速")
    assert row["file"] == "indicators.yaml" and row["id"] == "grp_growth" and " | " in row["aliases"]


# --- bad imports: one line naming the file and row, the glossary untouched ------------------------


def _csv(tmp_path: Path, *rows: str, header: str = ",".join(COLUMNS)) -> Path:
    path = tmp_path / "in.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("rows", "line", "message"), [
    (["terms.yaml,某术语,a term,policy,approved,,,,,,"], 2, "某术语: unknown status 'approved'"),
    (["terms.yaml,某术语,a term,word,,,,,,,"], 2, "某术语: unknown kind 'word'"),
    (["terms.yaml,,a term,term,,,,,,,"], 2, "no Chinese term (column zh)"),
    (["../x.yaml,某术语,a term,term,,,,,,,"], 2, "bad glossary file '../x.yaml'"),
    (["units.yaml,某术语,a term,term,,,,,,,"], 2, "bad glossary file 'units.yaml'"),
    (["terms.yaml,某术语,a,term,,,,,,,", "terms.yaml,某术语,b,term,,,,,,,"], 3, "某术语: also in terms.yaml at line 2"),
    (["terms.yaml,某术语,a,term,,,,,,,,,extra"], 2, "13 cells, the header has 12"),
    (['terms.yaml,某术语,"unclosed,term,,,,,,,'], 2, "malformed CSV"),
    # conflicting renderings: 地区生产总值增速 is GRP growth in indicators.yaml
    (["terms.yaml,地区生产总值增速,regional growth,term,,,,,,,"], 2,
     "would break the glossary: 地区生产总值增速 is defined twice with different English"),
    (["terms.yaml,某术语,a term,term,,地区生产总值增速,,,,,"], 2, "would break the glossary: alias '地区生产总值增速' collides"),
    (["indicators.yaml,某指标,an indicator,indicator,,,,,,%,"], 2, "would break the glossary: 某指标: indicator without id"),
])
def test_a_bad_csv_is_one_line_and_changes_nothing(glossary: Path, tmp_path: Path, rows: list[str], line: int,
                                                    message: str) -> None:
    before = _files(glossary)
    path = _csv(tmp_path, *rows)
    with pytest.raises(GlossaryError) as caught:
        import_glossary(glossary, path, Format.CSV)
    text = str(caught.value)
    assert text.startswith(f"{path}:{line}: ") and message in text and "\n" not in text
    assert _files(glossary) == before
    assert not list(glossary.glob(".*.tmp"))


def test_bad_header_and_bad_bytes(glossary: Path, tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"in\.csv:1: unknown column 'english'"):
        import_glossary(glossary, _csv(tmp_path, header="zh,english"), Format.CSV)
    path = tmp_path / "bad.csv"
    path.write_bytes("file,zh,en\n".encode() + b"terms.yaml,\xff,x\n")
    with pytest.raises(GlossaryError, match=r"bad\.csv:2: invalid UTF-8 byte 0xff"):
        import_glossary(glossary, path, Format.CSV)


def test_bad_tbx_and_xlsx(glossary: Path, tmp_path: Path) -> None:
    before = _files(glossary)
    tbx = tmp_path / "bad.tbx"
    tbx.write_text('<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n'
                   '<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>某术语</term></termSec></langSec>\n'
                   '</body></text></tbx>\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tbx:5: malformed XML"):
        import_glossary(glossary, tbx, Format.TBX)
    tbx.write_text('<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
                   '<conceptEntry id="c1">\n<langSec xml:lang="en"><termSec><term>x</term>'
                   '<termNote type="administrativeStatus">maybe</termNote></termSec></langSec>\n'
                   '<langSec xml:lang="zh"><termSec><term>某术语</term></termSec></langSec></conceptEntry>\n'
                   '</body></text></tbx>\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tbx:4: unknown administrativeStatus 'maybe'"):
        import_glossary(glossary, tbx, Format.TBX)
    xlsx = tmp_path / "bad.xlsx"
    xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(GlossaryError, match=r"bad\.xlsx:1: not an XLSX workbook"):
        import_glossary(glossary, xlsx, Format.XLSX)
    assert _files(glossary) == before


def test_xlsx_rows_are_named(glossary: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(["terms.yaml", "某术语", "a term", "term", "", "", "", "", "", "", ""])
    book.active.append(["terms.yaml", "另一术语", "another", "term", "approved", "", "", "", "", "", ""])
    path = tmp_path / "in.xlsx"
    book.save(path)
    with pytest.raises(GlossaryError, match=r"in\.xlsx:3: 另一术语: unknown status"):
        import_glossary(glossary, path, Format.XLSX)


def test_cli_export_and_import(glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.xlsx"
    assert main(["glossary", "export", str(out), "--glossary", str(glossary)]) == 0
    assert capsys.readouterr().out.startswith("exported ")
    assert main(["glossary", "import", str(out), "--glossary", str(glossary)]) == 0
    assert ": 0 added, 0 changed" in capsys.readouterr().out
    bad = _csv(tmp_path, "terms.yaml,某术语,a term,policy,approved,,,,,,")
    assert main(["glossary", "import", str(bad), "--glossary", str(glossary)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}:2: ") and err.count("\n") == 1


# --- round trips over generated glossaries ------------------------------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
                min_size=1, max_size=20).map(str.strip).filter(bool)
_TERM = st.text(_CJK, min_size=2, max_size=8)


@st.composite
def _glossaries(draw: st.DrawFn) -> list[Record]:
    terms = draw(st.lists(_TERM, min_size=1, max_size=12, unique=True))
    used = set(terms)
    records = []
    for zh in terms:
        kind = draw(st.sampled_from(["term", "policy", "metric", "item", "heading", "indicator"]))
        aliases = tuple(a for a in draw(st.lists(_TERM, max_size=2, unique=True)) if a not in used)
        used.update(aliases)
        indicator = kind == "indicator"
        records.append(Record(
            file=draw(st.sampled_from(["terms.yaml", "items.yaml", "extra.yaml"])), zh=zh,
            en=draw(_TEXT.filter(lambda t: "|" not in t)), kind=kind,
            status=draw(st.sampled_from([None, "preferred", "admitted", "suggested"])),
            aliases=tuple(a for a in aliases if "|" not in a),
            note=draw(st.none() | _TEXT), source=draw(st.none() | _TEXT),
            id=f"id_{len(records)}" if indicator else None,
            unit=draw(st.none() | st.sampled_from(["%", "亿元"])) if indicator else None,
            polarity=draw(st.sampled_from(["higher", "lower"])) if indicator else None,
        ))
    return records


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=_glossaries(), fmt=st.sampled_from(FORMATS))
def test_round_trip_of_generated_glossaries(tmp_path_factory: pytest.TempPathFactory, records: list[Record],
                                            fmt: Format) -> None:
    base = tmp_path_factory.mktemp("gen")
    written, fresh = base / "written", base / "fresh"
    written.mkdir()
    fresh.mkdir()
    by_file: dict[str, list[Record]] = {}
    for record in records:
        by_file.setdefault(record.file, []).append(record)
    for name, group in by_file.items():
        (written / name).write_text(entries_text(group), encoding="utf-8")
    out = base / f"g.{fmt.value}"
    assert export_glossary(written, out, fmt) == len(records)
    before = _files(written)
    assert import_glossary(written, out, fmt) == (0, 0, len(records))  # onto itself: nothing to do
    assert _files(written) == before
    assert import_glossary(fresh, out, fmt) == (len(records), 0, 0)  # into an empty folder: the same files
    assert _files(fresh) == before
