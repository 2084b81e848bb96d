"""Bulk upload of reports as a spreadsheet: the bilingual template, and reading a filled one back.

One line per report: `tax_code`, `period`, then one column per field, named by its key. A kind's
repeated groups (`Rows`: output per product, fuels by type) are flattened into `group.field`
columns, and a report may span several consecutive-or-not lines with the same tax code and period:
the first carries the report's own fields, each line adds one row to each group it fills. One
sheet, rather than a sheet per group, because CSV has only one and both formats must read alike.

Row 1 holds the keys (what is read), row 2 the labels "Nhãn / Label (unit)" (skipped when read
back), data start on row 3. Nothing here touches the database.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ioc.submissions.kinds import Field, Rows, SubmissionKind

TAX_CODE, PERIOD = "tax_code", "period"
IDENTITY_LABELS = {
    TAX_CODE: (gettext_lazy("Tax code"), ""),
    PERIOD: (gettext_lazy("Period"), "YYYY-MM-01"),
}
XLSX_MAGIC = b"PK\x03\x04"
TRUE_WORDS = {"true", "1", "yes", "y", "x", "có", "co", "đúng"}
FALSE_WORDS = {"false", "0", "no", "n", "không", "khong", "sai"}


class BadFile(Exception):
    """The file as a whole cannot be read: a 400 naming the problem."""


@dataclass(frozen=True)
class Column:
    key: str
    spec: Field
    group: Rows | None = None


@dataclass
class Line:
    """One report read from the file, with the sheet row of each of its parts."""

    row: int
    tax_code: str
    period: date | None
    data: dict = field(default_factory=dict)
    item_rows: dict[str, list[int]] = field(default_factory=dict)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)


def columns(kind: SubmissionKind) -> list[Column]:
    found = []
    for spec in kind.fields:
        if isinstance(spec, Rows):
            found += [Column(f"{spec.name}.{f.name}", f, spec) for f in spec.fields]
        else:
            found.append(Column(spec.name, spec))
    return found


def _both(label) -> str:
    with translation.override("vi"):
        vi = str(label)
    with translation.override("en"):
        en = str(label)
    return vi if vi == en else f"{vi} / {en}"


def _heading(label, unit: str) -> str:
    return f"{_both(label)} ({unit})" if unit else _both(label)


def template_rows(kind: SubmissionKind) -> tuple[list[str], list[str]]:
    """The keys row and the bilingual labels row, the same whatever the caller's language."""
    keys = [TAX_CODE, PERIOD] + [c.key for c in columns(kind)]
    labels = [_heading(*IDENTITY_LABELS[TAX_CODE]), _heading(*IDENTITY_LABELS[PERIOD])]
    for column in columns(kind):
        label = _heading(column.spec.label, column.spec.unit)
        labels.append(f"{_both(column.group.label)}: {label}" if column.group else label)
    return keys, labels


def template_csv(kind: SubmissionKind) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(template_rows(kind))
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the Vietnamese as UTF-8


def template_xlsx(kind: SubmissionKind) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = kind.key[:31]
    keys, labels = template_rows(kind)
    sheet.append(keys)
    sheet.append(labels)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font, cell.alignment = Font(italic=True), Alignment(wrap_text=True, vertical="top")
    for index, key in enumerate(keys, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, min(40, len(key) + 4))
        if key in (TAX_CODE, PERIOD):
            # As text: Excel would drop a tax code's leading zero and turn 2026-01-01 into a date serial.
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "C3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_table(name: str, content: bytes, max_rows: int) -> list[tuple[int, list]]:
    """(sheet row number, cells) of every non-blank line, the keys row first."""
    if content.startswith(XLSX_MAGIC):
        lines = _xlsx_lines(content)
    elif name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        raise BadFile(_("The file is not a valid XLSX workbook."))
    else:
        lines = _csv_lines(content)
    table = []
    for number, cells in lines:
        if any(c is not None and str(c).strip() != "" for c in cells):
            table.append((number, list(cells)))
            if len(table) > max_rows + 2:  # keys, labels: stop reading a huge file early
                raise too_many(max_rows)
    if not table:
        raise BadFile(_("The file is empty."))
    return table


def too_many(max_rows: int) -> BadFile:
    return BadFile(
        _("The file has more than %(n)d rows of reports; split it into several uploads.") % {"n": max_rows}
    )


def _xlsx_lines(content: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged file
        raise BadFile(_("The file is not a valid XLSX workbook.")) from None
    return enumerate(sheet.iter_rows(values_only=True), start=1)


def _csv_lines(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadFile(_("The file is neither an XLSX workbook nor a CSV file in UTF-8.")) from None
    if "\x00" in text:
        raise BadFile(_("The file is neither an XLSX workbook nor a CSV file in UTF-8."))
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return enumerate(csv.reader(io.StringIO(text), dialect), start=1)


def check_header(kind: SubmissionKind, keys: list, enterprise_user: bool) -> dict[str, int]:
    """Column key → position; a 400 for a missing or unknown column."""
    names = [str(k).strip() if k is not None else "" for k in keys]
    expected = [c.key for c in columns(kind)] + [PERIOD]
    if not enterprise_user:
        expected.append(TAX_CODE)
    missing = [k for k in expected if k not in names]
    if missing:
        raise BadFile(
            _("Columns missing from row 1: %(columns)s. Start from the template of this report kind.")
            % {"columns": ", ".join(missing)}
        )
    known = set(expected) | {TAX_CODE}
    unknown = [k for k in names if k and k not in known]
    if unknown:
        raise BadFile(
            _("Columns that are not in this report kind: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    return {name: index for index, name in enumerate(names) if name}


def parse(
    kind: SubmissionKind, table: list[tuple[int, list]], enterprise_user: bool, max_rows: int
) -> list[Line]:
    """The reports in the file, each with the errors of its identifying cells (tax code, period)."""
    position = check_header(kind, table[0][1], enterprise_user)
    period_label = template_rows(kind)[1][1]
    labels = 1 if len(table) > 1 and _cell(table[1][1], position.get(PERIOD)) == period_label else 0
    if len(table) - 1 - labels > max_rows:
        raise too_many(max_rows)
    cols = columns(kind)
    reports: dict[tuple[str, object], Line] = {}
    for row, cells in table[1:]:

        def cell(key, cells=cells):
            return _cell(cells, position.get(key))

        if cell(PERIOD) == period_label:
            continue  # the template's labels row
        tax_code = tax_code_text(cell(TAX_CODE))
        period, period_error = period_value(cell(PERIOD))
        key = (tax_code, period if period_error is None else ("bad", row))
        line = reports.get(key)
        if line is None:
            line = reports[key] = Line(row=row, tax_code=tax_code, period=period)
            if period_error:
                line.errors.append((row, PERIOD, period_error))
            for column in cols:
                if column.group is None:
                    line.data[column.key] = cell_value(column.spec, cell(column.key))
        elif not any(column.group for column in cols):
            again = _("This period is already reported on row %(row)d.") % {"row": line.row}
            reports[("again", row)] = Line(
                row=row, tax_code=tax_code, period=period, errors=[(row, PERIOD, again)]
            )
            continue
        else:
            for column in cols:
                if column.group is None and cell(column.key) not in (None, ""):
                    line.errors.append((row, column.key, _(
                        "Fill this only on the report's first row (row %(row)d).") % {"row": line.row}))  # fmt: skip
        _add_group_rows(line, row, cols, cell)
    return list(reports.values())


def _cell(cells: list, index: int | None):
    return cells[index] if index is not None and index < len(cells) else None


def _add_group_rows(line: Line, row: int, cols: list[Column], cell) -> None:
    groups: dict[str, dict] = {}
    for column in cols:
        if column.group is not None:
            value = cell_value(column.spec, cell(column.key))
            groups.setdefault(column.group.name, {})[column.spec.name] = value
    for name, item in groups.items():
        line.data.setdefault(name, [])
        if any(v is not None for v in item.values()):
            line.data[name].append(item)
            line.item_rows.setdefault(name, []).append(row)


def tax_code_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # A tax code typed into a number cell lost its leading zero; Vietnamese ones have 10 digits.
        return str(int(raw)).zfill(10)
    return str(raw).strip()


def period_value(raw) -> tuple[date | None, str | None]:
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None, _("This field is required.")
    for pattern in ("%Y-%m-%d", "%Y-%m", "%d/%m/%Y", "%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date(), None
        except ValueError:
            continue
    return None, _("Give the period as YYYY-MM-01.")


def cell_value(spec: Field, raw):
    """A cell as validate() expects the API's JSON value; anything it cannot make sense of is passed
    on unchanged, so validate() refuses it with its own message."""
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "":
        return None
    if spec.kind == "bool" and isinstance(raw, str | int) and not isinstance(raw, bool):
        word = str(raw).lower()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else raw
    if spec.kind in ("text", "choice") and isinstance(raw, int | float) and not isinstance(raw, bool):
        return str(int(raw)) if float(raw).is_integer() else str(raw)
    if isinstance(raw, datetime | date):
        return raw.isoformat()
    return raw


def error_rows(line: Line, errors: dict[str, list[str]]) -> list[tuple[int, str, str]]:
    """Validation errors, keyed as the API keys them, placed on the sheet row and column they concern."""
    placed = []
    for path, messages in errors.items():
        path = path.removeprefix("data.")
        row, column = line.row, path
        parts = path.split(".")
        if len(parts) >= 3 and parts[1].isdigit():  # "group.2.field": the group's third row
            rows = line.item_rows.get(parts[0], [])
            row = rows[int(parts[1])] if int(parts[1]) < len(rows) else line.row
            column = f"{parts[0]}.{'.'.join(parts[2:])}"
        placed += [(row, column, str(message)) for message in messages]
    return placed
