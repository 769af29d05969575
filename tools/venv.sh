#!/bin/sh
# Create or refresh .venv from pyproject.toml (called by make when pyproject.toml is newer than the stamp).
set -eu
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null || true
    apt-get install -y -q --no-install-recommends python3-venv >/dev/null
  else
    echo "python3 has no venv module; run: sudo apt-get install -y python3-venv" >&2
    exit 1
  fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
echo "setting up .venv from pyproject.toml (log: .venv/install.log)" >&2
if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
       .venv/bin/python -m pip install --disable-pip-version-check -e '.[test]'; } > .venv/install.log 2>&1; then
  tail -n 30 .venv/install.log >&2
  echo "error: installing the Python packages failed (full log: .venv/install.log)" >&2
  exit 1
fi
touch .venv/.installed
