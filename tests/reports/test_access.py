"""Who may have which report: officials and park staff any; an enterprise user only its own enterprise's."""

import pytest

from ioc.park.choices import Role
from ioc.reports.access import refusal
from ioc.reports.models import Report


@pytest.mark.parametrize(("role", "scope", "enterprise", "allowed"), [
    (Role.WARD_OFFICIAL, "park", None, True), (Role.WARD_OFFICIAL, "zone", None, True),
    (Role.PARK_MANAGER, "enterprise", 2, True), (Role.ADMIN, "park", None, True), (Role.OPERATOR, "park", None, True),
    (Role.ENTERPRISE, "enterprise", 1, True), (Role.ENTERPRISE, "enterprise", 2, False),
    (Role.ENTERPRISE, "park", None, False), (Role.ENTERPRISE, "zone", None, False),
])  # fmt: skip
def test_the_access_rule(role, scope, enterprise, allowed):
    assert (refusal(role, 1 if role == Role.ENTERPRISE else None, scope, enterprise) is None) == allowed


def ask(api, **body):
    return api.post(
        "/api/v1/reports/request/", {"period": "month", "start": "2026-10-01", **body}, format="json"
    )


@pytest.mark.parametrize(("language", "words"), [
    ("vi", "không được xem báo cáo của doanh nghiệp khác"), ("en", "not another enterprise's"),
])  # fmt: skip
def test_an_enterprise_user_asking_for_another_enterprises_report_is_refused_and_told_why(
    small_park, client_for, language, words
):
    api = client_for(Role.ENTERPRISE, small_park["a"], language=language)
    answer = ask(api, scope="enterprise", enterprise=small_park["b"].pk)
    assert answer.status_code == 403
    assert words in answer.json()["detail"]
    assert not Report.objects.filter(enterprise=small_park["b"], requested_by=api.user).exists()


def test_an_enterprise_user_may_not_have_the_parks_report_but_gets_its_own(
    small_park, client_for, django_capture_on_commit_callbacks
):
    api = client_for(Role.ENTERPRISE, small_park["a"], language="en")
    assert ask(api, scope="park").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        own = ask(api)  # scope and enterprise default to the user's own
    assert own.status_code == 202, own.content
    report = Report.objects.get(pk=own.json()["id"])
    assert (report.scope_kind, report.enterprise, report.status) == ("enterprise", small_park["a"], "done")
    assert api.get(f"/api/v1/reports/{report.pk}/pdf/").status_code == 200


def test_the_pages_refuse_another_enterprises_report_with_the_reason(small_park, make_user, client):
    other = Report.objects.create(period_kind="month", period_start="2026-10-01", period_end="2026-10-31",
                                  scope_kind="enterprise", enterprise=small_park["b"], status="done")  # fmt: skip
    client.force_login(make_user(Role.ENTERPRISE, small_park["a"]))
    reason = "không được xem báo cáo của doanh nghiệp khác"
    for url in (f"/reports/{other.pk}/", f"/reports/{other.pk}/pdf/"):
        answer = client.get(url)
        assert answer.status_code == 403, url
        assert reason in answer.content.decode()
    status = client.get(f"/reports/{other.pk}/status/")
    assert status.status_code == 403 and reason in status.json()["detail"]
    listed = client.get("/reports/").content.decode()
    assert f"/reports/{other.pk}/" not in listed


def test_the_archive_api_lists_only_the_enterprises_own_reports(small_park, client_for):
    for key in ("a", "b"):
        Report.objects.create(period_kind="month", period_start="2026-10-01", period_end="2026-10-31",
                              scope_kind="enterprise", enterprise=small_park[key])  # fmt: skip
    Report.objects.create(period_kind="month", period_start="2026-10-01", period_end="2026-10-31")
    own = client_for(Role.ENTERPRISE, small_park["a"]).get("/api/v1/reports/").json()
    assert {r["enterprise"] for r in own["results"]} == {small_park["a"].pk}
    official = client_for(Role.WARD_OFFICIAL).get("/api/v1/reports/", {"scope_kind": "park"}).json()
    assert official["count"] == Report.objects.filter(scope_kind="park").count()
