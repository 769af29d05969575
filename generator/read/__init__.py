"""Read stage: a source file (txt, docx, html, md) -> :class:`generator.document.Document`."""
