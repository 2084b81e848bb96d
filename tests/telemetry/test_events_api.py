"""GET /api/v1/device-events/: paginated, filtered by type, device, zone and time; tenancy; masking."""

from datetime import UTC, datetime, timedelta

import pytest

from ioc.park.choices import Role
from ioc.park.models import Zone
from ioc.registry import registry
from ioc.telemetry.events import EventKind
from ioc.telemetry.models import DeviceEvent
from tests.conftest import square
from tests.evidence.helpers import camera

T0 = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)  # 08:00 in the park


@pytest.fixture
def events(small_park):
    """Two cameras of enterprise A (two zones), one of B, one of the park; events an hour apart."""
    north = Zone.objects.create(
        code="z-n", name_vi="Khu Bắc", kind="production", boundary=square(106.3, 20.95)
    )
    cameras = {
        "a1": camera("CAM-A1", zone=small_park["zone"], enterprise=small_park["a"]),
        "a2": camera("CAM-A2", zone=north, enterprise=small_park["a"]),
        "b1": camera("CAM-B1", zone=small_park["zone"], enterprise=small_park["b"]),
        "park": camera("CAM-PARK", zone=north),
    }
    for n, (key, kind) in enumerate(
        [("a1", "intrusion"), ("a1", "people_count"), ("a2", "intrusion"), ("b1", "intrusion"),
         ("park", "smoke"), ("park", "people_count")]
    ):  # fmt: skip
        at = T0 + timedelta(hours=n)
        DeviceEvent.objects.create(device=cameras[key], kind=kind, event_id=f"e{n}", at=at, received_at=at,
                                   source="http", details={"n": n})  # fmt: skip
    return {**small_park, **cameras, "north": north}


def ids(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["event_id"] for row in response.json()["results"]]


def test_the_list_is_paginated_newest_first(events, client_for):
    api = client_for(Role.OPERATOR, language="en")
    day = {"at_to": "2026-03-11T00:00:00+07:00"}  # (small_park's own events are of today)
    first = api.get("/api/v1/device-events/", {"page_size": 2, "type": "intrusion", **day}).json()
    assert first["count"] == 3 and first["next"]
    assert [row["event_id"] for row in first["results"]] == ["e3", "e2"]
    row = first["results"][0]
    assert (row["serial"], row["type"], row["type_title"], row["zone"]) == (
        "CAM-B1", "intrusion", "Intrusion", events["zone"].pk,
    )  # fmt: skip
    assert row["at"].endswith("+07:00")  # shown in the park's time


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "people_count"}, ["e5", "e1"]),
        ({"serial": "CAM-A1"}, ["e1", "e0"]),
        ({"zone": "north"}, ["e5", "e4", "e2"]),
        ({"at_from": "2026-03-10T10:00:00+07:00", "at_to": "2026-03-10T12:00:00+07:00"}, ["e3", "e2"]),
        (
            {"at_from": "2026-03-10T03:00:00Z", "at_to": "2026-03-11T00:00:00Z", "type": "intrusion"},
            ["e3", "e2"],
        ),
        ({"source": "mqtt"}, []),
    ],
)
def test_it_filters_by_type_device_zone_source_and_time(events, client_for, query, expected):
    if query.get("zone") == "north":
        query = {"zone": events["north"].pk}
    assert ids(client_for(Role.PARK_MANAGER).get("/api/v1/device-events/", query)) == expected


def test_a_bad_time_filter_is_a_400_naming_the_parameter_in_the_callers_language(events, client_for):
    api = client_for(Role.OPERATOR, language="vi")
    response = api.get("/api/v1/device-events/", {"at_from": "0634-01-01T00:00:00+22:14"})
    assert response.status_code == 400 and "at_from" in response.json()


def test_an_enterprise_user_sees_only_its_own_devices_events(events, client_for):
    api = client_for(Role.ENTERPRISE, events["a"])
    own = {"e0", "e1", "e2", "fixture-a", "fixture-plate-a"}  # the last: a read at its gate (traffic)
    assert set(ids(api.get("/api/v1/device-events/", {"page_size": 100}))) == own
    other = DeviceEvent.objects.get(event_id="e3")
    assert api.get(f"/api/v1/device-events/{other.pk}/").status_code == 404
    assert api.post("/api/v1/device-events/", {}, format="json").status_code == 403


@pytest.fixture
def masked_kind():
    """A type whose app hides the plate from operators, as traffic does."""

    def present(details: dict, request) -> dict:
        if request.user.effective_role == Role.OPERATOR:
            details["plate"] = details["plate"][:4] + "***" + details["plate"][-3:]
        return details

    kind = EventKind("test_plate", "Plate", "traffic", lambda details: details, present=present)
    registry.register_device_event_kind(kind)
    yield kind
    del registry.device_event_kinds[kind.key]


def test_each_types_app_decides_what_a_reader_sees_of_the_details(events, client_for, masked_kind):
    event = DeviceEvent.objects.create(device=events["park"], kind="test_plate", event_id="p1", at=T0,
                                       received_at=T0, source="http", details={"plate": "15C-123.45"})  # fmt: skip
    url = f"/api/v1/device-events/{event.pk}/"
    assert client_for(Role.OPERATOR).get(url).json()["details"] == {"plate": "15C-***.45"}
    assert client_for(Role.PARK_MANAGER).get(url).json()["details"] == {"plate": "15C-123.45"}
    event.refresh_from_db()
    assert event.details == {"plate": "15C-123.45"}  # the stored row is untouched


def test_the_list_costs_a_fixed_number_of_queries(events, client_for, django_assert_max_num_queries):
    for n in range(60):
        DeviceEvent.objects.create(device=events["a1"], kind="people_count", event_id=f"bulk{n}", at=T0,
                                   received_at=T0, source="mqtt", details={"count": n})  # fmt: skip
    api = client_for(Role.OPERATOR)
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/device-events/", {"page_size": 100})
    assert response.json()["count"] == 70  # with small_park's two gates' plate reads
