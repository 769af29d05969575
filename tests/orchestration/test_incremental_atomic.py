"""Build orchestration: outputs, incremental decisions, atomic writes, errors, gaps, dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sys
import types
from pathlib import Path

import pytest

import generator.analyse.analysis as analysis_mod
import generator.analyse.corpus as corpus_mod
import generator.localise.briefs as briefs_mod
import generator.read
import generator.render.scorecard_files as scorecard_mod
from generator import build as build_mod
from generator.errors import InputError
from generator.render.atomic import atomic_path, write_bytes
from tests.support.sample_brief import sample_brief
from tests.support.paths import ROOT
from tests.support.project import render_ctx

FAST = ["html", "scorecard"]  # skip PDF/DOCX where the test is about decisions, not formats
GLOSSARY_FILES = {
    "indicators.yaml": "甲指标增速:\n  id: a_growth\n  en: growth of A\n  kind: indicator\n  unit: '%'\n"
                       "  polarity: higher\n  source: test\n",
    "terms.yaml": "约束性指标: binding target\n",
}


@pytest.fixture
def pipeline(monkeypatch, tmp_path):
    """Stand-ins for the reader, the analysis, the brief builder and the scorecard files; a report and a small
    real glossary (whose digests decide staleness) in tmp_path."""
    calls: list[str] = []
    analysed: list[str] = []

    def read_document(path):
        text = Path(path).read_text(encoding="utf-8")
        if "BROKEN" in text:
            raise InputError("no recognisable structure", path, 3)
        return types.SimpleNamespace(path=Path(path), text=text)

    def analyse(doc, lexicon):
        analysed.append(doc.path.name)
        return types.SimpleNamespace(doc=doc)

    def build_brief(analysis, project, lang, generated, context=None, draft=False):
        calls.append(analysis.doc.path.name)
        assert isinstance(generated, dt.date)
        brief = sample_brief(lang.code)
        if lang.code == "en" and "NOGAP" in analysis.doc.text:
            brief = dataclasses.replace(brief, sections=brief.sections[:3])
        return brief

    monkeypatch.setattr(generator.read, "read_document", read_document)
    monkeypatch.setattr(analysis_mod, "analyse", analyse)
    monkeypatch.setattr(briefs_mod, "build_brief", build_brief)
    # The stand-in analyses have no document to compare: the cross-report stage finds nothing.
    monkeypatch.setattr(corpus_mod, "analyse_corpus", lambda analyses, measures: corpus_mod.CorpusAnalysis())
    monkeypatch.setattr(scorecard_mod, "scorecard_json_text",
                        lambda a, words: json.dumps({"source": a.doc.path.name, "rows": []}) + "\n")
    monkeypatch.setattr(scorecard_mod, "scorecard_csv", lambda a, words: "number,name,status\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709251200")  # 2024-03-01

    source = tmp_path / "seeds" / "demo-plan.txt"
    source.parent.mkdir()
    source.write_text("一、执行情况\n", encoding="utf-8")
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    for name, text in GLOSSARY_FILES.items():
        (glossary / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "glossary" / "units.yaml", glossary / "units.yaml")
    return types.SimpleNamespace(calls=calls, analysed=analysed, source=source, glossary=glossary,
                                 out=tmp_path / "build")


def _build(p, capsys, formats=FAST, **kw) -> tuple[int, str, str]:
    rc = build_mod.build([p.source], out=p.out, jobs=kw.pop("jobs", 1), formats=formats,
                         glossary_dir=p.glossary, **kw)
    out, err = capsys.readouterr()
    return rc, out, err


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith((".staging-",)) or p.name.endswith(".part")]


def test_full_build_writes_every_output(pipeline, capsys):
    rc, out, err = _build(pipeline, capsys, formats=None)
    assert rc == 0, err
    folder = pipeline.out / "demo-plan"
    names = {p.name for p in folder.iterdir()}
    assert {f"demo-plan.{lang}.{ext}" for lang in ("zh", "en") for ext in ("pdf", "docx", "html")} <= names
    assert {"scorecard.json", "scorecard.csv", "assets", ".build.json"} <= names
    assets = {p.name for p in (folder / "assets").iterdir()}
    assert {"brief.css", "scorecard.zh.svg", "scorecard.en.svg", "projects.en.svg"} <= assets
    assert not any(name.endswith(".png") for name in assets)
    fonts = {p.name for p in (folder / "assets" / "fonts").iterdir()}
    assert fonts == {f"brief-{kind}.{lang}.otf" for kind in ("serif", "sans") for lang in ("zh", "en")}
    assert out.startswith(f"built {folder}/ (") and out.rstrip().endswith(" s)")
    assert json.loads((folder / "scorecard.json").read_text(encoding="utf-8"))["source"] == "demo-plan.txt"
    assert (folder / "demo-plan.zh.pdf").read_bytes().startswith(b"%PDF")
    assert (folder / "demo-plan.en.docx").read_bytes().startswith(b"PK")
    assert _leftovers(folder) == []


def test_second_run_rebuilds_nothing(pipeline, capsys):
    assert _build(pipeline, capsys)[0] == 0
    before = _inodes(pipeline.out)
    calls = len(pipeline.calls)
    rc, out, _err = _build(pipeline, capsys)
    assert rc == 0
    assert out == f"up to date: {pipeline.out / 'demo-plan'}/\nup to date: {pipeline.out / 'index.html'}\n"
    assert len(pipeline.calls) == calls
    assert _inodes(pipeline.out) == before


def _changed_after(pipeline, capsys, edit) -> tuple[list[str], int]:
    """Build, apply ``edit``, build again: the files replaced and the briefs built by the second build."""
    _build(pipeline, capsys)
    before = _inodes(pipeline.out / "demo-plan")
    calls = len(pipeline.calls)
    edit()
    rc, out, err = _build(pipeline, capsys)
    assert rc == 0, err
    after = _inodes(pipeline.out / "demo-plan")
    return sorted(name for name in before if before[name] != after[name]), len(pipeline.calls) - calls


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rendering_change_rebuilds_only_the_english_brief(pipeline, capsys):
    changed, briefs = _changed_after(
        pipeline, capsys, lambda: _edit(pipeline.glossary / "terms.yaml", "binding target", "binding targets"))
    assert briefs == 1  # the en brief only
    assert "demo-plan.en.html" in changed
    assert not [name for name in changed if ".zh." in name or name.startswith("scorecard.")]


def test_a_catalogue_change_rebuilds_every_output_of_the_report(pipeline, capsys):
    """The indicator catalogue is analysis input: a polarity edit changes statuses in both languages and the data."""
    changed, briefs = _changed_after(
        pipeline, capsys, lambda: _edit(pipeline.glossary / "indicators.yaml", "polarity: higher", "polarity: lower"))
    assert briefs == 2
    assert {"demo-plan.zh.html", "demo-plan.en.html", "scorecard.json", "scorecard.csv"} <= set(changed)


def test_a_units_change_rebuilds_what_formats_numbers(pipeline, capsys):
    """The units table formats every brief's numbers and the scorecard files' sentences, in every language."""
    changed, briefs = _changed_after(
        pipeline, capsys, lambda: _edit(pipeline.glossary / "units.yaml", "[person, people]", "[person, persons]"))
    assert briefs == 2
    assert {"demo-plan.zh.html", "demo-plan.en.html", "scorecard.json", "scorecard.csv"} <= set(changed)


def test_each_report_is_analysed_once_and_each_brief_built_once_for_all_its_outputs(pipeline, capsys):
    # Every render task (HTML with its PDF, DOCX; each language) in the pool; the PDF adds no task of its own.
    rc, _out, err = _build(pipeline, capsys, formats=["html", "docx", "scorecard"], jobs=2)
    assert rc == 0, err
    assert pipeline.analysed == ["demo-plan.txt"]
    assert pipeline.calls == ["demo-plan.txt", "demo-plan.txt"]  # en and zh, not once per HTML/DOCX task


def test_source_change_rebuilds_all_and_missing_file_is_rebuilt(pipeline, capsys):
    _build(pipeline, capsys)
    folder = pipeline.out / "demo-plan"
    (folder / "demo-plan.zh.html").unlink()
    calls = len(pipeline.calls)
    assert _build(pipeline, capsys)[0] == 0
    assert (folder / "demo-plan.zh.html").is_file()
    assert len(pipeline.calls) == calls + 1  # zh only
    pipeline.source.write_text("一、执行情况\n二、总体考虑\n", encoding="utf-8")
    assert _build(pipeline, capsys)[0] == 0
    assert len(pipeline.calls) == calls + 3  # zh and en again


def test_stale_units_follow_their_inputs(tmp_path):
    lexicon = build_mod.LexiconDigests(catalogue="cat", keys="keys", terms="terms", units="units", measures="m")
    prints = build_mod.Fingerprints("code", lexicon, {"html": "h", "docx": "d"}, {"zh": "mzh", "en": "men"},
                                    frozenset({"en"}), "2024-03-01", source="zh")
    units = build_mod.wanted_units(None, ["zh", "en"])
    briefs = [u for u in units if u != "scorecard"]

    def digests(p, context="ctx"):
        return {u: p.unit_digest(u, p.analysis_digest("src", "txt"), context) for u in units}

    stamp = {"units": {u: {"digest": d, "files": ["x"]} for u, d in digests(prints).items()}}
    (tmp_path / "x").write_text("x")

    def stale(context="ctx", **changes):
        changed = dataclasses.replace(prints, **changes)
        return build_mod.stale_units(tmp_path, digests(changed, context), stamp)

    assert stale() == []
    assert stale(lexicon=dataclasses.replace(lexicon, terms="new")) == ["en.html", "en.docx"]
    assert stale(lexicon=dataclasses.replace(lexicon, catalogue="new")) == units
    assert stale(lexicon=dataclasses.replace(lexicon, keys="new")) == units
    assert stale(lexicon=dataclasses.replace(lexicon, units="new")) == units
    # zh words the data files, which every PDF carries
    assert stale(messages={"zh": "new", "en": "men"}) == ["scorecard", "zh.html", "zh.docx", "en.html"]
    assert stale(messages={"zh": "mzh", "en": "new"}) == ["en.html", "en.docx"]
    assert stale(templates={"html": "new", "docx": "d"}) == ["zh.html", "en.html"]
    assert stale(templates={"html": "h", "docx": "new"}) == ["zh.docx", "en.docx"]
    assert stale(code="new") == units
    assert stale(date="2024-03-02") == briefs
    assert stale(context="other") == briefs
    assert build_mod.stale_units(tmp_path, {u: prints.unit_digest(u, prints.analysis_digest("src", "md"), "ctx")
                                            for u in units}, stamp) == units  # same bytes read as another format


def test_failed_report_keeps_previous_outputs_and_leaves_no_temp_files(pipeline, capsys):
    _build(pipeline, capsys)
    folder = pipeline.out / "demo-plan"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    pipeline.source.write_text("BROKEN\n", encoding="utf-8")
    rc, out, err = _build(pipeline, capsys)
    assert rc == 2
    assert out.startswith(f"built {pipeline.out / 'index.html'} (")  # only the portfolio, which names the failure
    assert err.strip() == f"error: {pipeline.source}:3: no recognisable structure"
    assert "no recognisable structure" in (pipeline.out / "index.html").read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert _leftovers(folder) == []


def test_renderer_failure_midway_leaves_nothing_partial(pipeline, capsys, monkeypatch):
    _build(pipeline, capsys)
    folder = pipeline.out / "demo-plan"
    before = _inodes(folder)
    import generator.render.page as page_mod
    from generator.errors import TemplateError

    real = page_mod.render_html

    def half_then_fail(brief, out_dir, stem, ctx, charts=None):
        real(brief, out_dir, stem, ctx, charts)
        if brief.lang == "en":
            raise TemplateError("template broke", "templates/brief.html", 7)
        return out_dir / f"{stem}.html"

    monkeypatch.setattr(page_mod, "render_html", half_then_fail)
    pipeline.source.write_text("一、执行情况（修改）\n", encoding="utf-8")
    rc, _out, err = _build(pipeline, capsys)
    assert rc == 2 and "error: templates/brief.html:7: template broke" in err
    assert _inodes(folder) == before  # zh succeeded but is not committed alone
    assert _leftovers(folder) == []


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "out.pdf"
    write_bytes(target, b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"partial")
            raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_gaps_reported_and_strict_fails(pipeline, capsys):
    rc, _out, err = _build(pipeline, capsys)
    assert rc == 0
    assert f"1 glossary gap in the English brief; list them: python -m generator glossary gaps {pipeline.source}" in err
    shutil.rmtree(pipeline.out)
    rc, out, err = _build(pipeline, capsys, strict=True)
    assert rc == 2 and "--strict" in err and out == ""  # no report has outputs: no portfolio either
    assert not (pipeline.out / "demo-plan" / "demo-plan.en.html").exists()
    pipeline.source.write_text("NOGAP\n", encoding="utf-8")
    rc, _out, err = _build(pipeline, capsys, strict=True)
    assert rc == 0 and "gap" not in err


def test_glossary_problems_stop_the_build(pipeline, capsys):
    (pipeline.glossary / "terms.yaml").write_text("约束性指标: binding target\n约束性指标: bound\n", encoding="utf-8")
    rc, out, err = _build(pipeline, capsys)
    assert rc == 2 and out == ""
    assert f"error: {pipeline.glossary}/terms.yaml:2:1: duplicate key '约束性指标' (first at line 1)" in err
    assert not (pipeline.out / "demo-plan").exists()


def test_other_reports_still_built_when_one_fails(pipeline, capsys):
    bad = pipeline.source.parent / "bad-plan.txt"
    bad.write_text("BROKEN\n", encoding="utf-8")
    rc = build_mod.build([bad, pipeline.source, pipeline.source.parent / "missing.txt"], out=pipeline.out,
                         jobs=2, formats=FAST, glossary_dir=pipeline.glossary)
    out, err = capsys.readouterr()
    assert rc == 2
    assert f"built {pipeline.out / 'demo-plan'}/" in out
    assert f"error: {bad}:3: no recognisable structure" in err
    assert "missing.txt: cannot read" in err
    assert (pipeline.out / "demo-plan" / "demo-plan.en.html").is_file()
    assert not (pipeline.out / "bad-plan").exists() or _leftovers(pipeline.out / "bad-plan") == []


def test_generation_date_from_source_date_epoch():
    assert build_mod.generation_date({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)
    assert build_mod.generation_date({}) == dt.date.today()
    with pytest.raises(build_mod.BriefError):
        build_mod.generation_date({"SOURCE_DATE_EPOCH": "yesterday"})


def test_noop_check_imports_nothing_heavy(pipeline, capsys):
    _build(pipeline, capsys)
    import subprocess

    code = (
        "import sys, pathlib\n"
        "from generator.build import build\n"
        f"build([pathlib.Path({str(pipeline.source)!r})], out=pathlib.Path({str(pipeline.out)!r}), jobs=1,"
        f" formats={FAST!r}, glossary_dir=pathlib.Path({str(pipeline.glossary)!r}))\n"
        "heavy = [m for m in ('weasyprint', 'matplotlib', 'docx', 'jinja2') if m in sys.modules]\n"
        "print('heavy', heavy)\n"
    )
    env = {"SOURCE_DATE_EPOCH": "1709251200", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "up to date" in result.stdout
    assert "heavy []" in result.stdout


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("formats, files", [
    pytest.param(["html", "docx", "scorecard"], 16, id="no-pdf"),  # html, docx ×2, assets, scorecard
    pytest.param(None, 18, id="every-format", marks=pytest.mark.slow),  # and the PDFs: twice as long
])
def test_parallel_build_commits_every_report_with_the_same_bytes_as_serial(pipeline, capsys, formats, files):
    other = pipeline.source.parent / "other-plan.txt"
    other.write_text("一、执行情况\n（一）另一份报告\n", encoding="utf-8")
    sources = [pipeline.source, other]
    outs = {}
    for jobs in (2, 1):
        out = pipeline.out / f"j{jobs}"
        rc = build_mod.build(sources, out=out, jobs=jobs, formats=formats, glossary_dir=pipeline.glossary)
        stdout, err = capsys.readouterr()
        assert rc == 0, err
        for source in sources:
            assert f"built {out / source.stem}/ ({files} files, " in stdout
        outs[jobs] = {stem: _contents(out / stem) for stem in ("demo-plan", "other-plan")}
    assert outs[2] == outs[1]
    assert len(pipeline.calls) == 2 * 2 * len(sources)  # per run: one brief per language and report


def test_charts_are_drawn_in_the_formats_asked_for(tmp_path):
    from generator.render.charts import render_charts

    brief = sample_brief("en")
    svg_only = render_charts(brief, tmp_path / "svg", render_ctx(), formats=("svg",))
    png_only = render_charts(brief, tmp_path / "png", render_ctx(), formats=("png",))
    assert svg_only.keys() == png_only.keys() and svg_only
    assert sorted(p.name for p in (tmp_path / "svg").iterdir()) == sorted(svg.name for svg, _ in svg_only.values())
    assert sorted(p.name for p in (tmp_path / "png").iterdir()) == sorted(png.name for _, png in png_only.values())
    with pytest.raises(ValueError):
        render_charts(brief, tmp_path / "x", render_ctx(), formats=("gif",))


def test_a_brief_built_alone_equals_the_one_built_with_the_other_language():
    """The build makes each language's brief separately (English first); it must not change them."""
    from generator.read import read_document
    from tests.support.project import briefs_of

    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    day = dt.date(2024, 3, 1)
    doc = read_document(seed)
    together = briefs_of(doc, generated=day)
    alone = {lang: briefs_of(read_document(seed), generated=day, langs=(lang,))[lang] for lang in ("en", "zh")}
    assert alone == together
