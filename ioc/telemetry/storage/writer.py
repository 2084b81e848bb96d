"""The batch writer: readings in, rollups and latest values kept up to date, duplicates ignored."""

from django.db import connection

Row = tuple[int, float, float, int]  # channel id, epoch seconds, canonical value, quality


def write_rows(rows: list[Row]) -> int:
    """Store `rows` (already unique on channel and time within the batch); return how many were new.

    A row whose (channel, time) is already stored is skipped, so a replayed batch changes nothing.
    Must run inside a transaction.
    """
    if connection.vendor == "postgresql":
        from ioc.telemetry.storage import postgres

        return postgres.write_rows(rows)
    from ioc.telemetry.storage import portable

    return portable.write_rows(rows)
