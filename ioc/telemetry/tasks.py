"""Periodic upkeep of the time-series store: partitions ahead, retention, offline devices, bounded logs."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from ioc.telemetry import health
from ioc.telemetry.models import DeviceEvent, Rejection, RollupDay, RollupHour
from ioc.telemetry.storage.partitions import (
    READING_TABLE,
    ROLLUP5M_TABLE,
    drop_partitions_before,
    ensure_partitions,
)

DAYS_AHEAD = 7
REJECTIONS_KEPT_PER_DEVICE = 1000
REJECTIONS_KEPT_DAYS = 30


@shared_task(name="telemetry.partitions_ahead")
def partitions_ahead() -> int:
    today = timezone.now().date()
    return ensure_partitions({today + timedelta(days=n) for n in range(-1, DAYS_AHEAD + 1)})


@shared_task(name="telemetry.retention")
def retention() -> dict:
    now = timezone.now()
    dropped = drop_partitions_before(
        READING_TABLE, now - timedelta(days=settings.TELEMETRY_RAW_RETENTION_DAYS)
    )
    dropped += drop_partitions_before(
        ROLLUP5M_TABLE, now - timedelta(days=settings.TELEMETRY_5M_RETENTION_DAYS)
    )
    deleted = {}
    for model, days in ((RollupHour, settings.TELEMETRY_HOURLY_RETENTION_DAYS),
                        (RollupDay, settings.TELEMETRY_DAILY_RETENTION_DAYS)):  # fmt: skip
        if days:  # small tables: DELETE is fine here
            deleted[model.__name__] = model.objects.filter(bucket__lt=now - timedelta(days=days)).delete()[0]
    deleted["DeviceEvent"] = prune_events(now - timedelta(days=settings.EVENT_RETENTION_DAYS))
    return {"dropped_partitions": dropped, "deleted": deleted}


EVENT_BATCH = 5000


def prune_events(before) -> int:
    """Delete device events (heartbeats, counts, intrusions…) older than `before`, in batches so a
    backlog of millions never holds one long transaction; apps keep their own aggregates."""
    removed = 0
    old = DeviceEvent.objects.filter(at__lt=before)
    while ids := list(old.values_list("pk", flat=True)[:EVENT_BATCH]):
        removed += DeviceEvent.objects.filter(pk__in=ids).delete()[1].get(DeviceEvent._meta.label, 0)
    return removed


@shared_task(name="telemetry.offline_sweep")
def offline_sweep() -> list[int]:
    return health.sweep_offline()


@shared_task(name="telemetry.prune_rejections")
def prune_rejections() -> int:
    cutoff = timezone.now() - timedelta(days=REJECTIONS_KEPT_DAYS)
    removed = Rejection.objects.filter(received_at__lt=cutoff).delete()[0]
    crowded = (
        Rejection.objects.values("device_id")
        .order_by()
        .annotate(n=Count("id"))
        .filter(n__gt=REJECTIONS_KEPT_PER_DEVICE)
    )
    for row in crowded:
        rows = Rejection.objects.filter(device_id=row["device_id"]).order_by("-received_at", "-id")
        oldest_kept = rows.values_list("received_at", "id")[REJECTIONS_KEPT_PER_DEVICE - 1]
        removed += rows.filter(received_at__lt=oldest_kept[0]).delete()[0]
    return removed
