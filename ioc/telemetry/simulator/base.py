"""Clock, deterministic noise and the working day that every simulated signal shares.

Signals are pure functions of (device spec, instant, random generator). Slow variation (weather
regimes, pollution episodes, faults) comes from `smooth` and `chance`, which hash the device's key
with the time, so two runs with the same seed agree on them whatever their start; the generator
only adds sample-to-sample noise.
"""

import math
from dataclasses import dataclass, field

# Asia/Ho_Chi_Minh has had no daylight saving since 1975: a fixed offset is exact and far cheaper
# per sample than zoneinfo.
UTC_OFFSET_S = 7 * 3600
DAY_S = 86400
LATITUDE = 20.93  # Đại An, Hải Phòng (formerly Hải Dương)
LONGITUDE = 106.28
SHIFT_CHANGES = (6.0, 14.0, 22.0)  # local hours; the park's factories mostly work 3 × 8 h
_MASK = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class Spec:
    """What a signal function knows of a device: no database object, only numbers and names."""

    serial: str
    kind: str
    model: str  # which signal function of its family: "inlet", "outfall", "gate", "fence", ...
    key: int  # seed and serial mixed: the device's own noise
    region: int  # seed only: what every device of the park shares (weather, background pollution)
    scale: float = 1.0  # size of the device's flows, loads or traffic relative to a typical one
    shifts: int = 3  # shifts a day the owner works (3, 2 or 1)
    params: dict = field(default_factory=dict)


def mix(*parts: int) -> int:
    """A 64-bit hash of integers (splitmix64 steps): fast, stable across processes and platforms."""
    z = 0x9E3779B97F4A7C15
    for part in parts:
        z = (z ^ (part & _MASK)) * 0xBF58476D1CE4E5B9 & _MASK
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB & _MASK
        z ^= z >> 31
    return z


def text_key(text: str) -> int:
    """A stable integer for a string (Python's own hash() changes between processes)."""
    return mix(*text.encode())


def chance(*parts: int) -> float:
    """A uniform number in [0, 1) fixed by `parts`."""
    return mix(*parts) / 18446744073709551616.0


def smooth(key: int, t: float, period: float) -> float:
    """Noise in [-1, 1] that drifts smoothly with time, changing over about `period` seconds."""
    position = t / period
    knot = math.floor(position)
    a = chance(key, knot) * 2 - 1
    b = chance(key, knot + 1) * 2 - 1
    w = (1 - math.cos(math.pi * (position - knot))) / 2
    return a + (b - a) * w


def local_hour(t: float) -> float:
    return (t + UTC_OFFSET_S) % DAY_S / 3600.0


def local_day(t: float) -> int:
    """Days since 1970-01-01 in the park's local time."""
    return int((t + UTC_OFFSET_S) // DAY_S)


def weekday(t: float) -> int:
    """0 Monday … 6 Sunday (1970-01-01 was a Thursday)."""
    return (local_day(t) + 3) % 7


def day_of_year(t: float) -> float:
    return (local_day(t) - 10957) % 365.2425  # 10957: 2000-01-01


def season(t: float) -> float:
    """1 in mid-January (northern Vietnam's cold, dry, polluted heart of winter), -1 in mid-July."""
    return math.cos(2 * math.pi * (day_of_year(t) - 15) / 365.2425)


def bump(hour: float, centre: float, width: float) -> float:
    """A bell around `centre` (local hours, wrapping midnight) with standard deviation `width` hours."""
    d = (hour - centre + 12) % 24 - 12
    return math.exp(-0.5 * (d / width) ** 2)


def shift_change(hour: float, width: float = 0.35) -> float:
    """Peaks at 06:00, 14:00 and 22:00 as workers of two shifts cross; the night change is smaller."""
    return bump(hour, 6.0, width) + bump(hour, 14.0, width) + 0.6 * bump(hour, 22.0, width)


def working(t: float, shifts: int) -> float:
    """How hard a factory working `shifts` shifts is running, 0–1 (Sundays slower)."""
    return pattern(local_hour(t), shifts) * day_factor(weekday(t), shifts)


def pattern(hour: float, shifts: int) -> float:
    """A working day's level by the hour: dips at the handovers and meal breaks."""
    if shifts >= 3:
        meals = bump(hour, 11.5, 0.3) + bump(hour, 18.5, 0.3)
        return max(0.0, 0.92 - 0.3 * shift_change(hour, 0.2) - 0.2 * meals)
    if shifts == 2:
        dips = 0.3 * shift_change(hour, 0.2) + 0.2 * bump(hour, 11.5, 0.3)
        return _ramp(hour, 6.0, 22.0) * max(0.0, 0.95 - dips)
    return _ramp(hour, 7.5, 16.5) * (1.0 - 0.6 * bump(hour, 12.0, 0.4))


def day_factor(day: int, shifts: int) -> float:
    """Sundays run about a third of the lines; one- and two-shift factories work half of Saturday."""
    if day == 6:
        return 0.35
    return 0.6 if day == 5 and shifts < 3 else 1.0


def _ramp(hour: float, start: float, end: float) -> float:
    """1 between `start` and `end`, falling off over a quarter hour either side."""
    rise = min(1.0, max(0.0, (hour - start + 0.25) / 0.5))
    fall = min(1.0, max(0.0, (end + 0.25 - hour) / 0.5))
    return min(rise, fall)


def sun(t: float) -> float:
    """Clear-sky sun intensity 0–1 at the park: sin of the sun's elevation, 0 at night."""
    doy = day_of_year(t)
    declination = math.radians(23.44) * math.sin(2 * math.pi * (doy - 81) / 365.2425)
    solar_time = local_hour(t) + (LONGITUDE - 105.0) / 15.0  # the zone's meridian is 105°E
    angle = math.radians(15.0 * (solar_time - 12.0))
    lat = math.radians(LATITUDE)
    s = math.sin(lat) * math.sin(declination) + math.cos(lat) * math.cos(declination) * math.cos(angle)
    return max(0.0, s)


def poisson(rng, mean: float) -> int:
    """A Poisson count: exact for small means, the normal approximation beyond (counts of vehicles)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k
