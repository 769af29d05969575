"""Standard measures: which catalogue ids are the same measure at another level (``glossary/measures.yaml``).

National GDP growth (``gdp_growth``) and a province's GRP growth
(``grp_growth``) are two catalogue entries; read side by side they are one
measure. The file lists the standard measures of the genre in the order the
portfolio's target matrix shows them, each with the catalogue ids that count
as that measure and whether a region's target is read against the national
one (``benchmark``: true for rates and shares, false for national totals
such as new urban jobs, which no region's figure is comparable with)::

    economic_growth:
      ids: [gdp_growth, grp_growth]
    new_urban_jobs:
      ids: [new_urban_jobs]
      benchmark: false

:func:`inspect_measures` validates it against the indicator catalogue
(an id in two measures, unknown fields: fatal; an id the catalogue lacks:
left out, with a warning) and reports each problem as
``file:line:column: message``, like the glossary files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.lexicon.catalogue import Catalogue
from generator.lexicon.glossary_files import Problem, keyed_entries, known_fields, parse_yaml_file, scalar_text

FIELDS = ("ids", "benchmark", "note")
_BOOL = "tag:yaml.org,2002:bool"


@dataclass(frozen=True)
class Measure:
    """One standard measure: its key, the catalogue ids that express it, and whether it is benchmarked."""

    key: str
    ids: tuple[str, ...]
    benchmark: bool = True
    note: str | None = None
    line: int = 0


class Measures:
    """The standard measures in file order, with an index by catalogue id."""

    def __init__(self, measures: tuple[Measure, ...] = (), path: str | Path = "") -> None:
        self.path = str(path)
        self._measures = measures
        self._by_id = {i: m for m in measures for i in m.ids}

    def __iter__(self) -> Iterator[Measure]:
        return iter(self._measures)

    def __len__(self) -> int:
        return len(self._measures)

    def of(self, indicator_id: str | None) -> Measure | None:
        """The measure a catalogue id belongs to, else None."""
        return self._by_id.get(indicator_id or "")

    def comparable(self, a: str | None, b: str | None) -> bool:
        """Whether two catalogue ids are the same measure (the same id, or one measure's ids)."""
        if not a or not b:
            return False
        return a == b or (self.of(a) is not None and self.of(a) is self.of(b))

    def digest(self) -> str:
        rows = [(m.key, list(m.ids), m.benchmark) for m in self._measures]
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def inspect_measures(path: Path, catalogue: Catalogue, strict: bool = True) -> tuple[Measures | None, list[Problem]]:
    """The measures of ``path`` checked against ``catalogue``; None when a problem is fatal.

    ``strict=False`` (the package's file serving another glossary folder): ids
    that catalogue lacks are left out rather than reported.
    """
    if not path.is_file():
        return Measures((), path), []  # no file: no standard measures, nothing compared across levels
    name = str(path)
    root, problems = parse_yaml_file(path)
    if root is None:
        return (Measures((), path) if not problems else None), problems
    measures: list[Measure] = []
    owner: dict[str, str] = {}
    for key, value_node, line, column in keyed_entries(root, "measure", name, problems):
        measure = _measure(key, value_node, name, line, column, catalogue, problems, strict)
        if measure is None:
            continue
        for indicator_id in measure.ids:
            if indicator_id in owner:
                problems.append(Problem(name, line, column,
                                        f"{key}: id {indicator_id!r} is already in measure {owner[indicator_id]!r}"))
            owner.setdefault(indicator_id, key)
        measures.append(measure)
    if any(p.fatal for p in problems):
        return None, problems
    return Measures(tuple(measures), path), problems


def _measure(key: str, node: object, name: str, line: int, column: int, catalogue: Catalogue,
             problems: list[Problem], strict: bool) -> Measure | None:
    if not isinstance(node, MappingNode):
        problems.append(Problem(name, line, column, f"{key}: must be a mapping with ids: [catalogue ids]"))
        return None
    ids: list[str] = []
    benchmark, note = True, None
    found_ids = False
    before = len(problems)
    for field, value, at in known_fields(node, key, FIELDS, name, problems):
        if field == "ids":
            found_ids = True
            if not isinstance(value, SequenceNode) or not value.value:
                problems.append(Problem(name, *at, f"{key}: ids must be a non-empty list of catalogue ids"))
                continue
            for item in value.value:
                text = scalar_text(item, f"{key}: an id", name, problems)
                where = (item.start_mark.line + 1, item.start_mark.column + 1)
                if text is None:
                    continue
                if catalogue.get(text) is None:  # left out; a warning (the catalogue may have lost it)
                    if strict:
                        problems.append(Problem(name, *where, f"{key}: {text!r} is not an indicator id of the "
                                                              "catalogue (left out)", fatal=False))
                    continue
                elif text in ids:
                    problems.append(Problem(name, *where, f"{key}: id {text!r} listed twice"))
                else:
                    ids.append(text)
        elif field == "benchmark":
            if not isinstance(value, ScalarNode) or value.tag != _BOOL:
                problems.append(Problem(name, *at, f"{key}: benchmark must be true or false"))
            else:
                benchmark = value.value.lower() == "true"
        else:
            note = scalar_text(value, f"{key}: note", name, problems)
    if not found_ids:
        problems.append(Problem(name, line, column, f"{key}: no ids (list the catalogue ids of the measure)"))
    if any(p.fatal for p in problems[before:]) or not ids:
        return None
    return Measure(key, tuple(ids), benchmark, note, line)
