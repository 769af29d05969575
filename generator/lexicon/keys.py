"""Lookup keys of Chinese terms: the folding every glossary lookup and match uses.

Owns :func:`normalise_key` (how a term is compared), :func:`fold` (the same,
keeping each character's origin for matching in running text) and pattern
keys (``关于{region}{year}年…的报告``): :data:`SLOT` and :func:`slot_regex`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Pattern keys (``关于{region}{year}年…的报告``): what each slot matches in a report.
SLOT = re.compile(r"\{([a-z_]+)\}")
# A year slot takes digits or Chinese numerals (二〇二四); renderings show it in digits.
_YEAR = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})"
SLOT_PATTERNS = {"year": _YEAR, "plan_year": _YEAR}
DEFAULT_SLOT_PATTERN = r".+?"

# --- key normalisation -------------------------------------------------------

_QUOTES = "\"'“”‘’「」『』〝〞〟‟„‚‛﹁﹂﹃﹄＂＇`´"
_FOLD_TABLE = {ord(q): '"' for q in _QUOTES}
_FOLD_TABLE.update({ord("〔"): "(", ord("〕"): ")", ord("【"): "[", ord("】"): "]"})


@cache  # a pure function of one character; folding a report calls it for every character
def _fold_char(ch: str) -> str:
    if ch.isspace() or unicodedata.category(ch) == "Cf":  # spaces, zero-width characters
        return ""
    ch = unicodedata.normalize("NFKC", ch)
    return ch.translate(_FOLD_TABLE).lower()


def normalise_key(text: str) -> str:
    """The lookup form of a Chinese term.

    Rules, applied character by character:

    * full-width and other compatibility forms become their plain form
      (Unicode NFKC: ``（２０３０）`` → ``(2030)``, ``％`` → ``%``, ``：`` → ``:``);
    * every quotation mark (“ ” ‘ ’ 「 」 『 』 " ' …) becomes ``"``;
    * brackets 〔〕 become ``()`` and 【】 ``[]`` (（） already are ``()``);
    * whitespace and zero-width characters are dropped;
    * Latin letters are lower-cased (``REITs`` = ``reits``).
    """
    return "".join(_fold_char(ch) for ch in text)


def fold(text: str) -> tuple[str, list[int]]:
    """(normalised text, index in ``text`` of each normalised character)."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin



def slot_regex(zh: str) -> re.Pattern[str]:
    key = normalise_key(zh)
    parts: list[str] = []
    seen: set[str] = set()
    last = 0
    for m in SLOT.finditer(key):
        parts.append(re.escape(key[last:m.start()]))
        name = m.group(1)
        # a slot named twice must match the same text both times
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{SLOT_PATTERNS.get(name, DEFAULT_SLOT_PATTERN)})")
        seen.add(name)
        last = m.end()
    parts.append(re.escape(key[last:]))
    return re.compile("".join(parts))
