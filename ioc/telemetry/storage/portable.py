"""The same writer for SQLite (the embedded demo): plain ORM, correct rather than fast."""

from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from ioc.telemetry.models import LatestValue, Reading, Rollup5m, RollupDay, RollupHour
from ioc.telemetry.quality import Quality


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def bucket_5m(moment: datetime) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % 5, second=0, microsecond=0)


def bucket_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def bucket_day(moment: datetime) -> datetime:
    """Midnight of the park's local day holding `moment`, in UTC."""
    local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def write_rows(rows) -> int:
    new = _new_readings(rows)
    Reading.objects.bulk_create(new)
    for model, bucket in ((Rollup5m, bucket_5m), (RollupHour, bucket_hour), (RollupDay, bucket_day)):
        _fold_into(model, bucket, [r for r in new if r.quality == Quality.VALID])
    _update_latest(new)
    return len(new)


def _new_readings(rows) -> list[Reading]:
    by_channel = defaultdict(list)
    for channel_id, epoch, value, quality in rows:
        by_channel[channel_id].append(
            Reading(channel_id=channel_id, ts=_moment(epoch), value=value, quality=quality)
        )
    new = []
    for channel_id, readings in by_channel.items():
        times = [r.ts for r in readings]
        stored = set(
            Reading.objects.filter(channel_id=channel_id, ts__gte=min(times), ts__lte=max(times)).values_list(
                "ts", flat=True
            )
        )
        new += [r for r in readings if r.ts not in stored]
    return new


def _fold_into(model, bucket, readings: list[Reading]) -> None:
    groups = defaultdict(list)
    for reading in readings:
        groups[(reading.channel_id, bucket(reading.ts))].append(reading)
    for (channel_id, start), members in groups.items():
        last = max(members, key=lambda r: r.ts)
        values = [r.value for r in members]
        rollup = model.objects.filter(channel_id=channel_id, bucket=start).first()
        if rollup is None:
            rollup = model(
                channel_id=channel_id, bucket=start, count=0, min=min(values), max=max(values), sum=0.0,
                last_ts=last.ts, last_value=last.value,
            )  # fmt: skip
        rollup.count += len(values)
        rollup.sum += sum(values)
        rollup.min, rollup.max = min(rollup.min, *values), max(rollup.max, *values)
        if last.ts >= rollup.last_ts:
            rollup.last_ts, rollup.last_value = last.ts, last.value
        rollup.save()


def _update_latest(readings: list[Reading]) -> None:
    newest = {}
    for reading in readings:
        if reading.channel_id not in newest or reading.ts > newest[reading.channel_id].ts:
            newest[reading.channel_id] = reading
    for channel_id, reading in newest.items():
        current = LatestValue.objects.filter(channel_id=channel_id).first()
        if current is None or reading.ts > current.ts:
            LatestValue.objects.update_or_create(
                channel_id=channel_id,
                defaults={"ts": reading.ts, "value": reading.value, "quality": reading.quality},
            )
