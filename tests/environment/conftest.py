"""Stations of the environment tests: a central-plant outfall and an air station."""

import pytest

from environment.models import Standard, Station
from ioc.park.choices import DeviceKind
from ioc.park.models import Channel, Device
from tests.conftest import point


@pytest.fixture
def outfall(small_park):
    """The central plant's outfall to the Kim Sơn: QCVN 40:2011 column B, Kq 0.9, Kf 1.0."""
    device = Device.objects.create(
        serial="DA-WW-OUT", name="Outfall", kind=DeviceKind.WASTEWATER_STATION, zone=small_park["zone"],
        location=point(106.28, 20.93),
    )  # fmt: skip
    for metric, name, unit in (("cod", "COD", "mg/L"), ("ph", "pH", ""), ("flow", "Flow", "m³/h")):
        Channel.objects.create(device=device, metric=metric, source_name=name, unit=unit)
    device.token = device.issue_token()
    device.save()
    return Station.objects.create(
        code="DA-WW-OUT", name_vi="Cửa xả nhà máy XLNT tập trung", kind="wastewater", role="plant_outfall",
        device=device, standard=Standard.objects.get(code="QCVN 40:2011/BTNMT"), column="B", kq=0.9, kf=1.0,
        coefficient_basis="Kim Sơn river, Q ≤ 50 m³/s; 4,000 m³/day",
    )  # fmt: skip


@pytest.fixture
def air_station(station):
    """The `station` fixture's air device (PM2.5, NO2, SO2) as a QCVN 05:2023 station."""
    found = Station.objects.create(
        code="DA-AIR-01", name_vi="Trạm không khí 1", kind="air", role="ambient", device=station,
        standard=Standard.objects.get(code="QCVN 05:2023/BTNMT"), column="-",
    )  # fmt: skip
    found.device.token = station.token
    return found


@pytest.fixture
def post_readings(django_capture_on_commit_callbacks):
    """POST a batch through the device ingest API, running what waits for the commit (AQI, verdicts)."""
    from rest_framework.test import APIClient

    def post(token, body):
        with django_capture_on_commit_callbacks(execute=True):
            response = APIClient().post(f"/api/v1/devices/{token}/telemetry", body, format="json")
        assert response.status_code == 202, response.content
        return response.json()

    return post
