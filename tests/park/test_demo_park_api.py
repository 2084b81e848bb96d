"""The demo park as API clients see it: 101 enterprises, 82 FDI from 15 countries, about 600 ha."""

import pytest

from ioc.park.choices import Role
from ioc.park.demo.load import load_demo_park


@pytest.fixture
def demo_park(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("IOC_DEMO_PASSWORD", raising=False)
    load_demo_park()


def every_row(api, url, **params):
    rows, page = [], api.get(url, {"page_size": 40, **params}).json()
    rows += page["results"]
    while page["next"]:
        page = api.get(page["next"]).json()
        rows += page["results"]
    return rows


def test_the_api_counts_101_enterprises_82_fdi_from_15_countries(demo_park, client_for):
    api = client_for(Role.WARD_OFFICIAL)
    assert api.get("/api/v1/enterprises/").json()["count"] == 101
    fdi = every_row(api, "/api/v1/enterprises/", investment_type="FDI")
    assert len(fdi) == 82
    assert len({row["investor_country"] for row in fdi}) == 15
    ddi = every_row(api, "/api/v1/enterprises/", investment_type="DDI")
    assert len(ddi) == 19 and {row["investor_country"] for row in ddi} == {"VN"}
    japanese = api.get("/api/v1/enterprises/", {"investor_country": "JP"}).json()["count"]
    assert 0 < japanese < 82


def test_the_zones_add_up_to_about_600_ha(demo_park, client_for):
    api = client_for(Role.PARK_MANAGER)
    zones = every_row(api, "/api/v1/zones/")
    assert 590 <= sum(float(zone["area_ha"]) for zone in zones) <= 610


def test_an_enterprise_user_of_the_demo_sees_its_own_devices_only(demo_park, client_for):
    from ioc.park.models import Enterprise

    owner = Enterprise.objects.filter(devices__isnull=False).order_by("tax_code").first()
    api = client_for(Role.ENTERPRISE, owner)
    devices = every_row(api, "/api/v1/devices/")
    assert devices and {row["enterprise"] for row in devices} == {owner.pk}
    assert all(row["channels"] and "metric" in row["channels"][0] for row in devices)


def test_the_enterprise_list_costs_a_fixed_number_of_queries(
    demo_park, client_for, django_assert_max_num_queries
):
    api = client_for(Role.PARK_MANAGER)
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/enterprises/", {"page_size": 200}).status_code == 200
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/devices/", {"page_size": 200}).status_code == 200
