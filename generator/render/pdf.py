"""PDF of a brief: WeasyPrint prints the brief's HTML file as PDF/UA-1.

Resources are loaded only through :class:`render.fetcher.SafeFetcher`
(the project's template assets and the brief's own ``assets/``). The PDF is
PDF/UA-1 (ISO 14289-1): tagged, with the XMP identification, the title
shown in the title bar, ``/Lang`` on the document and on every span in
another language, lists, table headers and row groups as the standard has
them (:mod:`render.pdf_tags`) and page furniture as artifacts
(:mod:`render.pdf_finish`). The data files of the same build (the
scorecard as CSV and JSON) travel inside it as associated files. Output is
reproducible: the document and attachment dates come from the brief
(``dcterms`` meta in the HTML), the PDF identifier is a hash of the HTML
and its assets, and the file is written atomically. :func:`subset_warning` tells
whether WeasyPrint must fall back to fontTools for font subsetting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from generator.brief import Brief
from generator.errors import TemplateError
from generator.render.context import ASSETS, RenderContext
from generator.render.atomic import atomic_path

PDF_VARIANT = "pdf/ua-1"

# The /Desc of each data file a brief may carry (msgids of the catalogs).
DATA_FILES = {
    "scorecard.csv": "Indicator scorecard of this brief as CSV (UTF-8): "
                     "one row per indicator of the review and of the plan.",
    "scorecard.json": "Indicator scorecard of this brief as JSON: "
                      "the review with its tallies, the plan targets and their changes.",
}

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


def _attachments(files: Mapping[str, bytes], brief: Brief, ctx: RenderContext) -> list:
    """WeasyPrint attachments of ``files`` (name -> bytes), dated like the brief, described in its language."""
    import weasyprint

    try:
        date = dt.datetime.fromisoformat(brief.generated_iso or "1970-01-01").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        date = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return [weasyprint.Attachment(file_obj=io.BytesIO(data), name=name, relationship="Data", created=date,
                                  modified=date, description=ctx.words(brief.lang)(DATA_FILES.get(name, name)))
            for name, data in sorted(files.items())]


def _in_turn(*finishers: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """One WeasyPrint finisher running ``finishers`` in order."""

    def run(document: Any, pdf: Any) -> None:
        for finish in finishers:
            finish(document, pdf)

    return run


def print_html(pdf_path: Path, ctx: RenderContext, roots: list[Path], identifier: bytes, where: str,
               attachments: list | None = None, data_files: Mapping[str, bytes] | None = None,
               **source: Any) -> "_Collect":
    """Print one page (WeasyPrint's ``HTML(**source)``) to ``pdf_path`` as PDF/UA-1, loading only from ``roots``.

    Every PDF of the project is printed here, so all share the fetcher, the
    structure fixes (:mod:`generator.render.pdf_tags`) and the finisher
    (artifacts, font subset names unique to their content, associated data
    files). Returns what WeasyPrint warned about; :class:`TemplateError` when it
    cannot render.
    """
    import weasyprint

    from generator.render.fetcher import SafeFetcher
    from generator.render.pdf_finish import finisher
    from generator.render.pdf_tags import complete, recording

    fetcher = SafeFetcher(roots)
    handler = _Collect()
    handler.fetcher = fetcher  # type: ignore[attr-defined]  # for tests and diagnostics
    LOG.addHandler(handler)
    try:
        document = weasyprint.HTML(url_fetcher=fetcher, encoding="utf-8", **source).render()
        with recording() as recorder, atomic_path(pdf_path) as tmp:
            document.write_pdf(tmp, pdf_identifier=identifier, pdf_variant=PDF_VARIANT,
                               attachments=attachments or [],
                               finisher=_in_turn(complete(recorder), finisher(dict(data_files or {}))))
    except (OSError, ValueError, TypeError, AssertionError) as exc:
        raise TemplateError(f"cannot print {where}: {exc}", pdf_path) from exc
    finally:
        LOG.removeHandler(handler)
    return handler


def write_pdf(html_path: Path, pdf_path: Path, brief: Brief, ctx: RenderContext,
              attachments: Mapping[str, bytes] | None = None) -> None:
    """Print ``html_path`` (written by ``render_html``) to ``pdf_path`` as PDF/UA-1.

    ``attachments`` (file name -> bytes, e.g. the build's ``scorecard.csv``
    and ``scorecard.json``) are embedded as the document's data files, and
    nothing else is: the page's own ``<link rel="attachment">`` could only
    name URLs the fetcher refuses. ``brief`` gives the attachments' dates and
    descriptions and names the report in errors. Raises
    :class:`TemplateError` when WeasyPrint cannot render.
    """
    html_path = html_path.resolve()
    assets = html_path.parent / ASSETS
    files = dict(attachments or {})
    handler = print_html(pdf_path, ctx, [ctx.assets, assets], _identifier(html_path, assets),
                         f"the brief of {brief.source_file}", _attachments(files, brief, ctx), files,
                         filename=str(html_path))
    write_pdf.last_fetcher = handler.fetcher  # type: ignore[attr-defined]  # for tests and diagnostics
    write_pdf.last_warnings = handler.messages  # type: ignore[attr-defined]
