"""The MQTT bridge: device messages from the broker to the pipeline, acknowledged only once stored.

Telemetry (`ioc/v1/devices/<serial>/telemetry`) goes to the readings pipeline in batches; events
(`…/events`: intrusions, plate reads) to ioc.telemetry.events, one message at a time.

It keeps a persistent session (clean_session off, a fixed client id) and subscribes at QoS 1, so
while it is down the broker keeps the devices' messages; it acknowledges each message only after
the batch holding it has committed, so a crash between receiving and storing makes the broker
send the message again — and the writer's dedupe makes that harmless. Nothing the broker accepted
is lost; nothing is stored twice.
"""

import logging
import queue
import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

import paho.mqtt.client as mqtt
from django.db import Error as DatabaseError
from django.db import close_old_connections, connection

from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.events import ingest_events
from ioc.telemetry.models import Source
from ioc.telemetry.pipeline import Message, ingest

logger = logging.getLogger("ioc.telemetry.bridge")

TELEMETRY_TOPIC = "ioc/v1/devices/+/telemetry"
EVENTS_TOPIC = "ioc/v1/devices/+/events"
BROKER_LOG_TOPIC = "$SYS/broker/log/N"  # notices: refused logins among them
# Mosquitto 2.0 logs a refused login as "New connection from <ip>:<port> on port <p>." followed by
# "Client <unknown> disconnected, not authorised." — the address is the only identity it gives.
_NEW_CONNECTION = re.compile(r"New connection from (\S+?)(?::\d+)? on port")
_REFUSED_LOGIN = re.compile(r"Client (\S+) .*not authori[sz]ed", re.IGNORECASE)


@dataclass
class BrokerAddress:
    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool


def broker_address(url: str, default_username: str | None = None) -> BrokerAddress:
    """Host, port and credentials from MQTT_URL; a service account's derived password by default."""
    parsed = urlparse(url)
    username = unquote(parsed.username) if parsed.username else default_username
    password = unquote(parsed.password) if parsed.password else None
    if password is None and username:
        from ioc.telemetry.broker import service_password

        password = service_password(username)
    tls = parsed.scheme == "mqtts"
    return BrokerAddress(
        parsed.hostname or "127.0.0.1", parsed.port or (8883 if tls else 1883), username, password, tls
    )


_STOPPED = object()


def serial_of(topic: str) -> str:
    parts = topic.split("/")
    return parts[3] if len(parts) == 5 else ""


class Bridge:
    def __init__(
        self, url: str, *, client_id: str = "ioc-bridge", batch_messages: int = 2000, linger_s: float = 0.02
    ):
        from ioc.telemetry.broker import BRIDGE

        self.address = broker_address(url, BRIDGE)
        self.batch_messages = batch_messages
        self.linger_s = linger_s
        self.inbox: queue.Queue = queue.Queue()
        self.stopping = threading.Event()
        self.stored = 0
        self.events_stored = 0
        self._last_address = "?"
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=False,
            protocol=mqtt.MQTTv311, manual_ack=True,
        )  # fmt: skip
        if self.address.username:
            self.client.username_pw_set(self.address.username, self.address.password)
        if self.address.tls:
            self.client.tls_set()
        self.client.max_inflight_messages_set(1000)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            logger.error("broker refused the bridge: %s", reason_code)
            return
        client.subscribe([(TELEMETRY_TOPIC, 1), (EVENTS_TOPIC, 1), (BROKER_LOG_TOPIC, 0)])
        logger.info("bridge connected to %s:%s, session present: %s", self.address.host, self.address.port,
                    flags.session_present)  # fmt: skip

    def _on_message(self, client, userdata, message):
        self.inbox.put((time.time(), message))

    def run(self) -> None:
        self.client.connect(self.address.host, self.address.port, keepalive=30)
        self.client.loop_start()
        try:
            while not self.stopping.is_set():
                batch = self._next_batch()
                if batch:
                    self._store(batch)
        finally:
            self.client.loop_stop()
            self.client.disconnect()

    def stop(self) -> None:
        self.stopping.set()

    def _next_batch(self) -> list:
        try:
            batch = [self.inbox.get(timeout=0.5)]
        except queue.Empty:
            return []
        deadline = time.monotonic() + self.linger_s
        while len(batch) < self.batch_messages:
            try:
                batch.append(self.inbox.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                break
        return batch

    def _store(self, batch: list) -> None:
        telemetry, events, logs = [], [], []
        for received, message in batch:
            if message.topic.startswith("$SYS/"):
                logs.append((received, message))
            else:
                (events if message.topic.endswith("/events") else telemetry).append((received, message))
        messages = [
            Message(
                context_for_serial(serial_of(m.topic)), m.payload, Source.MQTT, received, serial_of(m.topic)
            )
            for received, m in telemetry
        ]
        done = self._retrying(lambda: ingest(messages) if messages else None)
        if done is _STOPPED:
            return
        self._ack(telemetry)
        self.stored += done.accepted if done else 0
        # Events one message at a time, each acknowledged once stored: a retry after a database error
        # starts from the first message not yet acknowledged (and the event ids make repeats harmless).
        for received, message in events:
            if self._retrying(lambda m=message, r=received: self._store_events(m, r)) is _STOPPED:
                return
            self._ack([(received, message)])
        self._retrying(lambda: self._count_refused_logins(logs))

    def _store_events(self, message, received: float) -> None:
        serial = serial_of(message.topic)
        result = ingest_events(
            context_for_serial(serial), message.payload, Source.MQTT, received, serial=serial
        )
        self.events_stored += result.accepted

    def _retrying(self, work):
        """work(), again and again while the database is away; _STOPPED if the bridge stops meanwhile.

        Nothing is acknowledged meanwhile, so the broker holds everything else (and resends these if
        we die)."""
        delay = 1.0
        while True:
            try:
                return work()
            except DatabaseError:
                logger.exception("storing a batch failed; retrying in %.0f s", delay)
                connection.close()
                if self.stopping.wait(delay):
                    return _STOPPED
                delay = min(delay * 2, 30.0)
                close_old_connections()

    def _ack(self, received_messages: list) -> None:
        for _received, message in received_messages:
            if message.qos:
                self.client.ack(message.mid, message.qos)

    def _count_refused_logins(self, logs: list) -> None:
        from ioc.telemetry.api.ingest import count_auth_failure

        for _received, message in logs:
            line = message.payload.decode(errors="replace")
            address = _NEW_CONNECTION.search(line)
            if address:
                self._last_address = address.group(1)
                continue
            refused = _REFUSED_LOGIN.search(line)
            if refused:
                client = refused.group(1)
                count_auth_failure(Source.MQTT, self._last_address if client == "<unknown>" else client)
