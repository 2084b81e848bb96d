"""Periods as local days, and which scheduled reports are due when. Pure."""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from ioc.reports import periods


def test_a_month_a_quarter_a_year_and_a_range():
    assert periods.month(2024, 2) == periods.Period("month", date(2024, 2, 1), date(2024, 2, 29))
    assert periods.quarter(2025, 4) == periods.Period("quarter", date(2025, 10, 1), date(2025, 12, 31))
    assert periods.year(2025).days == 365
    assert periods.day_range(date(2025, 10, 1), date(2025, 10, 15)).days == 15
    assert periods.quarter(2025, 1).months() == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]


def test_the_bounds_are_local_midnights_in_utc():
    first, after = periods.month(2025, 10).bounds()
    assert first == datetime(2025, 9, 30, 17, 0, tzinfo=UTC)
    assert after == datetime(2025, 10, 31, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(("period", "vi", "en", "slug"), [
    (periods.month(2025, 10), "Tháng 10/2025", "Month 10/2025", "2025-10"),
    (periods.quarter(2025, 4), "Quý IV/2025", "Quarter IV/2025", "2025-Q4"),
    (periods.year(2025), "Năm 2025", "Year 2025", "2025"),
    (periods.day_range(date(2025, 10, 1), date(2025, 10, 15)), "01/10/2025 – 15/10/2025",
     "01/10/2025 – 15/10/2025", "2025-10-01_2025-10-15"),
])  # fmt: skip
def test_labels_in_both_languages(period, vi, en, slug):
    with translation.override("vi"):
        assert period.label() == vi
    with translation.override("en"):
        assert period.label() == en
    assert period.slug() == slug


@pytest.mark.parametrize(("today", "due"), [
    (date(2025, 11, 1), [periods.month(2025, 10)]),
    (date(2025, 10, 1), [periods.month(2025, 9), periods.quarter(2025, 3)]),
    (date(2026, 1, 1), [periods.month(2025, 12), periods.quarter(2025, 4)]),
    (date(2025, 11, 2), []),
])  # fmt: skip
def test_what_is_due_on_a_day(today, due):
    assert periods.due_on(today) == due


def test_the_schedule_waits_for_its_hour_and_catches_up_missed_days():
    assert periods.scheduled_due(date(2025, 11, 1), 5, from_hour=6, catch_up_days=3) == []
    assert periods.scheduled_due(date(2025, 11, 1), 6, from_hour=6, catch_up_days=3) == [
        periods.month(2025, 10)
    ]
    assert periods.scheduled_due(date(2025, 11, 4), 0, from_hour=6, catch_up_days=3) == [
        periods.month(2025, 10)
    ]
    assert periods.scheduled_due(date(2025, 11, 5), 12, from_hour=6, catch_up_days=3) == []


def test_a_period_from_input_is_checked():
    today = date(2025, 11, 20)
    assert periods.make("quarter", start=date(2025, 8, 17), today=today, max_days=366) == periods.quarter(
        2025, 3
    )
    assert periods.make("month", start=date(2025, 11, 3), today=today, max_days=366) == periods.month(
        2025, 11
    )
    with translation.override("en"):
        for kind, start, end, field in (("decade", date(2025, 1, 1), None, "period"),
                                        ("range", date(2025, 1, 1), None, "end"),
                                        ("range", date(2025, 1, 2), date(2025, 1, 1), "end"),
                                        ("year", date(2024, 1, 1), None, None),
                                        ("range", date(2023, 1, 1), date(2024, 12, 31), "end"),
                                        ("month", date(2025, 12, 1), None, "start")):  # fmt: skip
            if field is None:
                assert periods.make(kind, start=start, end=end, today=today, max_days=366).days == 366
                continue
            with pytest.raises(periods.PeriodError) as refused:
                periods.make(kind, start=start, end=end, today=today, max_days=366)
            assert refused.value.field == field
