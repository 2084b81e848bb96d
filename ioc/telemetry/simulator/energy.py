"""Energy meters (cumulative kWh, load following the shifts) and rooftop solar (cumulative, sun curve).

A cumulative register must never go back, whatever instants are asked for and in whatever order,
and a live run must continue a backfill's totals. So the register is a closed form of time: the
total at the start of each local day (a steady mean plus a bounded day-to-day wobble, which can
never make a day's increment negative), plus the share of that day's energy used so far, read
from the day's load or sun curve.
"""

import math
from functools import cache

from ioc.telemetry.simulator.base import (
    DAY_S,
    LATITUDE,
    LONGITUDE,
    UTC_OFFSET_S,
    Spec,
    chance,
    day_of_year,
    local_day,
    local_hour,
    weekday,
    working,
)

STEPS = 96  # quarter hours: the resolution of the day's load curve
BASE_LOAD = 0.3  # lighting, air conditioning, compressors: what runs when production stops
COMMISSIONED = 19358  # 2023-01-01, local days since 1970: every register starts from here
PERFORMANCE = 0.75  # of a module's rated output that reaches the meter (heat, soiling, inverter)
MEAN_CLEARNESS = 0.6  # northern Vietnam's share of clear-sky sunshine over the year


@cache
def load_curve(shifts: int) -> tuple[tuple[float, ...], ...]:
    """For each weekday, the cumulative share of a Monday's energy used by each quarter hour."""
    curves = []
    for day in range(7):
        midnight = (4 + day) * DAY_S - UTC_OFFSET_S  # 1970-01-05 was a Monday
        moments = (midnight + i * DAY_S / STEPS for i in range(STEPS))
        levels = [BASE_LOAD + (1 - BASE_LOAD) * working(moment, shifts) for moment in moments]
        total, running = 0.0, [0.0]
        for level in levels:
            total += level / STEPS
            running.append(total)
        curves.append(tuple(running))
    monday = curves[0][-1]
    return tuple(tuple(v / monday for v in curve) for curve in curves)


def _share(curve: tuple[float, ...], fraction: float) -> float:
    position = fraction * STEPS
    i = min(int(position), STEPS - 1)
    return curve[i] + (curve[i + 1] - curve[i]) * (position - i)


def _week(shifts: int) -> tuple[float, list[float]]:
    """A week's total in Monday-days, and the total before each day of the week counted from Thursday."""
    days = [curve[-1] for curve in load_curve(shifts)]
    before, running = [], 0.0
    for j in range(7):
        before.append(running)
        running += days[(3 + j) % 7]  # local day 0 (1970-01-01) was a Thursday
    return running, before


def energy(spec: Spec, t: float, rng) -> dict[str, float]:
    """A factory's main meter: kWh imported so far, and the power now."""
    day = local_day(t)
    if day < COMMISSIONED:
        return {"energy": 0.0, "power": 0.0}
    curve, fraction = load_curve(spec.shifts)[weekday(t)], local_hour(t) / 24
    today, tomorrow = _meter_at_midnight(spec, day), _meter_at_midnight(spec, day + 1)
    step = min(int(fraction * STEPS), STEPS - 1)
    # Spread over the day as the load curve says, rescaled to what this day uses in all.
    power = (tomorrow - today) / 24 * (curve[step + 1] - curve[step]) * STEPS / curve[-1]
    return {
        "energy": _between(today, tomorrow, _share(curve, fraction) / curve[-1]),
        "power": power * (1 + rng.gauss(0, 0.03)),
    }


def _meter_at_midnight(spec: Spec, day: int) -> float:
    """The register at the start of local `day`: a steady mean plus a bounded day-to-day wobble.

    The wobble moves energy between neighbouring days; it is capped at 30 % of the quietest day, so
    no day's increment is below 40 % of its usual one, let alone negative.
    """
    curves = load_curve(spec.shifts)
    week, before = _week(spec.shifts)
    monday_days = _days_before(day, before, week) - _days_before(COMMISSIONED, before, week)
    wobble = 0.3 * min(c[-1] for c in curves) * (chance(spec.key, 21, day) * 2 - 1)
    return 5000.0 * spec.scale * chance(spec.key, 22) + 400.0 * spec.scale * 24 * (monday_days + wobble)


def _between(start: float, end: float, share: float) -> float:
    """`share` of the way from one midnight's register to the next, never past the next (rounding)."""
    return min(end, start + min(1.0, max(0.0, share)) * (end - start))


def _days_before(day: int, before: list[float], week: float) -> float:
    return day // 7 * week + before[day % 7]


@cache
def clear_sky_days() -> tuple[tuple[float, ...], float]:
    """Cumulative full-sun hours of clear days through a 365-day year (index: day of the year)."""
    running = [0.0]
    for n in range(365):
        a, b = _sun_terms(n)
        half_day = math.acos(-a / b)
        running.append(running[-1] + 24 / math.pi * (a * half_day + b * math.sin(half_day)))
    return tuple(running), min(running[i + 1] - running[i] for i in range(365))


def _sun_terms(doy: float) -> tuple[float, float]:
    declination = math.radians(23.44) * math.sin(2 * math.pi * (doy - 81) / 365.2425)
    lat = math.radians(LATITUDE)
    return math.sin(lat) * math.sin(declination), math.cos(lat) * math.cos(declination)


def solar(spec: Spec, t: float, rng) -> dict[str, float]:
    """A rooftop system's generation meter (kWh so far): nothing at night, most around noon."""
    day = local_day(t)
    if day < COMMISSIONED:
        return {"solar_energy": 0.0}
    today, tomorrow = _solar_at_midnight(spec, day), _solar_at_midnight(spec, day + 1)
    return {"solar_energy": _between(today, tomorrow, sun_share(t))}


def _solar_at_midnight(spec: Spec, day: int) -> float:
    """Clear-sky sunshine so far at the mean clearness, with a wobble for cloudy and bright days
    that cannot make a day's yield negative (as for energy)."""
    running, dullest = clear_sky_days()
    elapsed, first = day - COMMISSIONED, (COMMISSIONED - 10957) % 365  # 10957: 2000-01-01
    full_sun = elapsed // 365 * running[365] + _year_span(running, first, elapsed % 365)
    wobble = 0.9 * MEAN_CLEARNESS * dullest / 2 * (chance(spec.region, 23, day) * 2 - 1)
    kwp = 500.0 * spec.scale
    return 1000.0 * spec.scale * chance(spec.key, 24) + kwp * PERFORMANCE * (
        MEAN_CLEARNESS * full_sun + wobble
    )


def _year_span(running: tuple[float, ...], start: int, length: int) -> float:
    end = start + length
    if end <= 365:
        return running[end] - running[start]
    return running[365] - running[start] + running[end - 365]


def sun_share(t: float) -> float:
    """Share of a clear day's sunshine fallen by `t`: 0 before sunrise, 1 after sunset."""
    a, b = _sun_terms(day_of_year(t))
    half_day = math.acos(-a / b)
    solar_time = local_hour(t) + (LONGITUDE - 105.0) / 15.0
    angle = min(half_day, max(-half_day, math.radians(15.0 * (solar_time - 12.0))))
    done = a * (angle + half_day) + b * (math.sin(angle) + math.sin(half_day))
    return done / (2 * (a * half_day + b * math.sin(half_day)))
