"""Longest-match term finding in running text (generator.lexicon.matcher)."""

from __future__ import annotations


import pytest

from generator.lexicon.glossary import Glossary, read_glossary
from generator.lexicon.matcher import TermMatcher
from tests.support.paths import FIXTURES

GOOD = FIXTURES / "glossary" / "good"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return read_glossary(GOOD)


def pieces(matcher: TermMatcher, text: str) -> list[tuple[str, str | None]]:
    return [(piece, entry.en if entry else None) for piece, entry in matcher.segment(text)]


def test_longest_term_wins_over_its_prefix(glossary: Glossary) -> None:
    m = TermMatcher(glossary)
    assert pieces(m, "全年地区生产总值增速为2.6%") == [
        ("全年", None), ("地区生产总值增速", "GRP growth"), ("为2.6%", None),
    ]
    assert pieces(m, "地区生产总值超过2.9万亿元") == [("地区生产总值", "GRP"), ("超过2.9万亿元", None)]


def test_leftmost_match_wins_over_a_longer_overlapping_one(glossary: Glossary) -> None:
    # 地区生产总值 starts first; the overlapping 生产总值 is not matched inside it.
    m = TermMatcher(glossary)
    assert pieces(m, "区生产总值") == [("区", None), ("生产总值", "gross product")]
    assert [p for p, e in m.segment("地区生产总值生产总值") if e] == ["地区生产总值", "生产总值"]


def test_pieces_are_cut_from_the_original_text(glossary: Glossary) -> None:
    m = TermMatcher(glossary)
    text = "其中「一区」与「两群」人均地区\n生产总值比值为1.72∶1，ＲＥＩＴｓ 试点扩容。"
    got = m.segment(text)
    assert "".join(p for p, _ in got) == text
    matched = [(p, e.id or e.en) for p, e in got if e]
    assert matched == [
        ("「一区」与「两群」人均地区\n生产总值比值", "area_cluster_ratio"),
        ("ＲＥＩＴｓ 试点", "REITs pilot"),
    ]


def test_aliases_match_and_untranslated_stubs_do_not(glossary: Glossary) -> None:
    m = TermMatcher(glossary)
    assert pieces(m, "GDP增速待译术语") == [("GDP增速", "GRP growth"), ("待译术语", None)]


def test_kinds_restrict_the_terms(glossary: Glossary) -> None:
    m = TermMatcher(glossary, kinds={"indicator"})
    assert pieces(m, "地区生产总值增速与地区生产总值") == [("地区生产总值增速", "GRP growth"), ("与地区生产总值", None)]


def test_empty_text_and_empty_matcher(glossary: Glossary) -> None:
    assert TermMatcher(glossary).segment("") == []
    assert TermMatcher(glossary, kinds=()).segment("地区生产总值") == [("地区生产总值", None)]
