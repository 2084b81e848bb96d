"""Storage: rollups kept as data lands (late data included), latest values, partitions on PostgreSQL."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.models import LatestValue, Reading, Rollup5m, RollupDay, RollupHour
from ioc.telemetry.pipeline import Message, ingest
from ioc.telemetry.quality import Quality
from ioc.telemetry.storage.partitions import READING_TABLE, drop_partitions_before, forget_known_partitions


def send(station, items):
    return ingest([Message(context_for_serial(station.serial), items, "http", time.time())])


def at(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


@pytest.fixture
def hour_ago():
    moment = datetime.now(UTC) - timedelta(hours=1)
    return moment.replace(minute=0, second=0, microsecond=0)


def test_rollups_hold_count_min_max_mean_and_last_of_the_valid_readings(station, hour_ago):
    values = [10, 30, 20, 40]
    items = [
        {"ts": at(hour_ago + timedelta(minutes=m)), "values": {"PM2.5": v}}
        for m, v in zip((0, 1, 2, 3), values, strict=True)
    ]
    items.append(
        {"ts": at(hour_ago + timedelta(minutes=4)), "status": "calibrating", "values": {"PM2.5": 999}}
    )
    assert send(station, items).accepted == 5
    five = Rollup5m.objects.get(bucket=hour_ago)
    assert (five.count, five.min, five.max, five.mean, five.last_value) == (4, 10, 40, 25, 40)
    hour = RollupHour.objects.get(bucket=hour_ago)
    assert (hour.count, hour.sum) == (4, 100)
    assert LatestValue.objects.get(channel__source_name="PM2.5").quality == Quality.CALIBRATING


def test_a_replay_does_not_count_twice_in_the_rollups(station, hour_ago):
    items = [{"ts": at(hour_ago + timedelta(minutes=m)), "values": {"PM2.5": m}} for m in range(10)]
    send(station, items)
    send(station, items)
    assert sum(Rollup5m.objects.values_list("count", flat=True)) == 10
    assert RollupHour.objects.get(bucket=hour_ago).count == 10


def test_late_data_lands_in_its_own_period_and_updates_its_rollups(station, hour_ago):
    send(station, [{"ts": at(hour_ago), "values": {"PM2.5": 50}}])
    three_days_ago = hour_ago - timedelta(days=3)
    send(
        station,
        [{"ts": at(three_days_ago + timedelta(minutes=m)), "values": {"PM2.5": 60 + m}} for m in range(3)],
    )
    assert RollupHour.objects.get(bucket=three_days_ago).count == 3
    assert Reading.objects.filter(ts__lt=hour_ago - timedelta(days=2)).count() == 3
    latest = LatestValue.objects.get(channel__source_name="PM2.5")
    assert latest.value == 50  # late data does not turn back the live value
    send(station, [{"ts": at(three_days_ago + timedelta(minutes=4)), "values": {"PM2.5": 64}}])
    five = Rollup5m.objects.get(bucket=three_days_ago)
    assert (five.count, five.max, five.last_value) == (4, 64, 64)


def test_daily_rollups_follow_the_parks_local_day(station):
    # 23:30 and 00:30 local time (UTC+7) fall on two local days, though both are 16:30/17:30 UTC.
    evening = datetime(2026, 11, 20, 16, 30, tzinfo=UTC)
    if evening < datetime.now(UTC) - timedelta(days=80):
        pytest.skip("outside raw retention")
    send(
        station,
        [
            {"ts": at(evening), "values": {"PM2.5": 1}},
            {"ts": at(evening + timedelta(hours=1)), "values": {"PM2.5": 2}},
        ],
    )
    days = list(RollupDay.objects.order_by("bucket").values_list("bucket", flat=True))
    assert days == [datetime(2026, 11, 19, 17, tzinfo=UTC), datetime(2026, 11, 20, 17, tzinfo=UTC)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions exist on PostgreSQL only")
def test_readings_go_to_daily_partitions_and_retention_drops_whole_days(station, hour_ago):
    forget_known_partitions()
    old = hour_ago - timedelta(days=3)
    send(station, [{"ts": at(old), "values": {"PM2.5": 1}}, {"ts": at(hour_ago), "values": {"PM2.5": 2}}])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tableoid::regclass::text FROM {READING_TABLE} ORDER BY ts")  # noqa: S608
        partitions = [row[0] for row in cursor.fetchall()]
    assert partitions == [f"{READING_TABLE}_p{old:%Y%m%d}", f"{READING_TABLE}_p{hour_ago:%Y%m%d}"]
    dropped = drop_partitions_before(READING_TABLE, old.replace(hour=0) + timedelta(days=1))
    assert f"{READING_TABLE}_p{old:%Y%m%d}" in dropped
    assert list(Reading.objects.values_list("value", flat=True)) == [2]
    assert RollupHour.objects.filter(bucket=old).exists()  # rollups outlive raw data
