"""Patrols over the API: a guard's scans (and every bad one explained), routes, rounds, who may do what."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ioc.park.choices import Role
from security.models import PatrolRoute, PatrolScan
from tests.security import patrol_fixtures

pytestmark = pytest.mark.django_db
night_route, guard_for = patrol_fixtures.night_route, patrol_fixtures.guard_for
SCANS, ROUTES = "/api/v1/security/patrol-scans/", "/api/v1/security/patrol-routes/"


def minutes_ago(minutes: float) -> str:
    return (timezone.now() - timedelta(minutes=minutes)).isoformat()


def test_a_guard_records_scans_by_qr_code_and_by_nfc_tag(night_route, client_for, guard_for):
    api = client_for(Role.OPERATOR)
    guard_for(api)
    by_qr = api.post(SCANS, {"checkpoint": "kho-1", "scanned_at": minutes_ago(3)})
    by_nfc = api.post(
        SCANS, {"checkpoint": "04:a2:2b:1a:3c:5d:80", "scanned_at": minutes_ago(1), "method": "nfc"}
    )
    assert (by_qr.status_code, by_nfc.status_code) == (201, 201)
    assert by_qr.json()["checkpoint"] == "KHO-1" and by_qr.json()["guard"] == "BV-07"
    assert by_nfc.json()["checkpoint"] == "KHO-2" and by_nfc.json()["method"] == "nfc"
    assert PatrolScan.objects.filter(guard__badge="BV-07").count() == 2


@pytest.mark.parametrize(
    ("language", "body", "field", "message"),
    [
        ("en", {"checkpoint": "KHO-9"}, "checkpoint", "No checkpoint has the code or NFC tag “KHO-9”."),
        (
            "vi",
            {"checkpoint": "KHO-9"},
            "checkpoint",
            "Không có điểm tuần tra nào có mã hoặc thẻ NFC “KHO-9”.",
        ),
        ("en", {"scanned_at": "+30"}, "scanned_at", "is in the future (the server's time is"),
        ("vi", {"scanned_at": "+30"}, "scanned_at", "là thời điểm trong tương lai (giờ máy chủ là"),
        (
            "en",
            {"scanned_at": "-1500"},
            "scanned_at",
            "is more than 24 hours ago: a scan is sent within a day",
        ),
        (
            "vi",
            {"scanned_at": "-1500"},
            "scanned_at",
            "đã quá 24 giờ: lượt quét phải được gửi trong vòng một ngày",
        ),
        ("en", {"scanned_at": "yesterday"}, "scanned_at", "Datetime has wrong format."),
        ("vi", {"checkpoint": ""}, "checkpoint", "Trường này không được để trống."),
    ],
)
def test_a_bad_scan_is_refused_naming_the_field_in_the_callers_language(
    night_route, client_for, guard_for, language, body, field, message
):
    api = client_for(Role.OPERATOR, language=language)
    guard_for(api)
    when = body.get("scanned_at", "-1")
    if when.lstrip("+-").isdigit():
        when = (timezone.now() + timedelta(minutes=int(when))).isoformat()
    response = api.post(SCANS, {"checkpoint": "KHO-1", **body, "scanned_at": when})
    assert response.status_code == 400
    assert list(response.json()) == [field] and message in response.json()[field][0]
    assert not PatrolScan.objects.filter(guard__badge="BV-07").exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_same_scan_sent_twice_is_refused_as_a_duplicate(night_route, client_for, guard_for, language):
    api = client_for(Role.OPERATOR, language=language)
    guard_for(api)
    scan = {"checkpoint": "KHO-1", "scanned_at": minutes_ago(2)}
    assert api.post(SCANS, scan).status_code == 201
    again = api.post(SCANS, {**scan, "scanned_at": minutes_ago(1.5)})  # a double tap, 30 s later
    assert again.status_code == 400
    expected = "Bạn đã quét KHO-1 lúc" if language == "vi" else "You already scanned KHO-1 at"
    assert again.json()["checkpoint"][0].startswith(expected)
    assert (
        api.post(SCANS, {**scan, "scanned_at": minutes_ago(0.5)}).status_code == 201
    )  # 90 s later: a new scan


def test_a_checkpoint_no_longer_in_use_refuses_scans(night_route, client_for, guard_for):
    night_route.checkpoints.filter(code="KHO-1").update(active=False)
    api = client_for(Role.OPERATOR, language="en")
    guard_for(api)
    response = api.post(SCANS, {"checkpoint": "KHO-1", "scanned_at": minutes_ago(1)})
    assert response.json() == {"checkpoint": ["Checkpoint KHO-1 is no longer in use."]}


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.PARK_MANAGER, Role.WARD_OFFICIAL])
def test_only_a_guard_on_the_roster_records_a_scan(night_route, client_for, role):
    api = client_for(role, language="en")
    response = api.post(SCANS, {"checkpoint": "KHO-1", "scanned_at": minutes_ago(1)})
    assert response.status_code == 403
    assert response.json()["detail"] == "Only guards on the roster record patrol scans."


def test_a_guard_taken_off_the_roster_records_nothing(night_route, client_for, guard_for):
    api = client_for(Role.OPERATOR)
    guard = guard_for(api)
    guard.active = False
    guard.save()
    assert api.post(SCANS, {"checkpoint": "KHO-1", "scanned_at": minutes_ago(1)}).status_code == 403


def test_staff_read_scans_an_enterprise_user_sees_none_and_a_ward_official_is_refused(
    night_route, client_for, small_park
):
    assert client_for(Role.OPERATOR).get(SCANS).json()["count"] == PatrolScan.objects.count() == 1
    enterprise = client_for(Role.ENTERPRISE, small_park["a"])
    assert enterprise.get(SCANS).json()["count"] == 0
    assert enterprise.get(ROUTES).json()["count"] == 0
    ward = client_for(Role.WARD_OFFICIAL, language="en")
    refused = ward.get(ROUTES)
    assert refused.status_code == 403 and "for its staff" in refused.json()["detail"]


def test_a_park_manager_lays_out_a_route_in_order(night_route, client_for):
    api = client_for(Role.PARK_MANAGER)
    body = {"name": "Tuyến cổng", "checkpoints": ["KHO-2", "KHO-1"], "rounds_from": "20:00", "rounds_until": "04:00",
            "every": 60, "allowed": 30}  # fmt: skip
    created = api.post(ROUTES, body)
    assert created.status_code == 201, created.json()
    assert created.json()["checkpoints"] == ["KHO-2", "KHO-1"]
    route = PatrolRoute.objects.get(name="Tuyến cổng")
    changed = api.patch(f"{ROUTES}{route.pk}/", {"checkpoints": ["KHO-1"]})
    assert changed.json()["checkpoints"] == ["KHO-1"] and route.stops.count() == 1
    assert client_for(Role.OPERATOR).patch(f"{ROUTES}{route.pk}/", {"every": 30}).status_code == 403


@pytest.mark.parametrize(
    ("language", "change", "field", "message"),
    [
        ("en", {"checkpoints": ["KHO-1", "XX"]}, "checkpoints", "No checkpoint has the code: XX."),
        ("vi", {"checkpoints": ["KHO-1", "KHO-1"]}, "checkpoints",
         "Mỗi điểm tuần tra chỉ xuất hiện một lần trên một tuyến: KHO-1."),
        ("en", {"allowed": 90}, "allowed", "A round may take at most the time between two rounds (60 minutes)."),
        ("vi", {"allowed": 90}, "allowed",
         "Một vòng chỉ được kéo dài tối đa bằng khoảng cách giữa hai vòng (60 phút)."),
    ],
)  # fmt: skip
def test_a_bad_route_is_refused_naming_the_field(night_route, client_for, language, change, field, message):
    api = client_for(Role.PARK_MANAGER, language=language)
    body = {"name": "Tuyến mới", "checkpoints": ["KHO-1"], "every": 60, "allowed": 30, **change}
    response = api.post(ROUTES, body)
    assert response.status_code == 400 and response.json() == {field: [message]}
    assert not PatrolRoute.objects.filter(name="Tuyến mới").exists()


def test_the_rounds_of_a_route_are_judged_from_the_scans(night_route, client_for, guard_for):
    api = client_for(Role.OPERATOR, language="en")
    guard = guard_for(api)
    now = timezone.localtime()
    start = now.replace(minute=0, second=0, microsecond=0)
    night_route.rounds_from = night_route.rounds_until = start.time()  # around the clock, from this hour
    night_route.save()
    PatrolScan.objects.create(
        guard=guard, checkpoint=night_route.checkpoints.get(code="KHO-1"), scanned_at=start
    )
    since, until = (start - timedelta(hours=2)).isoformat(), (start + timedelta(minutes=1)).isoformat()
    rounds = api.get(f"{ROUTES}{night_route.pk}/rounds/", {"since": since, "until": until}).json()
    assert [(r["status"], r["missing"]) for r in rounds] == [
        ("missed", ["KHO-1", "KHO-2"]),
        ("in_progress" if now - start <= timedelta(minutes=45) else "missed", ["KHO-2"]),
    ]
    assert rounds[1]["visited"][0]["checkpoint"] == "KHO-1" and rounds[1]["visited"][0]["guard"] == "BV-07"
    wrong = api.get(f"{ROUTES}{night_route.pk}/rounds/", {"since": until, "until": since})
    assert wrong.status_code == 400 and wrong.json() == {"until": ["Give an end after the start."]}
    too_long = api.get(
        f"{ROUTES}{night_route.pk}/rounds/", {"since": "2026-01-01T00:00", "until": "2026-02-01T00:00"}
    )
    assert too_long.json() == {"until": ["Ask for at most 7 days of rounds at a time."]}


def test_a_checkpoint_whose_location_cannot_be_stored_is_refused_by_its_field(night_route, client_for):
    api = client_for(Role.PARK_MANAGER, language="vi")
    location = {"type": "Point", "coordinates": [106.27, 20.92], "\u0000": 1}
    response = api.post(
        "/api/v1/security/checkpoints/", {"code": "KHO-3", "name": "Kho 3", "location": location}
    )
    assert response.status_code == 400
    assert response.json() == {"location": ["Hãy bỏ ký tự NUL (\\u0000): ký tự này không lưu được."]}
