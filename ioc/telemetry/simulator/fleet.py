"""The simulated fleet: each registered device with its signal function, channels and units, read once.

Everything the hot loop needs is worked out here, so that generating a reading is a function call,
a unit factor and a rounding.
"""

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from ioc.park.choices import DeviceKind as K
from ioc.park.models import Device
from ioc.telemetry.devices import LIVE_STATUSES, DeviceContext, context_for_serial
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.simulator import air, energy, machines, stacks, traffic, water
from ioc.telemetry.simulator.base import Spec, chance, mix, text_key
from ioc.telemetry.units import converter

Signal = Callable[[Spec, float, object], dict[str, float]]
WHOLE = frozenset(
    {"vehicle_count", "heavy_vehicle_count", "people_count", "good_count", "reject_count", "machine_state"}
)
DECIMALS = {"energy": 1, "solar_energy": 1, "ph": 2, "stack_o2": 2, "nh4": 2, "tp": 2}
# The demo park's own devices differ in size; anything not listed takes a size from its key.
DEMO_SIZES = {
    "DA-GATE-01": {"scale": 1.0},
    "DA-GATE-02": {"scale": 0.45, "trucks": 3.0},
    "DA-GATE-03": {"scale": 0.4},
    "DA-GATE-04": {"scale": 0.3},
    "DA-TRF-01": {"scale": 0.9},
    "DA-AIR-01": {"scale": 1.0},
    "DA-AIR-02": {"scale": 0.25},
    "DA-AIR-03": {"scale": 0.8},
    "DA-WM-01": {"scale": 35.0},
    "DA-WW-IN-01": {"scale": 1.0},
    "DA-WW-OUT-01": {"scale": 1.0},
}
BATTERY_KINDS = frozenset({K.WATER_METER, K.TRAFFIC_COUNTER})
CELLULAR_KINDS = BATTERY_KINDS | {K.ENERGY_METER, K.SOLAR_METER}


@dataclass(frozen=True, slots=True)
class SimChannel:
    name: str  # what the device calls it
    metric: str
    factor: float  # device unit per canonical unit (after `offset`)
    offset: float
    digits: int | None  # None: a whole count


@dataclass(slots=True)
class SimDevice:
    spec: Spec
    signal: Signal
    interval: int  # seconds
    phase: int  # seconds past each interval the device reports: devices do not all speak at once
    channels: tuple[SimChannel, ...]
    battery: bool
    rssi: bool
    context: DeviceContext | None


def load_fleet(seed: int, serials: list[str] | None = None) -> tuple[list[SimDevice], list[str]]:
    """The devices to simulate, and notes on those skipped (no channels, a kind we cannot simulate)."""
    devices = Device.objects.filter(status__in=LIVE_STATUSES).select_related("enterprise")
    if serials:
        devices = devices.filter(serial__in=serials)
    fleet, notes = [], []
    for device in devices.prefetch_related("channels").order_by("serial"):
        chosen = _signal(device)
        if chosen is None:
            notes.append(f"{device.serial}: skipped (a {device.kind} is not simulated)")
            continue
        signal, model = chosen
        spec = device_spec(device, model, seed)
        # Channels of metrics the device's signal does not make, or in units we cannot make, are left out.
        produced = signal(spec, time.time(), random.Random(0))  # noqa: S311
        channels = tuple(
            c for c in map(_channel, device.channels.all()) if c is not None and c.metric in produced
        )
        if not channels:
            notes.append(f"{device.serial}: skipped (no channel it can simulate)")
            continue
        interval = max(1, round(device.expected_interval.total_seconds()))
        # By serial, not seed: runs with other seeds hit the same instants, so they add no readings.
        phase = int(chance(text_key(device.serial), 1) * min(interval, 60))
        fleet.append(
            SimDevice(
                spec,
                signal,
                interval,
                phase,
                channels,
                device.kind in BATTERY_KINDS,
                device.kind in CELLULAR_KINDS,
                context_for_serial(device.serial),
            )
        )
    if serials:
        missing = sorted(set(serials) - {d.spec.serial for d in fleet} - {n.split(":")[0] for n in notes})
        notes += [f"{serial}: no such live device" for serial in missing]
    return fleet, notes


def _signal(device: Device) -> tuple[Signal, str] | None:
    metrics = {c.metric for c in device.channels.all()}
    serial, owned = device.serial.upper(), device.enterprise_id is not None
    if device.kind == K.WASTEWATER_STATION:
        if owned:
            return water.discharge, "discharge"
        return (water.inlet, "inlet") if "-IN" in serial else (water.outfall, "outfall")
    if device.kind == K.CAMERA:
        if "people_count" in metrics:
            name = device.name.lower()
            model = "fence" if "hàng rào" in name else "office" if "điều hành" in name else "plant"
            return traffic.people, model
        return traffic.counter, "camera"
    if device.kind == K.TRAFFIC_COUNTER and "occupancy" in metrics:
        return traffic.parking, "parking"
    if device.kind == K.WATER_METER:
        return water.meter, "enterprise" if owned else "park"
    return SIGNALS.get(device.kind)


SIGNALS: dict[str, tuple[Signal, str]] = {
    K.AIR_STATION: (air.station, "station"),
    K.WEATHER_STATION: (air.weather, "weather"),
    K.STACK_STATION: (stacks.stack, "stack"),
    K.ENERGY_METER: (energy.energy, "meter"),
    K.SOLAR_METER: (energy.solar, "rooftop"),
    K.GATE: (traffic.counter, "gate"),
    K.TRAFFIC_COUNTER: (traffic.counter, "road"),
    K.MACHINE: (machines.machine, "line"),
}


def device_spec(device: Device, model: str, seed: int) -> Spec:
    key = mix(seed, text_key(device.serial))
    owner = device.enterprise.tax_code if device.enterprise else ""
    # Every device of one enterprise keeps the same hours: its meters, stacks and machines agree.
    shifts = 3 if not owner else (3, 3, 2, 1)[int(chance(text_key(owner), 2) * 4)]
    size = DEMO_SIZES.get(device.serial, {})
    scale = size.get("scale", _default_scale(device.kind, model, key))
    minutes = device.expected_interval.total_seconds() / 60
    params = {"minutes": minutes, "trucks": size.get("trucks", 1.0), "sulphur": 0.3 + 1.3 * chance(key, 3)}
    return Spec(device.serial, device.kind, model, key, mix(seed, 7), scale, shifts, params)


def _default_scale(kind: str, model: str, key: int) -> float:
    draw = chance(key, 4)
    if model == "park":  # the park's zone water mains
        return 12.0 + 8.0 * draw
    if kind in (K.ENERGY_METER, K.SOLAR_METER, K.WATER_METER):
        return 0.2 * math.exp(3.0 * draw)  # from small workshops to large plants, 0.2–4×
    if kind in (K.CAMERA, K.TRAFFIC_COUNTER):
        return 0.2 + 0.6 * draw
    return 0.5 + draw


def _channel(channel) -> SimChannel | None:
    """How to turn the canonical value into what this channel's device sends, or None if we cannot."""
    metric = METRICS.get(channel.metric)
    if metric is None:
        return None
    to_canonical = converter(channel.metric, channel.unit, metric.unit)
    if to_canonical is None:
        return None
    zero, one = to_canonical(0.0), to_canonical(1.0)
    factor = 1.0 / (one - zero)
    if channel.metric in WHOLE:
        digits = None
    else:
        digits = max(0, DECIMALS.get(channel.metric, 1) + math.ceil(math.log10(max(1.0, one - zero) - 1e-9)))
    return SimChannel(channel.source_name, channel.metric, factor, zero, digits)
