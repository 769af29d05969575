"""Show the topic (glossary-drafts/topics.yaml) each section title of some reports gets.

Usage: .venv/bin/python glossary-drafts/assign_topics.py REPORT...

Prints one line per section title: the topic id, its score, the runner-up
when it scored too, and the title. Exits 1 when a title gets no topic.
The rule is the one in the header of topics.yaml.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ruamel.yaml import YAML

from generator.read import read_document

TOPICS = Path(__file__).with_name("topics.yaml")
_CLAUSE = re.compile(r"[，；,;]")


def load_topics(path: Path = TOPICS) -> dict[str, dict]:
    return dict(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


def scores(title: str, topics: dict[str, dict]) -> list[tuple[int, int, str]]:
    """(score, -order, topic id) for every topic with a keyword in ``title``, best first."""
    first = _CLAUSE.split(title, maxsplit=1)[0]
    rest = title[len(first):]
    out = []
    for order, (tid, topic) in enumerate(topics.items()):
        score = sum(2 * (k in first) + (k in rest) for k in topic["keywords"])
        if score:
            out.append((score, -order, tid))
    return sorted(out, reverse=True)


def main(argv: list[str]) -> int:
    topics = load_topics()
    missing = 0
    counts: dict[str, int] = {tid: 0 for tid in topics}
    for name in argv:
        doc = read_document(Path(name))
        print(f"== {name}")
        for part in doc.parts:
            for section in part.sections:
                ranked = scores(section.title, topics)
                if not ranked:
                    missing += 1
                    print(f"   {'(none)':16} {'':6} {section.title}")
                    continue
                best = ranked[0]
                counts[best[2]] += 1
                runner = f"({ranked[1][2]} {ranked[1][0]})" if len(ranked) > 1 else ""
                print(f"   {best[2]:16} {best[0]:<2} {runner:22} {section.title}")
    print("\ntitles per topic: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    print(f"titles without a topic: {missing}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
