import time

import pytest

from ioc.park.models import Channel


@pytest.fixture
def station(small_park):
    """The park's air station with three channels and a fresh access token."""
    device = small_park["park_device"]
    Channel.objects.bulk_create(
        [
            Channel(
                device=device, metric="pm25", source_name="PM2.5", unit="µg/m³", range_min=0, range_max=1000
            ),
            Channel(device=device, metric="no2", source_name="NO2", unit="ppb"),
            Channel(device=device, metric="so2", source_name="SO2", unit="µg/m³"),
        ]
    )
    device.token = device.issue_token()
    device.save()
    return device


def epoch_ms(seconds_ago: float = 0) -> int:
    return int((time.time() - seconds_ago) * 1000)
