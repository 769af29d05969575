"""Resource limits on what a source may make the readers do.

A plan report is about 100 KB of text; a web page or Word file holding one
is a few hundred KB to a few MB. Inputs far beyond that (a 40 MB page with
a table of four million cells, a .docx whose parts inflate a thousandfold)
are refused *before* the expensive work starts, in well under a second and
a bounded amount of memory, with one line naming the limit and how to raise
it. Each limit is read from an environment variable (:data:`LIMITS`), so a
user with a genuinely larger report can raise it::

    BRIEFS_MAX_SOURCE_MB=64 python -m generator build big-report.docx

The counters the readers charge while they work (table cells) live in a
context variable set by :func:`budget`, so no reader signature carries them.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator, Mapping

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One limit: its environment variable, default, unit and what it caps."""

    env: str
    default: int
    unit: str  # "MB" | "" (a plain count)
    what: str  # for messages: "source size", "cells in the tables of one source", …


# Every limit, by key. Documented in docs/document-model.md and the README.
LIMITS: dict[str, Limit] = {
    "source_mb": Limit("BRIEFS_MAX_SOURCE_MB", 16, "MB", "size of a source file"),
    "inflated_mb": Limit("BRIEFS_MAX_INFLATED_MB", 64, "MB", "inflated size of a .docx package"),
    "inflate_ratio": Limit("BRIEFS_MAX_INFLATE_RATIO", 100, "", "compression ratio of a .docx part"),
    "zip_members": Limit("BRIEFS_MAX_ZIP_MEMBERS", 2000, "", "parts in a .docx package"),
    "table_cells": Limit("BRIEFS_MAX_TABLE_CELLS", 50_000, "", "table cells in one source"),
    "html_elements": Limit("BRIEFS_MAX_HTML_ELEMENTS", 100_000, "", "elements in an HTML page"),
    "html_depth": Limit("BRIEFS_MAX_HTML_DEPTH", 200, "", "nesting depth of an HTML page"),
}
# A part must inflate to at least this much before its ratio counts (a small
# XML part of repeated markup may well compress 200:1 and harm nobody).
RATIO_FLOOR_BYTES = MB


class LimitExceeded(Exception):
    """A source beyond a limit; the reader adds the file (and line) to make it an InputError."""

    def __init__(self, key: str, found: float, line: int | None = 1, at_least: bool = False) -> None:
        self.key = key
        self.found = found
        self.line = line
        super().__init__(describe(key, found, at_least))


def value(key: str, environ: Mapping[str, str] | None = None) -> int:
    """The limit ``key`` in force: its environment variable when set to a positive number, else the default."""
    limit = LIMITS[key]
    raw = (os.environ if environ is None else environ).get(limit.env, "").strip()
    try:
        number = int(float(raw)) if raw else 0
    except ValueError:
        number = 0
    return number if number > 0 else limit.default


def in_bytes(key: str) -> int:
    """A size limit in bytes."""
    return value(key) * MB


def describe(key: str, found: float, at_least: bool = False) -> str:
    """``over the limit on the size of a source file: 40.0 MB, limit 16 MB; refused … (raise it with …)``.

    ``at_least``: counting stopped past the limit (``more than 50,000``).
    """
    limit = LIMITS[key]
    allowed = value(key)
    if limit.unit == "MB":
        shown, cap = f"{found / MB:.1f} MB", f"{allowed} MB"
    else:
        shown, cap = f"{int(found):,}", f"{allowed:,}"
    if at_least:
        shown = f"more than {cap}"
    return (f"over the limit on the {limit.what}: {shown}, limit {cap}; refused as far beyond any real report "
            f"(raise the limit with {limit.env}=N)")


def check(key: str, found: float, line: int | None = 1) -> None:
    """Raise :class:`LimitExceeded` when ``found`` is over the limit ``key`` (sizes in bytes)."""
    cap = in_bytes(key) if LIMITS[key].unit == "MB" else value(key)
    if found > cap:
        raise LimitExceeded(key, found, line)


@dataclass
class Budget:
    """What one read has used so far."""

    cells: int = 0

    def charge_cells(self, n: int, line: int | None = 1) -> None:
        self.cells += n
        check("table_cells", self.cells, line)


_CURRENT: ContextVar[Budget | None] = ContextVar("read_budget", default=None)


@contextmanager
def budget() -> Iterator[Budget]:
    """A fresh budget for one read (nested reads get their own)."""
    token = _CURRENT.set(Budget())
    try:
        yield _CURRENT.get()  # type: ignore[misc]
    finally:
        _CURRENT.reset(token)


def charge_cells(n: int, line: int | None = 1) -> None:
    """Count ``n`` more table cells against the current read (no-op outside a read)."""
    current = _CURRENT.get()
    if current is not None:
        current.charge_cells(n, line)
