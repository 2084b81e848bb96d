"""Hourly means of a station's channels, read from the telemetry rollups (valid readings only)."""

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from ioc.park.models import Channel
from ioc.telemetry.models import RollupHour

HOUR = timedelta(hours=1)


def floor_hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def channels_by_metric(device_id: int) -> dict[str, int]:
    return dict(Channel.objects.filter(device_id=device_id).values_list("metric", "pk"))


def hourly_means(device_id: int, metrics, start: datetime, end: datetime) -> dict[str, dict[datetime, float]]:
    """{metric: {hour start (UTC): mean}} for the hours starting in [start, end)."""
    channels = {pk: metric for metric, pk in channels_by_metric(device_id).items() if metric in metrics}
    means: dict[str, dict[datetime, float]] = defaultdict(dict)
    rows = RollupHour.objects.filter(channel_id__in=channels, bucket__gte=start, bucket__lt=end)
    for channel_id, bucket, total, count in rows.values_list("channel_id", "bucket", "sum", "count"):
        if count:
            means[channels[channel_id]][bucket.astimezone(UTC)] = total / count
    return means
