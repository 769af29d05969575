"""Section topics: the taxonomy a heading the glossary lacks is shown by (``glossary/topics.yaml``).

Each topic has a key, an English heading (``en``), its Chinese name (``zh``)
and Chinese keywords. A section title the glossary cannot render is shown in
a rendered language under its topic ("Section 3 — Industry and innovation"),
so an unseen report still gets an outline a reader can follow, while the
Chinese title stays in the Chinese brief and in the gap list.

Assignment (:meth:`Topics.of`): the title is split at its first clause break
(``，`` or ``；``); a keyword in the first clause counts 2, elsewhere 1, each
keyword once per clause; the highest score wins, a tie goes to the topic
listed first; a title with no keyword has no topic.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ruamel.yaml.nodes import MappingNode, SequenceNode

from generator.lexicon.glossary_files import Problem, keyed_entries, known_fields, parse_yaml_file, scalar_text

FIELDS = ("en", "zh", "keywords")
_CLAUSE = re.compile(r"[，；,;]")


@dataclass(frozen=True)
class Topic:
    key: str
    en: str
    zh: str
    keywords: tuple[str, ...]
    line: int = 0


class Topics:
    """The topics in file order."""

    def __init__(self, topics: tuple[Topic, ...] = (), path: str | Path = "") -> None:
        self.path = str(path)
        self._topics = topics

    def __iter__(self) -> Iterator[Topic]:
        return iter(self._topics)

    def __len__(self) -> int:
        return len(self._topics)

    def ranked(self, title: str) -> list[tuple[int, Topic]]:
        """(score, topic) of every topic with a keyword in ``title``, best first (ties: file order)."""
        first = _CLAUSE.split(title, maxsplit=1)[0]
        rest = title[len(first):]
        scored = [(sum(2 * (k in first) + (k in rest) for k in t.keywords), -i, t) for i, t in enumerate(self._topics)]
        return [(score, t) for score, _, t in sorted(scored, key=lambda s: s[:2], reverse=True) if score]

    def of(self, title: str) -> Topic | None:
        """The topic of a section title, None when no keyword is in it."""
        ranked = self.ranked(title)
        return ranked[0][1] if ranked else None

    def digest(self) -> str:
        rows = [(t.key, t.en, t.zh, list(t.keywords)) for t in self._topics]
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def inspect_topics(path: Path) -> tuple[Topics | None, list[Problem]]:
    """The topics of ``path`` (no file: none) and every problem; None when a problem is fatal."""
    if not path.is_file():
        return Topics((), path), []
    name = str(path)
    root, problems = parse_yaml_file(path)
    if root is None:
        return (Topics((), path) if not problems else None), problems
    topics: list[Topic] = []
    for key, value_node, line, column in keyed_entries(root, "topic", name, problems):
        topic = _topic(key, value_node, name, line, column, problems)
        if topic is not None:
            topics.append(topic)
    if any(p.fatal for p in problems):
        return None, problems
    return Topics(tuple(topics), path), problems


def _topic(key: str, node: object, name: str, line: int, column: int, problems: list[Problem]) -> Topic | None:
    if not isinstance(node, MappingNode):
        problems.append(Problem(name, line, column, f"{key}: must be a mapping with en, zh and keywords"))
        return None
    values: dict[str, str] = {}
    keywords: list[str] = []
    before = len(problems)
    for field, value, at in known_fields(node, key, FIELDS, name, problems):
        if field == "keywords":
            if not isinstance(value, SequenceNode) or not value.value:
                problems.append(Problem(name, *at, f"{key}: keywords must be a non-empty list of Chinese words"))
                continue
            for item in value.value:
                word = scalar_text(item, f"{key}: a keyword", name, problems)
                if word and word.strip():
                    keywords.append(word.strip())
        else:
            text = scalar_text(value, f"{key}: {field}", name, problems)
            if text is not None:
                values[field] = text.strip()
    for field in FIELDS:
        if field != "keywords" and not values.get(field) and len(problems) == before:
            problems.append(Problem(name, line, column, f"{key}: no {field}"))
    if not keywords and len(problems) == before:
        problems.append(Problem(name, line, column, f"{key}: no keywords"))
    if any(p.fatal for p in problems[before:]):
        return None
    return Topic(key, values["en"], values["zh"], tuple(keywords), line)
