"""PDF of a brief: WeasyPrint prints the brief's HTML file.

Resources are loaded only through :class:`render.fetcher.SafeFetcher`
(the project's template assets and the brief's own ``assets/``). Output is
reproducible: the document dates come from the brief (``dcterms`` meta in
the HTML), the PDF identifier is a hash of the HTML and its assets, and
the file is written atomically. :func:`subset_warning` tells whether
WeasyPrint must fall back to fontTools for font subsetting.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from generator.brief import Brief
from generator.errors import TemplateError
from generator.render.atomic import atomic_path

LOG = logging.getLogger("weasyprint")


class _Collect(logging.Handler):
    """Keep WeasyPrint's warnings (refused URLs, missing fonts) for the caller."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def subset_warning() -> str | None:
    """A one-line warning when HarfBuzz subsetting is unavailable, else None.

    WeasyPrint 70 loads ``libharfbuzz-subset`` optionally
    (``weasyprint.text.ffi.harfbuzz_subset`` is None when missing) and then
    subsets fonts with fontTools — correct but about 20x slower on CJK fonts.
    """
    from weasyprint.text import ffi

    if ffi.harfbuzz_subset is None or not ffi.harfbuzz.hb_version_atleast(4, 1, 0):
        return ("warning: HarfBuzz subsetting unavailable (libharfbuzz-subset0 missing); "
                "WeasyPrint falls back to fontTools, PDFs build much more slowly")
    return None


def _identifier(html_path: Path, assets: Path) -> bytes:
    digest = hashlib.sha256(html_path.read_bytes())
    if assets.is_dir():
        for path in sorted(p for p in assets.rglob("*") if p.is_file() and not p.name.startswith(".")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32].encode()


def write_pdf(html_path: Path, pdf_path: Path, brief: Brief) -> None:
    """Print ``html_path`` (written by ``render_html``) to ``pdf_path``.

    ``brief`` supplies nothing the HTML lacks; it is passed so errors can name
    the report. Raises :class:`TemplateError` when WeasyPrint cannot render.
    """
    import weasyprint

    from generator.render.fetcher import TEMPLATE_ASSETS, SafeFetcher

    html_path = html_path.resolve()
    assets = html_path.parent / "assets"
    fetcher = SafeFetcher([TEMPLATE_ASSETS, assets])
    handler = _Collect()
    LOG.addHandler(handler)
    try:
        document = weasyprint.HTML(filename=str(html_path), url_fetcher=fetcher, encoding="utf-8")
        with atomic_path(pdf_path) as tmp:
            document.write_pdf(tmp, pdf_identifier=_identifier(html_path, assets), pdf_tags=True)
    except (OSError, ValueError, TypeError, AssertionError) as exc:
        raise TemplateError(f"cannot print the brief of {brief.source_file}: {exc}", html_path) from exc
    finally:
        LOG.removeHandler(handler)
    write_pdf.last_fetcher = fetcher  # type: ignore[attr-defined]  # for tests and diagnostics
    write_pdf.last_warnings = handler.messages  # type: ignore[attr-defined]
