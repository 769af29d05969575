"""HTML of a brief: the Jinja2 environment, the text filters and ``render_html``.

One template set (``templates/brief.html`` + ``templates/brief.css``) serves
both languages; fixed words come from the message catalogs through the
Jinja2 i18n extension, so the templates hold no language branches.
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
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.brief import Brief, Text
from generator.errors import TemplateError
from generator.render.atomic import write_bytes, write_text
from generator.render.fonts import font_faces, write_page_fonts
from generator.i18n import gettext, translations

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"
PAGE_TEMPLATE = "brief.html"
STYLESHEETS = ("brief.css",)
ASSETS = "assets"

# Han, CJK punctuation, full-width forms: text that needs lang="zh-Hans" in an English brief.
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
ZH_TAG = "zh-Hans"

# Where each chart kind is placed in the page.
CHART_PLACES = {"dumbbell": "scorecard", "bar": "projects"}


def _css_string(value: str) -> Markup:
    """``value`` as a quoted CSS string, safe inside a ``<style>`` element."""
    out = []
    for ch in str(value):
        if ch in '"\\<>&' or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


def page_counter_css(lang: str) -> Markup:
    """The CSS ``content`` value for "Page 3 of 12" in ``lang``, from the catalog."""
    pattern = gettext(lang, "Page %(page)s of %(pages)s")
    parts = re.split(r"(%\((?:page|pages)\)s)", pattern)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(str(_css_string(part)))
    return Markup(" ".join(out))


def _segment_html(text: str, lang: str | None, gap: bool, brief_lang: str, suggestion_of: str = "") -> Markup:
    body = escape(text)
    if suggestion_of:  # draft builds: a glossary suggestion nobody has accepted yet
        title = escape(gettext(brief_lang, "Suggested rendering, not yet accepted:") + " " + suggestion_of)
        return Markup(f'<span class="suggested" title="{title}">{body}</span>')
    if gap:
        title = escape(gettext(brief_lang, "Not in the glossary: shown in Chinese"))
        return Markup(f'<span class="gap" lang="{escape(lang or ZH_TAG)}" title="{title}">{body}</span>')
    if lang:
        return Markup(f'<span lang="{escape(lang)}">{body}</span>')
    return Markup(body)


def text_html(value: Text | str | None, brief_lang: str = "en") -> Markup:
    """A brief text as HTML: escaped, segments in other languages tagged, gaps marked."""
    if value is None:
        return Markup("")
    if isinstance(value, Text):
        return Markup("").join(_segment_html(s.text, s.lang, s.gap, brief_lang, s.suggestion_of)
                               for s in value.segments)
    return plain_html(str(value), brief_lang)


def plain_html(value: str, brief_lang: str = "en") -> Markup:
    """A plain string (file name, source line) as HTML; Chinese in an English brief gets ``lang``."""
    if brief_lang != "zh" and CJK.search(value):
        return Markup(f'<span lang="{ZH_TAG}">{escape(value)}</span>')
    return Markup(escape(value))


@lru_cache(maxsize=None)
def environment(lang: str) -> jinja2.Environment:
    """The Jinja2 environment of ``lang``: autoescape, i18n catalog, filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["text"] = lambda v: text_html(v, lang)
    env.filters["plain"] = lambda v: plain_html(str(v), lang)
    env.filters["css_string"] = _css_string
    env.globals["page_counter_css"] = lambda: page_counter_css(lang)
    return env


def copy_assets(out_dir: Path) -> Path:
    """Copy the stylesheet(s) and template assets into ``out_dir/assets``; return that folder."""
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    for name in STYLESHEETS:
        src = TEMPLATE_DIR / name
        if not src.is_file():
            raise TemplateError("stylesheet missing", src)
        write_bytes(assets / name, src.read_bytes())
    extra = TEMPLATE_DIR / ASSETS
    if extra.is_dir():
        for src in sorted(p for p in extra.rglob("*") if p.is_file()):
            dest = assets / src.relative_to(extra)
            dest.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(dest, src.read_bytes())
            shutil.copymode(src, dest)
    return assets


def _chart_entries(brief: Brief, charts: dict[str, tuple[Path, Path]], out_dir: Path) -> dict[str, list[dict]]:
    placed: dict[str, list[dict]] = {place: [] for place in CHART_PLACES.values()}
    for chart in brief.charts:
        if chart.key not in charts:
            continue
        svg = charts[chart.key][0]
        try:
            href = svg.resolve().relative_to(out_dir.resolve()).as_posix()
        except ValueError as exc:
            raise TemplateError(f"chart {chart.key!r} lies outside the output folder", svg) from exc
        placed.setdefault(CHART_PLACES.get(chart.kind, "scorecard"), []).append({"chart": chart, "href": href})
    return placed


def render_page(brief: Brief, chart_entries: dict[str, list[dict]] | None = None,
                subset_fonts: bool = False) -> str:
    """The HTML text of ``brief`` (no files written).

    ``subset_fonts``: declare the subset CJK faces that :func:`render_html`
    writes to ``assets/fonts``; otherwise the installed faces (``local()``).
    """
    env = environment(brief.lang)
    try:
        template = env.get_template(PAGE_TEMPLATE)
        return template.render(
            brief=brief,
            charts=chart_entries or {},
            font_faces=font_faces(brief.lang, subset_fonts),
            stylesheets=[f"{ASSETS}/{name}" for name in STYLESHEETS],
            short_title=gettext(brief.lang, "%(region)s %(year)s plan report: brief")
            % {"region": str(brief.region), "year": brief.plan_year},
            description=gettext(brief.lang, "Brief of the plan report: indicator scorecard, plan targets, "
                                            "major projects and section summaries."),
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", exc.filename or PAGE_TEMPLATE, exc.lineno) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template error: {exc}", TEMPLATE_DIR / PAGE_TEMPLATE) from exc


def render_html(brief: Brief, out_dir: Path, stem: str,
                charts: dict[str, tuple[Path, Path]] | None = None) -> Path:
    """Write ``out_dir/<stem>.html`` with its stylesheet and chart SVGs in ``out_dir/assets``.

    ``charts`` (key -> (svg, png)) are the files :func:`render.charts.render_charts`
    drew; when not given they are drawn here into ``out_dir/assets``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    assets = copy_assets(out_dir)
    if charts is None:
        from generator.render.charts import render_charts

        charts = render_charts(brief, assets)
    html = render_page(brief, _chart_entries(brief, charts, out_dir), subset_fonts=True)
    drawn = [html, *((assets / name).read_text(encoding="utf-8") for name in STYLESHEETS),
             *(svg.read_text(encoding="utf-8") for svg, _png in charts.values())]
    write_page_fonts(assets, brief.lang, drawn)
    return write_text(out_dir / f"{stem}.html", html)

