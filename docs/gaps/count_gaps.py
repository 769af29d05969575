"""Count the gaps of saved `glossary gaps` lists by kind.

Usage: .venv/bin/python docs/gaps/count_gaps.py docs/gaps/*.yaml
Units the units table lacks are listed by `glossary gaps` as comments; they
are counted as kind ``unit``.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path


def counts(path: Path) -> collections.Counter[str]:
    text = path.read_text(encoding="utf-8")
    kinds = collections.Counter(re.findall(r"^  kind: (\w+)", text, re.M))
    units = len(re.findall(r"^# unit not in units.yaml", text, re.M))
    if units:
        kinds["unit"] = units
    return kinds


def main(paths: list[str]) -> None:
    for name in paths:
        kinds = counts(Path(name))
        detail = " ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
        print(f"{Path(name).name:48} total {sum(kinds.values()):4}  {detail}")


if __name__ == "__main__":
    main(sys.argv[1:])
