"""A park with gates, readers and a road counter, and a way to send their events as devices do."""

import base64
import time
from datetime import UTC, datetime

import pytest

from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.events import ingest_events
from ioc.telemetry.models import DeviceEvent, Source
from tests.conftest import point
from traffic.models import Gate, RoadCounter, WatchlistEntry


def make_device(serial: str, kind: str, zone, enterprise=None, lon: float = 106.275) -> Device:
    return Device.objects.create(serial=serial, name=f"Thiết bị {serial}", kind=kind, zone=zone,
                                 enterprise=enterprise, location=point(lon, 20.921))  # fmt: skip


@pytest.fixture
def park(small_park):
    """`small_park` without its traffic rows (they serve the generic tenancy tests): these tests count."""
    DeviceEvent.objects.filter(kind="plate_read").delete()
    Gate.objects.all().delete()
    RoadCounter.objects.all().delete()
    WatchlistEntry.objects.all().delete()
    Device.objects.filter(serial__in=["GATE-a", "GATE-b", "DA-TRF-01"]).delete()
    return small_park


@pytest.fixture
def gates(park, settings, tmp_path):
    """The park's main gate (its controller and a lane camera), and a gate enterprise A owns."""
    small_park = park
    settings.MEDIA_ROOT = tmp_path / "media"
    zone = small_park["zone"]
    main = Gate.objects.create(device=make_device("GATE-MAIN", DeviceKind.GATE, zone), name_vi="Cổng chính",
                               name_en="Main gate", lanes=4)  # fmt: skip
    lane_camera = make_device("CAM-LANE-2", DeviceKind.CAMERA, zone)
    main.readers.add(lane_camera)
    own = Gate.objects.create(device=make_device("GATE-A", DeviceKind.GATE, zone, small_park["a"]),
                              name_vi="Cổng nhà máy A", lanes=1)  # fmt: skip
    road_camera = make_device("CAM-ROAD", DeviceKind.CAMERA, zone)
    return {"main": main, "lane_camera": lane_camera, "own": own, "road_camera": road_camera, **small_park}


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def plate_read(
    event_id: str, plate: str, direction: str, at: datetime, vehicle_class: str = "car", **extra
) -> dict:
    return {"type": "plate_read", "id": event_id, "ts": iso(at), "plate": plate, "direction": direction,
            "vehicle_class": vehicle_class, "confidence": 0.93, **extra}  # fmt: skip


def send(serial: str, body, received_at: float | None = None):
    return ingest_events(context_for_serial(serial), body, Source.HTTP, received_at or time.time())


def jpeg_b64() -> str:
    """A small grey JPEG, as a reader's snapshot of the plate."""
    import cv2
    import numpy as np

    ok, data = cv2.imencode(".jpg", np.full((48, 64, 3), 128, dtype=np.uint8))
    assert ok
    return base64.b64encode(data.tobytes()).decode()
