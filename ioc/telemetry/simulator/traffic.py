"""Vehicles and people: gates, road counters, cameras and the car park.

Most of the park's 50,000 workers ride motorbikes or company buses, so the gates are busiest as
shifts change at 06:00, 14:00 and 22:00 (the night shift is smaller), with smaller peaks when the
office day starts and ends. Heavy trucks move by day; few run at night. Counts are per reporting
interval, drawn from a Poisson law around the expected rate.
"""

from ioc.telemetry.simulator.base import Spec, bump, local_hour, poisson, shift_change, weekday

OFFICE_START, OFFICE_END = 7.75, 17.0


def vehicles_per_minute(t: float) -> tuple[float, float]:
    """Expected (light, heavy) vehicles a minute through the main gate."""
    hour, day = local_hour(t), weekday(t)
    daytime = bump(hour, 12.5, 3.5)
    light = (
        2.0
        + 7.0 * daytime
        + 70.0 * shift_change(hour)
        + 25.0 * (bump(hour, OFFICE_START, 0.4) + bump(hour, OFFICE_END, 0.5))
    )
    heavy = 0.25 + 2.2 * daytime
    if day == 6:
        light, heavy = light * 0.45, heavy * 0.3
    return light, heavy


def counter(spec: Spec, t: float, rng) -> dict[str, float]:
    """A gate plate reader or road counter: vehicles and heavy vehicles in the last interval."""
    light, heavy = vehicles_per_minute(t)
    minutes = spec.params.get("minutes", 1.0)
    trucks = spec.params.get("trucks", 1.0)  # the logistics gate sees more trucks than the others
    heavy_count = poisson(rng, heavy * trucks * spec.scale * minutes)
    return {
        "vehicle_count": poisson(rng, light * spec.scale * minutes) + heavy_count,
        "heavy_vehicle_count": heavy_count,
    }


def people(spec: Spec, t: float, rng) -> dict[str, float]:
    """People a camera sees in a minute: rare along the fences, staff at the plant and the office."""
    hour, day = local_hour(t), weekday(t)
    if spec.model == "fence":
        rate = 0.02 * bump(hour, 12, 4) + 0.004
    elif spec.model == "office":
        present = day < 5 and OFFICE_START - 0.5 < hour < OFFICE_END + 0.5
        rate = (0.8 if present else 0.02) + 4.0 * (
            bump(hour, OFFICE_START, 0.3)
            + bump(hour, 11.5, 0.3)
            + bump(hour, 13.0, 0.3)
            + bump(hour, OFFICE_END, 0.3)
        ) * (day < 5)
    else:  # a plant with a few operators per shift, most seen around the handovers
        rate = 0.25 + 1.5 * shift_change(hour, 0.25) + 0.3 * bump(hour, 10, 2)
    return {"people_count": poisson(rng, rate * spec.scale)}


def parking(spec: Spec, t: float, rng) -> dict[str, float]:
    """Occupancy of the operations building's car park, %."""
    hour, day = local_hour(t), weekday(t)
    if day < 5:
        arriving = min(1.0, max(0.0, (hour - 7.0) / 1.5))
        leaving = min(1.0, max(0.0, (18.5 - hour) / 1.5))
        level = 10.0 + 78.0 * min(arriving, leaving) - 12.0 * bump(hour, 12, 0.5)
    else:
        level = 8.0 + 15.0 * bump(hour, 10, 2.5)
    return {"occupancy": min(100.0, max(0.0, level + rng.gauss(0, 2.5)))}
