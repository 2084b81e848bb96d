"""The traffic API: plates masked by role, every plate search in the audit log, tenancy, who writes."""

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from ioc.audit.models import AuditEntry
from ioc.park.choices import DeviceKind, Role
from ioc.park.models import Enterprise, ShiftSchedule
from tests.traffic.conftest import jpeg_b64, make_device, plate_read, send
from traffic.models import CountInterval, RoadCounter, WatchlistEntry

pytestmark = pytest.mark.django_db
READS = "/api/v1/traffic/plate-reads/"


@pytest.fixture
def reads(gates):
    now = timezone.now()
    send("GATE-MAIN", [plate_read("m1", "15C-123.45", "in", now - timedelta(hours=2), "truck", image=jpeg_b64()),
                       plate_read("m2", "29A-678.90", "in", now - timedelta(hours=1))])  # fmt: skip
    send("GATE-A", plate_read("a1", "34A-555.55", "in", now - timedelta(minutes=30)))
    return gates


@pytest.mark.parametrize(("role", "whole"), [(Role.ADMIN, True), (Role.PARK_MANAGER, True), (Role.OPERATOR, False),
                                             (Role.WARD_OFFICIAL, False)])  # fmt: skip
def test_plates_are_whole_for_managers_and_masked_for_the_other_roles(reads, client_for, role, whole):
    rows = client_for(role).get(READS).json()["results"]
    plates = {row["plate"] for row in rows}
    expected = (
        {"15C-123.45", "29A-678.90", "34A-555.55"} if whole else {"15C-***.45", "29A-***.90", "34A-***.55"}
    )
    assert plates == expected and all(row["masked"] is not whole for row in rows)


def test_a_reads_image_links_to_the_core_image_view_that_logs_each_opening(reads, client_for):
    row = next(
        r for r in client_for(Role.OPERATOR).get(READS).json()["results"] if r["vehicle_class"] == "truck"
    )
    assert row["image"].startswith("/api/v1/images/") and row["image"].endswith("/content")


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OPERATOR, Role.ENTERPRISE])
def test_every_plate_search_is_in_the_audit_log_whoever_searches(reads, client_for, role):
    api = client_for(role, reads["a"] if role == Role.ENTERPRISE else None)
    found = api.get(READS, {"plate": "15c12345", "direction": "in"})
    assert found.status_code == 200
    refused = api.get(READS, {"plate": "not a plate"})
    assert refused.status_code == 400 and "plate" in refused.json()
    entries = AuditEntry.objects.filter(
        action="plate_search", model="traffic.PlateRead", user=api.user
    ).order_by("id")
    assert [e.detail["plate"] for e in entries] == ["15c12345", "not a plate"]
    assert entries[0].detail["params"] == {"direction": "in"} and entries[0].method == "GET"
    if role == Role.ENTERPRISE:
        assert found.json()["count"] == 0, "the main gate is the park's, not the enterprise's"
    else:
        assert [r["plate"] for r in found.json()["results"]] == [
            "15C-123.45" if role == Role.ADMIN else "15C-***.45"
        ]


def test_a_bad_plate_in_a_search_is_explained_in_vietnamese(reads, client_for):
    answer = client_for(Role.OPERATOR, language="vi").get(READS, {"plate": "ABC"}).json()
    assert "không phải biển số xe Việt Nam" in answer["plate"][0]


def test_a_list_without_a_plate_search_logs_nothing(reads, client_for):
    client_for(Role.OPERATOR).get(READS, {"direction": "in"})
    assert not AuditEntry.objects.filter(action="plate_search").exists()


def test_an_enterprise_user_sees_only_the_reads_and_gates_of_its_own_gates(reads, client_for):
    api = client_for(Role.ENTERPRISE, reads["a"])
    assert [r["plate"] for r in api.get(READS).json()["results"]] == ["34A-***.55"]
    assert [g["name"] for g in api.get("/api/v1/traffic/gates/").json()["results"]] == ["Cổng nhà máy A"]
    assert api.get("/api/v1/traffic/gates/now/").json()["inside"] == 1
    other = client_for(Role.ENTERPRISE, reads["b"])
    assert (
        other.get(READS).json()["count"] == 0
        and other.get("/api/v1/traffic/gates/now/").json()["inside"] == 0
    )


def test_the_watchlist_is_written_by_managers_read_masked_by_operators_and_hidden_from_enterprises(
    gates, client_for
):
    manager = client_for(Role.PARK_MANAGER)
    created = manager.post(
        "/api/v1/traffic/watchlist/", {"plate": "15c 999.01", "reason": "Xe bị báo mất"}, format="json"
    )
    assert created.status_code == 201, created.content
    entry = WatchlistEntry.objects.get()
    assert (entry.plate, entry.plate_compact, entry.added_by) == ("15C-999.01", "15C99901", manager.user)
    operator = client_for(Role.OPERATOR)
    assert [r["plate"] for r in operator.get("/api/v1/traffic/watchlist/").json()["results"]] == [
        "15C-***.01"
    ]
    assert (
        operator.post("/api/v1/traffic/watchlist/", {"plate": "29A-123.45", "reason": "x"}).status_code == 403
    )
    assert client_for(Role.ENTERPRISE, gates["a"]).get("/api/v1/traffic/watchlist/").json()["count"] == 0
    operator.get("/api/v1/traffic/watchlist/", {"plate": "15C-999.01"})
    assert AuditEntry.objects.filter(action="plate_search", model="traffic.WatchlistEntry").count() == 1


def test_a_bad_watchlist_entry_names_each_field(gates, client_for):
    now = timezone.now()
    answer = client_for(Role.ADMIN, language="en").post(
        "/api/v1/traffic/watchlist/",
        {"plate": "NG-123-45", "reason": "x", "valid_from": now.isoformat(), "valid_until": (now - timedelta(days=1)).isoformat()},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 400
    body = answer.json()
    assert "diplomatic" in body["plate"][0] and "end after it starts" in body["valid_until"][0]


@pytest.fixture
def road(park):
    device = make_device("TRF-01", DeviceKind.TRAFFIC_COUNTER, park["zone"])
    counter = RoadCounter.objects.create(
        device=device, name_vi="Trục chính", segment={"type": "LineString", "coordinates": [[106.27, 20.92], [106.28, 20.92]]},
        capacity_per_hour=2400, capacity_source="giả định demo",
    )  # fmt: skip
    return counter


@freeze_time("2026-03-10T01:07:00Z")
def test_a_counter_shows_its_latest_complete_quarter_and_its_congestion(road, client_for):
    CountInterval.objects.create(counter=road, bucket=timezone.now().replace(minute=0) - timedelta(minutes=15), volume_in=300,
                                 volume_out=250, volume_undirected=0)  # fmt: skip
    CountInterval.objects.create(
        counter=road, bucket=timezone.now().replace(minute=0), volume_undirected=20
    )  # not over yet
    api = client_for(Role.OPERATOR, language="en")
    row = api.get("/api/v1/traffic/counters/").json()["results"][0]
    latest = row["latest"]
    assert (latest["volume"], latest["hourly_rate"], latest["ratio"], latest["band"]) == (
        550,
        2200,
        0.917,
        "heavy",
    )
    assert latest["bucket"] == "2026-03-10T07:45:00+07:00"
    volumes = api.get(f"/api/v1/traffic/counters/{road.pk}/volumes/").json()
    assert [r["volume"] for r in volumes["results"]] == [550, 20]
    bad = api.get(f"/api/v1/traffic/counters/{road.pk}/volumes/", {"since": "2026-01-01T00:00:00Z"})
    assert bad.status_code == 400 and "until" in bad.json()


@freeze_time("2026-03-10T05:00:00Z")  # Tuesday 12:00 in the park
def test_the_next_peaks_come_from_the_enterprises_shifts(small_park, client_for):
    a, b = small_park["a"], small_park["b"]
    ShiftSchedule.objects.create(
        enterprise=a, name="Ca 1", start="06:00", end="14:00", days="123456", headcount=400
    )
    ShiftSchedule.objects.create(
        enterprise=b, name="Ca 2", start="14:00", end="22:00", days="123456", headcount=300
    )
    operator = client_for(Role.OPERATOR)
    peaks = operator.get("/api/v1/traffic/counters/peaks/", {"hours": 6}).json()["peaks"]
    assert len(peaks) == 1
    assert (peaks[0]["start"], peaks[0]["arriving"], peaks[0]["leaving"]) == (
        "2026-03-10T13:45:00+07:00",
        300,
        400,
    )
    assert {s["enterprise"] for s in peaks[0]["shifts"]} == {a.name, b.name}
    own = (
        client_for(Role.ENTERPRISE, a).get("/api/v1/traffic/counters/peaks/", {"hours": 6}).json()["peaks"][0]
    )
    assert own["leaving"] == 400 and [s["enterprise"] for s in own["shifts"]] == [a.name]
    assert operator.get("/api/v1/traffic/counters/peaks/", {"hours": 500}).status_code == 400


@freeze_time("2026-03-10T05:00:00Z")
def test_gate_hours_of_a_day(gates, client_for):
    now = timezone.now()
    send("GATE-MAIN", [plate_read("m1", "15C-123.45", "in", now - timedelta(hours=2)),
                       plate_read("m2", "29A-678.90", "in", now - timedelta(hours=1))])  # fmt: skip
    send("GATE-A", plate_read("a1", "34A-555.55", "in", now - timedelta(minutes=30)))
    reads = gates
    api = client_for(Role.OPERATOR)
    hours = api.get("/api/v1/traffic/gates/hours/").json()["hours"]
    assert sum(h["entries"] for h in hours) == 3
    main = reads["main"].pk
    assert (
        sum(h["entries"] for h in api.get("/api/v1/traffic/gates/hours/", {"gate": main}).json()["hours"])
        == 2
    )
    assert api.get("/api/v1/traffic/gates/hours/", {"date": "2026-02-30"}).status_code == 400
    enterprise = client_for(Role.ENTERPRISE, reads["a"])
    assert enterprise.get("/api/v1/traffic/gates/hours/", {"gate": main}).status_code == 400


def test_the_enterprise_api_lists_its_shifts(small_park, client_for):
    ShiftSchedule.objects.create(
        enterprise=small_park["a"], name="Ca 1", start="06:00", end="14:00", headcount=400
    )
    row = (
        client_for(Role.ENTERPRISE, small_park["a"]).get(f"/api/v1/enterprises/{small_park['a'].pk}/").json()
    )
    assert row["shifts"] == [
        {"name": "Ca 1", "start": "06:00:00", "end": "14:00:00", "days": "123456", "headcount": 400}
    ]
    assert Enterprise.objects.count() == 2


def test_odd_searches_are_refused_or_logged_never_a_server_error(gates, client_for):
    """What a fuzzer found: a "%" in a bad plate broke the error's formatting; a NUL broke the log."""
    api = client_for(Role.OPERATOR, language="en")
    assert api.get(READS, {"plate": "%ñ"}).status_code == 400
    assert (
        api.get("/api/v1/traffic/watchlist/", {"plate": "15C-123.45", "ordering": "x\x00y"}).status_code
        == 200
    )
    logged = AuditEntry.objects.filter(action="plate_search").order_by("id")
    assert [e.detail["plate"] for e in logged] == ["%ñ", "15C-123.45"] and logged[1].detail["params"][
        "ordering"
    ] == "xy"


def test_a_watchlist_entry_keeps_to_sensible_years_and_answers_with_its_hits(gates, client_for):
    api = client_for(Role.PARK_MANAGER, language="en")
    old = api.post("/api/v1/traffic/watchlist/", {"plate": "15C-123.45", "reason": "x", "valid_from": "0186-01-05T00:00:00Z"},
                   format="json")  # fmt: skip
    assert old.status_code == 400 and "between the years" in old.json()["valid_from"][0]
    created = api.post(
        "/api/v1/traffic/watchlist/", {"plate": "15C-123.45", "reason": "x"}, format="json"
    ).json()
    assert created["hits"] == 0 and created["added_by"] == api.user.username
