"""Device events over MQTT (`ioc/v1/devices/<serial>/events`) through the real Mosquitto and the bridge
process: stored once, refusals logged, another device's topic closed, database outages retried."""

import json
import time
import uuid

import paho.mqtt.client as mqtt
import pytest
from django.db import connection, connections

from ioc.telemetry.bridge import Bridge
from ioc.telemetry.broker import SIMULATOR, reload_broker, service_password, write_broker_files
from ioc.telemetry.models import DeviceEvent, Rejection
from tests.conftest import epoch_ms
from tests.evidence.helpers import camera, jpeg, jpeg_b64
from tests.telemetry.test_bridge import BridgeProcess

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the bridge process needs a shared database"
    ),
    pytest.mark.timeout(300),
]


def topic(serial: str) -> str:
    return f"ioc/v1/devices/{serial}/events"


@pytest.fixture
def cameras(transactional_db, broker, tmp_path, monkeypatch, settings):
    media = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(media))  # the bridge process keeps images here
    settings.MEDIA_ROOT = media
    pair = [camera(f"CAM-MQ-{uuid.uuid4().hex[:6]}"), camera(f"CAM-MQ-{uuid.uuid4().hex[:6]}")]
    write_broker_files(broker.directory)
    reload_broker(broker.pid_file)
    time.sleep(0.3)
    return pair


@pytest.fixture
def bridge(broker, tmp_path):
    process = BridgeProcess(broker.port, f"bridge-{uuid.uuid4().hex[:6]}", tmp_path / "bridge.log")
    yield process
    process.stop()


def client(port: int, username: str, password: str) -> mqtt.Client:
    publisher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"pub-{uuid.uuid4().hex[:8]}")
    publisher.username_pw_set(username, password)
    publisher.connect("127.0.0.1", port)
    publisher.loop_start()
    return publisher


def send(publisher: mqtt.Client, serial: str, body) -> None:
    payload = body if isinstance(body, bytes) else json.dumps(body)
    publisher.publish(topic(serial), payload, qos=1).wait_for_publish(10)


def wait_for(check, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    return check()


def until_subscribed(publisher, device) -> None:
    """Until the bridge has subscribed the broker drops what is published: probe until one lands."""
    for attempt in range(150):
        send(publisher, device.serial, {"type": "people_count", "id": f"probe-{attempt}", "count": 0})
        if wait_for(lambda: DeviceEvent.objects.filter(device=device).exists(), 0.3):
            return
    pytest.fail("the bridge never subscribed to the events")


def test_events_over_mqtt_are_checked_kept_once_and_refusals_logged(cameras, broker, bridge):
    cam = cameras[0]
    publisher = client(broker.port, cam.serial, cam.token)
    try:
        until_subscribed(publisher, cam)
        batch = [
            {
                "type": "intrusion",
                "id": "m1",
                "ts": epoch_ms(10),
                "object": "person",
                "image": jpeg_b64(96, 64),
            },
            {"type": "people_count", "id": "m2", "count": 7},
            {"type": "loitering", "id": "m3"},
            {"type": "no_such_type", "id": "m4"},
        ]
        send(publisher, cam.serial, batch)
        send(publisher, cam.serial, batch)  # a device resending after a lost acknowledgement
        send(publisher, cam.serial, b"{not json")
        rejected = lambda: Rejection.objects.filter(device=cam, source="mqtt").count() >= 5  # noqa: E731
        assert wait_for(rejected)
        time.sleep(0.5)  # anything still arriving would show up now
        kept = DeviceEvent.objects.filter(device=cam).exclude(event_id__startswith="probe-")
        assert sorted(kept.values_list("event_id", "source")) == [("m1", "mqtt"), ("m2", "mqtt")]
        assert kept.get(event_id="m1").image.file.read() == jpeg(96, 64)
        reasons = sorted(Rejection.objects.filter(device=cam, source="mqtt").values_list("reason", "name"))
        assert reasons == [
            ("event_invalid", "duration_s"), ("event_invalid", "duration_s"), ("malformed_json", ""),
            ("unknown_event_type", "type"), ("unknown_event_type", "type"),
        ]  # fmt: skip
    finally:
        publisher.loop_stop()
        publisher.disconnect()


def test_a_device_cannot_publish_another_devices_events_and_unknown_serials_are_logged(
    cameras, broker, bridge
):
    own, other = cameras
    publisher = client(broker.port, own.serial, own.token)
    simulator = client(broker.port, SIMULATOR, service_password(SIMULATOR))
    try:
        until_subscribed(publisher, own)
        send(publisher, other.serial, {"type": "intrusion", "id": "forged", "object": "person"})
        send(simulator, "NO-SUCH-CAM", {"type": "intrusion", "id": "ghost"})
        send(publisher, own.serial, {"type": "intrusion", "id": "control", "object": "person"})
        assert wait_for(lambda: DeviceEvent.objects.filter(device=own, event_id="control").exists())
        assert wait_for(lambda: Rejection.objects.filter(reason="unknown_device").exists())
        time.sleep(1)
        assert not DeviceEvent.objects.filter(device=other).exists()
        assert not DeviceEvent.objects.filter(event_id="forged").exists()
        ghost = Rejection.objects.get(reason="unknown_device")
        assert (ghost.device, ghost.source, ghost.params) == (None, "mqtt", {"serial": "NO-SUCH-CAM"})
        assert "NO-SUCH-CAM" in ghost.message and "ghost" in ghost.item
    finally:
        for c in (publisher, simulator):
            c.loop_stop()
            c.disconnect()


class RecordingBridge(Bridge):
    """The bridge's storing half, without a broker: acknowledgements are recorded, with what was
    committed at the moment each was sent."""

    def __init__(self):
        super().__init__("mqtt://127.0.0.1:1")
        self.acked = []

    def _ack(self, received_messages):
        for _received, message in received_messages:
            self.acked.append((message.mid, DeviceEvent.objects.filter(event_id="outage").exists()))


def message(mid: int, serial: str, body: dict) -> mqtt.MQTTMessage:
    msg = mqtt.MQTTMessage(mid=mid, topic=topic(serial).encode())
    msg.payload, msg.qos = json.dumps(body).encode(), 1
    return msg


def drop_the_database_connection() -> None:
    """The database goes away under the bridge: its server process is ended from another session."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()


def test_a_database_outage_is_retried_and_acknowledged_only_after_the_commit(transactional_db, caplog):
    cam = camera("CAM-OUTAGE")
    bridge = RecordingBridge()
    drop_the_database_connection()
    bridge._store(
        [(time.time(), message(41, cam.serial, {"type": "people_count", "id": "outage", "count": 3}))]
    )
    assert bridge.acked == [(41, True)]
    assert "storing a batch failed; retrying in 1 s" in caplog.text
    assert DeviceEvent.objects.filter(device=cam, event_id="outage").count() == 1


def test_a_bridge_stopping_during_an_outage_acknowledges_nothing(transactional_db):
    cam = camera("CAM-OUTAGE")
    bridge = RecordingBridge()
    drop_the_database_connection()
    bridge.stop()
    bridge._store(
        [(time.time(), message(42, cam.serial, {"type": "people_count", "id": "outage", "count": 3}))]
    )
    assert bridge.acked == []  # the broker keeps the message and sends it again to the next bridge
    assert not DeviceEvent.objects.filter(event_id="outage").exists()
