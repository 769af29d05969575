"""The lexicon layer: the glossary, the units table, the indicator catalogue, languages and message catalogues.

Below both the analysis (which matches indicator names against the
catalogue) and the localiser (which renders terms and numbers); above only
the document model. A glossary folder is loaded by :mod:`generator.lexicon.folder`.
"""
