"""The Circular 10/2021/TT-BTNMT file rules, with worked examples."""

from datetime import UTC, datetime, timedelta

from environment.circular10 import (
    Flagged,
    Line,
    Valid,
    closed_periods,
    file_body,
    file_name,
    format_value,
    period_lines,
    period_start,
)

END = datetime(2025, 3, 1, 3, 5, tzinfo=UTC)  # 10:05 in Hải Phòng


def test_it_names_the_file_after_the_period_end_in_local_time():
    name = file_name(province="HP", facility="KCNDAIAN", station="NT01", period_end=END)
    assert name == "HP_KCNDAIAN_NT01_20250301100500.txt"


def test_it_writes_one_tab_separated_crlf_line_per_parameter():
    body = file_body([Line("pH", 7.2, "", "00"), Line("COD", 48.456, "mg/L", "01")], END)
    assert body == "pH\t7.20\t-\t20250301100500\t00\r\nCOD\t48.46\tmg/L\t20250301100500\t01\r\n"
    assert body.encode("utf-8") == body.encode("ascii")


def test_it_writes_values_with_a_decimal_point_and_two_decimals():
    assert [format_value(v) for v in (0, 1234567.891, 0.005, -0.001, 12.5)] == [
        "0.00", "1234567.89", "0.01", "0.00", "12.50",
    ]  # fmt: skip


def test_the_mean_of_valid_readings_wins_over_a_calibrating_reading():
    lines = period_lines({"cod": Valid(sum=150.0, count=3)}, {"cod": Flagged(99.0, 1)})
    assert lines == [Line("COD", 50.0, "mg/L", "00")]


def test_a_parameter_with_only_calibrating_or_error_readings_sends_the_latest_with_its_status():
    lines = period_lines({}, {"ph": Flagged(6.9, 1), "flow": Flagged(0.0, 2)})
    assert lines == [Line("Flow", 0.0, "m³/h", "02"), Line("pH", 6.9, "", "01")]  # vocabulary order


def test_metrics_without_a_symbol_are_never_sent():
    assert period_lines({"bod5": Valid(30.0, 1), "humidity": Valid(80.0, 1)}, {}) == []


def test_stack_metrics_use_the_stack_symbols():
    lines = period_lines({"stack_nox": Valid(400.0, 2), "stack_o2": Valid(22.0, 2)}, {})
    assert [(line.symbol, line.value, line.unit) for line in lines] == [
        ("NO", 200.0, "mg/Nm³"),
        ("O2", 11.0, "%"),
    ]


def test_periods_are_aligned_on_the_hour():
    assert period_start(datetime(2025, 3, 1, 3, 7, 59, tzinfo=UTC), 5) == datetime(
        2025, 3, 1, 3, 5, tzinfo=UTC
    )
    assert period_start(datetime(2025, 3, 1, 3, 29, tzinfo=UTC), 15) == datetime(
        2025, 3, 1, 3, 15, tzinfo=UTC
    )


def test_a_period_closes_only_after_the_delay():
    delay = timedelta(seconds=60)
    assert closed_periods(after=None, now=END + timedelta(seconds=59), minutes=5, delay=delay) == [
        (END - timedelta(minutes=10), END - timedelta(minutes=5))
    ]
    assert closed_periods(after=None, now=END + delay, minutes=5, delay=delay) == [
        (END - timedelta(minutes=5), END)
    ]


def test_after_downtime_every_period_since_the_last_one_is_due_in_order():
    periods = closed_periods(after=END, now=END + timedelta(minutes=16), minutes=5, delay=timedelta(0))
    assert [end for _start, end in periods] == [END + timedelta(minutes=m) for m in (5, 10, 15)]
    assert closed_periods(after=END + timedelta(minutes=15), now=END + timedelta(minutes=16), minutes=5,
                          delay=timedelta(0)) == []  # fmt: skip
