"""Ingest and query benchmark of Park IOC on PostgreSQL + Mosquitto (not a test).

    .venv/bin/python bench/ingest.py --json /tmp/bench.json           # the full run, about 4 minutes
    .venv/bin/python bench/ingest.py --rows 100000 --readings 100000 --single 20000   # a quick one

Starts its own Mosquitto, MQTT bridge and daphne against its own database (park_ioc_bench by
default), publishes over real MQTT and HTTP, and reports end-to-end rates (published → committed),
latency, CPU and peak memory per process, and the dashboard queries' latency on a year of data.
See bench/README.md for what each figure means.
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from _cli import step, stop_on_signals

PHASES = ("copy", "mqtt-batched", "mqtt-single", "mqtt-paced", "http", "queries")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--database-url", default="postgres://postgres@127.0.0.1:5432/park_ioc_bench")
    add("--readings", type=int, default=1_000_000, help="readings in the MQTT batched phase (and COPY)")
    add("--per-message", type=int, default=100, help="readings per MQTT message in the batched phase")
    add("--publishers", type=int, default=4, help="publisher processes in each MQTT phase")
    add("--single", type=int, default=200_000, help="single-reading MQTT messages")
    add("--window", type=int, default=200, help="unacknowledged QoS 1 messages per publisher at most")
    add("--paced-seconds", type=float, default=10, help="length of each paced MQTT phase")
    add("--paced-readings", type=float, default=25_000, help="readings/s of the paced batched phase")
    add("--paced-messages", type=float, default=5_000, help="messages/s of the paced single phase")
    add("--http-readings", type=int, help="readings posted over HTTP (default: --readings)")
    add("--per-request", type=int, default=1000)
    add("--http-clients", type=int, default=3)
    add("--rows", type=int, default=10_000_000, help="raw rows bulk-loaded for the query phase")
    add("--load-batch", type=int, default=50_000)
    add("--skip-load", action="store_true", help="reuse the rows loaded by an earlier run")
    add("--repetitions", type=int, default=50)
    add("--poll", type=float, default=0.05, help="seconds between commit polls")
    add("--timeout", type=float, default=600, help="seconds a phase may take at most")
    add("--phases", default=",".join(PHASES), help=f"comma-separated subset of {','.join(PHASES)}")
    add("--bridge-batch", type=int, help="passed to mqtt_bridge --batch (default: the command's own)")
    add("--json", type=Path, help="also write the results here")
    add("--keep-workdir", action="store_true", help="keep the broker files and process logs")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    if unknown := set(phases) - set(PHASES):
        raise SystemExit(f"unknown phases: {', '.join(sorted(unknown))}")
    stop_on_signals()  # also when started with SIGINT ignored (in background)
    workdir = Path(tempfile.mkdtemp(prefix="park-ioc-bench-"))
    from _stack import Stack, configure_environment, ensure_database

    stack = Stack(
        args.database_url, workdir, ["--batch", str(args.bridge_batch)] if args.bridge_batch else []
    )
    try:
        configure_environment(args.database_url, workdir)
        created = ensure_database(args.database_url)
        import django

        django.setup()
        results = {
            "started": datetime.now(UTC).isoformat(timespec="seconds"), "command": sys.argv,
            "database": urlparse(args.database_url).path.lstrip("/"), "database_created": created,
        }  # fmt: skip
        run(args, phases, stack, results)
        from _report import summary

        print("\n" + summary(results))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    except KeyboardInterrupt:
        print("interrupted; stopping what the bench started", file=sys.stderr)
        return 130
    finally:
        stack.stop()
        if args.keep_workdir:
            print(f"logs and broker files kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def prepare_queries(args, query_devices) -> dict:
    import _queries

    if args.skip_load:
        load = _queries.last_load()
        if not load:
            raise SystemExit("--skip-load: no earlier load in this database; run once without it")
        return load
    step(f"bulk-loading {args.rows:,} rows through write_rows")
    load = _queries.bulk_load([c for d in query_devices for c in d.channel_ids], args.rows, args.load_batch)
    step("VACUUM ANALYZE")
    load["vacuum_analyze_s"] = _queries.vacuum_analyze(args.database_url)
    return load


def run_ingest(args, phases, ctx, devices: list) -> list[dict]:
    import _phases

    n, ingest = args.publishers, []
    batched, single, paced_batched, paced_single = (devices[i * n : (i + 1) * n] for i in range(4))
    http = devices[4 * n : 4 * n + args.http_clients]  # every phase has devices of its own
    if "copy" in phases:
        step(f"bare COPY of {args.readings:,} rows")
        channels = [c for d in batched for c in d.channel_ids]
        ingest.append(_phases.copy_baseline(ctx, args.database_url, channels, args.readings))
    if "mqtt-batched" in phases:
        step(f"MQTT: {args.readings:,} readings, {args.per_message} a message, {n} publishers, full speed")
        ingest.append(_phases.mqtt_phase(ctx, "mqtt-batched", batched, args.readings, args.per_message))
    if "mqtt-single" in phases:
        step(f"MQTT: {args.single:,} single-reading messages, {n} publishers, full speed")
        ingest.append(_phases.mqtt_phase(ctx, "mqtt-single", single, args.single, 1))
    if "mqtt-paced" in phases:
        rate, per = args.paced_readings / args.per_message, args.per_message
        step(f"MQTT paced: {args.paced_readings:,.0f} readings/s, {per} a message, {args.paced_seconds} s")
        readings = int(args.paced_readings * args.paced_seconds)
        ingest.append(_phases.mqtt_phase(ctx, "mqtt-batched-paced", paced_batched, readings, per, rate))
        step(f"MQTT paced: {args.paced_messages:,.0f} single-reading messages/s, {args.paced_seconds} s")
        messages = int(args.paced_messages * args.paced_seconds)
        ingest.append(
            _phases.mqtt_phase(ctx, "mqtt-single-paced", paced_single, messages, 1, args.paced_messages)
        )
    if "http" in phases:
        readings = args.http_readings or args.readings
        step(f"HTTP: {readings:,} readings, {args.per_request} a request, {args.http_clients} clients")
        ingest.append(_phases.http_phase(ctx, http, readings, args.per_request))
    copy = next((r for r in ingest if r["phase"] == "copy"), None)
    for r in ingest:
        if copy and r is not copy:
            r["ratio_to_copy"] = round(r["readings_per_s"] / copy["readings_per_s"], 3)
    return ingest


def run(args, phases, stack, results) -> None:
    import _phases
    import _queries
    from _procstats import Tracker
    from _stack import bench_admin, connect, ensure_devices
    from django.core.management import call_command

    step(f"migrating {results['database']}")
    call_command("migrate", verbosity=0, interactive=False)
    query_devices = ensure_devices("BENCH-Q", 100)
    ingest_devices = ensure_devices("BENCH-I", 4 * args.publishers + args.http_clients + 1)
    if "queries" in phases:
        results["load"] = prepare_queries(args, query_devices)
    if set(phases) - {"queries"}:
        step("starting mosquitto, the MQTT bridge and daphne")
        stack.start()
        probe = ingest_devices.pop()
        stack.wait_subscribed(probe)
        poller = connect(args.database_url, "bench-poller")
        tracker = Tracker(results["database"], poller)
        ctx = _phases.Context(stack, tracker, poller, args.window, args.poll, args.timeout)
        results["ingest"] = run_ingest(args, phases, ctx, ingest_devices)
        poller.close()
    if "queries" in phases:
        step(f"timing the dashboard queries ({args.repetitions} repetitions each)")
        time.sleep(2)
        end = results["load"].get("end_epoch") or datetime.fromisoformat(results["load"]["end"]).timestamp()
        results["queries"] = _queries.time_queries(
            query_devices, bench_admin(), end, args.repetitions, stack.http_port if stack.processes else 0
        )
    stack.stop()
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")


if __name__ == "__main__":
    sys.exit(main())
