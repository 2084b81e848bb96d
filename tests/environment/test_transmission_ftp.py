"""Circular 10 files to a real FTP server that goes down for 40 minutes in the middle of two hours.

Acceptance (issue 5, part 4): 2 hours of 5-minute data with the server down for the middle 40
minutes → 24 files on the server, in order, byte-exact to the format, none duplicated. The
producer and sender run period by period on an injected clock; the expected bodies are built
here, independently of environment.circular10.
"""

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from environment.models import Transmission, TransmissionState
from environment.transmission import RULE_NAME, transmissions_produce, transmissions_send
from ioc.alerts.choices import AlarmState
from ioc.alerts.models import Alarm
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.pipeline import Message, ingest

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD = timedelta(minutes=5)
DELAY = timedelta(seconds=60)
NO2_UG_PER_PPB = 46.01 / 24.45  # metrics.md: µg/m³ = ppb × M / 24.45
CALIBRATING_MINUTES = range(30, 35)  # SO2 calibrating through the whole 7th period
ERROR_MINUTES = range(60, 65)  # PM2.5 in device error through the whole 13th period


def start_of_run() -> datetime:
    """Three hours ago, on a 5-minute boundary: in the past, so the pipeline takes every reading."""
    moment = int(time.time()) - 3 * 3600
    return datetime.fromtimestamp(moment - moment % 300, UTC)


def pm25(minute):
    return 20 + (minute % 7) * 1.3


def no2_ppb(minute):
    return 5 + (minute % 4)


def so2(minute):
    return 10 + minute * 0.25


def put_two_hours_of_readings(device, t0: datetime) -> None:
    items = []
    for minute in range(120):
        ts = int((t0 + timedelta(minutes=minute)).timestamp() * 1000)
        pm_status = "error" if minute in ERROR_MINUTES else "measuring"
        so2_status = "calibrating" if minute in CALIBRATING_MINUTES else "measuring"
        items += [
            {"ts": ts, "values": {"PM2.5": pm25(minute)}, "status": pm_status},
            {"ts": ts, "values": {"NO2": no2_ppb(minute)}},
            {"ts": ts, "values": {"SO2": so2(minute)}, "status": so2_status},
        ]
    result = ingest([Message(context_for_serial(device.serial), items, "http", time.time())])
    assert result.accepted == 360 and not result.rejected


def expected_file(t0: datetime, period: int) -> tuple[str, bytes]:
    end = t0 + (period + 1) * PERIOD
    at = end.astimezone(HCM).strftime("%Y%m%d%H%M%S")
    minutes = range(period * 5, period * 5 + 5)

    def mean(values):
        return f"{sum(values) / len(values):.2f}"

    if set(minutes) <= set(ERROR_MINUTES):
        pm_line = f"PM2,5\t{pm25(minutes[-1]):.2f}\tµg/m³\t{at}\t02"
    else:
        pm_line = f"PM2,5\t{mean([pm25(m) for m in minutes])}\tµg/m³\t{at}\t00"
    no2_line = f"NO2\t{mean([no2_ppb(m) * NO2_UG_PER_PPB for m in minutes])}\tµg/m³\t{at}\t00"
    if set(minutes) <= set(CALIBRATING_MINUTES):
        so2_line = f"SO2\t{so2(minutes[-1]):.2f}\tµg/m³\t{at}\t01"
    else:
        so2_line = f"SO2\t{mean([so2(m) for m in minutes])}\tµg/m³\t{at}\t00"
    body = "".join(line + "\r\n" for line in (pm_line, no2_line, so2_line))
    return f"HP_KCNDAIAN_KK01_{at}.txt", body.encode("utf-8")


@pytest.fixture
def transmission_settings(settings, ftp_server):
    settings.ENV_TRANSMISSION_URL = ftp_server.url
    settings.ENV_TRANSMISSION_PROVINCE = "HP"
    settings.ENV_TRANSMISSION_PERIOD_MINUTES = 5
    settings.ENV_TRANSMISSION_DELAY_SECONDS = 60
    settings.ENV_TRANSMISSION_RETRY_BASE_SECONDS = 60
    settings.ENV_TRANSMISSION_RETRY_MAX_SECONDS = 900
    settings.ENV_TRANSMISSION_TIMEOUT_SECONDS = 5
    settings.ENV_TRANSMISSION_ALARM_AFTER_FAILURES = 3
    return settings


def open_alarm():
    return Alarm.objects.filter(rule__name=RULE_NAME).exclude(state=AlarmState.CLEARED).first()


def test_two_hours_with_the_server_down_for_the_middle_40_minutes_puts_24_files_in_order(
    transmitting_station, ftp_server, transmission_settings
):
    t0 = start_of_run()
    put_two_hours_of_readings(transmitting_station.device, t0)
    down, up = range(8, 16), 16  # the ticks after periods 9–16 end (40 minutes) find no server
    failures = 0
    for period in range(24):
        now = t0 + (period + 1) * PERIOD + DELAY
        if period == down.start:
            ftp_server.stop()
        if period == up:
            ftp_server.start()
        transmissions_produce(now=now)
        result = transmissions_send(now=now)
        if period in down:
            assert len(ftp_server.files()) == down.start and result["sent"] == 0
            failures += result["failed"]
        if period == down.start + 3:  # the third failure in a row raises the alarm
            assert open_alarm() is not None and open_alarm().device_id == transmitting_station.device_id
        if period == up:
            assert result["sent"] == 9 and open_alarm() is None  # the backlog and the new file

    expected = [expected_file(t0, period) for period in range(24)]
    on_disk = ftp_server.files()
    assert [p.name for p in on_disk] == [name for name, _body in expected]  # 24, nothing else (.part)
    assert ftp_server.renamed == [name for name, _body in expected]  # in order, each once
    for (name, body), path in zip(expected, on_disk, strict=True):
        assert path.read_bytes() == body, name
    ledger = Transmission.objects.filter(station=transmitting_station).order_by("period_start")
    assert [row.state for row in ledger] == [TransmissionState.SENT] * 24
    # Retried with backoff (60, 120, 240, 480, 900 s): 5 attempts in 8 ticks, not one per tick.
    assert failures == 5 and ledger[8].attempts == 6 and ledger[8].last_error == ""
    assert [row.attempts for row in ledger] == [1] * 8 + [6] + [1] * 15
    assert Alarm.objects.get(rule__name=RULE_NAME).state == AlarmState.CLEARED


def test_a_file_already_on_the_server_after_a_dropped_link_is_not_sent_twice(
    transmitting_station, ftp_server, transmission_settings
):
    from environment.transport import Link

    t0 = start_of_run()
    put_two_hours_of_readings(transmitting_station.device, t0)
    now = t0 + PERIOD + DELAY
    transmissions_produce(now=now)
    row = Transmission.objects.get(station=transmitting_station)
    # The upload went through but the link dropped before the ledger heard of it.
    link = Link(ftp_server.url, timeout=5)
    assert link.deliver(row.file_name, row.body.encode()) is True
    link.close()
    result = transmissions_send(now=now)
    assert result == {"sent": 0, "already_there": 1, "failed": 0}
    assert ftp_server.renamed == [row.file_name]
    row.refresh_from_db()
    assert row.state == TransmissionState.SENT


def test_a_catch_up_after_the_producer_was_stopped_skips_no_period(
    transmitting_station, ftp_server, transmission_settings
):
    t0 = start_of_run()
    put_two_hours_of_readings(transmitting_station.device, t0)
    transmissions_produce(now=t0 + PERIOD + DELAY)
    assert transmissions_produce(now=t0 + 24 * PERIOD + DELAY) == 23  # one run, every period since
    assert transmissions_produce(now=t0 + 24 * PERIOD + DELAY) == 0  # and never twice
    transmissions_send(now=t0 + 24 * PERIOD + DELAY)
    assert [p.name for p in ftp_server.files()] == [expected_file(t0, n)[0] for n in range(24)]


def test_a_period_without_any_reading_makes_no_file_but_a_no_data_row(
    transmitting_station, ftp_server, transmission_settings
):
    t0 = start_of_run()
    transmissions_produce(now=t0 + PERIOD + DELAY)
    row = Transmission.objects.get(station=transmitting_station)
    assert row.state == TransmissionState.NO_DATA and row.file_name == "" and row.body == ""
    assert transmissions_send(now=t0 + PERIOD + DELAY)["sent"] == 0
    assert ftp_server.files() == []
