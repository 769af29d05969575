"""Entry statuses (preferred / admitted / suggested / forbidden): validation, lookup, the catalogue."""

from __future__ import annotations

from pathlib import Path

from generator.lexicon.entries import Status
from generator.lexicon.glossary import read_glossary
from generator.lexicon.glossary_files import validate_dir
from tests.support.project import glossary_problems


def _folder(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _problems(folder: Path) -> list[tuple[str, bool]]:
    _, problems = validate_dir(folder)
    return [(f"{Path(p.file).name}:{p.line}: {p.message}", p.fatal) for p in problems]


def test_status_is_read_and_an_unknown_one_is_reported(tmp_path: Path) -> None:
    folder = _folder(tmp_path, terms="甲:\n  en: first\n  status: admitted\n乙:\n  en: second\n  status: approved\n")
    entries, _ = validate_dir(folder)
    assert [(e.zh, e.status) for e in entries] == [("甲", Status.ADMITTED)]
    assert _problems(folder) == [
        ("terms.yaml:6: 乙: unknown status 'approved' (one of preferred, admitted, suggested, forbidden)", True)]
    assert "unknown status" in glossary_problems(folder)[0]


def test_a_suggestion_awaits_review_and_is_not_a_rendering(tmp_path: Path) -> None:
    folder = _folder(tmp_path, terms="甲:\n  en: first try\n  status: suggested\n",
                     indicators="乙指标:\n  en: second\n  kind: indicator\n  id: ''\n  polarity: ''\n  status: suggested\n")
    problems = _problems(folder)
    assert ("terms.yaml:1: 甲: suggested rendering 'first try' awaits review (accept it: status preferred or "
            "admitted, or delete the status line)", False) in problems
    assert ("indicators.yaml:1: 乙指标: indicator without id and polarity", False) in problems  # not fatal yet
    glossary = read_glossary(folder)
    assert glossary.lookup("甲") is None and glossary.suggestion("甲").en == "first try"
    from generator.lexicon.catalogue import catalogue_from_glossary

    catalogue = catalogue_from_glossary(glossary)
    assert catalogue.match("乙指标") is not None and catalogue.match("乙指标").en == ""  # known name, no rendering


def test_preferred_wins_over_admitted_and_forbidden_is_never_used(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        terms="预期性:\n  en: anticipatory\n",
        other="预期性:\n  en: expected\n  status: forbidden\n",
        more="预期性:\n  en: projected\n  status: admitted\n",
    )
    assert [p for p, fatal in _problems(folder) if fatal] == []
    glossary = read_glossary(folder)
    assert glossary.lookup("预期性").en == "anticipatory"
    assert glossary.suggestion("预期性") is None
    assert all(en != "expected" for _, e in glossary.terms() for en in [e.en])


def test_forbidden_without_a_preferred_sibling_is_reported(tmp_path: Path) -> None:
    folder = _folder(tmp_path, other="预期性:\n  en: expected\n  status: forbidden\n",
                     terms="约束性:\n  en: binding\n")
    assert _problems(folder) == [
        ("other.yaml:1: 预期性: forbidden rendering 'expected' has no preferred sibling "
         "(add the preferred rendering of the term)", False)]
    assert read_glossary(folder).lookup("预期性") is None


def test_a_forbidden_rendering_in_use_is_an_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path, terms="预期性:\n  en: expected\n", other="预期性:\n  en: expected\n  status: forbidden\n")
    fatal = [p for p, is_fatal in _problems(folder) if is_fatal]
    assert fatal == ["other.yaml:1: 预期性: 'expected' is forbidden at " f"{folder / 'other.yaml'}:1 and used at "
                     f"{folder / 'terms.yaml'}:1"]


def test_two_preferred_renderings_still_conflict(tmp_path: Path) -> None:
    folder = _folder(tmp_path, terms="预期性:\n  en: anticipatory\n", other="预期性:\n  en: expected\n  status: preferred\n")
    fatal = [p for p, is_fatal in _problems(folder) if is_fatal]
    assert fatal and "defined twice with different English" in fatal[0]


def test_a_forbidden_entry_needs_its_rendering(tmp_path: Path) -> None:
    folder = _folder(tmp_path, terms="预期性:\n  en: ''\n  status: forbidden\n")
    assert _problems(folder) == [("terms.yaml:3: 预期性: a forbidden entry needs the rendering it forbids (en)", True)]
