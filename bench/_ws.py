"""Dashboard websocket clients for bench/live.py: a small RFC 6455 client on asyncio streams, and the
process that runs many of them and records what they receive.

No library: `websockets` is not installed, and autobahn's asyncio client (installed with daphne)
parses frames in Python with more per-frame work than this reader, on the two cores the server
needs too. The server's frames are unmasked text frames without extensions; that is all it reads.

"Full" clients parse every frame (JSON) and record, per reading of the run's channels, arrival −
reading ts in a 1 ms histogram, and per channel the newest ts seen (distinct, duplicate and
backwards counts). "Light" clients only pick the tracked channels' ts out of the raw text: parsing
every frame at every client would take a core of the two the server needs. Every client keeps the
arrival of each tracked (channel, ts): the fan-out delay (arrival minus the fastest client's
arrival of the same reading) and the end-to-end latency over all clients come from those.
"Coverage" clients keep every arrival, to find when each published value, or a newer one of its
channel, arrived.
"""

import asyncio
import base64
import contextlib
import hashlib
import json
import os
import resource
import time
from array import array
from collections import defaultdict

from _procstats import peak_rss_kb

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
HIST_MS = 60_000  # histograms: 1 ms bins up to a minute, the last bin for anything later


class WebSocket:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, port: int, path: str, headers: dict) -> "WebSocket":
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Upgrade: websocket", "Connection: Upgrade",
                 f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13", *(f"{k}: {v}" for k, v in headers.items())]  # fmt: skip
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = head.split(b"\r\n", 1)[0].decode(errors="replace")
        if " 101 " not in status + " ":
            writer.close()
            raise ConnectionError(f"handshake refused: {status}")
        if base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()) not in head:  # noqa: S324 (the protocol's)
            writer.close()
            raise ConnectionError("handshake: wrong Sec-WebSocket-Accept")
        return cls(reader, writer)

    def send(self, opcode: int, payload: bytes = b"") -> None:
        """A masked frame, as a client must send; only small control frames here."""
        mask, n = os.urandom(4), len(payload)
        head = bytes([0x80 | opcode]) + (
            bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big")
        )
        self.writer.write(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    async def recv(self) -> bytes | None:
        """The next data message (fragments joined); None when the server closes."""
        parts = []
        while True:
            b0, b1 = await self.reader.readexactly(2)
            n = b1 & 0x7F
            if n >= 126:
                n = int.from_bytes(await self.reader.readexactly(2 if n == 126 else 8), "big")
            mask = await self.reader.readexactly(4) if b1 & 0x80 else None
            payload = await self.reader.readexactly(n) if n else b""
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 9:
                self.send(10, payload)  # pong
            elif opcode == 8:
                with contextlib.suppress(ConnectionError):
                    self.send(8, payload[:2])
                return None
            elif opcode != 10:
                parts.append(payload)
                if b0 & 0x80:
                    return parts[0] if len(parts) == 1 else b"".join(parts)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            self.send(8, (1000).to_bytes(2, "big"))
            await self.writer.drain()
            self.writer.close()
            await asyncio.wait_for(self.writer.wait_closed(), 2)


class Client:
    def __init__(self, full: bool, coverage: bool):
        self.full, self.coverage = full, coverage
        self.frames = self.bytes = self.readings = self.distinct = self.dups = self.backwards = 0
        self.first = self.last_frame = 0.0
        self.newest: dict[int, int] = {}
        self.seen = defaultdict(lambda: (array("q"), array("d")))  # coverage clients: channel → (ts, arrival)
        self.error = ""
        self.ws: WebSocket | None = None


class Recorder:
    """What one process's clients received in the measured window."""

    def __init__(self, spec: dict):
        self.channels = set(spec["channels"])
        self.tracked = {c: b'{"channel": %d,' % c for c in spec["tracked"]}  # as json.dumps writes it
        self.recording, self.since_ms = False, 0
        self.hist = array("q", bytes(8 * (HIST_MS + 1)))  # arrival − ts of every reading received
        self.arrivals = defaultdict(list)  # tracked (channel, ts) → arrival ms at each client

    def frame(self, client: Client, data: bytes, now: float) -> None:
        if not self.recording:
            return
        now_ms = now * 1000
        client.frames += 1
        client.bytes += len(data)
        client.first = client.first or now
        client.last_frame = now
        if not client.full:  # light: only the tracked channels, found in the raw text
            for channel, needle in self.tracked.items():
                if (at := data.find(needle)) >= 0:
                    start = data.find(b'"ts": ', at) + 6
                    ts = round(float(data[start : data.find(b",", start)]) * 1000)
                    if ts >= self.since_ms:
                        self.arrivals[(channel, ts)].append(now_ms)
                        client.newest[channel] = max(ts, client.newest.get(channel, 0))
            return
        for r in json.loads(data).get("readings", ()):
            channel, ts = r["channel"], round(r["ts"] * 1000)
            if ts < self.since_ms or channel not in self.channels:
                continue
            client.readings += 1
            self.hist[min(max(int(now_ms - ts), 0), HIST_MS)] += 1
            newest = client.newest.get(channel, 0)
            if ts > newest:
                client.distinct += 1
                client.newest[channel] = ts
            elif ts == newest:
                client.dups += 1
            else:
                client.backwards += 1
            if channel in self.tracked:
                self.arrivals[(channel, ts)].append(now_ms)
            if client.coverage:
                seen = client.seen[channel]
                seen[0].append(ts)
                seen[1].append(now_ms)


async def _run_client(client: Client, recorder: Recorder, spec: dict, gate: asyncio.Semaphore, ready) -> None:
    try:
        async with gate:
            client.ws = await asyncio.wait_for(
                WebSocket.connect(spec["port"], spec["path"], spec["headers"]), 60
            )
            hello = await asyncio.wait_for(client.ws.recv(), 60)
            if hello is None or json.loads(hello).get("type") != "hello":
                raise ConnectionError(f"no hello: {hello!r:.200}")
    except Exception as error:  # noqa: BLE001 (reported, the run goes on without this client)
        client.error = repr(error)[:200]
        ready()
        return
    ready()
    try:
        while (data := await client.ws.recv()) is not None:
            recorder.frame(client, data, time.time())
        client.error = "closed by the server"
    except (ConnectionError, asyncio.IncompleteReadError) as error:
        client.error = f"connection lost: {error!r:.150}"


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _analyze(clients: list[Client], recorder: Recorder, order: dict) -> dict:
    """Fan-out delay against the fastest client (order["fastest"]), and for the coverage clients the
    time from each published value to the arrival of that value or a newer one of its channel."""
    fanout, fastest = array("q", bytes(8 * (HIST_MS + 1))), order["fastest"]
    e2e = array("q", bytes(8 * (HIST_MS + 1)))  # the tracked channels' readings, at every client
    for key, arrivals in recorder.arrivals.items():
        for arrival in arrivals:
            fanout[min(int(arrival - fastest[key]), HIST_MS)] += 1
            e2e[min(max(int(arrival - key[1]), 0), HIST_MS)] += 1
    stale = array("q", bytes(8 * (HIST_MS + 1)))
    uncovered = 0
    for client in clients:
        if not client.coverage:
            continue
        for channel, published in order["published"].items():
            ts_seen, arrival = client.seen.get(channel, ((), ()))
            k = 0
            for ts in published:  # both ascending: a merge
                while k < len(ts_seen) and ts_seen[k] < ts:
                    k += 1
                if k == len(ts_seen):
                    uncovered += 1
                else:
                    stale[min(max(int(arrival[k] - ts), 0), HIST_MS)] += 1
    for client in clients:  # channels whose final value never arrived (light clients: tracked ones only)
        final = order["final"] if client.full else {c: order["final"][c] for c in recorder.tracked}
        client.missing = sum(1 for c, ts in final.items() if client.newest.get(c, 0) < ts)
    return {
        "fanout_hist": _sparse(fanout), "e2e_tracked_hist": _sparse(e2e), "stale_hist": _sparse(stale), "uncovered": uncovered,
        "clients": [_client_figures(c) for c in clients],
    }  # fmt: skip


def _sparse(hist: array) -> dict:
    return {i: n for i, n in enumerate(hist) if n}


def _client_figures(c: Client) -> dict:
    return {
        "full": c.full, "frames": c.frames, "bytes": c.bytes, "readings": c.readings, "distinct": c.distinct,
        "dups": c.dups, "backwards": c.backwards, "first": c.first, "last": c.last_frame, "error": c.error,
        "missing_final": getattr(c, "missing", None),
    }  # fmt: skip


def client_process(spec: dict, ready, control, results) -> None:
    """Open spec["count"] websocket clients, report ready, then obey control: start, stop, analyze."""
    asyncio.run(_main(spec, ready, control, results))


async def _main(spec: dict, ready_queue, control, results) -> None:
    loop, recorder = asyncio.get_running_loop(), Recorder(spec)
    clients = [
        Client(i < spec["full"], i < min(spec["full"], spec["coverage"])) for i in range(spec["count"])
    ]
    pending, all_ready = [len(clients)], asyncio.Event()

    def one_ready():
        pending[0] -= 1
        if not pending[0]:
            all_ready.set()

    gate = asyncio.Semaphore(spec.get("connect_concurrency", 25))
    tasks = [asyncio.create_task(_run_client(c, recorder, spec, gate, one_ready)) for c in clients]
    await all_ready.wait()
    errors = [c.error for c in clients if c.error]
    ready_queue.put({"proc": spec["proc"], "connected": len(clients) - len(errors), "errors": errors[:3]})
    cpu0 = 0.0
    while True:
        command, argument = await loop.run_in_executor(None, control.get)
        if command == "start":
            cpu0, recorder.since_ms, recorder.recording = _cpu_s(), argument, True
        elif command == "stop":
            recorder.recording = False
            fastest = {key: min(arrivals) for key, arrivals in recorder.arrivals.items()}
            results.put({
                "proc": spec["proc"], "cpu_s": _cpu_s() - cpu0, "peak_rss_kb": peak_rss_kb(),
                "hist": _sparse(recorder.hist), "fastest": fastest,
            })  # fmt: skip
        elif command == "analyze":
            results.put({"proc": spec["proc"], **_analyze(clients, recorder, argument)})
            break
    for task in tasks:
        task.cancel()
    await asyncio.gather(*(c.ws.close() for c in clients if c.ws), return_exceptions=True)


def merge(hists) -> dict:
    """The sum of sparse histograms {ms: count}."""
    out: dict = {}
    for hist in hists:
        for ms, n in hist.items():
            out[ms] = out.get(ms, 0) + n
    return out


def percentiles(hist: dict) -> dict:
    """n, p50, p95 and max of a sparse 1 ms histogram {ms: count}."""
    total = sum(hist.values())
    if not total:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    figures, seen, wanted = {"n": total, "max": max(hist)}, 0, [("p50", 0.50 * total), ("p95", 0.95 * total)]
    for ms in sorted(hist):
        seen += hist[ms]
        while wanted and seen >= wanted[0][1]:
            figures[wanted.pop(0)[0]] = ms
    return figures
