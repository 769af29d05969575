"""Which format a source is, from its content; the file extension is only a hint.

Reports are saved under any name: a crawler's Markdown as ``.txt``, a web
page as ``.txt``, a Word file renamed. :func:`sniff` looks at the first
:data:`HEAD_BYTES` of the file (the same bytes whoever asks, so the build
cache and the reader always agree) and decides:

* magic numbers: a ZIP package is read as Word (``.docx``; the Word reader
  says what else a package is); PDF, legacy ``.doc``, RTF, images, archives
  and programs are refused with a one-line message naming what they are;
* text (in any encoding the decoder accepts): an HTML document (``<!DOCTYPE
  html>``, ``<html>``, ``<body>``; a fragment opening with a block tag),
  Markdown (:func:`markdown_evidence`: YAML front matter, ``#`` headings,
  ``**bold**`` lines, pipe tables, ``>`` quotes, links), else plain text.

Where the content is ambiguous (a single Markdown sign, a fragment of tags)
the extension breaks the tie.
"""

from __future__ import annotations

import codecs
import re
from enum import Enum
from pathlib import Path

from generator.errors import InputError

HEAD_BYTES = 64 * 1024


class Format(str, Enum):
    TXT = "txt"
    MD = "md"
    HTML = "html"
    DOCX = "docx"


# Extensions that hint at a format (a hint only: the content decides).
EXTENSION_HINTS: dict[str, Format] = {
    ".txt": Format.TXT, ".text": Format.TXT,
    ".md": Format.MD, ".markdown": Format.MD,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML, ".shtml": Format.HTML,
    ".docx": Format.DOCX,
}
ZIP_MAGIC: tuple[bytes, ...] = (b"PK\x03\x04", b"PK\x05\x06")
# Formats the tool does not read: leading bytes -> what the file is and what to do.
FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document, which is unsupported: export its text (pdftotext -layout FILE OUT.txt) "
               "or save it as .docx"),
    (b"\xd0\xcf\x11\xe0", "a Word 97-2003 (.doc) or other legacy Office file, which is unsupported: "
                          "save it as .docx"),
    (b"{\\rtf", "an RTF document, which is unsupported: save it as .docx or .txt"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image (binary data), not a text report"),
    (b"\xff\xd8\xff", "a JPEG image (binary data), not a text report"),
    (b"GIF87a", "a GIF image (binary data), not a text report"),
    (b"GIF89a", "a GIF image (binary data), not a text report"),
    (b"II*\x00", "a TIFF image (binary data), not a text report"),
    (b"MM\x00*", "a TIFF image (binary data), not a text report"),
    (b"\x1f\x8b", "a gzip archive (binary data): unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (binary data): unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive (binary data): unpack it first"),
    (b"BZh", "a bzip2 archive (binary data): unpack it first"),
    (b"\xfd7zXZ\x00", "an xz archive (binary data): unpack it first"),
    (b"\x7fELF", "a program (ELF binary), not a report"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LEADING_COMMENTS = r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
_HTML_DOCUMENT = re.compile(_LEADING_COMMENTS + r"<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_FRAGMENT = re.compile(
    _LEADING_COMMENTS + r"<(?:meta|title|link|div|p|table|h[1-6]|article|section|main|span|center|font|br|ul|ol|"
    r"strong|b|style|script)\b[^>]*>",
    re.I | re.S,
)
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|p|table|tr|td|span|br|h[1-6]|meta|title)\b[^>]*>", re.I)
_HTML_ROOT = re.compile(r"<(?:html|body)\b[^>]*>", re.I)
MIN_TAGS = 5  # tags a text must hold to be a page whose markup does not open the file
# Markdown signs, line by line.
_FRONT_KEY = re.compile(r"^[\w\u4e00-\u9fff-]+\s*:")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S")
_MD_BOLD_LINE = re.compile(r"^(\*\*|__)\S.*\S\1[。：:]?$")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")
_MD_QUOTE = re.compile(r"^>\s?\S")
_MD_LINK = re.compile(r"!?\[[^\]\n]+\]\([^)\s]+\)")
MD_SURE = 2  # evidence at which Markdown wins whatever the extension
MAX_SNIFF_LINES = 2000


def head_text(head: bytes) -> str:
    """The text of a file's first bytes, leniently decoded (a cut last character is dropped)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return codecs.getincrementaldecoder(encoding)(errors="ignore").decode(head[len(bom):], final=False)
    if b"\x00" in head:
        return ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1")


def markdown_evidence(text: str) -> int:
    """How strongly ``text`` reads as Markdown: 0 (none) upwards; :data:`MD_SURE` and more is certain."""
    lines = text.split("\n", MAX_SNIFF_LINES)[:MAX_SNIFF_LINES]
    score = 0
    if lines and lines[0].strip() == "---":
        closing = next((i for i, line in enumerate(lines[1:60], 1) if line.strip() in ("---", "...")), None)
        if closing is not None and any(_FRONT_KEY.match(line) for line in lines[1:closing]):
            score += 2
    stripped = [line.strip() for line in lines]
    headings = sum(1 for line in lines if _MD_HEADING.match(line))
    bold = sum(1 for line in stripped if _MD_BOLD_LINE.match(line))
    score += min(headings, 2) + min(bold, 2)
    if any("|" in line and _MD_SEPARATOR.match(line) for line in stripped):
        score += 2
    if any(_MD_QUOTE.match(line) for line in lines):
        score += 1
    if _MD_LINK.search(text):
        score += 1
    return score


def sniff_text(text: str, hint: Format | None) -> Format:
    """The format of a source's decoded text (``hint``: the extension's format, if any)."""
    if _HTML_DOCUMENT.match(text):
        return Format.HTML
    evidence = markdown_evidence(text)
    if evidence >= MD_SURE:
        return Format.MD
    if _HTML_FRAGMENT.match(text) and not (hint is Format.MD and evidence):
        return Format.HTML
    if _HTML_ROOT.search(text) and len(_HTML_TAG.findall(text)) >= MIN_TAGS:
        return Format.HTML
    if evidence and hint is Format.MD:
        return Format.MD
    if hint is Format.HTML and len(_HTML_TAG.findall(text)) >= MIN_TAGS:
        return Format.HTML
    return Format.TXT


def sniff(head: bytes, path: Path) -> Format:
    """The format of a source from its first bytes; InputError for a format the tool does not read."""
    hint = EXTENSION_HINTS.get(path.suffix.lower())
    if head.startswith(ZIP_MAGIC):
        return Format.DOCX
    for magic, what in FOREIGN_MAGIC:
        if head.startswith(magic):
            raise InputError(what, path, None)
    return sniff_text(head_text(head), hint)


def format_of(path: Path) -> str:
    """The format :func:`sniff` gives a file, reading only its first bytes ("?" when unreadable or refused).

    Cheap enough for the build's up-to-date check: the cache key of a source
    includes the format it is read as, not just its bytes.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
        return sniff(head, path).value
    except (OSError, InputError):
        return "?"
