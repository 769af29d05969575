"""A value as a quoted CSS string: the one escaping every stylesheet and ``<style>`` element of the project uses."""

from __future__ import annotations

from markupsafe import Markup


def css_string(value: str) -> Markup:
    """``value`` as a quoted CSS string, safe inside a ``<style>`` element (quotes, backslashes, markup, controls escaped)."""
    out = []
    for ch in str(value):
        if ch in '"\\<>&' or ord(ch) < 0x20 or not ch.isprintable():
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')
