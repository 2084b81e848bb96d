"""Reading series back: which tier answers a range, and the points it gives.

The finest tier that keeps a series under MAX_POINTS points is chosen, so a chart of a year
reads ~365 daily rollups, never millions of raw rows.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from ioc.telemetry.models import Reading, Rollup5m, RollupDay, RollupHour

MAX_POINTS = 2000
MAX_RAW_POINTS = 10_000  # when raw is asked for explicitly over a long range
TIERS = {"5m": (300, Rollup5m), "1h": (3600, RollupHour), "1d": (86400, RollupDay)}
INTERVALS = ("raw", *TIERS)


@dataclass(frozen=True)
class Series:
    interval: str
    points: list[dict]
    truncated: bool = False


def choose_interval(start: datetime, end: datetime, expected_interval_s: float) -> str:
    span = (end - start).total_seconds()
    if span / max(expected_interval_s, 1) <= MAX_POINTS:
        return "raw"
    return rollup_interval(span)


def rollup_interval(span_s: float) -> str:
    """The finest rollup tier giving at most MAX_POINTS points over `span_s` seconds."""
    return next((name for name, (step, _model) in TIERS.items() if span_s / step <= MAX_POINTS), "1d")


def local_time(moment: datetime) -> str:
    """An instant as ISO 8601 in the park's time zone (stored in UTC, shown in Asia/Ho_Chi_Minh)."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).isoformat()


def read_auto(channel_id: int, start: datetime, end: datetime, expected_interval_s: float) -> Series:
    """The finest tier within MAX_POINTS. A device reporting faster than it should is caught by
    reading at most MAX_POINTS + 1 raw rows before falling back to rollups."""
    interval = choose_interval(start, end, expected_interval_s)
    if interval == "raw":
        series = read_series(channel_id, start, end, "raw", limit=MAX_POINTS)
        if not series.truncated:
            return series
        interval = rollup_interval((end - start).total_seconds())
    return read_series(channel_id, start, end, interval)


def read_series(
    channel_id: int, start: datetime, end: datetime, interval: str, limit: int = MAX_RAW_POINTS
) -> Series:
    if interval == "raw":
        rows = list(
            Reading.objects.filter(channel_id=channel_id, ts__gte=start, ts__lt=end)
            .order_by("ts")
            .values_list("ts", "value", "quality")[: limit + 1]
        )
        points = [{"time": local_time(ts), "value": value, "quality": quality} for ts, value, quality in rows]
        return Series("raw", points[:limit], truncated=len(points) > limit)
    _step, model = TIERS[interval]
    rows = (
        model.objects.filter(channel_id=channel_id, bucket__gte=start, bucket__lt=end)
        .order_by("bucket")
        .values_list("bucket", "count", "min", "max", "sum", "last_value")
    )
    points = [
        {"time": local_time(bucket), "value": total / count, "min": low, "max": high,
         "count": count, "last": last, "quality": 0}
        for bucket, count, low, high, total, last in rows
    ]  # fmt: skip
    return Series(interval, points)
