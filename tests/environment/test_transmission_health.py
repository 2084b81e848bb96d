"""Backoff between attempts and the on time / late / failing classification, with worked examples."""

from datetime import UTC, datetime, timedelta

import pytest

from environment.transmission_health import Health, Ledger, backoff, classify

NOW = datetime(2025, 3, 1, 3, 0, tzinfo=UTC)
PERIOD, DELAY = timedelta(minutes=5), timedelta(seconds=60)


def test_backoff_doubles_from_the_base_and_stops_at_the_cap():
    waits = [backoff(n, base=60, cap=900).total_seconds() for n in range(0, 8)]
    assert waits == [0, 60, 120, 240, 480, 900, 900, 900]
    assert backoff(500, base=60, cap=900) == timedelta(seconds=900)  # no overflow after days down


@pytest.mark.parametrize(
    ("ledger", "health"),
    [
        (Ledger(None, None, 0), Health.IDLE),
        (Ledger(NOW - timedelta(minutes=1), None, 0), Health.ON_TIME),  # all sent
        (Ledger(NOW - timedelta(minutes=1), NOW - timedelta(minutes=1), 0), Health.ON_TIME),  # just made
        (Ledger(NOW - timedelta(minutes=1), NOW - timedelta(minutes=6, seconds=1), 0), Health.LATE),
        (Ledger(NOW - timedelta(minutes=1), NOW - timedelta(minutes=1), 1), Health.FAILING),
        (Ledger(NOW - timedelta(minutes=11, seconds=1), None, 0), Health.LATE),  # producer stopped
        (Ledger(NOW - timedelta(minutes=11), None, 0), Health.ON_TIME),
    ],
)
def test_it_classifies_a_stations_transmission(ledger, health):
    assert classify(ledger, now=NOW, period=PERIOD, delay=DELAY) == health
