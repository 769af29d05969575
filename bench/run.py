"""Benchmark of the brief generator (``make bench``): prints a table and writes ``bench/RESULTS.md``.

Measures, on the seed report (``seeds/*.txt``, the first one):

* each pipeline stage called directly, best of N in one process (read,
  analyse, summarise, localise, charts, HTML, PDF, DOCX);
* the whole ``python -m generator build`` of the seed: cold (fresh output
  folder, first process), warm (a second fresh folder, OS caches warm) and a
  no-op run over a complete build — wall time and peak memory of the
  process tree;
* the size of every output file;
* a 10 MB report (the seed repeated) built end to end;
* a batch of variants (``bench/variants.py``: other names and numbers)
  built serially (``-j 1``) and in parallel (``-j 2``).

Each figure is compared with its target. ``--profile`` adds the top
functions (cProfile, cumulative) of the in-process stages.

    python bench/run.py [--runs 5] [--batch 20] [--skip-batch] [--skip-big] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from variants import make_variants  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
GLOSSARY = ROOT / "glossary"
EPOCH = "1709251200"  # fixed generation date: runs are comparable
BIG_BYTES = 10_000_000
# The rusage wrapper: runs a command and prints, on stderr's last line, the peak RSS (KiB) of the
# largest process of its tree and the tree's CPU seconds. It is a child subreaper (Linux
# prctl PR_SET_CHILD_SUBREAPER) and reaps every orphan, so processes the build does not
# wait for itself (the multiprocessing fork server and the workers it forks) are counted.
PEAK = """
import ctypes, os, resource, subprocess, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
rc = subprocess.run(sys.argv[1:]).returncode
while True:
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write("\\nPEAK_KB %d CPU %.3f\\n" % (usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
sys.exit(rc)
"""
# Targets (2-core machine): name -> (limit, unit, smaller is better)
TARGETS: dict[str, tuple[float, str]] = {
    "read+analyse+summarise": (0.3, "s"),
    "build warm (all outputs)": (3.0, "s"),
    "build no-op": (0.3, "s"),
    "largest PDF": (600.0, "KB"),
    "peak memory": (400.0, "MB"),
}
MIN_SPEEDUP = 1.7
# The warm build before the restructuring into one Project (bench/RESULTS.md of cbbdad5) and how much
# slower it may be now (issue 12).
WARM_BEFORE = 4.98
MAX_SLOWDOWN = 1.1
WARM_RUNS = 3


@dataclass
class Row:
    what: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""


def best_of(runs: int, func: Callable[[], object], setup: Callable[[], None] | None = None) -> float:
    """The fastest of ``runs`` timed calls of ``func`` (``setup`` untimed before each)."""
    times = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


# ---------------------------------------------------------------- machine

def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    import weasyprint

    return {
        "CPU": cpu, "cores": str(os.cpu_count()), "RAM": ram,
        "Python": platform.python_version(), "WeasyPrint": weasyprint.__version__,
        "OS": platform.platform(),
    }


# ---------------------------------------------------------------- stages in process

def stage_times(seed: Path, runs: int, profile: bool) -> tuple[list[Row], str]:
    from generator.analyse.analysis import analyse
    from generator.analyse.indicators import analyse_indicators
    from generator.analyse.summaries import summarize
    from generator.localise.briefs import build_briefs
    from generator.project import Project
    from generator.read import read_document
    from generator.render.charts import render_charts
    from generator.render.docx import render_docx
    from generator.render.html import render_html
    from generator.render.context import RenderContext
    from generator.render.pdf import write_pdf

    t_project = best_of(1, lambda: Project.load(GLOSSARY))
    project = Project.load(GLOSSARY)
    ctx = RenderContext.load(project.paths)
    doc_box: list = [read_document(seed)]

    def fresh_doc() -> None:
        doc_box[0] = read_document(seed)

    rows: list[Row] = [Row("stage: load project (glossary, units, catalogue, catalogues)", t_project, "s")]
    t_read = best_of(runs, lambda: read_document(seed))
    t_analyse = best_of(runs, lambda: analyse_indicators(doc_box[0], project.catalogue), fresh_doc)
    t_summ = best_of(runs, lambda: summarize(doc_box[0]), fresh_doc)
    rows += [Row("stage: read", t_read, "s"), Row("stage: analyse (scorecard + findings)", t_analyse, "s"),
             Row("stage: summarise", t_summ, "s")]
    total = t_read + t_analyse + t_summ
    limit = TARGETS["read+analyse+summarise"][0]
    rows.append(Row("read+analyse+summarise", total, "s", f"< {limit} s", total < limit))
    briefs_box: list = []
    analysis = analyse(doc_box[0], project.lexicon)
    t_local = best_of(runs, lambda: briefs_box.append(build_briefs(analysis, project)))
    rows.append(Row("stage: localise (both briefs)", t_local, "s"))
    briefs = briefs_box[-1]

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        charts: dict[str, dict] = {}
        t_charts = best_of(runs, lambda: [charts.__setitem__(lang, render_charts(b, out / "assets", ctx))
                                          for lang, b in briefs.items()])
        t_html = best_of(runs, lambda: [render_html(b, out, f"seed.{lang}", ctx, charts[lang])
                                        for lang, b in briefs.items()])
        t_pdf = best_of(max(1, runs // 2), lambda: [write_pdf(out / f"seed.{lang}.html", out / f"seed.{lang}.pdf", b, ctx)
                                                    for lang, b in briefs.items()])
        t_docx = best_of(runs, lambda: [render_docx(b, out / f"seed.{lang}.docx", charts[lang], ctx)
                                        for lang, b in briefs.items()])
    rows += [Row("stage: charts (both)", t_charts, "s"), Row("stage: HTML (both)", t_html, "s"),
             Row("stage: PDF (both)", t_pdf, "s"), Row("stage: DOCX (both)", t_docx, "s")]
    rows += portfolio_stage(project, ctx, runs)

    report = ""
    if profile:
        report = _profile(seed)
    return rows, report


def portfolio_stage(project, ctx, runs: int) -> list[Row]:
    """The cross-report stage and the portfolio (both languages, HTML and PDF) over every report in seeds/."""
    import datetime as dt

    from generator.analyse.analysis import analyse
    from generator.analyse.corpus import analyse_corpus
    from generator.localise.portfolio import BuiltReport, build_portfolio_page
    from generator.read import read_document
    from generator.render.portfolio import write_portfolio_page

    seeds = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".docx", ".html", ".md"))
    analyses = {p.stem: analyse(read_document(p), project.lexicon) for p in seeds}
    box: list = []
    t_corpus = best_of(runs, lambda: box.append(analyse_corpus(analyses, project.lexicon.measures)))
    corpus = box[-1]
    built = {name: BuiltReport(name) for name in analyses}
    codes = [lang.code for lang in project.languages]
    pages = {code: f"portfolio.{code}.html" for code in codes}
    date = dt.date(2024, 3, 1)
    t_local = best_of(runs, lambda: box.append([build_portfolio_page(corpus, built, [], project, project.language(c),
                                                                     date, pages) for c in codes]))
    localised = box[-1]
    with tempfile.TemporaryDirectory() as tmp:
        t_files = best_of(max(1, runs // 2), lambda: [write_portfolio_page(page, Path(tmp), f"portfolio.{page.lang}",
                                                                           f"portfolio.{page.lang}.pdf", ctx)
                                                      for page in localised])
    note = f"{len(seeds)} report(s) in seeds/"
    return [Row("stage: corpus (continuity, benchmarks, matrix)", t_corpus, "s", note=note),
            Row("stage: portfolio pages (both)", t_local, "s", note=note),
            Row("stage: portfolio HTML + PDF (both)", t_files, "s", note=note)]


def _profile(seed: Path) -> str:
    """cProfile of one pass through every stage: the 25 costliest functions (cumulative)."""
    from generator.analyse.analysis import analyse
    from generator.localise.briefs import build_briefs
    from generator.project import Project
    from generator.read import read_document
    from generator.render.charts import render_charts
    from generator.render.docx import render_docx
    from generator.render.html import render_html
    from generator.render.context import RenderContext
    from generator.render.pdf import write_pdf

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        profiler.enable()
        project = Project.load(GLOSSARY)
        ctx = RenderContext.load(project.paths)
        briefs = build_briefs(analyse(read_document(seed), project.lexicon), project)
        for lang, brief in briefs.items():
            charts = render_charts(brief, out / "assets", ctx)
            html = render_html(brief, out, f"seed.{lang}", ctx, charts)
            write_pdf(html, out / f"seed.{lang}.pdf", brief, ctx)
            render_docx(brief, out / f"seed.{lang}.docx", charts, ctx)
        profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(25)
    return buffer.getvalue()


# ---------------------------------------------------------------- whole builds in a subprocess

@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu: float = 0.0  # CPU seconds of the whole process tree


def run_build(files: list[Path], out: Path, jobs: int = 2, formats: str | None = None) -> Run:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT))
    env.pop("BRIEFS_DEBUG", None)
    cmd = [sys.executable, "-c", PEAK, sys.executable, "-m", "generator", "build", *map(str, files),
           "--out", str(out), "-j", str(jobs)]
    if formats:
        cmd += ["--formats", formats]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    lines = proc.stderr.rstrip().splitlines()
    measured = lines[-1].split() if lines and lines[-1].startswith("PEAK_KB") else ["", "0", "", "0"]
    stderr = "\n".join(line for line in lines if line and not line.startswith("PEAK_KB"))
    if proc.returncode != 0:
        print(f"build failed ({proc.returncode}):\n{stderr}", file=sys.stderr)
    return Run(seconds, int(measured[1]) / 1024, proc.returncode, proc.stdout, stderr, float(measured[3]))


def build_rows(seed: Path, work: Path, warm_runs: int = WARM_RUNS) -> tuple[list[Row], list[Row], float]:
    rows: list[Row] = []
    cold = run_build([seed], work / "cold")
    # Warm: best of a few builds into fresh folders (the machine is shared; the best is the least disturbed).
    warms = [run_build([seed], work / f"warm-{i}") for i in range(warm_runs)]
    warm = min(warms, key=lambda r: r.seconds)
    shutil.copytree(work / f"warm-{warms.index(warm)}", work / "warm")
    noop = run_build([seed], work / "warm")
    peak = max(cold.peak_mb, *(w.peak_mb for w in warms))
    limit = TARGETS["build warm (all outputs)"][0]
    rows.append(Row("build cold (fresh out dir, first process)", cold.seconds, "s", note=f"exit {cold.returncode}"))
    times = ", ".join(f"{w.seconds:.2f}" for w in warms)
    rows.append(Row("build warm (all outputs)", warm.seconds, "s", f"< {limit} s", warm.seconds < limit,
                    f"exit {warm.returncode}; best of {warm_runs}: {times} s"))
    ratio = warm.seconds / WARM_BEFORE
    rows.append(Row(f"build warm / before the restructuring ({WARM_BEFORE} s)", ratio, "×", f"≤ {MAX_SLOWDOWN}×",
                    ratio <= MAX_SLOWDOWN, f"1-min load average after the builds: {os.getloadavg()[0]:.2f} (other work slows it)"))
    rows.append(Row("build warm: CPU of the process tree", warm.cpu, "s",
                    note="user+sys of every process; above the wall time = parallel work"))
    portfolio = re.search(r"built \S+index\.html \((\d+) files, ([\d.]+) s\)", warm.stdout)
    if portfolio:
        rows.append(Row("build warm: portfolio phase (after the reports)", float(portfolio.group(2)), "s",
                        note=f"{portfolio.group(1)} files: pages, PDFs, fonts, combined scorecards"))
    limit = TARGETS["build no-op"][0]
    rows.append(Row("build no-op", noop.seconds, "s", f"< {limit} s", noop.seconds < limit,
                    "said: up to date" if noop.stdout.count("up to date") == 2 else "REBUILT"))
    limit = TARGETS["peak memory"][0]
    rows.append(Row("peak memory (build, process tree)", peak, "MB", f"< {limit:.0f} MB", peak < limit,
                    "largest single process (ru_maxrss of children)"))

    sizes: list[Row] = []
    folder = work / "warm" / seed.stem
    largest_pdf = 0.0
    for path in sorted(folder.glob(f"{seed.stem}.*")):
        kb = path.stat().st_size / 1024
        if path.suffix == ".pdf":
            largest_pdf = max(largest_pdf, kb)
            limit = TARGETS["largest PDF"][0]
            sizes.append(Row(f"size: {path.name}", kb, "KB", f"< {limit:.0f} KB", kb < limit))
        else:
            sizes.append(Row(f"size: {path.name}", kb, "KB"))
    for path in sorted((work / "warm").glob("portfolio.*.pdf")):
        sizes.append(Row(f"size: {path.name}", path.stat().st_size / 1024, "KB"))
    return rows, sizes, peak


def big_rows(seed: Path, work: Path) -> list[Row]:
    text = seed.read_text(encoding="utf-8")
    copies = BIG_BYTES // len(text.encode("utf-8")) + 1
    big = work / "big" / f"{seed.stem}-10mb.txt"
    big.parent.mkdir(parents=True)
    big.write_text("\n".join([text] * copies), encoding="utf-8")
    run = run_build([big], work / "big-out")
    mb = big.stat().st_size / 1e6
    return [
        Row(f"10 MB report ({mb:.1f} MB): build, all outputs", run.seconds, "s", note=f"exit {run.returncode}"),
        Row("10 MB report: peak memory", run.peak_mb, "MB", f"< {TARGETS['peak memory'][0]:.0f} MB",
            run.peak_mb < TARGETS["peak memory"][0]),
    ]


def batch_rows(seed: Path, work: Path, count: int) -> list[Row]:
    variants = make_variants(seed, work / "variants", count)
    serial = run_build(variants, work / "batch-j1", jobs=1)
    parallel = run_build(variants, work / "batch-j2", jobs=2)
    speedup = serial.seconds / parallel.seconds if parallel.seconds else 0.0
    return [
        Row(f"batch of {count} variants, -j 1", serial.seconds, "s",
            note=f"exit {serial.returncode}; CPU {serial.cpu:.1f} s"),
        Row(f"batch of {count} variants, -j 2", parallel.seconds, "s",
            note=f"exit {parallel.returncode}; CPU {parallel.cpu:.1f} s; peak {parallel.peak_mb:.0f} MB"),
        Row("batch speed-up (-j 1 / -j 2)", speedup, "×", f"≥ {MIN_SPEEDUP}×", speedup >= MIN_SPEEDUP),
    ]


# ---------------------------------------------------------------- output

def _fmt(row: Row) -> tuple[str, str, str, str, str]:
    value = f"{row.value:.3f}" if row.unit == "s" and row.value < 10 else f"{row.value:.1f}"
    status = "" if row.ok is None else ("ok" if row.ok else "MISSED")
    return row.what, f"{value} {row.unit}", row.target, status, row.note


def print_table(rows: list[Row]) -> None:
    cells = [("measure", "value", "target", "", "note"), *map(_fmt, rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(5)]
    for k, cell in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(cell, widths)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))


def markdown(rows: list[Row], info: dict[str, str], profile: str) -> str:
    out = ["# Benchmark results", "", "Written by `make bench` (`bench/run.py`); best of N for stages, one run for builds.", ""]
    out += [f"- **{k}**: {v}" for k, v in info.items()]
    out += ["", "| measure | value | target | status | note |", "|---|---:|---|---|---|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in _fmt(r)) + " |" for r in rows]
    if profile:
        out += ["", "## Profile (cProfile, cumulative, one pass of every stage)", "", "```", profile.strip(), "```"]
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=Path, default=None, help="report to measure (default: the first seeds/*.txt)")
    ap.add_argument("--runs", type=int, default=5, help="repetitions per stage (best is kept)")
    ap.add_argument("--batch", type=int, default=20, help="number of variants in the batch")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--profile", action="store_true", help="add a cProfile of the stages")
    ap.add_argument("--results", type=Path, default=RESULTS)
    args = ap.parse_args()
    seed = args.seed or sorted((ROOT / "seeds").glob("*.txt"))[0]
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH

    info = machine()
    info["report"] = f"{seed.relative_to(ROOT) if seed.is_relative_to(ROOT) else seed} ({seed.stat().st_size / 1024:.0f} KB)"
    for key, value in info.items():
        print(f"{key}: {value}")
    print()

    rows, profile = stage_times(seed, args.runs, args.profile)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        build, sizes, _ = build_rows(seed, work)
        rows += build + sizes
        if not args.skip_big:
            rows += big_rows(seed, work)
        if not args.skip_batch:
            rows += batch_rows(seed, work, args.batch)

    print_table(rows)
    if profile:
        print("\n" + profile)
    args.results.write_text(markdown(rows, info, profile), encoding="utf-8")
    print(f"\nwritten {args.results}")
    missed = [r.what for r in rows if r.ok is False]
    if missed:
        print(f"targets missed: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
