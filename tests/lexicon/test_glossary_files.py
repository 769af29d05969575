"""Glossary loading, validation and lookup (generator.lexicon.glossary)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import GlossaryError
from generator.lexicon.glossary import Glossary, read_glossary
from generator.lexicon.keys import normalise_key
from tests.support.paths import FIXTURES as PATHS_FIXTURES
from tests.support.project import glossary_problems, project

FIXTURES = PATHS_FIXTURES / "glossary"
GOOD = FIXTURES / "good"
BAD_CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir())
MARKER = re.compile(rb"#\s*expect:\s*(.+?)\s*$")


def expectations(case: Path) -> list[tuple[str, int, str]]:
    """(file, line, text) for every ``# expect: text`` marker in a fixture folder."""
    out = []
    for path in sorted(case.glob("*.yaml")):
        for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
            m = MARKER.search(line)
            if m:
                out.append((str(path), number, m.group(1).decode()))
    return out


@pytest.mark.parametrize("case", BAD_CASES)
def test_planted_error_is_reported_at_its_file_and_line(case: str) -> None:
    folder = FIXTURES / "bad" / case
    wanted = expectations(folder)
    assert wanted, f"fixture {case} has no # expect: marker"
    problems = glossary_problems(folder)
    for file, line, text in wanted:
        at = [p for p in problems if p.startswith(f"{file}:{line}:")]
        assert any(text in p for p in at), f"{case}: no problem with {text!r} at {file}:{line}; got {problems}"
    assert len(problems) == len(wanted), problems


@pytest.mark.parametrize("case", BAD_CASES)
def test_load_refuses_a_broken_glossary_naming_file_and_line(case: str) -> None:
    folder = FIXTURES / "bad" / case
    file, line, _ = expectations(folder)[0]
    with pytest.raises(GlossaryError) as err:
        read_glossary(folder)
    assert str(err.value).startswith(f"{file}:")
    assert err.value.path and err.value.line


def test_conflicting_english_in_two_files_names_both_places() -> None:
    problems = glossary_problems(FIXTURES / "bad" / "conflict")
    (problem,) = problems
    assert "terms.yaml:2:" in problem
    assert "indicators.yaml:1" in problem
    assert "'grain production'" in problem and "'grain output'" in problem


def test_entry_of_a_megabyte_is_refused(tmp_path: Path) -> None:
    (tmp_path / "terms.yaml").write_text("甲: first\n乙: " + "x" * 1_000_000 + "\n", encoding="utf-8")
    problems = glossary_problems(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'terms.yaml'}:2:")
    assert "limit 500" in problems[0]


def test_markup_characters_are_not_problems(tmp_path: Path) -> None:
    # Renderers escape HTML and Word markup; only control characters corrupt a document.
    (tmp_path / "terms.yaml").write_text('甲: "<b>R&D</b> \\"spending\\""\n乙: "tab\\there"\n', encoding="utf-8")
    assert glossary_problems(tmp_path) == []
    assert read_glossary(tmp_path).lookup("甲").en == '<b>R&D</b> "spending"'


def test_good_glossary_has_only_the_untranslated_stub() -> None:
    problems = glossary_problems(GOOD)
    assert problems == [f"{GOOD / 'terms.yaml'}:12:1: 待译术语: untranslated (fill in en)"]


def test_cli_check_prints_problems_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "check", "--dir", str(FIXTURES / "bad" / "tab")]) == 1
    assert "terms.yaml:3:1: tab in indentation" in capsys.readouterr().out


def test_cli_check_passes_a_clean_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "terms.yaml").write_text("甲: first\n", encoding="utf-8")
    assert main(["glossary", "check", "--dir", str(tmp_path)]) == 0
    assert "glossary OK" in capsys.readouterr().out


def test_untranslated_stub_loads_and_counts_as_a_gap() -> None:
    g = read_glossary(GOOD)
    assert g.lookup("待译术语") is None
    assert g.find("待译术语") is not None
    assert [e.zh for e in g.untranslated()] == ["待译术语"]


@pytest.fixture(scope="module")
def good() -> Glossary:
    return read_glossary(GOOD)


def test_lookup_by_term_alias_and_shorthand(good: Glossary) -> None:
    assert good.lookup("地区生产总值增速").en == "GRP growth"
    assert good.lookup("GDP增速").en == "GRP growth"
    assert good.lookup("地区生产总值").en == "GRP"
    assert good.lookup("万亩").en == "10,000 mu"
    assert good.lookup("地区生产总值增") is None


@pytest.mark.parametrize(
    "written",
    [
        "“一区”与“两群”人均地区生产总值比值",
        '"一区"与"两群"人均地区生产总值比值',
        "「一区」与「两群」人均地区生产总值比值",
        "“一区” 与 “两群” 人均地区\n生产总值比值",
    ],
)
def test_lookup_folds_quotes_and_whitespace(good: Glossary, written: str) -> None:
    entry = good.lookup(written)
    assert entry is not None and entry.id == "area_cluster_ratio"


def test_lookup_folds_width_brackets_and_case(good: Glossary) -> None:
    assert normalise_key("（ＡＢ１）") == normalise_key("(ab1)")
    assert normalise_key("〔甲〕") == normalise_key("(甲)")
    assert good.lookup("ＲＥＩＴｓ试点").en == "REITs pilot"
    assert good.lookup("reits 试点").en == "REITs pilot"


def test_entry_fields(good: Glossary) -> None:
    e = good.lookup("城镇调查失业率")
    assert (e.id, e.kind, e.unit, e.polarity) == ("urban_surveyed_unemployment", "indicator", "%", "lower")
    assert e.line == 10 and e.file.endswith("indicators.yaml")
    p = good.lookup("新发展理念")
    assert (p.kind, p.source) == ("policy", "State Council")
    assert good.lookup("万亩").kind == "term"


def test_indicator_catalogue(good: Glossary) -> None:
    assert [e.id for e in good.indicators()] == ["grp_growth", "urban_surveyed_unemployment", "area_cluster_ratio"]


def test_pattern_entry_matches_any_region_and_year(good: Glossary) -> None:
    found = good.match_pattern("关于某某省2030年国民经济和社会发展计划执行情况及2031年计划草案的报告")
    assert found is not None
    entry, slots = found
    assert slots == {"region": "某某省", "year": "2030", "plan_year": "2031"}
    # a year in Chinese numerals fills the slot too (the renderer shows it in digits)
    found = good.match_pattern("关于某某省二〇三〇年国民经济和社会发展计划执行情况及2031年计划草案的报告")
    assert found is not None and found[1]["year"] == "二〇三〇"


def test_pattern_en_with_unknown_slot_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "report.yaml").write_text('"{region}报告": "Report of {region} in {year}"\n', encoding="utf-8")
    (problem,) = glossary_problems(tmp_path)
    assert ":1:" in problem and "['year']" in problem


def test_digest_changes_with_a_rendering_not_with_a_comment(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "g")
    terms = tmp_path / "g" / "terms.yaml"
    before = read_glossary(tmp_path / "g").digest()
    terms.write_text(terms.read_text(encoding="utf-8") + "# a new comment\n", encoding="utf-8")
    assert read_glossary(tmp_path / "g").digest() == before
    terms.write_text(terms.read_text(encoding="utf-8").replace("gross product", "gross output"), encoding="utf-8")
    assert read_glossary(tmp_path / "g").digest() != before


def test_keys_digest_changes_with_the_term_list_not_with_a_rendering(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "g")
    terms = tmp_path / "g" / "terms.yaml"
    before = read_glossary(tmp_path / "g").keys_digest()
    terms.write_text(terms.read_text(encoding="utf-8").replace("gross product", "gross output"), encoding="utf-8")
    assert read_glossary(tmp_path / "g").keys_digest() == before
    terms.write_text(terms.read_text(encoding="utf-8") + "新词: new word\n", encoding="utf-8")
    assert read_glossary(tmp_path / "g").keys_digest() != before


def test_missing_folder_is_a_glossary_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError):
        read_glossary(tmp_path / "nope")


def test_units_file_is_validated_by_check(tmp_path: Path) -> None:
    lines = project().paths.units.read_text(encoding="utf-8").split("\n")
    number = lines.index("  千克: {base: 公斤}")
    lines[number] = "  千克: {base: 圆}"
    (tmp_path / "units.yaml").write_text("\n".join(lines), encoding="utf-8")
    (problem,) = glossary_problems(tmp_path)
    assert problem.startswith(f"{tmp_path / 'units.yaml'}:{number + 1}:") and "base" in problem


YAMLISH = st.lists(
    st.sampled_from(
        ["甲", "乙:", " en:", "  kind: term", "- ", "[", "]", "{", "}", ":", "'", '"', "\t", "\n", "  ", "&a", "*a",
         "!!int", "<<:", "#", "\x01", "\x85", "\ufeff", "---", "...", "aliases: [", "id: x", "?", "|", ">"]
    )
    | st.text(max_size=5),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), YAMLISH, st.binary(max_size=100)))
def test_any_file_gives_problems_or_glossary_error_never_a_crash(content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "terms.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        problems = glossary_problems(Path(folder))
        assert all(isinstance(p, str) and re.match(r".+:\d+:\d+: ", p) for p in problems)
        try:
            read_glossary(Path(folder))
        except GlossaryError as exc:
            assert str(exc).startswith(str(path))


def test_english_names_one_currency_cny() -> None:
    """"CNY 410 billion" beside "100 million yuan" and "RMB deposits" reads as three currencies."""
    other = re.compile(r"\b(?:yuan|RMB|renminbi)\b", re.I)
    assert [(e.zh, e.en) for e in project().glossary.entries if other.search(e.en)] == []
    assert {b.currency for b in project().units.bases.values() if b.currency} >= {"CNY"}
