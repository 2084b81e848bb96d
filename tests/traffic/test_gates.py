import random
from datetime import UTC, datetime, timedelta

from traffic.gates import Stay, dwell_seconds, gate_day
from traffic.plate_reads import validate_plate_read
from traffic.plates import match_watchlist

MORNING = datetime(2025, 3, 1, 0, 0, tzinfo=UTC)  # 07:00 in the park


def _read(plate, direction, minutes, camera="gate-1", vehicle_class="car"):
    body = {
        "plate": plate,
        "direction": direction,
        "vehicle_class": vehicle_class,
        "confidence": 0.9,
        "time": (MORNING + timedelta(minutes=minutes)).isoformat(),
    }
    read, errors = validate_plate_read(camera, body)
    assert not errors, errors
    return read


def test_it_counts_entries_and_exits_per_gate_and_who_is_inside():
    day = gate_day(
        [
            _read("15C-123.45", "in", 0, vehicle_class="truck"),
            _read("34A-222.22", "in", 5, camera="gate-2"),
            _read("16C-333.33", "in", 10, vehicle_class="container"),
            _read("34A-222.22", "out", 95, camera="gate-1"),
        ],
        known={"34A-222.22", "16C-333.33"},
    )
    assert dict(day.entries) == {"gate-1": 2, "gate-2": 1}
    assert dict(day.exits) == {"gate-1": 1}
    assert sorted(day.inside) == ["15C-123.45", "16C-333.33"]
    assert day.heavy_inside == 2
    assert day.unknown == {"15C-123.45"}
    assert dwell_seconds(day) == {"34A-222.22": [90 * 60.0]}
    assert day.stays[0].gate_in == "gate-2" and day.stays[0].gate_out == "gate-1"


def test_an_exit_without_entry_is_an_anomaly_and_never_a_negative_count():
    day = gate_day([_read("15C-123.45", "out", 0)])
    assert day.inside == {} and day.timeline[-1][1] == 0
    assert [(a.kind, a.plate) for a in day.anomalies] == [("exit_without_entry", "15C-123.45")]


def test_a_vehicle_inside_since_yesterday_leaves_without_anomaly():
    overnight = {"15C-123.45": Stay("15C-123.45", "gate-1", MORNING - timedelta(hours=10))}
    day = gate_day([_read("15C-123.45", "out", 0)], inside_at_start=overnight)
    assert day.anomalies == [] and dwell_seconds(day) == {"15C-123.45": [36000.0]}


def test_a_second_entry_closes_the_first_stay_as_a_missed_exit():
    day = gate_day([_read("15C-123.45", "in", 0), _read("15C-123.45", "in", 60)])
    assert len(day.inside) == 1 and day.missed_exits == 1
    assert day.inside["15C-123.45"].entered == MORNING + timedelta(minutes=60)


def test_the_lorry_series_counts_as_heavy_only_when_the_camera_cannot_tell():
    day = gate_day([_read("15C-123.45", "in", 0, vehicle_class="other"), _read("15C-678.90", "in", 1)])
    assert day.heavy == {"15C-123.45"}


def _simulated_day(seed=7, vehicles=120):
    rng = random.Random(seed)
    reads = []
    for n in range(vehicles):
        plate = f"{rng.choice(['15', '16', '34', '29'])}{rng.choice('ACFH')}-{n:03d}.{rng.randrange(100):02d}"
        gate = rng.choice(["gate-1", "gate-2", "gate-3"])
        start = rng.randrange(0, 600)
        reads.append(_read(plate, "in", start, gate, rng.choice(["car", "truck", "van"])))
        if rng.random() < 0.8:  # a fifth stay the night
            reads.append(_read(plate, "out", start + rng.randrange(5, 600), rng.choice(["gate-1", "gate-3"])))
    return reads


def test_over_a_simulated_day_inside_is_entries_minus_exits_at_every_moment():
    reads = _simulated_day()
    day = gate_day(reads)
    entries = exits = 0
    for read, (at, inside) in zip(sorted(reads, key=lambda r: r.at), day.timeline, strict=True):
        entries += read.direction == "in"
        exits += read.direction == "out"
        assert at == read.at and inside == entries - exits >= 0
    assert day.anomalies == []
    assert sum(day.entries.values()) - sum(day.exits.values()) == len(day.inside) > 0


def test_a_watch_listed_plate_in_the_days_reads_is_matched():
    reads = _simulated_day()
    wanted = reads[17].plate.canonical
    watchlist = ["51F-999.99", wanted]
    matches = [m for m in (match_watchlist(r.plate, watchlist) for r in reads) if m]
    assert matches and {m.entry for m in matches} == {wanted} and matches[0].how == "exact"
