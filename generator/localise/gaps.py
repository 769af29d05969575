"""Glossary gaps: the analysts' workflow (``python -m generator glossary gaps``).

:func:`needed_terms` lists the terms a report's
English brief needs; :func:`run_gaps` (``python -m generator glossary gaps``)
prints the missing ones as a YAML stub ready to fill in, and with
``--write`` adds them to the glossary file of their kind through ruamel's
round trip, leaving existing entries, comments and order as they were.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from generator.analyse.analysis import analyse
from generator.document import Document
from generator.errors import GlossaryError
from generator.lexicon.glossary_files import parse_yaml_file
from generator.localise.briefs import english_terms
from generator.localise.terms import UNIT_KIND, Gap, NeededTerm, TermRenderer
from generator.project import Project
from generator.read import read_document

# Which file a stub of each kind is added to (others: DEFAULT_FILE).
KIND_FILES = {
    "indicator": "indicators.yaml",
    "heading": "headings.yaml",
    "item": "items.yaml",
    "metric": "metrics.yaml",
    "title": "report.yaml",
    "place": "report.yaml",
    "organisation": "report.yaml",
}
DEFAULT_FILE = "terms.yaml"


def needed_terms(doc: Document, project: Project) -> list[NeededTerm]:
    """The terms the English brief of ``doc`` needs, in reading order, each once.

    They are what the brief builder asked the glossary for while building the
    English brief, so the list cannot drift from what the brief shows.
    """
    return english_terms(analyse(doc, project.lexicon), project).requested


def find_gaps(needed: list[NeededTerm], project: Project) -> list[Gap]:
    """The needed terms the glossary (and units table) cannot render, most important first."""
    target = next(lang for lang in project.languages if not lang.source)
    renderer = TermRenderer(project.glossary, project.units, target, project.source_language.html_lang)
    for term in needed:
        renderer.term(term.zh, term.kind, line=term.line, context=term.context)
    return renderer.gaps


# --- the stub ------------------------------------------------------------------


def _yaml() -> YAML:
    """The round-trip YAML settings the glossary files are written in."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _comment(gap: Gap) -> str:
    where = f"line {gap.line}" if gap.line is not None else "line ?"
    times = f"×{gap.count}, " if gap.count > 1 else ""
    context = f": {gap.context}" if gap.context and gap.context != gap.zh else ""
    return f"{times}{where}{context}"


def _stub_entry(gap: Gap) -> CommentedMap:
    entry = CommentedMap()
    entry["en"] = ""
    entry["kind"] = gap.kind
    if gap.kind == "indicator":
        entry["id"] = ""
        entry["polarity"] = ""
    return entry


def stub_map(gaps: list[Gap]) -> CommentedMap:
    """The gaps as a commented YAML mapping (``en: ''`` each)."""
    data = CommentedMap()
    for gap in gaps:
        data[gap.zh] = _stub_entry(gap)
        data.yaml_set_comment_before_after_key(gap.zh, before=_comment(gap), indent=0)
    return data


def stub_text(gaps: list[Gap]) -> str:
    """The YAML stub of ``gaps`` as text."""
    if not gaps:
        return ""
    buffer = io.StringIO()
    _yaml().dump(stub_map(gaps), buffer)
    return buffer.getvalue()


def _target_file(kind: str) -> str:
    return KIND_FILES.get(kind, DEFAULT_FILE)


def add_to_file(path: Path, gaps: list[Gap]) -> None:
    """Add stub entries to a glossary file, keeping its entries, comments and order.

    The file is loaded and dumped through ruamel's round trip; should the round
    trip not reproduce the file exactly (a style ruamel rewrites), the stub is
    appended as text instead. The result is validated before it replaces the file.
    """
    original = path.read_text(encoding="utf-8") if path.exists() else ""
    y = _yaml()
    try:
        data = y.load(original) if original.strip() else CommentedMap()
        buffer = io.StringIO()
        y.dump(data, buffer)
        faithful = isinstance(data, CommentedMap) and buffer.getvalue() == original
    except YAMLError as exc:
        raise GlossaryError(f"cannot add gaps: {' '.join(str(exc).split())[:200]}", path) from None
    if faithful:
        for gap in gaps:
            data[gap.zh] = _stub_entry(gap)
            data.yaml_set_comment_before_after_key(gap.zh, before=_comment(gap), indent=0)
        buffer = io.StringIO()
        y.dump(data, buffer)
        text = buffer.getvalue()
    else:
        text = original + ("" if not original or original.endswith("\n") else "\n") + stub_text(gaps)
    _replace_validated(path, text)


def _replace_validated(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        _, problems = parse_yaml_file(Path(tmp), label=str(path))
        if problems:
            raise GlossaryError(f"adding the gaps would break the file: {problems[0]}", path)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def run_gaps(file: Path, project: Project, write: bool) -> int:
    """Print the gaps of a report as a YAML stub; with ``write``, add them to the glossary files."""
    glossary, glossary_dir = project.glossary, project.paths.glossary
    doc = read_document(file)
    gaps = find_gaps(needed_terms(doc, project), project)
    out = sys.stdout
    if not gaps:
        out.write(f"no gaps: {file}\n")
        return 0
    stubbed = [g for g in gaps if glossary.find(g.zh) is not None]  # already in a file, en still ''
    units = [g for g in gaps if g.kind == UNIT_KIND and g not in stubbed]
    fresh = [g for g in gaps if g not in stubbed and g not in units]
    out.write(f"# {len(gaps)} glossary gap(s) for {file}: fill in en (indicators also id and polarity)\n")
    for g in stubbed:
        entry = glossary.find(g.zh)
        assert entry is not None
        out.write(f"# untranslated stub, fill in: {g.zh} at {entry.where}\n")
    for g in units:
        out.write(f"# unit not in units.yaml, add it under bases or units: {g.zh} ({_comment(g)})\n")
    by_file: dict[str, list[Gap]] = {}
    for g in fresh:
        by_file.setdefault(_target_file(g.kind), []).append(g)
    for name, group in by_file.items():
        out.write(f"\n# --- {name} ---\n")
        out.write(stub_text(group))
    if write and fresh:
        for name, group in by_file.items():
            add_to_file(glossary_dir / name, group)
        out.write(f"\n# added {len(fresh)} stub(s) to {', '.join(str(glossary_dir / n) for n in by_file)}\n")
    return 0


__all__ = [
    "Gap", "NeededTerm", "TermRenderer", "add_to_file", "find_gaps", "needed_terms", "run_gaps",
    "stub_map", "stub_text",
]
