"""Device health: last seen, online or offline against the expected interval, completeness.

A device is online while its last message is no older than OFFLINE_AFTER_INTERVALS expected
intervals (at least OFFLINE_MIN_S). Going offline or back online sends `device_offline` /
`device_online` (ioc.telemetry.signals) after commit, for the alarms to use.
"""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from ioc.telemetry.models import DeviceHealth

OFFLINE_AFTER_INTERVALS = 3
OFFLINE_MIN_S = 120

device_online = Signal()  # sender=DeviceHealth, device_id, at
device_offline = Signal()  # sender=DeviceHealth, device_id, last_seen
# After a batch commits: rows (channel id, epoch, value, quality) that were offered to storage,
# duplicates included (listeners ignore what they have seen), and the ids of the devices heard from.
readings_stored = Signal()


def offline_after(expected_interval: timedelta) -> timedelta:
    return max(expected_interval * OFFLINE_AFTER_INTERVALS, timedelta(seconds=OFFLINE_MIN_S))


def is_online(last_seen: datetime | None, expected_interval: timedelta, now: datetime) -> bool:
    return last_seen is not None and now - last_seen <= offline_after(expected_interval)


def record_seen(seen: dict[int, tuple[float, dict]]) -> None:
    """Note that the devices in `seen` (id → (epoch received, battery/signal)) were heard from."""
    if not seen:
        return
    now = timezone.now()
    known = {h.device_id: h for h in DeviceHealth.objects.filter(device_id__in=seen)}
    rows = []
    for device_id, (received, reported) in seen.items():
        last_seen = datetime.fromtimestamp(received, UTC)
        health = known.get(device_id) or DeviceHealth(device_id=device_id)
        came_back = not health.online
        if health.last_seen is None or last_seen > health.last_seen:
            health.last_seen = last_seen
        health.online = True
        if came_back:
            health.status_changed_at = now
            transaction.on_commit(
                lambda d=device_id: device_online.send(sender=DeviceHealth, device_id=d, at=now)
            )
        health.battery = reported.get("battery", health.battery)
        health.signal = reported.get("signal", health.signal)
        rows.append(health)
    # One statement for the whole batch, whichever devices are new (a batch may span hundreds).
    DeviceHealth.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["device"],
        update_fields=["last_seen", "online", "status_changed_at", "battery", "signal"],
    )


def sweep_offline(now: datetime | None = None) -> list[int]:
    """Mark online devices that have gone quiet as offline; return their ids."""
    now = now or timezone.now()
    gone = []
    candidates = DeviceHealth.objects.filter(online=True).select_related("device")
    for health in candidates.only("device_id", "last_seen", "device__expected_interval"):
        if not is_online(health.last_seen, health.device.expected_interval, now):
            gone.append(health.device_id)
    if gone:
        DeviceHealth.objects.filter(device_id__in=gone, online=True).update(
            online=False, status_changed_at=now
        )
        for device_id, last_seen in DeviceHealth.objects.filter(device_id__in=gone).values_list(
            "device_id", "last_seen"
        ):
            transaction.on_commit(
                lambda d=device_id, s=last_seen: device_offline.send(
                    sender=DeviceHealth, device_id=d, last_seen=s
                )
            )
    return gone


def completeness(
    channel_ids: list[int], expected_interval: timedelta, day_start: datetime, now: datetime
) -> float | None:
    """Share (0–1) of the expected valid readings that arrived on the local day starting at `day_start`.

    Counts come from the daily rollups; the day so far counts until `now`. None before any time passed.
    """
    from ioc.telemetry.models import RollupDay

    elapsed = min((now - day_start).total_seconds(), 86400)
    expected = elapsed / expected_interval.total_seconds() * len(channel_ids)
    if expected < 1:
        return None
    got = sum(
        RollupDay.objects.filter(channel_id__in=channel_ids, bucket=day_start).values_list("count", flat=True)
    )
    return min(got / expected, 1.0)
