"""Suggested renderings for glossary gaps, composed from glossary sub-terms.

:class:`Composer` segments a Chinese term the glossary lacks into known
glossary terms (the Aho–Corasick :class:`~generator.lexicon.matcher.TermMatcher`
over preferred and admitted renderings) and the few words of the
composition table (``templates/locale/<lang>/compose.yaml``: intensifiers to
drop, join words, opening verbs of headings and items), and composes an
English suggestion only when every part is covered and the parts have the
shape ``[lead verb] term (join term)*``. Anything else — an unknown
character, two terms side by side, a lead verb outside a heading or item —
gives no suggestion: a missing suggestion costs the analyst a minute, a bad
one costs a wrong brief if it is accepted unread. Suggestions are written
with ``status: suggested`` and shown only once accepted (or, marked, in a
draft build).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.errors import GlossaryError
from generator.lexicon.entries import Entry
from generator.lexicon.glossary import Glossary
from generator.lexicon.matcher import TermMatcher

COMPOSE_FILE = "compose.yaml"
LEAD_KINDS = ("heading", "item")  # sentence-case gerund titles
SENTENCE_CASE_KINDS = ("heading", "item", "metric", "indicator")  # labels whose first capital is only sentence case


@dataclass(frozen=True)
class ComposeTable:
    """The words a suggestion may be built with besides glossary terms."""

    drop: frozenset[str] = frozenset()
    join: dict[str, str] = field(default_factory=dict)
    lead: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> "ComposeTable":
        """The table in ``path`` (an empty table when there is no file)."""
        if not path.is_file():
            return cls()
        try:
            data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
        except (YAMLError, UnicodeDecodeError) as exc:
            raise GlossaryError(f"cannot read: {' '.join(str(exc).split())[:200]}", path) from None
        if not isinstance(data, dict):
            raise GlossaryError("the composition table must be a mapping (drop, join, lead)", path)
        try:
            return cls(frozenset(str(w) for w in data.get("drop") or ()),
                       {str(k): str(v) for k, v in (data.get("join") or {}).items()},
                       {str(k): str(v) for k, v in (data.get("lead") or {}).items()})
        except (AttributeError, TypeError):
            raise GlossaryError("drop is a list, join and lead are mappings of word: English", path) from None

    @property
    def words(self) -> dict[str, tuple[str, str]]:
        """Word -> (role, English); role is drop, join or lead."""
        out: dict[str, tuple[str, str]] = {w: ("drop", "") for w in self.drop}
        out.update({w: ("join", en) for w, en in self.join.items()})
        out.update({w: ("lead", en) for w, en in self.lead.items()})
        return out


def _split_words(text: str, words: dict[str, tuple[str, str]]) -> list[tuple[str, str]] | None:
    """``text`` as a sequence of table words (longest first), or None if any character is not covered."""
    out: list[tuple[str, str]] = []
    position = 0
    longest = max((len(w) for w in words), default=0)
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        for size in range(min(longest, len(text) - position), 0, -1):
            found = words.get(text[position:position + size])
            if found is not None:
                out.append(found)
                position += size
                break
        else:
            return None
    return out


def _in_phrase(entry: Entry) -> str:
    """A glossary rendering as a part of a longer phrase: a sentence-case label's capital dropped."""
    en = entry.en
    first = en.split(" ", 1)[0]
    if entry.kind in SENTENCE_CASE_KINDS and first[:1].isupper() and first[1:].islower():
        return en[:1].lower() + en[1:]
    return en


class Composer:
    """Composes suggestions for one glossary."""

    def __init__(self, glossary: Glossary, table: ComposeTable) -> None:
        self.matcher = TermMatcher(glossary)
        self.table = table
        self.words = table.words

    def suggest(self, zh: str, kind: str) -> str | None:
        """An English suggestion for ``zh`` built only from known parts, else None."""
        parts: list[tuple[str, str]] = []  # (role, English): term, join, lead
        for text, entry in self.matcher.segment(zh.strip()):
            if entry is not None:
                parts.append(("term", _in_phrase(entry)))
                continue
            words = _split_words(text, self.words)
            if words is None:
                return None
            parts += [w for w in words if w[0] != "drop"]
        if not parts:
            return None
        lead = ""
        if parts[0][0] == "lead":
            if kind not in LEAD_KINDS:
                return None
            lead = parts.pop(0)[1]
        # the rest alternates term, join, term, …: two terms side by side, or a join at either end, give nothing
        roles = [role for role, _ in parts]
        if not roles or roles[0] != "term" or roles[-1] != "term":
            return None
        if any(roles[i] == roles[i + 1] for i in range(len(roles) - 1)) or "lead" in roles:
            return None
        pieces = [en for _, en in parts]
        joins = [i for i, role in enumerate(roles) if role == "join"]
        if len(joins) > 1 and parts[joins[-1]][1] == ", ":  # 甲、乙、丙: the last comma reads "and"
            pieces[joins[-1]] = " and "
        phrase = "".join(pieces)
        text = f"{lead} {phrase}" if lead else phrase
        if kind in LEAD_KINDS:
            text = text[:1].upper() + text[1:]
        return text
