"""The ingest phases: a bare COPY baseline, MQTT (batched and single readings) and HTTP.

End to end means from the first publish to the moment the last reading is committed. Commit times
come from polling telemetry_latestvalue for the phase's channels: every reading's ts is its send
time, strictly increasing per channel, and each device's messages are stored in order, so a
message is committed once its channel's latest ts has reached the message's newest ts.
"""

import contextlib
import io
import multiprocessing
import queue
import time
from bisect import bisect_left
from dataclasses import dataclass
from datetime import UTC, datetime

from _clients import http_client, mqtt_publisher
from _stack import connect
from _stats import percentiles

LATEST_SQL = (
    "SELECT channel_id, round(extract(epoch FROM ts) * 1000)::bigint FROM telemetry_latestvalue"
    " WHERE channel_id = ANY(%s)"
)
COUNT_SQL = "SELECT count(*) FROM telemetry_reading WHERE channel_id = ANY(%s) AND ts >= to_timestamp(%s)"


@dataclass
class Context:
    stack: object
    tracker: object
    poller: object  # a psycopg2 connection in autocommit
    window: int
    poll_s: float
    timeout: float


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _spawn(target, specs: list[dict]):
    context = multiprocessing.get_context("spawn")
    ready, results, go = context.Queue(), context.Queue(), context.Event()
    processes = [context.Process(target=target, args=(s, ready, go, results), daemon=True) for s in specs]
    for process in processes:
        process.start()
    for _ in specs:
        try:
            ready.get(timeout=60)
        except queue.Empty:
            raise RuntimeError(f"a load generator did not get ready: {_drain(results)}") from None
    return processes, go, results


def _drain(results) -> list[dict]:
    found = []
    with contextlib.suppress(queue.Empty):
        while True:
            found.append(results.get_nowait())
    return found


def _finish(processes, completed: bool) -> None:
    """Let finished load generators exit; stop them at once when the phase failed or was interrupted."""
    for process in processes:
        if not completed:
            process.terminate()
    for process in processes:
        process.join(10)
        if process.is_alive():
            process.kill()


def _stored(db, channel_ids: list[int], since_s: float) -> int:
    with db.cursor() as cursor:
        cursor.execute(COUNT_SQL, [channel_ids, since_s])
        return cursor.fetchone()[0]


def copy_baseline(ctx: Context, url: str, channel_ids: list[int], rows: int) -> dict:
    """A bare psycopg2 COPY of `rows` readings shaped like the MQTT phase's into a plain table."""
    db = connect(url, "bench-copy")
    with db.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(
            "CREATE TABLE bench_copy (channel_id bigint NOT NULL, ts timestamptz NOT NULL,"
            " value double precision NOT NULL, quality smallint NOT NULL DEFAULT 0,"
            " PRIMARY KEY (channel_id, ts))"
        )
    base, width = time.time(), len(channel_ids)
    ctx.tracker.start(ctx.stack.pids())
    start = time.time()
    buffer = io.StringIO()
    buffer.writelines(
        f"{channel_ids[i % width]}\t{datetime.fromtimestamp(base + (i // width) / 1000, UTC)}"
        f"\t{(i * 7919) % 500 + 0.125!r}\t0\n"
        for i in range(rows)
    )
    buffer.seek(0)
    formatted = time.time()
    db.autocommit = False
    with db.cursor() as cursor:
        cursor.copy_expert("COPY bench_copy FROM STDIN", buffer)
    db.commit()
    end = time.time()
    processes = ctx.tracker.stop()
    db.close()
    return {
        "phase": "copy", "readings": rows, "seconds": round(end - formatted, 2),
        "readings_per_s": round(rows / (end - formatted)), "format_s": round(formatted - start, 2),
        "readings_per_s_with_format": round(rows / (end - start)), "processes": processes,
    }  # fmt: skip


def _latencies(results: list[dict], by_serial: dict, samples: list) -> tuple[list[float], int]:
    """Each message's commit time: midway between the last poll that did not see it and the first
    that did (so within ±poll/2); its latency is that minus its send time."""
    times = [t for t, _latest in samples]
    curves: dict[int, list[int]] = {}
    latencies, unseen = [], 0
    for result in results:
        channel_ids = by_serial[result["serial"]].channel_ids
        for sent, channel, ts in result["sends"]:
            cid = channel_ids[channel]
            if cid not in curves:
                curves[cid] = [latest.get(cid, 0) for _t, latest in samples]
            k = bisect_left(curves[cid], ts)
            if k == len(times):
                unseen += 1
                continue
            committed = (times[k - 1] + times[k]) / 2 if k else times[0]
            latencies.append(max(0.0, committed - sent) * 1000)
    return latencies, unseen


def mqtt_phase(ctx: Context, name: str, devices, readings: int, per_message: int, rate: float = 0) -> dict:
    """`readings` readings in messages of `per_message`, one publisher process per device; as fast
    as the broker takes them, or paced at `rate` messages/s in all."""
    messages = readings // per_message
    specs = [
        {"port": ctx.stack.mqtt_port, "serial": d.serial, "token": d.token, "names": d.names,
         "messages": n, "readings": per_message, "window": ctx.window, "rate": rate / len(devices)}
        for d, n in zip(devices, _split(messages, len(devices)), strict=True)
    ]  # fmt: skip
    channel_ids = [c for d in devices for c in d.channel_ids]
    by_serial = {d.serial: d for d in devices}
    processes, go, results = _spawn(mqtt_publisher, specs)
    finished, samples, done_at, completed = {}, [], None, False
    try:
        ctx.tracker.start(ctx.stack.pids())
        go.set()
        deadline = time.monotonic() + ctx.timeout
        while time.monotonic() < deadline:
            tick = time.time()
            with ctx.poller.cursor() as cursor:
                cursor.execute(LATEST_SQL, [channel_ids])
                samples.append((tick, dict(cursor.fetchall())))
            finished.update((r["serial"], r) for r in _drain(results))
            latest = samples[-1][1]
            if len(finished) == len(specs) and all(
                latest.get(cid, 0) >= final
                for r in finished.values()
                for cid, final in zip(by_serial[r["serial"]].channel_ids, r.get("final", [0]), strict=False)
            ):
                done_at = tick
                break
            ctx.tracker.sample()
            ctx.stack.check_alive()
            time.sleep(max(0.0, ctx.poll_s - (time.time() - tick)))
        for r in finished.values():
            ctx.tracker.add_external("publishers", r.get("cpu_s", 0), r.get("peak_rss_kb", 0))
        processes_stats = ctx.tracker.stop()
        completed = len(finished) == len(specs)
    finally:
        _finish(processes, completed)
    errors = [r["error"] for r in finished.values() if "error" in r]
    if errors or len(finished) < len(specs):
        raise RuntimeError(f"{name}: publishers failed or did not finish: {errors}")
    first = min(r["first"] for r in finished.values())
    latencies, unseen = _latencies(list(finished.values()), by_serial, samples)
    end = done_at or time.time()
    return {
        "phase": name, "readings": messages * per_message, "messages": messages,
        "readings_per_message": per_message, "publishers": len(devices), "paced_at": rate or None,
        "completed": done_at is not None, "stored": _stored(ctx.poller, channel_ids, first - 1),
        "seconds": round(end - first, 2), "readings_per_s": round(messages * per_message / (end - first)),
        "messages_per_s": round(messages / (end - first)),
        "broker_accept_s": round(max(r["last_ack"] for r in finished.values()) - first, 2),
        "latency_ms": percentiles(latencies, 1), "latency_unseen": unseen,
        "latency_resolution_ms": round(ctx.poll_s * 1000 / 2), "processes": processes_stats,
    }  # fmt: skip


def http_phase(ctx: Context, devices, readings: int, per_request: int) -> dict:
    """`readings` readings POSTed `per_request` at a time, one client process (and device) each;
    a 202 comes after the commit, so each request's duration is its readings' latency."""
    requests = readings // per_request
    specs = [
        {"port": ctx.stack.http_port, "serial": d.serial, "token": d.token, "names": d.names,
         "requests": n, "readings": per_request}
        for d, n in zip(devices, _split(requests, len(devices)), strict=True)
    ]  # fmt: skip
    channel_ids = [c for d in devices for c in d.channel_ids]
    processes, go, results = _spawn(http_client, specs)
    finished, completed = [], False
    try:
        ctx.tracker.start(ctx.stack.pids())
        go.set()
        deadline = time.monotonic() + ctx.timeout
        while len(finished) < len(specs) and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                finished.append(results.get(timeout=ctx.poll_s))
            ctx.tracker.sample()
            ctx.stack.check_alive()
        for r in finished:
            ctx.tracker.add_external("http clients", r["cpu_s"], r["peak_rss_kb"])
        processes_stats = ctx.tracker.stop()
        completed = len(finished) == len(specs)
    finally:
        _finish(processes, completed)
    if len(finished) < len(specs):
        raise RuntimeError("http: clients did not finish in time")
    spans = [span for r in finished for span in r["requests"]]
    first, last = min(s for s, _e in spans), max(e for _s, e in spans)
    return {
        "phase": "http", "readings": requests * per_request, "requests": requests,
        "readings_per_request": per_request, "clients": len(devices), "completed": True,
        "stored": _stored(ctx.poller, channel_ids, first - 1),
        "accepted": sum(r["accepted"] for r in finished), "errors": sum(r["error_count"] for r in finished),
        "error_samples": [e for r in finished for e in r["errors"]][:3],
        "seconds": round(last - first, 2), "readings_per_s": round(requests * per_request / (last - first)),
        "requests_per_s": round(requests / (last - first), 1),
        "latency_ms": percentiles([(e - s) * 1000 for s, e in spans], 1), "processes": processes_stats,
    }  # fmt: skip
