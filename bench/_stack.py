"""The bench's own stack: a PostgreSQL database, bench devices, Mosquitto, the MQTT bridge and daphne.

Everything runs as in production (`manage.py mqtt_bridge`, `daphne ioc.asgi:application`, the
project's Mosquitto config) but on free ports, in a temporary directory, against the bench database.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

import paho.mqtt.client as mqtt
import psycopg2

ROOT = Path(__file__).resolve().parents[1]
MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
PROTECTED_DATABASES = {"park_ioc", "test_park_ioc", "postgres", "template0", "template1"}
CHANNELS_PER_DEVICE = 20
METRIC, UNIT = "power", "kW"


def with_app_name(url: str, name: str) -> str:
    """`url` with `?application_name=name`, so pg_stat_activity tells the bench's connections apart."""
    return urlunparse(urlparse(url)._replace(query=urlencode({"application_name": name})))


def dsn(url: str, app: str) -> dict:
    parsed = urlparse(url)
    return {
        "host": parsed.hostname or "127.0.0.1", "port": parsed.port or 5432, "user": parsed.username,
        "password": parsed.password, "dbname": parsed.path.lstrip("/"), "application_name": app,
    }  # fmt: skip


def connect(url: str, app: str):
    connection = psycopg2.connect(**dsn(url, app))
    connection.autocommit = True
    return connection


def configure_environment(database_url: str, workdir: Path) -> None:
    """Before django.setup(): the bench database, no Redis, plain HTTP, broker files in `workdir`."""
    name = urlparse(database_url).path.lstrip("/")
    if name in PROTECTED_DATABASES or not name:
        raise SystemExit(f"refusing to benchmark in database {name!r}: give the bench its own")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ioc.settings"
    os.environ["DATABASE_URL"] = with_app_name(database_url, "bench-main")
    os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    os.environ.update(
        SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", DEBUG="0",
        MQTT_AUTH_DIR=str(workdir / "broker"), MQTT_PID_FILE=str(workdir / "broker" / "mosquitto.pid"),
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )  # fmt: skip
    for name in ("REDIS_URL", "MQTT_URL"):
        os.environ.pop(name, None)


def ensure_database(database_url: str) -> bool:
    """Create the bench database if it is missing; True when it was created."""
    name = urlparse(database_url).path.lstrip("/")
    server = psycopg2.connect(**{**dsn(database_url, "bench-setup"), "dbname": "postgres"})
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone():
                return False
            cursor.execute(f'CREATE DATABASE "{name}"')
            return True
    finally:
        server.close()


@dataclass
class BenchDevice:
    id: int
    serial: str
    token: str
    channel_ids: list[int]
    names: list[str] = field(default_factory=lambda: [f"c{i:02d}" for i in range(CHANNELS_PER_DEVICE)])


def ensure_devices(prefix: str, count: int) -> list[BenchDevice]:
    """`count` energy meters named `<prefix>NNN` with 20 power channels each, and fresh tokens."""
    from django.db import transaction

    from ioc.park.choices import DeviceKind
    from ioc.park.models import Channel, Device

    serials = [f"{prefix}{i:03d}" for i in range(count)]
    with transaction.atomic():
        existing = set(Device.objects.filter(serial__in=serials).values_list("serial", flat=True))
        Device.objects.bulk_create(
            Device(serial=s, name=f"Bench meter {s}", kind=DeviceKind.ENERGY_METER,
                   location={"type": "Point", "coordinates": [106.28, 20.93]})
            for s in serials if s not in existing
        )  # fmt: skip
        devices = list(Device.objects.filter(serial__in=serials).order_by("serial"))
        have = set(Channel.objects.filter(device__in=devices).values_list("device_id", "source_name"))
        Channel.objects.bulk_create(
            Channel(device=d, metric=METRIC, source_name=f"c{i:02d}", unit=UNIT)
            for d in devices for i in range(CHANNELS_PER_DEVICE) if (d.pk, f"c{i:02d}") not in have
        )  # fmt: skip
        result = []
        for device in devices:
            token = device.rotate_token()
            ids = dict(device.channels.values_list("source_name", "pk"))
            result.append(
                BenchDevice(
                    device.pk, device.serial, token, [ids[f"c{i:02d}"] for i in range(CHANNELS_PER_DEVICE)]
                )
            )
    return result


def bench_admin():
    from ioc.park.choices import Role
    from ioc.park.models import User

    user, _created = User.objects.get_or_create(username="bench-admin", defaults={"role": Role.ADMIN})
    return user


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(port: int, process: subprocess.Popen, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start listening on {port}")
        time.sleep(0.05)


class Stack:
    """Mosquitto + bridge + daphne, started in `workdir` and stopped (whatever happens) by `stop()`."""

    def __init__(self, database_url: str, workdir: Path, bridge_args: list[str] | None = None):
        self.database_url, self.workdir = database_url, workdir
        self.bridge_args = bridge_args or []
        self.processes: dict[str, subprocess.Popen] = {}
        self.mqtt_port = self.http_port = 0

    def _spawn(self, name: str, args: list[str], env: dict | None = None) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("ab")
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name] = process
        return process

    def _env(self, app: str) -> dict:
        return {**os.environ, "DATABASE_URL": with_app_name(self.database_url, app)}

    def start(self) -> None:
        from ioc.telemetry.broker import local_broker_config, write_broker_files

        broker_dir = self.workdir / "broker"
        (broker_dir / "data").mkdir(parents=True, exist_ok=True)
        self.mqtt_port = free_port()
        (broker_dir / "mosquitto.conf").write_text(local_broker_config(broker_dir, self.mqtt_port))
        write_broker_files(broker_dir)
        broker = self._spawn("mosquitto", [MOSQUITTO, "-c", str(broker_dir / "mosquitto.conf")])
        wait_listening(self.mqtt_port, broker, "mosquitto")
        self._spawn(
            "bridge",
            [sys.executable, "manage.py", "mqtt_bridge", "--url", f"mqtt://127.0.0.1:{self.mqtt_port}",
             "--client-id", "bench-bridge", *self.bridge_args],
            self._env("bench-bridge"),
        )  # fmt: skip
        self.http_port = free_port()
        daphne = self._spawn(
            "daphne",
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.http_port),
                "ioc.asgi:application",
            ],
            self._env("bench-daphne"),
        )
        wait_listening(self.http_port, daphne, "daphne")

    def check_alive(self) -> None:
        dead = [name for name, p in self.processes.items() if p.poll() is not None]
        if dead:
            raise RuntimeError(f"{', '.join(dead)} stopped; see the logs in {self.workdir}")

    def wait_subscribed(self, probe: BenchDevice, seconds: float = 60) -> None:
        """The broker drops what is published before the bridge subscribes: probe until one lands."""
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"bench-probe-{os.getpid()}")
        client.username_pw_set(probe.serial, probe.token)
        client.connect("127.0.0.1", self.mqtt_port)
        client.loop_start()
        db = connect(self.database_url, "bench-main")
        try:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                self.check_alive()
                sent = int(time.time() * 1000)
                client.publish(
                    f"ioc/v1/devices/{probe.serial}/telemetry",
                    f'{{"ts": {sent}, "values": {{"c00": 1}}}}',
                    qos=1,
                ).wait_for_publish(10)
                for _ in range(10):
                    time.sleep(0.1)
                    with db.cursor() as cursor:
                        cursor.execute(
                            "SELECT 1 FROM telemetry_latestvalue WHERE channel_id = %s"
                            " AND ts >= to_timestamp(%s / 1000.0)",
                            [probe.channel_ids[0], sent],
                        )
                        if cursor.fetchone():
                            return
            raise RuntimeError("the bridge never subscribed")
        finally:
            db.close()
            client.loop_stop()
            client.disconnect()

    def pids(self) -> dict[str, int]:
        return {name: p.pid for name, p in self.processes.items() if p.poll() is None}

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                print(f"  {name} did not stop on SIGTERM; killing it", file=sys.stderr)
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        self.processes.clear()
