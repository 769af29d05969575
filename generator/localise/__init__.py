"""Localise stage: analysis -> brief model per language (glossary, Babel formatting)."""
