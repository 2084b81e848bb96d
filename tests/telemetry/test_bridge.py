"""The MQTT bridge with a real Mosquitto and a real PostgreSQL: killed mid-stream, it loses nothing.

The bridge runs as its own process (as in production) against the test database, so these tests
need PostgreSQL; the readings must be committed for it to see the devices (transactional_db).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from django.conf import settings
from django.db import connection

from ioc.park.choices import DeviceKind
from ioc.park.models import Channel, Device
from ioc.telemetry.broker import reload_broker, write_broker_files
from ioc.telemetry.models import AuthFailure, Reading
from tests.conftest import point

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the bridge process needs a shared database"
    ),
    pytest.mark.timeout(300),
]


@pytest.fixture
def device(transactional_db, broker):
    device = Device.objects.create(
        serial=f"BRIDGE-{uuid.uuid4().hex[:8]}", name="Bridge test meter", kind=DeviceKind.ENERGY_METER,
        location=point(106.28, 20.93),
    )  # fmt: skip
    Channel.objects.create(device=device, metric="power", source_name="kw", unit="kW")
    device.token = device.rotate_token()
    write_broker_files(broker.directory)
    reload_broker(broker.pid_file)
    time.sleep(0.3)
    return device


class BridgeProcess:
    def __init__(self, port: int, client_id: str, log: Path):
        database = connection.settings_dict
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "SECRET_KEY": settings.SECRET_KEY,
        }
        env.pop("REDIS_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "mqtt_bridge", "--url", f"mqtt://127.0.0.1:{port}",
             "--client-id", client_id],
            cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)


def publisher(port: int, device: Device) -> mqtt.Client:
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"pub-{device.serial}")
    client.username_pw_set(device.serial, device.token)
    client.max_inflight_messages_set(1000)
    client.connect("127.0.0.1", port)
    client.loop_start()
    return client


def publish(client: mqtt.Client, serial: str, start_ms: int, count: int) -> None:
    infos = [
        client.publish(
            f"ioc/v1/devices/{serial}/telemetry",
            f'{{"ts": {start_ms + i * 1000}, "values": {{"kw": {i}}}}}',
            qos=1,
        )
        for i in range(count)
    ]
    for info in infos:
        info.wait_for_publish(30)  # the broker has the message: from here on it must not be lost


def stored(device: Device, since_ms: int) -> int:
    from datetime import UTC, datetime

    since = datetime.fromtimestamp(since_ms / 1000, UTC)
    return Reading.objects.filter(channel__device=device, ts__gte=since).count()


def wait_until_subscribed(client, device: Device, before_ms: int) -> None:
    """Until the bridge has subscribed, the broker drops what is published: probe until one lands."""
    for attempt in range(100):
        publish(client, device.serial, before_ms - 10_000_000 + attempt * 1000, 1)
        if wait_for_rows(device, 1, 0.3, before_ms - 10_000_000):
            return
    pytest.fail("the bridge never subscribed")


def wait_for_rows(device: Device, expected: int, seconds: float, since_ms: int) -> int:
    deadline = time.monotonic() + seconds
    count = 0
    while time.monotonic() < deadline:
        count = stored(device, since_ms)
        if count >= expected:
            return count
        time.sleep(0.1)
    return count


def test_killing_the_bridge_mid_stream_loses_and_doubles_nothing(device, broker, tmp_path):
    log = tmp_path / "bridge.log"
    client_id = f"bridge-{uuid.uuid4().hex[:6]}"
    start_ms = int((time.time() - 3600) * 1000)
    bridge = BridgeProcess(broker.port, client_id, log)
    client = publisher(broker.port, device)
    try:
        wait_until_subscribed(client, device, start_ms)
        total = 0
        for _round in range(3):
            publish(client, device.serial, start_ms + total * 1000, 700)
            wait_for_rows(device, total + 1, 10, start_ms)  # the bridge is at work on this round
            total += 700
            bridge.kill()  # mid-stream: some of these are stored, some only received, some still queued
            publish(client, device.serial, start_ms + total * 1000, 300)  # sent while no bridge runs
            total += 300
            bridge = BridgeProcess(broker.port, client_id, log)
        assert wait_for_rows(device, total, 60, start_ms) == total
        time.sleep(1)  # redeliveries after the last restart must not add anything
        assert stored(device, start_ms) == total
    finally:
        client.loop_stop()
        client.disconnect()
        bridge.stop()


def test_the_bridge_counts_refused_logins_from_the_broker_log(transactional_db, broker, tmp_path):
    bridge = BridgeProcess(broker.port, f"bridge-{uuid.uuid4().hex[:6]}", tmp_path / "bridge.log")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not AuthFailure.objects.filter(source="mqtt").exists():
            intruder = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="intruder")
            intruder.username_pw_set("NOT-A-DEVICE", "guess")
            intruder.connect("127.0.0.1", broker.port)
            intruder.loop(timeout=0.5)
            intruder.disconnect()
            time.sleep(0.5)
        failure = AuthFailure.objects.get(source="mqtt")
        assert failure.identity == "127.0.0.1" and failure.count >= 1
    finally:
        bridge.stop()
