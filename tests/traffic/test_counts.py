"""Road counters' 15-minute volumes from telemetry readings and from camera vehicle_count events."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from ioc.park.choices import DeviceKind
from ioc.park.models import Channel
from tests.traffic.conftest import iso, make_device, send
from traffic.choices import CountSource
from traffic.models import CountInterval, RoadCounter

pytestmark = pytest.mark.django_db
LINE = {"type": "LineString", "coordinates": [[106.27, 20.92], [106.28, 20.92]]}


@pytest.fixture
def counter(park):
    device = make_device("TRF-01", DeviceKind.TRAFFIC_COUNTER, park["zone"])
    Channel.objects.create(device=device, metric="vehicle_count", source_name="veh", unit="count")
    Channel.objects.create(device=device, metric="heavy_vehicle_count", source_name="hgv", unit="count")
    token = device.rotate_token()
    counter = RoadCounter.objects.create(device=device, name_vi="Trục chính", segment=LINE, capacity_per_hour=2400,
                                         capacity_source="giả định")  # fmt: skip
    return counter, token


def quarter_ago(minutes: int) -> datetime:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    return now.replace(minute=now.minute - now.minute % 15) - timedelta(minutes=minutes)


def test_readings_every_5_minutes_sum_into_the_quarter_they_close(
    counter, django_capture_on_commit_callbacks
):
    counter, token = counter
    start = quarter_ago(30)
    body = [{"ts": iso(start + timedelta(minutes=m)), "values": {"veh": v, "hgv": h}}
            for m, v, h in ((5, 100, 10), (10, 120, 12), (15, 140, 8), (20, 50, 5))]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = APIClient().post(f"/api/v1/devices/{token}/telemetry", body, format="json")
    assert response.status_code == 202, response.content
    first, second = CountInterval.objects.order_by("bucket")
    assert (first.bucket, first.volume, first.volume_undirected, first.heavy) == (start, 360, 360, 30)
    assert (second.bucket, second.volume, second.heavy) == (start + timedelta(minutes=15), 50, 5)
    with django_capture_on_commit_callbacks(execute=True):  # a replay changes nothing
        APIClient().post(f"/api/v1/devices/{token}/telemetry", body, format="json")
    assert CountInterval.objects.get(bucket=start).volume == 360


def test_a_cameras_vehicle_count_events_count_by_direction(park):
    camera = make_device("CAM-ROAD", DeviceKind.CAMERA, park["zone"])
    counter = RoadCounter.objects.create(device=camera, name_vi="Ngã tư", segment=LINE, capacity_per_hour=1200,
                                         capacity_source="giả định", source=CountSource.EVENTS)  # fmt: skip
    start = quarter_ago(15)
    events = [{"type": "vehicle_count", "id": f"v{n}", "ts": iso(start + timedelta(minutes=m)), "count": c,
               "direction": d, "period_s": 300} for n, (m, c, d) in enumerate(((5, 30, "in"), (5, 25, "out"),
                                                                               (10, 7, "both"), (15, 40, "in")))]  # fmt: skip
    result = send("CAM-ROAD", events)
    assert result.accepted == 4, result.refusals
    interval = CountInterval.objects.get(counter=counter)
    assert (interval.volume_in, interval.volume_out, interval.volume_undirected, interval.heavy) == (
        70,
        25,
        7,
        None,
    )


def test_a_camera_counting_for_nobody_changes_nothing(park):
    make_device("CAM-X", DeviceKind.CAMERA, park["zone"])
    send("CAM-X", {"type": "vehicle_count", "id": "1", "count": 5})
    assert not CountInterval.objects.exists()


def test_a_counter_is_a_traffic_counter_or_a_camera_and_only_cameras_send_events(park):
    meter = park["device_a"]
    with pytest.raises(ValidationError) as error:
        RoadCounter(
            device=meter, name_vi="x", segment=LINE, capacity_per_hour=10, capacity_source="x"
        ).full_clean()
    assert "device" in error.value.message_dict
    counter = make_device("TRF-9", DeviceKind.TRAFFIC_COUNTER, park["zone"])
    with pytest.raises(ValidationError) as error:
        RoadCounter(device=counter, name_vi="x", segment=LINE, capacity_per_hour=10, capacity_source="x",
                    source=CountSource.EVENTS).full_clean()  # fmt: skip
    assert "source" in error.value.message_dict


@pytest.mark.parametrize(
    "segment",
    [{"type": "Point", "coordinates": [106.2, 20.9]}, {"type": "LineString", "coordinates": [[106.2, 20.9]]},
     {"type": "LineString", "coordinates": [[106.2, 20.9], [200, 20.9]]}, "not geojson"],
)  # fmt: skip
def test_a_road_segment_is_a_linestring_of_two_positions_or_more(park, segment):
    device = make_device("TRF-8", DeviceKind.TRAFFIC_COUNTER, park["zone"])
    with pytest.raises(ValidationError) as error:
        RoadCounter(
            device=device, name_vi="x", segment=segment, capacity_per_hour=10, capacity_source="x"
        ).full_clean()
    assert "segment" in error.value.message_dict
