"""Reading a generated report back: from the API's document, the XLSX and the PDF's text."""

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook


def table(data: dict, section: str, key: str) -> dict:
    found = next(s for s in data["sections"] if s["key"] == section)
    return next(t for t in found["tables"] if t["key"] == key)


def rows_by_first_column(table_data: dict) -> dict:
    names = [c["key"] for c in table_data["columns"]]
    return {row[0]: dict(zip(names, row, strict=True)) for row in table_data["rows"]}


def sheet_table(xlsx: bytes, sheet_title: str, table_title: str) -> list[list]:
    """The rows under `table_title` on the section's sheet, header first, up to the next blank row."""
    sheet = load_workbook(io.BytesIO(xlsx))[sheet_title[:31]]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(values) if row[0] == table_title)
    width = sum(1 for cell in values[start + 1] if cell is not None)
    found = []
    for row in values[start + 1 :]:
        if row[0] is None:
            break
        found.append(row[:width])
    return found


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install poppler-utils (.ci/run does)")
    command = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(command, input=pdf, capture_output=True, check=True, timeout=60).stdout.decode()
