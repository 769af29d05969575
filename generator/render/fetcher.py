"""The only way WeasyPrint may load a resource while rendering a brief.

:class:`SafeFetcher` serves ``file:`` URLs that resolve (symlinks followed)
inside an allow-list of folders — the project's ``templates/assets`` and the
brief's own output ``assets/`` — plus the installed font files fontconfig
lists (WeasyPrint loads ``@font-face { src: local(…) }`` faces through the
fetcher as ``file:`` URLs), and refuses everything else: other files,
``http(s)``, ``data:``, ``ftp`` … No network request is ever made and there
are no redirects. Every URL asked for is recorded (``requested``), and every
refusal (``refused``), so tests can prove what was and was not loaded.
"""

from __future__ import annotations

import mimetypes
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

@lru_cache(maxsize=1)
def system_font_files() -> frozenset[Path]:
    """Every font file fontconfig knows (what ``local()`` can resolve to); a fact of the machine, looked up once."""
    try:
        listing = subprocess.run(["fc-list", "-f", "%{file}\n"], capture_output=True, text=True,
                                 check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(Path(line).resolve() for line in listing.splitlines() if line.strip())


class RefusedURL(ValueError):
    """A URL outside the allow-list; WeasyPrint logs it and skips the resource."""


class SafeFetcher(URLFetcher):
    """A WeasyPrint URL fetcher restricted to local files under ``roots``."""

    def __init__(self, roots: tuple[Path, ...] | list[Path]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.requested: list[str] = []
        self.refused: list[str] = []

    def resolve(self, url: str) -> Path:
        """The local file ``url`` names, if it is allowed; else :class:`RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused non-local URL: {url}")
        path = Path(unquote(parts.path)).resolve()
        if path not in system_font_files() and not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL(f"refused file outside the brief's assets: {url}")
        if not path.is_file():
            raise RefusedURL(f"no such asset: {url}")
        return path

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.requested.append(url)
        try:
            path = self.resolve(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})
