"""What a writer needs besides the brief: the templates folder, the message catalogues, the design tokens.

A :class:`RenderContext` is made from the project's :class:`~generator.paths.Paths`
— in the build's main process, or in a render worker from the paths its task
carries — and passed to every writer explicitly: no writer reads a path
constant or a module-level cache of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.lexicon.languages import read_languages
from generator.lexicon.messages import Messages
from generator.paths import Paths
from generator.render.tokens import TOKENS_FILE, Tokens, load_tokens

ASSETS = "assets"  # the templates' own assets (and a brief's, beside its HTML)


@dataclass(frozen=True)
class RenderContext:
    templates: Path
    messages: Messages
    tokens: Tokens

    @classmethod
    def load(cls, paths: Paths) -> "RenderContext":
        codes = tuple(lang.code for lang in read_languages(paths.locale))
        return cls(paths.templates, Messages(paths.locale, codes), load_tokens(paths.templates / TOKENS_FILE))

    def words(self, lang: str) -> Callable[[str], str]:
        """The catalogue lookup of ``lang`` (msgid -> words)."""
        return lambda msgid: self.messages.gettext(lang, msgid)

    @property
    def assets(self) -> Path:
        return self.templates / ASSETS

    @property
    def reference_docx(self) -> Path:
        return self.templates / "reference.docx"
