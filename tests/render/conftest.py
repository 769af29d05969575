"""The seed's PDF briefs, from the build every test of the run shares, for the PDF tests of this folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import SEED


@pytest.fixture(scope="session")
def seed_pdfs(seed_build: Path) -> dict[str, Path]:
    """``{"zh": …, "en": …}``: the seed's PDF briefs as ``generator build`` writes them (with their scorecard)."""
    return {lang: seed_build / f"{SEED.stem}.{lang}.pdf" for lang in ("zh", "en")}
