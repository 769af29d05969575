"""Nothing lost: a build killed while rendering leaves the previous complete
outputs byte-identical; what it leaves behind is only staging folders and
``.part`` files, which the next run removes before it completes normally.
Also: ``glossary gaps --write`` run twice keeps every entry and comment.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.support.paths import ROOT, SEED
from tests.support.shared import build_env
from tests.support.project import glossary_problems

STEM = SEED.stem
POLL = 0.02
WAIT_LIMIT = 300  # seconds: only a guard against hanging, never an assertion on speed


def _build_cmd(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", str(source), "--out", str(out), "-j", "2"]


def _build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_build_cmd(source, out), cwd=ROOT, env=build_env(), capture_output=True, text=True,
                          timeout=WAIT_LIMIT * 2, check=False)


def _is_leftover(path: Path, folder: Path) -> bool:
    parts = path.relative_to(folder).parts
    return any(p.startswith(".staging-") for p in parts) or path.name.endswith(".part")


def _snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every output file (leftovers excluded), by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file() and not _is_leftover(p, folder)
    }


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if _is_leftover(p, folder)]


def _wait_for_rendering(report_dir: Path, proc: subprocess.Popen, earlier: set[Path]) -> Path:
    """The staging folder of the running build once a file has been rendered into it (``earlier`` ones aside)."""
    deadline = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < deadline and proc.poll() is None:
        for staging in report_dir.glob(".staging-*"):
            if staging not in earlier and any(p.is_file() for p in staging.rglob("*")):
                return staging
        time.sleep(POLL)
    raise AssertionError(f"the build ended (exit {proc.returncode}) before rendering anything to kill")


def _as_in_a_terminal() -> None:
    """Ctrl-C acts as in a terminal: a test run started in the background (CI, ``make test &``) ignores
    SIGINT, and a build started from it would inherit that and rightly ignore Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(source: Path, out: Path, sig: signal.Signals) -> subprocess.CompletedProcess[str]:
    """Start a build of ``source`` and send ``sig`` to it (workers too) once it has rendered a file."""
    earlier = set((out / STEM).glob(".staging-*"))  # an earlier interrupted run's, still there
    proc = subprocess.Popen(_build_cmd(source, out), cwd=ROOT, env=build_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_as_in_a_terminal)
    try:
        _wait_for_rendering(out / STEM, proc, earlier)
        os.killpg(proc.pid, sig)  # the whole process group (workers too), as Ctrl-C or a closed terminal does
        stdout, stderr = proc.communicate(timeout=WAIT_LIMIT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.fixture
def previous_build(tmp_path: Path, seed_build: Path) -> tuple[Path, Path, dict[str, str]]:
    """A copy of the seed and of its complete build (all formats, the run's shared one)."""
    source = tmp_path / SEED.name
    shutil.copyfile(SEED, source)
    out = tmp_path / "out"
    shutil.copytree(seed_build.parent, out)
    before = _snapshot(out / STEM)
    assert {f"{STEM}.{lang}.{kind}" for lang in ("zh", "en") for kind in ("pdf", "docx", "html")} <= set(before)
    return source, out, before


def test_interrupted_builds_lose_nothing_and_the_next_run_completes(previous_build) -> None:
    """Killed, then (over what the kill left) interrupted with Ctrl-C: the previous outputs stay byte-identical
    each time, and the next run removes every leftover and completes."""
    source, out, before = previous_build
    report_dir = out / STEM
    assert _leftovers(out) == []
    for sig in (signal.SIGKILL, signal.SIGINT):
        # A changed report forces every unit to re-render.
        source.write_text(SEED.read_text(encoding="utf-8") + f"\n{sig.name}\n", encoding="utf-8")
        interrupted = _interrupt(source, out, sig)
        assert interrupted.returncode != 0, sig.name
        assert "Traceback" not in interrupted.stderr, interrupted.stderr
        assert _snapshot(report_dir) == before, f"a build interrupted by {sig.name} changed the previous outputs"

    again = _build(source, out)
    assert again.returncode == 0, again.stderr
    assert _leftovers(out) == []
    after = _snapshot(report_dir)
    assert set(after) == set(before)
    assert after[".build.json"] != before[".build.json"], "the changed report was not rebuilt"


# ---------------------------------------------------------------- glossary --write keeps everything

def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(item == other for other in it) for item in small)


@pytest.mark.parametrize("damage", ["as-is", "no-final-newline", "crlf"])
def test_glossary_write_keeps_every_entry_and_comment(tmp_path: Path, damage: str) -> None:
    from ruamel.yaml import YAML

    from generator.cli import main

    glossary = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", glossary)
    for path in glossary.glob("*.yaml"):
        text = path.read_bytes()
        if damage == "no-final-newline":
            path.write_bytes(text.rstrip(b"\n"))
        elif damage == "crlf":
            path.write_bytes(text.replace(b"\n", b"\r\n"))
    safe = YAML(typ="safe")
    before = {p.name: (safe.load(p.read_text(encoding="utf-8")), _comments(p.read_text(encoding="utf-8")))
              for p in glossary.glob("*.yaml")}
    report = ROOT / "tests" / "hardening" / "bad_inputs" / "base-report.txt"

    assert main(["glossary", "gaps", str(report), "--dir", str(glossary), "--write"]) == 0

    added = 0
    for name, (entries, comments) in before.items():
        text = (glossary / name).read_text(encoding="utf-8")
        now = safe.load(text)
        lost = {k: v for k, v in (entries or {}).items() if now.get(k) != v}
        assert not lost, f"{name}: entries changed or lost: {list(lost)[:5]}"
        assert _is_subsequence(comments, _comments(text)), f"{name}: a comment was lost"
        added += len(now) - len(entries or {})
    assert added > 0, "the reports' gaps were not written"
    problems = glossary_problems(glossary)
    pending = ("untranslated", "awaits review")  # stubs, and suggested renderings (status: suggested)
    assert problems and all(any(w in p for w in pending) for p in problems), problems


def test_glossary_after_write_still_loads(tmp_path: Path) -> None:
    from generator.cli import main
    from tests.support.project import briefs_of
    from generator.read import read_document

    glossary = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", glossary)
    report = ROOT / "tests" / "hardening" / "bad_inputs" / "base-report.txt"
    assert main(["glossary", "gaps", str(report), "--dir", str(glossary), "--write"]) == 0
    assert main(["glossary", "gaps", str(SEED), "--dir", str(glossary)]) == 0
    assert set(briefs_of(read_document(report), glossary)) == {"zh", "en"}


def test_ctrl_c_while_the_worker_server_starts_is_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C that lands while the fork server starts (Ctrl-C is held back from it then) still interrupts
    the build: held pending, delivered after, never dropped."""
    from multiprocessing import forkserver

    from generator import build

    start = forkserver.ensure_running

    def pressed_meanwhile() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        start()

    monkeypatch.setattr(forkserver, "ensure_running", pressed_meanwhile)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal (see above)
    try:
        with pytest.raises(KeyboardInterrupt):
            build._pool_context()
    finally:
        signal.signal(signal.SIGINT, previous)
