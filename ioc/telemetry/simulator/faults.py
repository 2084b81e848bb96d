"""What goes wrong with real devices, rarely, so the data stays mostly clean.

Analysers calibrate for ten minutes each night (Circular 10's status 01); now and then a sensor
reports an error (02) for a while or sticks on one value; a device falls silent for a while; a
message is sent twice; a reading spikes far out of range. Windows of trouble are hashed from the
device's key and the time, so every run with the same seed has the same ones; per-reading events
(spikes, duplicates) come from the generator.
"""

from functools import cache

from ioc.telemetry.limits import PHYSICAL_BOUNDS
from ioc.telemetry.simulator.base import DAY_S, UTC_OFFSET_S, Spec, chance, local_hour, text_key

WINDOW_S = 6 * 3600  # faults are drawn per device (or channel) per window
GAP_PER_WINDOW = 0.01  # a device goes silent about once a month
ERROR_PER_WINDOW = 0.003
STUCK_PER_WINDOW = 0.003
SPIKE_PER_READING = 0.0005
DUPLICATE_PER_MESSAGE = 0.002
CALIBRATION_S = 600
ANALYSER_KINDS = frozenset({"air_station", "wastewater_station", "stack_station"})
# What an analyser measures: these calibrate, stick and spike; meters, counters and states do not.
ANALOG = frozenset(
    {"pm25", "pm10", "tsp", "o3", "no2", "so2", "co", "cod", "tss", "nh4", "tn", "tp", "color", "ph"}
    | {"stack_dust", "stack_so2", "stack_nox", "stack_co", "stack_o2"}
)
SENSORS = ANALOG | {"air_temperature", "humidity", "wind_speed", "wind_direction", "noise", "flow"}
SPIKY = ANALOG - {"ph", "stack_o2"}


def silent(spec: Spec, t: float) -> bool:
    """Whether the device is in a gap (power cut, lost link) at `t`."""
    window = int(t // WINDOW_S)
    return any(_gap(spec.key, w)[0] <= t < _gap(spec.key, w)[1] for w in (window, window - 1))


@cache
def _gap(key: int, window: int) -> tuple[float, float]:
    if chance(key, 51, window) >= GAP_PER_WINDOW:
        return (0.0, 0.0)
    start = (window + chance(key, 52, window)) * WINDOW_S
    return (start, start + 600 + chance(key, 53, window) ** 2 * 4 * 3600)


@cache
def _channel_trouble(key: int, metric_key: int, window: int) -> tuple[str, float, float] | None:
    draw = chance(key, metric_key, window)
    if draw >= ERROR_PER_WINDOW + STUCK_PER_WINDOW:
        return None
    start = (window + chance(key, metric_key, window, 1)) * WINDOW_S
    if draw < ERROR_PER_WINDOW:
        return ("error", start, start + 1200 + chance(key, metric_key, window, 2) * 3 * 3600)
    return ("stuck", start, start + 3600 + chance(key, metric_key, window, 3) * 5 * 3600)


def trouble(spec: Spec, metric: str, t: float) -> tuple[str, float] | None:
    """("error" | "stuck" | "calibrating", since when) for the channel measuring `metric`, or None."""
    if metric not in SENSORS:
        return None
    if spec.kind in ANALYSER_KINDS and metric in ANALOG:
        hour = 1 + 3 * chance(spec.key, 54)  # each station calibrates at its own time, 01:00–04:00
        into = (local_hour(t) - hour) * 3600
        if 0 <= into < CALIBRATION_S:
            return ("calibrating", t - into)
    window, metric_key = int(t // WINDOW_S), _metric_key(metric)
    for w in (window, window - 1):
        found = _channel_trouble(spec.key, metric_key, w)
        if found and found[1] <= t < found[2]:
            return (found[0], found[1])
    return None


@cache
def _metric_key(metric: str) -> int:
    return text_key(metric)


def spike(metric: str, value: float, rng) -> float:
    """Sometimes a wild value from a glitch: far out of range, yet not physically impossible."""
    if metric not in SPIKY or rng.random() >= SPIKE_PER_READING:
        return value
    ceiling = PHYSICAL_BOUNDS.get(metric, (0, value * 20))[1]
    return min(ceiling * 0.5, max(value, 1.0) * (5 + 15 * rng.random()))


def duplicated(rng) -> bool:
    return rng.random() < DUPLICATE_PER_MESSAGE


def battery(spec: Spec, t: float) -> float:
    """Battery %, running down over two years and then replaced."""
    days = (t + UTC_OFFSET_S) / DAY_S + 730 * chance(spec.key, 55)
    return round(100 - 80 * (days % 730) / 730, 1)


def rssi(spec: Spec, t: float, rng) -> float:
    """Cellular signal in dBm, the worse the further from the mast."""
    return round(-72 - 30 * chance(spec.key, 56) + rng.gauss(0, 2), 0)
