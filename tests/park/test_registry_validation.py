"""Bad registry input is refused with a 400 that names the field, in the caller's language."""

import pytest

from ioc.park.choices import Role
from tests.conftest import point, square


def enterprise_payload(**overrides):
    payload = {
        "tax_code": "0100233488",
        "name_vi": "Công ty TNHH Thử nghiệm",
        "name_en": "Test Co., Ltd.",
        "investment_type": "FDI",
        "investor_country": "JP",
        "sector": "2930",
    }
    return {**payload, **overrides}


@pytest.fixture
def manager_api(client_for):
    return client_for(Role.PARK_MANAGER)


def test_it_creates_an_enterprise_and_shows_the_api_fields(manager_api):
    response = manager_api.post("/api/v1/enterprises/", enterprise_payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["tax_code"], body["investment_type"], body["investor_country"]) == (
        "0100233488",
        "FDI",
        "JP",
    )


def test_it_keeps_a_branch_tax_code_with_its_dash(manager_api):
    response = manager_api.post("/api/v1/enterprises/", enterprise_payload(tax_code="0314409058002"))
    assert response.status_code == 201, response.json()
    assert response.json()["tax_code"] == "0314409058-002"


@pytest.mark.parametrize("tax_code", ["0100233480", "12345", "01002334881", "abcdefghij"])
def test_it_rejects_a_wrong_tax_code_in_vietnamese(client_for, tax_code):
    api = client_for(Role.PARK_MANAGER, language="vi")
    response = api.post("/api/v1/enterprises/", enterprise_payload(tax_code=tax_code))
    assert response.status_code == 400
    assert "mã số thuế" in response.json()["tax_code"][0]


def test_it_rejects_a_wrong_tax_code_in_english(client_for):
    api = client_for(Role.PARK_MANAGER, language="en")
    response = api.post("/api/v1/enterprises/", enterprise_payload(tax_code="0100233480"))
    assert response.status_code == 400
    assert "not a valid Vietnamese tax code" in response.json()["tax_code"][0]


@pytest.mark.parametrize(("language", "words"), [("en", "not a valid choice"), ("vi", "lựa chọn hợp lệ")])
def test_it_rejects_an_unknown_country_code(client_for, language, words):
    api = client_for(Role.PARK_MANAGER, language=language)
    response = api.post("/api/v1/enterprises/", enterprise_payload(investor_country="XX"))
    assert response.status_code == 400
    assert words in response.json()["investor_country"][0]


def test_it_rejects_an_fdi_project_with_a_vietnamese_investor(manager_api):
    response = manager_api.post("/api/v1/enterprises/", enterprise_payload(investor_country="VN"))
    assert response.status_code == 400
    assert "investor_country" in response.json()


def test_it_rejects_a_sector_that_is_not_a_vsic_code(manager_api):
    response = manager_api.post("/api/v1/enterprises/", enterprise_payload(sector="0400"))
    assert response.status_code == 400
    assert "sector" in response.json()


NOT_POLYGONS = [
    {"type": "Point", "coordinates": [106.27, 20.92]},
    {"type": "Polygon", "coordinates": [[[106.27, 20.92], [106.28, 20.92], [106.28, 20.93]]]},
    {"type": "Polygon", "coordinates": [[[106.27, 20.92], [106.28, 20.92], [106.28, 20.93], [106.2, 20.9]]]},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},  # a bow tie
    {"type": "Polygon", "coordinates": [[[200, 0], [201, 0], [201, 1], [200, 0]]]},
    "not even an object",
]


@pytest.mark.parametrize("boundary", NOT_POLYGONS)
@pytest.mark.parametrize(("language", "word"), [("vi", "đa giác"), ("en", "olygon")])
def test_it_rejects_a_zone_boundary_that_is_not_a_polygon(client_for, boundary, language, word):
    api = client_for(Role.PARK_MANAGER, language=language)
    payload = {"code": "z-x", "name_vi": "Khu X", "kind": "production", "boundary": boundary}
    response = api.post("/api/v1/zones/", payload, format="json")
    assert response.status_code == 400
    message = response.json()["boundary"][0].lower()
    assert word in message or ("kinh độ" if language == "vi" else "longitude") in message


def test_it_measures_a_zone_from_its_boundary(manager_api):
    payload = {
        "code": "z-x",
        "name_vi": "Khu X",
        "kind": "production",
        "boundary": square(106.27, 20.92, 0.01),
    }
    response = manager_api.post("/api/v1/zones/", payload, format="json")
    assert response.status_code == 201, response.json()
    # 0.01° × 0.01° at 20.9° N: 1,106 m × 1,040 m ≈ 115 ha.
    assert 113 < float(response.json()["area_ha"]) < 117


def test_it_rejects_a_device_location_that_is_not_a_point(manager_api):
    payload = {"serial": "X-1", "name": "X", "kind": "camera", "location": square(106.27, 20.92)}
    response = manager_api.post("/api/v1/devices/", payload, format="json")
    assert response.status_code == 400
    assert "location" in response.json()


def test_it_rejects_a_channel_with_an_unknown_metric_or_a_wrong_unit(manager_api):
    payload = {
        "serial": "X-1",
        "name": "X",
        "kind": "air_station",
        "location": point(106.27, 20.92),
        "channels": [
            {"metric": "pm25", "source_name": "PM2_5", "unit": "mg/L"},
            {"metric": "radon", "source_name": "Rn", "unit": "Bq"},
        ],
    }
    response = manager_api.post("/api/v1/devices/", payload, format="json")
    assert response.status_code == 400
    errors = response.json()["channels"]
    assert "unit" in errors["0"] and "metric" in errors["1"]


@pytest.mark.parametrize("serial", ["a/b", "x+", "#", "with space", "-lead"])
def test_a_serial_that_would_break_mqtt_topics_is_refused(manager_api, serial):
    payload = {"serial": serial, "name": "X", "kind": "camera", "location": point(106.27, 20.92)}
    response = manager_api.post("/api/v1/devices/", payload, format="json")
    assert response.status_code == 400 and "serial" in response.json()
