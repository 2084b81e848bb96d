"""Load generators, each its own process acting as one device: an MQTT publisher or an HTTP client.

No Django here: these run in spawned processes. Every reading's time stamp is its send time in
epoch milliseconds, made strictly increasing per channel so no two readings of a run collide.
"""

import contextlib
import http.client
import json
import random
import resource
import time

from _procstats import peak_rss_kb


class Readings:
    """Builds message bodies for one device whose channels are named `names`."""

    def __init__(self, names: list[str]):
        self.names = names
        self.last_ts = [0] * len(names)
        self.cursor = 0

    def body(self, readings: int) -> tuple[str, int, int]:
        """A JSON body of `readings` readings; also (channel index, ts) of its newest reading."""
        items, left, now_ms = [], readings, int(time.time() * 1000)
        channel, newest = 0, 0
        while left:
            width = min(left, len(self.names))
            indexes = [(self.cursor + k) % len(self.names) for k in range(width)]
            self.cursor = (self.cursor + width) % len(self.names)
            ts = max(now_ms, *(self.last_ts[i] + 1 for i in indexes))
            for i in indexes:
                self.last_ts[i] = ts
            values = {self.names[i]: round(random.uniform(0, 500), 3) for i in indexes}  # noqa: S311
            items.append({"ts": ts, "values": values})
            channel, newest, left = indexes[0], ts, left - width
        return json.dumps(items[0] if len(items) == 1 else items, separators=(",", ":")), channel, newest


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def mqtt_publisher(spec: dict, ready, go, results) -> None:
    """Publish spec["messages"] messages of spec["readings"] readings at QoS 1 with at most
    spec["window"] unacknowledged: as fast as the broker acknowledges, or at spec["rate"] messages/s.

    One thread drives the client (publish writes at once, `loop` reads the acknowledgements): a
    background network thread would cost more CPU than the broker, in GIL hand-overs and wake-ups.
    """
    import paho.mqtt.client as mqtt

    state = {"connected": False, "acked": 0, "last_ack": 0.0}

    def on_connect(client, userdata, flags, reason_code, properties):
        state["connected"] = not reason_code.is_failure

    def on_publish(client, userdata, mid, reason_code, properties):
        state["acked"] += 1
        state["last_ack"] = time.time()

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"bench-pub-{spec['serial']}")
    client.username_pw_set(spec["serial"], spec["token"])
    client.max_inflight_messages_set(spec["window"])
    client.on_connect, client.on_publish = on_connect, on_publish
    client.connect("127.0.0.1", spec["port"])
    deadline = time.monotonic() + 20
    while not state["connected"] and time.monotonic() < deadline:
        client.loop(0.05)
    if not state["connected"]:
        results.put({"serial": spec["serial"], "error": "could not connect to the broker"})
        return
    readings, topic, sends = Readings(spec["names"]), f"ioc/v1/devices/{spec['serial']}/telemetry", []
    window, interval = spec["window"], 1 / spec["rate"] if spec.get("rate") else 0.0
    ready.put(spec["serial"])
    go.wait()
    cpu0, first = _cpu_s(), time.time()
    for i in range(spec["messages"]):
        while i - state["acked"] >= window:
            client.loop(0.005)
        if interval and (wait := first + i * interval - time.time()) > 0:
            time.sleep(wait)  # paced: the acknowledgements are taken in below
        sent = time.time()
        body, channel, ts = readings.body(spec["readings"])
        client.publish(topic, body, qos=1)
        sends.append((sent, channel, ts))
        if i % 16 == 15:
            client.loop(0)  # take in the acknowledgements that have arrived
    last_send, deadline = time.time(), time.monotonic() + 120
    while state["acked"] < spec["messages"] and time.monotonic() < deadline:
        client.loop(0.01)
    cpu = _cpu_s() - cpu0
    client.disconnect()
    results.put({
        "serial": spec["serial"], "first": first, "last_send": last_send, "last_ack": state["last_ack"],
        "acked": state["acked"], "sends": sends, "final": readings.last_ts, "cpu_s": cpu,
        "peak_rss_kb": peak_rss_kb(),
    })  # fmt: skip


def http_client(spec: dict, ready, go, results) -> None:
    """POST spec["requests"] requests of spec["readings"] readings over one keep-alive connection."""
    readings = Readings(spec["names"])
    headers = {"Authorization": f"Device {spec['token']}", "Content-Type": "application/json"}
    connection = http.client.HTTPConnection("127.0.0.1", spec["port"], timeout=120)
    connection.connect()
    ready.put(spec["serial"])
    go.wait()
    cpu0, requests, errors, accepted = _cpu_s(), [], [], 0
    for _ in range(spec["requests"]):
        body, _channel, _ts = readings.body(spec["readings"])
        start = time.time()
        for attempt in range(2):  # a keep-alive connection the server closed is reopened once
            try:
                connection.request("POST", "/api/v1/telemetry/", body, headers)
                response = connection.getresponse()
                answer = response.read()
                break
            except (http.client.HTTPException, ConnectionError) as error:
                connection.close()
                if attempt:
                    errors.append(repr(error))
                    answer, response = b"{}", None
        end = time.time()
        if response is not None and response.status == 202:
            accepted += json.loads(answer)["accepted"]
        elif response is not None:
            errors.append(f"{response.status}: {answer[:200]!r}")
        requests.append((start, end))
    cpu = _cpu_s() - cpu0
    with contextlib.suppress(OSError):
        connection.close()
    results.put({
        "serial": spec["serial"], "requests": requests, "accepted": accepted, "errors": errors[:5],
        "error_count": len(errors), "cpu_s": cpu,
        "peak_rss_kb": peak_rss_kb(),
    })  # fmt: skip
