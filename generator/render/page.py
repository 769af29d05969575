"""The page writer: a brief's HTML page with its assets, and the PDF WeasyPrint prints from it.

One writer of :data:`generator.render.writers.WRITERS` (kind ``html``): it
draws the charts as SVG into the page's ``assets/``, writes the page
(:func:`generator.render.html.render_html`) and, when the PDF is asked for,
prints it (:func:`generator.render.pdf.write_pdf`) with the job's data files
attached.
"""

from __future__ import annotations

from generator.render.charts import render_charts
from generator.render.context import ASSETS
from generator.render.html import render_html
from generator.render.pdf import subset_warning, write_pdf
from generator.render.writers import Job, Written


def write(job: Job) -> Written:
    brief = job.brief
    assets = job.staging / ASSETS
    charts = render_charts(brief, assets, job.ctx, formats=("svg",))
    html_path = render_html(brief, job.staging, job.stem, job.ctx, charts)
    out = Written([html_path])
    if "pdf" in job.formats:
        pdf_path = html_path.with_suffix(".pdf")
        write_pdf(html_path, pdf_path, brief, job.ctx, dict(job.attachments))
        out.files.append(pdf_path)
        warning = subset_warning()
        if warning:
            out.warnings.append(warning)
    out.files += sorted(p for p in assets.rglob("*") if p.is_file())  # css, svg, fonts/
    return out
