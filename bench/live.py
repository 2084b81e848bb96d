"""Live path benchmark: MQTT publish → dashboard websocket frame, one client and many (not a test).

    .venv/bin/python bench/live.py --json /tmp/live.json          # 4 runs, about 2 minutes
    .venv/bin/python bench/live.py --clients 20 --seconds 5 --per-message 100   # a quick one

Starts the stack of bench/ingest.py (its own PostgreSQL database, Mosquitto, the MQTT bridge, one
daphne) with Redis as the channel layer (--redis-url, a database number of its own, flushed at
start), opens N websocket clients of /ws/dashboard/ as a signed-in park manager in separate
processes, publishes at a steady rate and reports publish → frame latency, fan-out delay, what
each client received, and CPU and memory per process. See bench/README.md, "Live path".
"""

import argparse
import json
import multiprocessing
import os
import queue
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from _cli import step, stop_on_signals

CHILDREN: list = []  # every load-generator process, stopped on the way out whatever happens


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--database-url", default="postgres://postgres@127.0.0.1:5432/park_ioc_bench")
    add("--redis-url", default="redis://127.0.0.1:6379/13", help="flushed at start: give it its own db")
    add("--clients", default="1,500", help="websocket clients, one run per comma-separated value")
    add("--per-message", default="100,1", help="readings per MQTT message, one run per value (1, ≤20 or ×20)")
    add("--rate", type=float, default=2000, help="readings/s published in all")
    add("--seconds", type=float, default=20, help="publishing time per run")
    add("--devices", type=int, default=20, help="publishing devices (20 channels, one process each)")
    add("--client-procs", type=int, default=2, help="processes the websocket clients are spread over")
    add("--full-clients", type=int, default=50, help="clients that parse every frame; the rest: --tracked")
    add("--coverage-clients", type=int, default=4, help="per process: clients that keep every arrival")
    add("--tracked", type=int, default=5, help="channels whose arrivals every client records (fan-out)")
    add("--drain", type=float, default=3.0, help="seconds to keep listening after the last publish")
    add("--json", type=Path, help="also write the results here")
    add("--keep-workdir", action="store_true", help="keep the broker files and process logs")
    return parser.parse_args(argv)


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def collect(q, count: int, seconds: float, what: str, check) -> list:
    """`count` answers from queue `q` within `seconds`, calling `check` while waiting."""
    found, deadline = [], time.monotonic() + seconds
    while len(found) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: {len(found)} of {count} answered in {seconds:.0f} s")
        try:
            found.append(q.get(timeout=0.25))
        except queue.Empty:
            check()
    return found


def spawn(mp, target, *args) -> None:
    CHILDREN.append(mp.Process(target=target, args=args, daemon=True))
    CHILDREN[-1].start()


def stop_children() -> None:
    for process in CHILDREN:
        if process.is_alive():
            process.terminate()
    for process in CHILDREN:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(2)
    CHILDREN.clear()


def published_values(devices, finished: dict, per_message: int) -> tuple[dict, dict]:
    """Per channel id, the ascending ts of each message's newest reading of it, and the final ts."""
    published, final = {c: [] for d in devices for c in d.channel_ids}, {}
    for device in devices:
        result, width = finished[device.serial], min(per_message, len(device.names))
        for _sent, channel, ts in result["sends"]:  # the message's last item: `width` channels from `channel`
            for k in range(width):
                published[device.channel_ids[(channel + k) % len(device.names)]].append(ts)
        final.update(zip(device.channel_ids, result["final"], strict=True))
    return published, final


def start_clients(args, mp, stack, cookie: str, clients: int, channels: list, tracked: list):
    from _ws import client_process

    procs = max(1, min(args.client_procs, clients))
    ready, results, controls = mp.Queue(), mp.Queue(), [mp.Queue() for _ in range(procs)]
    headers = {"Origin": f"http://127.0.0.1:{stack.http_port}", "Cookie": cookie}
    fulls = split(min(args.full_clients, clients), procs)
    for i, count in enumerate(split(clients, procs)):
        spec = {"proc": i, "count": count, "full": fulls[i], "coverage": args.coverage_clients, "port": stack.http_port,
                "path": "/ws/dashboard/", "headers": headers, "channels": channels, "tracked": tracked}  # fmt: skip
        spawn(mp, client_process, spec, ready, controls[i], results)
    step(f"  {clients} websocket clients connecting in {procs} processes")
    opened = collect(ready, procs, 180, "websocket client processes", stack.check_alive)
    if (connected := sum(r["connected"] for r in opened)) < clients:
        raise RuntimeError(f"{connected} of {clients} clients connected: {[r['errors'] for r in opened]}")
    return controls, results


def start_publishers(mp, stack, devices, messages: int, per_message: int, msg_rate: float):
    from _clients import mqtt_publisher

    ready, results, gos = mp.Queue(), mp.Queue(), [mp.Event() for _ in devices]
    for device, go in zip(devices, gos, strict=True):
        spec = {"port": stack.mqtt_port, "serial": device.serial, "token": device.token, "names": device.names,
                "messages": messages, "readings": per_message, "window": 200, "rate": msg_rate / len(devices)}  # fmt: skip
        spawn(mp, mqtt_publisher, spec, ready, go, results)
    collect(ready, len(devices), 120, "publishers", stack.check_alive)
    return gos, results


def live_run(args, stack, tracker, devices, cookie: str, redis_pid, clients: int, per_message: int) -> dict:
    """One run: clients connect, devices publish at the rate for the time, clients report."""
    mp = multiprocessing.get_context("spawn")
    msg_rate = args.rate / per_message
    messages = max(1, round(msg_rate / len(devices) * args.seconds))
    channels = [c for d in devices for c in d.channel_ids]
    tracked = [d.channel_ids[i % len(d.names)] for i, d in enumerate(devices)][: args.tracked]
    controls, results = start_clients(args, mp, stack, cookie, clients, channels, tracked)
    gos, pub_results = start_publishers(mp, stack, devices, messages, per_message, msg_rate)
    step(
        f"  publishing {args.rate:,.0f} readings/s ({msg_rate:,.0f} msg/s of {per_message}), {args.seconds} s"
    )
    tracker.start({**stack.pids(), **({"redis-server": redis_pid} if redis_pid else {})})
    t0 = time.time()
    for control in controls:
        control.put(("start", int(t0 * 1000)))
    for i, go in enumerate(gos):  # staggered, so that messages arrive evenly rather than in bursts
        time.sleep(max(0.0, t0 + i / msg_rate - time.time()))
        go.set()
    finished = {r["serial"]: r for r in collect(pub_results, len(devices), args.seconds + 120, "publishers",
                                                lambda: (stack.check_alive(), tracker.sample()))}  # fmt: skip
    if errors := [r["error"] for r in finished.values() if "error" in r]:
        raise RuntimeError(f"publishers failed: {errors}")
    last_send = max(r["last_send"] for r in finished.values())
    while time.time() < last_send + args.drain:
        time.sleep(0.25)
        tracker.sample()
    for control in controls:
        control.put(("stop", None))
    stopped = collect(results, len(controls), 60, "websocket clients (stop)", stack.check_alive)
    for group, reports in (("publishers", finished.values()), ("ws clients", stopped)):
        for r in reports:
            tracker.add_external(group, r["cpu_s"], r["peak_rss_kb"])
    processes = tracker.stop()
    fastest: dict = {}
    for r in stopped:
        for key, arrival in r["fastest"].items():
            fastest[key] = min(arrival, fastest.get(key, arrival))
    published, final = published_values(devices, finished, per_message)
    for control in controls:
        control.put(("analyze", {"fastest": fastest, "published": published, "final": final}))
    analyzed = collect(results, len(controls), 120, "websocket clients (analyze)", stack.check_alive)
    stop_children()
    span = last_send - min(r["first"] for r in finished.values())
    return figures(
        clients, per_message, messages * len(devices), span, published, stopped, analyzed, processes
    )


def spread(values: list) -> dict:
    if not values:
        return {"min": None, "median": None, "max": None}
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def figures(clients, per_message, messages, span, published, stopped, analyzed, processes) -> dict:
    from _ws import merge, percentiles

    readings = messages * per_message
    per_client = [c for r in analyzed for c in r["clients"]]
    full = [c for c in per_client if c["full"]]
    newest_values = sum(len(v) for v in published.values())
    rate = lambda c: (c["frames"] - 1) / (c["last"] - c["first"]) if c["frames"] > 1 else 0.0  # noqa: E731
    return {
        "clients": clients, "per_message": per_message, "messages": messages, "readings": readings,
        "publish_seconds": round(span, 2), "readings_per_s": round(readings / span) if span else None,
        "channels": len(published), "message_newest_values": newest_values,
        "e2e_ms": percentiles(merge(r["hist"] for r in stopped)),
        "e2e_tracked_ms": percentiles(merge(r["e2e_tracked_hist"] for r in analyzed)), "full_clients": len(full),
        "fanout_ms": percentiles(merge(r["fanout_hist"] for r in analyzed)),
        "staleness_ms": percentiles(merge(r["stale_hist"] for r in analyzed)),
        "staleness_uncovered": sum(r["uncovered"] for r in analyzed),
        "client_errors": [c["error"] for c in per_client if c["error"]][:5],
        "received_distinct": spread([c["distinct"] for c in full]),
        "received_share_pct": spread([round(100 * c["distinct"] / readings, 2) for c in full]),
        "share_of_message_newest_pct": spread([round(100 * c["distinct"] / newest_values, 2) for c in full]),
        "clients_missing_a_final_value": sum(1 for c in per_client if c["missing_final"]),
        "duplicates": sum(c["dups"] for c in full), "backwards": sum(c["backwards"] for c in full),
        "frames_per_s": spread([round(rate(c), 2) for c in per_client]),
        "frame_kb": round(sum(c["bytes"] for c in per_client) / max(1, sum(c["frames"] for c in per_client)) / 1024, 1),
        "processes": processes,
    }  # fmt: skip


SHOWN = ("daphne", "bridge", "redis-server", "mosquitto", "pg: bridge", "pg: daphne", "ws clients", "publishers",
         "bench (this script)", "machine: busy", "machine: not listed")  # fmt: skip


def summary(results: dict) -> str:
    span = lambda d, fmt="{}": "–" if d["min"] is None else f"{fmt.format(d['min'])}–{fmt.format(d['max'])}"  # noqa: E731
    lines = [f"Park IOC live path benchmark, {results['started']} (database {results['database']}, "
             f"{results['devices']} devices × 20 channels)", "",
             f"{'run':<14}{'clients':>8}{'rd/s':>6}{'msg/s':>6}{'e2e p50':>8}{'p95':>6}{'max':>6}{'all p95':>8}"
             f"{'stale p95':>10}{'fan p50':>8}{'p95':>6}{'max':>6}  target (p95 < 1000 ms)"]  # fmt: skip
    for r in results["runs"]:
        e2e, every, fan = r["e2e_ms"], r["e2e_tracked_ms"], r["fanout_ms"]
        worst = max(e2e["p95"] or 10**9, every["p95"] or 0, fan["p95"] or 0)
        lines.append(f"{r['name']:<14}{r['clients']:>8}{r['readings_per_s']:>6}{round(r['messages'] / r['publish_seconds']):>6}"
                     f"{e2e['p50']!s:>8}{e2e['p95']!s:>6}{e2e['max']!s:>6}{every['p95']!s:>8}{r['staleness_ms']['p95']!s:>10}"
                     f"{fan['p50']!s:>8}{fan['p95']!s:>6}{fan['max']!s:>6}  {'met' if worst < 1000 else 'MISSED'}")  # fmt: skip
    lines += ["", f"{'run':<14}{'published':>10}{'msg-newest':>11}{'received/client':>17}{'share %':>13}"
              f"{'of newest %':>13}{'unseen %':>9}{'finals':>9}{'frames/s':>9}{'KB/frame':>9}{'faults':>7}"]  # fmt: skip
    for r in results["runs"]:
        finals = f"{r['clients'] - r['clients_missing_a_final_value']}/{r['clients']}"
        faults = len(r["client_errors"]) + r["duplicates"] + r["backwards"]
        unseen = 100 * r["staleness_uncovered"] / max(1, r["staleness_uncovered"] + r["staleness_ms"]["n"])
        lines.append(f"{r['name']:<14}{r['readings']:>10,}{r['message_newest_values']:>11,}"
                     f"{span(r['received_distinct'], '{:,}'):>17}{span(r['received_share_pct']):>13}"
                     f"{span(r['share_of_message_newest_pct']):>13}{unseen:>9.1f}{finals:>9}{r['frames_per_s']['median']!s:>9}"
                     f"{r['frame_kb']:>9}{faults:>7}")  # fmt: skip
    lines += ["", f"{'run':<14}{'process':<20}{'n':>4}{'CPU s':>8}{'cores':>7}{'peak MB':>9}"]
    for r in results["runs"]:
        for name in SHOWN:
            if p := r["processes"].get(name):
                lines.append(f"{r['name']:<14}{name:<20}{p['processes']:>4}{p['cpu_s']:>8}{p['cores']:>7}"
                             f"{p['peak_rss_mb']:>9}")  # fmt: skip
    return "\n".join(line.rstrip() for line in lines)


def prepare(args, workdir: Path):
    """The bench database, devices, a signed-in park manager's session, and Redis flushed."""
    import django
    import redis
    from _stack import configure_environment, ensure_database

    if (db := int(urlparse(args.redis_url).path.lstrip("/") or 0)) in (0, 15):
        raise SystemExit(f"refusing Redis db {db} (0: the default, 15: the tests'); give the bench its own")
    configure_environment(args.database_url, workdir)
    os.environ["REDIS_URL"] = args.redis_url  # for django.setup() here and for the stack's processes
    server = redis.Redis.from_url(args.redis_url)
    server.flushdb()
    info = server.info("server")
    local = urlparse(args.redis_url).hostname in ("127.0.0.1", "localhost")
    ensure_database(args.database_url)
    django.setup()
    from _stack import ensure_devices
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from ioc.park.choices import Role
    from ioc.park.models import User

    step("migrating the bench database")
    call_command("migrate", verbosity=0, interactive=False)
    devices = ensure_devices("BENCH-L", args.devices + 1)
    user, _ = User.objects.update_or_create(username="bench-live", defaults={"role": Role.PARK_MANAGER})
    browser = Client()
    browser.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    return devices, cookie, info["process_id"] if local else None, info["redis_version"]


def main(argv=None) -> int:
    args = parse_args(argv)
    counts = [int(x) for x in args.clients.split(",") if x.strip()]
    shapes = [int(x) for x in args.per_message.split(",") if x.strip()]
    if any(not (1 <= s <= 20 or s % 20 == 0) for s in shapes):
        raise SystemExit("--per-message: 1 to 20, or a multiple of 20 (each device has 20 channels)")
    stop_on_signals()
    workdir = Path(tempfile.mkdtemp(prefix="park-ioc-live-"))
    stack = None
    try:
        devices, cookie, redis_pid, redis_version = prepare(args, workdir)
        from _procstats import Tracker
        from _stack import Stack, connect

        stack = Stack(args.database_url, workdir)
        step("starting mosquitto, the MQTT bridge and daphne (channel layer: Redis)")
        stack.start()
        stack.wait_subscribed(devices.pop())
        poller = connect(args.database_url, "bench-poller")
        database = urlparse(args.database_url).path.lstrip("/")
        results = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "command": sys.argv,
                   "database": database, "redis": args.redis_url, "redis_version": redis_version,
                   "devices": len(devices), "rate": args.rate, "seconds": args.seconds, "runs": []}  # fmt: skip
        for per_message in shapes:
            for clients in counts:
                name = f"{'single' if per_message == 1 else f'{per_message}/msg'} ×{clients}"
                step(f"run {name}")
                run = live_run(
                    args, stack, Tracker(database, poller), devices, cookie, redis_pid, clients, per_message
                )
                results["runs"].append({"name": name, **run})
                time.sleep(1)
        poller.close()
        results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        print("\n" + summary(results))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    except KeyboardInterrupt:
        print("interrupted; stopping what the bench started", file=sys.stderr)
        return 130
    finally:
        stop_children()
        if stack:
            stack.stop()
        if args.keep_workdir:
            print(f"logs and broker files kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
