"""Show the topic (``glossary/topics.yaml``) each section title of some reports gets.

Usage: .venv/bin/python tools/show_topics.py REPORT...

Prints one line per section title: the topic key, its score, the runner-up
when it scored too, and the title. Exits 1 when a title gets no topic (the
English brief then heads the section by its number alone).
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.project import Project
from generator.read import read_document


def main(argv: list[str]) -> int:
    topics = Project.load().lexicon.topics
    missing = 0
    counts = {t.key: 0 for t in topics}
    for name in argv:
        doc = read_document(Path(name))
        print(f"== {name}")
        for part in doc.parts:
            for section in part.sections:
                ranked = topics.ranked(section.title)
                if not ranked:
                    missing += 1
                    print(f"   {'(none)':16} {'':6} {section.title}")
                    continue
                (score, best), runner = ranked[0], (f"({ranked[1][1].key} {ranked[1][0]})" if len(ranked) > 1 else "")
                counts[best.key] += 1
                print(f"   {best.key:16} {score:<2} {runner:22} {section.title}")
    print("\ntitles per topic: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    print(f"titles without a topic: {missing}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
