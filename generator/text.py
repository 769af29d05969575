"""Text helpers shared by every stage: normalisation and sentence splitting.

Source text is always kept as written for display; :func:`normalise` gives
the form used to *match* numbers and terms: full-width ASCII (``０-９``,
``％``, ``．``) becomes half-width and the ideographic space a space. Dashes
are kept: whether ``—`` is a minus sign depends on context, which is the
quantity parser's job.
"""

from __future__ import annotations

import re

# Full-width ASCII variants U+FF01..U+FF5E map to U+0021..U+007E.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
# Keep Chinese punctuation that carries meaning in the structure as it is:
# （ ） ： ， ； are used by the headings and item patterns, and the readers
# match on them. Only digits, letters, %, . and + - are folded.
for _ch in "（）：，；！？":
    _FULLWIDTH.pop(ord(_ch), None)


def normalise(text: str) -> str:
    """Half-width digits, letters, ``%`` and ``.``; same length as the input."""
    return text.translate(_FULLWIDTH)


_SENTENCE_END = re.compile(r"(?<=[。！？])(?![”’」』）)])|(?<=[。！？][”’」』）])")


def sentences(text: str) -> list[str]:
    """Split Chinese prose into sentences, keeping the closing punctuation.

    A sentence ends at 。！？, including a closing quote or bracket that
    follows the stop.
    """
    parts = [p for p in _SENTENCE_END.split(text) if p and p.strip()]
    return [p.strip() for p in parts]


def first_sentence(text: str) -> tuple[str, str]:
    """(first sentence without its final 。, the rest) — for headings run into paragraphs."""
    m = re.search(r"[。！？]", text)
    if not m:
        return text.strip(), ""
    return text[: m.start()].strip(), text[m.end():].strip()
