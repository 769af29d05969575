"""The project's own error types.

Every failure a user can cause (bad input file, bad glossary, bad template)
is raised as a :class:`BriefError`; the CLI prints it as one line on stderr
and exits with code 2. Anything else escaping is a bug.
"""

from __future__ import annotations

from pathlib import Path

EXIT_BAD_INPUT = 2


class BriefError(Exception):
    """A user-facing error: one line, naming the file (and line) it concerns."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        one_line = " ".join(self.message.split())
        return f"{where}: {one_line}" if where else one_line


class InputError(BriefError):
    """A source report that cannot be read or has no recognisable structure."""


class ParseError(BriefError):
    """A numeric or target expression that cannot be parsed."""


class GlossaryError(BriefError):
    """A glossary file that cannot be loaded."""


class TemplateError(BriefError):
    """A template or reference document that cannot be used."""
