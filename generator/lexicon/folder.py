"""A glossary folder loaded and checked: the glossary, the units table and the indicator catalogue.

:func:`inspect_lexicon` reads a glossary folder once and
returns every problem with the loaded :class:`Lexicon` when none is fatal;
:func:`load_lexicon` raises on the first fatal problem. Nothing is cached:
the project configuration (:mod:`generator.project`) loads it once per
command and passes it on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GlossaryError
from generator.lexicon.catalogue import Catalogue, catalogue_from_glossary
from generator.lexicon.glossary import Glossary
from generator.lexicon.glossary_files import Problem, validate_dir
from generator.lexicon.units import UnitsTable, inspect_units


@dataclass(frozen=True)
class Lexicon:
    """A loaded glossary folder: renderings, the units table, the indicator catalogue."""

    glossary: Glossary
    units: UnitsTable
    catalogue: Catalogue
    units_digest: str

    def digests(self) -> dict[str, str]:
        """What each kind of output depends on: the catalogue (analysis), renderings, units."""
        return {"catalogue": self.catalogue.digest(), "terms": self.glossary.digest(), "units": self.units_digest}


def inspect_lexicon(glossary_dir: Path, units_path: Path, locales: tuple[str, ...]) -> tuple[Lexicon | None, list[Problem]]:
    """Every problem of the folder and its units table; the Lexicon when none is fatal."""
    if not glossary_dir.is_dir():
        raise GlossaryError("glossary folder not found", glossary_dir)
    entries, problems = validate_dir(glossary_dir)
    units, unit_problems = inspect_units(units_path, locales)
    problems = problems + unit_problems
    if units is None or any(p.fatal for p in problems):
        return None, problems
    glossary = Glossary(entries)
    lexicon = Lexicon(glossary, units, catalogue_from_glossary(glossary),
                      hashlib.sha256(units_path.read_bytes()).hexdigest())
    return lexicon, problems


def load_lexicon(glossary_dir: Path, units_path: Path, locales: tuple[str, ...]) -> Lexicon:
    """The lexicon of ``glossary_dir``; GlossaryError at its first fatal problem."""
    lexicon, problems = inspect_lexicon(glossary_dir, units_path, locales)
    if lexicon is None:
        fatal = [p for p in problems if p.fatal]
        first = fatal[0]
        more = (f" (and {len(fatal) - 1} more problem(s); run `python -m generator glossary check --glossary "
                f"{glossary_dir}`)" if len(fatal) > 1 else "")
        raise GlossaryError(f"{first.message}{more}", first.file, first.line)
    return lexicon
