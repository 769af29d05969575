"""The languages of the briefs as data (``templates/locale/languages.yaml``).

A :class:`Language` says how one language behaves: its page tag, its Babel
locale and date patterns, and whether it is the report's own language (terms
kept as written) or a language the brief is rendered into through the
glossary. Code branches on these properties, never on a language code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.errors import TemplateError

LANGUAGES_FILE = "languages.yaml"
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Language:
    """One language of the briefs."""

    code: str  # "zh" | "en": file names, catalogue folder
    html_lang: str  # BCP 47 tag of its pages
    babel: str  # Babel locale
    source: bool  # the report's own language: wording kept as written
    dates: Mapping[str, str]  # precision -> Babel date pattern
    sentence_case: bool = False  # a generated sentence starts with a capital letter
    sentence_space: bool = False  # sentences of a paragraph are set apart by a space (not in Chinese)

    def __str__(self) -> str:
        return self.code


def read_languages(locale_dir: Path) -> tuple[Language, ...]:
    """The languages listed in ``locale_dir/languages.yaml``, in file order; exactly one is the source."""
    path = locale_dir / LANGUAGES_FILE
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise TemplateError(f"cannot read the language profiles: {exc}", path) from exc
    if not isinstance(data, dict) or not data:
        raise TemplateError("the language profiles must be a mapping of language codes", path)
    languages = []
    for code, spec in data.items():
        try:
            dates = {p: str(spec["dates"][p]) for p in PRECISIONS}
            languages.append(Language(str(code), str(spec["html_lang"]), str(spec["babel"]), bool(spec["source"]),
                                      MappingProxyType(dates), bool(spec.get("sentence_case", False)),
                                      bool(spec.get("sentence_space", False))))
        except (KeyError, TypeError) as exc:
            raise TemplateError(f"language {code!r}: missing or bad field {exc}", path) from exc
    if sum(lang.source for lang in languages) != 1:
        raise TemplateError("exactly one language must be the report's own (source: true)", path)
    return tuple(languages)
