"""Analyse stage: document model -> indicators, scorecard, changes, fact-checks, summaries, key figures."""
