"""Build orchestration behind ``make briefs`` / ``python -m generator build``.

For every report ``<name>.<ext>`` it writes ``OUT/<name>/``: the zh and en
PDF, DOCX and HTML briefs, ``assets/`` (stylesheet, chart SVGs, subset fonts) and the
scorecard as JSON and CSV.

* Incremental: outputs are grouped in *units* (scorecard; per language the
  HTML+PDF and the DOCX). Each unit's inputs are hashed — source file, code
  (``generator/**/*.py``), generation date, glossary (English only), the
  templates it uses — and the digests kept in ``OUT/<name>/.build.json``. A
  unit is rebuilt when its digest changed or a file of it is missing. The
  no-op check imports nothing heavy.
* Parallel: every (report, unit group) is a task in a process pool.
* Atomic: a task renders into a staging folder inside ``OUT/<name>/``; only
  when every task of a report succeeded are its files renamed into place
  and the stamp updated. A failed report keeps its previous outputs and
  leaves no temporary files.
* Deterministic: the generation date is ``SOURCE_DATE_EPOCH`` (UTC) if set,
  else today.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import EXIT_BAD_INPUT, BriefError

ROOT = Path(__file__).resolve().parent.parent
CODE_DIR = ROOT / "generator"
TEMPLATE_DIR = ROOT / "templates"
GLOSSARY_DIR = Path("glossary")
STAMP = ".build.json"
STAMP_VERSION = 1
STAGING_PREFIX = ".staging-"
LANGS = ("zh", "en")
ALL_FORMATS = ("pdf", "docx", "html", "scorecard")
EXIT_INTERNAL = 70

# Template files each output kind depends on (globs under templates/).
TEMPLATE_DEPS: dict[str, tuple[str, ...]] = {
    "html": ("*.html", "*.css", "assets/**/*", "locale/**/*.po"),
    "docx": ("reference.docx", "locale/**/*.po"),
}


@dataclass(frozen=True)
class Task:
    """One unit of parallel work: a report's scorecard, or one language's briefs."""

    source: Path
    out_dir: Path
    group: str  # "scorecard" | "zh" | "en"
    units: tuple[str, ...]  # e.g. ("zh.html", "zh.docx")
    date: dt.date
    glossary_dir: Path
    with_pdf: bool = True


@dataclass
class TaskResult:
    task: Task
    staging: Path | None = None
    files: dict[str, list[str]] = field(default_factory=dict)  # unit -> files relative to the staging folder
    gaps: int = 0
    error: str | None = None
    internal: bool = False
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- dates and hashes

def generation_date(environ: dict[str, str] | None = None) -> dt.date:
    """``SOURCE_DATE_EPOCH`` as a UTC date if set, else today's date."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError) as exc:
            raise BriefError(f"SOURCE_DATE_EPOCH is not a Unix time: {epoch!r}") from exc
    return dt.date.today()


def _hash_files(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _glob(base: Path, patterns: tuple[str, ...]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in base.glob(pattern) if p.is_file())
    return sorted(found)


@dataclass(frozen=True)
class Fingerprints:
    """Digests of everything an output can depend on, computed once per command."""

    code: str
    glossary: str
    templates: dict[str, str]
    date: str

    @classmethod
    def compute(cls, glossary_dir: Path, date: dt.date) -> "Fingerprints":
        code = _hash_files(_glob(CODE_DIR, ("**/*.py",)), CODE_DIR)
        glossary = _hash_files(_glob(glossary_dir, ("**/*",)), glossary_dir) if glossary_dir.is_dir() else ""
        templates = {kind: _hash_files(_glob(TEMPLATE_DIR, pats), TEMPLATE_DIR) for kind, pats in TEMPLATE_DEPS.items()}
        return cls(code, glossary, templates, date.isoformat())

    def unit_digest(self, unit: str, source_digest: str) -> str:
        """The digest of everything ``unit`` ("scorecard", "zh.html", "en.docx" …) depends on."""
        parts = [f"v{STAMP_VERSION}", unit, source_digest, self.code]
        if unit != "scorecard":
            lang, kind = unit.split(".")
            parts += [self.date, self.templates[kind]]
            if lang == "en":
                parts.append(self.glossary)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# ---------------------------------------------------------------- stamps

def read_stamp(out_dir: Path) -> dict:
    try:
        data = json.loads((out_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == STAMP_VERSION else {}


def write_stamp(out_dir: Path, stamp: dict) -> None:
    from generator.render.atomic import write_text

    write_text(out_dir / STAMP, json.dumps(stamp, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def wanted_units(formats: list[str] | None) -> list[str]:
    """The units the requested formats need (all by default)."""
    chosen = set(formats or ALL_FORMATS)
    unknown = chosen - set(ALL_FORMATS)
    if unknown:
        raise BriefError(f"unknown format(s): {', '.join(sorted(unknown))} (choose from {', '.join(ALL_FORMATS)})")
    units = ["scorecard"] if "scorecard" in chosen else []
    for lang in LANGS:
        if chosen & {"pdf", "html"}:
            units.append(f"{lang}.html")
        if "docx" in chosen:
            units.append(f"{lang}.docx")
    return units


def stale_units(out_dir: Path, digests: dict[str, str], stamp: dict) -> list[str]:
    """Units whose digest changed or one of whose recorded files is missing."""
    recorded = stamp.get("units", {})
    stale = []
    for unit, digest in digests.items():
        entry = recorded.get(unit)
        if (not entry or entry.get("digest") != digest
                or not entry.get("files")
                or not all((out_dir / f).is_file() for f in entry["files"])):
            stale.append(unit)
    return stale


# ---------------------------------------------------------------- the work (runs in worker processes)

def _where(exc: BriefError, source: Path) -> str:
    text = str(exc)
    return text if exc.path else f"{source}: {text}"


def _render_language(task: Task, staging: Path, result: TaskResult) -> None:
    from generator.localise.briefs import build_briefs
    from generator.read import read_document

    doc = read_document(task.source)
    briefs = build_briefs(doc, glossary_dir=task.glossary_dir, generated=task.date)
    brief = briefs[task.group]
    if not brief.generated_iso:
        brief.generated_iso = task.date.isoformat()
    result.gaps = len(brief.gaps)
    stem = f"{task.source.stem}.{task.group}"

    from generator.render.charts import render_charts

    assets = staging / "assets"
    charts = render_charts(brief, assets)
    if f"{task.group}.html" in task.units:
        from generator.render.html import render_html

        html_path = render_html(brief, staging, stem, charts)
        files = [html_path]
        if task.with_pdf:
            from generator.render.pdf import subset_warning, write_pdf

            pdf_path = staging / f"{stem}.pdf"
            write_pdf(html_path, pdf_path, brief)
            files.append(pdf_path)
            warning = subset_warning()
            if warning:
                result.warnings.append(warning)
        files += sorted(p for p in assets.rglob("*") if p.is_file() and p.suffix != ".png")  # css, svg, fonts/
        result.files[f"{task.group}.html"] = [p.relative_to(staging).as_posix() for p in files]
    if f"{task.group}.docx" in task.units:
        from generator.render.docx import render_docx

        docx_path = staging / f"{stem}.docx"
        render_docx(brief, docx_path, charts)
        result.files[f"{task.group}.docx"] = [docx_path.relative_to(staging).as_posix()]
    for png in assets.glob("*.png"):  # embedded in the DOCX; not an output of its own
        png.unlink()
    result.warnings += [f"{task.source}: {w}" for w in brief.warnings]  # reader's and renderers'


def _render_scorecard(task: Task, staging: Path, result: TaskResult) -> None:
    from generator.analyse.scorecard import scorecard_csv, scorecard_json
    from generator.read import read_document
    from generator.render.atomic import write_text

    doc = read_document(task.source)
    write_text(staging / "scorecard.json",
               json.dumps(scorecard_json(doc), ensure_ascii=False, indent=2, default=str) + "\n")
    write_text(staging / "scorecard.csv", scorecard_csv(doc))
    result.files["scorecard"] = ["scorecard.json", "scorecard.csv"]


def run_task(task: Task) -> TaskResult:
    """Render one task into a fresh staging folder; never raises."""
    result = TaskResult(task)
    try:
        task.out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{task.group}-", dir=task.out_dir))
        result.staging = staging
        if task.group == "scorecard":
            _render_scorecard(task, staging, result)
        else:
            _render_language(task, staging, result)
    except BriefError as exc:
        result.error = _where(exc, task.source)
    except Exception as exc:  # a bug: reported as one line, the other reports still build
        if os.environ.get("BRIEFS_DEBUG") == "1":
            import traceback

            traceback.print_exc()
        result.error = f"{task.source}: internal error: {type(exc).__name__}: {exc}"
        result.internal = True
    if result.error and result.staging:
        shutil.rmtree(result.staging, ignore_errors=True)
        result.staging = None
    return result


# ---------------------------------------------------------------- planning and committing

@dataclass
class Report:
    source: Path
    out_dir: Path
    digests: dict[str, str]
    stamp: dict
    stale: list[str]


def _commit(report: Report, results: list[TaskResult]) -> int:
    """Move every staged file into place, then record the new digests; return the file count."""
    stamp = dict(report.stamp) or {"version": STAMP_VERSION}
    stamp["version"] = STAMP_VERSION
    units = dict(stamp.get("units", {}))
    written: set[str] = set()
    for result in results:
        assert result.staging is not None
        for unit, files in result.files.items():
            for rel in files:
                dest = report.out_dir / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(result.staging / rel, dest)
                written.add(rel)
            units[unit] = {"digest": report.digests[unit], "files": sorted(files)}
        if result.task.group == "en":
            stamp["gaps"] = result.gaps
    stamp["units"] = units
    write_stamp(report.out_dir, stamp)
    return len(written)


def _discard(results: list[TaskResult]) -> None:
    for result in results:
        if result.staging:
            shutil.rmtree(result.staging, ignore_errors=True)


def _clean_leftovers(out_dir: Path) -> None:
    """Remove staging folders and temp files an interrupted earlier run left behind."""
    if not out_dir.is_dir():
        return
    for stale in out_dir.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)
    from generator.render.atomic import remove_stale_temps

    remove_stale_temps(out_dir)


def _tasks_for(report: Report, date: dt.date, glossary_dir: Path, with_pdf: bool) -> list[Task]:
    tasks = []
    for group in ("scorecard", *LANGS):
        units = tuple(u for u in report.stale if u == group or u.startswith(f"{group}."))
        if units:
            tasks.append(Task(report.source, report.out_dir, group, units, date, glossary_dir, with_pdf))
    return tasks


def _check_glossary(glossary_dir: Path) -> list[str]:
    from generator.localise.glossary import check_glossary_dir

    return check_glossary_dir(glossary_dir)


def _gap_line(source: Path, gaps: int) -> str:
    return (f"{source}: {gaps} glossary gap{'s' if gaps != 1 else ''} in the English brief; "
            f"list them: python -m generator glossary gaps {source}")


def build(files: list[Path], out: Path = Path("build"), jobs: int = 0, strict: bool = False,
          formats: list[str] | None = None, glossary_dir: Path = GLOSSARY_DIR) -> int:
    """Build the briefs of ``files`` into ``out``; return the exit code (0, 2 on any error)."""
    started = time.monotonic()
    units = wanted_units(formats)
    with_pdf = formats is None or "pdf" in formats
    date = generation_date()
    prints = Fingerprints.compute(glossary_dir, date)
    exit_code = 0

    reports: list[Report] = []
    names: dict[str, Path] = {}
    for source in files:
        if source.stem in names:
            print(f"error: {source}: same name as {names[source.stem]}; both would write {out / source.stem}/",
                  file=sys.stderr)
            exit_code = EXIT_BAD_INPUT
            continue
        names[source.stem] = source
        try:
            source_digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError as exc:
            print(f"error: {source}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            exit_code = EXIT_BAD_INPUT
            continue
        out_dir = out / source.stem
        stamp = read_stamp(out_dir)
        digests = {unit: prints.unit_digest(unit, source_digest) for unit in units}
        reports.append(Report(source, out_dir, digests, stamp, stale_units(out_dir, digests, stamp)))

    todo = [r for r in reports if r.stale]
    for report in reports:
        if not report.stale:
            print(f"up to date: {report.out_dir}/")
            gaps = report.stamp.get("gaps", 0)
            if gaps:
                print(_gap_line(report.source, gaps), file=sys.stderr)
                if strict:
                    print(f"error: {report.source}: --strict: glossary gaps in the English brief", file=sys.stderr)
                    exit_code = EXIT_BAD_INPUT
    if not todo:
        return exit_code

    problems = _check_glossary(glossary_dir)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"error: {glossary_dir}: {len(problems)} glossary problem(s); nothing built "
              "(python -m generator glossary check)", file=sys.stderr)
        return EXIT_BAD_INPUT

    announced: set[str] = set()
    if with_pdf:
        from generator.render.pdf import subset_warning

        warning = subset_warning()
        if warning:
            print(warning, file=sys.stderr)
            announced.add(warning)

    tasks: list[Task] = []
    for report in todo:
        _clean_leftovers(report.out_dir)
        tasks += _tasks_for(report, date, glossary_dir, with_pdf)
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    results = _run(tasks, min(workers, len(tasks)))

    for report in todo:
        mine = [r for r in results if r.task.source == report.source]
        errors = list(dict.fromkeys(r.error for r in mine if r.error))
        gaps = sum(r.gaps for r in mine if r.task.group == "en")
        if not errors:  # a failed report says only why it failed
            for warning in dict.fromkeys(w for r in mine for w in r.warnings if w not in announced):
                print(warning if warning.startswith("warning: ") else f"warning: {warning}", file=sys.stderr)
            if gaps:
                print(_gap_line(report.source, gaps), file=sys.stderr)
                if strict:
                    errors.append(f"{report.source}: --strict: {gaps} glossary gap(s) in the English brief")
        if errors:
            _discard(mine)
            for error in errors:
                print(f"error: {error}", file=sys.stderr)
            internal = any(r.internal for r in mine)
            exit_code = max(exit_code, EXIT_INTERNAL if internal else EXIT_BAD_INPUT)
            continue
        seconds = time.monotonic() - started
        count = _commit(report, mine)
        _discard(mine)
        print(f"built {report.out_dir}/ ({count} files, {seconds:.1f} s)")
    return exit_code


def _run(tasks: list[Task], workers: int) -> list[TaskResult]:
    if workers <= 1:
        return [run_task(t) for t in tasks]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_task, tasks))
