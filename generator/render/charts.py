"""Charts of a brief, drawn once per brief as SVG (HTML/PDF) and PNG (DOCX).

Two kinds, from :class:`generator.brief.Chart` data that is already
localised: ``dumbbell`` (target vs actual per indicator: one row each under
a category header, hollow target and filled outcome joined by a line,
coloured and shaped by status so it reads in greyscale; split into two
panels with their own scales when the magnitudes fall apart, see
:func:`split_panels`) and ``bar`` (e.g. planned investment by sector). Text uses Noto Sans CJK SC.
SVG keeps text as text (small, extractable) naming the font family; both
formats are byte-for-byte reproducible (fixed hash salt, no dates, no
software stamp).
"""

from __future__ import annotations

import io
import math
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import transforms  # noqa: E402
from babel.numbers import format_decimal  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from generator.brief import Brief, Chart, ChartPoint  # noqa: E402
from generator.errors import TemplateError  # noqa: E402
from generator.render.atomic import atomic_path, write_text  # noqa: E402
from generator.render.context import RenderContext  # noqa: E402
from generator.render.tokens import Tokens  # noqa: E402

FONT_FAMILY = "Noto Sans CJK SC"
# The SVG names the page's own @font-face family (templates/brief.css) first:
# WeasyPrint then reuses the subset it embeds for the tables instead of
# embedding the same CJK face a second time; elsewhere the next family applies.
PAGE_FONT_FAMILY = "Brief Sans"
PNG_DPI = 150
CHART_FORMATS = ("svg", "png")  # SVG for the HTML/PDF, PNG for the DOCX
WIDTH_IN = 6.3  # the text width of an A4 page with 2 cm margins
LABEL_WIDTH = 46  # half-width columns per label line (a CJK character counts 2)
LABEL_LINES = 2
# Dumbbell layout, in inches: fixed so every panel and chart lines up.
LABEL_COLUMN_IN = 2.45  # indicator names, right-aligned to the plot
MARGIN_IN = 0.05
GUTTER_IN = 0.1
RIGHT_IN = 0.15
ROW_IN = (0.24, 0.32)  # one indicator with a one-line / two-line label
HEADER_IN = 0.22  # one category header
PANEL_TITLE_IN = 0.3
AXIS_IN = 0.38  # tick labels and unit under a panel
TOP_IN = 0.05
LEGEND_IN = 0.3
# Split into two panels when the widest gap between magnitudes spans more than
# this share of the largest value and the upper side is this many times the lower.
SPLIT_GAP = 0.3
SPLIT_RATIO = 2.5
SPLIT_FLOOR = 0.05  # magnitudes below this share of the largest count as this much
NICE_STEPS = (1, 2, 5, 2.5, 3, 4, 6, 8)  # in order of preference

TARGET_MARKER = "o"  # hollow: the target; the filled status marker is the outcome
FALLBACK_STATUS = "unscored"


@dataclass(frozen=True)
class ChartStyle:
    """What a chart of one brief is drawn with: the design tokens, the brief language's words and number locale."""

    tokens: Tokens
    words: Callable[[str], str]
    locale: str  # Babel locale of the brief's numbers (its language profile)
    labels: dict[str, str] = field(default_factory=dict)  # legend: status key -> word, "target" -> word

    def colour(self, name: str) -> str:
        """A named colour of the design tokens ("ink", "accent", "chart-grid" ...)."""
        return self.tokens.colour(name)

    def status(self, key: str) -> tuple[str, str]:
        """(colour, marker) of a status key, from the design tokens (templates/tokens.yaml)."""
        look = self.tokens.look("status", key) or self.tokens.look("status", FALLBACK_STATUS)
        assert look is not None  # the tokens file defines the fallback status
        return look.ink, look.marker or "o"

    def number(self, value: float) -> str:
        """An axis tick or limit in the brief's number format (the report's figures come formatted)."""
        return format_decimal(value, locale=self.locale)


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


def _style(st: ChartStyle) -> dict:
    return {
        "font.family": [chart_font(), "DejaVu Sans"],
        "font.size": 8,
        "axes.edgecolor": st.colour("chart-grid"),
        "axes.labelcolor": st.colour("ink"),
        "xtick.color": st.colour("ink"),
        "ytick.color": st.colour("ink"),
        "axes.titlesize": 9,
        "svg.fonttype": "none",
        "svg.hashsalt": "plan-brief",
        "axes.unicode_minus": True,
    }


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(label: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """``label`` in at most ``lines`` lines of ``width`` half-width columns (CJK counts 2).

    Latin text breaks between words, CJK between characters; what does not
    fit is cut with an ellipsis (the tables beside the chart give every name).
    """
    tokens = re.findall(r"[^\s\u2e80-\uffef]+\s*|\S\s*", label.strip())
    out: list[str] = []
    line = ""
    for token in tokens:
        if line and _display_width(line + token.rstrip()) > width:
            out.append(line.rstrip())
            line = ""
        line += token
    if line.strip():
        out.append(line.rstrip())
    if len(out) > lines:
        last = out[lines - 1]
        while last and _display_width(last) > width - 1:
            last = last[:-1]
        out = [*out[:lines - 1], last.rstrip() + "…"]
    return "\n".join(out)


def _number_axis(ax, st: ChartStyle) -> None:
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: st.number(v)))


def _magnitude(p: ChartPoint) -> float:
    return max(abs(v) for v in (p.value, p.target) if v is not None)


def _nice_limit(low: float, high: float) -> float | None:
    """The roundest number ≥ ``low`` and < ``high`` (for the panel titles), if any.

    Roundest: the first step of :data:`NICE_STEPS` that fits, at the smallest power of ten.
    """
    if low <= 0:
        return None
    exp = math.floor(math.log10(low))
    for step in NICE_STEPS:
        for power in (exp, exp + 1):
            limit = step * 10 ** power
            if low <= limit < high:
                return limit
    return None


def split_panels(points: list[ChartPoint]) -> list[tuple[list[ChartPoint], float | None]]:
    """Points in one panel, or two when their magnitudes fall into clearly separate ranges.

    The split sits at the widest gap between consecutive magnitudes when that
    gap spans more than ``SPLIT_GAP`` of the largest value and the upper side
    is at least ``SPLIT_RATIO`` times the lower; each panel then gets its own
    x-scale. Returns (points, limit) pairs: ``limit`` is the boundary for the
    panel titles, None for a single panel.
    """
    measured = [p for p in points if p.value is not None or p.target is not None]
    mags = sorted({_magnitude(p) for p in measured})
    if len(mags) < 2:
        return [(measured, None)]
    top = mags[-1]
    gap, cut = max((mags[i + 1] - mags[i], i) for i in range(len(mags) - 1))
    low, high = mags[cut], mags[cut + 1]
    if gap <= SPLIT_GAP * top or high < SPLIT_RATIO * max(low, SPLIT_FLOOR * top):
        return [(measured, None)]
    limit = _nice_limit(low, high) or low
    return [([p for p in measured if _magnitude(p) <= limit], limit),
            ([p for p in measured if _magnitude(p) > limit], limit)]


def _rows(points: list[ChartPoint]) -> list[tuple[str, ChartPoint | None]]:
    """Rows top to bottom: a header row per group (category), then its indicators."""
    groups = list(dict.fromkeys(p.group for p in points))
    rows: list[tuple[str, ChartPoint | None]] = []
    for g in groups:
        if g:
            rows.append((g, None))
        rows.extend((p.label, p) for p in points if p.group == g)
    return rows


def _x_limits(points: list[ChartPoint]) -> tuple[float, float]:
    values = [v for p in points for v in (p.value, p.target) if v is not None]
    lo, hi = min(values), max(values)
    if lo > 0 and lo < 0.5 * hi:
        lo = 0.0  # small positive values: show them from zero
    if hi < 0:
        hi = 0.0
    pad = 0.06 * ((hi - lo) or abs(hi) or 1.0)
    return lo - pad, hi + pad


def _dumbbell(fig: MplFigure, chart: Chart, st: ChartStyle) -> None:
    """One row per indicator, category header rows, one panel per magnitude range.

    Laid out in inches (no layout engine), so the label column has the same
    fixed width in every panel and every chart, and the output is stable.
    """
    labels = st.labels
    panels = split_panels(list(chart.points))
    limit = st.number(panels[0][1]) + chart.unit if len(panels) == 2 else ""
    titles = ([st.words("Values up to %(limit)s") % {"limit": limit},
               st.words("Values above %(limit)s") % {"limit": limit}]
              if len(panels) == 2 else [""])
    panel_rows = [[(label if p is None else _wrap(label), p) for label, p in _rows(pts)] for pts, _limit in panels]
    step_of = lambda label, p: HEADER_IN if p is None else ROW_IN[min(label.count("\n"), 1)]  # noqa: E731
    heights = [sum(step_of(label, p) for label, p in rows) for rows in panel_rows]
    title_in = PANEL_TITLE_IN if len(panels) == 2 else 0.0
    total = LEGEND_IN + sum(h + title_in + AXIS_IN for h in heights) + TOP_IN
    fig.set_size_inches(WIDTH_IN, total)
    left, right = LABEL_COLUMN_IN / WIDTH_IN, 1 - RIGHT_IN / WIDTH_IN
    top = total - TOP_IN
    used: list[str] = []
    for (pts, _limit), rows, height, title in zip(panels, panel_rows, heights, titles):
        top -= title_in
        ax = fig.add_axes((left, (top - height) / total, right - left, height / total))
        if title:
            ax.set_title(title, loc="left", fontsize=8, color=st.colour("accent"), pad=4)
        y = 0.0
        ys: list[tuple[float, str, ChartPoint | None]] = []
        for label, p in rows:
            step = step_of(label, p)
            ys.append((y + step / 2, label, p))
            y += step
        ax.set_ylim(height, 0)
        ax.set_xlim(*_x_limits(pts))
        to_label = transforms.blended_transform_factory(fig.transFigure, ax.transData)
        for yc, label, p in ys:
            if p is None:
                ax.text(MARGIN_IN / WIDTH_IN, yc + 0.03, label, transform=to_label, ha="left", va="center",
                        fontsize=7.5, color=st.colour("accent"))
                ax.plot([MARGIN_IN / WIDTH_IN, right], [yc + HEADER_IN / 2] * 2, transform=to_label,
                        color=st.colour("chart-grid"), linewidth=0.6, clip_on=False)
                continue
            ax.text((LABEL_COLUMN_IN - GUTTER_IN) / WIDTH_IN, yc, label, transform=to_label,
                    ha="right", va="center", fontsize=7, color=st.colour("ink"), linespacing=1.1)
            ax.axhline(yc, color=st.colour("chart-row"), linewidth=0.5, zorder=0)
            ink, marker = st.status(p.status)
            if p.status not in used:
                used.append(p.status)
            if p.value is not None and p.target is not None:
                ax.plot([p.target, p.value], [yc, yc], color=ink, linewidth=2.2, alpha=0.45,
                        solid_capstyle="butt", zorder=1)
            if p.target is not None:
                ax.scatter([p.target], [yc], marker=TARGET_MARKER, s=34, facecolors="white",
                           edgecolors=st.colour("chart-target"), linewidths=1.2, zorder=2)
            if p.value is not None:
                ax.scatter([p.value], [yc], marker=marker, s=30, color=ink, linewidths=0, zorder=3)
        lo, hi = ax.get_xlim()
        if lo < 0 < hi:
            ax.axvline(0, color=st.colour("chart-zero"), linewidth=0.8, zorder=0)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.grid(axis="x", color=st.colour("chart-grid"), linewidth=0.5)
        ax.set_axisbelow(True)
        ax.set_yticks([])
        ax.tick_params(axis="x", labelsize=7, length=2, color=st.colour("chart-grid"))
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(st.colour("chart-grid"))
        ax.set_xlabel(chart.unit, fontsize=7, labelpad=1, loc="right")
        top -= height + AXIS_IN
    handles = [Line2D([], [], linestyle="", marker=TARGET_MARKER, markersize=6, markerfacecolor="white",
                      markeredgecolor=st.colour("chart-target"), markeredgewidth=1.2, label=labels.get("target", ""))]
    for key in used:
        ink, marker = st.status(key)
        handles.append(Line2D([], [], color=ink, alpha=0.9, linewidth=2, marker=marker, markersize=6,
                              markeredgewidth=0, label=labels.get(key, key)))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles),
               frameon=False, fontsize=7.5, handlelength=2.2, columnspacing=2.0)


def _bar(fig: MplFigure, chart: Chart, st: ChartStyle) -> None:
    points = [p for p in chart.points if p.value is not None]
    ax = fig.subplots()
    names = [_wrap(p.label) for p in points][::-1]
    values = [p.value for p in points][::-1]
    bars = ax.barh(names, values, color=st.colour("chart-bar"), height=0.6)
    texts = [p.value_text or st.number(p.value) for p in points][::-1]  # formatted by the localiser
    ax.bar_label(bars, labels=texts, padding=3, fontsize=7, color=st.colour("ink"))
    ax.set_xlabel(chart.unit)
    ax.grid(axis="x", color=st.colour("chart-grid"), linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.margins(x=0.12)
    fig.set_size_inches(WIDTH_IN, 0.8 + 0.3 * len(points))


DRAWERS = {"dumbbell": _dumbbell, "bar": _bar}
LAYOUTS = {"dumbbell": None, "bar": "constrained"}  # the dumbbell places its panels itself


def chart_style(brief: Brief, ctx: RenderContext) -> ChartStyle:
    """The style of ``brief``'s charts: tokens, words and the legend (status labels as the brief shows them)."""
    words = ctx.words(brief.lang)
    labels = {row.status.key: str(row.status.label) for row in brief.score_rows}
    for tally in brief.tallies:
        labels.update({status.key: str(status.label) for status, _n in tally.counts})
    labels["target"] = words("Target")
    return ChartStyle(ctx.tokens, words, brief.number_locale or "en", labels)


def draw(chart: Chart, st: ChartStyle) -> MplFigure:
    """A matplotlib figure of ``chart`` (not saved)."""
    drawer = DRAWERS.get(chart.kind)
    if drawer is None:
        raise TemplateError(f"unknown chart kind {chart.kind!r} for chart {chart.key!r}")
    with matplotlib.rc_context(_style(st)):
        fig = MplFigure(layout=LAYOUTS.get(chart.kind))
        drawer(fig, chart, st)
        for ax in fig.axes:
            _number_axis(ax, st)
    return fig


def render_charts(brief: Brief, out_dir: Path, ctx: RenderContext,
                  formats: tuple[str, ...] = CHART_FORMATS) -> dict[str, tuple[Path, Path]]:
    """Draw every chart of ``brief`` into ``out_dir``; return key -> (svg path, png path).

    Files are named ``<key>.<lang>.svg`` / ``.png`` so the zh and en charts
    of one report can share an assets folder. ``formats`` ("svg", "png")
    chooses the files written: the HTML/PDF task needs only the SVG, the
    DOCX task only the PNG; the path of a format not asked for is returned
    but not written.
    """
    unknown = set(formats) - set(CHART_FORMATS)
    if unknown:
        raise ValueError(f"unknown chart format(s): {', '.join(sorted(unknown))}")
    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, tuple[Path, Path]] = {}
    st = chart_style(brief, ctx)
    for chart in brief.charts:
        if not chart.points:
            continue
        with matplotlib.rc_context(_style(st)):
            fig = draw(chart, st)
            stem = f"{chart.key}.{brief.lang}"
            svg, png = out_dir / f"{stem}.svg", out_dir / f"{stem}.png"
            if "svg" in formats:
                buf = io.StringIO()
                fig.savefig(buf, format="svg", metadata={"Date": None, "Title": chart.title, "Description": chart.alt})
                write_text(svg, buf.getvalue().replace(f"font-family: '{FONT_FAMILY}'",
                                                       f"font-family: '{PAGE_FONT_FAMILY}', '{FONT_FAMILY}'"))
            if "png" in formats:
                with atomic_path(png) as tmp:
                    fig.savefig(tmp, format="png", dpi=PNG_DPI, metadata={"Software": None})
        result[chart.key] = (svg, png)
    return result
