"""The project configuration: paths, languages, message catalogues and the loaded lexicon.

One :class:`Project` is made by the command line (or a test) and passed
explicitly to every stage that needs configuration, as Pelican passes its
settings: nothing below reads a path constant or keeps a hidden cache. Where
things are is :class:`generator.paths.Paths` (the one place that knows the
package's own folders); ``--glossary DIR`` replaces the glossary folder (its
``units.yaml`` too when it has one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefError
from generator.lexicon.folder import Lexicon, Problem, inspect_lexicon, load_lexicon
from generator.lexicon.catalogue import Catalogue
from generator.lexicon.glossary import Glossary
from generator.lexicon.languages import Language, read_languages
from generator.lexicon.messages import Messages
from generator.lexicon.units import UnitsTable
from generator.paths import PACKAGE_ROOT, Paths

@dataclass(frozen=True)
class Project:
    """Everything a build reads besides the reports, loaded once."""

    paths: Paths
    languages: tuple[Language, ...]
    messages: Messages
    lexicon: Lexicon

    @property
    def glossary(self) -> Glossary:
        return self.lexicon.glossary

    @property
    def units(self) -> UnitsTable:
        return self.lexicon.units

    @property
    def catalogue(self) -> Catalogue:
        return self.lexicon.catalogue

    @property
    def source_language(self) -> Language:
        """The report's own language (exactly one, see ``languages.yaml``)."""
        return next(lang for lang in self.languages if lang.source)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise BriefError(f"unknown language {code!r} (one of {', '.join(lang.code for lang in self.languages)})")

    @classmethod
    def load(cls, glossary: Path | None = None, root: Path = PACKAGE_ROOT) -> "Project":
        """Load the project's configuration; GlossaryError/TemplateError at the first fatal problem."""
        paths = Paths.default(glossary, root)
        languages = read_languages(paths.locale)
        codes = tuple(lang.code for lang in languages)
        return cls(paths, languages, Messages(paths.locale, codes), load_lexicon(paths.glossary, paths.units, codes,
                                                                                     paths.measures, paths.topics))

    @classmethod
    def inspect(cls, glossary: Path | None = None, root: Path = PACKAGE_ROOT) -> tuple["Project | None", list[Problem]]:
        """Every problem of the glossary folder and units table; the Project when none is fatal."""
        paths = Paths.default(glossary, root)
        languages = read_languages(paths.locale)
        codes = tuple(lang.code for lang in languages)
        lexicon, problems = inspect_lexicon(paths.glossary, paths.units, codes, paths.measures,
                                             paths.topics)
        if lexicon is None:
            return None, problems
        return cls(paths, languages, Messages(paths.locale, codes), lexicon), problems
