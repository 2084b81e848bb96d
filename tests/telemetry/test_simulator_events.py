"""Simulated camera events and plate reads: plausible, deterministic, and taken by the event intake."""

import io
import json
import random
import shutil
import time
from collections import Counter, defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ioc.park.demo.load import load_demo_park
from ioc.registry import registry
from ioc.telemetry.events import ENVELOPE, EventKind
from ioc.telemetry.models import DeviceEvent, Rejection
from ioc.telemetry.simulator import gates, runner, transport
from ioc.telemetry.simulator.base import Spec, local_hour, mix
from ioc.telemetry.simulator.camera_events import camera_events
from ioc.telemetry.simulator.event_sources import events_due, load_event_sources, plate_reads
from ioc.telemetry.simulator.plates import plate
from tests.telemetry.test_simulator import listening_broker, wait_for_messages
from traffic.plate_reads import validate_plate_read
from traffic.plates import parse_plate

PARK = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = 86400


def local(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=PARK).timestamp()


def spec(serial: str, model: str, scale: float = 1.0, **params) -> Spec:
    return Spec(serial, "gate" if model == "gate" else "camera", model, mix(1, len(serial), len(model)), mix(1, 7),
                scale, 3, {"minutes": 15, **params})  # fmt: skip


# --- plates and gates: pure --------------------------------------------------------------------------


def test_plates_are_vietnamese_and_mostly_from_hai_phong():
    rng = random.Random(5)
    made = [
        plate(rng, cls)
        for cls in ("car", "truck", "bus", "van", "container", "motorbike")
        for _ in range(300)
    ]
    parsed = [parse_plate(text) for text in made]  # raises on anything that is not a plate
    assert all(p.canonical == text for p, text in zip(parsed, made, strict=True))
    share = Counter(p.province_code for p in parsed)
    assert (share["15"] + share["16"]) / len(parsed) > 0.5 and share["34"] > 0
    motorbikes, cars = made[-300:], made[:-300]
    assert all(parse_plate(text).motorbike for text in motorbikes)
    assert sum(text[2] == "C" for text in made[300:600]) > 200  # lorries mostly in series C
    assert sum("." in text for text in cars) / len(cars) > 0.8  # five-digit numbers since 2010


def passages(after: str, days: int, scale: float = 1.0):
    return gates.reads(spec("DA-GATE-01", "gate", scale), local(after), local(after) + days * DAY)


def test_every_vehicle_enters_before_it_leaves_and_inside_is_entries_minus_exits():
    reads = passages("2026-03-09T00:00", 7)  # a week, Monday to Sunday
    by_plate = defaultdict(list)
    for read in reads:
        by_plate[read.plate].append(read.direction)
    # A night-shift car that entered before the window leaves first; otherwise in, out, in, out…
    for plate_text, directions in by_plate.items():
        trimmed = directions[1:] if directions[0] == "out" else directions
        assert trimmed[::2] == ["in"] * len(trimmed[::2]), plate_text
        assert trimmed[1::2] == ["out"] * len(trimmed[1::2]), plate_text
    inside = 0
    early = sum(1 for d in by_plate.values() if d[0] == "out")
    lowest = 0
    for read in reads:
        inside += 1 if read.direction == "in" else -1
        lowest = min(lowest, inside)
    assert lowest >= -early  # never fewer inside than the ones already there when the window opened


def inside_at(moment: str) -> int:
    """Vehicles whose last read before `moment` was an entry (nobody stays a day, so a day back is enough)."""
    last = {}
    for read in passages("2026-03-08T12:00", 4):
        if read.t < local(moment):
            last[read.plate] = read.direction
    return sum(direction == "in" for direction in last.values())


def test_the_gate_is_busiest_before_the_shift_changes_and_the_night_shift_stays_overnight():
    reads = passages("2026-03-10T00:00", 1)  # a Tuesday
    entries = Counter(int(local_hour(r.t)) for r in reads if r.direction == "in")
    assert entries[5] > 3 * max(entries[2], 1) and entries[13] > 3 * max(entries[2], 1)
    night, morning, evening = (inside_at(f"2026-03-10T{hour}") for hour in ("03:00", "10:00", "23:30"))
    assert 5 < night < morning and 5 < evening < morning  # the night shift inside; more by day


def test_a_window_split_in_two_gives_the_same_reads_and_a_bigger_gate_more():
    start = local("2026-03-10T05:00")
    whole = gates.reads(spec("G", "gate"), start, start + 7200)
    parts = gates.reads(spec("G", "gate"), start, start + 3000) + gates.reads(
        spec("G", "gate"), start + 3000, start + 7200
    )
    assert whole == parts and len(whole) > 20
    assert len(passages("2026-03-10T00:00", 1, 1.0)) > 2 * len(passages("2026-03-10T00:00", 1, 0.3))


def test_plate_read_payloads_pass_the_traffic_apps_checks():
    items = plate_reads(
        spec("DA-GATE-02", "gate", trucks=3.0), local("2026-03-10T00:00"), local("2026-03-11T00:00")
    )
    assert len(items) > 100
    for item in items:
        body = {k: v for k, v in item.items() if k not in ENVELOPE}
        read, errors = validate_plate_read("DA-GATE-02", {**body, "time": "2026-03-10T08:00:00+07:00"})
        assert errors == {} and read.direction == item["direction"]
        assert item["image"] and item["id"].startswith("sim-DA-GATE-02-")
    classes = Counter(item["vehicle_class"] for item in items)
    assert classes["truck"] + classes["container"] > 0.15 * len(items)


# --- cameras: pure -----------------------------------------------------------------------------------


def test_fence_cameras_see_intruders_mostly_at_night_and_other_cameras_none():
    start = local("2026-01-01T00:00")
    fence = camera_events(spec("CAM-F", "fence", 0.5), start, start + 120 * DAY)
    intrusions = [e for e in fence if e["type"] == "intrusion"]
    at_night = [e for e in intrusions if not 5 <= local_hour(e["ts"] / 1000) < 22]
    assert 10 < len(intrusions) < 60 and len(at_night) / len(intrusions) > 0.75
    assert all(e["image"] and e["object"] == "person" for e in intrusions)
    assert any(e["type"] == "loitering" for e in fence)
    office = camera_events(spec("CAM-O", "office", 0.5), start, start + 120 * DAY)
    assert not {"intrusion", "loitering"} & {e["type"] for e in office}


def test_cameras_count_every_quarter_hour_people_or_vehicles():
    start = local("2026-03-10T00:00")
    road = camera_events(spec("CAM-R", "road", 0.5), start, start + DAY)
    counts = [e for e in road if e["type"] == "vehicle_count"]
    assert len(counts) == 96 and all(e["period_s"] == 900 for e in counts)
    busy = max(counts, key=lambda e: e["count"])
    assert 5 <= local_hour(busy["ts"] / 1000) < 23
    plant = camera_events(spec("CAM-P", "plant", 0.5), start, start + DAY)
    assert sum(e["type"] == "people_count" for e in plant) == 96


def test_camera_events_pass_the_security_apps_checks():
    start = local("2026-01-01T00:00")
    items = camera_events(spec("CAM-F", "fence", 0.5), start, start + 60 * DAY)
    items += camera_events(spec("CAM-R", "road", 0.5), start, start + 2 * DAY)
    assert {"intrusion", "loitering", "people_count", "vehicle_count"} <= {e["type"] for e in items}
    for item in items:
        registry.device_event_kinds[item["type"]].clean({k: v for k, v in item.items() if k not in ENVELOPE})


# --- through the intake ------------------------------------------------------------------------------


@pytest.fixture
def plate_read_kind():
    """The traffic app registers plate_read; until it does, a stand-in with the same field checks."""
    if "plate_read" in registry.device_event_kinds:
        yield registry.device_event_kinds["plate_read"]
        return

    def clean(details: dict) -> dict:
        _read, errors = validate_plate_read("sim", {**details, "time": "2026-01-01T00:00:00+07:00"})
        if errors:
            raise ValidationError(errors)
        return details

    kind = EventKind("plate_read", "Plate read", "traffic", clean, None, ("gate",), "plate")
    registry.register_device_event_kind(kind)
    yield kind
    del registry.device_event_kinds["plate_read"]


@pytest.fixture
def park(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MQTT_URL = None
    monkeypatch.delenv("IOC_DEMO_PASSWORD", raising=False)
    load_demo_park()


def test_without_an_app_for_plate_reads_the_gates_send_none_and_it_is_said(park, monkeypatch):
    monkeypatch.delitem(registry.device_event_kinds, "plate_read", raising=False)  # as without traffic
    sources, notes = load_event_sources(1)
    assert "event type plate_read: no app registers it, not simulated" in notes
    assert {s.spec.serial[:7] for s in sources} == {"DA-CAM-"}


def test_the_demo_parks_cameras_and_gates_send_events_that_are_all_taken_once(park, plate_read_kind):
    sources, _notes = load_event_sources(1, ["DA-GATE-01", "DA-CAM-05", "DA-CAM-16"])
    models = {s.spec.serial: s.spec.model for s in sources}
    assert models == {"DA-GATE-01": "gate", "DA-CAM-05": "fence", "DA-CAM-16": "road"}
    end = time.time() // 60 * 60
    first = runner.Totals()
    runner.store_events(events_due(sources, end - 6 * 3600, end), end, first)
    assert first.events > 50 and (first.events_accepted, first.events_rejected) == (first.events, 0)
    assert Rejection.objects.count() == 0
    again = runner.Totals()
    runner.store_events(events_due(sources, end - 6 * 3600, end), end, again)
    assert (again.events_accepted, again.events_duplicate) == (0, first.events)
    reads = DeviceEvent.objects.filter(kind="plate_read", device__serial="DA-GATE-01")
    assert reads.exists() and all(r.image_id for r in reads)
    assert set(reads.values_list("source", flat=True)) == {"simulator"}


def test_simulate_backfills_events_and_says_how_many(park, plate_read_kind):
    out = io.StringIO()
    call_command(
        "simulate", "--backfill", "3h", "--devices", "DA-GATE-01,DA-CAM-16", "--seed", "2", stdout=out
    )
    text = out.getvalue()
    assert "events of 2 cameras and gates" in text and "Events:" in text and " 0 refused." in text
    assert DeviceEvent.objects.filter(device__serial="DA-CAM-16", kind="vehicle_count").count() >= 11
    assert DeviceEvent.objects.filter(device__serial="DA-GATE-01").exists()


def test_live_events_go_in_process_when_there_is_no_broker(park, plate_read_kind):
    sources, _notes = load_event_sources(1, ["DA-GATE-01"])
    sink = transport.InProcess()
    end = time.time()
    sink.events(events_due(sources, end - 2 * 3600, end))
    assert sink.totals.events_accepted == DeviceEvent.objects.filter(device__serial="DA-GATE-01").count() > 0


@pytest.mark.skipif(shutil.which("mosquitto") is None, reason="needs the mosquitto broker")
def test_live_events_are_published_to_each_devices_events_topic_at_qos_1(park, plate_read_kind, tmp_path):
    sources, _notes = load_event_sources(1, ["DA-GATE-01", "DA-CAM-16"])
    end = time.time()
    batch = events_due(sources, end - 3600, end)
    with listening_broker(tmp_path, "ioc/v1/devices/+/events") as (port, received):
        sink = transport.Mqtt(f"mqtt://127.0.0.1:{port}")
        sink.events(batch)
        sink.close()
        wait_for_messages(received, len(batch))
    assert {topic for topic, _qos, _payload in received} == {
        f"ioc/v1/devices/{source.spec.serial}/events" for source, _items in batch
    }
    assert {qos for _topic, qos, _payload in received} == {1}
    assert sum(len(json.loads(payload)) for _t, _q, payload in received) == sum(len(i) for _s, i in batch)
    assert DeviceEvent.objects.count() == 0  # the bridge, not the simulator, stores what goes by MQTT
