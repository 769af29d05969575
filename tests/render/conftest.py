"""The seed's briefs printed once per test session, for the PDF tests of this folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT, SEED

EPOCH = "1764460800"  # fixed dates: the prints do not depend on the day the tests run


@pytest.fixture(scope="session")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``{"zh": …, "en": …}``: the seed's PDF briefs, built by ``generator build`` with their scorecard."""
    out = tmp_path_factory.mktemp("seed-pdf")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(SEED), "--out", str(out),
                             "--formats", "pdf,html,scorecard"],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    folder = out / SEED.stem
    return {lang: folder / f"{SEED.stem}.{lang}.pdf" for lang in ("zh", "en")}
