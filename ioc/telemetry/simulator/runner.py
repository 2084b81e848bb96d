"""Drive the fleet: fill history fast through the pipeline, or report live at each device's interval.

Backfill hands `ingest` one batch per time window, every device's readings of that window in it,
windows sized to about `batch_readings` readings. Live mode runs a simulated clock (N× real time,
never ahead of the wall clock, since the pipeline refuses readings from the future) and sends, each
tick, every reading that fell due since the last one.
"""

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from ioc.telemetry.models import Source
from ioc.telemetry.pipeline import Message, ingest
from ioc.telemetry.simulator import faults
from ioc.telemetry.simulator.base import mix
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

    def add(self, result) -> None:
        self.accepted += result.accepted
        self.duplicate += result.duplicate
        self.rejected += len(result.rejected)

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
) -> Totals:
    """Send every reading due in (start, end] through `ingest`, a window of time per batch."""
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
        totals.seconds = time.perf_counter() - began
        if progress:
            progress(totals, until)
        after = until
    return totals


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
) -> Totals:
    """Report live until `duration` wall seconds pass, `should_stop()` says so, or after one round."""
    began = time.time()
    # Faster than real time, the simulated clock starts far enough back to reach now as the run ends
    # (a day back when the run has no end); from then on it keeps to the wall clock.
    lead = 0.0 if speed <= 1 or once else (duration or 86400 / (speed - 1)) * (speed - 1)
    live, totals = Live(fleet, seed, began - lead), Totals()
    while True:
        wall = time.time()
        now = min(wall, began - lead + (wall - began) * speed)
        batch = live.tick(now)
        if batch:
            send(batch)
            totals.messages += len(batch)
            totals.readings += sum(len(items) * len(device.channels) for device, items in batch)
        totals.seconds = time.time() - began
        if once or should_stop() or (duration is not None and totals.seconds >= duration):
            return totals
        time.sleep(max(0.0, tick_s - (time.time() - wall)))
