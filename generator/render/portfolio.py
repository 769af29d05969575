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
from pathlib import Path
from typing import Mapping

import jinja2

from generator.analyse.analysis import Analysis
from generator.errors import TemplateError
from generator.localise.portfolio import PortfolioPage
from generator.localise.wording import Wording
from generator.render import scorecard_files
from generator.render.atomic import write_bytes, write_text
from generator.render.context import ASSETS, RenderContext
from generator.render.fonts import font_faces, write_page_fonts
from generator.render.html import TextHtml, page_counter_css
from generator.render.pdf import print_html

TEMPLATES = "portfolio"  # the page's templates: a folder of the templates folder
PAGE_TEMPLATE = "portfolio.html"
STYLESHEET = "portfolio.css"
COMBINED_CSV = "scorecards.csv"


def environment(page: PortfolioPage, ctx: RenderContext) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ctx.templates / TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"],
                             trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(ctx.messages.translations(page.lang), newstyle=True)  # type: ignore[attr-defined]
    words = ctx.words(page.lang)
    TextHtml(page.source_tag, page.rendered, words("Not in the glossary: shown in Chinese"),
             words("Suggested rendering, not yet accepted:")).install(env)
    env.globals["page_counter_css"] = lambda: page_counter_css(words("Page %(page)s of %(pages)s"))
    return env


def render_portfolio_page(page: PortfolioPage, ctx: RenderContext, subset_fonts: bool = True,
                          asset_base: str = "") -> str:
    """The HTML text of the portfolio page (no files written).

    ``asset_base`` prefixes the stylesheet and font URLs (the print version
    names them absolutely, so that its links to the briefs can stay relative).
    """
    try:
        return environment(page, ctx).get_template(PAGE_TEMPLATE).render(
            page=page, stylesheet=f"{asset_base}{ASSETS}/{STYLESHEET}", asset_base=asset_base,
            font_faces=font_faces(page.lang, subset_fonts))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", exc.filename or PAGE_TEMPLATE, exc.lineno) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template error: {exc}", ctx.templates / TEMPLATES / PAGE_TEMPLATE) from exc


def write_portfolio_page(page: PortfolioPage, out_dir: Path, stem: str, pdf_name: str | None,
                         ctx: RenderContext) -> list[Path]:
    """Write ``out_dir/<stem>.html`` with its stylesheet and fonts in ``out_dir/assets``, and the PDF if named."""
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    source = ctx.templates / TEMPLATES / STYLESHEET
    if not source.is_file():
        raise TemplateError("stylesheet missing", source)
    css = write_bytes(assets / STYLESHEET, source.read_bytes())
    html = render_portfolio_page(page, ctx)
    fonts = write_page_fonts(assets, page.lang, [html, css.read_text(encoding="utf-8")])
    html_path = write_text(out_dir / f"{stem}.html", html)
    written = [html_path, css, *fonts]
    if pdf_name:
        digest = hashlib.sha256(html.encode())
        for path in sorted([css, *fonts]):
            digest.update(path.name.encode() + path.read_bytes())
        printed = render_portfolio_page(page, ctx, asset_base=out_dir.resolve().as_uri() + "/")
        written.append(write_portfolio_pdf(printed, out_dir / pdf_name, digest.hexdigest()[:32], ctx))
    return written


def write_portfolio_pdf(html: str, pdf_path: Path, identifier: str, ctx: RenderContext) -> Path:
    """Print the page ``html`` (assets named by absolute file URLs beside ``pdf_path``) to ``pdf_path``.

    No base URL: the links to the briefs stay relative in the PDF (they work
    beside the page, and the file does not depend on where it was built).
    """
    handler = print_html(pdf_path, ctx, [ctx.assets, pdf_path.parent.resolve() / ASSETS], identifier.encode(),
                         "the portfolio", string=html)
    refused = handler.fetcher.refused  # type: ignore[attr-defined]
    if refused:
        raise TemplateError(f"the portfolio asked for resources outside its assets: {refused[0]}", pdf_path)
    return pdf_path


def scorecards_csv(analyses: Mapping[str, Analysis], words: Wording) -> str:
    """Every report's scorecard rows in one CSV, with the report's name in a first ``report`` column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("report", *scorecard_files.CSV_HEADER))
    for name, analysis in sorted(analyses.items()):
        rows = csv.reader(io.StringIO(scorecard_files.scorecard_csv(analysis, words)))
        next(rows, None)  # the header
        for row in rows:
            writer.writerow((name, *row))
    return out.getvalue()
