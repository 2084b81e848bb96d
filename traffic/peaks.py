"""The traffic peaks to expect as the enterprises' shifts change. Pure.

Each shift brings its people in before it starts and sends them home after it ends; the shifts of
the park's enterprises that change at about the same time load the roads together. A peak is the
changes that fall within WINDOW of the first one, in vehicles: headcount × vehicles per worker.

Assumptions, kept here as data (confidence M — no survey of Đại An's commuters was read): most
workers of Vietnamese industrial parks ride their own motorbike, large employers run shuttle buses,
few come by car; people reach the gate about 15 minutes before their shift and leave within about
10 minutes of its end. Change MODES, ARRIVAL_LEAD and DEPARTURE_LAG when a survey says otherwise.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Mode:
    key: str
    share: float  # of workers
    persons_per_vehicle: float
    name: object


MODES = (
    Mode("motorbike", 0.80, 1.1, _("motorbikes")),
    Mode("bus", 0.15, 40.0, _("buses")),
    Mode("car", 0.05, 1.5, _("cars")),
)
ARRIVAL_LEAD = timedelta(minutes=15)
DEPARTURE_LAG = timedelta(minutes=10)
WINDOW = timedelta(minutes=30)


def vehicles_per_worker(modes=MODES) -> float:
    """0.8 / 1.1 + 0.15 / 40 + 0.05 / 1.5 = 0.764 with the MODES above."""
    return sum(mode.share / mode.persons_per_vehicle for mode in modes)


@dataclass(frozen=True)
class Shift:
    who: str  # the enterprise, as the page names it
    name: str
    start: time
    end: time
    days: str  # ISO weekdays it starts on: "123456" is Monday to Saturday
    headcount: int
    enterprise: int | None = None  # its id in the registry


@dataclass(frozen=True)
class Change:
    at: datetime  # when its people are on the road
    shift: Shift
    arriving: bool


@dataclass
class Peak:
    changes: list[Change] = field(default_factory=list)
    per_worker: float = 0.0

    @property
    def start(self) -> datetime:
        return self.changes[0].at

    @property
    def end(self) -> datetime:
        return self.changes[-1].at

    @property
    def arriving(self) -> int:
        return sum(c.shift.headcount for c in self.changes if c.arriving)

    @property
    def leaving(self) -> int:
        return sum(c.shift.headcount for c in self.changes if not c.arriving)

    @property
    def vehicles_in(self) -> int:
        return round(self.arriving * self.per_worker)

    @property
    def vehicles_out(self) -> int:
        return round(self.leaving * self.per_worker)

    @property
    def vehicles(self) -> int:
        return self.vehicles_in + self.vehicles_out

    def by_mode(self, modes=MODES) -> dict[str, int]:
        people = self.arriving + self.leaving
        return {mode.key: round(people * mode.share / mode.persons_per_vehicle) for mode in modes}


def changes(shifts, start: datetime, end: datetime) -> list[Change]:
    """Every arrival and departure whose road time falls in [start, end), in time order.

    `start` and `end` are aware; shift times are read in `start`'s zone (the park's local time). A
    shift that ends at or before its start time ends on the next day.
    """
    zone = start.tzinfo
    found = []
    day = start.date() - timedelta(days=1)  # last night's shift may end this morning
    while day <= end.date():
        for shift in shifts:
            if str(day.isoweekday()) in shift.days:
                found += _of_day(shift, day, zone, start, end)
        day += timedelta(days=1)
    return sorted(found, key=lambda c: (c.at, not c.arriving, c.shift.who, c.shift.name))


def _of_day(shift: Shift, day: date, zone, start: datetime, end: datetime) -> list[Change]:
    begins = datetime.combine(day, shift.start, tzinfo=zone)
    ends = datetime.combine(day + timedelta(days=shift.end <= shift.start), shift.end, tzinfo=zone)
    candidates = (Change(begins - ARRIVAL_LEAD, shift, True), Change(ends + DEPARTURE_LAG, shift, False))
    return [change for change in candidates if start <= change.at < end]


def peaks(found: list[Change], *, window: timedelta = WINDOW, per_worker: float | None = None) -> list[Peak]:
    """Changes grouped into peaks: each peak takes the changes within `window` of its first one."""
    per_worker = vehicles_per_worker() if per_worker is None else per_worker
    grouped: list[Peak] = []
    for change in found:
        if not grouped or change.at - grouped[-1].start > window:
            grouped.append(Peak(per_worker=per_worker))
        grouped[-1].changes.append(change)
    return grouped


def next_peaks(shifts, now: datetime, *, hours: int = 24, limit: int | None = None) -> list[Peak]:
    """The peaks of the next `hours` after `now`, the biggest `limit` of them kept in time order."""
    found = peaks(changes(shifts, now, now + timedelta(hours=hours)))
    if limit is not None:
        keep = {id(peak) for peak in sorted(found, key=lambda peak: -peak.vehicles)[:limit]}
        found = [peak for peak in found if id(peak) in keep]
    return found
