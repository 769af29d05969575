"""Build orchestration behind ``make briefs`` / ``python -m generator build``.

For every report ``<name>.<ext>`` it writes ``OUT/<name>/``: the briefs of
every language as PDF, DOCX and HTML, ``assets/`` (stylesheet, chart SVGs,
subset fonts) and the scorecard as JSON and CSV.

Phases, in order (as Pelican's generate-context → finalized → generate-output):

1. **read** every report of the build;
2. **analyse** each once (:func:`generator.analyse.analysis.analyse`);
3. **corpus**: the cross-report stage (:mod:`generator.analyse.corpus`) over
   all the analyses, with its own stamp (``OUT/.corpus.json``);
4. **localise** the stale briefs of a report (its analysis + its corpus
   context → one :class:`~generator.brief.Brief` per language), and
5. **render** them: each unit is a task in a process pool, submitted as soon
   as its brief is ready;
6. **portfolio**, when every report is done: ``OUT/index.html`` (the page in
   the first language rendered through the glossary), ``OUT/portfolio.<lang>.html``
   for the others, ``OUT/portfolio.<lang>.pdf`` for each, ``OUT/assets/``
   and ``OUT/scorecards.csv`` — every report with its links, the target
   matrix, continuity findings, and the reports that failed with their
   reason. Its own stamp ``OUT/.portfolio.json`` holds its digest: the
   corpus digest (every report's analysis, the standard measures), the
   portfolio templates, the message catalogues, the glossary's renderings
   and units table, the date, the reports' output files and the failures;
   it is rebuilt when that changed, and only then.

Progress lines are one per report (``built …`` / ``up to date: …``), and one for the portfolio.

* Incremental, by true dependency: every output unit (``scorecard``;
  per language ``<lang>.html`` = HTML + PDF, and ``<lang>.docx``) has a
  digest of what it was computed from, kept in ``OUT/<name>/.build.json``.
  The *analysis* digest covers the source bytes and the format read, the
  code, the indicator catalogue and the glossary's term list; the scorecard
  adds the report language's message catalogue (its sentences) and the units
  table; a brief adds its language's message catalogue, the
  templates of its format, the units table, the generation date, the
  report's corpus context and — for a language rendered through the
  glossary — the glossary's renderings. A unit is rebuilt when its digest
  changed or a file of it is missing. The no-op check imports nothing heavy
  and parses no glossary: the lexicon's digests are remembered in
  ``OUT/.lexicon.json`` by the bytes of its files.
* Parallel: the workers are forked from a server that imported WeasyPrint,
  matplotlib and python-docx once (``forkserver`` with preloaded modules),
  started before the first report is read. (A script calling :func:`build`
  with ``jobs`` > 1 needs the ``if __name__ == "__main__":`` guard.)
* Atomic: every task writes into a staging folder inside ``OUT/<name>/``;
  only when every task of a report succeeded are its files renamed into
  place and the stamp updated. A failed report keeps its previous outputs.
* One build per output folder at a time: a lock on ``OUT/.build.lock``;
  a second build waits (and says so).
* Deterministic: the generation date is ``SOURCE_DATE_EPOCH`` (UTC) if set,
  else today.

Heavy modules (the pipeline stages) are imported on first use, not at the
top: a no-op build must not pay for them.
"""

from __future__ import annotations

import datetime as dt
import fcntl
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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from generator.read.sniff import format_of
from generator.errors import EXIT_BAD_INPUT, BriefError
from generator.paths import Paths
from generator.render.writers import WRITERS

if TYPE_CHECKING:
    from generator.analyse.analysis import Analysis
    from generator.analyse.corpus import CorpusAnalysis
    from generator.brief import Brief
    from generator.localise.portfolio import PortfolioPage
    from generator.project import Project

STAMP = ".build.json"
CORPUS_STAMP = ".corpus.json"
PORTFOLIO_STAMP = ".portfolio.json"
PORTFOLIO_ASSETS = "assets"  # OUT/assets: the portfolio page's stylesheet and fonts (no report may take the name)
PORTFOLIO_INDEX = "index.html"
COMBINED_CSV = "scorecards.csv"
LEXICON_MEMO = ".lexicon.json"
STAMP_VERSION = 2
STAGING_PREFIX = ".staging-"
SCORECARD_FORMAT = "scorecard"  # the data files (scorecard.json, scorecard.csv)
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
# Imported once by the fork server; every worker starts with them loaded.
PRELOAD = ("weasyprint", "jinja2", "babel.numbers", "matplotlib.figure", "docx",
           "generator.render.fetcher", "generator.render.page", "generator.render.docx", "generator.render.portfolio",
           "generator.build")

@dataclass(frozen=True)
class Task:
    """One unit of parallel work: one writer's output of a language's ready brief (its HTML and PDF, its DOCX …)."""

    source: Path
    out_dir: Path
    unit: str  # "<lang>.<writer kind>": "zh.html", "en.docx" …
    brief: "Brief"
    paths: "Paths"  # the project's folders: the worker makes its render context from them
    formats: frozenset[str]  # the formats asked for
    attachments: tuple[tuple[str, bytes], ...] = ()  # the build's data files, embedded in the PDF

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


def _sha(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


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


def source_format(source: Path, data: bytes) -> str:
    """The format the reader will read ``source`` as, sniffed from its first bytes, and the name the brief shows.

    Both are part of the analysis digest: the same bytes saved as ``X.md``
    and ``X.txt`` may be read alike, but the brief names its source file.
    """
    return f"{format_of(source)}:{source.name}"


@dataclass(frozen=True)
class LexiconDigests:
    """What each kind of output depends on in the glossary folder (see :meth:`generator.lexicon.Lexicon.digests`)."""

    catalogue: str  # indicator ids, names, aliases, units, polarities: the analysis
    keys: str  # the glossary's term list (which phrases are whole terms): the analysis' causes reader
    terms: str  # every rendering: the briefs of rendered languages
    units: str  # the units table: every brief
    measures: str  # the standard measures (glossary/measures.yaml): the corpus stage

    @classmethod
    def of(cls, project: "Project") -> "LexiconDigests":
        d = project.lexicon.digests()
        return cls(d["catalogue"], project.glossary.keys_digest(), d["terms"], d["units"], d["measures"])


@dataclass(frozen=True)
class Fingerprints:
    """Digests of everything an output can depend on, computed once per command."""

    code: str
    lexicon: LexiconDigests
    templates: dict[str, str]
    messages: dict[str, str]  # language code -> digest of its catalogue
    rendered: frozenset[str]  # codes of the languages rendered through the glossary
    date: str
    source: str = ""  # code of the report's own language (its catalogue words the scorecard files)
    draft: bool = False  # rendered languages show suggested renderings, marked
    portfolio: str = ""  # the portfolio's templates (templates/portfolio/)

    def analysis_digest(self, source_digest: str, fmt: str) -> str:
        return _sha(f"v{STAMP_VERSION}", "analysis", source_digest, fmt, self.code,
                    self.lexicon.catalogue, self.lexicon.keys)

    def unit_digest(self, unit: str, analysis: str, context: str) -> str:
        """The digest of everything ``unit`` ("scorecard", "zh.html", "en.docx" …) depends on."""
        if unit == "scorecard":
            return _sha(unit, analysis, self.messages.get(self.source, ""), self.lexicon.units)
        lang, kind = unit.split(".")
        parts = [unit, analysis, context, self.date, self.templates[kind], self.messages.get(lang, ""),
                 self.lexicon.units]
        if kind == "html":  # the PDF carries the scorecard files, worded in the report's language
            parts.append(self.messages.get(self.source, ""))
        if lang in self.rendered:
            parts.append(self.lexicon.terms)
            if self.draft:
                parts.append("draft")
        return _sha(*parts)

    def portfolio_digest(self, corpus: str, files: list[str], failures: list[str], with_pdf: bool) -> str:
        """The digest of everything the portfolio depends on (see the module's docstring)."""
        return _sha(f"v{STAMP_VERSION}", "portfolio", corpus, self.portfolio, self.lexicon.terms, self.lexicon.units,
                    self.date, f"pdf={with_pdf}", *(f"{c}\t{d}" for c, d in sorted(self.messages.items())),
                    "files", *sorted(files), "failures", *failures)


def _language_codes(locale_dir: Path) -> tuple[list[str], frozenset[str]]:
    """Language codes in profile order, and those rendered through the glossary."""
    from generator.lexicon.languages import read_languages

    languages = read_languages(locale_dir)
    return [lang.code for lang in languages], frozenset(lang.code for lang in languages if not lang.source)


def _lexicon_digests(paths: Paths, out: Path) -> tuple[LexiconDigests | None, str]:
    """The lexicon's digests from the memo when its files' bytes are unchanged (None: must load it)."""
    glossary_dir = paths.glossary
    files = [p for p in (glossary_dir.glob("*.yaml") if glossary_dir.is_dir() else ()) if p.is_file()]
    for fallback in (paths.units, paths.measures):  # the package's, when the folder has none of its own
        if fallback.is_file() and fallback not in files:
            files.append(fallback)
    key = _sha(*(f"{p.resolve()}\t{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in sorted(files)))
    try:
        memo = json.loads((out / LEXICON_MEMO).read_text(encoding="utf-8"))
        if memo.get("key") == key:
            return LexiconDigests(**memo["digests"]), key
    except (OSError, ValueError, TypeError, KeyError):
        pass
    return None, key


def _remember_lexicon(out: Path, key: str, digests: LexiconDigests) -> None:
    from generator.render.atomic import write_text

    out.mkdir(parents=True, exist_ok=True)
    write_text(out / LEXICON_MEMO, json.dumps({"key": key, "digests": digests.__dict__}, indent=1) + "\n")


# ---------------------------------------------------------------- stamps

def read_stamp(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == STAMP_VERSION else {}


def write_stamp(path: Path, stamp: dict) -> None:
    from generator.render.atomic import write_text

    write_text(path, json.dumps(stamp, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def all_formats() -> tuple[str, ...]:
    """Every format a build can write: each writer's, and the scorecard data files."""
    return (*dict.fromkeys(f for w in WRITERS for f in w.formats), SCORECARD_FORMAT)


def wanted_units(formats: list[str] | None, languages: list[str]) -> list[str]:
    """The units the requested formats need (all by default), in writing order."""
    everything = all_formats()
    chosen = set(formats or everything)
    unknown = chosen - set(everything)
    if unknown:
        raise BriefError(f"unknown format(s): {', '.join(sorted(unknown))} (choose from {', '.join(everything)})")
    units = [SCORECARD_FORMAT] if SCORECARD_FORMAT in chosen else []
    for lang in languages:
        units += [f"{lang}.{w.kind}" for w in WRITERS if chosen & set(w.formats)]
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


# ---------------------------------------------------------------- the output folder's lock

@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold a lock on the output folder for the whole build; wait, saying so, while another build holds it.

    The lock is taken on the folder itself (``flock`` on its descriptor), so
    it leaves no file behind; a folder this build created and left empty is
    removed again.
    """
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting: another build is writing into {out}/", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if created and not any(out.iterdir()):
                out.rmdir()
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


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


def run_task(task: Task) -> TaskResult:
    """Render one task into a fresh staging folder; never raises (but for interruption)."""
    from generator.render.context import RenderContext
    from generator.render.writers import Job

    result = TaskResult(task.unit)
    lang, kind = task.unit.split(".")
    try:
        result.staging = _staging(task.out_dir, task.unit)
        writer = next(w for w in WRITERS if w.kind == kind)
        job = Job(task.brief, result.staging, f"{task.source.stem}.{lang}", RenderContext.load(task.paths),
                  task.formats, dict(task.attachments))
        written = writer.load()(job)
        result.files[task.unit] = [p.relative_to(result.staging).as_posix() for p in written.files]
        result.warnings += [w if w.startswith("warning: ") else f"{task.source}: {w}" for w in written.warnings]
    except Exception as exc:  # a BriefError, or a bug: one line; the other reports still build
        result.error, result.internal = _failure(exc, task.source)
    if result.error and result.staging:
        shutil.rmtree(result.staging, ignore_errors=True)
        result.staging = None
    return result


# ---------------------------------------------------------------- planning and committing

@dataclass
class Report:
    source: Path
    out_dir: Path
    source_digest: str
    fmt: str
    stamp: dict
    analysis_digest: str = ""
    digests: dict[str, str] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    analysis: "Analysis | None" = None
    results: list[TaskResult] = field(default_factory=list)
    pending: list[Future] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    internal: bool = False
    warnings: list[str] = field(default_factory=list)
    gaps: int = 0
    failure: str | None = None  # the first error, when this build could not build it

    @property
    def name(self) -> str:
        return self.source.stem

    def fail(self, exc: BaseException) -> None:
        message, internal = _failure(exc, self.source)
        self.errors.append(message)
        self.internal = self.internal or internal


def _plan(report: Report, prints: Fingerprints, units: list[str], context: str) -> None:
    """The report's unit digests given its corpus context digest, and which units are stale."""
    report.analysis_digest = prints.analysis_digest(report.source_digest, report.fmt)
    report.digests = {unit: prints.unit_digest(unit, report.analysis_digest, context) for unit in units}
    report.stale = stale_units(report.out_dir, report.digests, report.stamp)


def _read_and_analyse(report: Report, project: "Project") -> None:
    """Phases 1–2 for one report: read it and analyse it once; errors are recorded on the report."""
    from generator.analyse.analysis import analyse
    from generator.read import read_document

    try:
        report.analysis = analyse(read_document(report.source), project.lexicon)
    except Exception as exc:
        report.fail(exc)


def _corpus(reports: list[Report], project: "Project") -> tuple["CorpusAnalysis", dict]:
    """Phase 3: the cross-report stage over every analysed report, and its stamp (inputs, per-report digests)."""
    from generator.analyse.corpus import analyse_corpus, corpus_digest

    analysed = {r.name: r for r in reports if r.analysis is not None}
    measures = project.lexicon.measures
    corpus = analyse_corpus({name: r.analysis for name, r in analysed.items()}, measures)  # type: ignore[misc]
    stamp = {
        "version": STAMP_VERSION,
        "digest": corpus_digest({name: r.analysis_digest for name, r in analysed.items()}, measures.digest()),
        "reports": {name: corpus.for_report(name).digest() for name in analysed},
    }
    return corpus, stamp


def _scorecard_files(report: Report, project: "Project") -> dict[str, bytes]:
    """The scorecard as JSON and CSV (file name -> bytes), worded in the report's own language."""
    from generator.localise.briefs import wording_for
    from generator.render.scorecard_files import scorecard_csv, scorecard_json_text

    assert report.analysis is not None
    words = wording_for(project)
    return {"scorecard.json": scorecard_json_text(report.analysis, words).encode("utf-8"),
            "scorecard.csv": scorecard_csv(report.analysis, words).encode("utf-8")}


def _stage_scorecard(files: dict[str, bytes], report: Report) -> None:
    """The scorecard files, staged for ``report`` (in the main process: it is quick)."""
    from generator.render.atomic import write_bytes

    result = TaskResult("scorecard", staging=_staging(report.out_dir, "scorecard"))
    report.results.append(result)  # staged files are discarded with the report's if anything fails
    for name, data in files.items():
        write_bytes(result.staging / name, data)
    result.files["scorecard"] = list(files)


def _localise(report: Report, project: "Project", date: dt.date, formats: frozenset[str],
              order: list[str], corpus: "CorpusAnalysis", draft: bool = False) -> Iterator[Task]:
    """Phase 4 for one report: the brief of each stale language; yields its render tasks (phase 5).

    Each HTML (+PDF) task is yielded as soon as its brief is ready, the
    shorter DOCX tasks after them, so two workers pair a long task with a
    short one. Errors are recorded on the report.
    """
    from generator.localise.briefs import build_brief

    assert report.analysis is not None
    try:
        scorecard = _scorecard_files(report, project)
        if "scorecard" in report.stale:
            _stage_scorecard(scorecard, report)
        later: list[Task] = []
        for code in order:
            units = [f"{code}.{w.kind}" for w in WRITERS if f"{code}.{w.kind}" in report.stale]
            if not units:
                continue
            lang = project.language(code)
            brief = build_brief(report.analysis, project, lang, date, corpus.for_report(report.name), draft=draft)
            if not lang.source:
                report.gaps = len(brief.gap_terms)  # distinct terms: the number `glossary gaps` lists
            report.warnings += [f"{report.source}: {w}" for w in brief.warnings]  # the reader's
            first, *rest = (Task(report.source, report.out_dir, unit, brief, project.paths, formats,
                                 tuple(scorecard.items())) for unit in units)
            yield first
            later += rest
        yield from later
    except Exception as exc:
        report.fail(exc)


def _commit(report: Report, rendered: frozenset[str]) -> int:
    """Move every staged file into place, then record the new digests; return the file count."""
    stamp = dict(report.stamp)
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
    if any(u.split(".")[0] in rendered for u in report.stale if u != "scorecard"):
        stamp["gaps"] = report.gaps
    stamp["units"] = units
    write_stamp(report.out_dir / STAMP, stamp)
    report.stamp = stamp
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


def _gap_line(source: Path, gaps: int) -> str:
    return (f"{source}: {gaps} glossary gap{'s' if gaps != 1 else ''} in the English brief; "
            f"list them: python -m generator glossary gaps {source}")


def _render_count(report: Report) -> int:
    return sum(1 for unit in report.stale if unit != "scorecard")


def _load_project(glossary_dir: Path | None) -> tuple["Project | None", list[str]]:
    """The project (glossary checked first: every problem printed); errors as lines when it cannot load."""
    from generator.project import Project

    try:
        project, problems = Project.inspect(glossary_dir)
    except BriefError as exc:
        return None, [str(exc)]
    fatal = [str(p) for p in problems if p.fatal]
    for problem in problems:
        if not problem.fatal:
            print(f"warning: {problem}", file=sys.stderr)
    return project, fatal


def _sources(files: list[Path], out: Path) -> tuple[list[Report], int, list[tuple[str, str]]]:
    """A Report per readable source (stamp read, source hashed); errors printed and returned (source, message)."""
    reports: list[Report] = []
    names: dict[str, Path] = {}
    exit_code = 0
    failures: list[tuple[str, str]] = []

    def fail(source: Path, message: str) -> None:
        nonlocal exit_code
        print(f"error: {message}", file=sys.stderr)
        failures.append((source.name, message))
        exit_code = EXIT_BAD_INPUT

    for source in files:
        if source.stem in names:
            fail(source, f"{source}: same name as {names[source.stem]}; both would write {out / source.stem}/")
            continue
        if _portfolio_name(source.stem):
            fail(source, f"{source}: {out / source.stem} is a file or folder of the portfolio; rename the report")
            continue
        names[source.stem] = source
        try:
            data = source.read_bytes()
        except OSError as exc:
            fail(source, f"{source}: cannot read: {exc.strerror or exc}")
            continue
        out_dir = out / source.stem
        reports.append(Report(source, out_dir, hashlib.sha256(data).hexdigest(), source_format(source, data),
                              read_stamp(out_dir / STAMP)))
    return reports, exit_code, failures


def build(files: list[Path], out: Path = Path("build"), jobs: int = 0, strict: bool = False,
          formats: list[str] | None = None, glossary_dir: Path | None = None, draft: bool = False) -> int:
    """Build the briefs of ``files`` into ``out``; return the exit code (0, 2 on any error).

    ``draft``: the English briefs show suggested glossary renderings, marked, where a normal build shows gaps.
    """
    with output_lock(out):
        return _build(files, out, jobs, strict, formats, glossary_dir, draft)


def _fingerprints(paths: Paths, lexicon: LexiconDigests, date: dt.date, codes: list[str],
                  rendered: frozenset[str], draft: bool = False) -> Fingerprints:
    from generator.lexicon.messages import po_path

    locale, templates = paths.locale, paths.templates
    return Fingerprints(
        code=_hash_files(_glob(paths.code, ("**/*.py",)), paths.code),
        lexicon=lexicon,
        templates={w.kind: _hash_files(_glob(templates, w.templates), templates) for w in WRITERS},
        messages={code: _hash_files([po_path(locale, code)], locale) if po_path(locale, code).is_file() else ""
                  for code in codes},
        rendered=rendered,
        date=date.isoformat(),
        source=next(code for code in codes if code not in rendered),
        draft=draft,
        portfolio=_hash_files(_glob(paths.portfolio, ("**/*",)), paths.portfolio),
    )


def _build(files: list[Path], out: Path, jobs: int, strict: bool, formats: list[str] | None,
           glossary_dir: Path | None, draft: bool = False) -> int:
    started = time.monotonic()
    asked = frozenset(formats or all_formats())
    with_pdf = "pdf" in asked
    date = generation_date()
    paths = Paths.default(glossary_dir)
    glossary = paths.glossary
    codes, rendered = _language_codes(paths.locale)
    units = wanted_units(formats, codes)
    reports, exit_code, unread = _sources(files, out)
    with_portfolio = formats is None or bool({"html", "pdf"} & set(formats))

    # The no-op check: every digest from remembered ones, nothing heavy imported.
    lexicon, lexicon_key = _lexicon_digests(paths, out)
    corpus_stamp = read_stamp(out / CORPUS_STAMP)
    contexts = corpus_stamp.get("reports", {})
    if lexicon is not None:
        from generator.analyse.corpus import corpus_digest

        prints = _fingerprints(paths, lexicon, date, codes, rendered, draft)
        for report in reports:
            _plan(report, prints, units, contexts.get(report.name, ""))
        corpus = corpus_digest({r.name: r.analysis_digest for r in reports}, lexicon.measures)
        portfolio = prints.portfolio_digest(corpus, _report_files(reports), _failure_lines(unread), with_pdf)
        if (corpus_stamp.get("digest") == corpus and not any(r.stale for r in reports)
                and (not with_portfolio or _portfolio_fresh(out, portfolio))):
            for report in reports:
                print(f"up to date: {report.out_dir}/")
                exit_code = max(exit_code, _report_gaps(report, report.stamp.get("gaps", 0), strict))
            if with_portfolio:
                print(f"up to date: {out / PORTFOLIO_INDEX}")
            return exit_code

    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    # Started first: the pool's server imports the renderers while the glossary is checked and reports read.
    with _Runner(min(workers, 2 * len(codes) * max(1, len(reports)))) as runner:
        project, problems = _load_project(glossary_dir)
        if project is None or problems:
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            print(f"error: {glossary}: {len(problems)} glossary problem(s); nothing built "
                  "(python -m generator glossary check)", file=sys.stderr)
            return EXIT_BAD_INPUT
        lexicon = LexiconDigests.of(project)
        prints = _fingerprints(paths, lexicon, date, codes, rendered, draft)

        for report in reports:  # phases 1-2: read and analyse every report, once
            report.analysis_digest = prints.analysis_digest(report.source_digest, report.fmt)
            _read_and_analyse(report, project)
        corpus, corpus_stamp_data = _corpus(reports, project)  # phase 3
        for report in reports:
            if report.analysis is not None:
                _plan(report, prints, units, corpus.for_report(report.name).digest())
        for report in reports:
            if report.analysis is not None and not report.stale:
                print(f"up to date: {report.out_dir}/")
                exit_code = max(exit_code, _report_gaps(report, report.stamp.get("gaps", 0), strict))

        announced: set[str] = set()  # warnings already printed (once per run, e.g. the PDF renderer's)
        waiting: list[Report] = []  # submitted; committed in order, each as soon as its tasks are done
        order = sorted(codes, key=lambda c: c not in rendered)  # rendered languages first: their PDFs are longest
        for report in reports:
            if report.errors:
                waiting.append(report)
                continue
            if not report.stale:
                continue
            _clean_leftovers(report.out_dir)
            for task in _localise(report, project, date, asked, order, corpus, draft):  # phases 4-5
                runner.submit(report, task)
            waiting.append(report)
            while waiting and runner.done(waiting[0]):
                exit_code = max(exit_code, _finish(runner.collect(waiting.pop(0)), strict, announced, started,
                                                   rendered))
        for report in waiting:
            exit_code = max(exit_code, _finish(runner.collect(report), strict, announced, started, rendered))
        if any(r.analysis is not None and not r.errors for r in reports):  # stamps only beside outputs
            _remember_lexicon(out, lexicon_key, lexicon)
            write_stamp(out / CORPUS_STAMP, corpus_stamp_data)
        if with_portfolio:  # phase 6
            exit_code = max(exit_code, _portfolio(out, reports, unread, corpus, corpus_stamp_data["digest"], project,
                                                  prints, date, with_pdf, order, runner))
    return exit_code


# ---------------------------------------------------------------- the portfolio

@dataclass(frozen=True)
class PortfolioTask:
    """One language's portfolio page (and PDF), written into its own staging folder."""

    page: "PortfolioPage"
    staging: Path
    stem: str  # "index" | "portfolio.<lang>"
    pdf_name: str | None  # "portfolio.<lang>.pdf", None: HTML only
    where: Path  # named in error messages
    paths: Paths  # the project's folders: the worker makes its render context from them


def run_portfolio_task(task: PortfolioTask) -> TaskResult:
    """Write one language's portfolio page; never raises (but for interruption)."""
    from generator.render.context import RenderContext
    from generator.render.portfolio import write_portfolio_page

    result = TaskResult(f"portfolio.{task.page.lang}", staging=task.staging)
    try:
        written = write_portfolio_page(task.page, task.staging, task.stem, task.pdf_name,
                                       RenderContext.load(task.paths))
        result.files["portfolio"] = [p.relative_to(task.staging).as_posix() for p in written]
    except Exception as exc:
        result.error, result.internal = _failure(exc, task.where)
    return result


def _portfolio_name(name: str) -> bool:
    """Whether ``name`` is taken by the portfolio's outputs in the output folder."""
    return name in (PORTFOLIO_ASSETS, PORTFOLIO_INDEX, COMBINED_CSV) or (
        name.startswith("portfolio.") and name.endswith((".html", ".pdf")))


def _report_files(reports: list[Report]) -> list[str]:
    """Every report's output files as its stamp records them (the portfolio links them), assets left out."""
    return sorted(f"{r.name}/{f}" for r in reports for entry in r.stamp.get("units", {}).values()
                  for f in entry.get("files", ()) if not f.startswith("assets/"))


def _failure_lines(failures: list[tuple[str, str]]) -> list[str]:
    return [f"{source}\t{message}" for source, message in failures]


def _portfolio_fresh(out: Path, digest: str) -> bool:
    stamp = read_stamp(out / PORTFOLIO_STAMP)
    files = stamp.get("files") or []
    return stamp.get("digest") == digest and bool(files) and all((out / f).is_file() for f in files)


def _portfolio(out: Path, reports: list[Report], unread: list[tuple[str, str]], corpus: "CorpusAnalysis",
               corpus_digest: str, project: "Project", prints: Fingerprints, date: dt.date, with_pdf: bool,
               order: list[str], runner: "_Runner") -> int:
    """Phase 6: the portfolio page per language, its PDFs and the combined scorecards, when stale; the exit code."""
    started = time.monotonic()
    failures = unread + [(r.source.name, r.failure) for r in reports if r.analysis is None and r.failure]
    files = _report_files(reports)
    if not files:  # no report has outputs: nothing to link, and a failed build writes nothing
        return 0
    # Every failure is shown (a report analysed but not rendered beside its previous outputs), so in the digest.
    shown = unread + [(r.source.name, r.failure) for r in reports if r.failure]
    digest = prints.portfolio_digest(corpus_digest, files, _failure_lines(shown), with_pdf)
    index = out / PORTFOLIO_INDEX
    if _portfolio_fresh(out, digest):
        print(f"up to date: {index}")
        return 0
    from generator.localise.portfolio import BuiltReport, Failure, Link, build_portfolio_page
    from generator.render.atomic import write_text
    from generator.localise.briefs import wording_for
    from generator.render.portfolio import scorecards_csv

    for leftover in out.glob(f"{STAGING_PREFIX}portfolio-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    built = {r.name: BuiltReport(r.name, tuple(_report_files([r])), r.failure) for r in reports if r.analysis is not None}
    first = next((c for c in order if c in prints.rendered), order[0])
    stems = {code: "index" if code == first else f"portfolio.{code}" for code in order}
    pages = {code: f"{stems[code]}.html" for code in sorted(order, key=lambda c: c != first)}
    results: list[TaskResult] = []
    futures: list[Future] = []
    try:
        data = TaskResult("portfolio.data", staging=_staging(out, "portfolio-data"))
        results.append(data)
        analyses = {r.name: r.analysis for r in reports if r.analysis is not None}
        write_text(data.staging / COMBINED_CSV, scorecards_csv(analyses, wording_for(project)))  # type: ignore[arg-type]
        data.files["portfolio"] = [COMBINED_CSV]
        for code in order:
            pdf = f"portfolio.{code}.pdf" if with_pdf else None
            downloads = [Link("PDF", pdf)] if pdf else []
            downloads.append(Link("CSV", COMBINED_CSV))
            page = build_portfolio_page(corpus, built, [Failure(s, m) for s, m in failures], project,
                                        project.language(code), date, pages, downloads)
            task = PortfolioTask(page, _staging(out, f"portfolio-{code}"), stems[code], pdf, index, project.paths)
            futures.append(runner.call(run_portfolio_task, task))
    except Exception as exc:
        message, internal = _failure(exc, index)
        results.append(TaskResult("portfolio", error=message, internal=internal))
    for future in futures:
        try:
            results.append(future.result())
        except Exception as exc:  # a worker died
            results.append(TaskResult("portfolio", error=f"{index}: internal error: worker failed: {exc}",
                                      internal=True))
    errors = [r for r in results if r.error]
    if errors:
        _discard(results)
        for r in errors:
            print(f"error: {r.error}", file=sys.stderr)
        return EXIT_INTERNAL if any(r.internal for r in errors) else EXIT_BAD_INPUT
    written: list[str] = []
    for result in results:
        assert result.staging is not None
        for rel in result.files.get("portfolio", []):
            dest = out / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(result.staging / rel, dest)
            written.append(rel)
    _discard(results)
    for old in set(read_stamp(out / PORTFOLIO_STAMP).get("files", ())) - set(written):  # e.g. PDFs no longer asked for
        if not Path(old).is_absolute() and ".." not in Path(old).parts:
            (out / old).unlink(missing_ok=True)
    write_stamp(out / PORTFOLIO_STAMP, {"version": STAMP_VERSION, "digest": digest, "files": sorted(set(written))})
    print(f"built {index} ({len(set(written))} files, {time.monotonic() - started:.1f} s)")
    return 0


def _report_gaps(report: Report, gaps: int, strict: bool) -> int:
    if not gaps:
        return 0
    print(_gap_line(report.source, gaps), file=sys.stderr)
    if strict:
        print(f"error: {report.source}: --strict: glossary gaps in the English brief", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _finish(report: Report, strict: bool, announced: set[str], started: float, rendered: frozenset[str]) -> int:
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
        report.failure = errors[0]
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        return EXIT_INTERNAL if report.internal else EXIT_BAD_INPUT
    seconds = time.monotonic() - started
    count = _commit(report, rendered)
    _discard(report.results)
    print(f"built {report.out_dir}/ ({count} files, {seconds:.1f} s)")
    return 0


# ---------------------------------------------------------------- running tasks

def _quiet_interrupt(_signum: int, _frame: object) -> None:
    os._exit(EXIT_INTERRUPTED)  # the main process reports the interruption; its staging files go next run


def _worker_init() -> None:
    """In each worker: Ctrl-C ends the worker at once, without a traceback."""
    signal.signal(signal.SIGINT, _quiet_interrupt)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked in the fork server (below)


def _pool_context() -> multiprocessing.context.BaseContext:
    """The fork server with the heavy modules preloaded, started now; plain fork where unavailable."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    from multiprocessing import forkserver, resource_tracker

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    # The server (and the workers it forks) start with Ctrl-C blocked: the main
    # process reports an interruption, a half-imported server must not (the
    # server ignores it once it runs; each worker unblocks it). Blocking, not
    # ignoring, in this process too: a Ctrl-C in that moment stays pending and
    # is delivered here afterwards instead of being lost. The resource tracker
    # is started first because its own start unblocks Ctrl-C. Returns at once;
    # the server imports while this process reads reports.
    in_main_thread = threading.current_thread() is threading.main_thread()
    try:
        resource_tracker.ensure_running()
        if in_main_thread:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            forkserver.ensure_running()
        finally:
            if in_main_thread:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    except OSError:  # no Unix socket or temp folder for the server: fork each worker instead
        return multiprocessing.get_context("fork")
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

    def call(self, fn: "Callable[[PortfolioTask], TaskResult]", task: "PortfolioTask") -> Future:
        """Run ``fn(task)`` in the pool (here, in one-worker mode); its future."""
        if self.pool is not None:
            try:
                return self.pool.submit(fn, task)
            except BrokenProcessPool:
                pass  # an earlier task's worker died: run it here instead
        future: Future = Future()
        future.set_result(fn(task))
        return future

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
