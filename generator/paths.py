"""Where the project's inputs are: the package's folders, and the glossary folder chosen for a command.

Kept free of heavy imports: the no-op build reads it before deciding that
nothing needs loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
UNITS_FILE = "units.yaml"
MEASURES_FILE = "measures.yaml"  # standard measures across levels (generator.lexicon.measures)
TOPICS_FILE = "topics.yaml"  # section topics (generator.lexicon.topics)


@dataclass(frozen=True)
class Paths:
    """Where the project's inputs are."""

    root: Path
    glossary: Path
    templates: Path

    @property
    def locale(self) -> Path:
        return self.templates / "locale"

    @property
    def portfolio(self) -> Path:
        """The portfolio page's templates."""
        return self.templates / "portfolio"

    @property
    def code(self) -> Path:
        """The package's own code (its digest is part of every output's)."""
        return self.root / "generator"

    @property
    def units(self) -> Path:
        """The glossary folder's units table, else the package's."""
        own = self.glossary / UNITS_FILE
        return own if own.is_file() else self.root / "glossary" / UNITS_FILE

    @property
    def measures(self) -> Path:
        """The glossary folder's standard measures, else the package's."""
        own = self.glossary / MEASURES_FILE
        return own if own.is_file() else self.root / "glossary" / MEASURES_FILE

    @property
    def topics(self) -> Path:
        """The glossary folder's section topics, else the package's."""
        own = self.glossary / TOPICS_FILE
        return own if own.is_file() else self.root / "glossary" / TOPICS_FILE

    @classmethod
    def default(cls, glossary: Path | None = None, root: Path = PACKAGE_ROOT) -> "Paths":
        return cls(root=root, glossary=Path(glossary) if glossary else root / "glossary", templates=root / "templates")
