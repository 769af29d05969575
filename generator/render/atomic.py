"""Atomic file writes: write to a temporary name in the same folder, then rename.

Every output (PDF, DOCX, HTML, charts, scorecard files, stamps) goes through
these helpers, so a reader never sees a half-written file and an interrupted
or failed build leaves the previous complete file in place. The temporary
name starts with ``.`` and ends with ``.part`` so stray ones are easy to find
(:func:`remove_stale_temps`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

TEMP_SUFFIX = ".part"


def temp_path_for(path: Path) -> Path:
    """A fresh, unused temporary path in the folder of ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    os.chmod(name, 0o666 & ~_umask())  # mkstemp creates 0600; outputs are ordinary files
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success rename it onto ``path``, on failure delete it."""
    tmp = temp_path_for(path)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (``\\n`` line ends on every platform)."""
    return write_bytes(path, text.encode(encoding))


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files an earlier crash left in ``folder`` (recursively); return how many."""
    if not folder.is_dir():
        return 0
    count = 0
    for tmp in folder.rglob(f".*{TEMP_SUFFIX}"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            count += 1
    return count
