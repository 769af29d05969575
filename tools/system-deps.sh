#!/bin/sh
# Make sure the system packages the renderers need are present.
#   - a CJK font (fonts-noto-cjk) when fontconfig knows none for Chinese
#   - libharfbuzz-subset0: without it WeasyPrint subsets fonts with fontTools (~20x slower on CJK)
#   - Pango (WeasyPrint's text layout)
#   - with "test": poppler-utils (pdftotext, pdffonts) used by the tests, and
#     LibreOffice, Chromium, mupdf-tools (mutool) and ghostscript (gs), optional: installed
#     when possible, else their tests are skipped (the PDF tests render every page with
#     Poppler, MuPDF and Ghostscript and compare them)
# Installs them with apt-get when running as root; otherwise prints the exact command and fails.
set -eu

missing=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  missing="$missing fonts-noto-cjk fontconfig"
fi
have_lib libharfbuzz-subset.so.0 || missing="$missing libharfbuzz-subset0"
have_lib libpango-1.0.so.0 || missing="$missing libpango-1.0-0"
have_lib libpangoft2-1.0.so.0 || missing="$missing libpangoft2-1.0-0"
optional=""
if [ "${1:-}" = "test" ]; then
  command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
  # LibreOffice lets the tests open every DOCX the way a reader would; the
  # tests that need it are skipped where it cannot be installed.
  command -v soffice >/dev/null 2>&1 || optional="$optional libreoffice-writer-nogui"
  # Chromium shows the HTML briefs at phone and desktop widths (tests/render/test_phone_width.py).
  command -v chromium >/dev/null 2>&1 || optional="$optional chromium"
  command -v mutool >/dev/null 2>&1 || optional="$optional mupdf-tools"
  command -v gs >/dev/null 2>&1 || optional="$optional ghostscript"
fi

is_root_apt() { [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; }

if [ -z "$missing" ] && { [ -z "$optional" ] || ! is_root_apt; }; then
  exit 0
fi

if is_root_apt; then
  echo "installing system packages:$missing$optional" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || true
  if [ -n "$missing" ]; then
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >/dev/null
  fi
  for package in $optional; do  # one at a time: one that fails leaves the others installed
    apt-get install -y -q --no-install-recommends "$package" >/dev/null ||
      echo "warning: could not install $package; the tests that need it are skipped" >&2
  done
  exit 0
fi

echo "missing system packages:$missing" >&2
echo "run: sudo apt-get install -y --no-install-recommends$missing" >&2
exit 1
