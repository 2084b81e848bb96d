"""Patrol rounds: when they are due, and what a guard's scans make of each one.

A route's rounds start at `first` and then every `every`, the last one starting no later than
`last` (a night shift such as 22:00 → 06:00 runs over midnight; `first == last` means around the
clock). A round is done once every checkpoint of the route was scanned within its window
[start, start + allowed]; it is missed when the window closed first. A round may be walked in any
order; whether the route's order was kept is reported, not judged.

Plain functions on plain values: no ORM, no request. Times are aware datetimes; the schedule is read
in the park's time zone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

DAY = timedelta(days=1)


class Status(StrEnum):
    UPCOMING = "upcoming"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    MISSED = "missed"


STATUS_LABELS = {
    Status.UPCOMING: _("upcoming"), Status.IN_PROGRESS: _("in progress"), Status.DONE: _("done"),
    Status.MISSED: _("missed"),
}  # fmt: skip


@dataclass(frozen=True)
class Schedule:
    first: time
    last: time
    every: timedelta
    allowed: timedelta


@dataclass(frozen=True)
class Scan:
    checkpoint: str  # the checkpoint's code
    at: datetime
    guard: str = ""


@dataclass(frozen=True)
class Round:
    start: datetime
    deadline: datetime
    status: Status
    visited: tuple[Scan, ...] = ()  # the first scan of each visited checkpoint, in route order
    missing: tuple[str, ...] = ()
    completed_at: datetime | None = None
    order_kept: bool | None = None  # None until every checkpoint was visited
    guards: tuple[str, ...] = field(default=())


def _span(schedule: Schedule) -> timedelta:
    """How long after `first` the last round may start; a full day when first == last."""
    first = timedelta(hours=schedule.first.hour, minutes=schedule.first.minute)
    last = timedelta(hours=schedule.last.hour, minutes=schedule.last.minute)
    return (last - first) % DAY or DAY


def _starts_of_shift(schedule: Schedule, day: date, zone: tzinfo) -> list[datetime]:
    span, begin = _span(schedule), datetime.combine(day, schedule.first, tzinfo=zone)
    around_the_clock = span == DAY
    starts, offset = [], timedelta(0)
    while offset < span or (offset == span and not around_the_clock):
        starts.append(begin + offset)
        offset += schedule.every
    return starts


def round_starts(schedule: Schedule, since: datetime, until: datetime, zone: tzinfo) -> list[datetime]:
    """The starts of the rounds in [since, until), in order."""
    if schedule.every <= timedelta(0) or until <= since:
        return []
    # A shift that began the day before `since` may still have rounds in the range.
    day, last_day = since.astimezone(zone).date() - DAY, until.astimezone(zone).date()
    found: set[datetime] = set()
    while day <= last_day:
        found.update(s for s in _starts_of_shift(schedule, day, zone) if since <= s < until)
        day += DAY
    return sorted(found)


def judge_round(
    start: datetime, allowed: timedelta, stops: list[str], scans: list[Scan], now: datetime
) -> Round:
    """What the scans make of the round starting at `start` over the checkpoints `stops` (in order)."""
    deadline = start + allowed
    first: dict[str, Scan] = {}
    for scan in sorted(scans, key=lambda s: s.at):
        if start <= scan.at <= deadline and scan.checkpoint in stops:
            first.setdefault(scan.checkpoint, scan)
    visited = tuple(first[code] for code in stops if code in first)
    missing = tuple(code for code in stops if code not in first)
    guards = tuple(sorted({scan.guard for scan in visited if scan.guard}))
    if stops and not missing:
        times = [scan.at for scan in visited]
        return Round(start, deadline, Status.DONE, visited, (), max(times), times == sorted(times), guards)
    if now < start:
        status = Status.UPCOMING
    elif now <= deadline:
        status = Status.IN_PROGRESS
    else:
        status = Status.MISSED
    return Round(start, deadline, status, visited, missing, guards=guards)


def judge_rounds(
    schedule: Schedule, stops: list[str], scans: list[Scan], *, since: datetime, until: datetime, now: datetime,
    zone: tzinfo,
) -> list[Round]:  # fmt: skip
    """Every round starting in [since, until), judged at `now`."""
    return [
        judge_round(start, schedule.allowed, stops, scans, now)
        for start in round_starts(schedule, since, until, zone)
    ]


def rounds_to_clear(missed_deadlines: dict[str, datetime], rounds: list[Round], source_of) -> list[str]:
    """Which open missed-round alarms (source → the missed round's deadline) to clear: the round was
    done after all (its scans arrived late), or a later round of the route was done."""
    done = [r for r in rounds if r.status == Status.DONE]
    done_sources = {source_of(r) for r in done}
    latest_done = max((r.start for r in done), default=None)
    return sorted(
        source
        for source, deadline in missed_deadlines.items()
        if source in done_sources or (latest_done is not None and latest_done >= deadline)
    )
