"""The checks on one sample, with worked examples: units, physical bounds, sensor range, time."""

import pytest

from ioc.telemetry.devices import ChannelSpec, DeviceContext
from ioc.telemetry.payload import Refusal, Sample
from ioc.telemetry.pipeline import check_sample
from ioc.telemetry.quality import Quality
from ioc.telemetry.units import converter

NOW = 1_764_039_600.0
OLDEST = NOW - 90 * 86400


def spec(channel_id, metric, unit, canonical, range_min=None, range_max=None):
    return ChannelSpec(channel_id, metric, unit, converter(metric, unit, canonical), range_min, range_max)


CONTEXT = DeviceContext(
    device_id=1,
    serial="DA-AIR-01",
    expected_interval_s=60,
    channels={
        "PM2.5": spec(11, "pm25", "µg/m³", "µg/m³", 0, 1000),
        "NO2": spec(12, "no2", "ppb", "µg/m³"),
        "SO2": spec(13, "so2", "µg/m³", "µg/m³"),
        "flow_ls": spec(14, "flow", "L/s", "m³/h"),
        "pH": spec(15, "ph", "", ""),
        "radon": spec(16, "tsp", "Bq", "µg/m³"),
    },
)


def check(name, value, unit=None, ts=NOW, status=None):
    return check_sample(CONTEXT, Sample(0, name, ts, value, status, unit), NOW, OLDEST)


def test_ppb_of_no2_become_micrograms_per_cubic_metre_at_25_degrees():
    # 100 ppb × 46.01 g/mol / 24.45 L/mol = 188.18 µg/m³ (QCVN 05:2023 reference conditions)
    channel, ts, value, quality = check("NO2", 100)
    assert (channel, ts, quality) == (12, NOW, Quality.VALID)
    assert value == pytest.approx(188.18, abs=0.01)


def test_a_value_may_name_its_own_unit():
    assert check("SO2", 0.05, unit="mg/m³")[2] == pytest.approx(50.0)
    assert check("SO2", 10, unit="ppb")[2] == pytest.approx(10 * 64.07 / 24.45)


def test_litres_per_second_become_cubic_metres_per_hour():
    assert check("flow_ls", 10)[2] == pytest.approx(36.0)


def test_a_unit_that_cannot_be_converted_is_refused():
    refusal = check("SO2", 3, unit="mg/L")
    assert isinstance(refusal, Refusal) and refusal.reason == "wrong_unit"
    assert check("radon", 1).reason == "wrong_unit"


def test_a_physically_impossible_value_is_refused_and_a_merely_odd_one_is_suspect():
    assert check("pH", 15).reason == "physically_impossible"
    assert check("PM2.5", -1).reason == "physically_impossible"
    assert check("PM2.5", 1500)[3] == Quality.SUSPECT  # possible, but beyond this sensor's 0–1,000


def test_the_status_the_device_gives_is_kept():
    assert check("PM2.5", 1500, status=Quality.CALIBRATING)[3] == Quality.CALIBRATING


def test_an_unknown_sensor_a_future_time_and_a_too_old_time_are_refused():
    assert check("CO2", 400).reason == "unknown_sensor"
    assert check("PM2.5", 10, ts=NOW + 3600).reason == "future_timestamp"
    assert check("PM2.5", 10, ts=OLDEST - 1).reason == "too_old"
    assert isinstance(check("PM2.5", 10, ts=NOW + 60), tuple)  # a clock a minute fast is fine
