"""What the traffic page, tiles and API read: the park now, a gate day, counters, peaks.

Enterprise users see the gates their enterprise owns and the reads and stays there, nothing of the
park's own gates (who drives into the park is not theirs to know); road counters and peaks are
park-wide figures everyone may see.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from ioc.api.tenancy import scope_to_user
from ioc.park.choices import EnterpriseStatus
from ioc.park.models import ShiftSchedule
from traffic import peaks
from traffic.choices import StayOutcome
from traffic.congestion import QUARTER, Congestion, congestion
from traffic.models import CountInterval, Gate, GateHour, PlateRead, RoadCounter, Stay

FRESH = timedelta(minutes=30)  # a 15-minute count older than this is not "now"
COUNTED = ("entries", "exits", "heavy_entries", "heavy_exits", "new_plates", "stays_closed", "dwell_seconds")


def visible_gates(user):
    return scope_to_user(Gate.objects.select_related("device"), user, "device__enterprise")


def visible_reads(user):
    return scope_to_user(
        PlateRead.objects.select_related("gate", "reader", "watchlist_entry"),
        user,
        "gate__device__enterprise",
    )


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start, start + timedelta(days=1)


@dataclass
class ParkNow:
    inside: int = 0
    heavy_inside: int = 0
    totals: dict = field(default_factory=dict)  # COUNTED summed over today
    gates: list = field(default_factory=list)  # (gate, counts today)
    dwell_median_s: float | None = None
    watchlist_hits: int = 0

    @property
    def dwell_mean_s(self) -> float | None:
        closed = self.totals.get("stays_closed")
        return self.totals["dwell_seconds"] / closed if closed else None


def park_now(user, now: datetime | None = None, *, median_dwell: bool = False) -> ParkNow:
    """Vehicles inside (open stays), and today's counts per gate (local day). The median time inside
    reads every stay ended today, so only the page and the API ask for it, not the tile."""
    now = now or timezone.now()
    gates = list(visible_gates(user))
    start, _end = local_day_bounds(timezone.localdate(now))
    open_stays = Stay.objects.filter(outcome=StayOutcome.OPEN, gate_in__in=gates)
    hours = GateHour.objects.filter(gate__in=gates, hour__gte=start, hour__lte=now)
    per_gate = {row["gate"]: row for row in hours.values("gate").annotate(**{n: Sum(n) for n in COUNTED})}
    dwell = []
    if median_dwell:
        left_today = Stay.objects.filter(gate_in__in=gates, outcome=StayOutcome.LEFT, left_at__gte=start)
        dwell = [
            (left - entered).total_seconds()
            for entered, left in left_today.values_list("entered_at", "left_at")
        ]
    return ParkNow(
        inside=open_stays.count(),
        heavy_inside=open_stays.filter(heavy=True).count(),
        totals={name: sum(row[name] or 0 for row in per_gate.values()) for name in COUNTED},
        gates=[(gate, per_gate.get(gate.pk, {})) for gate in gates],
        dwell_median_s=median(dwell) if dwell else None,
        watchlist_hits=visible_reads(user).filter(at__gte=start, watchlist_entry__isnull=False).count(),
    )


def gate_hours(user, day: date, gate: Gate | None = None) -> list[dict]:
    """Entries and exits per gate and local hour of `day` (from the kept counts, so past the reads' retention)."""
    start, end = local_day_bounds(day)
    rows = GateHour.objects.filter(gate__in=visible_gates(user), hour__gte=start, hour__lt=end)
    if gate is not None:
        rows = rows.filter(gate=gate)
    zone = ZoneInfo(settings.TIME_ZONE)
    return [
        {"gate": row.gate_id, "hour": row.hour.astimezone(zone).isoformat(),
         **{name: getattr(row, name) for name in COUNTED}}
        for row in rows.order_by("hour", "gate_id")
    ]  # fmt: skip


@dataclass
class CounterNow:
    counter: RoadCounter
    interval: CountInterval | None
    level: Congestion | None


def counters_now(now: datetime | None = None, counters=None) -> list[CounterNow]:
    """Each counter with its latest complete quarter within FRESH, and how congested that was."""
    now = now or timezone.now()
    counters = list(counters if counters is not None else RoadCounter.objects.select_related("device"))
    latest = {}
    recent = CountInterval.objects.filter(
        counter__in=counters, bucket__gte=now - FRESH - QUARTER, bucket__lte=now - QUARTER
    ).order_by("bucket")
    for interval in recent:
        latest[interval.counter_id] = interval
    found = []
    for counter in counters:
        interval = latest.get(counter.pk)
        level = congestion(interval.volume, counter.capacity_per_hour) if interval else None
        found.append(CounterNow(counter, interval, level))
    return found


def park_shifts() -> list[peaks.Shift]:
    shifts = ShiftSchedule.objects.select_related("enterprise").exclude(
        enterprise__status__in=[EnterpriseStatus.CLOSED, EnterpriseStatus.SUSPENDED]
    )
    return [
        peaks.Shift(s.enterprise.name, s.name, s.start, s.end, s.days, s.headcount, s.enterprise_id)
        for s in shifts
    ]


def next_peaks(now: datetime | None = None, *, hours: int = 24, limit: int | None = None) -> list[peaks.Peak]:
    now = timezone.localtime(now or timezone.now())
    return peaks.next_peaks(park_shifts(), now, hours=hours, limit=limit)


def recent_hits(user, limit: int = 20):
    return visible_reads(user).filter(watchlist_entry__isnull=False).order_by("-at")[:limit]
