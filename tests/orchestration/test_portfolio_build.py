"""The portfolio phase of ``build``: its files and links, findings in the briefs, staleness, failures."""

from __future__ import annotations

import dataclasses

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import generator.paths as paths_mod
from tests.support.paths import ROOT
import generator.render.page as page_mod
from generator import build as build_mod
from tests.support.report_pairs import BASE, next_year, retargeted, write_pair

FORMATS = ["html", "scorecard"]
LATER = "qingchuan-2032"
EARLIER = "qingchuan-2031"
FINDING_EN = "Target changed: growth in fixed-asset investment is reviewed against 6%; the 2031 plan set 5%"
FINDING_ZH = "目标变动：固定资产投资增速按6（%）的目标评价，而2031年计划确定的目标为5（%）"


@pytest.fixture
def pair(tmp_path, monkeypatch) -> dict:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709251200")
    sources = write_pair(tmp_path / "seeds", BASE, retargeted(next_year(BASE), "固定资产投资增速", "6"))
    return {"sources": list(sources), "out": tmp_path / "build", "tmp": tmp_path}


def _build(pair, capsys, sources=None) -> tuple[int, str, str]:
    rc = build_mod.build(sources or pair["sources"], out=pair["out"], jobs=1, formats=FORMATS)
    out, err = capsys.readouterr()
    return rc, out, err


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def _html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_portfolio_links_every_brief_and_the_finding_reaches_both(pair, capsys):
    rc, out, err = _build(pair, capsys)
    assert rc == 0, err
    root = pair["out"]
    assert f"built {root / 'index.html'} (" in out
    for page in ("index.html", "portfolio.zh.html"):
        soup = _html(root / page)
        hrefs = [a["href"] for a in soup.find_all("a", href=True)]
        files = [h for h in hrefs if not h.startswith("#")]
        assert f"{LATER}/{LATER}.en.html" in files and f"{EARLIER}/scorecard.csv" in files
        assert "scorecards.csv" in files and "index.html" in files and "portfolio.zh.html" in files
        assert [h for h in files if not (root / h).is_file()] == []
        assert [h for h in hrefs if h.startswith("#") and soup.find(id=h[1:]) is None] == []
    combined = (root / "scorecards.csv").read_text(encoding="utf-8").splitlines()
    assert {line.split(",", 1)[0] for line in combined[1:]} == {EARLIER, LATER}
    assert FINDING_EN in _html(root / "index.html").get_text(" ")
    assert FINDING_ZH in _html(root / "portfolio.zh.html").get_text()
    later = {lang: _html(root / LATER / f"{LATER}.{lang}.html").get_text() for lang in ("en", "zh")}
    assert FINDING_EN in later["en"] and FINDING_ZH in later["zh"]
    earlier = _html(root / EARLIER / f"{EARLIER}.en.html").get_text()
    assert "Target changed" not in earlier


def test_the_portfolio_is_rebuilt_when_its_inputs_change_and_only_then(pair, capsys, monkeypatch):
    assert _build(pair, capsys)[0] == 0
    root = pair["out"]
    before = _inodes(root)
    rc, out, _err = _build(pair, capsys)  # nothing changed
    assert rc == 0 and f"up to date: {root / 'index.html'}" in out and _inodes(root) == before

    templates = pair["tmp"] / "templates"  # the portfolio's own templates changed
    shutil.copytree(ROOT / "templates", templates)
    css = templates / "portfolio" / "portfolio.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    default = paths_mod.Paths.default
    monkeypatch.setattr(paths_mod.Paths, "default", lambda glossary=None, root=paths_mod.PACKAGE_ROOT:
                        dataclasses.replace(default(glossary, root), templates=templates))
    rc, out, _err = _build(pair, capsys)
    assert rc == 0 and f"built {root / 'index.html'}" in out
    assert out.count("up to date:") == 2  # both reports
    after = _inodes(root)
    assert [n for n in before if n.startswith(f"{LATER}/") and before[n] != after.get(n)] == []

    # The earlier report now plans what the later one reviews: its analysis changed, the finding is gone,
    # so the later report's briefs (their corpus context) and the portfolio are rebuilt.
    earlier = pair["sources"][0]
    text = earlier.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "固定资产投资增速" in line)
    earlier.write_text(text.replace(row, row[:row.rindex("5")] + "6"), encoding="utf-8")
    rc, out, err = _build(pair, capsys)
    assert rc == 0, err
    assert f"built {root / LATER}/" in out and f"built {root / 'index.html'}" in out
    assert "Target changed" not in _html(root / LATER / f"{LATER}.en.html").get_text()
    assert "Target changed" not in _html(root / "index.html").get_text()


def test_a_failed_report_is_named_on_the_portfolio_and_the_others_are_built(pair, capsys):
    broken = pair["tmp"] / "seeds" / "broken-2032.txt"
    broken.write_bytes(b"")
    missing = pair["tmp"] / "seeds" / "missing-2032.txt"
    rc, out, err = _build(pair, capsys, [*pair["sources"], broken, missing])
    assert rc == 2
    assert f"built {pair['out'] / LATER}/" in out and f"built {pair['out'] / 'index.html'}" in out
    failed = [li.find(class_="error").get_text() for li in _html(pair["out"] / "index.html").find(id="failed")("li")]
    printed = [line.removeprefix("error: ") for line in err.splitlines() if line.startswith("error: ")]
    assert sorted(failed) == sorted(printed)  # the one-line reason, as the build printed it
    assert any(f"{broken}:1: empty file" == reason for reason in failed)
    assert any(reason.startswith(f"{missing}: cannot read") for reason in failed)


def test_a_report_may_not_take_a_name_of_the_portfolio(pair, capsys):
    taken = pair["tmp"] / "seeds" / "assets.txt"
    taken.write_text(pair["sources"][0].read_text(encoding="utf-8"), encoding="utf-8")
    rc, out, err = _build(pair, capsys, [*pair["sources"], taken])
    assert rc == 2 and f"error: {taken}: {pair['out'] / 'assets'} is a file or folder of the portfolio" in err
    assert f"built {pair['out'] / LATER}/" in out and (pair["out"] / "assets" / "portfolio.css").is_file()


def test_portfolio_files_no_longer_written_are_removed(pair, capsys):
    assert _build(pair, capsys)[0] == 0
    root = pair["out"]
    stamp = build_mod.read_stamp(root / build_mod.PORTFOLIO_STAMP)
    (root / "portfolio.en.pdf").write_bytes(b"%PDF- from an earlier build with PDFs")
    build_mod.write_stamp(root / build_mod.PORTFOLIO_STAMP, {**stamp, "digest": "earlier",
                                                             "files": [*stamp["files"], "portfolio.en.pdf"]})
    rc, out, _err = _build(pair, capsys)
    assert rc == 0 and f"built {root / 'index.html'}" in out
    assert not (root / "portfolio.en.pdf").exists() and (root / "index.html").is_file()


def test_a_report_that_failed_to_render_is_marked_until_it_builds_again(pair, capsys, monkeypatch):
    from generator.errors import TemplateError

    assert _build(pair, capsys)[0] == 0
    later = pair["sources"][1]
    later.write_text(later.read_text(encoding="utf-8").replace("经济运行平稳", "经济运行总体平稳"), encoding="utf-8")
    real = page_mod.write

    def failing(job):
        raise TemplateError("the renderer broke", "brief.html", 7)

    monkeypatch.setattr(page_mod, "write", failing)
    rc, out, _err = _build(pair, capsys)
    assert rc == 2 and f"built {pair['out'] / 'index.html'}" in out
    row = _html(pair["out"] / "index.html").find(id=f"report-{LATER}")
    assert "the renderer broke" in row.get_text() and row.find("a", href=f"{LATER}/{LATER}.en.html")  # old outputs
    monkeypatch.setattr(page_mod, "write", real)
    rc, out, err = _build(pair, capsys)
    assert rc == 0, err
    assert f"built {pair['out'] / LATER}/" in out and f"built {pair['out'] / 'index.html'}" in out
    assert "the renderer broke" not in _html(pair["out"] / "index.html").get_text()
