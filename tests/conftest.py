"""Shared fixtures: the seed report's path, its Document (read once per session) and its build (once per run)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.document import Document
from generator.read import read_document
from tests.support.paths import SEED
from tests.support.shared import build_seed, libreoffice_to_pdf, made_once


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The first real report, ``seeds/chongqing-2023-plan.txt``."""
    return SEED


@pytest.fixture(scope="session")
def seed_doc(seed_path: Path) -> Document:
    """The seed read by ``generator.read.read_document`` (do not mutate it)."""
    return read_document(seed_path)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's output folder (``<out>/<stem>``, the portfolio beside it) from one ``generator build`` of every
    format with a fixed date, made once per test run for every worker. Read only: copy it to change it."""
    folder = made_once(tmp_path_factory, "seed-build", build_seed)
    assert folder is not None
    return folder / SEED.stem


@pytest.fixture(scope="session", autouse=True)
def _seed_build_started_first(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """When a selected test reads the seed's build, the first worker to start makes it before its first test,
    while the other worker goes on with its own tests (instead of waiting for it later)."""
    if any("seed_build" in item.fixturenames for item in request.session.items):
        try:
            made_once(tmp_path_factory, "seed-build", build_seed, wait=False)
        except Exception:
            pass  # recorded by made_once: the tests that read the build fail with its message


@pytest.fixture(scope="session")
def seed_docx_pdfs(tmp_path_factory: pytest.TempPathFactory, seed_build: Path) -> dict[str, tuple[Path, Path]]:
    """``{lang: (docx, pdf)}``: the seed build's DOCX briefs and LibreOffice's PDF of each (one conversion per run)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed (tools/system-deps.sh test installs it)")
    files = {lang: seed_build / f"{SEED.stem}.{lang}.docx" for lang in ("zh", "en")}
    folder = made_once(tmp_path_factory, "seed-docx-pdf",
                       lambda out: libreoffice_to_pdf(list(files.values()), out))
    return {lang: (docx, folder / f"{docx.stem}.pdf") for lang, docx in files.items()}
