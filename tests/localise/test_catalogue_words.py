"""Every code of the analysis' vocabularies has words in every language's message catalogue."""

from __future__ import annotations

import re

import pytest

from generator.analyse.changes import CHANGE, ChangeKind
from generator.analyse.digest import DIGEST, DigestCode
from generator.analyse.factcheck import (
    CHANGE_DIFFERENCE, FINDING, SCOPE, STATED_CHANGE, STATUS_WORD, TALLY_COUNT, TALLY_DIFFERENCE, UNIT_PROBLEM,
    FindingCode,
)
from generator.analyse.scoring import REASON, REASON_SHORT, ReasonCode, Status
from generator.errors import TemplateError
from generator.localise import briefs, index_rates, plan_marks, source_notes
from generator.localise.source_notes import FINDING_SHORT
from generator.localise.narrative import NARRATIVE, NarrativeCode
from generator.localise.wording import SEPARATOR
from generator.render import outline
from tests.support.project import project

TALLY_WHATS = ("total", *(s.value for s in Status))
VOCABULARIES: dict[str, tuple[str, ...]] = {
    REASON: tuple(c.value for c in ReasonCode),
    FINDING: tuple(c.value for c in FindingCode),
    CHANGE: tuple(k.value for k in ChangeKind),
    STATUS_WORD: tuple(s.value for s in Status),
    SCOPE: ("binding", "expected"),
    TALLY_COUNT: TALLY_WHATS,
    TALLY_DIFFERENCE: TALLY_WHATS,
    STATED_CHANGE: ("new", "replaced"),
    CHANGE_DIFFERENCE: ("new_count", "unstated_new", "replaced_missing"),
    UNIT_PROBLEM: ("percent_for_a_level", "rate_without_percent", "catalogue_unit"),
    SEPARATOR: ("list", "clauses", "terms", "terms-last"),
    DIGEST: tuple(c.value for c in DigestCode),
    NARRATIVE: tuple(c.value for c in NarrativeCode),
}


@pytest.mark.parametrize("code", [lang.code for lang in project().languages])
def test_every_code_is_worded_in_every_catalogue(code: str) -> None:
    messages = project().messages
    missing = [(ctx, c) for ctx, codes in VOCABULARIES.items() for c in codes if not messages.has(code, ctx, c)]
    assert missing == []


# Fixed words (no context) the brief builder and the outline pick by a code: the mark of a change, an index's
# rate, the notes on the source, a heading by its topic, the draft state, where a pending text would be shown.
WORDS: tuple[str, ...] = (
    *plan_marks.CHANGE_WORDS.values(), *plan_marks.AMBITION_WORDS.values(), *index_rates.RATE_WORDS.values(),
    *source_notes.SEVERITY_WORDS.values(), *source_notes.PASSED_LINE.values(), source_notes.PASSED_LINES,
    source_notes.CITED, briefs.TEXT_ONLY, *briefs.PART_WORDS, *briefs.SECTION_WORDS, *outline.DRAFT_WORDS.values(),
    *outline.PLACE_WORDS.values(),
)


@pytest.mark.parametrize("code", [lang.code for lang in project().languages])
def test_every_word_picked_by_a_code_is_in_every_catalogue(code: str) -> None:
    messages = project().messages
    assert [w for w in WORDS if not messages.has(code, None, w)] == []


def test_short_findings_exist_in_every_language_or_in_none() -> None:
    messages, codes = project().messages, [lang.code for lang in project().languages]
    for finding in FindingCode:
        assert len({messages.has(c, FINDING_SHORT, finding.value) for c in codes}) == 1, finding
    assert messages.has(codes[0], FINDING_SHORT, FindingCode.PROSE_TABLE_MISMATCH.value)


def test_short_reasons_exist_in_every_language_or_in_none() -> None:
    messages, codes = project().messages, [lang.code for lang in project().languages]
    for reason in ReasonCode:
        assert len({messages.has(c, REASON_SHORT, reason.value) for c in codes}) == 1, reason


def test_a_rendered_language_uses_no_slot_the_report_language_lacks() -> None:
    """A rendered language may leave out what quotes the report (its words are Chinese), never add a slot."""
    source = project().source_language.code
    messages, codes = project().messages, [lang.code for lang in project().languages]
    for ctx, values in VOCABULARIES.items():
        for value in values:
            slots = {c: set(re.findall(r"%\((\w+)\)s", messages.pgettext(c, ctx, value))) for c in codes}
            if ctx == FINDING:  # a finding quotes the report's words in its language, gives the figure in others
                continue
            assert all(slots[c] <= slots[source] for c in codes), (ctx, value, slots)


def test_a_code_without_words_is_a_catalogue_error() -> None:
    with pytest.raises(TemplateError, match="no words for finding 'no_such_code'"):
        project().messages.pgettext("en", FINDING, "no_such_code")
