"""Inputs far beyond any real report are refused early, in bounded memory, naming the limit.

The decompression bomb (a .docx whose document part inflates to 1.5 GB) and
the giant table (a 40 MB page holding one table of 2,000 x 2,000 cells) are
built here; each is read in a child process whose peak memory is measured
(``VmHWM`` of ``/proc/self/status``: the child's own high-water mark). Memory is asserted, not time (times are printed
by ``-s`` for the record; the suite has no timed assertions).
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.read import read_document
from generator.read.limits import LIMITS, describe, value
from tests.support.paths import FIXTURES, ROOT

MAX_PEAK_MB = 500
BOMB_BYTES = 1536 * 1024 * 1024  # what the document part inflates to
CHUNK = b'<w:p><w:r><w:t>' + "全市经济运行平稳".encode() * 60 + b'</w:t></w:r></w:p>'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
).encode()
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
).encode()


def _segment(data: bytes, final: bool = False) -> bytes:
    """``data`` as raw deflate blocks that stand alone: byte-aligned, no reference to earlier data."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def _deflated(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """A raw deflate stream of head + chunk x times + tail, built without ever holding the inflated data
    (the chunk's blocks are simply repeated). Returns (stream, crc32, inflated size)."""
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    stream = _segment(head) + _segment(chunk) * times + _segment(tail, final=True)
    return stream, crc, len(head) + len(chunk) * times + len(tail)


def write_bomb(path: Path, inflated: int = BOMB_BYTES) -> Path:
    """A well-formed .docx (valid XML, CRCs and sizes) whose word/document.xml inflates to ``inflated`` bytes."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
            b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    tail = b"</w:body></w:document>"
    body_chunk = CHUNK * (1024 * 1024 // len(CHUNK))
    stream, crc, size = _deflated(head, body_chunk, inflated // len(body_chunk), tail)
    members: list[tuple[str, bytes, int, int, int]] = []  # name, data, method, crc, size
    for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)):
        members.append((name, data, 0, zlib.crc32(data), len(data)))
    members.append(("word/document.xml", stream, 8, crc, size))
    out = bytearray()
    central = bytearray()
    for name, data, method, member_crc, member_size in members:
        offset = len(out)
        encoded = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, member_crc, len(data), member_size,
                           len(encoded), 0) + encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, member_crc, len(data),
                               member_size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def write_giant_table(path: Path, rows: int = 2000, columns: int = 2000) -> Path:
    row = ("<tr>" + "<td>1.5</td>" * columns + "</tr>\n").encode()
    with path.open("wb") as fh:  # streamed: the test process never holds the page
        fh.write("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><div class='content'>"
                 "<p>关于某市2030年国民经济和社会发展计划执行情况与2031年计划草案的报告</p><table>".encode())
        for _ in range(rows):
            fh.write(row)
        fh.write(b"</table></div></body></html>")
    return path


_CHILD = """
import json, sys, time
started = time.monotonic()
from generator.errors import InputError
from generator.read import read_document
try:
    read_document(sys.argv[1])
    outcome = "read"
except InputError as exc:
    outcome = str(exc)
# VmHWM is this process's own peak (ru_maxrss would carry the parent's over the exec).
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started, "peak_mb": peak / 1024}))
"""


def read_in_child(path: Path, **env: str) -> dict:
    result = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, **env}, check=True)
    return json.loads(result.stdout)


def test_the_bomb_is_a_real_zip_of_the_stated_size(tmp_path: Path) -> None:
    small = write_bomb(tmp_path / "small.docx", inflated=8 * 1024 * 1024)
    with zipfile.ZipFile(small) as package:
        info = package.getinfo("word/document.xml")
        assert info.file_size >= 7 * 1024 * 1024 and info.file_size / info.compress_size > 100
        assert package.testzip() is None  # CRCs and sizes are right: a real bomb, not a broken file
        assert package.read("word/document.xml").endswith(b"</w:body></w:document>")


def test_a_decompression_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = write_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 8 * 1024 * 1024
    found = read_in_child(bomb)
    print(f"\ndocx bomb ({bomb.stat().st_size / 1e6:.1f} MB -> {BOMB_BYTES / 2**30:.1f} GB): "
          f"{found['seconds']:.2f} s, {found['peak_mb']:.0f} MB")
    assert "BRIEFS_MAX_INFLATED_MB" in found["outcome"] and "limit" in found["outcome"]
    assert found["peak_mb"] < MAX_PEAK_MB
    # raising the size limit does not let it through: the compression ratio is the next limit
    found = read_in_child(bomb, BRIEFS_MAX_INFLATED_MB="4096")
    assert "BRIEFS_MAX_INFLATE_RATIO" in found["outcome"] and found["peak_mb"] < MAX_PEAK_MB


def test_a_giant_table_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    page = write_giant_table(tmp_path / "giant.html")
    assert page.stat().st_size > 40_000_000
    found = read_in_child(page)
    print(f"\ngiant table ({page.stat().st_size / 1e6:.0f} MB page): {found['seconds']:.2f} s, {found['peak_mb']:.0f} MB")
    assert "BRIEFS_MAX_SOURCE_MB" in found["outcome"] and found["peak_mb"] < MAX_PEAK_MB
    # with the size limit raised, the cell count refuses it before any parsing
    found = read_in_child(page, BRIEFS_MAX_SOURCE_MB="100")
    print(f"giant table, source limit raised: {found['seconds']:.2f} s, {found['peak_mb']:.0f} MB")
    assert "over the limit on the table cells in one source: more than 50,000" in found["outcome"]
    assert "BRIEFS_MAX_TABLE_CELLS" in found["outcome"] and found["peak_mb"] < MAX_PEAK_MB


@pytest.mark.parametrize(("name", "make", "env", "words"), [
    ("markdown pipe table", lambda: "# 报告\n\n| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 400, {"BRIEFS_MAX_TABLE_CELLS": "500"},
     "limit on the table cells"),
    ("tab-separated text table", lambda: "报告\n" + "\t甲\t乙\t丙\n" * 400, {"BRIEFS_MAX_TABLE_CELLS": "600"},
     "limit on the table cells"),
    ("html elements", lambda: "<html><body>" + "<p>段落</p>" * 3000 + "</body></html>", {"BRIEFS_MAX_HTML_ELEMENTS": "2000"},
     "limit on the elements in an HTML page"),
    ("html nesting", lambda: "<html><body>" + "<div>" * 300 + "正文" + "</div>" * 300 + "</body></html>", {},
     "limit on the nesting depth of an HTML page"),
    ("html spans", lambda: "<html><body><table>" + "<tr><td colspan='1000'>1</td><td>2</td></tr>" * 60
     + "</table></body></html>", {}, "limit on the table cells"),
    ("source size", lambda: "正文。\n" * 200_000, {"BRIEFS_MAX_SOURCE_MB": "1"}, "limit on the size of a source file"),
])
def test_limits_name_themselves(name: str, make, env: dict[str, str], words: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    for key, val in env.items():
        monkeypatch.setenv(key, val)
    path = tmp_path / "input.txt"
    path.write_text(make(), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = caught.value.message
    assert words in message and "BRIEFS_MAX_" in message and "\n" not in message


def test_docx_ratio_and_member_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_bomb(tmp_path / "ratio.docx", inflated=4 * 1024 * 1024)  # 4 MB at > 100:1
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "compression ratio" in caught.value.message
    monkeypatch.setenv("BRIEFS_MAX_ZIP_MEMBERS", "2")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "parts in a .docx package" in caught.value.message


def test_a_real_report_is_far_below_every_limit(tmp_path: Path) -> None:
    for report in (ROOT / "seeds").iterdir():
        read_document(report)
    for fixture in (FIXTURES / "reports").iterdir():
        read_document(fixture)


@pytest.mark.parametrize(("raw", "expected"), [("", 16), ("64", 64), ("0", 16), ("-3", 16), ("abc", 16), ("2.5", 2)])
def test_limits_are_read_from_the_environment(raw: str, expected: int) -> None:
    assert value("source_mb", {"BRIEFS_MAX_SOURCE_MB": raw}) == expected


def test_every_limit_is_documented() -> None:
    docs = (ROOT / "docs" / "document-model.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for limit in LIMITS.values():
        assert limit.env in docs and limit.env in readme
    assert "limit" in describe("table_cells", 10**6)
