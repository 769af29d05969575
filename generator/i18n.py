"""Transitional access to the message catalogues for the renderers, until they take the project's.

The renderers (HTML/PDF, DOCX, charts) still look fixed words up by language
code here; everything else takes :class:`generator.lexicon.messages.Messages`
from the :class:`generator.project.Project`.
"""

from __future__ import annotations

from generator.lexicon.messages import Messages
from generator.project import PACKAGE_ROOT

_MESSAGES: dict[str, Messages] = {}


def _messages(lang: str) -> Messages:
    if lang not in _MESSAGES:
        _MESSAGES[lang] = Messages(PACKAGE_ROOT / "templates" / "locale", (lang,))
    return _MESSAGES[lang]


def translations(lang: str):  # noqa: ANN201 - babel Translations
    return _messages(lang).translations(lang)


def gettext(lang: str, msgid: str) -> str:
    return _messages(lang).gettext(lang, msgid)
