"""Time partitions on PostgreSQL: readings by UTC day, 5-minute rollups by UTC month.

Retention drops whole partitions (instant, no bloat, no vacuum debt) instead of DELETE. The
writer makes sure the partitions a batch needs exist before it inserts, so late or early data
always finds its home; a periodic task creates the coming days ahead of time as well.
"""

from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction

READING_TABLE = "telemetry_reading"
ROLLUP5M_TABLE = "telemetry_rollup5m"

PARENT_DDL = {
    READING_TABLE: """
        CREATE TABLE IF NOT EXISTS telemetry_reading (
            channel_id bigint NOT NULL,
            ts timestamptz NOT NULL,
            value double precision NOT NULL,
            quality smallint NOT NULL DEFAULT 0,
            PRIMARY KEY (channel_id, ts)
        ) PARTITION BY RANGE (ts);
        CREATE INDEX IF NOT EXISTS telemetry_reading_ts_brin ON telemetry_reading USING brin (ts);
    """,
    ROLLUP5M_TABLE: """
        CREATE TABLE IF NOT EXISTS telemetry_rollup5m (
            channel_id bigint NOT NULL,
            bucket timestamptz NOT NULL,
            count integer NOT NULL,
            min double precision NOT NULL,
            max double precision NOT NULL,
            sum double precision NOT NULL,
            last_ts timestamptz NOT NULL,
            last_value double precision NOT NULL,
            PRIMARY KEY (channel_id, bucket)
        ) PARTITION BY RANGE (bucket);
    """,
}

_known: set[str] = set()


def is_partitioned() -> bool:
    return connection.vendor == "postgresql"


def day_partition(day: date) -> tuple[str, datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return f"{READING_TABLE}_p{day:%Y%m%d}", start, start + timedelta(days=1)


def month_partition(day: date) -> tuple[str, datetime, datetime]:
    start = datetime(day.year, day.month, 1, tzinfo=UTC)
    end = datetime(day.year + day.month // 12, day.month % 12 + 1, 1, tzinfo=UTC)
    return f"{ROLLUP5M_TABLE}_p{day:%Y%m}", start, end


def ensure_partitions(days: set[date], cursor=None) -> int:
    """Create the day and month partitions that `days` need; return how many were created."""
    if not is_partitioned():
        return 0
    wanted = [(READING_TABLE, *day_partition(d)) for d in days]
    wanted += [(ROLLUP5M_TABLE, *month_partition(d)) for d in {d.replace(day=1) for d in days}]
    missing = [w for w in wanted if w[1] not in _known]
    if not missing:
        return 0
    own_cursor = cursor is None
    cursor = cursor or connection.cursor()
    try:
        for parent, name, start, end in missing:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {parent} FOR VALUES FROM (%s) TO (%s)",
                [start, end],
            )
        # Trusted only once committed: a rolled-back batch takes its new partitions with it.
        names = {name for _parent, name, _start, _end in missing}
        transaction.on_commit(lambda: _known.update(names))
    finally:
        if own_cursor:
            cursor.close()
    return len(missing)


def forget_known_partitions() -> None:
    """After partitions were dropped (retention, tests), stop trusting the in-process cache."""
    _known.clear()


def drop_partitions_before(parent: str, cutoff: datetime) -> list[str]:
    """Drop the partitions of `parent` that end on or before `cutoff`; return their names."""
    if not is_partitioned():
        return []
    dropped = []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT child.relname, pg_get_expr(child.relpartbound, child.oid)
            FROM pg_inherits JOIN pg_class parent ON parent.oid = inhparent
            JOIN pg_class child ON child.oid = inhrelid WHERE parent.relname = %s
            """,
            [parent],
        )
        for name, bound in cursor.fetchall():
            upper = bound.split(" TO ('")[1].split("')")[0]
            if datetime.fromisoformat(upper) <= cutoff:
                cursor.execute(f"DROP TABLE IF EXISTS {name}")
                dropped.append(name)
    forget_known_partitions()
    return dropped


def create_parent_tables(schema_editor, model_names: list[str]) -> None:
    """Migration helper: partitioned parents on PostgreSQL, plain tables elsewhere."""
    for table in model_names:
        schema_editor.execute(PARENT_DDL[table])
