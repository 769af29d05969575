"""The project configuration the tests share: loaded once per test process, with shortcuts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from datetime import date
from typing import Iterable

from generator.analyse.analysis import Analysis, analyse
from generator.brief import Brief
from generator.document import Document
from generator.lexicon.languages import Language
from generator.localise.briefs import build_briefs
from generator.localise.numbers import NumberFormat
from generator.project import Project
from generator.render.context import RenderContext


@cache
def _default() -> Project:
    return Project.load()


def project(glossary: Path | None = None) -> Project:
    """The project with the package's glossary (loaded once per process), or with ``glossary`` (loaded now)."""
    return _default() if glossary is None else Project.load(glossary)


def language(code: str) -> Language:
    return project().language(code)


def numbers(code: str) -> NumberFormat:
    """Number formatting of language ``code`` with the project's units table."""
    return NumberFormat(language(code), project().units)


def analysed(doc: Document, glossary: Path | None = None) -> Analysis:
    """``doc`` analysed with the project's (or ``glossary``'s) lexicon."""
    return analyse(doc, project(glossary).lexicon)


def glossary_problems(folder: Path) -> list[str]:
    """Every problem of a glossary folder (and its units table, else the package's), as ``glossary check`` prints them."""
    _, problems = Project.inspect(folder)
    return [str(p) for p in problems]


def briefs_of(doc: Document, glossary: Path | None = None, generated: date | None = None,
              langs: Iterable[str] | None = None) -> dict[str, Brief]:
    """The briefs of ``doc`` (analysed with the same project) in each language of ``langs``."""
    proj = project(glossary)
    return build_briefs(analyse(doc, proj.lexicon), proj, generated=generated, langs=langs)


@cache
def render_ctx() -> RenderContext:
    """The writers' context of the package's templates (loaded once per process)."""
    return RenderContext.load(project().paths)


def gettext(lang: str, msgid: str) -> str:
    """``msgid`` in the catalogue of ``lang``."""
    return project().messages.gettext(lang, msgid)
