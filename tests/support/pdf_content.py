"""What a PDF draws, read with pikepdf: every glyph code shown, its font, and the marked content around it.

The render tests use it to check fonts (the code drawn is the CID of the glyph
meant) and tags (Chinese text sits under a ``/Lang``). Text-showing operators
(``Tj``, ``TJ``, ``'``, ``"``) are read on the pages and inside the form
XObjects they paint; codes of Type0 fonts with Identity-H are two bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import pikepdf

SHOW = {"Tj", "TJ", "'", '"'}


@dataclass(frozen=True)
class Drawn:
    """One glyph code drawn: page index, font, code, and the MCIDs of the marked content around it (innermost last)."""

    page: int
    font: pikepdf.Dictionary
    code: int
    mcids: tuple[int, ...]
    artifact: bool


def _codes(font: pikepdf.Dictionary, data: bytes) -> list[int]:
    if font.get("/Subtype") == pikepdf.Name.Type0:
        return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
    return list(data)


def _strings(operands: list, operator: str) -> Iterator[bytes]:
    if operator == "TJ":
        for item in operands[0]:
            if isinstance(item, pikepdf.String):
                yield bytes(item)
    elif operator in ("Tj", "'"):
        yield bytes(operands[0])
    elif operator == '"':
        yield bytes(operands[2])


def drawn(pdf: pikepdf.Pdf) -> Iterator[Drawn]:
    """Every glyph code drawn on every page of ``pdf``."""
    for index, page in enumerate(pdf.pages):
        yield from _walk(index, page, page.obj.get("/Resources", pikepdf.Dictionary()), [])


def _walk(index: int, source: pikepdf.Page | pikepdf.Stream, resources: pikepdf.Dictionary,
          marks: list[tuple[int | None, bool]]) -> Iterator[Drawn]:
    font = None
    for operands, operator in pikepdf.parse_content_stream(source):
        op = str(operator)
        if op in ("BDC", "BMC"):
            mcid = None
            artifact = str(operands[0]) == "/Artifact"
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
            marks.append((mcid, artifact))
        elif op == "EMC":
            marks.pop()
        elif op == "Tf":
            font = resources.Font[operands[0]]
        elif op in SHOW and font is not None:
            mcids = tuple(m for m, _a in marks if m is not None)
            artifact = any(a for _m, a in marks)
            for data in _strings(list(operands), op):
                for code in _codes(font, data):
                    yield Drawn(index, font, code, mcids, artifact)
        elif op == "Do":
            xobject = resources.get("/XObject", {}).get(operands[0])
            if xobject is not None and xobject.get("/Subtype") == pikepdf.Name.Form:
                inner = xobject.get("/Resources", resources)
                yield from _walk(index, xobject, inner, marks)


_HEX = re.compile(rb"<([0-9a-fA-F]+)>")


def _utf16(hexes: bytes) -> str:
    return bytes.fromhex(hexes.decode()).decode("utf-16-be")


@lru_cache(maxsize=None)
def _parse_cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = _HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2]):
            mapping[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in re.findall(rb"<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*(?:<[0-9a-fA-F]+>|\[[^\]]*\])", block):
            lo, hi, *rest = _HEX.findall(line)
            start, end = int(lo, 16), int(hi, 16)
            if b"[" in line:
                for offset, dst in enumerate(rest):
                    mapping[start + offset] = _utf16(dst)
            else:
                base = bytes.fromhex(rest[0].decode())
                for offset in range(end - start + 1):
                    value = int.from_bytes(base, "big") + offset
                    mapping[start + offset] = value.to_bytes(len(base), "big").decode("utf-16-be")
    return mapping


def to_unicode(font: pikepdf.Dictionary) -> dict[int, str]:
    """The ToUnicode map of ``font`` (code -> text); empty when it has none."""
    stream = font.get("/ToUnicode")
    return _parse_cmap(stream.read_bytes()) if stream is not None else {}


def structure_parents(pdf: pikepdf.Pdf) -> dict[tuple[int, int], pikepdf.Dictionary]:
    """(page index, MCID) -> the structure element that owns the marked content."""
    root = pdf.Root.StructTreeRoot
    nums = root.ParentTree.Nums
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    owners = {}
    for index, page in enumerate(pdf.pages):
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in by_key:
            continue
        for mcid, element in enumerate(by_key[int(key)]):
            if isinstance(element, pikepdf.Dictionary):
                owners[(index, mcid)] = element
    return owners


def lang_of(element: pikepdf.Dictionary | None) -> str | None:
    """The ``/Lang`` in force at a structure element (its own, or the nearest ancestor's)."""
    while element is not None and isinstance(element, pikepdf.Dictionary):
        if "/Lang" in element:
            return str(element.Lang)
        element = element.get("/P")
    return None
