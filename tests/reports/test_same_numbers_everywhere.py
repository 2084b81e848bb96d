"""A monthly park report asked for through the API: its figures match the domain APIs for the same
month, the XLSX sheet and the PDF, and the PDF names the park with its diacritics."""

import re
from collections import Counter

import pytest

from ioc.park.choices import Role
from ioc.reports.models import Report
from tests.reports.conftest import COD_EXCEEDED_HOURS, HEADCOUNT, PM25_BY_DAY
from tests.reports.helpers import pdf_text, rows_by_first_column, sheet_table, table


@pytest.fixture
def generated(park_month, client_for, django_capture_on_commit_callbacks):
    api = client_for(Role.WARD_OFFICIAL, language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        asked = api.post("/api/v1/reports/request/", {"period": "month", "start": park_month.start.isoformat()},
                         format="json")  # fmt: skip
    assert asked.status_code == 202, asked.content
    report = api.get(f"/api/v1/reports/{asked.json()['id']}/").json()
    assert report["status"] == "done", report["error"]
    assert report["progress"] == 100
    return api, report


def test_the_pdf_names_the_park_with_its_diacritics_and_the_month(generated, park_month):
    api, report = generated
    response = api.get(f"/api/v1/reports/{report['id']}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert "Khu công nghiệp Đại An" in text
    assert f"Tháng {park_month.start:%m/%Y}" in text
    assert re.search(r"Trang 2 / \d+", text)  # page numbers, in the report's language


def test_exceedance_hours_match_the_compliance_api_the_xlsx_and_the_pdf(generated, park_month):
    api, report = generated
    compliance = api.get("/api/v1/environment/stations/DA-WW-OUT/compliance/", {
        "period": "month", "from": park_month.start.isoformat(), "to": park_month.end.isoformat()}).json()  # fmt: skip
    cod = next(r for r in compliance["rates"] if r["parameter"] == "cod" and r["averaging"] == "1h")
    from_api = cod["judged"] - cod["compliant"]
    assert from_api == len(COD_EXCEEDED_HOURS)

    hours = rows_by_first_column(table(report["data"], "environment", "exceedance_hours"))
    assert hours["DA-WW-OUT · COD"]["hours"] == from_api
    xlsx = b"".join(api.get(f"/api/v1/reports/{report['id']}/xlsx/").streaming_content)
    sheet = sheet_table(xlsx, "Môi trường", "Số giờ vượt chuẩn theo thông số")
    assert ["DA-WW-OUT · COD", from_api] in sheet[1:]
    pdf = pdf_text(b"".join(api.get(f"/api/v1/reports/{report['id']}/pdf/").streaming_content), layout=True)
    assert re.search(rf"DA-WW-OUT · COD\s+{from_api}\b", pdf)
    summary = next(s for s in report["data"]["sections"] if s["key"] == "environment")["summary"]
    assert any(f"{from_api} giờ vượt chuẩn COD" in line and "ngày 12" in line for line in summary), summary


def test_aqi_days_per_band_match_the_aqi_api_and_the_xlsx(generated, park_month):
    api, report = generated
    daily = api.get("/api/v1/environment/stations/DA-AIR-01/aqi/", {
        "period": "daily", "from": park_month.start.isoformat(), "to": park_month.end.isoformat()}).json()  # fmt: skip
    from_api = Counter(day["band"]["name_vi"] if day["band"] else None for day in daily["days"])
    assert from_api == {"Tốt": 10, "Trung bình": 5, "Kém": 2, None: park_month.days - len(PM25_BY_DAY)}

    aqi = table(report["data"], "environment", "aqi_days")
    row = dict(zip([c["title"] for c in aqi["columns"]], aqi["rows"][0], strict=True))
    assert row["Trạm"] == "DA-AIR-01"
    for band in ("Tốt", "Trung bình", "Kém"):
        assert row[band] == from_api[band]
    assert row["Không có AQI (thiếu dữ liệu)"] == from_api[None]
    xlsx = b"".join(api.get(f"/api/v1/reports/{report['id']}/xlsx/").streaming_content)
    sheet = sheet_table(xlsx, "Môi trường", aqi["title"])
    assert sheet[1] == ["DA-AIR-01", 10, 5, 2, 0, 0, 0, from_api[None]]


def test_headcount_matches_the_submissions_api_the_xlsx_and_the_pdf(generated, park_month):
    api, report = generated
    listed = api.get(
        "/api/v1/submissions/", {"kind": "labour.monthly", "period": park_month.start.isoformat()}
    ).json()
    from_api = sum(
        sum(s["data"][k] for k in s["data"] if k.startswith("headcount_")) for s in listed["results"]
    )
    assert from_api == HEADCOUNT

    labour = table(report["data"], "labour", "by_month")
    assert rows_by_first_column(labour)[park_month.start.isoformat()]["headcount"] == from_api
    xlsx = b"".join(api.get(f"/api/v1/reports/{report['id']}/xlsx/").streaming_content)
    sheet = sheet_table(xlsx, "Lao động", labour["title"])
    assert sheet[1][2] == from_api and sheet[1][0].date() == park_month.start
    pdf = pdf_text(b"".join(api.get(f"/api/v1/reports/{report['id']}/pdf/").streaming_content), layout=True)
    assert re.search(rf"{park_month.start:%d/%m/%Y}\s+2\s+{from_api}\b", pdf)


def test_the_html_page_shows_the_same_figures(generated, client, park_month):
    api, report = generated
    client.force_login(api.user)
    page = client.get(f"/reports/{report['id']}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Khu công nghiệp Đại An" in page
    assert re.search(r"<td>DA-WW-OUT · COD</td><td class=\"num\">3</td>", page)
    assert f'<td class="num">{HEADCOUNT}</td>' in page
    assert Report.objects.get(pk=report["id"]).data == report["data"]
