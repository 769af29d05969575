"""Where the tests find the project: its root, the seed report, the glossary and the fixtures."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "chongqing-2023-plan.txt"
GLOSSARY = ROOT / "glossary"
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
# The national report: in seeds/ once it is added there, else the shared copy (tests copy it to a temp folder).
NATIONAL_SEED_NAME = "national-2025-plan-report.md"
NATIONAL_SEED_SOURCES = (ROOT / "seeds" / NATIONAL_SEED_NAME, Path("/work/shared/seeds") / NATIONAL_SEED_NAME)
