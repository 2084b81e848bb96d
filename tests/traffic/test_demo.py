"""The demo park's traffic: gates on the demo gate devices, counters with segments, shifts, a watchlist,
and a few hours of plate reads sent through the event pipeline."""

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from ioc.park.choices import EnterpriseStatus
from ioc.park.demo.load import load_demo_park
from ioc.park.models import Enterprise, ShiftSchedule
from ioc.registry import registry
from traffic import selectors
from traffic.choices import Anomaly, StayOutcome
from traffic.models import Gate, GateHour, PlateRead, RoadCounter, Stay, WatchlistEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_park(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_park()


@freeze_time("2026-03-10T01:00:00Z")  # 08:00 in the park: the morning shift has arrived
def test_the_demo_loads_gates_counters_shifts_a_watchlist_and_recent_reads(demo_park):
    notes = registry.demo_loaders["traffic"](reset=False)
    assert notes[:4] == [
        "gates 4 created",
        "road counters 4 created",
        notes[2],
        "watchlist entries 3 created",
    ]
    assert Gate.objects.count() == 4 and all(g.readers.count() == 1 for g in Gate.objects.all())
    assert RoadCounter.objects.count() == 4
    assert all(
        c.segment["type"] == "LineString" and "TCVN 4054" in c.capacity_source
        for c in RoadCounter.objects.all()
    )
    operating = Enterprise.objects.filter(status=EnterpriseStatus.OPERATING)
    assert set(ShiftSchedule.objects.values_list("enterprise", flat=True)) == set(
        operating.values_list("pk", flat=True)
    )
    assert 45_000 < sum(ShiftSchedule.objects.values_list("headcount", flat=True)) < 55_000
    assert WatchlistEntry.objects.count() == 3
    reads = PlateRead.objects.count()
    assert reads > 100 and PlateRead.objects.filter(gate__isnull=True).count() == 0
    # The window opens at 05:00: last night's shift leaves without an entry on record.
    inside = Stay.objects.filter(outcome=StayOutcome.OPEN).count()
    entries, exits = (sum(GateHour.objects.values_list(name, flat=True)) for name in ("entries", "exits"))
    unpaired = PlateRead.objects.filter(anomaly=Anomaly.EXIT_WITHOUT_ENTRY).count()
    missed = Stay.objects.filter(outcome=StayOutcome.MISSED_EXIT).count()
    assert unpaired > 0 and inside == entries - (exits - unpaired) - missed > 0
    assert selectors.next_peaks(hours=24), "the shifts give peaks"
    assert registry.demo_loaders["traffic"](reset=False) == [], "a second run loads nothing new"
    assert PlateRead.objects.count() == reads


@freeze_time("2026-03-10T01:00:00Z")
def test_the_simulator_command_backfills_and_reports(demo_park, capsys):
    registry.demo_loaders["traffic"](reset=False)
    call_command("simulate_plate_reads", hours=6)
    assert "plate reads sent for the last 6 h" in capsys.readouterr().out
