"""Render stage: brief model -> HTML/PDF (WeasyPrint), DOCX (python-docx), charts."""
