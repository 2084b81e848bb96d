"""PostgreSQL writer: COPY into a session staging table, then one statement that inserts the new
readings and folds exactly those into the 5-minute, hourly and daily rollups and the latest values.

Using RETURNING from the insert means a duplicate never counts twice in a rollup, and late data
(days old) lands in its own partition and updates the rollups of its own period.
"""

import io
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection

from ioc.telemetry.storage.partitions import ensure_partitions

STAGING_DDL = """
    CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (
        channel_id bigint, epoch double precision, value double precision, quality smallint
    ) ON COMMIT DELETE ROWS
"""

_ROLLUP = """
    {name} AS (
        INSERT INTO {table} AS r (channel_id, bucket, count, min, max, sum, last_ts, last_value)
        SELECT channel_id, {bucket} AS bucket, count(*), min(value), max(value), sum(value), max(ts),
               (array_agg(value ORDER BY ts DESC))[1]
        FROM good GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (channel_id, bucket) DO UPDATE SET
            count = r.count + EXCLUDED.count,
            min = LEAST(r.min, EXCLUDED.min),
            max = GREATEST(r.max, EXCLUDED.max),
            sum = r.sum + EXCLUDED.sum,
            last_value = CASE WHEN EXCLUDED.last_ts >= r.last_ts
                              THEN EXCLUDED.last_value ELSE r.last_value END,
            last_ts = GREATEST(r.last_ts, EXCLUDED.last_ts)
    )"""


def _write_sql() -> str:
    local_day = "date_trunc('day', ts AT TIME ZONE %(tz)s) AT TIME ZONE %(tz)s"
    rollups = ",".join(
        _ROLLUP.format(name=name, table=table, bucket=bucket)
        for name, table, bucket in (
            ("r5", "telemetry_rollup5m", "to_timestamp(floor(extract(epoch FROM ts) / 300) * 300)"),
            ("rh", "telemetry_rolluphour", "date_trunc('hour', ts)"),
            ("rd", "telemetry_rollupday", local_day),
        )
    )
    return f"""
        WITH ins AS (
            INSERT INTO telemetry_reading (channel_id, ts, value, quality)
            SELECT channel_id, to_timestamp(epoch), value, quality FROM telemetry_staging
            ON CONFLICT DO NOTHING
            RETURNING channel_id, ts, value, quality
        ),
        good AS (SELECT channel_id, ts, value FROM ins WHERE quality = 0),
        {rollups},
        latest AS (
            INSERT INTO telemetry_latestvalue AS l (channel_id, ts, value, quality)
            SELECT DISTINCT ON (channel_id) channel_id, ts, value, quality
            FROM ins ORDER BY channel_id, ts DESC
            ON CONFLICT (channel_id) DO UPDATE
                SET ts = EXCLUDED.ts, value = EXCLUDED.value, quality = EXCLUDED.quality
                WHERE EXCLUDED.ts > l.ts
        )
        SELECT count(*) FROM ins
    """  # noqa: S608 (table names are constants of this module)


WRITE_SQL = _write_sql()


def write_rows(rows) -> int:
    days = {datetime.fromtimestamp(epoch, UTC).date() for epoch in {int(r[1] // 86400) * 86400 for r in rows}}
    buffer = io.StringIO()
    buffer.writelines(f"{c}\t{e!r}\t{v!r}\t{q}\n" for c, e, v, q in rows)
    buffer.seek(0)
    with connection.cursor() as cursor:
        ensure_partitions(days, cursor)
        cursor.execute(STAGING_DDL)
        cursor.copy_expert("COPY telemetry_staging FROM STDIN", buffer)
        cursor.execute(WRITE_SQL, {"tz": settings.TIME_ZONE})
        inserted = cursor.fetchone()[0]
        cursor.execute("TRUNCATE telemetry_staging")
    return inserted
