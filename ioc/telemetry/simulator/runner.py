"""Drive the fleet: fill history fast through the pipeline, or report live at each device's interval.

Backfill hands `ingest` one batch per time window, every device's readings of that window in it,
windows sized to about `batch_readings` readings. Live mode runs a simulated clock (N× real time,
never ahead of the wall clock, since the pipeline refuses readings from the future) and sends, each
tick, every reading that fell due since the last one. Cameras' and gates' events (event_sources) go
the same way: in each backfill window of the last EVENT_MAX_AGE_DAYS, and at each live tick.
"""

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from ioc.telemetry.events import ingest_events
from ioc.telemetry.models import Source
from ioc.telemetry.pipeline import Message, ingest
from ioc.telemetry.simulator import faults
from ioc.telemetry.simulator.base import mix
from ioc.telemetry.simulator.event_sources import EventSource, events_due
from ioc.telemetry.simulator.fleet import SimDevice

STEP_S = 300  # backfill windows are whole 5-minute buckets, so a rollup is rarely split


@dataclass
class Totals:
    readings: int = 0
    messages: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    seconds: float = 0.0
    events: int = 0
    events_accepted: int = 0
    events_duplicate: int = 0
    events_rejected: int = 0

    def add(self, result) -> None:
        self.accepted += result.accepted
        self.duplicate += result.duplicate
        self.rejected += len(result.rejected)

    def add_events(self, result) -> None:
        self.events_accepted += result.accepted
        self.events_duplicate += result.duplicate
        self.events_rejected += len(result.refusals)

    @property
    def rate(self) -> float:
        return self.readings / self.seconds if self.seconds else 0.0


def reading(device: SimDevice, t: float, rng) -> dict:
    """One message item for `device` at `t`: values in the device's own names and units, faults and all."""
    spec, values, out = device.spec, device.signal(device.spec, t, rng), {}
    for channel in device.channels:
        value = values.get(channel.metric)
        if value is None:
            continue
        trouble = faults.trouble(spec, channel.metric, t)
        if trouble is None:
            value = faults.spike(channel.metric, value, rng)
        elif trouble[0] == "stuck":
            since = trouble[1]
            value = device.signal(spec, since, random.Random(mix(spec.key, int(since))))[channel.metric]  # noqa: S311
        value = (value - channel.offset) * channel.factor
        value = round(value) if channel.digits is None else round(value, channel.digits)
        out[channel.name] = (
            {"value": value, "status": trouble[0]} if trouble and trouble[0] != "stuck" else value
        )
    if device.battery:
        out["battery"] = faults.battery(spec, t)
    if device.rssi:
        out["rssi"] = faults.rssi(spec, t, rng)
    return {"ts": round(t * 1000), "values": out}


def due(device: SimDevice, after: float, until: float) -> range:
    """Slot numbers of the device's reports with after < time <= until."""
    first = math.floor((after - device.phase) / device.interval) + 1
    last = math.floor((until - device.phase) / device.interval)
    return range(first, last + 1)


def messages_for(device: SimDevice, after: float, until: float, rng) -> tuple[list[dict], list[dict]]:
    """The device's items due in (after, until], and the items it sends a second time."""
    items, again = [], []
    for slot in due(device, after, until):
        t = slot * device.interval + device.phase
        if faults.silent(device.spec, t):
            continue
        item = reading(device, t, rng)
        items.append(item)
        if faults.duplicated(rng):
            again.append(item)
    return items, again


def generators(fleet: list[SimDevice], seed: int, start: float) -> list[random.Random]:
    return [random.Random(mix(seed, d.spec.key, int(start))) for d in fleet]  # noqa: S311


def backfill(
    fleet: list[SimDevice],
    start: float,
    end: float,
    *,
    seed: int = 0,
    batch_readings: int = 10_000,
    progress: Callable[[Totals, float], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    sources: list[EventSource] = (),
) -> Totals:
    """Send every reading due in (start, end] through `ingest`, a window of time per batch, and the
    events of `sources` in the part of it a device's events would still be taken."""
    per_second = sum(len(d.channels) / d.interval for d in fleet) or 1.0
    window = max(STEP_S, int(batch_readings / per_second) // STEP_S * STEP_S)
    rngs, totals, began = generators(fleet, seed, start), Totals(), time.perf_counter()
    after = start
    while after < end and not should_stop():
        until = min(end, (after // window + 1) * window)
        batch = []
        for device, rng in zip(fleet, rngs, strict=True):
            items, again = messages_for(device, after, until, rng)
            if not items:
                continue
            received = items[-1]["ts"] / 1000
            batch.append(Message(device.context, items, Source.SIMULATOR, received, device.spec.serial))
            batch += [
                Message(device.context, item, Source.SIMULATOR, received, device.spec.serial)
                for item in again
            ]
            totals.readings += (len(items) + len(again)) * len(device.channels)
        totals.messages += len(batch)
        if batch:
            totals.add(ingest(batch))
        events_from = end - settings.EVENT_MAX_AGE_DAYS * 86400 + 3600
        if sources and until > events_from:
            store_events(events_due(sources, max(after, events_from), until), until, totals)
        totals.seconds = time.perf_counter() - began
        if progress:
            progress(totals, until)
        after = until
    return totals


def store_events(batch: list[tuple[EventSource, list[dict]]], received_at: float, totals: Totals) -> None:
    """Hand each source's events to the event intake, as a device's requests would (within their limit)."""
    limit = settings.EVENT_MAX_PER_REQUEST
    for source, items in batch:
        serial = source.spec.serial
        for first in range(0, len(items), limit):
            chunk = items[first : first + limit]
            totals.events += len(chunk)
            totals.add_events(
                ingest_events(source.context, chunk, Source.SIMULATOR, received_at, serial=serial)
            )


class Live:
    """A simulated clock and what each device has sent so far: `tick(now)` gives what fell due."""

    def __init__(self, fleet: list[SimDevice], seed: int, start: float):
        self.fleet = fleet
        self.rngs = generators(fleet, seed, start)
        # Each device first reports its latest reading due by `start`, then everything after it.
        self.sent = {d.spec.serial: start - d.interval for d in fleet}

    def tick(self, now: float) -> list[tuple[SimDevice, list[dict]]]:
        """Per device, the items (duplicates repeated as their own messages) due since the last tick."""
        out = []
        for device, rng in zip(self.fleet, self.rngs, strict=True):
            after = self.sent[device.spec.serial]
            if now <= after:
                continue
            items, again = messages_for(device, after, now, rng)
            self.sent[device.spec.serial] = now
            if items:
                out.append((device, items))
                out += [(device, [item]) for item in again]
        return out


def run_live(
    fleet: list[SimDevice],
    send: Callable[[list[tuple[SimDevice, list[dict]]]], None],
    *,
    seed: int = 0,
    speed: float = 1.0,
    duration: float | None = None,
    once: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
    tick_s: float = 1.0,
    sources: list[EventSource] = (),
    send_events: Callable[[list[tuple[EventSource, list[dict]]]], None] | None = None,
) -> Totals:
    """Report live until `duration` wall seconds pass, `should_stop()` says so, or after one round;
    the events of `sources` go to `send_events`."""
    began = time.time()
    # Faster than real time, the simulated clock starts far enough back to reach now as the run ends
    # (a day back when the run has no end); from then on it keeps to the wall clock.
    lead = 0.0 if speed <= 1 or once else (duration or 86400 / (speed - 1)) * (speed - 1)
    live, totals = Live(fleet, seed, began - lead), Totals()
    events_after = began - lead
    while True:
        wall = time.time()
        now = min(wall, began - lead + (wall - began) * speed)
        batch = live.tick(now)
        if batch:
            send(batch)
            totals.messages += len(batch)
            totals.readings += sum(len(items) * len(device.channels) for device, items in batch)
        events = events_due(sources, events_after, now) if send_events else []
        events_after = now
        if events:
            send_events(events)
            totals.events += sum(len(items) for _source, items in events)
        totals.seconds = time.time() - began
        if once or should_stop() or (duration is not None and totals.seconds >= duration):
            return totals
        time.sleep(max(0.0, tick_s - (time.time() - wall)))
