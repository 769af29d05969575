"""Read stage: a source file (txt, docx, html, md) -> :class:`generator.document.Document`.

:func:`read_document` reads the file once (refusing sources over the size
limit, :mod:`generator.read.limits`), decides its format from its content
(:mod:`generator.read.sniff`; the extension is only a hint), hands the bytes
to that format's reader, which turns them into blocks (``read.blocks``),
and ``read.structure`` builds the same Document model from them, whatever
the format. Every failure is an :class:`InputError` naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.errors import InputError
from generator.read.sniff import HEAD_BYTES, Format, sniff

if TYPE_CHECKING:  # the readers are imported when a file is read: ``read.sniff`` stays cheap to import
    from generator.document import Document
    from generator.read.blocks import Source

__all__ = ["read_document", "READERS", "Format"]


def _txt(data: bytes, path: Path) -> Source:
    from generator.read.txt import parse_txt

    return parse_txt(_text(data, path))


def _md(data: bytes, path: Path) -> Source:
    from generator.read.markdown import parse_markdown

    return parse_markdown(_text(data, path))


def _html(data: bytes, path: Path) -> Source:
    from generator.read.decode import decode
    from generator.read.html import declared_charset, parse_html, prescan

    prescan(data)  # before decoding: a page far beyond the limits costs no more than its bytes
    return parse_html(decode(data, path, declared_charset(data)), path)


def _docx(data: bytes, path: Path) -> Source:
    from generator.read.docx import read_docx

    return read_docx(data, path)


def _text(data: bytes, path: Path) -> str:
    from generator.read.decode import decode

    text = decode(data, path)
    if not text.strip():
        raise InputError("empty file (only whitespace)", path, 1)
    return text


READERS: dict[Format, Callable[[bytes, Path], Source]] = {
    Format.TXT: _txt,
    Format.MD: _md,
    Format.HTML: _html,
    Format.DOCX: _docx,
}


def read_document(path: str | Path) -> Document:
    """Read a report; bad input raises :class:`InputError` (file and line)."""
    from generator.read import limits
    from generator.read.decode import read_bytes
    from generator.read.structure import build_document

    path = Path(path)
    data = read_bytes(path)
    if not data or data.isspace():  # (isspace stops at the first other byte: no copy of a big file)
        raise InputError("empty file", path, 1)
    fmt = sniff(data[:HEAD_BYTES], path)
    with limits.budget():
        try:
            source = READERS[fmt](data, path)
        except limits.LimitExceeded as exc:
            raise InputError(str(exc), path, exc.line) from None
    return build_document(source, path, fmt.value)
