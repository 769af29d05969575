"""Read stage: a source file (txt, docx, html, md) -> :class:`generator.document.Document`.

:func:`read_document` picks the format reader by file extension; each reader
turns the file into blocks (``read.blocks``) and ``read.structure`` builds the
same Document model from them, whatever the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from generator.document import Document
from generator.errors import InputError
from generator.read.blocks import Source
from generator.read.decode import decode, read_bytes
from generator.read.structure import build_document

__all__ = ["read_document", "FORMATS"]


def _txt(path: Path) -> Source:
    from generator.read.txt import parse_txt

    return parse_txt(_text(path))


def _md(path: Path) -> Source:
    from generator.read.markdown import parse_markdown

    return parse_markdown(_text(path))


def _html(path: Path) -> Source:
    from generator.read.html import declared_charset, parse_html

    data = read_bytes(path)
    _refuse_empty(data, path)
    return parse_html(decode(data, path, declared_charset(data)), path)


def _docx(path: Path) -> Source:
    from generator.read.docx import read_docx

    _refuse_empty(read_bytes(path), path)
    return read_docx(path)


def _text(path: Path) -> str:
    data = read_bytes(path)
    _refuse_empty(data, path)
    text = decode(data, path)
    if not text.strip():
        raise InputError("empty file (only whitespace)", path, 1)
    return text


def _refuse_empty(data: bytes, path: Path) -> None:
    if not data.strip():
        raise InputError("empty file", path, 1)


# extension -> (format name, reader)
FORMATS: dict[str, tuple[str, Callable[[Path], Source]]] = {
    ".txt": ("txt", _txt),
    ".text": ("txt", _txt),
    ".md": ("md", _md),
    ".markdown": ("md", _md),
    ".html": ("html", _html),
    ".htm": ("html", _html),
    ".xhtml": ("html", _html),
    ".docx": ("docx", _docx),
}


def read_document(path: str | Path) -> Document:
    """Read a plan report; bad input raises :class:`InputError` (file and line)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        hint = " (save it as .docx)" if suffix == ".doc" else ""
        raise InputError(f"unsupported file type {suffix or '(none)'!r}{hint}; expected one of {known}", path, None)
    fmt, reader = FORMATS[suffix]
    return build_document(reader(path), path, fmt)
