"""Rendering terms with gap tracking and the gap workflow (generator.localise.gaps)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.brief import Segment, Text
from generator.cli import main
from generator.localise.gaps import Gap, Place, RankedGap, TermRenderer, add_stubs, needed_terms, stub_text
from generator.lexicon.glossary import read_glossary
from generator.read import read_document
from tests.support.paths import FIXTURES, SEED
from tests.support.project import glossary_problems, language, project

GOOD = FIXTURES / "glossary" / "good"


@pytest.fixture
def renderer() -> TermRenderer:
    return TermRenderer(read_glossary(GOOD), project().units, language("en"), "zh-Hans")


def test_known_term_renders_english(renderer: TermRenderer) -> None:
    assert renderer.term("地区生产总值增速", "indicator") == Text((Segment("GRP growth"),))
    assert renderer.gaps == []


def test_unknown_term_is_a_marked_gap_with_count_line_and_context(renderer: TermRenderer) -> None:
    text = renderer.term("科技型企业", "indicator", line=600, context="19 | 科技型企业（家） | 48000")
    assert text == Text((Segment("科技型企业", lang="zh-Hans", gap=True),))
    assert text.gaps == ["科技型企业"]
    renderer.term("科技型企业", "indicator", line=700)
    assert renderer.gaps == [Gap("科技型企业", "indicator", 2, 600, "19 | 科技型企业（家） | 48000")]


def test_untranslated_stub_is_a_gap(renderer: TermRenderer) -> None:
    assert renderer.term("待译术语", "term").gaps == ["待译术语"]


def test_gaps_list_most_important_kinds_first(renderer: TermRenderer) -> None:
    for zh, kind in [("某政策", "policy"), ("某条目", "item"), ("某指标", "indicator"), ("某标题", "heading"), ("某数", "metric")]:
        renderer.term(zh, kind)
    assert [g.kind for g in renderer.gaps] == ["indicator", "heading", "item", "metric", "policy"]


def test_units_render_from_the_units_table(renderer: TermRenderer) -> None:
    assert str(renderer.unit("亿元")) == "CNY 100 million"
    assert renderer.unit("某单位").gaps == ["某单位"]


def test_pattern_title_renders_with_its_slots(renderer: TermRenderer) -> None:
    title = "关于某某省2030年国民经济和社会发展计划执行情况及2031年计划草案的报告"
    assert str(renderer.term(title, "title")) == (
        "Report on the Implementation of the 2030 Plan for National Economic and Social Development "
        "of Mouprovince and on the 2031 Draft Plan"
    )
    # a region the glossary lacks leaves the whole title a gap
    assert renderer.term(title.replace("某某省", "无名省"), "title").gaps


def test_needed_terms_of_the_seed() -> None:
    needed = needed_terms(read_document(SEED), project())
    kinds = {(t.zh, t.kind) for t in needed}
    assert ("重庆市发展和改革委员会", "organisation") in kinds
    assert ("积极扩大有效投资", "item") in kinds
    assert ("农业增加值增速", "indicator") in kinds
    assert ("推动高质量发展", "heading") in kinds  # a category of the indicator tables
    assert ("亿美元", "unit") in kinds
    assert len(kinds) == len(needed)  # each term once
    first = next(t for t in needed if t.zh == "农业增加值增速")
    assert first.line is not None and "农业增加值增速" in (first.context or "")


def _ranked(zh: str, kind: str, count: int = 1, line: int | None = None, sentence: str | None = None,
            suggestion: str | None = None, rank: int = 1) -> RankedGap:
    return RankedGap(rank, Gap(zh, kind, count, line), Place.ITEM, count, sentence, suggestion)


def test_stub_is_yaml_that_loads_as_untranslated_entries(tmp_path: Path) -> None:
    gaps = [_ranked("科技型企业", "indicator", 2, 600, "科技型企业（家） | 48000"), _ranked("某政策", "policy", rank=2)]
    text = stub_text(gaps)
    assert ("# 1/2 item title ×2, line 600 → indicators.yaml\n# 科技型企业（家） | 48000\n"
            "科技型企业:\n  en: ''\n  kind: indicator\n  id: ''\n  polarity: ''\n") in text
    (tmp_path / "terms.yaml").write_text(text, encoding="utf-8")
    problems = glossary_problems(tmp_path)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "科技型企业: untranslated (fill in en, id, polarity)", "某政策: untranslated (fill in en)",
    ]
    assert read_glossary(tmp_path).lookup("某政策") is None


def test_writing_keeps_comments_order_and_text_of_the_file(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "g")
    path = tmp_path / "g" / "terms.yaml"
    before = path.read_text(encoding="utf-8")
    add_stubs(tmp_path / "g", [_ranked("某政策", "policy", 3, 12, "推进某政策落地", rank=4)], total=9)
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):] == "# 4/9 item title ×3, line 12 → terms.yaml\n# 推进某政策落地\n某政策:\n  en: ''\n  kind: policy\n"
    data = YAML(typ="rt").load(after)
    assert list(data)[-2:] == ["待译术语", "某政策"]
    assert "# -- keep this comment --" in after and "# shorthand form" in after


def test_writing_a_file_ruamel_would_restyle_appends_instead(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    before = "甲:   first    # odd spacing\n乙:\n    en: second\n"
    path.write_text(before, encoding="utf-8")
    add_stubs(tmp_path, [_ranked("丙", "term")], total=1)
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before) and "丙:\n  en: ''\n" in after
    assert glossary_problems(tmp_path) == [f"{path}:{after.count(chr(10)) - 2}:1: 丙: untranslated (fill in en)"]


def test_gaps_command_prints_a_stub_and_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(GOOD, tmp_path / "g")
    assert main(["glossary", "gaps", str(SEED), "--dir", str(tmp_path / "g")]) == 0
    out = capsys.readouterr().out
    stub = YAML(typ="safe").load(out)
    assert stub["积极扩大有效投资"] == {"en": "", "kind": "item"}
    assert stub["农业增加值增速"]["kind"] == "indicator"
    assert "地区生产总值增速" not in stub  # in the fixture glossary

    assert main(["glossary", "gaps", str(SEED), "--dir", str(tmp_path / "g"), "--write"]) == 0
    capsys.readouterr()
    items = YAML(typ="safe").load((tmp_path / "g" / "items.yaml").read_text(encoding="utf-8"))
    assert items["积极扩大有效投资"] == {"en": "", "kind": "item"}
    assert read_glossary(tmp_path / "g").find("农业增加值增速").file.endswith("indicators.yaml")

    # a second run finds the stubs already in place and writes nothing more
    files = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "g").glob("*.yaml")}
    assert main(["glossary", "gaps", str(SEED), "--dir", str(tmp_path / "g"), "--write"]) == 0
    assert "untranslated stub, fill in: 积极扩大有效投资" in capsys.readouterr().out
    assert files == {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "g").glob("*.yaml")}


def test_gaps_command_says_no_gaps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(GOOD, tmp_path / "g")
    # fill the glossary with every needed term, then no gaps remain
    needed = needed_terms(read_document(report), project())
    terms = dict.fromkeys(t.zh for t in needed if t.kind != "unit")  # a term may be asked for as two kinds
    lines = [f"{json.dumps(zh, ensure_ascii=False)}: x{i}" for i, zh in enumerate(terms)]
    (tmp_path / "g" / "all.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "g" / "terms.yaml").write_text("其他: other\n", encoding="utf-8")
    for name in ("indicators.yaml", "headings.yaml", "report.yaml"):
        (tmp_path / "g" / name).unlink()
    assert main(["glossary", "gaps", str(report), "--dir", str(tmp_path / "g")]) == 0
    assert capsys.readouterr().out == f"no gaps: {report}\n"
