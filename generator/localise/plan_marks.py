"""The change mark of a plan row: its word and its look, from the change kind and the ambition.

A reader judges a new target by whether it asks for more or less than last
year's, not by the direction of its number: ``1.8左右∶1`` -> ``1.72∶1`` on a
gap that should narrow is a *more ambitious* target, though lower. So where
the analysis knows the ambition of a raised, lowered or reworded target, the
mark says it first (green *more ambitious*, red *less ambitious*, keys
``more`` / ``less`` of the design tokens' ``change`` group) and the kind of
change after it; where it does not (the polarity is unknown) the mark is the
kind's own, in a neutral colour. The words are catalogue msgids.
"""

from __future__ import annotations

from generator.analyse.changes import Ambition, ChangeKind

# Change kind -> the word of its mark (catalogue msgid).
CHANGE_WORDS: dict[ChangeKind, str] = {
    ChangeKind.NEW: "New",
    ChangeKind.RAISED: "Raised",
    ChangeKind.LOWERED: "Lowered",
    ChangeKind.UNCHANGED: "Unchanged",
    ChangeKind.FIRMED: "Unchanged (firm figure)",
    ChangeKind.PENDING: "Pending national target",
    ChangeKind.REWORDED: "Reworded",
    ChangeKind.REPLACED: "Replaced",
    ChangeKind.NOT_KNOWN: "Not known",
}
# Kinds whose mark follows the ambition when it is known.
JUDGED = (ChangeKind.RAISED, ChangeKind.LOWERED, ChangeKind.REWORDED)
# (ambition, kind) -> the word of the mark (catalogue msgid).
AMBITION_WORDS: dict[tuple[Ambition, ChangeKind], str] = {
    (Ambition.MORE, ChangeKind.RAISED): "More ambitious (raised)",
    (Ambition.MORE, ChangeKind.LOWERED): "More ambitious (lowered)",
    (Ambition.MORE, ChangeKind.REWORDED): "More ambitious (reworded)",
    (Ambition.LESS, ChangeKind.RAISED): "Less ambitious (raised)",
    (Ambition.LESS, ChangeKind.LOWERED): "Less ambitious (lowered)",
    (Ambition.LESS, ChangeKind.REWORDED): "Less ambitious (reworded)",
}


def change_mark(kind: ChangeKind, ambition: Ambition) -> tuple[str, str]:
    """(design-token key, msgid) of the mark of a change."""
    word = AMBITION_WORDS.get((ambition, kind)) if kind in JUDGED else None
    if word is not None:
        return ambition.value, word
    return kind.value, CHANGE_WORDS[kind]
