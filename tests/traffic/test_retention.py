"""Plate reads older than the retention period are gone after the task; counts stay (Decree 13/2023)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from ioc.alerts.models import Alarm
from ioc.telemetry.models import DeviceEvent
from tests.traffic.conftest import plate_read, send
from traffic.models import GateHour, PlateRead, Stay, WatchlistEntry
from traffic.tasks import purge_plate_reads

pytestmark = pytest.mark.django_db


def test_plate_reads_older_than_the_retention_period_are_gone_after_the_task(gates, settings):
    settings.PLATE_READ_RETENTION_DAYS = 3
    WatchlistEntry.objects.create(plate="15C-123.45", reason="Theo dõi")
    now = timezone.now()
    send("GATE-MAIN", [plate_read("old-in", "15C-123.45", "in", now - timedelta(days=5)),
                       plate_read("old-out", "15C-123.45", "out", now - timedelta(days=4, hours=20))],
         received_at=(now - timedelta(days=4)).timestamp())  # fmt: skip
    send("GATE-MAIN", [plate_read("new-in", "29A-123.45", "in", now - timedelta(hours=5)),
                       plate_read("new-dup", "29A-123.45", "in", now - timedelta(hours=5, seconds=-5))])  # fmt: skip
    counted = list(GateHour.objects.order_by("hour").values_list("entries", "exits"))
    assert DeviceEvent.objects.filter(kind="watchlist_hit").count() == 2

    assert purge_plate_reads.delay().get() == {"events": 4}

    assert list(PlateRead.objects.values_list("plate", flat=True)) == ["29A-123.45"]
    assert list(Stay.objects.values_list("plate_compact", flat=True)) == ["29A12345"]
    kept = DeviceEvent.objects.filter(kind__in=["plate_read", "watchlist_hit"]).values_list(
        "event_id", flat=True
    )
    assert set(kept) == {"new-in", "new-dup"}
    assert list(GateHour.objects.order_by("hour").values_list("entries", "exits")) == counted, "counts stay"
    assert Alarm.objects.filter(rule__event_type="watchlist_hit").exists(), "the alarm, masked, stays"


def test_the_purge_runs_hourly_and_its_period_comes_from_the_environment(settings):
    assert settings.CELERY_BEAT_SCHEDULE["traffic-purge-plate-reads"]["task"] == "traffic.purge_plate_reads"
    assert settings.PLATE_READ_RETENTION_DAYS == 30  # the default, like images'


@freeze_time("2026-03-10T05:00:00Z")
def test_a_read_just_inside_the_period_stays(gates, settings):
    settings.PLATE_READ_RETENTION_DAYS = 30
    now = timezone.now()
    send("GATE-MAIN", plate_read("edge", "29A-123.45", "in", now - timedelta(days=6, hours=23)))
    assert purge_plate_reads() == {"events": 0}
    with freeze_time(now + timedelta(days=23, hours=2)):  # 30 days and an hour old
        assert purge_plate_reads() == {"events": 1}
    assert not PlateRead.objects.exists()
