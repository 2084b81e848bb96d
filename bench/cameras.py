"""Camera frames benchmark: N simulated snapshot cameras grabbed by the real Celery processes (not a test).

    .venv/bin/python bench/cameras.py --json /tmp/cameras.json     # 50 cameras every 5 s, 4 minutes
    .venv/bin/python bench/cameras.py --cameras 10 --seconds 40    # a quick one

A threaded HTTP server in this process plays the cameras (1920×1080 JPEGs of a vehicle crossing the
view, each camera at its own point of the clip). The product runs as in production: `celery beat`, the
default worker (which runs the dispatcher every second) and the frames worker (`-Q security.frames -P
threads`), against the bench's own PostgreSQL database and Redis database (flushed at start). Half
the cameras count vehicles across a line, half watch a restricted region at all hours. Halfway through,
one camera stops answering (accepts the connection, never replies). Reports frames analysed per
second, lag per camera (scheduled slot → frame analysed and recorded), CPU and memory per process, and
when the silent camera was marked offline. See bench/README.md, "Camera frames".
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from _cli import step, stop_on_signals
from _stats import percentiles

ROOT = Path(__file__).resolve().parents[1]
PROCESSES: dict[str, subprocess.Popen] = {}
CLIP_FRAMES, LEAD_IN = 12, 4  # per camera: 4 empty frames, then a vehicle across the view in 12


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--database-url", default="postgres://postgres@127.0.0.1:5432/park_ioc_bench_cameras")
    add("--redis-url", default="redis://127.0.0.1:6379/13", help="flushed at start: give it its own db")
    add("--cameras", type=int, default=50)
    add("--interval", type=int, default=5, help="each camera's grab interval, s")
    add("--seconds", type=float, default=240, help="measured time (after a warm-up of 2 intervals)")
    add("--stop-at", type=float, help="when one camera stops answering, s into the run (default: half)")
    add("--width", type=int, default=1920)
    add("--height", type=int, default=1080)
    add("--threads", type=int, default=16, help="the frames worker's thread pool")
    add("--json", type=Path, help="also write the results here")
    add("--keep-workdir", action="store_true", help="keep the processes' logs")
    return parser.parse_args(argv)


class Cameras(ThreadingHTTPServer):
    """/<n>.jpg serves camera n's frame for the current time; a silent camera answers nothing."""

    daemon_threads = True

    def __init__(self, frames: list[bytes], interval: int):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.frames, self.interval = frames, interval
        self.silent: set[int] = set()
        self.released = threading.Event()
        self.served = 0

    def frame_for(self, camera: int) -> bytes:
        turn = int(time.time() // self.interval) + camera * 5  # cameras at different points of the clip
        return self.frames[turn % len(self.frames)]


class _Handler(BaseHTTPRequestHandler):
    server: Cameras

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        camera = int(self.path.strip("/").split(".")[0])
        if camera in self.server.silent:
            self.server.released.wait(600)
            return
        body = self.server.frame_for(camera)
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.served += 1


def prepare(args, workdir: Path):
    """The bench database and Redis, the cameras, the frames they serve."""
    import django
    import redis
    from _stack import PROTECTED_DATABASES, ensure_database, with_app_name

    database = urlparse(args.database_url).path.lstrip("/")
    if database in PROTECTED_DATABASES or not database:
        raise SystemExit(f"refusing to benchmark in database {database!r}: give the bench its own")
    if (db := int(urlparse(args.redis_url).path.lstrip("/") or 0)) in (0, 15):
        raise SystemExit(f"refusing Redis db {db} (0: the default, 15: the tests'); give the bench its own")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="ioc.settings", DATABASE_URL=with_app_name(args.database_url, "bench-main"),
        REDIS_URL=args.redis_url, MEDIA_ROOT=str(workdir / "media"), IOC_VAR_DIR=str(workdir / "var"),
        SECURE_SSL_REDIRECT="0", DEBUG="0", LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )  # fmt: skip
    os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    os.environ.pop("MQTT_URL", None)
    server = redis.Redis.from_url(args.redis_url)
    server.flushdb()
    redis_pid = server.info("server")["process_id"]
    ensure_database(args.database_url)
    django.setup()
    from django.core.management import call_command

    step("migrating the bench database")
    call_command("migrate", verbosity=0, interactive=False)
    step(f"drawing the clip at {args.width}×{args.height}")
    from security.analytics import synthetic

    clip = synthetic.moving_object_clip(
        (0.5, -0.15), (0.5, 1.15), frames=CLIP_FRAMES, lead_in=LEAD_IN, size=(0.12, 0.2),
        width=args.width, height=args.height, seed=3,
    )  # fmt: skip
    return [synthetic.encode_jpeg(frame) for frame in clip], redis_pid


def make_cameras(args, port: int) -> list[int]:
    """BENCH-CAM-000…: even ones count vehicles on a road, odd ones watch a fence at all hours."""
    from datetime import time as clock

    from ioc.alerts.models import Alarm
    from ioc.evidence.models import Image
    from ioc.park.models import Device
    from ioc.telemetry.models import DeviceEvent
    from security.models import Camera

    serials = [f"BENCH-CAM-{n:03d}" for n in range(args.cameras)]
    Device.objects.filter(serial__startswith="BENCH-CAM-").exclude(serial__in=serials).delete()
    for model in (DeviceEvent, Alarm, Image):
        model.objects.filter(device__serial__in=serials).delete()
    ids = []
    for n, serial in enumerate(serials):
        device, _created = Device.objects.get_or_create(
            serial=serial, defaults={"name": f"Bench camera {n}", "kind": "camera",
                                     "location": {"type": "Point", "coordinates": [106.28, 20.93]}},
        )  # fmt: skip
        road = n % 2 == 0
        values = {
            "purpose": "road" if road else "perimeter", "snapshot_url": f"http://127.0.0.1:{port}/{n}.jpg",
            "analysis_enabled": True, "grab_interval": args.interval, "detect_people": not road,
            "counting_line": [[0, 0.5], [1, 0.5]] if road else None,
            "regions": [{"name": "fence", "points": [[0, 0], [1, 0], [1, 0.6], [0, 0.6]], "restricted": not road}],
            "restricted_from": clock(0, 0), "restricted_until": clock(0, 0), "online": False,
            "last_frame_at": None, "frame_rate": None, "failures_in_row": 0, "last_error": "", "latest_snapshot": None,
        }  # fmt: skip
        camera, _created = Camera.objects.update_or_create(device=device, defaults=values)
        ids.append(camera.pk)
    return ids


def spawn(name: str, args: list[str], workdir: Path, app: str) -> None:
    from _stack import with_app_name

    env = {**os.environ, "DATABASE_URL": with_app_name(os.environ["BENCH_DATABASE_URL"], app)}
    log = (workdir / f"{name}.log").open("ab")
    PROCESSES[name] = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def start_stack(args, workdir: Path) -> None:
    celery = [sys.executable, "-m", "celery", "-A", "ioc"]
    spawn("worker", [*celery, "worker", "-c", "2", "-n", "bench-worker@%h", "--loglevel", "WARNING"], workdir,
          "bench-worker")  # fmt: skip
    spawn("frames", [*celery, "worker", "-Q", "security.frames", "-P", "threads", "-c", str(args.threads),
                     "-n", "bench-frames@%h", "--loglevel", "WARNING"], workdir, "bench-frames")  # fmt: skip
    spawn("beat", [*celery, "beat", "--schedule", str(workdir / "beat-schedule"), "--loglevel", "WARNING"],
          workdir, "bench-beat")  # fmt: skip


def stop_stack() -> None:
    for process in PROCESSES.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for name, process in PROCESSES.items():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            print(f"  {name} did not stop on SIGTERM; killing it", file=sys.stderr)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
    PROCESSES.clear()


def check_alive(workdir: Path) -> None:
    dead = [name for name, p in PROCESSES.items() if p.poll() is not None]
    if dead:
        raise RuntimeError(f"{', '.join(dead)} stopped; see the logs in {workdir}")


def track_processes(tracker, redis_pid) -> None:
    """After tracker.start(): the stack's processes (and the prefork pool), counted from now."""
    import psutil

    pids = [(name, p.pid) for name, p in PROCESSES.items()] + ([("redis", redis_pid)] if redis_pid else [])
    for name, process in PROCESSES.items():
        pids += [(name, child.pid) for child in psutil.Process(process.pid).children(recursive=True)]
    for name, pid in pids:
        tracker.add(name, pid)
        tracker.cpu0[pid] = tracker.cpu1.get(pid, 0.0)  # add() mid-phase would count from the process's start


def measure(args, ids: list[int], cameras: Cameras, tracker, workdir: Path) -> dict:
    """Poll the jobs' timing records and the silent camera's health for the measured time."""
    from django.core.cache import cache

    from security.frame_jobs import _key
    from security.models import Camera

    silent_id, stop_at = ids[-1], args.stop_at if args.stop_at is not None else args.seconds / 2
    records: dict[tuple[int, float], dict] = {}
    began, stopped_at, offline_at, last_good_silent = time.time(), None, None, None
    while (now := time.time()) < began + args.seconds:
        check_alive(workdir)
        if stopped_at is None and now >= began + stop_at:
            cameras.silent.add(len(ids) - 1)
            stopped_at = now
            step(f"camera {len(ids) - 1} stops answering")
        for record in cache.get_many([_key(i, "timing") for i in ids]).values():
            if record["scheduled"] >= began:
                records[(record["camera"], record["scheduled"])] = record
        if stopped_at and offline_at is None and not Camera.objects.get(pk=silent_id).online:
            offline_at = time.time()
            step(f"camera {len(ids) - 1} marked offline {offline_at - stopped_at:.1f} s after it went silent")
        tracker.sample()
        time.sleep(0.5)
    good = [r for r in records.values() if not r["error"]]
    silent_good = [r["grabbed"] for r in good if r["camera"] == silent_id]
    last_good_silent = max(silent_good) if silent_good else None
    others = [r for r in good if r["camera"] != silent_id]
    lag = lambda rs: [r["done"] - r["scheduled"] for r in rs]  # noqa: E731
    during = [r for r in others if stopped_at and r["scheduled"] >= stopped_at]
    before = [r for r in others if not stopped_at or r["scheduled"] < stopped_at]
    per_camera = {}
    for r in others:
        per_camera.setdefault(r["camera"], []).append(r["done"] - r["scheduled"])
    missed = 0
    for camera in {r["camera"] for r in others}:  # the turns between its first and last recorded ones
        slots = sorted(r["scheduled"] for r in records.values() if r["camera"] == camera)
        missed += round((slots[-1] - slots[0]) / args.interval) + 1 - len(slots)
    return {
        "frames_analysed": len(good),
        "frames_per_s": round(len(good) / args.seconds, 2),
        "expected_per_s": round(len(ids) / args.interval, 2),
        "failed_grabs": len(records) - len(good),
        "turns_missed_by_others": missed,
        "lag_s": percentiles(lag(others)),
        "lag_before_silence_s": percentiles(lag(before)),
        "lag_during_silence_s": percentiles(lag(during)),
        "per_camera_p95_s": percentiles([percentiles(v)["p95"] for v in per_camera.values()]),
        "per_camera_max_s": percentiles([max(v) for v in per_camera.values()]),
        "dispatch_delay_s": percentiles([r["started"] - r["scheduled"] for r in others]),
        "grab_s": percentiles([r["grabbed"] - r["started"] for r in others]),
        "analyse_and_record_s": percentiles([r["done"] - r["grabbed"] for r in others]),
        "silent": {
            "camera": len(ids) - 1,
            "stopped_after_s": round(stopped_at - began, 1) if stopped_at else None,
            "last_good_frame_before_stop_s": round(stopped_at - last_good_silent, 1)
            if last_good_silent
            else None,
            "offline_after_stop_s": round(offline_at - stopped_at, 1) if offline_at else None,
            "offline_after_last_good_frame_s": round(offline_at - last_good_silent, 1)
            if offline_at and last_good_silent
            else None,
            "limit_s": 3 * args.interval,
        },  # fmt: skip
    }


def totals(ids: list[int]) -> dict:
    from django.db.models import Count

    from ioc.evidence.models import Image
    from ioc.telemetry.models import DeviceEvent
    from security.models import Camera

    cameras = Camera.objects.filter(pk__in=ids)
    events = DeviceEvent.objects.filter(device__camera__in=cameras).values("kind").annotate(n=Count("id"))
    images = Image.objects.filter(device__camera__in=cameras).values("purpose").annotate(n=Count("id"))
    return {
        "events": {e["kind"]: e["n"] for e in events},
        "images": {i["purpose"]: i["n"] for i in images},
        "online": cameras.filter(online=True).count(),
        "frame_rate_per_min": percentiles([c.frame_rate for c in cameras if c.frame_rate]),
    }


def summary(results: dict) -> str:
    m = results["measured"]

    def line(name: str, p: dict) -> str:
        cells = "".join(f"{'-' if p[k] is None else p[k]:>8}" for k in ("p50", "p95", "max"))
        return f"  {name:<34}{cells}{p['n']:>7}"

    s = m["silent"]
    lines = [
        f"Park IOC camera frames benchmark, {results['started']}: {results['cameras']} cameras every "
        f"{results['interval']} s, {results['width']}×{results['height']} JPEG ({results['jpeg_kb']} KB), "
        f"{results['seconds']:.0f} s measured",
        f"frames analysed: {m['frames_analysed']} = {m['frames_per_s']}/s (expected {m['expected_per_s']}/s); "
        f"failed grabs {m['failed_grabs']} (the silent camera's); turns missed by the others "
        f"{m['turns_missed_by_others']}",
        f"  {'seconds':<34}{'p50':>8}{'p95':>8}{'max':>8}{'n':>7}",
        line("lag, scheduled → recorded", m["lag_s"]),
        line("  before the silence", m["lag_before_silence_s"]),
        line("  while one camera was silent", m["lag_during_silence_s"]),
        line("per camera: its p95 lag", m["per_camera_p95_s"]),
        line("per camera: its max lag", m["per_camera_max_s"]),
        line("dispatch (slot → job starts)", m["dispatch_delay_s"]),
        line("grab (HTTP)", m["grab_s"]),
        line("analyse and record", m["analyse_and_record_s"]),
        f"silent camera {s['camera']}: stopped at +{s['stopped_after_s']} s, its last good frame "
        f"{s['last_good_frame_before_stop_s']} s before; offline {s['offline_after_stop_s']} s after it stopped = "
        f"{s['offline_after_last_good_frame_s']} s after its last frame (limit: 3 intervals = {s['limit_s']} s)",
        f"events {results['totals']['events']}; images kept {results['totals']['images']}; "
        f"online at the end {results['totals']['online']}/{results['cameras']}",
        "",
        f"  {'process':<26}{'n':>4}{'CPU s':>8}{'cores':>7}{'peak MB':>9}",
    ]
    for name, p in results["processes"].items():
        if p["cpu_s"] >= 0.05 or name.startswith(("frames", "machine")):
            lines.append(
                f"  {name:<26}{p['processes']:>4}{p['cpu_s']:>8}{p['cores']:>7}{p['peak_rss_mb']:>9}"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    stop_on_signals()
    workdir = Path(tempfile.mkdtemp(prefix="park-ioc-cameras-"))
    os.environ["BENCH_DATABASE_URL"] = args.database_url
    cameras = None
    try:
        frames, redis_pid = prepare(args, workdir)
        cameras = Cameras(frames, args.interval)
        threading.Thread(target=cameras.serve_forever, daemon=True).start()
        ids = make_cameras(args, cameras.server_address[1])
        from _procstats import Tracker
        from _stack import connect

        step(
            f"starting beat, the worker and the frames worker ({args.threads} threads); {args.cameras} cameras"
        )
        start_stack(args, workdir)
        warmup = 2 * args.interval + 5
        time.sleep(warmup)  # processes up, every camera's first frames (MOG2 warm-up runs on)
        check_alive(workdir)
        poller = connect(args.database_url, "bench-poller")
        tracker = Tracker(urlparse(args.database_url).path.lstrip("/"), poller)
        tracker.start({"bench (cameras + poller)": os.getpid()})
        track_processes(tracker, redis_pid)
        step(f"measuring for {args.seconds:.0f} s")
        measured = measure(args, ids, cameras, tracker, workdir)
        processes = tracker.stop()
        results = {
            "started": datetime.now(UTC).isoformat(timespec="seconds"), "command": sys.argv,
            "cameras": args.cameras, "interval": args.interval, "seconds": args.seconds, "width": args.width,
            "height": args.height, "jpeg_kb": round(statistics.mean(map(len, frames)) / 1024),
            "threads": args.threads, "cpus": os.cpu_count(), "measured": measured, "totals": totals(ids),
            "processes": processes,
        }  # fmt: skip
        poller.close()
        print("\n" + summary(results))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    except KeyboardInterrupt:
        print("interrupted; stopping what the bench started", file=sys.stderr)
        return 130
    finally:
        if cameras:
            cameras.released.set()
            cameras.shutdown()
        stop_stack()
        if args.keep_workdir:
            print(f"logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
