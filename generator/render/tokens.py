"""Design tokens: the brief's colours and status/change/severity glyphs, from ``templates/tokens.yaml``.

One palette for the three renderers: :func:`tokens_css` writes it as CSS
(custom properties and the rules of each keyed class, e.g. ``.status-met
.badge``) for the HTML/PDF; the charts and the DOCX read :func:`load_tokens`
directly. :func:`contrast` is the WCAG 2 contrast ratio the tests hold
every text/background pair of the file to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.errors import TemplateError
from generator.render.css import css_string

TOKENS_FILE = "tokens.yaml"  # in the templates folder
GROUPS = ("status", "change", "check", "severity", "marks")
PAPER = "paper"
HEX = re.compile(r"#[0-9a-f]{6}")
AA = 4.5  # WCAG 2 AA, normal-size text

# The classes each group's look applies to in the page (templates/brief.html), as (selector
# of the coloured element, selector that draws the glyph or None: the page writes it, tinted?).
CSS_SELECTORS: dict[str, tuple[str, str | None, bool]] = {
    "status": (".status-{key} .badge, .badge.status-{key}, .count.status-{key}", None, True),
    "change": (".change-mark.change-{key}", ".change-mark.change-{key}::before", True),
    "check": (".check-{key}", None, False),
    "severity": (".sev-{key}", ".sev-{key}::before", False),
}


@dataclass(frozen=True)
class Look:
    """How one key is shown: its glyph, text colour and background (hex "#rrggbb"; fill "" = the paper)."""

    glyph: str
    ink: str
    fill: str = ""
    marker: str = ""  # chart marker (status only)


@dataclass(frozen=True)
class Tokens:
    colours: dict[str, str]  # name -> "#rrggbb"
    groups: dict[str, dict[str, Look]]  # group -> key -> look
    pairs: tuple[tuple[str, str], ...]  # (text, background) colour names

    def colour(self, name: str) -> str:
        return self.colours[name]

    def look(self, group: str, key: str) -> Look | None:
        return self.groups[group].get(key)

    def glyph(self, group: str, key: str) -> str:
        look = self.look(group, key)
        return look.glyph if look else ""

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """Every (where, text hex, background hex) the brief draws: looks on their fill and on the paper, and ``pairs``."""
        paper = self.colours[PAPER]
        out = []
        for group, looks in self.groups.items():
            for key, look in looks.items():
                out.append((f"{group}.{key} on its fill", look.ink, look.fill or paper))
                out.append((f"{group}.{key} on the paper", look.ink, paper))
        out += [(f"pairs: {a} on {b}", self.colours[a], self.colours[b]) for a, b in self.pairs]
        return out


def _colour(value: object, colours: dict[str, str], where: str, path: Path) -> str:
    if isinstance(value, str) and value in colours:
        return colours[value]
    raise TemplateError(f"{where}: unknown colour {value!r} (name one of the `colours`)", path)


def load_tokens(path: Path) -> Tokens:
    """The tokens of ``path``; :class:`TemplateError` when malformed."""
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as exc:
        raise TemplateError(f"cannot read the design tokens: {exc}", path) from exc
    if not isinstance(data, dict) or not isinstance(data.get("colours"), dict):
        raise TemplateError("design tokens need a `colours` mapping", path)
    colours: dict[str, str] = {}
    for name, value in data["colours"].items():
        if not (isinstance(value, str) and HEX.fullmatch(value.lower())):
            raise TemplateError(f"colours.{name}: {value!r} is not a #rrggbb colour", path)
        colours[str(name)] = value.lower()
    if PAPER not in colours:
        raise TemplateError(f"colours: `{PAPER}` is missing", path)
    groups: dict[str, dict[str, Look]] = {}
    for group in GROUPS:
        entries = data.get(group)
        if not isinstance(entries, dict):
            raise TemplateError(f"design tokens need a `{group}` mapping", path)
        looks = {}
        for key, entry in entries.items():
            where = f"{group}.{key}"
            if not isinstance(entry, dict) or not isinstance(entry.get("glyph"), str):
                raise TemplateError(f"{where}: needs a glyph and an ink", path)
            fill = entry.get("fill")
            looks[str(key)] = Look(entry["glyph"], _colour(entry.get("ink"), colours, f"{where}.ink", path),
                                   _colour(fill, colours, f"{where}.fill", path) if fill else "",
                                   str(entry.get("marker", "")))
        groups[group] = looks
    pairs = []
    for pair in data.get("pairs") or ():
        if not (isinstance(pair, list) and len(pair) == 2 and all(p in colours for p in pair)):
            raise TemplateError(f"pairs: {pair!r} is not [text colour, background colour]", path)
        pairs.append((str(pair[0]), str(pair[1])))
    return Tokens(colours, groups, tuple(pairs))


def tokens_css(t: Tokens) -> str:
    """The tokens as a stylesheet: ``:root`` custom properties, then one rule per keyed class."""
    lines = ["/* Generated from templates/tokens.yaml by generator/render/tokens.py: edit the tokens, not this file. */",
             ":root {"]
    lines += [f"  --{name}: {value};" for name, value in t.colours.items()]
    for group in CSS_SELECTORS:
        for key, look in t.groups[group].items():
            lines.append(f"  --{group}-{key}: {look.ink};")
            lines.append(f"  --{group}-{key}-bg: {look.fill or t.colours[PAPER]};")
    lines.append("}")
    for group, (coloured, glyph_at, tinted) in CSS_SELECTORS.items():
        for key, look in t.groups[group].items():
            fill = f" background: var(--{group}-{key}-bg);" if tinted and look.fill else ""
            lines.append(f"{coloured.format(key=key)} {{ color: var(--{group}-{key});{fill} }}")
            if glyph_at:
                sep = "" if group == "change" else " "  # change marks space the glyph with a margin
                lines.append(f"{glyph_at.format(key=key)} {{ content: {css_string(look.glyph + sep)}; }}")
    gap, tally = t.groups["marks"]["gap"], t.groups["marks"]["tally"]
    lines.append(f".gap {{ color: {gap.ink}; background: {gap.fill or t.colours[PAPER]}; }}")
    lines.append(f".gap::after {{ content: {css_string(gap.glyph)}; }}")
    lines.append(f".glance-tally li::before {{ content: {css_string(tally.glyph + ' ')}; color: {tally.ink}; }}")
    return "\n".join(lines) + "\n"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def hex_of(colour: str) -> str:
    """"#2a7347" -> "2A7347" (the form WordprocessingML writes)."""
    return colour.lstrip("#").upper()
