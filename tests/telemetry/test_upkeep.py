"""Periodic upkeep: devices going offline, bounded rejection logs, partitions made ahead."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ioc.telemetry import health, tasks
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.models import DeviceHealth, Rejection
from ioc.telemetry.pipeline import Message, ingest


def test_a_device_heard_from_is_online_and_goes_offline_after_three_intervals(
    station, django_capture_on_commit_callbacks
):
    events = []
    health.device_offline.connect(
        lambda **kw: events.append(kw["device_id"]), weak=False, dispatch_uid="t-off"
    )
    try:
        ingest([Message(context_for_serial(station.serial), {"PM2.5": 10}, "http", time.time())])
        assert DeviceHealth.objects.get(device=station).online
        assert health.sweep_offline(timezone.now() + timedelta(minutes=14)) == []  # 5-minute interval × 3
        with django_capture_on_commit_callbacks(execute=True):
            assert health.sweep_offline(timezone.now() + timedelta(minutes=16)) == [station.pk]
        assert not DeviceHealth.objects.get(device=station).online and events == [station.pk]
    finally:
        health.device_offline.disconnect(dispatch_uid="t-off")


def test_battery_and_signal_are_kept_on_the_device_health(station):
    ingest(
        [
            Message(
                context_for_serial(station.serial),
                {"PM2.5": 1, "battery": 76, "rssi": -80},
                "mqtt",
                time.time(),
            )
        ]
    )
    kept = DeviceHealth.objects.get(device=station)
    assert (kept.battery, kept.signal) == (76, -80)


def test_the_rejection_log_is_bounded_per_device(station, monkeypatch):
    monkeypatch.setattr(tasks, "REJECTIONS_KEPT_PER_DEVICE", 5)
    now = timezone.now()
    Rejection.objects.bulk_create(
        Rejection(
            device=station, source="http", received_at=now - timedelta(seconds=i), reason="unknown_sensor"
        )
        for i in range(12)
    )
    Rejection.objects.create(device=station, source="http", received_at=now - timedelta(days=40), reason="x")
    assert tasks.prune_rejections() == 8
    assert Rejection.objects.filter(device=station).count() == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions exist on PostgreSQL only")
def test_partitions_are_made_a_week_ahead(db):
    from ioc.telemetry.storage.partitions import forget_known_partitions

    forget_known_partitions()
    tasks.partitions_ahead()
    ahead = timezone.now().date() + timedelta(days=7)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f"telemetry_reading_p{ahead:%Y%m%d}"])
        assert cursor.fetchone()[0]
