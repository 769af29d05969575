"""The writers of a brief, by kind: the one list the build renders from.

Each :class:`Writer` names the output kind (the unit ``<lang>.<kind>`` of the
build), the ``--formats`` that ask for it, the template files it depends on
(globs under ``templates/``: they enter its staleness digest) and the
function that writes it. Adding a writer — an XLSX of the scorecard, a PPTX
of the headline — is one module with a ``write(job) -> Written`` function
walking the brief's outline (:mod:`generator.render.outline`), plus one line
in :data:`WRITERS`. The functions are named, not imported, so the build's
no-op check loads none of them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:  # for the types only: the build reads WRITERS before it needs any of these
    from generator.brief import Brief
    from generator.render.context import RenderContext


@dataclass(frozen=True)
class Job:
    """One brief to write into a staging folder."""

    brief: "Brief"
    staging: Path
    stem: str  # "<report>.<lang>"
    ctx: "RenderContext"
    formats: frozenset[str]  # the formats asked for ("pdf", "html", "docx" …)
    attachments: Mapping[str, bytes] = field(default_factory=dict)  # data files the output carries


@dataclass
class Written:
    """What a writer wrote (paths inside the staging folder) and what it had to warn about."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Writer:
    kind: str  # the unit suffix: "html", "docx"
    formats: tuple[str, ...]  # the --formats that ask for it
    templates: tuple[str, ...]  # globs under templates/ it depends on
    function: str  # "module:function" writing a Job

    def load(self) -> Callable[[Job], Written]:
        module, _, name = self.function.partition(":")
        return getattr(importlib.import_module(module), name)


# The files every writer depends on: the design tokens and the language profiles.
_COMMON = ("*.yaml", "locale/*.yaml")

WRITERS: tuple[Writer, ...] = (
    # The HTML page with its assets; the PDF is printed from it (WeasyPrint), so one unit writes both.
    Writer("html", ("html", "pdf"), ("*.html", "*.css", "assets/**/*", *_COMMON), "generator.render.page:write"),
    Writer("docx", ("docx",), ("reference.docx", *_COMMON), "generator.render.docx:write"),
)
