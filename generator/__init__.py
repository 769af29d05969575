"""Bilingual brief generator for Chinese government plan reports.

The package is a pipeline, one sub-package per stage:

    read/      source file (txt, docx, html, md) -> document model (generator.document)
    analyse/   document model -> indicators, scorecard, changes, fact-checks, summaries
    localise/  analysis -> brief model per language (glossary, Babel formatting)
    render/    brief model -> HTML/PDF, DOCX, charts
    build.py   orchestration behind `make briefs` and `python -m generator build`
"""

__version__ = "0.1.0"
