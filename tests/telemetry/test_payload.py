"""Parsing what devices send: every accepted shape, and a reason for everything refused."""

from datetime import UTC, datetime

from ioc.telemetry.payload import parse_payload
from ioc.telemetry.quality import Quality

ARRIVAL = datetime(2026, 11, 25, 3, 0, tzinfo=UTC).timestamp()
TS_MS = 1_764_039_600_000  # 2025-11-25T03:00:00Z


def test_it_reads_the_thingsboard_shape_with_epoch_milliseconds():
    parsed = parse_payload(b'{"ts": 1764039600000, "values": {"pm25": 35.5, "no2": 40}}', ARRIVAL)
    assert [(s.name, s.ts, s.value) for s in parsed.samples] == [
        ("pm25", 1_764_039_600.0, 35.5),
        ("no2", 1_764_039_600.0, 40.0),
    ]
    assert parsed.refusals == []


def test_it_reads_a_list_and_a_flat_object_stamped_on_arrival():
    parsed = parse_payload([{"ts": TS_MS, "values": {"cod": 50}}, {"cod": 51}], ARRIVAL)
    assert [(s.index, s.ts) for s in parsed.samples] == [(0, TS_MS / 1000), (1, ARRIVAL)]


def test_iso_times_with_a_zone_and_naive_ones_in_park_time():
    parsed = parse_payload(
        [
            {"ts": "2025-11-25T10:00:00+07:00", "values": {"ph": 7}},
            {"ts": "2025-11-25T10:00:00", "values": {"ph": 7}},
        ],
        ARRIVAL,
    )
    assert parsed.samples[0].ts == parsed.samples[1].ts == TS_MS / 1000


def test_statuses_per_item_and_per_value():
    parsed = parse_payload(
        {"ts": TS_MS, "status": "01", "values": {"cod": 3, "tss": {"value": 9, "status": "error"}}}, ARRIVAL
    )
    assert [s.status for s in parsed.samples] == [Quality.CALIBRATING, Quality.ERROR]


def test_battery_and_signal_describe_the_device_not_the_park():
    parsed = parse_payload({"pm25": 20, "battery": 87, "rssi": -71}, ARRIVAL)
    assert [s.name for s in parsed.samples] == ["pm25"] and parsed.health == {
        "battery": 87.0,
        "signal": -71.0,
    }


def test_malformed_json_is_refused_as_a_whole():
    parsed = parse_payload(b'{"ts": 1, "values": ', ARRIVAL)
    assert parsed.samples == [] and parsed.refusals[0].reason == "malformed_json"


def test_each_bad_item_is_named_and_the_good_ones_kept():
    body = [
        {"ts": TS_MS, "values": {"pm25": 10}},
        {"ts": "yesterday", "values": {"pm25": 11}},
        {"ts": 1764039600, "values": {"pm25": 12}},  # seconds, not milliseconds
        {"ts": TS_MS, "values": {"pm25": "12", "pm10": True, "no2": float("nan")}},
        {"ts": TS_MS, "status": "maybe", "values": {"pm25": 13}},
        "not an object",
        {"ts": TS_MS, "values": [1, 2]},
    ]
    parsed = parse_payload(body, ARRIVAL)
    assert [s.value for s in parsed.samples] == [10.0]
    reasons = [(r.index, r.reason) for r in parsed.refusals]
    assert reasons == [
        (1, "bad_timestamp"), (2, "timestamp_in_seconds"), (3, "not_a_number"), (3, "not_a_number"),
        (3, "not_a_number"), (4, "bad_status"), (5, "bad_shape"), (6, "bad_shape"),
    ]  # fmt: skip
