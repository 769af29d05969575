"""HTML of a brief: the Jinja2 environment, the text filters and ``render_html``.

One template set (``templates/brief.html`` + ``templates/brief.css``) serves
every language: it walks the brief's outline (:mod:`generator.render.outline`),
one macro per node type; fixed words come from the message catalogues
through the Jinja2 i18n extension, so the templates hold no language branches.
Autoescaping is on: text from the report can never become markup. A
:class:`~generator.brief.Text` is rendered segment by segment — a segment in
another language sits in ``<span lang=…>``, a glossary gap in a visibly
marked ``<span class="gap">``. The HTML links its stylesheet, chart SVGs and
subset fonts (``render.fonts``) relatively from ``assets/`` next to it, so it
opens in a browser as written and WeasyPrint (``render.pdf``) prints the same
file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from generator.brief import Brief, Text
from generator.errors import TemplateError
from generator.render.atomic import write_bytes, write_text
from generator.render.context import ASSETS, RenderContext
from generator.render.css import css_string
from generator.render.fonts import font_faces, write_page_fonts
from generator.render.outline import CHART_PLACES, Outline, build_outline
from generator.render.tokens import tokens_css

PAGE_TEMPLATE = "brief.html"
# tokens.css is generated from templates/tokens.yaml (render.tokens); the others are copied.
STYLESHEETS = ("tokens.css", "brief.css")
GENERATED_STYLESHEETS = ("tokens.css",)

# Han, CJK punctuation, full-width forms: the report's script, tagged with its language in a rendered brief.
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def page_counter_css(pattern: str) -> Markup:
    """The CSS ``content`` value for "Page 3 of 12" from the catalogue's pattern."""
    parts = re.split(r"(%\((?:page|pages)\)s)", pattern)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(str(css_string(part)))
    return Markup(" ".join(out))


class TextHtml:
    """Texts as HTML for one page: escaped, other-language segments tagged, gaps and suggestions marked.

    ``source_tag``: the reports' language; ``rendered``: the page is in
    another language (then the reports' script in plain strings is tagged).
    """

    def __init__(self, source_tag: str, rendered: bool, gap_title: str, suggestion_title: str) -> None:
        self.source_tag = source_tag
        self.rendered = rendered
        self.gap_title = gap_title
        self.suggestion_title = suggestion_title

    @classmethod
    def of(cls, brief: Brief, words: Callable[[str], str]) -> "TextHtml":
        return cls(brief.source_tag, brief.rendered, words("Not in the glossary: shown in Chinese"),
                   words("Suggested rendering, not yet accepted:"))

    def install(self, env: jinja2.Environment) -> None:
        """The ``text`` and ``plain`` filters of a template environment."""
        env.filters["text"] = self.text
        env.filters["plain"] = lambda v: self.plain(str(v))
        env.filters["css_string"] = css_string

    def segment(self, text: str, lang: str | None, gap: bool, suggestion_of: str = "") -> Markup:
        body = escape(text)
        if suggestion_of:  # draft builds: a glossary suggestion nobody has accepted yet
            title = escape(f"{self.suggestion_title} {suggestion_of}")
            return Markup(f'<span class="suggested" title="{title}">{body}</span>')
        if gap:
            return Markup(f'<span class="gap" lang="{escape(lang or self.source_tag)}" '
                          f'title="{escape(self.gap_title)}">{body}</span>')
        if lang:
            return Markup(f'<span lang="{escape(lang)}">{body}</span>')
        return Markup(body)

    def text(self, value: Text | str | None) -> Markup:
        if value is None:
            return Markup("")
        if isinstance(value, Text):
            return Markup("").join(self.segment(s.text, s.lang, s.gap, s.suggestion_of) for s in value.segments)
        return self.plain(str(value))

    def plain(self, value: str) -> Markup:
        """A plain string (file name, source line); the report's script in a rendered brief gets its ``lang``."""
        if self.rendered and CJK.search(value):
            return Markup(f'<span lang="{escape(self.source_tag)}">{escape(value)}</span>')
        return Markup(escape(value))


def environment(brief: Brief, ctx: RenderContext) -> jinja2.Environment:
    """The Jinja2 environment of one brief: autoescape, its language's catalogue, filters, token glyphs."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ctx.templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(ctx.messages.translations(brief.lang), newstyle=True)  # type: ignore[attr-defined]
    words = ctx.words(brief.lang)
    TextHtml.of(brief, words).install(env)
    env.globals["page_counter_css"] = lambda: page_counter_css(words("Page %(page)s of %(pages)s"))
    env.globals["glyph"] = lambda look: ctx.tokens.glyph(*look)
    return env


def copy_assets(out_dir: Path, ctx: RenderContext) -> Path:
    """Copy the stylesheet(s) and template assets into ``out_dir/assets``; return that folder."""
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    for name in STYLESHEETS:
        if name in GENERATED_STYLESHEETS:
            write_text(assets / name, tokens_css(ctx.tokens))
            continue
        src = ctx.templates / name
        if not src.is_file():
            raise TemplateError("stylesheet missing", src)
        write_bytes(assets / name, src.read_bytes())
    if ctx.assets.is_dir():
        for src in sorted(p for p in ctx.assets.rglob("*") if p.is_file()):
            dest = assets / src.relative_to(ctx.assets)
            dest.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(dest, src.read_bytes())
            shutil.copymode(src, dest)
    return assets


def _chart_hrefs(outline: Outline, charts: dict[str, tuple[Path, Path]], out_dir: Path) -> dict[str, str]:
    """Chart key -> the SVG's address relative to the page."""
    hrefs = {}
    for chart in outline.charts:
        if chart.key not in charts:
            continue
        svg = charts[chart.key][0]
        try:
            hrefs[chart.key] = svg.resolve().relative_to(out_dir.resolve()).as_posix()
        except ValueError as exc:
            raise TemplateError(f"chart {chart.key!r} lies outside the output folder", svg) from exc
    return hrefs


def render_page(brief: Brief, ctx: RenderContext, chart_hrefs: dict[str, str] | None = None,
                subset_fonts: bool = False, outline: Outline | None = None) -> str:
    """The HTML text of ``brief`` (no files written), walking its outline.

    ``subset_fonts``: declare the subset CJK faces that :func:`render_html`
    writes to ``assets/fonts``; otherwise the installed faces (``local()``).
    """
    outline = outline or build_outline(brief, ctx.words(brief.lang))
    env = environment(brief, ctx)
    try:
        template = env.get_template(PAGE_TEMPLATE)
        return template.render(
            doc=outline,
            brief=brief,
            charts=chart_hrefs or {},
            font_faces=font_faces(brief.lang, subset_fonts),
            stylesheets=[f"{ASSETS}/{name}" for name in STYLESHEETS],
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", exc.filename or PAGE_TEMPLATE, exc.lineno) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template error: {exc}", ctx.templates / PAGE_TEMPLATE) from exc


def render_html(brief: Brief, out_dir: Path, stem: str, ctx: RenderContext,
                charts: dict[str, tuple[Path, Path]] | None = None) -> Path:
    """Write ``out_dir/<stem>.html`` with its stylesheet and chart SVGs in ``out_dir/assets``.

    ``charts`` (key -> (svg, png)) are the files :func:`render.charts.render_charts`
    drew; when not given they are drawn here into ``out_dir/assets``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    assets = copy_assets(out_dir, ctx)
    if charts is None:
        from generator.render.charts import render_charts  # matplotlib only when the caller drew none

        charts = render_charts(brief, assets, ctx)
    outline = build_outline(brief, ctx.words(brief.lang))
    html = render_page(brief, ctx, _chart_hrefs(outline, charts, out_dir), subset_fonts=True, outline=outline)
    drawn = [html, *((assets / name).read_text(encoding="utf-8") for name in STYLESHEETS),
             *(svg.read_text(encoding="utf-8") for svg, _png in charts.values())]
    write_page_fonts(assets, brief.lang, drawn)
    return write_text(out_dir / f"{stem}.html", html)


__all__ = ["CHART_PLACES", "CJK", "render_html", "render_page"]
