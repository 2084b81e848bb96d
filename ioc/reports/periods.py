"""A report's period: a month, a quarter, a year or any range of local (Asia/Ho_Chi_Minh) days.

Pure: no database. The bounds are whole local days; `bounds()` turns them into UTC instants, the
way readings and verdicts are stored.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

MONTH, QUARTER, YEAR, RANGE = "month", "quarter", "year", "range"
KINDS = (MONTH, QUARTER, YEAR, RANGE)
ROMAN = ("I", "II", "III", "IV")
# Days a report may name: past the last, date arithmetic (the month after December 9999) overflows.
EARLIEST, LATEST = date(1970, 1, 1), date(2200, 12, 31)


class PeriodError(ValueError):
    """A period that cannot be: the field it concerns and why, in the reader's language."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive: the period's last day

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self, zone: str = "Asia/Ho_Chi_Minh") -> tuple[datetime, datetime]:
        """[first instant, instant after the last day) in UTC."""
        tz = ZoneInfo(zone)
        first = datetime.combine(self.start, time(0), tz).astimezone(UTC)
        after = datetime.combine(self.end + timedelta(days=1), time(0), tz).astimezone(UTC)
        return first, after

    def months(self) -> list[date]:
        """First days of the months the period touches (monthly submissions are counted by them)."""
        found, month = [], self.start.replace(day=1)
        while month <= self.end:
            found.append(month)
            month = next_month(month)
        return found

    def day_list(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def label(self) -> str:
        """ "Tháng 10/2025", "Quý IV/2025", "Năm 2025", "01/10/2025 – 15/10/2025" (in the active language)."""
        if self.kind == MONTH:
            return _("Month %(month)02d/%(year)d") % {"month": self.start.month, "year": self.start.year}
        if self.kind == QUARTER:
            quarter = (self.start.month - 1) // 3
            return _("Quarter %(quarter)s/%(year)d") % {"quarter": ROMAN[quarter], "year": self.start.year}
        if self.kind == YEAR:
            return _("Year %(year)d") % {"year": self.start.year}
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def slug(self) -> str:
        """For file names: 2025-10, 2025-Q4, 2025, 2025-10-01_2025-10-15."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def month(year: int, number: int) -> Period:
    first = date(year, number, 1)
    return Period(MONTH, first, next_month(first) - timedelta(days=1))


def quarter(year: int, number: int) -> Period:
    first = date(year, 3 * (number - 1) + 1, 1)
    after = next_month(next_month(next_month(first)))
    return Period(QUARTER, first, after - timedelta(days=1))


def year(number: int) -> Period:
    return Period(YEAR, date(number, 1, 1), date(number, 12, 31))


def day_range(start: date, end: date) -> Period:
    return Period(RANGE, start, end)


def previous_month(today: date) -> Period:
    last = today.replace(day=1) - timedelta(days=1)
    return month(last.year, last.month)


def previous_quarter(today: date) -> Period:
    last = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - timedelta(days=1)
    return quarter(last.year, (last.month - 1) // 3 + 1)


def due_on(today: date) -> list[Period]:
    """The periods whose scheduled report is due today: last month on the 1st of a month, and last
    quarter as well on the first day of a quarter."""
    if today.day != 1:
        return []
    due = [previous_month(today)]
    if today.month in (1, 4, 7, 10):
        due.append(previous_quarter(today))
    return due


def scheduled_due(today: date, hour: int, *, from_hour: int, catch_up_days: int) -> list[Period]:
    """Scheduled periods due by now: those due today once the local hour reaches `from_hour` (late
    readings of the period's last hour get judged first), and those due in the `catch_up_days` before
    (a worker that was down on the 1st still makes them). Making each only once is the caller's business."""
    days = [today - timedelta(days=n) for n in range(catch_up_days, 0, -1)]
    if hour >= from_hour:
        days.append(today)
    return [period for day in days for period in due_on(day)]


def make(kind: str, *, start: date, end: date | None = None, today: date, max_days: int) -> Period:
    """The period of `kind` holding `start` (a month, a quarter, a year), or the range start–end.

    Refused: an unknown kind, a range without an end or ending before it starts, longer than
    `max_days`, or starting after today (a report of days that have not come has no data).
    """
    if kind not in KINDS:
        raise PeriodError("period", _("Choose month, quarter, year or range."))
    for field, day in (("start", start), ("end", end)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise PeriodError(
                field,
                _("Give a date between %(low)s and %(high)s.")
                % {"low": EARLIEST.isoformat(), "high": LATEST.isoformat()},
            )
    if kind == MONTH:
        period = month(start.year, start.month)
    elif kind == QUARTER:
        period = quarter(start.year, (start.month - 1) // 3 + 1)
    elif kind == YEAR:
        period = year(start.year)
    else:
        if end is None:
            raise PeriodError("end", _("A range needs its last day."))
        if end < start:
            raise PeriodError("end", _("The last day comes before the first."))
        period = day_range(start, end)
    if period.days > max_days:
        raise PeriodError("end", _("A report covers at most %(days)d days.") % {"days": max_days})
    if period.start > today:
        raise PeriodError("start", _("The period has not begun yet: there is nothing to report."))
    return period
