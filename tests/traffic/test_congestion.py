"""Congestion bands from volume and capacity: worked examples."""

from datetime import UTC, datetime

import pytest

from traffic.congestion import BANDS, band_for, congestion, quarter_of, worst


def test_a_quarter_hour_count_is_read_as_an_hourly_rate_against_the_capacity():
    # 450 vehicles in 15 minutes on a 2,400 veh/h road: 1,800 veh/h, v/c 0.75 → LOS C, "moderate".
    level = congestion(450, 2400)
    assert (level.hourly_rate, level.ratio, level.band.key, level.band.levels) == (
        1800,
        0.75,
        "moderate",
        "C–D",
    )


@pytest.mark.parametrize(
    ("ratio", "band"),
    [(0.0, "free"), (0.60, "free"), (0.70, "free"), (0.704, "free"), (0.71, "moderate"), (0.90, "moderate"),
     (0.91, "heavy"), (1.00, "heavy"), (1.004, "heavy"), (1.01, "jammed"), (2.5, "jammed")],
)  # fmt: skip
def test_the_bands_follow_the_hcm_v_c_ranges_at_two_decimals(ratio, band):
    assert band_for(ratio).key == band


def test_the_bands_are_ordered_and_the_last_is_open_ended():
    uppers = [band.upper for band in BANDS]
    assert uppers[:-1] == sorted(uppers[:-1]) and uppers[-1] is None


def test_over_capacity_is_jammed_and_the_worst_segment_wins():
    quiet, busy = congestion(100, 4800), congestion(700, 2400)  # v/c 0.083 and 1.167
    assert busy.band.key == "jammed" and worst([quiet, busy]) is busy and worst([]) is None


def test_a_capacity_must_be_positive():
    with pytest.raises(ValueError):
        congestion(10, 0)


@pytest.mark.parametrize(
    ("stamp", "quarter"),
    [("07:15:00", "07:00"), ("07:00:01", "07:00"), ("07:15:01", "07:15"), ("07:29:59", "07:15"), ("00:00:00", "23:45")],
)  # fmt: skip
def test_a_count_stamped_at_the_end_of_its_interval_belongs_to_the_quarter_it_closes(stamp, quarter):
    moment = datetime.fromisoformat(f"2026-03-10T{stamp}+00:00")
    assert quarter_of(moment).strftime("%H:%M") == quarter and quarter_of(moment).tzinfo == UTC
