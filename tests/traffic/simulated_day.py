"""A synthetic day of plate reads at the park's gates, for the acceptance test of a whole day: Vietnamese
plates, commuters' cars and shuttle buses at the shift changes, lorries by day. Pure. (The demo's
live reads come from the simulator, ioc.telemetry.simulator.)

Assumptions of the test, not survey figures: the readers stand on the car and lorry lanes (motorbike lanes
are counted, not read); most vehicles come from Hải Phòng (codes 15, 16, and 34 of the former Hải
Dương province) and the neighbouring provinces; cars follow the shifts of traffic.peaks (06:00,
14:00, 22:00, office 07:30–16:30), lorries arrive between 06:00 and 18:00 and stay ½–4 hours, buses
drop a shift off and come back for it. A few passages are read twice within seconds (the second
lane's camera, an NVR re-sending), as real readers do. The night shift's cars are still inside at
the day's end, and leave the next morning.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from traffic.plates import Plate

# (province code, weight): where the park's vehicles are registered.
ORIGINS = (("34", 40), ("15", 18), ("16", 8), ("29", 5), ("30", 4), ("14", 5), ("17", 4), ("89", 4),
           ("99", 3), ("98", 3), ("12", 2), ("51", 1))  # fmt: skip
# Series letters a car or lorry may get; C mostly goes to lorries (traffic.plates.TRUCK_SERIES_LETTER).
CAR_SERIES, LORRY_SERIES = "ADEFGHKLMNPRSTUVXYZ", "CCCCCDH"
SHIFTS = ((6.0, 8.0), (14.0, 8.0), (22.0, 8.0), (7.5, 9.0))  # (start hour, length)
REPEAT_SHARE = 0.05


@dataclass(frozen=True)
class Vehicle:
    plate: str
    vehicle_class: str  # traffic.plate_reads.VEHICLE_CLASSES
    role: str  # "commuter", "lorry", "bus"


@dataclass(frozen=True)
class SimRead:
    gate: str  # the gate's key (its device serial)
    plate: str
    direction: str  # as the park sees it
    vehicle_class: str
    confidence: float
    at: datetime
    event_id: str


def make_plate(rng: random.Random, series_letters: str = CAR_SERIES) -> Plate:
    codes, weights = zip(*ORIGINS, strict=True)
    province = rng.choices(codes, weights)[0]
    return Plate(province, rng.choice(series_letters), f"{rng.randrange(0, 100_000):05d}")


def fleet(rng: random.Random, cars: int, lorries: int, buses: int) -> list[Vehicle]:
    found, plates = [], set()
    for count, role, letters, classes in (
        (cars, "commuter", CAR_SERIES, ("car", "car", "car", "van")),
        (lorries, "lorry", LORRY_SERIES, ("truck", "truck", "container", "van")),
        (buses, "bus", "BK", ("bus",)),
    ):
        while count:
            plate = make_plate(rng, letters).canonical
            if plate not in plates:
                plates.add(plate)
                found.append(Vehicle(plate, rng.choice(classes), role))
                count -= 1
    return found


def day_reads(
    vehicles, gates: list[tuple[str, float]], start: datetime, seed: int, *, carry_over: bool = True
):
    """The reads of the day from `start` (local midnight, aware) at `gates` ((key, weight) pairs).

    Each vehicle's day is drawn from its own dice (seed, day, plate), so a day is the same whichever
    day asks for it. With `carry_over`, the stays that began the day before and end in this one (the
    night shift going home) are read too; without it nobody is inside at the start.
    """
    if not isinstance(seed, int):
        raise TypeError("the seed is an int, so that a day is the same in every process")
    end = start + timedelta(days=1)
    days = (start - timedelta(days=1), start) if carry_over else (start,)
    reads: list[SimRead] = []
    for vehicle in vehicles:
        for day in days:
            rng = random.Random(f"{seed}:{day.date().isoformat()}:{vehicle.plate}")  # noqa: S311 (a demo's dice)
            for entered, left in _stays(vehicle, day, rng):
                for at, direction in ((entered, "in"), (left, "out")):
                    gate = _gate(gates, vehicle, rng)
                    if start <= at < end:
                        reads += _read(vehicle, gate, direction, at, rng)
    return sorted(reads, key=lambda read: (read.at, read.event_id))


def _stays(vehicle: Vehicle, start: datetime, rng: random.Random) -> list[tuple[datetime, datetime]]:
    if vehicle.role == "lorry":
        if rng.random() < 0.3:  # not every lorry comes every day
            return []
        entered = start + timedelta(hours=rng.uniform(6, 18))
        return [(entered, entered + timedelta(minutes=rng.uniform(30, 240)))]
    shift_start, length = rng.choice(SHIFTS)
    begins = start + timedelta(hours=shift_start)
    if vehicle.role == "bus":  # drops the shift off, comes back for it
        arrive = begins - timedelta(minutes=rng.uniform(10, 25))
        ends = begins + timedelta(hours=length, minutes=rng.uniform(-5, 5))
        return [
            (arrive, arrive + timedelta(minutes=rng.uniform(5, 15))),
            (ends, ends + timedelta(minutes=rng.uniform(5, 15))),
        ]
    arrive = begins - timedelta(minutes=rng.uniform(5, 30))
    return [(arrive, begins + timedelta(hours=length, minutes=rng.uniform(2, 25)))]


def _gate(gates: list[tuple[str, float]], vehicle: Vehicle, rng: random.Random) -> str:
    keys, weights = zip(*gates, strict=True)
    if vehicle.role == "lorry" and len(keys) > 1:  # lorries favour the logistics gate, the second one
        weights = [w * (3 if i == 1 else 1) for i, w in enumerate(weights)]
    return rng.choices(keys, weights)[0]


def _read(vehicle: Vehicle, gate: str, direction: str, at: datetime, rng: random.Random) -> list[SimRead]:
    at = at.replace(microsecond=0)
    key = f"sim-{vehicle.plate}-{at:%Y%m%d%H%M%S}-{direction}".replace(" ", "")
    first = SimRead(
        gate, vehicle.plate, direction, vehicle.vehicle_class, round(rng.uniform(0.8, 0.99), 2), at, key
    )
    if rng.random() >= REPEAT_SHARE:
        return [first]
    again = at + timedelta(seconds=rng.randint(1, 10))
    return [first, SimRead(gate, vehicle.plate, direction, vehicle.vehicle_class, first.confidence, again,
                           f"{key}-again")]  # fmt: skip
