"""Where the tests find the project: its root, the seed report, the glossary and the fixtures."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "chongqing-2023-plan.txt"
GLOSSARY = ROOT / "glossary"
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
