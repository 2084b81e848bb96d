"""Where live readings go: to the broker as the `ioc-simulator` account, or straight into `ingest`."""

import json
import os
import threading
import time
from urllib.parse import unquote, urlparse

from django.db import close_old_connections, connection

from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.models import Source
from ioc.telemetry.pipeline import Message, ingest
from ioc.telemetry.simulator.runner import Totals, store_events

ACCOUNT = "ioc-simulator"
TOPIC = "ioc/v1/devices/{serial}/telemetry"
EVENTS_TOPIC = "ioc/v1/devices/{serial}/events"


class InProcess:
    description = "in-process (straight into the ingest pipeline)"

    def __init__(self):
        self.totals = Totals()

    def __call__(self, batch) -> None:
        if not connection.in_atomic_block:  # (inside a test's transaction, keep the connection)
            close_old_connections()  # a long run outlives the server's idle-connection timeout
        now = time.time()
        messages = [
            # Looked up per tick (cached briefly): a device edited meanwhile is simulated as it now is.
            Message(context_for_serial(device.spec.serial), items, Source.SIMULATOR, now, device.spec.serial)
            for device, items in batch
        ]
        self.totals.add(ingest(messages))

    def events(self, batch) -> None:
        if not connection.in_atomic_block:
            close_old_connections()
        # Looked up per tick, as for readings: a device edited meanwhile sends as it now is.
        for source, _items in batch:
            source.context = context_for_serial(source.spec.serial)
        store_events(batch, time.time(), self.totals)

    def close(self) -> None:
        pass


class Mqtt:
    """Publish each device's items at QoS 1 to its topic; the MQTT bridge stores them."""

    def __init__(self, url: str, timeout: float = 3.0):
        import paho.mqtt.client as mqtt

        parsed = urlparse(url)
        username, password = _credentials(parsed)
        self.host, self.port = (
            parsed.hostname or "127.0.0.1",
            parsed.port or (8883 if parsed.scheme == "mqtts" else 1883),
        )
        self.description = f"over MQTT to {self.host}:{self.port} as {username}"
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=f"{ACCOUNT}-{os.getpid()}", protocol=mqtt.MQTTv311
        )
        if username:
            self.client.username_pw_set(username, password)
        if parsed.scheme == "mqtts":
            self.client.tls_set()
        self.client.max_inflight_messages_set(1000)
        answered, outcome = threading.Event(), {}

        def on_connect(client, userdata, flags, reason_code, properties):
            outcome["code"] = reason_code
            answered.set()

        self.client.on_connect = on_connect
        self.client.connect(self.host, self.port, keepalive=30)  # OSError when nobody listens
        self.client.loop_start()
        if not answered.wait(timeout) or outcome["code"].is_failure:
            self.client.loop_stop()
            raise ConnectionError(f"broker at {self.host}:{self.port}: {outcome.get('code', 'no answer')}")
        self.pending = []

    def __call__(self, batch) -> None:
        self.pending = [info for info in self.pending if not info.is_published()]
        for device, items in batch:
            body = json.dumps(items if len(items) > 1 else items[0], separators=(",", ":"))
            self.pending.append(self.client.publish(TOPIC.format(serial=device.spec.serial), body, qos=1))

    def events(self, batch) -> None:
        """Each source's events as one message (a list) to its events topic, at QoS 1."""
        self.pending = [info for info in self.pending if not info.is_published()]
        for source, items in batch:
            body = json.dumps(items, separators=(",", ":"), ensure_ascii=False)
            self.pending.append(
                self.client.publish(EVENTS_TOPIC.format(serial=source.spec.serial), body, qos=1)
            )

    def close(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        for info in self.pending:
            info.wait_for_publish(max(0.0, deadline - time.monotonic()))
        self.client.loop_stop()
        self.client.disconnect()


def _credentials(parsed) -> tuple[str | None, str | None]:
    """The simulator's service account; the URL's own user only when the broker module is missing."""
    try:
        from ioc.telemetry.broker import service_password
    except ImportError:
        return (unquote(parsed.username) if parsed.username else None,
                unquote(parsed.password) if parsed.password else None)  # fmt: skip
    return ACCOUNT, service_password(ACCOUNT)


def connect(url: str | None, stdout=None):
    """MQTT when `url` is set and the broker answers, in-process otherwise (saying why)."""
    if url:
        try:
            return Mqtt(url)
        except (OSError, ConnectionError, ValueError) as error:
            if stdout:
                stdout.write(f"MQTT broker did not answer ({error}); writing in-process instead.")
    return InProcess()
