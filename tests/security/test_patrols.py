"""Patrol rounds from a schedule and a guard's scans: worked examples, no database."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from security.patrols import (
    Round,
    Scan,
    Schedule,
    Status,
    judge_round,
    judge_rounds,
    round_starts,
    rounds_to_clear,
)

PARK = ZoneInfo("Asia/Ho_Chi_Minh")
NIGHT = Schedule(first=time(22, 0), last=time(6, 0), every=timedelta(hours=2), allowed=timedelta(minutes=45))
STOPS = ["CP-01", "CP-02", "CP-03"]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=PARK)


def starts(schedule, since, until) -> list[str]:
    return [s.strftime("%d %H:%M") for s in round_starts(schedule, since, until, PARK)]


def test_every_two_hours_from_22_to_06_is_five_rounds_a_night_over_midnight():
    assert starts(NIGHT, at(5, 12), at(6, 12)) == ["05 22:00", "06 00:00", "06 02:00", "06 04:00", "06 06:00"]


def test_the_rounds_of_a_shift_that_began_the_day_before_are_found():
    assert starts(NIGHT, at(6, 3), at(6, 5)) == ["06 04:00"]


def test_the_range_is_start_inclusive_and_end_exclusive():
    assert starts(NIGHT, at(6, 2), at(6, 4)) == ["06 02:00"]


def test_the_same_first_and_last_time_means_around_the_clock():
    hourly = Schedule(time(8, 0), time(8, 0), timedelta(hours=6), timedelta(minutes=30))
    assert starts(hourly, at(6, 0), at(7, 0)) == ["06 02:00", "06 08:00", "06 14:00", "06 20:00"]


def test_a_day_shift_with_an_interval_that_does_not_divide_it_stops_before_the_last_time():
    day = Schedule(time(8, 0), time(17, 0), timedelta(hours=4), timedelta(minutes=30))
    assert starts(day, at(6, 0), at(7, 0)) == ["06 08:00", "06 12:00", "06 16:00"]


def test_a_round_with_every_checkpoint_scanned_in_its_window_is_done_whenever_it_is_judged():
    scans = [Scan("CP-01", at(5, 22, 5), "BV-01"), Scan("CP-02", at(5, 22, 20), "BV-01"),
             Scan("CP-03", at(5, 22, 41), "BV-02"), Scan("CP-01", at(5, 22, 44), "BV-02")]  # fmt: skip
    judged = judge_round(at(5, 22), timedelta(minutes=45), STOPS, scans, now=at(5, 22, 42))
    assert judged.status == Status.DONE and judged.completed_at == at(5, 22, 41)
    assert judged.order_kept is True and judged.guards == ("BV-01", "BV-02")
    assert [v.at for v in judged.visited] == [at(5, 22, 5), at(5, 22, 20), at(5, 22, 41)]  # the first of each


def test_a_round_walked_in_another_order_is_done_with_the_order_not_kept():
    scans = [Scan("CP-03", at(5, 22, 5)), Scan("CP-01", at(5, 22, 20)), Scan("CP-02", at(5, 22, 30))]
    judged = judge_round(at(5, 22), timedelta(minutes=45), STOPS, scans, now=at(6, 1))
    assert (judged.status, judged.order_kept) == (Status.DONE, False)


def test_a_checkpoint_scanned_after_the_window_closed_leaves_the_round_missed():
    scans = [Scan("CP-01", at(5, 22, 5)), Scan("CP-02", at(5, 22, 20)), Scan("CP-03", at(5, 22, 46))]
    judged = judge_round(at(5, 22), timedelta(minutes=45), STOPS, scans, now=at(5, 23))
    assert judged.status == Status.MISSED and judged.missing == ("CP-03",) and judged.completed_at is None


def test_before_the_window_closes_an_unfinished_round_is_in_progress_and_before_it_opens_upcoming():
    scans = [Scan("CP-01", at(5, 22, 5))]
    assert (
        judge_round(at(5, 22), timedelta(minutes=45), STOPS, scans, now=at(5, 22, 45)).status
        == Status.IN_PROGRESS
    )
    assert (
        judge_round(at(6, 0), timedelta(minutes=45), STOPS, scans, now=at(5, 22, 45)).status
        == Status.UPCOMING
    )


def test_a_scan_before_the_round_started_counts_for_no_round():
    scans = [Scan(code, at(5, 21, 50)) for code in STOPS]
    assert judge_round(at(5, 22), timedelta(minutes=45), STOPS, scans, now=at(5, 23)).status == Status.MISSED


def test_a_night_judged_at_03_00():
    scans = [Scan(code, at(5, 22, 10 + n)) for n, code in enumerate(STOPS)]  # 22:00 done
    scans += [Scan("CP-01", at(6, 0, 10))]  # 00:00 missed
    scans += [Scan("CP-02", at(6, 2, 20))]  # 02:00: one checkpoint, and its window closed at 02:45
    rounds = judge_rounds(NIGHT, STOPS, scans, since=at(5, 12), until=at(6, 12), now=at(6, 3), zone=PARK)
    assert [(r.start.strftime("%H:%M"), r.status) for r in rounds] == [
        ("22:00", Status.DONE), ("00:00", Status.MISSED), ("02:00", Status.MISSED),
        ("04:00", Status.UPCOMING), ("06:00", Status.UPCOMING),
    ]  # fmt: skip
    assert rounds[1].missing == ("CP-02", "CP-03") and rounds[2].missing == ("CP-01", "CP-03")


def done(start: datetime) -> Round:
    return Round(start, start + timedelta(minutes=45), Status.DONE)


def test_a_missed_rounds_alarm_clears_when_a_later_round_is_done_or_the_round_itself_turns_out_done():
    source = lambda r: r.start.strftime("%H:%M")  # noqa: E731
    missed = {"00:00": at(6, 0, 45), "02:00": at(6, 2, 45)}
    assert rounds_to_clear(missed, [], source) == []
    assert rounds_to_clear(missed, [done(at(6, 2))], source) == ["00:00", "02:00"]  # 02:00 done late
    assert rounds_to_clear(missed, [done(at(5, 22))], source) == []  # an earlier round clears nothing
    assert rounds_to_clear(missed, [done(at(6, 4))], source) == ["00:00", "02:00"]
