"""A built report as one document, and its JSON form kept in the archive.

The HTML page, the PDF, the XLSX and the API all render the same stored document, so a figure
cannot differ between them.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ioc.reports.sections import DATE, Chart, Column, SectionData, Table

PARK_NAME_VI = "Khu công nghiệp Đại An"  # the park's name as the cover prints it, in either language


@dataclass(frozen=True)
class Document:
    title: str
    park: str
    period_label: str
    scope_label: str
    language: str
    generated_at: datetime
    sections: tuple[SectionData, ...]


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _typed(value, column: Column):
    if column.type == DATE and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def table_dict(table: Table) -> dict:
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "columns": [vars(c).copy() for c in table.columns],
        "rows": [[_plain(v) for v in row] for row in table.rows],
    }


def section_dict(section: SectionData) -> dict:
    return {
        "key": section.key,
        "title": section.title,
        "summary": list(section.summary),
        "no_data": section.no_data,
        "notes": list(section.notes),
        "tables": [table_dict(t) for t in section.tables],
        "charts": [{**vars(c), "y": list(c.y), "colors": list(c.colors)} for c in section.charts],
    }


def to_dict(document: Document) -> dict:
    return {
        "title": document.title,
        "park": document.park,
        "period": document.period_label,
        "scope": document.scope_label,
        "language": document.language,
        "generated_at": document.generated_at.isoformat(),
        "sections": [section_dict(s) for s in document.sections],
    }


def _table(data: dict) -> Table:
    columns = tuple(Column(**c) for c in data["columns"])
    rows = tuple(tuple(_typed(v, c) for v, c in zip(row, columns, strict=True)) for row in data["rows"])
    return Table(data["key"], data["title"], columns, rows, data.get("note", ""))


def _section(data: dict) -> SectionData:
    charts = tuple(
        Chart(**{**c, "y": tuple(c["y"]), "colors": tuple(c.get("colors", ()))}) for c in data["charts"]
    )
    return SectionData(
        key=data["key"],
        title=data["title"],
        summary=tuple(data["summary"]),
        tables=tuple(_table(t) for t in data["tables"]),
        charts=charts,
        no_data=data["no_data"],
        notes=tuple(data.get("notes", ())),
    )


def from_dict(data: dict) -> Document:
    return Document(
        title=data["title"],
        park=data["park"],
        period_label=data["period"],
        scope_label=data["scope"],
        language=data["language"],
        generated_at=datetime.fromisoformat(data["generated_at"]),
        sections=tuple(_section(s) for s in data["sections"]),
    )
