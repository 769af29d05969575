"""Shared fixtures: the seed report's path and its Document (read once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.document import Document
from generator.read import read_document
from tests.support.paths import SEED



@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The first real report, ``seeds/chongqing-2023-plan.txt``."""
    return SEED


@pytest.fixture(scope="session")
def seed_doc(seed_path: Path) -> Document:
    """The seed read by ``generator.read.read_document`` (do not mutate it)."""
    return read_document(seed_path)
