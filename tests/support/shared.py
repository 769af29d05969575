"""Expensive test inputs made once per test run and shared by every test process.

``pytest -n 2`` runs two worker processes; a session fixture alone would still
build the seed once in each. :func:`made_once` makes a folder once per run:
the first worker to ask makes it under a lock in the run's temporary root
(shared by the workers), the others wait and reuse it; a failure is recorded
so that they fail at once with the same message instead of trying again.
What it makes is read only for the tests: a test that changes files copies
them first.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Callable

import pytest

from tests.support.paths import ROOT, SEED

# 2025-11-30: the generation date of every shared build (fixed dates make builds byte-identical)
EPOCH = "1764460800"


def run_root(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this run that every worker sees (with xdist: the parent of each worker's own)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None],
              wait: bool = True) -> Path | None:
    """The folder ``name`` of this run, filled by ``make(folder)`` the first time any worker asks for it.

    ``wait=False``: None at once when another worker is making it (to start it early without idling).
    """
    root = run_root(factory)
    folder = root / name
    done, failed = root / f"{name}.done", root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)  # released on close
        except BlockingIOError:
            return None
        if failed.exists():
            pytest.fail(f"making the shared {name} failed in another worker:\n{failed.read_text()}", pytrace=False)
        if not done.exists():
            folder.mkdir(parents=True, exist_ok=True)
            try:
                make(folder)
            except BaseException:
                failed.write_text(traceback.format_exc())
                raise
            done.touch()
    return folder


def build_env() -> dict[str, str]:
    """The environment of a ``generator build`` run by the tests: fixed date, no debug or strict switches."""
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFS_DEBUG", "STRICT")}
    env.update(PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH=EPOCH)
    return env


def build_seed(out: Path) -> None:
    """``python -m generator build SEED --out out``: every format, as a user builds it."""
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(SEED), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env=build_env(), timeout=900)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def libreoffice_to_pdf(files: list[Path], out: Path) -> dict[Path, Path]:
    """Each DOCX converted to PDF by one headless LibreOffice run (own profile): ``{docx: pdf}``.

    LibreOffice opens copies in ``out``: its lock files never appear beside the originals (a shared build).
    """
    out.mkdir(parents=True, exist_ok=True)
    copies = [shutil.copy(docx, out / docx.name) for docx in files]
    profile = (out / "lo-profile").as_uri()  # no clash with a LibreOffice the user runs
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(out), *map(str, copies)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {docx: out / f"{docx.stem}.pdf" for docx in files}
