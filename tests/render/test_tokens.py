"""The design tokens: one palette with AA contrast, used by every renderer, written nowhere else."""

from __future__ import annotations

import re

import pytest

from generator.analyse.changes import Ambition, ChangeKind
from generator.errors import TemplateError
from generator.localise.plan_marks import change_mark
from generator.render.tokens import AA, TOKENS_FILE, contrast, load_tokens, tokens_css
from tests.support.paths import ROOT

# Where colours were once written by hand: none of them may hold a colour literal any more.
RENDERERS = ("templates/brief.css", "generator/render/charts.py", "generator/render/docx.py")
HEX_LITERAL = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|['\"][0-9A-Fa-f]{6}['\"]")
GLYPHS = "✔✘≠◇▲▼⇄✎⚠ℹ"


TOKENS = ROOT / "templates" / TOKENS_FILE


@pytest.mark.parametrize("a, b, expected", [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#777777", "#ffffff", 4.48),  # the familiar just-failing grey
    ("#2e7d4f", "#e8f3ec", 4.44),  # the old "Met" badge
])
def test_contrast_ratio_follows_wcag(a, b, expected):
    assert contrast(a, b) == pytest.approx(expected, abs=0.01)
    assert contrast(b, a) == pytest.approx(expected, abs=0.01)


def test_every_text_and_background_pair_reaches_aa():
    tokens = load_tokens(TOKENS)
    pairs = tokens.text_pairs()
    assert len(pairs) > 40
    weak = [(where, ink, bg, round(contrast(ink, bg), 2)) for where, ink, bg in pairs if contrast(ink, bg) < AA]
    assert weak == []


def test_every_key_the_brief_uses_has_a_look():
    tokens = load_tokens(TOKENS)
    assert set(tokens.groups["status"]) >= {"met", "missed", "no_target", "not_comparable", "qualitative",
                                            "unscored"}
    marks = {change_mark(kind, ambition)[0] for kind in ChangeKind for ambition in Ambition} - {"not_known"}
    assert set(tokens.groups["change"]) == marks
    assert set(tokens.groups["severity"]) == {"error", "warning", "info"}
    assert all(look.marker for look in tokens.groups["status"].values())  # the charts' outcome markers
    glyphs = {look.glyph for looks in tokens.groups.values() for look in looks.values()}
    assert set(GLYPHS) <= glyphs


@pytest.mark.parametrize("path", RENDERERS)
def test_renderers_hold_no_colour_or_glyph_of_their_own(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    code = re.sub(r'"""[\s\S]*?"""|/\*[\s\S]*?\*/|#\s.*', "", text)  # docstrings and comments may name them
    assert HEX_LITERAL.findall(code) == []
    assert [ch for ch in GLYPHS if ch in code] == []


def test_stylesheet_declares_and_applies_the_tokens():
    css = tokens_css(load_tokens(TOKENS))
    tokens = load_tokens(TOKENS)
    met = tokens.look("status", "met")
    assert f"--status-met: {met.ink};" in css and f"--status-met-bg: {met.fill};" in css
    assert ".status-met .badge" in css
    assert '.change-mark.change-raised::before { content: "▲"; }' in css
    brief_css = (ROOT / "templates/brief.css").read_text(encoding="utf-8")
    used = set(re.findall(r"var\(--([\w-]+)\)", brief_css))
    declared = set(re.findall(r"--([\w-]+):", css + brief_css))
    assert used - declared == set()


def test_malformed_tokens_are_a_template_error(tmp_path):
    good = TOKENS.read_text(encoding="utf-8")
    bad = tmp_path / "tokens.yaml"
    bad.write_text(good.replace("ink: green, fill: green-soft, marker: \"o\"", "ink: chartreuse, marker: \"o\""),
                   encoding="utf-8")
    with pytest.raises(TemplateError, match="status.met.ink: unknown colour 'chartreuse'"):
        load_tokens(bad)
    bad.write_text(good.replace('green: "#2a7347"', 'green: "2a7347"'), encoding="utf-8")
    with pytest.raises(TemplateError, match="not a #rrggbb"):
        load_tokens(bad)
