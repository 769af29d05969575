"""Bad input gives the project's InputError (file and line), and the CLI one line and exit 2."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from generator.errors import InputError
from generator.read import read_document
from tests.support.paths import ROOT


XLSX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
XLSX_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


# (case id, file maker, expected line or None, words the message must contain)
CASES: list[tuple[str, Callable[[Path], Path], int | None, str]] = [
    ("empty", _write("empty.txt", b""), 1, "empty"),
    ("whitespace", _write("blank.md", b"  \r\n\n\t \n"), 1, "empty"),
    ("nul-bytes", _write("binary.txt", b"\xe5\x85\xb3\xe4\xba\x8e\n\n\x00\x01\x02"), 3, "binary"),
    ("control-chars", _write("controls.html", bytes(range(1, 9)) * 50), 1, "binary"),
    ("unknown-extension", _write("report.pdf", b"%PDF-1.4"), None, "unsupported"),
    ("legacy-doc", _write("report.doc", b"\xd0\xcf\x11\xe0"), None, ".docx"),
    ("undecodable", _write("latin.txt", "关于\n报告\n".encode() + b"caf\x80\n"), 3, "undecodable"),
    ("latin-1", _write("french.txt", "Rapport\nété déjà à Noël, naïve façade".encode("latin-1")), 2, "undecodable"),
    ("bad-bom", _write("bom.txt", b"\xef\xbb\xbf\xe5\x85\xb3\n\xff\n"), 2, "UTF-8"),
    ("not-a-zip", _write("report.docx", b"PK\x03\x04 this is not really a zip"), 1, "docx"),
    ("zip-not-word", _write("notes.docx", _zip({"readme.txt": "hello"})), 1, "docx"),
    (
        "renamed-xlsx",
        _write(
            "sheet.docx",
            _zip({"[Content_Types].xml": XLSX_CONTENT_TYPES, "_rels/.rels": XLSX_RELS, "xl/workbook.xml": XLSX_WORKBOOK}),
        ),
        1,
        "Word",
    ),
    ("no-structure", _write("prose.txt", "今天天气很好。\n\n我们去公园散步。\n".encode()), 1, "no report structure"),
    ("no-structure-html", _write("page.html", "<html><body><p>欢迎访问本网站。</p></body></html>".encode()), 1, "structure"),
    ("missing", lambda tmp: tmp / "missing.txt", None, "not found"),
    ("directory", lambda tmp: (tmp / "folder.txt").mkdir() or tmp / "folder.txt", None, "directory"),
]


@pytest.mark.parametrize(("make", "line", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_an_input_error(make, line, words, tmp_path: Path) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read_document(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    assert words.lower() in error.message.lower()
    assert str(path) in str(error) and "\n" not in str(error)


@pytest.mark.parametrize("make", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_cli_reports_bad_input_in_one_line(make, tmp_path: Path) -> None:
    path = make(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "parse", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and path.name in lines[0]
    assert "Traceback" not in result.stderr
