"""A device's access token is shown once, stored only as a digest, and replaced on request."""

from ioc.park.choices import Role
from ioc.park.models import Device
from ioc.park.models.devices import token_digest
from tests.conftest import point


def new_device(api, serial="DA-CAM-99"):
    payload = {
        "serial": serial,
        "name": "Gate camera",
        "kind": "camera",
        "location": point(106.28, 20.93),
        "expected_interval_s": 60,
        "channels": [{"metric": "people_count", "source_name": "people", "unit": "count"}],
    }
    return api.post("/api/v1/devices/", payload, format="json")


def test_creating_a_device_returns_its_token_once_and_keeps_only_a_digest(client_for, db):
    api = client_for(Role.PARK_MANAGER)
    response = new_device(api)
    assert response.status_code == 201, response.json()
    token = response.json()["access_token"]
    device = Device.objects.get(serial="DA-CAM-99")
    assert device.token_digest == token_digest(token) and token not in device.token_digest
    shown_again = api.get(f"/api/v1/devices/{device.pk}/").json()
    assert "access_token" not in shown_again
    assert shown_again["token_hint"] == token[:6]
    assert shown_again["channels"] == [
        {
            "metric": "people_count",
            "source_name": "people",
            "unit": "count",
            "range_min": None,
            "range_max": None,
        }
    ]
    assert shown_again["expected_interval_s"] == 60


def test_new_credentials_revoke_the_old_token(client_for, db):
    api = client_for(Role.PARK_MANAGER)
    first = new_device(api).json()
    response = api.post(f"/api/v1/devices/{first['id']}/credentials/")
    assert response.status_code == 201
    second = response.json()["access_token"]
    assert second != first["access_token"]
    digest = Device.objects.get(pk=first["id"]).token_digest
    assert digest == token_digest(second) != token_digest(first["access_token"])


def test_an_operator_cannot_issue_credentials(client_for, small_park):
    api = client_for(Role.OPERATOR)
    assert api.post(f"/api/v1/devices/{small_park['park_device'].pk}/credentials/").status_code == 403


def test_a_duplicate_serial_is_refused_naming_the_field(client_for, db):
    api = client_for(Role.PARK_MANAGER)
    new_device(api)
    response = new_device(api)
    assert response.status_code == 400
    assert "serial" in response.json()


def test_two_channels_with_one_device_name_are_refused(client_for, db):
    api = client_for(Role.PARK_MANAGER)
    payload = {
        "serial": "X-2",
        "name": "Meter",
        "kind": "energy_meter",
        "location": point(106.28, 20.93),
        "channels": [
            {"metric": "energy", "source_name": "e", "unit": "kWh"},
            {"metric": "power", "source_name": "e", "unit": "kW"},
        ],
    }
    response = api.post("/api/v1/devices/", payload, format="json")
    assert response.status_code == 400
    assert "channels" in response.json()


def test_updating_a_device_replaces_its_channels(client_for, small_park):
    api = client_for(Role.PARK_MANAGER)
    device = small_park["device_a"]
    channels = [{"metric": "power", "source_name": "kw", "unit": "W"}]
    response = api.patch(f"/api/v1/devices/{device.pk}/", {"channels": channels}, format="json")
    assert response.status_code == 200, response.json()
    assert list(device.channels.values_list("metric", "unit")) == [("power", "W")]


def test_devices_filter_by_kind_and_enterprise(client_for, small_park):
    api = client_for(Role.WARD_OFFICIAL)
    cameras = api.get("/api/v1/devices/", {"kind": "air_station"}).json()
    assert [d["serial"] for d in cameras["results"]] == ["DA-AIR-01"]
    owned = api.get("/api/v1/devices/", {"enterprise": small_park["b"].pk}).json()
    assert [d["serial"] for d in owned["results"]] == ["CAM-b", "DEV-b", "GATE-b", "WW-b"]
    both = api.get(
        "/api/v1/devices/", {"enterprise": small_park["b"].pk, "kind": "wastewater_station"}
    ).json()
    assert [d["serial"] for d in both["results"]] == ["WW-b"]
