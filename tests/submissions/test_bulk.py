"""Bulk upload of reports: the bilingual template, CSV and XLSX back, row-numbered errors, tenancy."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ioc.park.choices import Role
from ioc.submissions import bulk
from ioc.submissions.api_bulk import XLSX_TYPE
from ioc.submissions.kinds import Field, Rows, SubmissionKind
from ioc.submissions.models import Submission, SubmissionEvent
from ioc.submissions.validation import validate
from labour.submissions import MONTHLY_LABOUR
from tests.submissions.test_submissions_api import labour

TEMPLATE = "/api/v1/submission-kinds/labour.monthly/template/"
UPLOAD = "/api/v1/submissions/upload/"
A_TAX, B_TAX = "0100233488", "0314409058"


@pytest.fixture
def enterprise_api(small_park, client_for):
    return client_for(Role.ENTERPRISE, small_park["a"], language="en")


@pytest.fixture
def manager_api(small_park, client_for):
    return client_for(Role.PARK_MANAGER, language="vi")


def months(n: int) -> list[date]:
    """n distinct past months, newest first from December 2025."""
    return [date(2025 - i // 12, 12 - i % 12, 1) for i in range(n)]


def filled(keys: list[str], reports: list[tuple[str, str, dict]]) -> list[list]:
    return [[tax if k == "tax_code" else period if k == "period" else data.get(k) for k in keys]
            for tax, period, data in reports]  # fmt: skip


def as_xlsx(template: bytes, lines: list[list]) -> bytes:
    book = load_workbook(io.BytesIO(template))
    for line in lines:
        book.active.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_csv(template: bytes, lines: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    return template + out.getvalue().encode()


def upload(api, content: bytes, name: str, kind="labour.monthly", **extra):
    file = SimpleUploadedFile(name, content)
    return api.post(UPLOAD, {"kind": kind, "file": file, **extra}, format="multipart")


def test_the_template_names_every_column_by_key_and_in_both_languages(enterprise_api):
    response = enterprise_api.get(TEMPLATE, {"format": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
    keys, labels = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(keys) == ["tax_code", "period", *MONTHLY_LABOUR.field_names()]
    wage = labels[keys.index("wage_lowest")]
    assert wage == "Lương tháng thấp nhất / Lowest monthly wage (VND)"
    assert labels[1] == "Kỳ / Period (YYYY-MM-01)"
    csv_response = enterprise_api.get(TEMPLATE, {"format": "csv"})
    assert csv_response.content.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows == [list(keys), list(labels)]
    assert enterprise_api.get("/api/v1/submission-kinds/no.such/template/").status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_enterprise_uploads_a_filled_template_and_every_good_row_is_kept(enterprise_api, small_park, fmt):
    template = enterprise_api.get(TEMPLATE, {"format": fmt}).content
    keys = bulk.template_rows(MONTHLY_LABOUR)[0]
    periods = months(50)
    reports = [("", p.isoformat(), labour()) for p in periods]
    reports[3] = ("", periods[3].isoformat(), labour(wage_lowest="many", hires=-1))  # sheet row 6
    reports[10] = ("", periods[10].isoformat(), labour(wage_lowest=99_000_000))  # row 13: above average
    reports[20] = ("", "2025-13-01", labour())  # row 23
    fill = as_xlsx if fmt == "xlsx" else as_csv
    response = upload(enterprise_api, fill(template, filled(keys, reports)), f"labour.{fmt}", submit="true")
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["rows"], answer["saved"], answer["refused"]) == (50, 47, 3)
    assert [(e["row"], e["field"]) for e in answer["errors"]] == [
        (6, "hires"), (6, "wage_lowest"), (13, "wage_lowest"), (23, "period")
    ]  # fmt: skip
    assert "Give a number." in {e["message"] for e in answer["errors"]}
    stored = Submission.objects.filter(enterprise=small_park["a"], status="submitted")
    assert stored.count() == 47
    assert set(stored.values_list("period", flat=True)) == set(periods) - {
        periods[3],
        periods[10],
        periods[20],
    }
    assert stored.get(period=periods[0]).data == {
        **labour(),
        "overtime_hours_max_worker_year": None,
    }  # optional, left empty
    assert SubmissionEvent.objects.filter(submission__in=stored).count() == 94  # created and submitted


def test_errors_speak_the_callers_language(client_for, small_park):
    api = client_for(Role.ENTERPRISE, small_park["a"], language="vi")
    keys, labels = bulk.template_rows(MONTHLY_LABOUR)
    lines = [keys, labels, *filled(keys, [("", "2025-11-01", labour(hires=None))])]
    answer = upload(api, as_csv(b"", lines), "labour.csv").json()
    assert answer["errors"] == [{"row": 3, "field": "hires", "message": "Trường này là bắt buộc."}]


def test_a_correction_in_an_upload_makes_a_new_version(enterprise_api, small_park):
    keys = bulk.template_rows(MONTHLY_LABOUR)[0]
    first = filled(keys, [("", "2025-10-01", labour())])
    upload(enterprise_api, as_csv(b"", [keys, *first]), "a.csv", submit="1")
    again = filled(keys, [("", "2025-10-01", labour(hires=25))])
    answer = upload(enterprise_api, as_csv(b"", [keys, *again]), "a.csv", submit="1").json()
    assert answer["saved"] == 1 and answer["saved_rows"][0]["version"] == 2
    assert Submission.objects.get(period=date(2025, 10, 1), status="submitted").data["hires"] == 25


def test_an_enterprise_cannot_upload_for_another_tax_code(enterprise_api, small_park):
    keys = bulk.template_rows(MONTHLY_LABOUR)[0]
    lines = filled(keys, [(B_TAX, "2025-09-01", labour()), (A_TAX, "2025-08-01", labour())])
    theirs = list(Submission.objects.filter(enterprise=small_park["b"]).values_list("pk", "version"))
    answer = upload(enterprise_api, as_csv(b"", [keys, *lines]), "a.csv").json()
    assert (answer["saved"], answer["refused"]) == (1, 1)
    assert answer["errors"][0]["row"] == 2 and answer["errors"][0]["field"] == "tax_code"
    assert list(Submission.objects.filter(enterprise=small_park["b"]).values_list("pk", "version")) == theirs


def test_the_park_uploads_for_many_enterprises_by_tax_code(manager_api, small_park):
    keys = bulk.template_rows(MONTHLY_LABOUR)[0]
    lines = filled(keys, [(A_TAX, "2025-09-01", labour()), (B_TAX, "2025-09-01", labour()),
                          ("0000000000", "2025-09-01", labour()), ("", "2025-09-01", labour())])  # fmt: skip
    answer = upload(manager_api, as_csv(b"", [keys, *lines]), "park.csv").json()
    assert (answer["saved"], answer["refused"]) == (2, 2)
    assert [(e["row"], e["field"]) for e in answer["errors"]] == [(4, "tax_code"), (5, "tax_code")]
    assert answer["errors"][1]["message"] == "Trường này là bắt buộc."
    assert Submission.objects.filter(period=date(2025, 9, 1), status="draft").count() == 2


def test_a_period_twice_in_one_file_is_refused_on_its_second_row(enterprise_api):
    keys = bulk.template_rows(MONTHLY_LABOUR)[0]
    lines = filled(keys, [("", "2025-07-01", labour()), ("", "2025-07-01", labour())])
    answer = upload(enterprise_api, as_csv(b"", [keys, *lines]), "a.csv").json()
    assert (answer["saved"], answer["errors"][0]["row"]) == (1, 3)


def test_a_ward_official_cannot_upload(client_for, small_park):
    api = client_for(Role.WARD_OFFICIAL)
    assert upload(api, b"tax_code,period\n", "a.csv").status_code == 403


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "kind", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.png", "labour.monthly", "neither an XLSX"),
        (b"PK\x03\x04broken", "a.xlsx", "labour.monthly", "not a valid XLSX"),
        (b"", "a.csv", "labour.monthly", "empty"),
        (workbook(["period", "hires"], ["2025-01-01", 3]), "a.xlsx", "labour.monthly", "Columns missing"),
        (b"period,colour\n", "a.csv", "labour.monthly", "Columns missing"),
        (b"period\n", "a.csv", "no.such", "not a report kind"),
    ],
)
def test_a_bad_file_is_a_400_naming_the_problem(enterprise_api, content, name, kind, problem):
    response = upload(enterprise_api, content, name, kind=kind)
    assert response.status_code == 400
    assert problem in str(response.json()), response.json()


def test_unknown_columns_and_too_many_rows_are_refused(enterprise_api, settings):
    keys = bulk.template_rows(MONTHLY_LABOUR)[0]
    extra = upload(enterprise_api, as_csv(b"", [[*keys, "colour"]]), "a.csv").json()
    assert "colour" in extra["file"][0]
    settings.SUBMISSION_UPLOAD_MAX_ROWS = 2
    before = Submission.objects.count()
    lines = filled(keys, [("", p.isoformat(), labour()) for p in months(3)])
    response = upload(enterprise_api, as_csv(b"", [keys, *lines]), "a.csv")
    assert response.status_code == 400 and "more than 2 rows" in response.json()["file"][0]
    assert Submission.objects.count() == before


def test_cells_are_read_as_the_api_reads_json():
    hires = MONTHLY_LABOUR.fields[4]
    assert bulk.cell_value(hires, " 12 ") == "12" and bulk.cell_value(hires, "") is None
    assert bulk.tax_code_text(100233488) == "0100233488"  # typed into a number cell
    assert bulk.period_value("2026-01")[0] == date(2026, 1, 1)
    with translation.override("en"):
        assert bulk.period_value("Jan 2026")[1] == "Give the period as YYYY-MM-01."


FUELS = SubmissionKind(
    key="test.fuels", app="tests", title="Fuels", version=1, cadence="monthly",
    fields=(Field("operating_days", "Operating days", kind="int", maximum=31),
            Rows("fuels", "Fuels", (Field("fuel", "Fuel", kind="text"), Field("amount", "Amount", unit="t")))),
)  # fmt: skip


def test_a_repeated_group_spans_several_rows_and_its_errors_land_on_the_right_one():
    keys, labels = bulk.template_rows(FUELS)
    assert keys == ["tax_code", "period", "operating_days", "fuels.fuel", "fuels.amount"]
    table = list(enumerate([keys, labels, ["", "2025-05-01", 30, "coal", 12], ["", "2025-06-01", 28, "diesel", 1],
                            ["", "2025-05-01", None, "biomass", "lots"], ["", "2025-05-01", 29, "LPG", 2]],
                           start=1))  # fmt: skip
    may, june = bulk.parse(FUELS, table, True, 100)
    assert may.data == {"operating_days": 30, "fuels": [{"fuel": "coal", "amount": 12},
                        {"fuel": "biomass", "amount": "lots"}, {"fuel": "LPG", "amount": 2}]}  # fmt: skip
    assert (may.item_rows, june.row) == ({"fuels": [3, 5, 6]}, 4)
    assert [(row, column) for row, column, _m in may.errors] == [
        (6, "operating_days")
    ]  # only on its first row
    with translation.override("en"):
        placed = bulk.error_rows(may, validate(FUELS, may.data).errors)
    assert placed == [(5, "fuels.amount", "Give a number.")]
