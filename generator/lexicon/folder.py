"""A glossary folder loaded and checked: the glossary, the units table, the indicator catalogue, the standard
measures and the section topics.

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
from generator.lexicon.measures import Measures, inspect_measures
from generator.lexicon.topics import Topics, inspect_topics
from generator.lexicon.units import UnitsTable, inspect_units


@dataclass(frozen=True)
class Lexicon:
    """A loaded glossary folder: renderings, the units table, the indicator catalogue, the standard measures."""

    glossary: Glossary
    units: UnitsTable
    catalogue: Catalogue
    units_digest: str
    measures: Measures = Measures()
    topics: Topics = Topics()

    def digests(self) -> dict[str, str]:
        """What each kind of output depends on: the catalogue (analysis), renderings (with the topics that stand
        in for a heading without one), units, measures (corpus)."""
        terms = hashlib.sha256(f"{self.glossary.digest()}\n{self.topics.digest()}".encode()).hexdigest()
        return {"catalogue": self.catalogue.digest(), "terms": terms, "units": self.units_digest,
                "measures": self.measures.digest()}


def inspect_lexicon(glossary_dir: Path, units_path: Path, locales: tuple[str, ...],
                    measures_path: Path | None = None,
                    topics_path: Path | None = None) -> tuple[Lexicon | None, list[Problem]]:
    """Every problem of the folder, its units table and its measures; the Lexicon when none is fatal."""
    if not glossary_dir.is_dir():
        raise GlossaryError("glossary folder not found", glossary_dir)
    entries, problems = validate_dir(glossary_dir)
    units, unit_problems = inspect_units(units_path, locales)
    problems = problems + unit_problems
    if units is None or any(p.fatal for p in problems):
        return None, problems
    glossary = Glossary(entries)
    catalogue = catalogue_from_glossary(glossary)
    # The package's measures serve a glossary folder without its own: ids its catalogue lacks are left out.
    own = measures_path is not None and measures_path.parent.resolve() == glossary_dir.resolve()
    measures, measure_problems = (inspect_measures(measures_path, catalogue, strict=own) if measures_path is not None
                                  else (Measures(), []))
    problems = problems + measure_problems
    topics, topic_problems = inspect_topics(topics_path) if topics_path is not None else (Topics(), [])
    problems = problems + topic_problems
    if measures is None or topics is None:
        return None, problems
    lexicon = Lexicon(glossary, units, catalogue, hashlib.sha256(units_path.read_bytes()).hexdigest(), measures,
                      topics)
    return lexicon, problems


def load_lexicon(glossary_dir: Path, units_path: Path, locales: tuple[str, ...],
                 measures_path: Path | None = None, topics_path: Path | None = None) -> Lexicon:
    """The lexicon of ``glossary_dir``; GlossaryError at its first fatal problem."""
    lexicon, problems = inspect_lexicon(glossary_dir, units_path, locales, measures_path, topics_path)
    if lexicon is None:
        fatal = [p for p in problems if p.fatal]
        first = fatal[0]
        more = (f" (and {len(fatal) - 1} more problem(s); run `python -m generator glossary check --glossary "
                f"{glossary_dir}`)" if len(fatal) > 1 else "")
        raise GlossaryError(f"{first.message}{more}", first.file, first.line)
    return lexicon
