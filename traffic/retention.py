"""Plates are kept only as long as they are needed (Decree 13/2023/NĐ-CP, Art. 3(5) and 16(4)).

Plate reads older than PLATE_READ_RETENTION_DAYS go with the device events that carried them
(plate_read and watchlist_hit details hold the plate) and with the stays they open; the gates' hourly
counts (GateHour) and the road counters' volumes hold no plate and stay. Images have their own
retention (IMAGE_RETENTION_DAYS, ioc.evidence).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ioc.telemetry.models import DeviceEvent

PLATE_EVENTS = ("plate_read", "watchlist_hit")
BATCH = 2000  # rows per transaction: a month of a busy gate must not hold one lock for minutes


def cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.PLATE_READ_RETENTION_DAYS)


def purge_plate_reads(now=None) -> dict[str, int]:
    """Delete in batches; returns how many events went (their plate reads and stays with them)."""
    old = DeviceEvent.objects.filter(kind__in=PLATE_EVENTS, at__lt=cutoff(now))
    deleted = 0
    while ids := list(old.values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            DeviceEvent.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
    return {"events": deleted}
