"""The dashboard's queries on a year of data: bulk load through the real writer, then time them.

The load gives every one of the 2,000 query channels the same schedule: the older part of the rows
spread evenly over a year (so daily rollups cover it), the newer part dense over the last two days
(so one channel's last 24 h has all 288 five-minute buckets).
"""

import http.client
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta

from _stats import percentiles

RECENT_S = 2 * 86400
YEAR_S = 365 * 86400
RECENT_SHARE = 0.6


def schedule(per_channel: int, end: float) -> list[float]:
    """Epoch seconds of one channel's readings, oldest first, ending at `end`."""
    recent = max(2, int(per_channel * RECENT_SHARE))
    older = per_channel - recent
    start = end - RECENT_S
    times = [end - YEAR_S + i * (YEAR_S - RECENT_S) / older for i in range(older)] if older else []
    return times + [start + (i + 1) * RECENT_S / recent for i in range(recent)]


def bulk_load(channel_ids: list[int], rows: int, batch: int) -> dict:
    """Write `rows` readings through ioc.telemetry.storage.writer.write_rows, `batch` rows a commit."""
    from django.db import connection, transaction

    from ioc.telemetry.storage.writer import write_rows

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE telemetry_reading, telemetry_rollup5m, telemetry_rolluphour, telemetry_rollupday,"
            " telemetry_latestvalue"
        )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_load (loaded_at timestamptz, rows bigint, end_epoch float8,"
            " channels int, seconds float8, rows_per_s float8)"
        )
        cursor.execute("TRUNCATE bench_load")
    end = float(int(time.time() // 60 * 60) - 60)
    times = schedule(rows // len(channel_ids), end)
    steps = max(1, batch // len(channel_ids))
    rng = random.Random(42)  # noqa: S311 (test data)
    written, start, shown = 0, time.time(), 0.0
    for first in range(0, len(times), steps):
        chunk = [
            (cid, ts, round(rng.uniform(0, 500), 3), 0)
            for ts in times[first : first + steps]
            for cid in channel_ids
        ]
        with transaction.atomic():
            written += write_rows(chunk)
        if time.time() - shown > 10:
            shown = time.time()
            rate = written / (shown - start)
            print(f"  loaded {written:,} rows ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    seconds = time.time() - start
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_load VALUES (now(), %s, %s, %s, %s, %s)",
            [written, end, len(channel_ids), seconds, written / seconds],
        )
    return {"rows": written, "seconds": round(seconds, 1), "rows_per_s": round(written / seconds),
            "batch_rows": steps * len(channel_ids), "end": _iso(end)}  # fmt: skip


def last_load() -> dict | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_load') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT rows, end_epoch, seconds, rows_per_s FROM bench_load LIMIT 1")
        row = cursor.fetchone()
    if not row:
        return None
    return {"rows": row[0], "seconds": round(row[2], 1), "rows_per_s": round(row[3]), "end": _iso(row[1]),
            "end_epoch": row[1], "reused": True}  # fmt: skip


def vacuum_analyze(url: str) -> float:
    from _stack import connect

    db = connect(url, "bench-vacuum")
    start = time.time()
    with db.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    db.close()
    return round(time.time() - start, 1)


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def _time(call, repetitions: int) -> tuple[dict, object]:
    durations, result = [], None
    for i in range(repetitions):
        start = time.perf_counter()
        result = call(i)
        durations.append((time.perf_counter() - start) * 1000)
    return {**percentiles(durations, 1), "first": round(durations[0], 1)}, result


def _http_getter(port: int, user):
    """GET over a keep-alive connection to the running daphne, with a knox token as a client would."""
    from knox.models import AuthToken

    _instance, token = AuthToken.objects.create(user)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Token {token}"}

    def get(url: str) -> dict:
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, (url, response.status, body[:300])
        return json.loads(body)

    return get


def time_queries(devices, user, end_epoch: float, repetitions: int, http_port: int = 0) -> dict:
    """The three dashboard queries: selector functions, the API in-process (Django test client),
    and the API over HTTP from the running daphne when `http_port` is given."""
    from django.db import connection
    from django.test import Client

    from ioc.telemetry.api.query import latest_values
    from ioc.telemetry.series import read_series

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def test_client(url: str) -> dict:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response.json()

    apis = {"test client": test_client} | (
        {"daphne HTTP": _http_getter(http_port, user)} if http_port else {}
    )
    end = datetime.fromtimestamp(end_epoch, UTC) + timedelta(seconds=1)
    channel_ids = [c for d in devices for c in d.channel_ids]
    pairs = [(d, c) for d in devices for c in d.channel_ids]
    pick = lambda i: pairs[(i * 7919) % len(pairs)]  # noqa: E731  (a different channel each time)
    latest_url = f"/api/v1/telemetry/latest/?device={','.join(str(d.id) for d in devices)}&page_size=100"

    def series_url(i: int, days: float, interval: str) -> str:
        device, channel = pick(i)
        start, stop = (m.isoformat().replace("+00:00", "Z") for m in (end - timedelta(days=days), end))
        return (f"/api/v1/devices/{device.id}/telemetry/?metric=power&channel={channel}"
                f"&from={start}&to={stop}&interval={interval}")  # fmt: skip

    results = {}
    timing, values = _time(lambda i: latest_values(channel_ids), repetitions)
    results["latest 2,000 channels: latest_values()"] = {**timing, "rows": len(values)}
    for how, get in apis.items():
        timing, body = _time(lambda i, get=get: get(latest_url), repetitions)
        rows = sum(len(d["values"]) for d in body["results"])
        results[f"latest 2,000 channels: GET /api/v1/telemetry/latest/ ({how})"] = {**timing, "rows": rows}
    for label, days, interval in (("24 h at 5 min", 1, "5m"), ("1 year daily", 365, "1d")):
        timing, series = _time(
            lambda i, d=days, n=interval: read_series(pick(i)[1], end - timedelta(days=d), end, n),
            repetitions,
        )
        results[f"{label}: read_series()"] = {**timing, "rows": len(series.points)}
        for how, get in apis.items():
            timing, body = _time(lambda i, d=days, n=interval, get=get: get(series_url(i, d, n)), repetitions)
            results[f"{label}: GET /api/v1/devices/<id>/telemetry/ ({how})"] = {
                **timing,
                "rows": len(body["points"]),
            }
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM telemetry_reading")
        raw_rows = cursor.fetchone()[0]
    return {"raw_rows_in_db": raw_rows, "repetitions": repetitions, "queries": results}
