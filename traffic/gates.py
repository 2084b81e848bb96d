"""A day at the park's gates from its plate reads: counts, who is inside, dwell, anomalies. Pure.

Reads come deduplicated (traffic.plate_reads.dedupe). A vehicle is inside from an "in" read to the
next "out" read of its plate, at any gate. Two kinds of read break that pairing and are reported,
never silently counted: an exit with no entry (missed at the gate, or in since before the data) does
not lower the count below what entered, and an entry while already inside closes the earlier stay
as a missed exit, so that inside = entries − paired exits − missed exits at every moment.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from traffic.plate_reads import PlateRead

HEAVY_CLASSES = frozenset({"truck", "container"})


@dataclass(frozen=True, slots=True)
class Stay:
    plate: str  # canonical
    gate_in: str
    entered: datetime
    gate_out: str | None = None
    left: datetime | None = None

    @property
    def seconds(self) -> float | None:
        return (self.left - self.entered).total_seconds() if self.left else None


@dataclass(frozen=True, slots=True)
class Anomaly:
    kind: str  # "exit_without_entry" or "missed_exit"
    plate: str
    gate: str
    at: datetime


@dataclass
class GateDay:
    entries: Counter = field(default_factory=Counter)  # by gate
    exits: Counter = field(default_factory=Counter)  # by gate, as the cameras saw them
    inside: dict[str, Stay] = field(default_factory=dict)  # by canonical plate, open stays
    heavy: set[str] = field(default_factory=set)  # canonical plates read as heavy vehicles
    stays: list[Stay] = field(default_factory=list)  # closed by a real exit
    anomalies: list[Anomaly] = field(default_factory=list)
    unknown: set[str] = field(default_factory=set)
    timeline: list[tuple[datetime, int]] = field(default_factory=list)  # inside after each read

    @property
    def heavy_inside(self) -> int:
        return sum(1 for plate in self.inside if plate in self.heavy)

    @property
    def missed_exits(self) -> int:
        return sum(1 for anomaly in self.anomalies if anomaly.kind == "missed_exit")


def is_heavy(read: PlateRead) -> bool:
    """The camera's class decides; the lorry series is only a fallback when it could not tell."""
    if read.vehicle_class == "other":
        return read.plate.truck_series
    return read.vehicle_class in HEAVY_CLASSES


def gate_day(reads, *, gate_of=None, known=frozenset(), inside_at_start=None) -> GateDay:
    """Replay the reads in time order. `gate_of` maps a camera to its gate (default: the camera is the
    gate); `known` holds the canonical plates of the registry; `inside_at_start` the open stays
    carried over from the day before, so their exits are not anomalies."""
    day = GateDay(inside=dict(inside_at_start or {}))
    for read in sorted(reads, key=lambda r: r.at):
        gate = gate_of(read.camera) if gate_of else read.camera
        plate = read.plate.canonical
        if plate not in known:
            day.unknown.add(plate)
        if is_heavy(read):
            day.heavy.add(plate)
        (day.entries if read.direction == "in" else day.exits)[gate] += 1
        step = passage(day.inside.get(plate), plate, gate, read.direction, read.at)
        if step.open is None:
            day.inside.pop(plate, None)
        else:
            day.inside[plate] = step.open
        if step.closed is not None:
            day.stays.append(step.closed)
        if step.anomaly is not None:
            day.anomalies.append(step.anomaly)
        day.timeline.append((read.at, len(day.inside)))
    return day


@dataclass(frozen=True, slots=True)
class Step:
    open: Stay | None  # the plate's open stay after the read
    closed: Stay | None = None  # the stay the read ended with a real exit
    anomaly: Anomaly | None = None


def passage(open_stay: Stay | None, plate: str, gate: str, direction: str, at: datetime) -> Step:
    """What one read does to its plate's stay: the rule the day's replay and the live store share."""
    if direction == "in":
        anomaly = Anomaly("missed_exit", plate, gate, at) if open_stay is not None else None
        return Step(Stay(plate, gate, at), anomaly=anomaly)
    if open_stay is None:
        return Step(None, anomaly=Anomaly("exit_without_entry", plate, gate, at))
    return Step(None, closed=Stay(plate, open_stay.gate_in, open_stay.entered, gate, at))


def dwell_seconds(day: GateDay) -> dict[str, list[float]]:
    """Each vehicle's completed stays, in seconds, by canonical plate."""
    found: dict[str, list[float]] = {}
    for stay in day.stays:
        found.setdefault(stay.plate, []).append(stay.seconds)
    return found
