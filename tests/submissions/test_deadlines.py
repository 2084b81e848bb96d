"""Late, missing, due soon and the reminders owed: worked examples with fixed dates (labour: the 10th)."""

from datetime import date

from ioc.submissions.deadlines import (
    AFTER,
    BEFORE,
    DUE_SOON,
    LATE,
    MISSING,
    NOT_DUE,
    ON_TIME,
    Expected,
    last_closed_period,
    period_end,
    reminders_owed,
    standing,
)
from ioc.submissions.kinds import SubmissionKind

MONTHLY = SubmissionKind(key="t.monthly", app="t", title="t", version=1, cadence="monthly", fields=())
ANNUAL = SubmissionKind(key="t.annual", app="t", title="t", version=1, cadence="annual", fields=(),
                        deadline_day=31)  # fmt: skip
JANUARY = date(2026, 1, 1)  # due 10 February 2026
PARK = [Expected(1), Expected(2), Expected(3), Expected(4)]


def states(today, sent_on, enterprises=PARK, soon=3):
    return {row.enterprise_id: (row.state, row.days_late) for row in standing(MONTHLY, JANUARY, enterprises,
                                                                              sent_on, today, soon)}  # fmt: skip


def test_it_calls_a_report_sent_on_the_deadline_day_on_time_and_the_day_after_late():
    result = states(date(2026, 2, 20), {1: date(2026, 2, 10), 2: date(2026, 2, 11), 3: date(2026, 1, 31)})
    assert result == {1: (ON_TIME, 0), 2: (LATE, 1), 3: (ON_TIME, 0), 4: (MISSING, 10)}


def test_nothing_is_missing_until_the_deadline_has_passed():
    assert states(date(2026, 2, 10), {})[4] == (DUE_SOON, 0)
    assert states(date(2026, 2, 11), {})[4] == (MISSING, 1)


def test_it_is_due_soon_within_the_days_given_and_not_due_before():
    assert states(date(2026, 2, 7), {})[1] == (DUE_SOON, 0)  # 3 days before
    assert states(date(2026, 2, 6), {})[1] == (NOT_DUE, 0)
    assert states(date(2026, 2, 6), {}, soon=4)[1] == (DUE_SOON, 0)


def test_an_enterprise_that_started_after_the_period_is_not_expected():
    result = states(date(2026, 3, 1), {}, [Expected(1, date(2026, 2, 1)), Expected(2, date(2026, 1, 31))])
    assert result == {2: (MISSING, 19)}


def test_periods_end_and_close_by_cadence():
    assert period_end("monthly", date(2025, 12, 1)) == date(2025, 12, 31)
    assert period_end("monthly", date(2024, 2, 1)) == date(2024, 2, 29)
    assert period_end("annual", date(2025, 1, 1)) == date(2025, 12, 31)
    assert last_closed_period(MONTHLY, date(2026, 1, 5)) == date(2025, 12, 1)
    assert last_closed_period(ANNUAL, date(2026, 1, 5)) == date(2025, 1, 1)


def test_reminders_are_owed_three_days_before_the_deadline_up_to_it_then_the_day_after():
    assert reminders_owed(MONTHLY, date(2026, 2, 6), 3) == []
    assert reminders_owed(MONTHLY, date(2026, 2, 7), 3) == [(JANUARY, BEFORE)]
    assert reminders_owed(MONTHLY, date(2026, 2, 10), 3) == [(JANUARY, BEFORE)]
    assert reminders_owed(MONTHLY, date(2026, 2, 11), 3) == [(JANUARY, AFTER)]
    # a week of catch-up if the daily run was missed, then never again for that period
    assert reminders_owed(MONTHLY, date(2026, 2, 17), 3) == [(JANUARY, AFTER)]
    assert reminders_owed(MONTHLY, date(2026, 2, 18), 3) == []


def test_an_annual_report_is_reminded_in_january_of_the_next_year():
    assert reminders_owed(ANNUAL, date(2026, 1, 28), 3) == [(date(2025, 1, 1), BEFORE)]
    assert reminders_owed(ANNUAL, date(2026, 2, 1), 3) == [(date(2025, 1, 1), AFTER)]
