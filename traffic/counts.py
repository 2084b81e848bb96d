"""Road counters' 15-minute volumes, rebuilt from what each counter sent whenever that changes.

A counter's volumes come from one source (RoadCounter.source), so nothing is counted twice:
telemetry readings of `vehicle_count` (and `heavy_vehicle_count`) — what counters and the demo's
road cameras send, without direction — or the `vehicle_count` events a smart camera sends (the
security app registers that type; this module reads the core's stored events, by direction).
A quarter is always summed again from the stored rows, so a replay or a late message changes it
exactly once.
"""

from collections import defaultdict
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Sum

from ioc.park.models import Channel
from ioc.telemetry.models import DeviceEvent, Reading
from ioc.telemetry.quality import Quality
from traffic.choices import CountSource
from traffic.congestion import QUARTER, quarter_of
from traffic.models import CountInterval, RoadCounter

VOLUME, HEAVY = "vehicle_count", "heavy_vehicle_count"
COUNT_EVENT = "vehicle_count"


def readings_stored(sender, rows, device_ids, **kwargs) -> None:
    """Telemetry stored readings: hand the counters' quarters they touch to a task."""
    counters = dict(
        RoadCounter.objects.filter(device_id__in=device_ids, source=CountSource.READINGS).values_list(
            "device_id", "pk"
        )
    )
    if not counters:
        return
    device_of = dict(
        Channel.objects.filter(device_id__in=counters, metric__in=(VOLUME, HEAVY)).values_list(
            "pk", "device_id"
        )
    )
    quarters = defaultdict(set)
    for channel_id, epoch, _value, _quality in rows:
        if channel_id in device_of:
            quarters[str(counters[device_of[channel_id]])].add(
                quarter_of(datetime.fromtimestamp(epoch, UTC)).timestamp()
            )
    if quarters:
        from traffic.tasks import recount

        payload = {counter: sorted(found) for counter, found in quarters.items()}
        transaction.on_commit(lambda: recount.delay(payload))


def event_saved(sender, instance: DeviceEvent, created: bool, **kwargs) -> None:
    """A camera's vehicle_count event: its counter's quarter again, in the event's transaction."""
    if not created or instance.kind != COUNT_EVENT:
        return
    counter = RoadCounter.objects.filter(device_id=instance.device_id, source=CountSource.EVENTS).first()
    if counter is not None:
        recount(counter, quarter_of(instance.at))


def recount(counter: RoadCounter, start: datetime) -> CountInterval:
    volumes = (
        _from_events(counter, start)
        if counter.source == CountSource.EVENTS
        else _from_readings(counter, start)
    )
    interval, _created = CountInterval.objects.update_or_create(
        counter=counter, bucket=start, defaults=volumes
    )
    return interval


def _from_readings(counter: RoadCounter, start: datetime) -> dict:
    metric_of = dict(
        Channel.objects.filter(device_id=counter.device_id, metric__in=(VOLUME, HEAVY)).values_list(
            "pk", "metric"
        )
    )
    totals = (
        Reading.objects.filter(
            channel_id__in=metric_of, ts__gt=start, ts__lte=start + QUARTER, quality=Quality.VALID
        )
        .values("channel_id")
        .annotate(total=Sum("value"))
        .values_list("channel_id", "total")
    )
    by_metric = defaultdict(float)
    for channel_id, total in totals:
        by_metric[metric_of[channel_id]] += total
    heavy = round(by_metric[HEAVY]) if HEAVY in metric_of.values() else None
    return {"volume_in": 0, "volume_out": 0, "volume_undirected": round(by_metric[VOLUME]), "heavy": heavy}


def _from_events(counter: RoadCounter, start: datetime) -> dict:
    found = DeviceEvent.objects.filter(
        device_id=counter.device_id, kind=COUNT_EVENT, at__gt=start, at__lte=start + QUARTER
    ).values_list("details", flat=True)
    volumes = {"volume_in": 0, "volume_out": 0, "volume_undirected": 0, "heavy": None}
    for details in found:
        name = {"in": "volume_in", "out": "volume_out"}.get(details.get("direction"), "volume_undirected")
        volumes[name] += round(details.get("count", 0))
    return volumes
