"""Compliance with a standard over its averaging period: pure functions, no database.

A limit is judged on the mean its standard names: hourly means for wastewater (QCVN 40:2011) and
stacks (QCVN 19:2009); 1-hour, 8-hour, 24-hour and annual means for ambient air (QCVN 05:2023).
A mean over several hours needs enough hours behind it, or it is not judged at all (never a
verdict on a sliver of data).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from environment.discharge import EffectiveLimit

# Hours an averaging period spans, and how many hourly means it needs to be judged. The 75 %
# completeness rule is the usual one for multi-hour means (as in the NowCast/AQI practice); the
# QCVNs themselves do not state one (confidence M) — kept here as data so it can be corrected.
PERIOD_HOURS = {"1h": 1, "8h": 8, "24h": 24}
MIN_SHARE = 0.75


@dataclass(frozen=True)
class Verdict:
    parameter: str
    averaging: str
    period_start: datetime
    period_end: datetime
    mean: float
    hours: int
    limit: EffectiveLimit

    @property
    def compliant(self) -> bool:
        return not self.limit.breached_by(self.mean)


def min_hours(averaging: str) -> int:
    hours = PERIOD_HOURS[averaging]
    return 1 if hours == 1 else int(hours * MIN_SHARE + 0.999)


def period_mean(
    hourly: dict[datetime, float], start: datetime, end: datetime, averaging: str
) -> tuple[float, int] | None:
    """Mean of the hourly means whose hour starts in [start, end), if there are enough of them."""
    values = [value for hour, value in hourly.items() if start <= hour < end]
    if len(values) < min_hours(averaging):
        return None
    return sum(values) / len(values), len(values)


def judge(
    parameter: str, averaging: str, hourly: dict[datetime, float], end: datetime, limit: EffectiveLimit
) -> Verdict | None:
    """The verdict on the period ending at `end` (exclusive), or None when data is insufficient."""
    start = end - timedelta(hours=PERIOD_HOURS[averaging])
    found = period_mean(hourly, start, end, averaging)
    if found is None:
        return None
    mean, hours = found
    return Verdict(parameter, averaging, start, end, mean, hours, limit)


@dataclass(frozen=True)
class Rate:
    compliant: int
    judged: int

    @property
    def share(self) -> float | None:
        """Compliant periods / judged periods; None when nothing was judged (not 100 %)."""
        return self.compliant / self.judged if self.judged else None
