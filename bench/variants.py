"""Make N variant reports from one plan report, for the batch benchmark.

Each variant gets another region name (in the title, issuer and prose) and
perturbed numbers (every decimal number in the prose and tables is scaled by
a per-variant factor and re-rounded to its own precision), so that the
pipeline does real work on each and no cache can short-circuit it.

    python bench/variants.py SEED OUT_DIR [-n 20]
"""

from __future__ import annotations

import argparse
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REGIONS = [
    "河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
    "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省",
    "青海省", "天津市", "上海市", "北京市",
]
_NUMBER = re.compile(r"(?<![\d.])(\d+\.\d+|\d{2,})(?![\d.])")
_YEAR_CONTEXT = re.compile(r"^(19|20)\d\d$")


def _region_of(text: str) -> str | None:
    m = re.match(r"关于(.{2,8}?[省市区])", text)
    return m.group(1) if m else None


def _perturb(text: str, rng: random.Random) -> str:
    factor = Decimal(str(round(rng.uniform(0.9, 1.1), 3)))

    def scale(m: re.Match[str]) -> str:
        raw = m.group(1)
        if _YEAR_CONTEXT.match(raw) and text[m.end(): m.end() + 1] == "年":
            return raw  # keep years
        value = Decimal(raw)
        quantum = Decimal(1).scaleb(-len(raw.split(".")[1])) if "." in raw else Decimal(1)
        return str((value * factor).quantize(quantum, rounding=ROUND_HALF_UP))

    return _NUMBER.sub(scale, text)


def make_variants(seed: Path, out: Path, count: int) -> list[Path]:
    text = seed.read_text(encoding="utf-8")
    region = _region_of(text.replace("\n", ""))
    short = region[:-1] if region else None
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        rng = random.Random(i)
        variant = text
        if region and short:
            new = REGIONS[i % len(REGIONS)]
            variant = variant.replace(region, new).replace(short, new[:-1])
        variant = _perturb(variant, rng)
        path = out / f"variant-{i + 1:02d}{seed.suffix}"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=20)
    args = ap.parse_args()
    for p in make_variants(args.seed, args.out, args.n):
        print(p)


if __name__ == "__main__":
    main()
