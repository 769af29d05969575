"""The bad-input corpus (``tests/bad_inputs/manifest.yaml``): every awkward input
gives either a complete brief (exit 0, every expected file, warnings on stderr)
or one ``error:`` line naming the file (and line) with exit code 2 — never a
traceback, never a partial, temporary or stale file in the output folder, and
never the content of a local file or a network request the input asked for.
"""

from __future__ import annotations

import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from ruamel.yaml import YAML

from generator.brief import Brief
from generator.errors import BriefError, TemplateError
from tests.support.paths import ROOT, SEED
from tests.support.project import glossary_problems, render_ctx

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
BASE = CORPUS / "base-report.txt"
EPOCH = "1709251200"  # 2024-03-01: fixed generation date
PASSWD_MARK = b"root:x:0:0"
FORMATS = {"build": "html,scorecard", "docx": "html,docx,scorecard", "pdf": "pdf,html,scorecard",
           "glossary": "html,docx,scorecard"}
# Output files a complete build of these formats writes, besides the stamp.
EXPECTED_FILES = {
    "html": ("{stem}.zh.html", "{stem}.en.html", "assets/brief.css"),
    "docx": ("{stem}.zh.docx", "{stem}.en.docx"),
    "pdf": ("{stem}.zh.pdf", "{stem}.en.pdf"),
    "scorecard": ("scorecard.json", "scorecard.csv"),
}


@dataclass(frozen=True)
class Case:
    """One manifest entry (see the manifest's header for the fields)."""

    id: str
    file: str
    via: str
    expect: str
    make: str | None = None
    line: int | None = None
    words: str | None = None
    warning: str | None = None
    slow: bool = False  # a long case: left out of `make test`


def load_manifest() -> list[Case]:
    entries = YAML(typ="safe").load(CORPUS / "manifest.yaml")
    return [Case(**entry) for entry in entries]


CASES = load_manifest()


def cases(*vias: str) -> list:
    return [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else []) for c in CASES if c.via in vias]


# ---------------------------------------------------------------- makers: inputs built at test time

@dataclass(frozen=True)
class Made:
    path: Path
    line: int | None = None  # the line of a planted problem, when the maker knows it


def _base_lines() -> list[str]:
    return BASE.read_text(encoding="utf-8").split("\n")


def _docx_bytes() -> bytes:
    """The base report as a Word document: one paragraph per line, tab rows as tables."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []
    for line in [*_base_lines(), ""]:
        if line.startswith("\t"):
            rows.append(line[1:].split("\t"))
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            rows = []
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def good_docx(tmp: Path, name: str) -> Made:
    path = tmp / name
    path.write_bytes(_docx_bytes())
    return Made(path)


def truncated_docx(tmp: Path, name: str) -> Made:
    data = _docx_bytes()
    path = tmp / name
    path.write_bytes(data[: len(data) // 2])
    return Made(path)


def renamed_xlsx(tmp: Path, name: str) -> Made:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheets><sheet name="指标" sheetId="1"/></sheets></workbook>'))
    path = tmp / name
    path.write_bytes(buffer.getvalue())
    return Made(path)


def ten_megabyte_report(tmp: Path, name: str) -> Made:
    """The seed repeated to 10 MB: real prose and tables, a hundred times over."""
    seed = SEED.read_text(encoding="utf-8")
    copies = 10_000_000 // len(seed.encode("utf-8")) + 1
    path = tmp / name
    path.write_text("\n".join([seed] * copies), encoding="utf-8")
    assert path.stat().st_size >= 10_000_000
    return Made(path)


def _glossary_copy(tmp: Path, name: str) -> Path:
    folder = tmp / name / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    return folder


def _plant(tmp: Path, name: str, planted: bytes) -> Made:
    """Append ``planted`` to a copy of glossary/terms.yaml; the problem is on its first line."""
    terms = _glossary_copy(tmp, name) / "terms.yaml"
    data = terms.read_bytes()
    if not data.endswith(b"\n"):
        data += b"\n"
    terms.write_bytes(data + planted)
    return Made(terms.parent, data.count(b"\n") + 1)


def glossary_duplicate_key(tmp: Path, name: str) -> Made:
    first = next(line for line in (ROOT / "glossary" / "terms.yaml").read_text(encoding="utf-8").split("\n")
                 if re.match(r"^[^\s#\-][^:]*:", line))
    key = first.split(":")[0]
    return _plant(tmp, name, f"{key}: {{en: a second rendering, kind: term}}\n".encode())


def glossary_tab(tmp: Path, name: str) -> Made:
    made = _plant(tmp, name, "测试用语:\n\ten: tabbed\n".encode())
    return Made(made.path, made.line + 1)


def glossary_invalid_utf8(tmp: Path, name: str) -> Made:
    return _plant(tmp, name, "测试用语: bad ".encode() + b"\xff\xfe byte\n")


def glossary_wrong_type(tmp: Path, name: str) -> Made:
    return _plant(tmp, name, "测试用语: {en: [not, text], kind: term}\n".encode())


def glossary_megabyte_entry(tmp: Path, name: str) -> Made:
    return _plant(tmp, name, "测试用语: ".encode() + b"x" * 1_000_000 + b"\n")


def glossary_control_character(tmp: Path, name: str) -> Made:
    return _plant(tmp, name, '测试用语: "bell\\x07 and form\\x0cfeed"\n'.encode())


MARKUP_EN = 'new urban jobs <script>alert(1)</script> & R&D "quoted" <w:t>'


def glossary_markup(tmp: Path, name: str) -> Made:
    """An indicator the base report uses, rendered with HTML and Word markup characters."""
    folder = _glossary_copy(tmp, name)
    indicators = folder / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    assert "\n  en: new urban jobs\n" in text
    escaped = MARKUP_EN.replace('"', '\\"')
    indicators.write_text(text.replace("\n  en: new urban jobs\n", f'\n  en: "{escaped}"\n', 1), encoding="utf-8")
    return Made(folder)


def _templates_copy(tmp: Path, name: str) -> Path:
    folder = tmp / f"templates-{name}"
    shutil.copytree(ROOT / "templates", folder)
    return folder


def _break_template(tmp: Path, file: str, bad: str) -> Made:
    """Insert ``bad`` as a new line in the middle of a copy of templates/``file``."""
    folder = _templates_copy(tmp, file)
    path = folder / file
    lines = path.read_text(encoding="utf-8").split("\n")
    at = len(lines) // 2
    lines.insert(at, bad)
    path.write_text("\n".join(lines), encoding="utf-8")
    return Made(folder, at + 1)


def template_syntax_error(tmp: Path, name: str) -> Made:
    return _break_template(tmp, name, "{% if %}")


def macro_syntax_error(tmp: Path, name: str) -> Made:
    return _break_template(tmp, name, "{{ 1 + }}")


def template_unknown_variable(tmp: Path, name: str) -> Made:
    made = _break_template(tmp, name, "{{ no_such_variable_here }}")
    return Made(made.path, None)


MAKERS: dict[str, Callable[[Path, str], Made]] = {
    f.__name__: f for f in (
        good_docx, truncated_docx, renamed_xlsx, ten_megabyte_report, glossary_duplicate_key, glossary_tab,
        glossary_invalid_utf8, glossary_wrong_type, glossary_megabyte_entry, glossary_control_character,
        glossary_markup, template_syntax_error, macro_syntax_error, template_unknown_variable,
    )
}


def make_input(case: Case, tmp: Path) -> Made:
    if case.make:
        made = MAKERS[case.make](tmp, case.file)
        return made if made.line is not None or case.line is None else Made(made.path, case.line)
    return Made(CORPUS / case.file, case.line)


# ---------------------------------------------------------------- running and checking

def run_cli(args: list[str], cwd: Path = ROOT, code: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` (or ``python -c CODE ARGS``) as a user would run it."""
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFS_DEBUG", "STRICT")}
    env.update(PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH=EPOCH)
    head = ["-c", code] if code else ["-m", "generator"]
    result = subprocess.run([sys.executable, *head, *args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=900, check=False)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def leftovers(folder: Path) -> list[Path]:
    """Staging folders and temporary files a build must never leave behind."""
    return [p for p in folder.rglob("*") if p.name.startswith(".staging-") or p.name.endswith(".part")]


def assert_error_line(stderr: str, source: Path, line: int | None, words: str | None) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one error line, got:\n{stderr}"
    (message,) = lines
    assert message.startswith("error: "), message
    assert source.name in message, message
    if line is not None:
        assert f"{source.name}:{line}:" in message, message
    if words:
        assert words.lower() in message.lower(), message
    return message


def assert_complete(out: Path, stem: str, formats: str) -> None:
    folder = out / stem
    for kind in formats.split(","):
        for pattern in EXPECTED_FILES[kind]:
            path = folder / pattern.format(stem=stem)
            assert path.is_file() and path.stat().st_size > 0, f"missing {path}"
    assert (folder / ".build.json").is_file()
    assert leftovers(out) == []


def decoded_pdf(path: Path) -> bytes:
    """Every object of the PDF at ``path`` as PDF syntax, streams decoded (what raw bytes hide when compressed)."""
    import pikepdf

    parts = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                parts.append(obj.read_bytes())
                parts.append(obj.stream_dict.unparse())
            elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
                parts.append(obj.unparse())
    return b"\n".join(parts)


def assert_no_secrets(out: Path) -> None:
    for path in all_files(out):
        assert PASSWD_MARK not in path.read_bytes(), f"{path} holds /etc/passwd content"


def cli_build(source: Path, out: Path, formats: str, glossary: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--glossary", str(glossary)] if glossary else []
    return run_cli(["build", str(source), "--out", str(out), "--formats", formats, "-j", "1", *extra])


def _warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


# ---------------------------------------------------------------- the corpus

def test_manifest_is_complete_and_consistent() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)
    for case in CASES:
        assert case.via in {"build", "docx", "pdf", "read", "glossary", "template"}, case.id
        assert case.expect in {"brief", "error"}, case.id
        assert case.make in MAKERS if case.make else (CORPUS / case.file).is_file(), case.id
        assert case.expect == "error" or (case.line is None and case.words is None), case.id
    listed = {c.file for c in CASES if not c.make} | {BASE.name, "manifest.yaml"}
    assert {p.name for p in CORPUS.iterdir()} <= listed, "a corpus file is in no manifest entry"


@pytest.mark.parametrize("case", cases("build", "docx"))
def test_cli_build(case: Case, tmp_path: Path) -> None:
    made = make_input(case, tmp_path)
    out = tmp_path / "out"
    formats = FORMATS[case.via]
    result = cli_build(made.path, out, formats)
    if case.expect == "error":
        assert result.returncode == 2, result.stderr
        assert_error_line(result.stderr, made.path, made.line, case.words)
        assert all_files(out) == [], "a failed build wrote files"
        return
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("error")], result.stderr
    assert_complete(out, made.path.stem, formats)
    assert_no_secrets(out)
    if case.warning:
        assert any(case.warning in line for line in _warning_lines(result.stderr)), result.stderr


@pytest.mark.parametrize("case", cases("read"))
def test_read_and_brief(case: Case, tmp_path: Path) -> None:
    from tests.support.project import briefs_of
    from generator.read import read_document

    made = make_input(case, tmp_path)
    if case.expect == "error":
        with pytest.raises(BriefError) as caught:
            briefs_of(read_document(made.path))
        assert caught.value.path == str(made.path) and caught.value.line == made.line
        assert "\n" not in str(caught.value)
        return
    doc = read_document(made.path)
    briefs = briefs_of(doc)
    assert {lang: type(b) for lang, b in briefs.items()} == {"zh": Brief, "en": Brief}
    assert briefs["zh"].lang == "zh" and briefs["en"].lang == "en"
    if case.warning:
        assert any(case.warning in w for w in doc.warnings), doc.warnings


def test_ten_megabyte_report_keeps_the_seed_structure(tmp_path: Path, seed_doc) -> None:
    from generator.read import read_document

    big = read_document(ten_megabyte_report(tmp_path, "big.txt").path)
    seed = seed_doc
    assert [p.title for p in big.parts] == [p.title for p in seed.parts]
    assert len(big.tables) >= len(seed.tables)


# ---------------------------------------------------------------- hostile HTML: nothing leaks, nothing fetched

class _Canary(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canary_server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that records every request made to it."""
    _Canary.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], _Canary.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("case", cases("pdf"))
def test_hostile_html_leaks_nothing_and_fetches_nothing(case: Case, tmp_path: Path, canary_server) -> None:
    port, hits = canary_server
    page = (CORPUS / case.file).read_text(encoding="utf-8").replace("CANARY_PORT", str(port))
    source = tmp_path / case.file
    source.write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    result = cli_build(source, out, FORMATS["pdf"])
    assert result.returncode == 0, result.stderr
    assert_complete(out, source.stem, FORMATS["pdf"])
    assert hits == [], f"the build fetched {hits}"
    assert_no_secrets(out)
    for html in (out / source.stem).glob("*.html"):
        text = html.read_text(encoding="utf-8").lower()
        for tag in ("<script", "<iframe", "<object", "<embed", "file:///etc", f"127.0.0.1:{port}"):
            assert tag not in text, f"{html.name} contains {tag}"
    for pdf in (out / source.stem).glob("*.pdf"):
        listing = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True)
        # the build's own data files, and nothing the page asked for
        assert listing.stdout.splitlines() == ["2 embedded files", "1: scorecard.csv", "2: scorecard.json"], \
            listing.stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "root:x:0" not in text
        decoded = decoded_pdf(pdf)  # object streams and attachments are compressed: look inside them
        assert b"/etc/passwd" not in decoded and PASSWD_MARK not in decoded
        if "alert" in text:  # the report's escaped markup is shown as text
            assert "<script>" in text


# ---------------------------------------------------------------- glossary

@pytest.mark.parametrize("case", cases("glossary"))
def test_glossary_case(case: Case, tmp_path: Path) -> None:

    made = make_input(case, tmp_path)
    problems = glossary_problems(made.path)
    out = tmp_path / "out"
    formats = FORMATS["glossary"]
    result = cli_build(BASE, out, formats, glossary=made.path)
    if case.expect == "error":
        assert len(problems) == 1, problems
        assert problems[0].startswith(f"{made.path / 'terms.yaml'}:{made.line}:"), problems
        assert case.words.lower() in problems[0].lower(), problems
        assert result.returncode == 2, result.stderr
        lines = result.stderr.splitlines()
        assert all(line.startswith("error: ") for line in lines), result.stderr
        assert f"terms.yaml:{made.line}:" in lines[0], result.stderr
        assert all_files(out) == [], "a build with a broken glossary wrote files"
        return
    assert problems == []
    assert result.returncode == 0, result.stderr
    assert_complete(out, BASE.stem, formats)
    html = (out / BASE.stem / f"{BASE.stem}.en.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;w:t&gt;" in html
    import docx

    document = docx.Document(str(out / BASE.stem / f"{BASE.stem}.en.docx"))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(MARKUP_EN in t for t in texts), "the markup entry is not shown literally in the DOCX"


# ---------------------------------------------------------------- templates

@pytest.mark.parametrize("case", cases("template"))
def test_broken_template_is_a_template_error(case: Case, tmp_path: Path) -> None:
    import dataclasses

    from generator.render.html import render_html
    from tests.support.sample_brief import sample_brief

    made = make_input(case, tmp_path)
    ctx = dataclasses.replace(render_ctx(), templates=made.path)  # the renderer pointed at another folder
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        render_html(sample_brief("en"), out, "brief", ctx)
    error = caught.value
    assert error.path and Path(error.path).name == case.file, str(error)
    assert error.line == made.line, str(error)
    assert case.words.lower() in error.message.lower()
    assert "\n" not in str(error)
    assert not (out / "brief.html").exists()
    assert not out.exists() or leftovers(out) == []


BUILD_WITH_TEMPLATES = (  # the project's paths with another templates folder
    "import sys, dataclasses; from pathlib import Path; import generator.paths as p; "
    "default = p.Paths.default; "
    "p.Paths.default = lambda glossary=None, root=p.PACKAGE_ROOT: "
    "dataclasses.replace(default(glossary, root), templates=Path(sys.argv[1])); "
    "from generator.cli import main; sys.exit(main(sys.argv[2:]))"
)


def test_cli_build_with_a_broken_template_prints_one_line(tmp_path: Path) -> None:
    made = template_syntax_error(tmp_path, "brief.html")
    out = tmp_path / "out"
    result = run_cli([str(made.path), "build", str(BASE), "--out", str(out), "--formats", "html", "-j", "1"],
                     code=BUILD_WITH_TEMPLATES)
    assert result.returncode == 2, result.stderr
    message = assert_error_line(result.stderr, made.path / "brief.html", made.line, "syntax")
    assert str(made.path / "brief.html") in message
    assert all_files(out) == []
