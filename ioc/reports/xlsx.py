"""The report as a workbook: a cover sheet, then one sheet per section with every table behind it.

Values are written as numbers and dates, not as the page's text, so a reader can compute with
them; the number formats only change how they look.
"""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ioc.reports.document import Document
from ioc.reports.formatting import heading
from ioc.reports.sections import DATE, DECIMAL, INT, PERCENT, Column, SectionData

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E2E8F0")
SHEET_NAME_MAX = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def number_format(column: Column) -> str:
    if column.type == INT:
        return "#,##0"
    if column.type == DECIMAL:
        return "#,##0" + ("." + "0" * column.digits if column.digits else "")
    if column.type == PERCENT:
        return "0" + ("." + "0" * column.digits if column.digits else "") + "%"
    if column.type == DATE:
        return "dd/mm/yyyy"
    return "General"


def sheet_name(title: str, taken: set[str]) -> str:
    """A title Excel accepts (≤ 31 characters, none of []:*?/\\), unique in the workbook."""
    base = FORBIDDEN.sub(" ", title).strip()[:SHEET_NAME_MAX] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def workbook_bytes(document: Document) -> bytes:
    book = Workbook()
    cover = book.active
    taken: set[str] = set()
    cover.title = sheet_name(_("Report"), taken)
    for row in (
        (document.park,),
        (document.title,),
        (_("Period"), document.period_label),
        (_("Scope"), document.scope_label),
        (_("Generated"), document.generated_at.strftime("%d/%m/%Y %H:%M UTC")),
    ):
        cover.append(row)
    cover["A1"].font = TITLE
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 40
    for section in document.sections:
        _section_sheet(book.create_sheet(sheet_name(section.title, taken)), section)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _section_sheet(sheet, section: SectionData) -> None:
    sheet.append([section.title])
    sheet["A1"].font = TITLE
    if section.no_data:
        sheet.append([section.no_data])
    for line in section.summary:
        sheet.append([line])
    widths: dict[int, int] = {}
    for table in section.tables:
        sheet.append([])
        sheet.append([table.title])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.append([heading(c) for c in table.columns])
        for i in range(1, len(table.columns) + 1):
            cell = sheet.cell(sheet.max_row, i)
            cell.font, cell.fill = BOLD, HEADER_FILL
            widths[i] = max(widths.get(i, 10), min(len(str(cell.value)) + 2, 40))
        for row in table.rows:
            sheet.append(list(row))
            for i, column in enumerate(table.columns, start=1):
                sheet.cell(sheet.max_row, i).number_format = number_format(column)
        if table.note:
            sheet.append([table.note])
    for note in section.notes:
        sheet.append([note])
    for i, width in widths.items():
        sheet.column_dimensions[get_column_letter(i)].width = width
