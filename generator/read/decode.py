"""Bytes -> text: reading the file, refusing binary data, choosing the encoding.

The rule (in this order): a byte-order mark decides; else an encoding the
document declares (HTML ``<meta charset>``) if the bytes decode with it; else
UTF-8 if the bytes are valid UTF-8; else GB18030 (which covers GB2312 and
GBK) if they decode cleanly and the result is mostly Chinese. Anything else
is an :class:`InputError` naming the line of the first undecodable byte.
Line ends (CRLF, CR) become ``\\n``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from generator.errors import InputError
from generator.read import limits

BOMS: list[tuple[bytes, str]] = [  # longest first: UTF-32-LE's BOM starts with UTF-16-LE's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Declared names that mean "GB18030 or a subset of it" (decode with the superset).
GB_ALIASES = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"}
# Shares of the decoded text that make it "mostly Chinese" / "mostly control characters".
MIN_CJK_SHARE = 0.85
MAX_CONTROL_SHARE = 0.1
# C0/C1 control characters other than \t \n \v \f \r
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is an InputError, one over the size limit too."""
    try:
        size = path.stat().st_size
        if path.is_file():
            limits.check("source_mb", size, None)
        return path.read_bytes()
    except limits.LimitExceeded as exc:
        raise InputError(str(exc), path, None) from None
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a report file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF  # unified ideographs
        or 0x3000 <= cp <= 0x303F  # CJK punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x2010 <= cp <= 0x206F  # general punctuation: “” — …
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x2460 <= cp <= 0x24FF  # circled numbers ①
        or 0x25A0 <= cp <= 0x25FF  # geometric shapes ▽ △ ■
        or 0x2160 <= cp <= 0x217F  # roman numerals Ⅱ
        or ch in "·×÷∶°±≤≥"
    )


def _mostly_cjk(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return bool(wide) and sum(map(_is_cjk, wide)) >= MIN_CJK_SHARE * len(wide)


def _declared(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def check_binary(data: bytes, path: Path) -> None:
    """Refuse NUL bytes (binary files, or UTF-16 without a BOM)."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError("binary data (NUL byte), not a text report", path, _line_of(data, nul))


def _check_controls(text: str, path: Path) -> None:
    count = len(_CONTROLS.findall(text))
    if count and count > MAX_CONTROL_SHARE * len(text):
        first = _CONTROLS.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else None
        raise InputError("binary data (mostly control characters), not a text report", path, line)


def decode(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode per the module rule; the text has ``\\n`` line ends and no BOM."""
    text = _decode(data, path, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_controls(text, path)
    return text


def _decode(data: bytes, path: Path, declared: str | None) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                line = _line_of(data, exc.start + len(bom)) if encoding == "utf-8" else None
                raise InputError(f"invalid {encoding.upper()} after the byte-order mark", path, line) from None
    check_binary(data, path)
    encoding = _declared(declared)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass  # mislabelled pages are common: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        # Report the byte where the better-fitting encoding got stuck.
        where = max(utf8_error, exc.start)
        raise InputError("undecodable bytes: neither UTF-8 nor GB18030 text", path, _line_of(data, where)) from None
    if not _mostly_cjk(text):
        raise InputError("undecodable bytes: not UTF-8, and not Chinese as GB18030", path, _line_of(data, utf8_error))
    return text
