"""The writer for SQLite (the embedded demo): set-based, so a month of demo history loads in minutes.

Same contract as the PostgreSQL writer: only readings not stored yet count, and exactly those are
folded into the rollups and the latest values (SQLite's upsert, one statement per table).
"""

from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

from ioc.telemetry.models import LatestValue, Reading, Rollup5m, RollupDay, RollupHour
from ioc.telemetry.quality import Quality

_ROLLUP_UPSERT = """
    INSERT INTO {table} (channel_id, bucket, count, min, max, sum, last_ts, last_value)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT (channel_id, bucket) DO UPDATE SET
        count = count + excluded.count, min = MIN(min, excluded.min), max = MAX(max, excluded.max),
        sum = sum + excluded.sum,
        last_value = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last_value ELSE last_value END,
        last_ts = MAX(last_ts, excluded.last_ts)
"""
_LATEST_UPSERT = """
    INSERT INTO {table} (channel_id, ts, value, quality) VALUES (%s, %s, %s, %s)
    ON CONFLICT (channel_id) DO UPDATE SET ts = excluded.ts, value = excluded.value, quality = excluded.quality
    WHERE excluded.ts > ts
"""


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _stored(epoch: float) -> str:
    """How Django keeps an aware datetime in SQLite: naive UTC text."""
    return str(datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None))


def bucket_5m(moment: datetime) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % 5, second=0, microsecond=0)


def bucket_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def bucket_day(moment: datetime) -> datetime:
    """Midnight of the park's local day holding `moment`, in UTC."""
    local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def _epoch_buckets():
    day_cache: dict[int, float] = {}

    def day(epoch: float) -> float:
        hour = int(epoch // 3600)
        if hour not in day_cache:
            day_cache[hour] = bucket_day(_moment(hour * 3600)).timestamp()
        return day_cache[hour]

    return (
        (Rollup5m, lambda e: e - e % 300),
        (RollupHour, lambda e: e - e % 3600),
        (RollupDay, day),
    )


def write_rows(rows) -> int:
    new = _new_rows(rows)
    if not new:
        return 0
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Reading._meta.db_table} (channel_id, ts, value, quality) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(c, _stored(e), v, q) for c, e, v, q in new],
        )
        valid = [row for row in new if row[3] == Quality.VALID]
        for model, bucket in _epoch_buckets():
            groups: dict[tuple, list] = {}
            for channel_id, epoch, value, _quality in valid:
                key = (channel_id, bucket(epoch))
                g = groups.get(key)
                if g is None:
                    groups[key] = [1, value, value, value, epoch, value]
                else:
                    g[0] += 1
                    g[1], g[2], g[3] = min(g[1], value), max(g[2], value), g[3] + value
                    if epoch >= g[4]:
                        g[4], g[5] = epoch, value
            cursor.executemany(
                _ROLLUP_UPSERT.format(table=model._meta.db_table),
                [
                    (c, _stored(b), n, lo, hi, total, _stored(le), lv)
                    for (c, b), (n, lo, hi, total, le, lv) in groups.items()
                ],
            )
        newest: dict[int, tuple] = {}
        for channel_id, epoch, value, quality in new:
            if channel_id not in newest or epoch > newest[channel_id][0]:
                newest[channel_id] = (epoch, value, quality)
        cursor.executemany(
            _LATEST_UPSERT.format(table=LatestValue._meta.db_table),
            [(c, _stored(e), v, q) for c, (e, v, q) in newest.items()],
        )
    return len(new)


def _new_rows(rows) -> list:
    by_channel = defaultdict(list)
    for row in rows:
        by_channel[row[0]].append(row)
    new = []
    with connection.cursor() as cursor:
        for channel_id, channel_rows in by_channel.items():
            low, high = min(r[1] for r in channel_rows), max(r[1] for r in channel_rows)
            cursor.execute(
                f"SELECT ts FROM {Reading._meta.db_table} WHERE channel_id = %s AND ts BETWEEN %s AND %s",  # noqa: S608
                [channel_id, _stored(low), _stored(high)],
            )
            stored = {str(ts) for (ts,) in cursor.fetchall()}
            new += [r for r in channel_rows if _stored(r[1]) not in stored]
    return new
