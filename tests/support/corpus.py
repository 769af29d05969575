"""Reports read and analysed together through the cross-report stage, for the corpus tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.analyse.analysis import Analysis
from generator.analyse.corpus import CorpusAnalysis, analyse_corpus
from generator.read import read_document
from tests.support.paths import NATIONAL_SEED_SOURCES
from tests.support.project import analysed, project


def analyse_files(*paths: Path) -> tuple[dict[str, Analysis], CorpusAnalysis]:
    """Each report analysed (by file stem), and the cross-report stage over them."""
    analyses = {p.stem: analysed(read_document(p)) for p in paths}
    return analyses, analyse_corpus(analyses, project().lexicon.measures)


def national_seed(folder: Path) -> Path:
    """A copy of the real national report in ``folder`` (skips when the machine has none)."""
    source = next((p for p in NATIONAL_SEED_SOURCES if p.is_file()), None)
    if source is None:
        pytest.skip("the national seed report is not on this machine")
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(source, folder / source.name))
