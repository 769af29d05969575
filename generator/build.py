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
* Once per report: the main process reads the report, writes the scorecard
  and builds the brief of each stale language (English first: its PDF is the
  longest task); every stale unit is then rendered from that brief.
* Parallel: each unit (a language's HTML+PDF, a language's DOCX) is a task in
  a process pool, submitted as soon as its brief is ready. The workers are
  forked from a server that imported WeasyPrint, matplotlib and python-docx
  once (``forkserver`` with preloaded modules), started before the first
  report is read, so those imports overlap the main process's analysis.
  (As with any multiprocessing code that is not plain ``fork``, a script
  calling :func:`build` with ``jobs`` > 1 needs the ``if __name__ ==
  "__main__":`` guard; ``python -m generator`` has it.) Ctrl-C ends the
  workers without a traceback; the main process reports it.
* Atomic: every task (and the scorecard) is written into a staging folder inside
  ``OUT/<name>/``; only when every task of a report succeeded are its files renamed into place
  and the stamp updated. A failed report keeps its previous outputs and
  leaves no temporary files.
* Deterministic: the generation date is ``SOURCE_DATE_EPOCH`` (UTC) if set,
  else today.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from generator.read.sniff import format_of
from generator.errors import EXIT_BAD_INPUT, BriefError

if TYPE_CHECKING:
    from generator.brief import Brief
    from generator.document import Document

ROOT = Path(__file__).resolve().parent.parent
CODE_DIR = ROOT / "generator"
TEMPLATE_DIR = ROOT / "templates"
GLOSSARY_DIR = Path("glossary")
STAMP = ".build.json"
STAMP_VERSION = 1
STAGING_PREFIX = ".staging-"
LANGS = ("zh", "en")
BRIEF_ORDER = ("en", "zh")  # briefs are built and submitted in this order: the English PDF takes longest
KIND_ORDER = ("html", "docx")  # the HTML task prints the PDF: longer than the DOCX
ALL_FORMATS = ("pdf", "docx", "html", "scorecard")
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
# Imported once by the fork server; every worker starts with them loaded.
PRELOAD = ("weasyprint", "jinja2", "babel.numbers", "matplotlib.figure", "docx",
           "generator.render.fetcher", "generator.render.html", "generator.render.pdf",
           "generator.render.charts", "generator.render.docx", "generator.build")

# Template files each output kind depends on (globs under templates/).
TEMPLATE_DEPS: dict[str, tuple[str, ...]] = {
    "html": ("*.html", "*.css", "assets/**/*", "locale/**/*.po"),
    "docx": ("reference.docx", "locale/**/*.po"),
}


@dataclass(frozen=True)
class Task:
    """One unit of parallel work: a language's HTML (and PDF), or its DOCX, from a ready brief."""

    source: Path
    out_dir: Path
    unit: str  # "zh.html" | "zh.docx" | "en.html" | "en.docx"
    brief: "Brief"
    with_pdf: bool = True

    @property
    def lang(self) -> str:
        return self.unit.split(".")[0]

    @property
    def kind(self) -> str:
        return self.unit.split(".")[1]


@dataclass
class TaskResult:
    unit: str
    staging: Path | None = None
    files: dict[str, list[str]] = field(default_factory=dict)  # unit -> files relative to the staging folder
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


# ---------------------------------------------------------------- the work

def _where(exc: BriefError, source: Path) -> str:
    text = str(exc)
    return text if exc.path else f"{source}: {text}"


def _failure(exc: BaseException, source: Path) -> tuple[str, bool]:
    """The one-line message for ``exc`` and whether it is a bug (internal error)."""
    if isinstance(exc, BriefError):
        return _where(exc, source), False
    if os.environ.get("BRIEFS_DEBUG") == "1":
        import traceback

        traceback.print_exception(exc)
    return f"{source}: internal error: {type(exc).__name__}: {exc}", True


def _staging(out_dir: Path, unit: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{unit}-", dir=out_dir))


def _render_html(task: Task, staging: Path, result: TaskResult) -> None:
    """The HTML page with its assets (stylesheet, chart SVGs, subset fonts) and, unless skipped, the PDF."""
    from generator.render.charts import render_charts
    from generator.render.html import render_html

    brief = task.brief
    assets = staging / "assets"
    charts = render_charts(brief, assets, formats=("svg",))
    html_path = render_html(brief, staging, f"{task.source.stem}.{task.lang}", charts)
    files = [html_path]
    if task.with_pdf:
        from generator.render.pdf import subset_warning, write_pdf

        pdf_path = html_path.with_suffix(".pdf")
        write_pdf(html_path, pdf_path, brief)
        files.append(pdf_path)
        warning = subset_warning()
        if warning:
            result.warnings.append(warning)
    files += sorted(p for p in assets.rglob("*") if p.is_file())  # css, svg, fonts/
    result.files[task.unit] = [p.relative_to(staging).as_posix() for p in files]


def _render_docx(task: Task, staging: Path, result: TaskResult) -> None:
    """The DOCX brief; its charts are drawn as PNG, embedded, and not kept as files."""
    from generator.render.charts import render_charts
    from generator.render.docx import render_docx

    charts = render_charts(task.brief, staging / "charts", formats=("png",))
    docx_path = staging / f"{task.source.stem}.{task.lang}.docx"
    render_docx(task.brief, docx_path, charts)
    shutil.rmtree(staging / "charts", ignore_errors=True)
    result.files[task.unit] = [docx_path.relative_to(staging).as_posix()]


RENDERERS = {"html": _render_html, "docx": _render_docx}


def run_task(task: Task) -> TaskResult:
    """Render one task into a fresh staging folder; never raises (but for interruption)."""
    result = TaskResult(task.unit)
    known = set(task.brief.warnings)
    try:
        result.staging = _staging(task.out_dir, task.unit)
        RENDERERS[task.kind](task, result.staging, result)
    except Exception as exc:  # a BriefError, or a bug: one line; the other reports still build
        result.error, result.internal = _failure(exc, task.source)
    # what the renderers added to the brief's warnings (the parent knows the reader's)
    result.warnings += [f"{task.source}: {w}" for w in task.brief.warnings if w not in known]
    if result.error and result.staging:
        shutil.rmtree(result.staging, ignore_errors=True)
        result.staging = None
    return result


def _render_scorecard(doc: "Document", report: "Report") -> None:
    """The scorecard as JSON and CSV, staged for ``report`` (in the main process: it is quick)."""
    from generator.analyse.indicators import scorecard_csv, scorecard_json
    from generator.render.atomic import write_text

    result = TaskResult("scorecard", staging=_staging(report.out_dir, "scorecard"))
    report.results.append(result)  # staged files are discarded with the report's if anything fails
    write_text(result.staging / "scorecard.json",
               json.dumps(scorecard_json(doc), ensure_ascii=False, indent=2, default=str) + "\n")
    write_text(result.staging / "scorecard.csv", scorecard_csv(doc))
    result.files["scorecard"] = ["scorecard.json", "scorecard.csv"]


# ---------------------------------------------------------------- planning and committing

@dataclass
class Report:
    source: Path
    out_dir: Path
    digests: dict[str, str]
    stamp: dict
    stale: list[str]
    results: list[TaskResult] = field(default_factory=list)
    pending: list[Future] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    internal: bool = False
    warnings: list[str] = field(default_factory=list)
    gaps: int = 0


def _prepare(report: Report, date: dt.date, glossary_dir: Path, with_pdf: bool) -> Iterator[Task]:
    """Read ``report`` once, write its scorecard, build the brief of each stale language; yield its tasks.

    Each HTML (+PDF) task is yielded as soon as its brief is ready, the
    shorter DOCX tasks after them, so two workers pair a long task with a
    short one. Errors are recorded on the report.
    """
    try:
        from generator.localise.briefs import build_briefs
        from generator.read import read_document

        doc = read_document(report.source)
        if "scorecard" in report.stale:
            _render_scorecard(doc, report)
        later: list[Task] = []
        for lang in BRIEF_ORDER:
            units = [f"{lang}.{kind}" for kind in KIND_ORDER if f"{lang}.{kind}" in report.stale]
            if not units:
                continue
            brief = build_briefs(doc, glossary_dir=glossary_dir, generated=date, langs=(lang,))[lang]
            if not brief.generated_iso:
                brief.generated_iso = date.isoformat()
            if lang == "en":
                report.gaps = len(brief.gaps)
            report.warnings += [f"{report.source}: {w}" for w in brief.warnings]  # the reader's
            first, *rest = (Task(report.source, report.out_dir, unit, brief, with_pdf) for unit in units)
            yield first
            later += rest
        yield from later
    except Exception as exc:
        message, internal = _failure(exc, report.source)
        report.errors.append(message)
        report.internal = internal


def _commit(report: Report) -> int:
    """Move every staged file into place, then record the new digests; return the file count."""
    stamp = dict(report.stamp) or {"version": STAMP_VERSION}
    stamp["version"] = STAMP_VERSION
    units = dict(stamp.get("units", {}))
    written: set[str] = set()
    for result in report.results:
        assert result.staging is not None
        for unit, files in result.files.items():
            for rel in files:
                dest = report.out_dir / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(result.staging / rel, dest)
                written.add(rel)
            units[unit] = {"digest": report.digests[unit], "files": sorted(files)}
    if any(u.startswith("en.") for u in report.stale):
        stamp["gaps"] = report.gaps
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


def _check_glossary(glossary_dir: Path) -> list[str]:
    from generator.localise.glossary import check_glossary_dir

    return check_glossary_dir(glossary_dir)


def _gap_line(source: Path, gaps: int) -> str:
    return (f"{source}: {gaps} glossary gap{'s' if gaps != 1 else ''} in the English brief; "
            f"list them: python -m generator glossary gaps {source}")


def _render_count(report: Report) -> int:
    return sum(1 for unit in report.stale if unit != "scorecard")


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
            # The format read (sniffed from the first bytes) and the name shown in the brief count too.
            source_digest = ":".join((hashlib.sha256(source.read_bytes()).hexdigest(), format_of(source), source.name))
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

    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    # Started first: the pool's server imports the renderers while the glossary is checked and read.
    with _Runner(min(workers, sum(_render_count(r) for r in todo))) as runner:
        problems = _check_glossary(glossary_dir)
        if problems:
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            print(f"error: {glossary_dir}: {len(problems)} glossary problem(s); nothing built "
                  "(python -m generator glossary check)", file=sys.stderr)
            return EXIT_BAD_INPUT

        announced: set[str] = set()  # warnings already printed (once per run, e.g. the PDF renderer's)
        for report in todo:
            _clean_leftovers(report.out_dir)
        waiting: list[Report] = []  # submitted; committed in order, each as soon as its tasks are done
        for report in todo:
            for task in _prepare(report, date, glossary_dir, with_pdf):
                runner.submit(report, task)
            waiting.append(report)
            while waiting and runner.done(waiting[0]):
                exit_code = max(exit_code, _finish(runner.collect(waiting.pop(0)), strict, announced, started))
        for report in waiting:
            exit_code = max(exit_code, _finish(runner.collect(report), strict, announced, started))
    return exit_code


def _finish(report: Report, strict: bool, announced: set[str], started: float) -> int:
    """Commit a report whose tasks all succeeded, or discard it and print why; the exit code."""
    for result in report.results:
        if result.error:
            report.errors.append(result.error)
            report.internal = report.internal or result.internal
    errors = list(dict.fromkeys(report.errors))
    if not errors:  # a failed report says only why it failed
        warnings = report.warnings + [w for r in report.results for w in r.warnings]
        for warning in dict.fromkeys(w for w in warnings if w not in announced):
            print(warning if warning.startswith("warning: ") else f"warning: {warning}", file=sys.stderr)
            announced.add(warning)
        if report.gaps:
            print(_gap_line(report.source, report.gaps), file=sys.stderr)
            if strict:
                errors.append(f"{report.source}: --strict: {report.gaps} glossary gap(s) in the English brief")
    if errors:
        _discard(report.results)
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        return EXIT_INTERNAL if report.internal else EXIT_BAD_INPUT
    seconds = time.monotonic() - started
    count = _commit(report)
    _discard(report.results)
    print(f"built {report.out_dir}/ ({count} files, {seconds:.1f} s)")
    return 0


# ---------------------------------------------------------------- running tasks

def _quiet_interrupt(_signum: int, _frame: object) -> None:
    os._exit(EXIT_INTERRUPTED)  # the main process reports the interruption; its staging files go next run


def _worker_init() -> None:
    """In each worker: Ctrl-C ends the worker at once, without a traceback."""
    signal.signal(signal.SIGINT, _quiet_interrupt)


def _pool_context() -> multiprocessing.context.BaseContext:
    """The fork server with the heavy modules preloaded, started now; plain fork where unavailable."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    # The server (and the workers it forks) start with Ctrl-C ignored: the
    # main process reports an interruption, a half-imported server must not.
    # It returns at once; the server imports while this process reads reports.
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main_thread else None
    try:
        forkserver.ensure_running()
    except OSError:  # no Unix socket or temp folder for the server: fork each worker instead
        return multiprocessing.get_context("fork")
    finally:
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)
    return context


class _Runner:
    """Runs tasks in this process (one worker) or in a pool, and collects each report's results."""

    def __init__(self, workers: int) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                            initializer=_worker_init)

    def __enter__(self) -> "_Runner":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, report: Report, task: Task) -> None:
        if self.pool is None:
            report.results.append(run_task(task))
            return
        try:
            report.pending.append(self.pool.submit(run_task, task))
        except BrokenProcessPool as exc:  # an earlier task's worker died
            report.errors.append(f"{report.source}: internal error: worker failed: {exc}")
            report.internal = True

    @staticmethod
    def done(report: Report) -> bool:
        """Whether every task of ``report`` has finished."""
        return all(future.done() for future in report.pending)

    @staticmethod
    def collect(report: Report) -> Report:
        """Wait for the tasks of ``report`` and gather their results into it."""
        for future in report.pending:
            try:
                report.results.append(future.result())
            except Exception as exc:  # a worker died (killed, out of memory): the pool is broken
                report.errors.append(f"{report.source}: internal error: worker failed: {type(exc).__name__}: {exc}")
                report.internal = True
        report.pending.clear()
        return report
