"""Shift-change peaks from the enterprises' shifts: worked examples."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from traffic.peaks import MODES, Shift, changes, next_peaks, peaks, vehicles_per_worker

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TUESDAY = datetime(2026, 3, 10, tzinfo=HCM)  # 10 March 2026 is a Tuesday


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=HCM)


def test_vehicles_per_worker_is_the_modal_split_over_occupancy():
    # 80% by motorbike (1.1 a bike), 15% by bus (40 a bus), 5% by car (1.5 a car).
    assert vehicles_per_worker() == pytest.approx(0.8 / 1.1 + 0.15 / 40 + 0.05 / 1.5)
    assert round(vehicles_per_worker(), 3) == 0.764
    assert sum(mode.share for mode in MODES) == pytest.approx(1.0)


def test_two_enterprises_changing_shifts_at_two_make_one_peak():
    # A: 06–14 (400 people) and 14–22 (300); B: 07:30–16:30 (200). Between 13:00 and 15:00 A's first
    # shift leaves at 14:10 and its second arrives at 13:45: one peak, 300 in and 400 out.
    shifts = [Shift("A", "Ca 1", time(6), time(14), "123456", 400), Shift("A", "Ca 2", time(14), time(22), "123456", 300),
              Shift("B", "HC", time(7, 30), time(16, 30), "12345", 200)]  # fmt: skip
    found = peaks(changes(shifts, at(13), at(15)))
    assert len(found) == 1
    peak = found[0]
    assert (peak.start, peak.end) == (at(13, 45), at(14, 10))
    assert (peak.arriving, peak.leaving) == (300, 400)
    assert (peak.vehicles_in, peak.vehicles_out) == (round(300 * 0.7640), round(400 * 0.7640)) == (229, 306)
    assert peak.by_mode() == {"motorbike": 509, "bus": 3, "car": 23}


def test_changes_more_than_half_an_hour_apart_are_separate_peaks():
    shifts = [
        Shift("B", "HC", time(7, 30), time(16, 30), "12345", 200),
        Shift("C", "HC", time(8, 15), time(17), "12345", 100),
    ]
    found = peaks(changes(shifts, at(6), at(9)))
    assert [(p.start, p.arriving) for p in found] == [(at(7, 15), 200), (at(8), 100)]
    assert len(peaks(changes(shifts, at(6), at(9)), window=timedelta(hours=1))) == 1


def test_a_night_shift_ends_the_next_morning_and_sundays_off_mean_no_monday_departure():
    night = [Shift("A", "Ca 3", time(22), time(6), "123456", 250)]
    tuesday_morning = changes(night, at(5), at(7))
    assert [(c.at, c.arriving) for c in tuesday_morning] == [(at(6, 10), False)]  # Monday's shift going home
    monday_morning = changes(night, at(5, day=9), at(7, day=9))
    assert monday_morning == [], "nobody started a night shift on Sunday"


def test_the_next_peaks_keep_the_biggest_in_time_order():
    shifts = [
        Shift("A", "Ca 1", time(6), time(14), "1234567", 400),
        Shift("B", "HC", time(9), time(17), "1234567", 50),
    ]
    found = next_peaks(shifts, at(0), hours=24, limit=2)
    assert [p.start for p in found] == sorted(p.start for p in found)
    assert [p.arriving + p.leaving for p in found] == [400, 400]
