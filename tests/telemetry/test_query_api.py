"""Reading data back: series with the tier chosen for ≤ 2,000 points, latest values, tenancy."""

import time
from datetime import UTC, datetime, timedelta

from ioc.park.choices import Role
from ioc.park.models import Device
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.pipeline import Message, ingest


def fill(device, start: datetime, minutes: int, step_s: int = 60, name="PM2.5"):
    items = [
        {"ts": int((start + timedelta(seconds=i * step_s)).timestamp() * 1000), "values": {name: 10 + i % 7}}
        for i in range(minutes * 60 // step_s)
    ]
    ingest([Message(context_for_serial(device.serial), items, "simulator", time.time())])


def test_a_day_of_minute_data_comes_back_raw_and_six_days_as_5_minute_rollups(station, client_for):
    api = client_for(Role.OPERATOR)
    now = datetime.now(UTC)
    end = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)  # on a 5-minute edge
    fill(station, end - timedelta(minutes=2100), 2100)  # faster than its 5-minute expected interval
    last_day = {"metric": "pm25", "from": (end - timedelta(days=1)).isoformat(), "to": end.isoformat()}
    day = api.get(f"/api/v1/devices/{station.pk}/telemetry/", last_day).json()
    assert day["interval"] == "raw" and len(day["points"]) == 1440 and day["unit"] == "µg/m³"
    assert day["points"][0]["time"].endswith("+07:00")
    week = api.get(
        f"/api/v1/devices/{station.pk}/telemetry/",
        {"metric": "pm25", "from": (end - timedelta(days=6)).isoformat(), "to": end.isoformat()},
    ).json()
    assert week["interval"] == "5m" and len(week["points"]) == 420
    assert sum(p["count"] for p in week["points"]) == 2100


def test_a_year_comes_back_daily_and_an_explicit_interval_is_obeyed(station, client_for):
    api = client_for(Role.WARD_OFFICIAL)
    fill(station, datetime.now(UTC) - timedelta(hours=3), 60)
    url = f"/api/v1/devices/{station.pk}/telemetry/"
    year = api.get(
        url, {"metric": "pm25", "from": (datetime.now(UTC) - timedelta(days=365)).isoformat()}
    ).json()
    assert year["interval"] == "1d" and len(year["points"]) <= 2
    hourly = api.get(url, {"metric": "pm25", "interval": "1h"}).json()
    assert hourly["interval"] == "1h" and sum(p["count"] for p in hourly["points"]) == 60


def test_bad_queries_name_the_parameter(station, client_for):
    api = client_for(Role.OPERATOR, language="en")
    url = f"/api/v1/devices/{station.pk}/telemetry/"
    assert "metric" in api.get(url).json()
    assert "metric" in api.get(url, {"metric": "cod"}).json()
    assert "interval" in api.get(url, {"metric": "pm25", "interval": "2m"}).json()
    assert "from" in api.get(url, {"metric": "pm25", "from": "yesterday"}).json()
    later = datetime.now(UTC).isoformat()
    assert "from" in api.get(url, {"metric": "pm25", "from": later, "to": "2020-01-01T00:00:00Z"}).json()


def test_latest_values_of_one_device_and_of_many(station, small_park, client_for):
    fill(station, datetime.now(UTC) - timedelta(minutes=10), 5)
    api = client_for(Role.PARK_MANAGER)
    latest = api.get(f"/api/v1/devices/{station.pk}/latest/").json()
    assert latest["values"]["PM2.5"]["metric"] == "pm25" and latest["values"]["PM2.5"]["quality"] == 0
    many = api.get(
        "/api/v1/telemetry/latest/", {"device": f"{station.pk},{small_park['device_a'].pk}"}
    ).json()
    assert many["count"] == 2
    by_zone = api.get("/api/v1/telemetry/latest/", {"zone": small_park["zone"].pk}).json()
    assert by_zone["count"] == Device.objects.filter(zone=small_park["zone"]).count() == 5
    assert "device" in api.get("/api/v1/telemetry/latest/", {"device": "1,x"}).json()


def test_an_enterprise_user_reads_only_its_own_devices_telemetry(station, small_park, client_for):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    assert api.get(f"/api/v1/devices/{station.pk}/telemetry/", {"metric": "pm25"}).status_code == 404
    assert api.get(f"/api/v1/devices/{station.pk}/latest/").status_code == 404
    own = small_park["device_a"]
    assert api.get(f"/api/v1/devices/{own.pk}/latest/").status_code == 200
    listed = api.get("/api/v1/telemetry/latest/").json()
    gate = Device.objects.get(serial="GATE-a")  # the enterprise's gate (traffic)
    mine = [own.pk, small_park["station_a"].device_id, small_park["camera_a"].device_id, gate.pk]
    assert sorted(d["device"] for d in listed["results"]) == sorted(mine)


def test_latest_for_many_devices_costs_a_fixed_number_of_queries(
    station, client_for, django_assert_max_num_queries
):
    api = client_for(Role.PARK_MANAGER)
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/telemetry/latest/").status_code == 200
