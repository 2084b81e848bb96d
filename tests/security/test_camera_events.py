"""Camera events through the core event pipeline: checked, kept once, turned into alarms by rules."""

import base64
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock

import pytest
from django.utils import timezone, translation

from ioc.alerts.choices import Severity
from ioc.alerts.models import Alarm, Incident
from ioc.evidence.images import store_image
from ioc.evidence.models import Purpose as ImagePurpose
from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from ioc.telemetry import health
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.events import ingest_events
from ioc.telemetry.models import DeviceEvent, Rejection, Source
from security.analytics.synthetic import background, encode_jpeg
from security.events import alarm_message, camera_of
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


# Night and day as the park's clock reads them, yesterday (events may be up to 7 days old).
def yesterday_at(hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() - timedelta(days=1)
    return datetime.combine(day, clock(hour, minute), tzinfo=timezone.get_default_timezone())


def iso(moment: datetime) -> str:
    return moment.isoformat()


@pytest.fixture
def night_camera(camera):
    camera.restricted_from, camera.restricted_until = clock(22, 0), clock(6, 0)
    camera.save()
    return camera


def test_a_restricted_region_intrusion_at_night_raises_exactly_one_critical_alarm_with_the_image(
    night_camera,
):
    night, day = yesterday_at(23, 30), yesterday_at(14, 0)
    result = send(night_camera, [
        {"type": "intrusion", "id": "n1", "ts": iso(night), "region": "fence", "object": "person", "image": jpeg_b64()},
        {"type": "intrusion", "id": "n2", "ts": iso(night + timedelta(seconds=20)), "region": "fence"},
        {"type": "intrusion", "id": "n3", "ts": iso(night), "region": "road"},  # not a restricted region
        {"type": "intrusion", "id": "d1", "ts": iso(day), "region": "fence"},  # restricted region, by day
    ])  # fmt: skip
    assert (result.accepted, result.refusals) == (4, [])
    alarm = Alarm.objects.get(device=night_camera.device)
    assert alarm.severity == Severity.CRITICAL and alarm.count == 2
    assert alarm.image is not None and alarm.image.file.read()[:3] == b"\xff\xd8\xff"
    assert (
        "Hàng rào bắc (CAM-FENCE-01)" in alarm.message
        and "Khu A" in alarm.message
        and "fence" in alarm.message
    )


def test_a_region_the_registry_does_not_know_counts_as_restricted(night_camera):
    send(night_camera, {"type": "intrusion", "id": "u1", "ts": iso(yesterday_at(2, 10)), "region": "kho 3"})
    assert Alarm.objects.get(device=night_camera.device).severity == Severity.CRITICAL


def test_the_alarm_message_names_camera_zone_and_region_in_vietnamese_and_english(night_camera):
    send(night_camera, {"type": "intrusion", "id": "m1", "ts": iso(yesterday_at(23, 5)), "region": "fence",
                        "object": "person"})  # fmt: skip
    event = DeviceEvent.objects.get(event_id="m1")
    assert Alarm.objects.get(device=night_camera.device).message == alarm_message_in(
        "vi", event
    )  # stored in the park's language
    assert alarm_message_in("vi", event) == (
        "Xâm nhập (người) — Hàng rào bắc (CAM-FENCE-01) · phân khu: Khu A · vùng “fence” · 23:05 "
        + yesterday_at(23, 5).strftime("%d/%m/%Y")
    )
    assert alarm_message_in("en", event).startswith(
        "Intrusion (person) — Hàng rào bắc (CAM-FENCE-01) · zone: Khu A · region “fence” · 23:05"
    )


def alarm_message_in(language: str, event) -> str:
    with translation.override(language):
        return alarm_message(event, camera_of(event))


def test_smoke_without_a_picture_opens_an_incident_with_the_cameras_latest_snapshot(camera):
    taken = timezone.now() - timedelta(seconds=10)
    snapshot = store_image(device_id=camera.device_id, data=encode_jpeg(background(64, 48)), taken_at=taken,
                           purpose=ImagePurpose.SNAPSHOT)  # fmt: skip
    Camera.objects.filter(pk=camera.pk).update(latest_snapshot=snapshot)
    send(camera, {"type": "smoke", "id": "s1", "confidence": 0.8})
    alarm = Alarm.objects.get(device=camera.device)
    incident = Incident.objects.get(alarms=alarm)
    assert alarm.severity == Severity.CRITICAL and alarm.image == snapshot
    assert list(incident.images.all()) == [snapshot] and incident.category == "security"
    assert "Khói (độ tin cậy 80%)" in alarm.message


def test_a_stale_snapshot_is_not_passed_off_as_the_events_picture(camera):
    old = store_image(device_id=camera.device_id, data=encode_jpeg(background(64, 48)),
                      taken_at=timezone.now() - timedelta(hours=1), purpose=ImagePurpose.SNAPSHOT)  # fmt: skip
    Camera.objects.filter(pk=camera.pk).update(latest_snapshot=old)
    send(camera, {"type": "fire", "id": "f2"})
    incident = Incident.objects.get(alarms__device=camera.device)
    assert not incident.images.exists() and Alarm.objects.get(device=camera.device).image is None


def test_a_heartbeat_marks_the_camera_online_and_never_moves_its_last_frame_back(camera):
    Camera.objects.filter(pk=camera.pk).update(failures_in_row=4, last_error="timeout")
    at = timezone.now().replace(microsecond=0) - timedelta(seconds=30)
    result = send(camera, [
        {"type": "heartbeat", "id": "h1", "ts": iso(at), "image": jpeg_b64()},
        {"type": "heartbeat", "id": "h0", "ts": iso(at - timedelta(minutes=5))},  # late, older
    ])  # fmt: skip
    assert result.accepted == 2
    camera.refresh_from_db()
    assert (
        camera.online
        and camera.last_frame_at == at
        and (camera.failures_in_row, camera.last_error) == (0, "")
    )
    assert camera.latest_snapshot is not None and camera.latest_snapshot.purpose == ImagePurpose.SNAPSHOT
    assert not Alarm.objects.filter(device=camera.device).exists()


def test_a_camera_whose_heartbeats_stop_goes_offline_with_the_telemetry_sweep(
    camera, django_capture_on_commit_callbacks
):
    Camera.objects.filter(pk=camera.pk).update(has_own_analytics=True)
    send(camera, {"type": "heartbeat", "id": "h1"})
    later = datetime.now(UTC) + camera.device.expected_interval * 4
    with django_capture_on_commit_callbacks(execute=True):
        assert health.sweep_offline(later) == [camera.device_id]
    camera.refresh_from_db()
    assert not camera.online and camera.last_error.startswith("Không có tín hiệu sống từ")
