"""The build end to end on the seed: ``--glossary DIR`` feeds every output, and two builds into one folder both succeed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator import build as build_mod
from tests.support.paths import GLOSSARY, ROOT, SEED

INDICATOR = "服务业增加值增速"
FORMATS = ["html", "scorecard"]


def _review_status(out: Path) -> str:
    data = json.loads((out / SEED.stem / "scorecard.json").read_text(encoding="utf-8"))
    (row,) = [r for r in data["review"] if r["name_zh"] == INDICATOR]
    return row["status"]


def _html_status(out: Path, lang: str) -> str:
    """The status class of the indicator's first (review) row in the HTML brief of ``lang``."""
    page = (out / SEED.stem / f"{SEED.stem}.{lang}.html").read_text(encoding="utf-8")
    name = page.index(INDICATOR if lang == "zh" else "growth in services value added")
    row = page[page.rindex("<tr", 0, name):name]
    return re.search(r"status-(\w+)", row).group(1)


def test_a_glossary_folder_option_feeds_the_scorecard_and_both_briefs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709251200")
    flipped = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, flipped)
    indicators = flipped / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    entry = text.index(f"{INDICATOR}:\n")
    at = text.index("polarity: higher", entry)
    indicators.write_text(text[:at] + "polarity: lower" + text[at + len("polarity: higher"):], encoding="utf-8")

    assert build_mod.build([SEED], out=tmp_path / "default", jobs=1, formats=FORMATS) == 0
    assert build_mod.build([SEED], out=tmp_path / "flipped", jobs=1, formats=FORMATS, glossary_dir=flipped) == 0
    default, changed = _review_status(tmp_path / "default"), _review_status(tmp_path / "flipped")
    assert (default, changed) == ("missed", "met")
    for lang in ("zh", "en"):
        assert _html_status(tmp_path / "default", lang) == default
        assert _html_status(tmp_path / "flipped", lang) == changed


def test_two_builds_into_one_folder_at_once_both_succeed(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1709251200", "PYTHONPATH": str(ROOT)}
    report = ROOT / "tests" / "hardening" / "bad_inputs" / "base-report.txt"
    command = [sys.executable, "-m", "generator", "build", str(report), "--out", str(tmp_path / "out"),
               "--formats", ",".join(FORMATS), "-j", "1"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=300), *p.communicate()) for p in (first, second)]
    assert [code for code, _out, _err in results] == [0, 0], results
    outputs = sorted(line.split(":")[0] if line.startswith("up to date") else line.split(" ")[0]
                     for _code, out, _err in results for line in out.splitlines() if "index.html" not in line)
    assert outputs == ["built", "up to date"], results  # one built it, the other waited and found it done
    portfolio = sorted(line.split(" ")[0] for _code, out, _err in results for line in out.splitlines()
                       if "index.html" in line)
    assert portfolio == ["built", "up"], results  # and the portfolio likewise
    assert any("waiting: another build is writing into" in err for _code, _out, err in results), results
    assert not list((tmp_path / "out").rglob(".staging-*"))
