"""The printed seed briefs as a reader turns their pages: no heading stranded at a page foot, no page more
than a third empty unless a new block (a part of the brief) starts on the next one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.tokens import load_tokens
from tests.support.layout import page_ends
from tests.support.paths import ROOT


def _accent() -> tuple[float, ...]:
    hex_colour = load_tokens(ROOT / "templates" / "tokens.yaml").colour("accent").lstrip("#")
    return tuple(round(int(hex_colour[i:i + 2], 16) / 255, 2) for i in (0, 2, 4))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_stranded_heading_and_no_page_more_than_a_third_empty(seed_pdfs: dict[str, Path], lang: str) -> None:
    ends = page_ends(seed_pdfs[lang], _accent())
    assert len(ends) >= 5
    assert [(e.page, e.last) for e in ends if e.heading] == []
    assert [(e.page, round(e.empty, 2), e.last) for e in ends if e.empty > 1 / 3 and not e.next_starts_block] == []
