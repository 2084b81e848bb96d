"""Device events do not pile up for ever: the retention task deletes those past EVENT_RETENTION_DAYS."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ioc.telemetry.models import DeviceEvent, Source
from ioc.telemetry.tasks import prune_events, retention

pytestmark = pytest.mark.django_db


def event(device, event_id: str, days_ago: float) -> DeviceEvent:
    at = timezone.now() - timedelta(days=days_ago)
    return DeviceEvent.objects.create(device=device, kind="heartbeat", event_id=event_id, at=at, received_at=at,
                                      source=Source.MQTT)  # fmt: skip


def test_events_past_retention_go_and_the_others_stay(small_park, settings):
    settings.EVENT_RETENTION_DAYS = 30
    device = small_park["park_device"]
    old, kept = event(device, "old", 31), event(device, "kept", 29)
    report = retention()
    assert report["deleted"]["DeviceEvent"] >= 1
    assert not DeviceEvent.objects.filter(pk=old.pk).exists()
    assert DeviceEvent.objects.filter(pk=kept.pk).exists()


def test_a_backlog_is_deleted_in_batches(small_park, monkeypatch):
    from ioc.telemetry import tasks

    monkeypatch.setattr(tasks, "EVENT_BATCH", 3)
    device = small_park["park_device"]
    for n in range(7):
        event(device, f"e{n}", 200)
    assert prune_events(timezone.now() - timedelta(days=100)) == 7
    assert not DeviceEvent.objects.filter(device=device, at__lt=timezone.now() - timedelta(days=100)).exists()
