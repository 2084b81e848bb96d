"""What the page and the PDF show of a document: tables as formatted text, charts as Plotly or SVG."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from ioc.reports import charts
from ioc.reports.document import Document
from ioc.reports.formatting import format_value, heading
from ioc.reports.sections import DATE, TEXT, SectionData, Table

FONTS = {"regular": "reports/fonts/DejaVuSans.ttf", "bold": "reports/fonts/DejaVuSans-Bold.ttf"}


def table_view(table: Table, language: str) -> dict:
    numeric = [c.type not in (TEXT, DATE) for c in table.columns]
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "headings": [(heading(c), n) for c, n in zip(table.columns, numeric, strict=True)],
        "rows": [
            [(format_value(v, c, language), n) for v, c, n in zip(row, table.columns, numeric, strict=True)]
            for row in table.rows
        ],
    }


def section_view(section: SectionData, language: str, *, chart_format: str) -> dict:
    drawn = []
    for chart in section.charts:
        table = section.table(chart.table)
        if not table.rows or not charts.has_data(chart, table):
            continue  # a chart of nothing but "no data" says less than the table beside it
        figure = (
            charts.svg_data_uri(chart, table) if chart_format == "svg" else charts.plotly_figure(chart, table)
        )
        drawn.append({"key": f"{section.key}-{chart.key}", "figure": figure})
    return {
        "key": section.key,
        "title": section.title,
        "summary": section.summary,
        "no_data": section.no_data,
        "notes": section.notes,
        "tables": [table_view(t, language) for t in section.tables],
        "charts": drawn,
    }


def context(document: Document, *, chart_format: str) -> dict:
    return {
        "document": document,
        "sections": [
            section_view(s, document.language, chart_format=chart_format) for s in document.sections
        ],
    }


def pdf_bytes(document: Document) -> bytes:
    """A4, the cover with the park and the period, tables, charts as SVG, page numbers."""
    from weasyprint import HTML  # imported here: pango loads only where a PDF is made

    fonts = {name: finders.find(path) for name, path in FONTS.items()}
    with translation.override(document.language):
        html = render_to_string("reports/pdf.html", {**context(document, chart_format="svg"), "fonts": fonts})
    return HTML(string=html).write_pdf()
