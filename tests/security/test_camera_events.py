"""Camera events through the core event pipeline: checked, kept once, turned into alarms by rules."""

import base64
import time
from datetime import time as clock

import pytest

from ioc.alerts.choices import Severity
from ioc.alerts.models import Alarm, Incident
from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.events import ingest_events
from ioc.telemetry.models import DeviceEvent, Rejection, Source
from security.analytics.synthetic import background, encode_jpeg
from security.models import Camera, Purpose
from tests.conftest import point

pytestmark = pytest.mark.django_db


@pytest.fixture
def camera(small_park, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    device = Device.objects.create(
        serial="CAM-FENCE-01", name="Hàng rào bắc", kind=DeviceKind.CAMERA, zone=small_park["zone"],
        location=point(106.272, 20.93),
    )  # fmt: skip
    return Camera.objects.create(
        device=device, purpose=Purpose.PERIMETER, bearing=10,
        regions=[{"name": "fence", "points": [[0, 0], [1, 0], [1, 0.5]], "restricted": True},
                 {"name": "road", "points": [[0, 0.6], [1, 0.6], [1, 1]], "restricted": False}],
        restricted_from=clock(0, 0), restricted_until=clock(0, 0),  # restricted all day
    )  # fmt: skip


def jpeg_b64() -> str:
    return base64.b64encode(encode_jpeg(background(64, 48))).decode()


def send(camera, body):
    return ingest_events(context_for_serial(camera.device.serial), body, Source.HTTP, time.time())


def test_intrusion_in_a_restricted_region_raises_one_critical_alarm_with_its_image(camera):
    result = send(camera, [
        {"type": "intrusion", "id": "e1", "region": "fence", "object": "person", "image": jpeg_b64()},
        {"type": "intrusion", "id": "e2", "region": "fence", "object": "person"},
        {"type": "intrusion", "id": "e1", "region": "fence", "object": "person"},
    ])  # fmt: skip
    assert (result.accepted, result.duplicate, result.refusals) == (2, 1, [])
    alarm = Alarm.objects.get(device=camera.device)
    assert alarm.severity == Severity.CRITICAL and alarm.count == 2
    assert (
        alarm.image is not None and alarm.image.width == 64 and alarm.image.file.read()[:3] == b"\xff\xd8\xff"
    )


def test_intrusion_in_a_region_that_is_not_restricted_raises_nothing(camera):
    result = send(camera, {"type": "intrusion", "id": "e1", "region": "road"})
    assert result.accepted == 1
    assert not Alarm.objects.filter(device=camera.device).exists()


def test_fire_opens_an_incident_at_once_with_the_snapshot(camera):
    send(camera, {"type": "fire", "id": "f1", "confidence": 0.9, "image": jpeg_b64()})
    alarm = Alarm.objects.get(device=camera.device)
    incident = Incident.objects.get(alarms=alarm)
    assert alarm.severity == Severity.CRITICAL
    assert list(incident.images.all()) == [alarm.image]


def test_every_bad_event_is_explained_and_the_good_ones_kept(camera):
    result = send(camera, [
        {"type": "teleport", "id": "x"},
        {"type": "intrusion", "id": "b1", "confidence": 7, "object": "ghost"},
        {"type": "intrusion", "id": "b2", "ts": "yesterday-ish"},
        {"type": "intrusion", "id": "b3", "image": "not base64!"},
        {"type": "people_count", "id": "b4", "count": 12},
    ])  # fmt: skip
    assert result.accepted == 1
    reasons = sorted((r.index, r.field, r.reason) for r in result.refusals)
    assert reasons == [
        (0, "type", "unknown_event_type"),
        (1, "confidence", "event_invalid"),
        (1, "object", "event_invalid"),
        (2, "ts", "bad_timestamp"),
        (3, "image", "event_invalid"),
    ]
    assert Rejection.objects.filter(device=camera.device).count() == 5
    assert DeviceEvent.objects.get(device=camera.device).details == {"count": 12, "direction": "both"}


def test_a_meter_cannot_send_camera_events(camera, small_park):
    result = ingest_events(context_for_serial("DEV-a"), {"type": "intrusion"}, Source.HTTP)
    assert [r.reason for r in result.refusals] == ["event_not_for_device"]
