"""The periodic task: makes files even with no server, and never runs two senders at once."""

from datetime import UTC, datetime

from django.core.cache import cache
from freezegun import freeze_time

from environment.models import Transmission, TransmissionState
from environment.tasks import SEND_LOCK, transmit


def test_with_no_server_configured_files_are_made_and_wait(transmitting_station, settings):
    settings.ENV_TRANSMISSION_URL = None
    with freeze_time(datetime(2025, 3, 1, 3, 6, 5, tzinfo=UTC)):
        result = transmit.delay().get()
    assert result == {"made": 1, "sent": 0, "already_there": 0, "failed": 0}
    row = Transmission.objects.get(station=transmitting_station)
    assert row.period_end == datetime(2025, 3, 1, 3, 5, tzinfo=UTC) and row.state == TransmissionState.NO_DATA


def test_a_second_sender_stands_aside_while_one_runs(transmitting_station, settings, ftp_server):
    settings.ENV_TRANSMISSION_URL = ftp_server.url
    cache.add(SEND_LOCK, "1", 60)
    try:
        result = transmit()
    finally:
        cache.delete(SEND_LOCK)
    assert result["skipped"] == "another sender is running"
