"""How a station's transmission to the Department stands, and when to try a failed file again.

Pure functions: the sender and the health page pass in what the ledger says.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Health(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    FAILING = "failing", _("Failing")
    IDLE = "idle", _("Not started")


def backoff(attempts: int, *, base: int, cap: int) -> timedelta:
    """Wait after the `attempts`-th failure in a row: base, 2×base, 4×base, … never above cap.

    Exponential so that a Department server that is down for hours is not hammered, capped so
    that once it is back the queue starts moving again within `cap` seconds.
    """
    if attempts < 1:
        return timedelta(0)
    return timedelta(seconds=min(base * 2 ** min(attempts - 1, 30), cap))


@dataclass(frozen=True)
class Ledger:
    """One station's ledger, summed up."""

    last_recorded_end: datetime | None  # the newest period with a row, whatever its state
    oldest_unsent_end: datetime | None  # the oldest period still to send
    failures: int  # failed attempts in a row of the file at the head of the queue (0: none)


def classify(ledger: Ledger, *, now: datetime, period: timedelta, delay: timedelta) -> Health:
    """On time, late or failing.

    Failing: the last attempt at the file at the head of the queue failed (the link or the server
    refuses). Late: nothing failed, yet a file is still unsent a whole period after it was due, or
    no file was made for over two periods (the producer is not running). A station with no row
    yet has not started.
    """
    if ledger.last_recorded_end is None:
        return Health.IDLE
    if ledger.failures > 0:
        return Health.FAILING
    due = period + delay  # a file is made `delay` after its period ends, then sent at once
    if ledger.oldest_unsent_end is not None and now - ledger.oldest_unsent_end > due:
        return Health.LATE
    if now - ledger.last_recorded_end > period + due:
        return Health.LATE
    return Health.ON_TIME
