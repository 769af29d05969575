"""Charts of a brief, drawn once per brief as SVG (HTML/PDF) and PNG (DOCX).

Two kinds, from :class:`generator.brief.Chart` data that is already
localised: ``dumbbell`` (target vs actual per indicator, grouped by
category, coloured and shaped by status so it reads in greyscale) and
``bar`` (e.g. planned investment by sector). Text uses Noto Sans CJK SC.
SVG keeps text as text (small, extractable) naming the font family; both
formats are byte-for-byte reproducible (fixed hash salt, no dates, no
software stamp).
"""

from __future__ import annotations

import io
import subprocess
import textwrap
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from babel.numbers import format_decimal  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from generator.brief import Brief, Chart  # noqa: E402
from generator.errors import TemplateError  # noqa: E402
from generator.render.atomic import atomic_path, write_text  # noqa: E402
from generator.i18n import gettext  # noqa: E402

FONT_FAMILY = "Noto Sans CJK SC"
# The SVG names the page's own @font-face family (templates/brief.css) first:
# WeasyPrint then reuses the subset it embeds for the tables instead of
# embedding the same CJK face a second time; elsewhere the next family applies.
PAGE_FONT_FAMILY = "Brief Sans"
PNG_DPI = 150
WIDTH_IN = 6.3  # the text width of an A4 page with 2 cm margins
LABEL_WIDTH = 34  # characters per line of a Latin axis label
LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}

# status key -> (colour, marker); same hues as the templates' CSS.
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "met": ("#2e7d4f", "o"),
    "missed": ("#b23a2e", "X"),
    "no_target": ("#7a7a7a", "s"),
    "not_comparable": ("#8a6d1f", "D"),
    "qualitative": ("#4a6fa5", "^"),
    "unscored": ("#9e9e9e", "v"),
}
TARGET_STYLE = ("#5b6470", "|")
INK = "#222222"
GRID = "#d9dde3"
BAR = "#3d5a80"


@lru_cache(maxsize=1)
def chart_font() -> str:
    """Register the CJK font with matplotlib and return its family name."""
    try:
        path = subprocess.run(["fc-match", "-f", "%{file}", FONT_FAMILY], capture_output=True,
                              text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        raise TemplateError(f"cannot locate font {FONT_FAMILY!r} with fc-match: {exc}") from exc
    if "CJK" not in path:
        raise TemplateError(f"font {FONT_FAMILY!r} is not installed (fc-match gave {path or 'nothing'}); "
                            "install fonts-noto-cjk")
    font_manager.fontManager.addfont(path)
    return FONT_FAMILY


def _style() -> dict:
    return {
        "font.family": [chart_font(), "DejaVu Sans"],
        "font.size": 8,
        "axes.edgecolor": GRID,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.titlesize": 9,
        "svg.fonttype": "none",
        "svg.hashsalt": "plan-brief",
        "axes.unicode_minus": True,
    }


def _wrap(label: str) -> str:
    """Wrap long Latin labels; CJK labels are short enough as they are."""
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH)) if label.isascii() else label


def _number_axis(ax, lang: str) -> None:
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_decimal(v, locale=LOCALES.get(lang, lang))))


def _dumbbell(fig: MplFigure, chart: Chart, labels: dict[str, str]) -> None:
    points = list(chart.points)
    groups: list[str] = []
    for p in points:
        if p.group not in groups:
            groups.append(p.group)
    ordered = [p for g in groups for p in points if p.group == g]
    ax = fig.subplots()
    y = list(range(len(ordered)))[::-1]
    for yi, p in zip(y, ordered):
        colour, marker = STATUS_STYLE.get(p.status, STATUS_STYLE["unscored"])
        if p.value is not None and p.target is not None:
            ax.plot([p.target, p.value], [yi, yi], color=colour, linewidth=1.6, alpha=0.55, zorder=1)
        if p.target is not None:
            ax.scatter([p.target], [yi], marker=TARGET_STYLE[1], s=120, color=TARGET_STYLE[0], linewidths=2, zorder=2)
        if p.value is not None:
            ax.scatter([p.value], [yi], marker=marker, s=34, color=colour, zorder=3)
    ax.set_yticks(y, [_wrap(p.label) for p in ordered])
    # group separators and names on the right
    start = 0
    for g in groups:
        n = sum(1 for p in ordered if p.group == g)
        if start:
            ax.axhline(y[start] + 0.5, color=GRID, linewidth=0.8)
        if g:
            ax.text(1.01, y[start] - (n - 1) / 2, g, transform=ax.get_yaxis_transform(), va="center",
                    ha="left", fontsize=7, color="#5b6470")
        start += n
    ax.axvline(0, color="#9aa3ad", linewidth=0.6)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_xlabel(chart.unit)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    handles = [plt.Line2D([], [], linestyle="", marker=TARGET_STYLE[1], markersize=9, markeredgewidth=2,
                          color=TARGET_STYLE[0], label=labels.get("target", ""))]
    for key in dict.fromkeys(p.status for p in ordered):
        colour, marker = STATUS_STYLE.get(key, STATUS_STYLE["unscored"])
        handles.append(plt.Line2D([], [], linestyle="", marker=marker, color=colour, label=labels.get(key, key)))
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), frameon=False, fontsize=7)
    fig.set_size_inches(WIDTH_IN, 1.1 + 0.26 * len(ordered))


def _bar(fig: MplFigure, chart: Chart, labels: dict[str, str]) -> None:
    points = [p for p in chart.points if p.value is not None]
    ax = fig.subplots()
    names = [_wrap(p.label) for p in points][::-1]
    values = [p.value for p in points][::-1]
    bars = ax.barh(names, values, color=BAR, height=0.6)
    locale = LOCALES.get(labels.get("lang", ""), "en")
    ax.bar_label(bars, labels=[format_decimal(v, locale=locale) for v in values], padding=3, fontsize=7, color=INK)
    ax.set_xlabel(chart.unit)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.margins(x=0.12)
    fig.set_size_inches(WIDTH_IN, 0.8 + 0.3 * len(points))


DRAWERS = {"dumbbell": _dumbbell, "bar": _bar}


def legend_labels(brief: Brief) -> dict[str, str]:
    """Legend words in the brief's language: status labels as the brief shows them, and "Target"."""
    labels = {row.status.key: str(row.status.label) for row in brief.score_rows}
    for tally in brief.tallies:
        labels.update({status.key: str(status.label) for status, _n in tally.counts})
    labels["target"] = gettext(brief.lang, "Target")
    labels["lang"] = brief.lang
    return labels


def draw(chart: Chart, labels: dict[str, str] | None = None) -> MplFigure:
    """A matplotlib figure of ``chart`` (not saved); ``labels`` name the legend entries."""
    drawer = DRAWERS.get(chart.kind)
    if drawer is None:
        raise TemplateError(f"unknown chart kind {chart.kind!r} for chart {chart.key!r}")
    with plt.rc_context(_style()):
        fig = MplFigure(layout="constrained")
        drawer(fig, chart, labels or {})
        for ax in fig.axes:
            _number_axis(ax, (labels or {}).get("lang", "en"))
    return fig


def render_charts(brief: Brief, out_dir: Path) -> dict[str, tuple[Path, Path]]:
    """Draw every chart of ``brief`` into ``out_dir``; return key -> (svg path, png path).

    Files are named ``<key>.<lang>.svg`` / ``.png`` so the zh and en charts
    of one report can share an assets folder.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, tuple[Path, Path]] = {}
    labels = legend_labels(brief)
    for chart in brief.charts:
        if not chart.points:
            continue
        with plt.rc_context(_style()):
            fig = draw(chart, labels)
            stem = f"{chart.key}.{brief.lang}"
            svg, png = out_dir / f"{stem}.svg", out_dir / f"{stem}.png"
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None, "Title": chart.title, "Description": chart.alt})
            write_text(svg, buf.getvalue().replace(f"font-family: '{FONT_FAMILY}'",
                                                   f"font-family: '{PAGE_FONT_FAMILY}', '{FONT_FAMILY}'"))
            with atomic_path(png) as tmp:
                fig.savefig(tmp, format="png", dpi=PNG_DPI, metadata={"Software": None})
        result[chart.key] = (svg, png)
    return result
