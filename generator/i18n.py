"""Message catalogs for fixed words of the briefs ("Target", "达成", "Page 3 of 12", status and change words).

The catalogs are the ``.po`` files under ``templates/locale/<lang>/LC_MESSAGES``;
they are compiled in memory on first use (no committed ``.mo``) and cached per
language. Both renderers (HTML/PDF and DOCX) take their words from here, so
a string is translated once for every output format.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from generator.errors import TemplateError

LOCALE_DIR = Path(__file__).resolve().parents[1] / "templates" / "locale"
DOMAIN = "messages"
LANGUAGES = ("zh", "en")


def po_path(lang: str) -> Path:
    """The ``.po`` file holding the catalog of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> Translations:
    """The compiled catalog of ``lang`` ("zh" | "en"), built from its .po file once per process."""
    path = po_path(lang)
    if lang not in LANGUAGES or not path.is_file():
        raise TemplateError(f"no message catalog for language {lang!r}", path)
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        raise TemplateError(f"invalid message catalog: {exc}", path) from exc
    except (OSError, ValueError) as exc:
        raise TemplateError(f"cannot read message catalog: {exc}", path) from exc
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def gettext(lang: str, msgid: str) -> str:
    """``msgid`` in ``lang``; the msgid itself (English) when the catalog lacks it."""
    return translations(lang).gettext(msgid)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """Plural-aware lookup; the caller formats ``n`` into the result."""
    return translations(lang).ngettext(singular, plural, n)
