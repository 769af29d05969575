"""Glossary gaps: the analysts' workflow (``python -m generator glossary gaps``).

The gaps of a report are the distinct terms its English brief shows as
gaps — :attr:`generator.brief.Brief.gap_terms` of the brief a build makes, so
``glossary gaps``, the build's gap line and the brief always give one number.
:func:`report_gaps` ranks them by where the brief shows them
(:class:`Place`: title, headline figures, scorecard, section headings, item
titles, key figures, …) and how often, finds the sentence of the report each
comes from, and composes a suggested rendering where every part of the term
is known (:mod:`generator.localise.suggest`). :func:`run_gaps` prints them
as a YAML stub — a comment above each entry with its rank, place, count,
line and sentence; ``en`` pre-filled with ``status: suggested`` where there is
a suggestion, else ``en: ''`` — and with ``--write`` appends the stubs to the
glossary file of their kind, in rank order, leaving every existing entry and
comment as it was (:mod:`generator.lexicon.glossary_edit`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Iterator

from generator.analyse.analysis import analyse
from generator.brief import Brief, Text
from generator.document import Document
from generator.lexicon.entries import Status
from generator.lexicon.glossary_edit import Record, edit_text, entries_text, write_files
from generator.lexicon.glossary_files import DEFAULT_FILE, KIND_FILES
from generator.lexicon.keys import fold, normalise_key
from generator.localise.briefs import english_terms, rendered_brief
from generator.localise.suggest import COMPOSE_FILE, ComposeTable, Composer
from generator.localise.terms import UNIT_KIND, Gap, NeededTerm, TermRenderer
from generator.project import Project
from generator.read import read_document

CONTEXT_CHARS = 120  # of the source sentence shown above a stub
_SENTENCE_END = re.compile(r"[。！？；!?;]")


class Place(IntEnum):
    """Where the English brief shows a term, most prominent first (the stubs' ranking)."""

    TITLE = 0
    HEADLINE = 1
    SCORECARD = 2
    HEADING = 3
    ITEM = 4
    KEY_FIGURE = 5
    PROJECTS = 6
    OTHER = 7

    @property
    def label(self) -> str:
        return {0: "title", 1: "headline figure", 2: "scorecard", 3: "section heading", 4: "item title",
                5: "key figure", 6: "projects table", 7: "other"}[self.value]


@dataclass(frozen=True)
class RankedGap:
    """A gap of a report with what the analyst needs to fill it in."""

    rank: int  # 1 = most prominent
    gap: Gap  # the renderer's record: term, kind, first line, context
    place: Place
    count: int  # times the brief shows it
    sentence: str | None  # the report's sentence around it
    suggestion: str | None  # composed from glossary sub-terms (None: no confident suggestion)
    line: int | None = None  # the line of that sentence (else the line the brief cites)

    @property
    def file(self) -> str:
        return target_file(self.gap.kind)

    def comment(self, total: int) -> str:
        times = f" ×{self.count}" if self.count > 1 else ""
        line = self.line if self.line is not None else self.gap.line
        where = f"line {line}" if line is not None else "line ?"
        head = f"{self.rank}/{total} {self.place.label}{times}, {where} → {self.file}"
        return f"{head}\n{self.sentence}" if self.sentence else head

    def record(self, total: int) -> Record:
        suggested = self.suggestion is not None
        indicator = self.gap.kind == "indicator"
        return Record(file=self.file, zh=self.gap.zh, en=self.suggestion or "", kind=self.gap.kind,
                      status=Status.SUGGESTED.value if suggested else None,
                      id="" if indicator else None, polarity="" if indicator else None, comment=self.comment(total))


def target_file(kind: str) -> str:
    return KIND_FILES.get(kind, DEFAULT_FILE)


def needed_terms(doc: Document, project: Project) -> list[NeededTerm]:
    """The terms the English brief of ``doc`` needs, in reading order, each once.

    They are what the brief builder asked the glossary for while building the
    English brief, so the list cannot drift from what the brief shows.
    """
    return english_terms(analyse(doc, project.lexicon), project).requested


def find_gaps(needed: list[NeededTerm], project: Project) -> list[Gap]:
    """The needed terms the glossary (and units table) cannot render, most important kind first."""
    target = next(lang for lang in project.languages if not lang.source)
    renderer = TermRenderer(project.glossary, project.units, target, project.source_language.html_lang)
    for term in needed:
        renderer.term(term.zh, term.kind, line=term.line, context=term.context)
    return renderer.gaps


# --- where the brief shows each gap ---------------------------------------------------------


def placed_texts(brief: Brief) -> Iterator[tuple[Place, Text]]:
    """Every localised text of the brief with the place it is shown (the brief model's own list)."""
    for place, text in brief.placed_texts():
        yield Place[place.upper()], text


def gap_places(brief: Brief) -> dict[str, tuple[Place, int]]:
    """Gap term -> (its most prominent place, how many times the brief shows it)."""
    out: dict[str, tuple[Place, int]] = {}
    for place, text in placed_texts(brief):
        for term in text.unaccepted:
            best, count = out.get(term, (place, 0))
            out[term] = (min(best, place), count + 1)
    return out


# --- the report's sentence -------------------------------------------------------------------


def _candidates(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(first line, last line, text) of every piece of the report a term can come from."""
    yield doc.span.start, doc.span.end, doc.title
    for part in doc.parts:
        yield part.span.start, part.span.start, f"{part.marker}{part.title}"
        for section in part.sections:
            first = section.paragraphs[0].text if section.paragraphs else ""
            yield section.span.start, section.span.start, f"{section.marker}{section.title}。{first}"
    for paragraph in doc.paragraphs():
        yield paragraph.span.start, paragraph.span.end, paragraph.text
    for table in doc.tables:
        for row in table.rows:
            yield row.span.start, row.span.end, " | ".join(c for c in row.cells if c)


Candidate = tuple[int, int, str, str, list[int]]  # first line, last line, text, folded text, origins


def folded_candidates(doc: Document) -> list[Candidate]:
    """Every piece of ``doc`` a term can come from, folded once for all the terms looked up."""
    return [(first, last, text, *fold(text)) for first, last, text in _candidates(doc)]


def source_sentence(doc: Document, zh: str, line: int | None,
                    candidates: list[Candidate] | None = None) -> tuple[int | None, str | None]:
    """The line and sentence of the report that contain ``zh`` (nearest ``line``), shortened around the term.

    ``candidates``: :func:`folded_candidates` of ``doc``, when many terms are looked up in it.
    """
    key = normalise_key(zh)
    if not key:
        return line, None
    best: tuple[int, str, int, int, int] | None = None  # (distance, text, start, end of the term, first line)
    for first, last, text, folded, origin in candidates if candidates is not None else folded_candidates(doc):
        at = folded.find(key)
        if at < 0:
            continue
        distance = 0 if line is None or first <= line <= last else min(abs(first - line), abs(last - line))
        if best is None or distance < best[0]:
            best = (distance, text, origin[at], origin[at + len(key) - 1] + 1, first)
            if distance == 0:
                break
    if best is None:
        return line, None
    _, text, start, end, found_line = best
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    finish = stop.end() if stop else len(text)
    if finish - begin < len(zh) + 8 and stop:  # a title alone: add the sentence after it
        following = _SENTENCE_END.search(text, finish)
        finish = following.end() if following else len(text)
    sentence = " ".join(text[begin:finish].split())
    if len(sentence) <= CONTEXT_CHARS:
        return found_line, sentence
    at = sentence.find(" ".join(text[start:end].split()))
    left = max(0, min(at - 30, len(sentence) - CONTEXT_CHARS)) if at >= 0 else 0
    cut = sentence[left:left + CONTEXT_CHARS]
    return found_line, ("…" if left else "") + cut + ("…" if left + CONTEXT_CHARS < len(sentence) else "")


# --- the ranked gaps --------------------------------------------------------------------------


def report_gaps(doc: Document, project: Project) -> list[RankedGap]:
    """The gaps of ``doc``'s English brief, ranked, with sentence and suggestion (units included)."""
    brief, renderer = rendered_brief(analyse(doc, project.lexicon), project)
    details = {normalise_key(g.zh): g for g in renderer.gaps}
    places = gap_places(brief)
    target = next(lang for lang in project.languages if not lang.source)
    composer = Composer(project.glossary, ComposeTable.read(project.paths.locale / target.code / COMPOSE_FILE))
    found: list[tuple[Place, int, int, Gap]] = []
    for order, term in enumerate(brief.gap_terms):
        gap = details[normalise_key(term)]
        place, count = places.get(term, (Place.OTHER, 1))
        found.append((place, -count, order, gap))
    found.sort(key=lambda f: f[:3])
    out = []
    candidates = folded_candidates(doc)
    for rank, (place, count, _, gap) in enumerate(found, start=1):
        suggestion = gap.suggestion or (composer.suggest(gap.zh, gap.kind) if gap.kind != UNIT_KIND else None)
        line, sentence = source_sentence(doc, gap.zh, gap.line, candidates)
        out.append(RankedGap(rank, gap, place, -count, sentence, suggestion, line))
    return out


def stub_text(gaps: list[RankedGap], total: int | None = None) -> str:
    """The YAML stub of ``gaps``: a comment and an entry each, in the order given."""
    return entries_text([g.record(total or len(gaps)) for g in gaps])


def add_stubs(directory: Path, gaps: list[RankedGap], total: int) -> list[str]:
    """Append the stubs to the files of their kind (rank order within each); the files written."""
    by_file: dict[str, list[Record]] = {}
    for gap in gaps:
        by_file.setdefault(gap.file, []).append(gap.record(total))
    texts = {}
    for name, records in by_file.items():
        path = directory / name
        original = path.read_text(encoding="utf-8") if path.is_file() else ""
        texts[name] = edit_text(original, [], records, str(path))
    write_files(directory, texts)
    return list(by_file)


def run_gaps(file: Path, project: Project, write: bool) -> int:
    """Print the ranked gaps of a report as a YAML stub; with ``write``, add them to the glossary files."""
    glossary, glossary_dir = project.glossary, project.paths.glossary
    gaps = report_gaps(read_document(file), project)
    out = sys.stdout
    if not gaps:
        out.write(f"no gaps: {file}\n")
        return 0
    total = len(gaps)
    pending = [g for g in gaps if glossary.find(g.gap.zh) is not None]  # a stub or suggestion already in a file
    units = [g for g in gaps if g.gap.kind == UNIT_KIND and g not in pending]
    fresh = [g for g in gaps if g not in pending and g not in units]
    suggested = sum(1 for g in fresh if g.suggestion)
    out.write(f"# {total} glossary gap(s) for {file}, ranked by where the brief shows them and how often.\n"
              f"# {len(fresh)} new stub(s), {suggested} with a suggested rendering (status: suggested): accept it "
              "(status: preferred, or delete the status line) or rewrite it; fill in each en: '' "
              "(indicators also id and polarity).\n")
    for g in pending:
        entry = glossary.find(g.gap.zh)
        assert entry is not None
        what = f"suggestion awaiting review ({entry.en!r})" if entry.suggested else "untranslated stub, fill in"
        out.write(f"# {what}: {g.gap.zh} at {entry.where}\n")
    for g in units:
        out.write(f"# unit not in units.yaml, add it under bases or units: {g.gap.zh} "
                  f"({g.comment(total).splitlines()[0]})\n")
    if fresh:
        out.write("\n" + stub_text(fresh, total))
    if write and fresh:
        written = add_stubs(glossary_dir, fresh, total)
        out.write(f"\n# added {len(fresh)} stub(s) to {', '.join(str(glossary_dir / n) for n in written)}\n")
    return 0


__all__ = [
    "Gap", "NeededTerm", "Place", "RankedGap", "TermRenderer", "add_stubs", "find_gaps", "gap_places",
    "needed_terms", "placed_texts", "report_gaps", "run_gaps", "source_sentence", "stub_text",
]
