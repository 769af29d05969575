"""Message catalogues: every fixed word and generated sentence of the briefs, per language.

The catalogues are the ``.po`` files ``templates/locale/<code>/LC_MESSAGES/messages.po``,
compiled in memory when a :class:`Messages` is made (no committed ``.mo``).
Both renderers (HTML/PDF and DOCX) and the localiser take their words from
here, so a string is translated once for every output format.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from generator.errors import TemplateError

DOMAIN = "messages"


def po_path(locale_dir: Path, code: str) -> Path:
    """The ``.po`` file holding the catalogue of language ``code``."""
    return locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogue(path: Path, code: str) -> tuple[Translations, frozenset[tuple[str | None, str]]]:
    """The compiled catalogue of one ``.po`` file and its translated (context, msgid) keys.

    TemplateError when it is missing or invalid.
    """
    if not path.is_file():
        raise TemplateError(f"no message catalog for language {code!r}", path)
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=code, domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        raise TemplateError(f"invalid message catalog: {exc}", path) from exc
    except (OSError, ValueError) as exc:
        raise TemplateError(f"cannot read message catalog: {exc}", path) from exc
    keys = frozenset((m.context, m.id) for m in catalog if m.id and m.string and not m.fuzzy
                     and isinstance(m.id, str))
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN), keys


class Messages:
    """The compiled catalogues of some languages, read from ``locale_dir``."""

    def __init__(self, locale_dir: Path, codes: Iterable[str]) -> None:
        self.locale_dir = locale_dir
        self._catalogues: dict[str, Translations] = {}
        self._keys: dict[str, frozenset[tuple[str | None, str]]] = {}
        for code in codes:
            self._catalogues[code], self._keys[code] = compile_catalogue(po_path(locale_dir, code), code)

    def translations(self, code: str) -> Translations:
        """The compiled catalogue of ``code`` (for Jinja2's i18n extension)."""
        try:
            return self._catalogues[code]
        except KeyError:
            raise TemplateError(f"no message catalog for language {code!r}", po_path(self.locale_dir, code)) from None

    def has(self, code: str, context: str | None, msgid: str) -> bool:
        """Whether the catalogue of ``code`` words ``msgid`` (in ``context``)."""
        return (context, msgid) in self._keys.get(code, frozenset())

    def pgettext(self, code: str, context: str, msgid: str) -> str:
        """``msgid`` of ``context`` in language ``code``; TemplateError when the catalogue lacks it.

        The analysis' codes (reasons, findings, changes …) are looked up this
        way: a code without words is a catalogue to complete, never a code to
        show to readers.
        """
        if not self.has(code, context, msgid):
            raise TemplateError(f"the message catalog has no words for {context} {msgid!r}",
                                po_path(self.locale_dir, code))
        return self.translations(code).pgettext(context, msgid)

    def gettext(self, code: str, msgid: str) -> str:
        """``msgid`` in language ``code``; the msgid itself (English) when the catalogue lacks it."""
        return self.translations(code).gettext(msgid)

    def ngettext(self, code: str, singular: str, plural: str, n: int) -> str:
        """Plural-aware lookup; the caller formats ``n`` into the result."""
        return self.translations(code).ngettext(singular, plural, n)
