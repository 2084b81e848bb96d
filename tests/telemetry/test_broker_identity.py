"""Mosquitto holds devices to their identity: serial and token to connect, their own topic to publish.

The broker tests start the real Mosquitto with the config `make mqtt` renders, on a free port.
"""

import base64
import hashlib
import queue
import time
import uuid
from pathlib import Path

import pytest
from django.db.models.signals import post_save

from ioc.park.choices import Role
from ioc.telemetry import broker_sync
from ioc.telemetry.broker import (
    BRIDGE,
    compose_broker_config,
    reload_broker,
    render_password_file,
    service_password,
    write_broker_files,
)
from tests.conftest import point

mqtt = pytest.importorskip("paho.mqtt.client")
REPOSITORY = Path(__file__).resolve().parents[2]


def topic(serial: str) -> str:
    return f"ioc/v1/devices/{serial}/telemetry"


@pytest.fixture
def connect(broker):
    """connect(username, password) -> (client, reason code); a client that got in runs its loop."""
    clients = []

    def connect(username, password, *, on_message=None):
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=f"test-{uuid.uuid4().hex[:8]}",
            reconnect_on_failure=False,
        )
        client.disconnected = queue.Queue()
        client.on_disconnect = lambda c, userdata, flags, rc, properties: c.disconnected.put(rc)
        client.on_message = on_message
        if username is not None:
            client.username_pw_set(username, password)
        answer = queue.Queue()
        client.on_connect = lambda c, userdata, flags, rc, properties: answer.put(rc)
        client.connect("127.0.0.1", broker.port, keepalive=30)
        client.local_port = client.socket().getsockname()[1]
        deadline = time.monotonic() + 5
        while answer.empty() and time.monotonic() < deadline:
            client.loop(0.05)
        rc = answer.get_nowait()
        if not rc.is_failure:
            client.loop_start()
            clients.append(client)
        return client, rc

    yield connect
    for client in clients:
        client.disconnect()
        client.loop_stop()


def subscriber(connect, username, password, *topics):
    """A connected client subscribed to `topics`, with `received`: a queue of (topic, payload)."""
    received = queue.Queue()
    client, rc = connect(
        username, password, on_message=lambda c, u, msg: received.put((msg.topic, msg.payload))
    )
    assert not rc.is_failure, rc
    subscribed = queue.Queue()
    client.on_subscribe = lambda c, userdata, mid, codes, properties: subscribed.put(codes)
    client.subscribe([(t, 1) for t in topics])
    subscribed.get(timeout=5)
    client.received = received
    return client


def expect(received, wanted, timeout=5.0):
    """The messages seen until one satisfies `wanted`, that one last; fails after `timeout` seconds."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.append(received.get(timeout=deadline - time.monotonic()))
        except queue.Empty:
            break
        if wanted(*seen[-1]):
            return seen
    raise AssertionError(f"nothing wanted arrived; saw {seen}")


@pytest.fixture
def bridge(connect):
    return subscriber(
        connect, BRIDGE, service_password(BRIDGE), "ioc/v1/devices/+/telemetry", "$SYS/broker/log/#"
    )


@pytest.fixture
def sync(broker, bridge):
    """Rewrite the files, SIGHUP the broker and wait until it says it reloaded."""

    def sync():
        write_broker_files(broker.directory)
        assert reload_broker(broker.pid_file)
        expect(bridge.received, lambda t, payload: b"Reloading config." in payload)

    return sync


@pytest.fixture
def manager(client_for):
    return client_for(Role.PARK_MANAGER)


def new_device(manager, serial: str) -> str:
    """Registers a device as a park manager would; returns its token (the whole answer: manager.created)."""
    payload = {"serial": serial, "name": serial, "kind": "camera", "location": point(106.28, 20.93)}
    response = manager.post("/api/v1/devices/", payload, format="json")
    assert response.status_code == 201, response.json()
    manager.created = response.json()
    return manager.created["access_token"]


def test_a_device_publishes_under_its_own_serial_and_the_bridge_receives_it(manager, bridge, sync, connect):
    token = new_device(manager, "DA-CAM-01")
    sync()
    device, rc = connect("DA-CAM-01", token)
    assert not rc.is_failure, rc
    device.publish(topic("DA-CAM-01"), b'{"people": 3}', qos=1).wait_for_publish(5)
    assert expect(bridge.received, lambda t, payload: t == topic("DA-CAM-01"))[-1][1] == b'{"people": 3}'


def test_a_message_under_another_serial_is_dropped(manager, bridge, sync, connect):
    token = new_device(manager, "DA-CAM-01")
    new_device(manager, "DA-CAM-02")
    sync()
    device, _rc = connect("DA-CAM-01", token)
    device.publish(topic("DA-CAM-02"), b"forged", qos=1).wait_for_publish(5)
    device.publish(topic("DA-CAM-01"), b"control", qos=1).wait_for_publish(5)
    seen = expect(bridge.received, lambda t, payload: payload == b"control")
    time.sleep(1)
    while not bridge.received.empty():
        seen.append(bridge.received.get())
    assert not [message for message in seen if message[1] == b"forged"]


def test_unknown_users_wrong_tokens_retired_devices_and_anonymous_clients_are_refused(manager, sync, connect):
    token = new_device(manager, "DA-CAM-01")
    retired_token = new_device(manager, "DA-CAM-02")
    response = manager.patch(
        f"/api/v1/devices/{manager.created['id']}/", {"status": "retired"}, format="json"
    )
    assert response.status_code == 200, response.json()
    sync()
    for username, password in [("nobody", token), ("DA-CAM-01", "wrong"), ("DA-CAM-02", retired_token)]:
        assert str(connect(username, password)[1]) == "Not authorized", username
    assert str(connect(None, None)[1]) == "Not authorized"


def test_new_credentials_revoke_the_old_token_and_end_its_session(manager, sync, connect):
    old = new_device(manager, "DA-CAM-01")
    sync()
    session, rc = connect("DA-CAM-01", old)
    assert not rc.is_failure
    new = manager.post(f"/api/v1/devices/{manager.created['id']}/credentials/").json()["access_token"]
    sync()
    # Mosquitto 2.0.11 re-checks connected clients at a reload and drops those whose password failed.
    session.disconnected.get(timeout=5)
    assert str(connect("DA-CAM-01", old)[1]) == "Not authorized"
    assert not connect("DA-CAM-01", new)[1].is_failure


def test_a_device_reads_neither_another_devices_topic_nor_the_broker_log(manager, bridge, sync, connect):
    token_a, token_b = new_device(manager, "DA-CAM-01"), new_device(manager, "DA-CAM-02")
    sync()
    # Mosquitto 2.0.11 grants these subscriptions and then never delivers what the ACL forbids.
    spy = subscriber(connect, "DA-CAM-02", token_b, topic("DA-CAM-01"), "ioc/v1/devices/+/#", "#", "$SYS/#")
    device, _rc = connect("DA-CAM-01", token_a)
    device.publish(topic("DA-CAM-01"), b"private", qos=1).wait_for_publish(5)
    expect(bridge.received, lambda t, payload: payload == b"private")
    connect("DA-CAM-01", "wrong")
    time.sleep(1)
    assert spy.received.empty()


def test_a_refused_login_is_logged_where_the_bridge_can_count_it(bridge, connect):
    client, rc = connect("nobody", "wrong")
    assert rc.is_failure
    # 2.0.11 names neither the client id nor the username of a refused client, only its address:
    # "New connection from 127.0.0.1:<port> ..." then "Client <unknown> disconnected, not authorised."
    opened = f"New connection from 127.0.0.1:{client.local_port} ".encode()
    expect(bridge.received, lambda t, payload: t == "$SYS/broker/log/N" and opened in payload)
    refused = b"Client <unknown> disconnected, not authorised."
    expect(bridge.received, lambda t, payload: payload.endswith(refused))


def test_the_password_line_of_a_device_verifies_with_its_token(small_park):
    device, unsafe = small_park["device_a"], small_park["device_b"]
    token = device.issue_token()
    device.save()
    unsafe.serial = "DEV-b/+"
    unsafe.issue_token()
    unsafe.save()
    lines = dict(line.split(":", 1) for line in render_password_file().splitlines()[1:])
    _empty, kind, rounds, salt, digest = lines["DEV-a"].split("$")
    recomputed = hashlib.pbkdf2_hmac("sha512", token.encode(), base64.b64decode(salt), int(rounds))
    assert kind == "7" and base64.b64encode(recomputed).decode() == digest
    assert set(lines) == {"DEV-a", "ioc-bridge", "ioc-simulator"}


def test_an_unchanged_registry_leaves_the_files_alone(small_park, tmp_path):
    device = small_park["device_a"]
    device.issue_token()
    device.save()
    assert write_broker_files(tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in ("passwd", "acl")}
    mtime = (tmp_path / "passwd").stat().st_mtime_ns
    assert not write_broker_files(tmp_path)
    assert before == {name: (tmp_path / name).read_bytes() for name in ("passwd", "acl")}
    status = (tmp_path / "passwd").stat()
    assert status.st_mtime_ns == mtime and status.st_mode & 0o777 == 0o600
    device.status = "inactive"
    device.save()
    assert write_broker_files(tmp_path) and "DEV-a:" not in (tmp_path / "passwd").read_text()


def test_a_credential_change_rewrites_the_files_after_commit(
    small_park, tmp_path, settings, django_capture_on_commit_callbacks, caplog
):
    settings.MQTT_AUTH_DIR, settings.MQTT_PID_FILE = tmp_path, tmp_path / "mosquitto.pid"
    device = small_park["device_a"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        device.issue_token()
        device.save()
        device.status = "maintenance"
        device.save(update_fields=["status"])
    assert len(callbacks) == 1 and "DEV-a:" in (tmp_path / "passwd").read_text()
    with django_capture_on_commit_callbacks() as callbacks:
        device.name = "Renamed"
        device.save(update_fields=["name"])
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        device.delete()
    assert len(callbacks) == 1 and "DEV-a:" not in (tmp_path / "passwd").read_text()
    (tmp_path / "acl").unlink()
    (tmp_path / "acl").mkdir()  # a rewrite that fails is logged, never raised into the request
    with django_capture_on_commit_callbacks(execute=True):
        small_park["device_b"].save()
    assert "Could not update the MQTT broker" in caplog.text
    settings.MQTT_AUTH_DIR = tmp_path / "no-broker-here"
    with django_capture_on_commit_callbacks() as callbacks:
        small_park["device_b"].save()
    assert callbacks == []


def test_the_telemetry_app_connects_the_receiver():
    assert any(key[0] == broker_sync.DISPATCH_UID for key, *_rest in post_save.receivers)


def test_the_compose_config_is_the_template_rendered_for_the_container():
    assert (REPOSITORY / "mosquitto" / "mosquitto.conf").read_text() == compose_broker_config()
