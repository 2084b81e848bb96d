"""A simulated day at the gates, sent as devices send it: vehicles inside = entries − exits throughout."""

import random
import time
from datetime import datetime, timedelta
from datetime import time as clock

import pytest
from django.db.models import Sum
from django.utils import timezone
from freezegun import freeze_time

from tests.traffic import simulated_day as simulation
from tests.traffic.conftest import plate_read, send
from traffic import selectors
from traffic.choices import StayOutcome
from traffic.gates import gate_day
from traffic.models import GateHour, PlateRead, Stay
from traffic.plate_reads import PlateRead as PureRead
from traffic.plate_reads import dedupe
from traffic.plates import parse_plate

pytestmark = pytest.mark.django_db
BATCH = 50  # events per message, as an NVR uploads them


def yesterday_start() -> datetime:
    today = timezone.localdate()
    return datetime.combine(today - timedelta(days=1), clock(0), tzinfo=timezone.get_current_timezone())


def simulated_day():
    vehicles = simulation.fleet(random.Random(11), cars=150, lorries=60, buses=8)
    # A day with nobody inside at its start: the night before is not sent.
    gates = [("GATE-MAIN", 3.0), ("GATE-A", 1.0)]
    return simulation.day_reads(vehicles, gates, yesterday_start(), 12, carry_over=False)


def reader_of(read) -> str:
    # The main gate's second lane camera reads some passages again a few seconds later.
    return "CAM-LANE-2" if read.gate == "GATE-MAIN" and read.event_id.endswith("-again") else read.gate


def pure(read) -> PureRead:
    return PureRead(
        read.gate, parse_plate(read.plate), read.direction, read.vehicle_class, read.confidence, read.at
    )


def stored_counts() -> tuple[int, int, int]:
    totals = GateHour.objects.aggregate(entries=Sum("entries"), exits=Sum("exits"))
    return Stay.objects.filter(outcome=StayOutcome.OPEN).count(), totals["entries"] or 0, totals["exits"] or 0


def test_vehicles_inside_equal_entries_minus_exits_over_a_simulated_day(gates):
    reads = simulated_day()
    assert len(reads) > 300 and any(r.event_id.endswith("-again") for r in reads)
    started, sent = time.perf_counter(), 0
    for position in range(0, len(reads), BATCH):
        batch = reads[position : position + BATCH]
        by_reader: dict[str, list] = {}
        for read in batch:
            by_reader.setdefault(reader_of(read), []).append(
                plate_read(read.event_id, read.plate, read.direction, read.at, read.vehicle_class)
            )
        for serial, bodies in by_reader.items():
            result = send(serial, bodies)
            assert result.refusals == [] and result.accepted == len(bodies)
            sent += len(bodies)
        inside, entries, exits = stored_counts()
        assert inside == entries - exits, f"after {position + len(batch)} reads"
    elapsed = time.perf_counter() - started
    print(f"\n{sent} plate reads through ingest_events in {elapsed:.1f} s ({sent / elapsed:.0f}/s)")

    kept = dedupe([pure(r) for r in reads])
    replay = gate_day(kept)
    inside, entries, exits = stored_counts()
    assert PlateRead.objects.count() == len(kept)
    assert sum(PlateRead.objects.values_list("repeats", flat=True)) == len(reads) - len(kept)
    assert (entries, exits) == (sum(replay.entries.values()), sum(replay.exits.values()))
    assert inside == entries - exits == len(replay.inside) > 0, "the night shift is still inside"
    assert not replay.anomalies and not PlateRead.objects.exclude(anomaly="").exists()
    assert set(Stay.objects.filter(outcome=StayOutcome.OPEN).values_list("plate_compact", flat=True)) == {
        parse_plate(plate).compact for plate in replay.inside
    }
    assert Stay.objects.filter(outcome=StayOutcome.LEFT).count() == len(replay.stays)
    assert Stay.objects.filter(outcome=StayOutcome.OPEN, heavy=True).count() == replay.heavy_inside


@freeze_time("2026-03-10T05:00:00Z")  # noon in the park: the three hours before are today
def test_the_park_now_reads_what_the_gates_stored(gates, make_user):
    now = timezone.now()
    send("GATE-MAIN", [
        plate_read("1", "15C-123.45", "in", now - timedelta(hours=3), "truck"),
        plate_read("2", "29A-123.45", "in", now - timedelta(hours=2)),
        plate_read("3", "29A-123.45", "out", now - timedelta(hours=1)),
    ])  # fmt: skip
    send("GATE-A", plate_read("4", "34A-555.55", "in", now - timedelta(minutes=30)))
    park = selectors.park_now(make_user("operator"), now, median_dwell=True)
    assert (park.inside, park.heavy_inside) == (2, 1)
    assert park.dwell_median_s == 3600
    counts = {gate.name_vi: row.get("entries") for gate, row in park.gates}
    assert counts == {"Cổng chính": 2, "Cổng nhà máy A": 1}
    own = selectors.park_now(make_user("enterprise", gates["a"]), now)
    assert own.inside == 1 and [gate.name_vi for gate, _row in own.gates] == ["Cổng nhà máy A"]
