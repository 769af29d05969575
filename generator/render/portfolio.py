"""The portfolio's files: its HTML page per language, the same page as PDF, and the combined scorecards.

One template set (``templates/portfolio/portfolio.html`` and
``portfolio.css``) serves every language; fixed words come from the message
catalogues through Jinja2's i18n extension, text is escaped and segments in
another language are tagged (the filters of :mod:`generator.render.html`).
The page links its stylesheet and subset fonts (:mod:`generator.render.fonts`)
from ``assets/`` beside it, so it opens in a browser as written; WeasyPrint
prints the same file through :class:`~generator.render.fetcher.SafeFetcher`
(nothing but the page's own assets and the installed fonts). Every file is
written atomically.
"""

from __future__ import annotations

import csv
import hashlib
import io
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import jinja2

from generator.analyse.analysis import Analysis
from generator.errors import TemplateError
from generator.i18n import translations
from generator.localise.portfolio import PortfolioPage
from generator.render.atomic import atomic_path, write_bytes, write_text
from generator.render.fonts import font_faces, write_page_fonts
from generator.render.html import ASSETS, _css_string, page_counter_css, plain_html, text_html
from generator.render import scorecard_files

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "portfolio"
PAGE_TEMPLATE = "portfolio.html"
STYLESHEET = "portfolio.css"
COMBINED_CSV = "scorecards.csv"


@lru_cache(maxsize=None)
def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"],
                             trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["text"] = lambda v: text_html(v, lang)
    env.filters["plain"] = lambda v: plain_html(str(v), lang)
    env.filters["css_string"] = _css_string
    env.globals["page_counter_css"] = lambda: page_counter_css(lang)
    return env


def render_portfolio_page(page: PortfolioPage, subset_fonts: bool = True, asset_base: str = "") -> str:
    """The HTML text of the portfolio page (no files written).

    ``asset_base`` prefixes the stylesheet and font URLs (the print version
    names them absolutely, so that its links to the briefs can stay relative).
    """
    try:
        return environment(page.lang).get_template(PAGE_TEMPLATE).render(
            page=page, stylesheet=f"{asset_base}{ASSETS}/{STYLESHEET}", asset_base=asset_base,
            font_faces=font_faces(page.lang, subset_fonts))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", exc.filename or PAGE_TEMPLATE, exc.lineno) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template error: {exc}", TEMPLATE_DIR / PAGE_TEMPLATE) from exc


def write_portfolio_page(page: PortfolioPage, out_dir: Path, stem: str, pdf_name: str | None) -> list[Path]:
    """Write ``out_dir/<stem>.html`` with its stylesheet and fonts in ``out_dir/assets``, and the PDF if named."""
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    source = TEMPLATE_DIR / STYLESHEET
    if not source.is_file():
        raise TemplateError("stylesheet missing", source)
    css = write_bytes(assets / STYLESHEET, source.read_bytes())
    html = render_portfolio_page(page)
    fonts = write_page_fonts(assets, page.lang, [html, css.read_text(encoding="utf-8")])
    html_path = write_text(out_dir / f"{stem}.html", html)
    written = [html_path, css, *fonts]
    if pdf_name:
        digest = hashlib.sha256(html.encode())
        for path in sorted([css, *fonts]):
            digest.update(path.name.encode() + path.read_bytes())
        printed = render_portfolio_page(page, asset_base=out_dir.resolve().as_uri() + "/")
        written.append(write_portfolio_pdf(printed, out_dir / pdf_name, digest.hexdigest()[:32]))
    return written


def write_portfolio_pdf(html: str, pdf_path: Path, identifier: str) -> Path:
    """Print the page ``html`` (assets named by absolute file URLs beside ``pdf_path``) to ``pdf_path``.

    No base URL: the links to the briefs stay relative in the PDF (they work
    beside the page, and the file does not depend on where it was built).
    """
    import weasyprint

    from generator.render.fetcher import TEMPLATE_ASSETS, SafeFetcher

    fetcher = SafeFetcher([TEMPLATE_ASSETS, pdf_path.parent.resolve() / ASSETS])
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher)
        with atomic_path(pdf_path) as tmp:
            document.write_pdf(tmp, pdf_identifier=identifier.encode(), pdf_tags=True)
    except (OSError, ValueError, TypeError, AssertionError) as exc:
        raise TemplateError(f"cannot print the portfolio: {exc}", pdf_path) from exc
    if fetcher.refused:
        raise TemplateError(f"the portfolio asked for resources outside its assets: {fetcher.refused[0]}", pdf_path)
    return pdf_path


def scorecards_csv(analyses: Mapping[str, Analysis]) -> str:
    """Every report's scorecard rows in one CSV, with the report's name in a first ``report`` column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("report", *scorecard_files.CSV_HEADER))
    for name, analysis in sorted(analyses.items()):
        rows = csv.reader(io.StringIO(scorecard_files.scorecard_csv(analysis)))
        next(rows, None)  # the header
        for row in rows:
            writer.writerow((name, *row))
    return out.getvalue()
