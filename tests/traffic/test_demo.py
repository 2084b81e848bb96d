"""The demo park's traffic: gates on the demo gate devices with their plate-reading cameras, counters
with road segments and a stated capacity, shifts for every operating enterprise, a watchlist."""

import pytest

from ioc.park.choices import EnterpriseStatus
from ioc.park.demo.load import load_demo_park
from ioc.park.models import Enterprise, ShiftSchedule
from ioc.registry import registry
from traffic import selectors
from traffic.congestion import congestion
from traffic.models import Gate, RoadCounter, WatchlistEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_park(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_park()


def test_the_demo_loads_gates_counters_shifts_and_a_watchlist_once(demo_park):
    notes = registry.demo_loaders["traffic"](reset=False)
    assert (
        notes[:2] == ["gates 4 created", "road counters 4 created"]
        and notes[3] == "watchlist entries 3 created"
    )
    assert {g.device.serial: [r.serial for r in g.readers.all()] for g in Gate.objects.all()} == {
        "DA-GATE-01": ["DA-CAM-01"], "DA-GATE-02": ["DA-CAM-02"], "DA-GATE-03": ["DA-CAM-03"],
        "DA-GATE-04": ["DA-CAM-04"]}  # fmt: skip
    for counter in RoadCounter.objects.all():
        counter.full_clean()
        assert "TCVN 4054" in counter.capacity_source
    operating = Enterprise.objects.filter(status=EnterpriseStatus.OPERATING)
    assert set(ShiftSchedule.objects.values_list("enterprise", flat=True)) == set(
        operating.values_list("pk", flat=True)
    )
    assert (
        45_000 < sum(ShiftSchedule.objects.values_list("headcount", flat=True)) < 55_000
    )  # shared/domain/park.md
    assert WatchlistEntry.objects.count() == 3
    assert registry.demo_loaders["traffic"](reset=False) == [], "a second run loads nothing new"


def test_the_demo_shifts_make_peaks_the_main_road_can_feel(demo_park):
    registry.demo_loaders["traffic"](reset=False)
    biggest = max(selectors.next_peaks(hours=24), key=lambda peak: peak.vehicles)
    # Thousands of vehicles around a shift change; spread over the half hour around it on the
    # 4-lane access road, that is well into the heavy bands.
    main = RoadCounter.objects.get(device__serial="DA-TRF-01")
    per_quarter = biggest.vehicles / 2
    assert (
        biggest.vehicles > 5_000 and congestion(round(per_quarter), main.capacity_per_hour).band.key != "free"
    )
