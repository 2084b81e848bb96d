"""Vehicles through a gate's plate reader: each one enters and later leaves, so vehicles inside the park
equal entries minus exits at every instant.

Regulars come every working day: workers' cars and motorbikes for their shift (06–14, 14–22, the
night shift 22–06 leaving the next morning, or office hours), company buses dropping a shift off and
picking the last one up, suppliers' lorries in the daytime. Visitors and deliveries come once, mostly
by day, and stay from a quarter of an hour (a van) to a few hours (a container being loaded). A day's
passages are worked out once per gate from its key, so any window of time gets the same reads.
"""

import random
from dataclasses import dataclass
from functools import lru_cache

from ioc.telemetry.simulator.base import (
    DAY_S,
    UTC_OFFSET_S,
    Spec,
    bump,
    chance,
    local_day,
    mix,
    poisson,
    weekday,
)
from ioc.telemetry.simulator.plates import pick, plate

REGULARS = 150  # per unit of gate scale (the main gate: 1.0)
VISITORS = 70  # a day, per unit of gate scale and of its share of lorries
SHIFTS = ((6.0, 14.0, 30), (14.0, 22.0, 25), (22.0, 30.0, 15), (7.75, 17.0, 30))  # (in, out, weight)
REGULAR_CLASSES = (("car", 48), ("motorbike", 22), ("bus", 12), ("van", 9), ("truck", 9))
VISITOR_CLASSES = (("truck", 35), ("container", 15), ("van", 20), ("car", 25), ("motorbike", 5))
# How long a visitor stays, minutes (low, high).
STAYS = {"truck": (40, 240), "container": (60, 300), "van": (15, 90), "car": (30, 180), "motorbike": (15, 60)}


@dataclass(frozen=True, slots=True)
class Passage:
    t: float  # epoch seconds
    plate: str
    direction: str  # "in" | "out"
    vehicle_class: str
    confidence: float


def reads(spec: Spec, after: float, until: float) -> list[Passage]:
    """The gate's reads with after < t <= until, in time order."""
    trucks = spec.params.get("trucks", 1.0)
    first, last = local_day(after) - 1, local_day(until)  # a night shift leaves the day after
    found = [
        p
        for day in range(first, last + 1)
        for p in day_passages(spec.key, spec.scale, trucks, day)
        if after < p.t <= until
    ]
    return sorted(found, key=lambda p: p.t)


@lru_cache(maxsize=64)
def day_passages(key: int, scale: float, trucks: float, day: int) -> tuple[Passage, ...]:
    """Every passage of the vehicles arriving on local `day` (their exits may fall the day after)."""
    rng = random.Random(mix(key, day, 17))  # noqa: S311
    midnight = day * DAY_S - UTC_OFFSET_S
    out: list[Passage] = []
    for number in range(round(REGULARS * scale)):
        out += _regular(key, number, day, midnight, rng)
    weekday_factor = 0.3 if weekday(midnight + 43200) == 6 else 1.0
    for _visitor in range(poisson(rng, VISITORS * scale * trucks * weekday_factor)):
        out += _visitor_visit(rng, midnight)
    return tuple(out)


def _regular(key: int, number: int, day: int, midnight: float, rng) -> list[Passage]:
    """A regular vehicle's passages on `day`: none on its days off."""
    who = random.Random(mix(key, number, 99))  # noqa: S311 — the same vehicle every day
    vehicle_class = pick(who, REGULAR_CLASSES)
    registration = plate(who, vehicle_class)
    sunday = weekday(midnight + 43200) == 6
    if chance(key, number, day) > (0.35 if sunday else 0.93):
        return []
    if vehicle_class == "truck":  # a supplier's lorry: one delivery in the day
        arrive = midnight + (8 + 8 * rng.random()) * 3600
        return _visit(rng, registration, vehicle_class, arrive, (40 + 140 * rng.random()) * 60)
    start, end, _weight = pick(who, tuple((shift, shift[2]) for shift in SHIFTS))
    if vehicle_class == "bus":  # drops the shift off, and later picks one up
        drop = midnight + start * 3600 - (20 + 10 * rng.random()) * 60
        pick_up = midnight + end * 3600 - (15 + 10 * rng.random()) * 60
        return _visit(rng, registration, "bus", drop, 600 + 300 * rng.random()) + _visit(
            rng, registration, "bus", pick_up, 900 + 600 * rng.random()
        )
    arrive = midnight + start * 3600 - (5 + 25 * rng.random()) * 60
    leave = midnight + end * 3600 + (2 + 30 * rng.random() ** 2) * 60
    return _visit(rng, registration, vehicle_class, arrive, leave - arrive)


def _visitor_visit(rng, midnight: float) -> list[Passage]:
    vehicle_class = pick(rng, VISITOR_CLASSES)
    hour = 6.5 + 11.5 * rng.random()
    while rng.random() > bump(hour, 12.5, 3.5) + 0.15:  # mostly by day, a few early or late
        hour = 6.5 + 11.5 * rng.random()
    low, high = STAYS[vehicle_class]
    stay = (low + (high - low) * rng.random()) * 60
    return _visit(rng, plate(rng, vehicle_class), vehicle_class, midnight + hour * 3600, stay)


def _visit(rng, registration: str, vehicle_class: str, arrive: float, stay: float) -> list[Passage]:
    return [
        Passage(round(arrive, 3), registration, "in", vehicle_class, _confidence(rng)),
        Passage(round(arrive + stay, 3), registration, "out", vehicle_class, _confidence(rng)),
    ]


def _confidence(rng) -> float:
    """Most reads are clean; a dirty or tilted plate reads lower now and then."""
    return round(0.99 - 0.2 * rng.random() ** 4, 2)
