"""Asking for a report: bad input names its field in the caller's language, and nothing is kept."""

import pytest
from django.conf import settings
from django.utils import timezone

from ioc.park.choices import Role
from ioc.reports.models import Report


@pytest.mark.parametrize(("body", "field", "words"), [
    ({"period": "week", "start": "2026-10-01"}, "period", "is not a valid choice"),
    ({"period": "range", "start": "2026-10-10"}, "end", "A range needs its last day."),
    ({"period": "range", "start": "2026-10-10", "end": "2026-10-01"}, "end", "The last day comes before the first."),
    ({"period": "range", "start": "2024-01-01", "end": "2025-12-31"}, "end", "at most 366 days"),
    ({"period": "month", "start": "2099-01-01"}, "start", "has not begun yet"),
    ({"period": "month", "start": "1-10-2026"}, "start", "Date has wrong format"),
    ({"period": "month", "start": "9999-12-15"}, "start", "Give a date between 1970-01-01 and 2200-12-31."),
    ({"period": "range", "start": "2026-10-01", "end": "9999-12-31"}, "end", "Give a date between"),
    ({"period": "month", "start": "2026-10-01", "scope": "zone"}, "zone", "A zone report needs its zone."),
    ({"period": "month", "start": "2026-10-01", "scope": "enterprise", "enterprise": 999999}, "enterprise",
     "does not exist"),
])  # fmt: skip
def test_bad_input_is_refused_naming_the_field(small_park, client_for, body, field, words):
    before = Report.objects.count()
    answer = client_for(Role.WARD_OFFICIAL, language="en").post(
        "/api/v1/reports/request/", body, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert words in str(answer.json()[field]), answer.json()
    assert Report.objects.count() == before


def test_the_refusal_speaks_vietnamese_too(small_park, client_for):
    answer = client_for(Role.WARD_OFFICIAL, language="vi").post(
        "/api/v1/reports/request/",
        {"period": "range", "start": "2026-10-10", "end": "2026-10-01"},
        format="json",
    )
    assert answer.json()["end"] == ["Ngày cuối đứng trước ngày đầu."]


def test_a_report_asked_for_shows_its_progress_until_it_is_ready(small_park, make_user, client):
    official = make_user(Role.WARD_OFFICIAL)
    client.force_login(official)
    month = timezone.localdate().replace(day=1)
    answer = client.post("/reports/", {"period": "month", "start": month.isoformat(), "scope": "zone",
                                       "zone": small_park["zone"].pk, "language": "vi"})  # fmt: skip
    report = Report.objects.get(requested_by=official)
    assert answer.status_code == 302 and answer["Location"] == f"/reports/{report.pk}/"
    # No commit in a test transaction, so the task has not run: the page shows the progress bar.
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'id="report-bar"' in page and f"/reports/{report.pk}/status/" in page
    assert client.get(f"/reports/{report.pk}/status/").json()["status"] == "queued"
    from ioc.reports.services import report_generate

    report_generate(report.pk)
    state = client.get(f"/reports/{report.pk}/status/").json()
    assert (state["status"], state["progress"]) == ("done", 100)
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Khu công nghiệp Đại An" in page and "Phân khu Khu A" in page
    assert report_generate(report.pk) is None  # claimed once: a second worker does nothing


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_reports_page_renders_in_both_languages(small_park, make_user, client, language):
    client.force_login(make_user(Role.WARD_OFFICIAL))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = (
        language  # pages follow the language switch, not the browser
    )
    page = client.get("/reports/")
    assert page.status_code == 200
    assert ("Yêu cầu lập báo cáo" if language == "vi" else "Ask for a report") in page.content.decode()


def test_the_archive_page_and_list_make_a_fixed_number_of_queries(
    small_park, make_user, client, client_for, django_assert_max_num_queries
):
    official = make_user(Role.WARD_OFFICIAL)
    Report.objects.bulk_create(
        Report(period_kind="month", period_start="2026-10-01", period_end="2026-10-31", scope_kind=scope,
               zone=small_park["zone"] if scope == "zone" else None, requested_by=official)
        for scope in ("park", "zone") * 20
    )  # fmt: skip
    client.force_login(official)
    with django_assert_max_num_queries(8):
        assert client.get("/reports/").status_code == 200
    api = client_for(Role.PARK_MANAGER)
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/reports/", {"page_size": 100}).json()["count"] >= 40
