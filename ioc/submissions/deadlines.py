"""Who is late, who is missing, who is due soon, and which reminders are owed: pure functions of dates.

A report counts as sent on the local day of its first submission; a correction sent after the
deadline does not make an on-time report late. The deadline day itself is still on time.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ioc.submissions.choices import ReminderStage
from ioc.submissions.kinds import SubmissionKind, deadline, period_of

ON_TIME, LATE, MISSING, DUE_SOON, NOT_DUE = "on_time", "late", "missing", "due_soon", "not_due"
OVERDUE_STATES = (LATE, MISSING, DUE_SOON)
BEFORE, AFTER = ReminderStage.BEFORE.value, ReminderStage.AFTER.value
# A reminder "the day after" is still sent this many days later if the worker was down that day.
AFTER_CATCH_UP_DAYS = 7


@dataclass(frozen=True)
class Expected:
    """An enterprise expected to report: operating, and started before the period ended."""

    id: int
    started_operation: date | None = None


@dataclass(frozen=True)
class Standing:
    enterprise_id: int
    state: str
    due: date
    sent_on: date | None = None
    days_late: int = 0


def period_end(cadence: str, period: date) -> date:
    return next_period(cadence, period) - timedelta(days=1)


def next_period(cadence: str, period: date) -> date:
    if cadence == "monthly":
        return date(period.year + (period.month == 12), period.month % 12 + 1, 1)
    return date(period.year + 1, 1, 1)


def previous_period(cadence: str, period: date) -> date:
    return period_of(cadence, period - timedelta(days=1))


def last_closed_period(kind: SubmissionKind, today: date) -> date:
    """The period that ended most recently: last month for a monthly report, last year for an annual."""
    return previous_period(kind.cadence, period_of(kind.cadence, today))


def standing(
    kind: SubmissionKind,
    period: date,
    enterprises: Iterable[Expected],
    sent_on: dict[int, date],
    today: date,
    soon_days: int,
) -> list[Standing]:
    """Each expected enterprise's standing for `kind` and `period`; `sent_on`: enterprise → local
    date of its first submission of it."""
    due = deadline(kind, period)
    end = period_end(kind.cadence, period)
    rows = []
    for enterprise in enterprises:
        if enterprise.started_operation and enterprise.started_operation > end:
            continue
        sent = sent_on.get(enterprise.id)
        if sent is not None:
            late = (sent - due).days
            rows.append(Standing(enterprise.id, LATE if late > 0 else ON_TIME, due, sent, max(late, 0)))
        elif today > due:
            rows.append(Standing(enterprise.id, MISSING, due, None, (today - due).days))
        elif (due - today).days <= soon_days:
            rows.append(Standing(enterprise.id, DUE_SOON, due))
        else:
            rows.append(Standing(enterprise.id, NOT_DUE, due))
    return rows


def reminders_owed(kind: SubmissionKind, today: date, lead_days: int) -> list[tuple[date, str]]:
    """(period, stage) pairs a reminder is owed for today, to whoever has not submitted: `before`
    from `lead_days` before the deadline to the deadline, `after` from the day after it (for a week,
    in case a day's run was missed). Sending each only once is the caller's business."""
    owed = []
    period = period_of(kind.cadence, today)
    for _step in range(3):
        due = deadline(kind, period)
        if due - timedelta(days=lead_days) <= today <= due:
            owed.append((period, BEFORE))
        elif 0 < (today - due).days <= AFTER_CATCH_UP_DAYS:
            owed.append((period, AFTER))
        period = previous_period(kind.cadence, period)
    return owed
