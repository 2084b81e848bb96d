"""Shared fixtures: people in every role, API clients holding their tokens, a small two-enterprise park."""

import pytest
from django.conf import settings
from django.core.cache import cache
from knox.models import AuthToken
from rest_framework.test import APIClient

from ioc.management.commands.compile_catalogues import compile_catalogues
from ioc.park.choices import DeviceKind, InvestmentType, Role, ZoneKind
from ioc.park.models import Channel, Contact, Device, Enterprise, Lot, User, Zone
from ioc.telemetry.devices import forget_all

# Tests read the catalogues as they are in the working tree, whatever `make` last compiled.
compile_catalogues(settings.LOCALE_PATHS)


def square(lon: float, lat: float, size: float = 0.002) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Tests speak plain HTTP to the test client; production redirects to HTTPS.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _no_local_broker(settings, tmp_path):
    # Tests must never rewrite the password file of a developer's running `make mqtt` broker.
    settings.MQTT_AUTH_DIR = tmp_path / "no-broker"
    settings.MQTT_PID_FILE = tmp_path / "no-broker" / "mosquitto.pid"


@pytest.fixture(autouse=True)
def _fresh_device_contexts():
    # The pipeline caches device channel maps per process; each test builds its own devices.
    forget_all()
    yield
    forget_all()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache is real Redis under CI; throttling counters must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(role: str, enterprise: Enterprise | None = None, username: str | None = None) -> User:
        return User.objects.create_user(
            username=username or f"{role}-{enterprise.pk if enterprise else 'park'}",
            password="not-a-real-password-42",
            role=role,
            enterprise=enterprise,
            is_superuser=role == Role.ADMIN,
            is_staff=role in (Role.ADMIN, Role.PARK_MANAGER),
        )

    return make


@pytest.fixture
def client_for(make_user):
    """An APIClient authenticated with a real API token of a user in `role`."""

    def client(role: str, enterprise: Enterprise | None = None, language: str | None = None) -> APIClient:
        user = make_user(role, enterprise)
        _instance, token = AuthToken.objects.create(user)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        if language:
            api.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        api.user = user
        return api

    return client


def make_enterprise(tax_code: str, name: str, country: str = "JP") -> Enterprise:
    return Enterprise.objects.create(
        tax_code=tax_code,
        name_vi=name,
        name_en=name,
        investment_type=InvestmentType.DDI if country == "VN" else InvestmentType.FDI,
        investor_country=country,
        sector="2930",
    )


@pytest.fixture
def small_park(db):
    """Two enterprises, each with a lot, a contact and a device with a channel; one park device."""
    zone = Zone.objects.create(
        code="z-a", name_vi="Khu A", kind=ZoneKind.PRODUCTION, boundary=square(106.27, 20.92, 0.01)
    )
    park = {"zone": zone}
    for key, tax_code, lon in (("a", "0100233488", 106.271), ("b", "0314409058", 106.275)):
        enterprise = make_enterprise(tax_code, f"Công ty {key.upper()}")
        Lot.objects.create(code=f"lot-{key}", zone=zone, enterprise=enterprise, boundary=square(lon, 20.921))
        Contact.objects.create(enterprise=enterprise, name=f"Người liên hệ {key}", email=f"{key}@example.vn")
        device = Device.objects.create(
            serial=f"DEV-{key}",
            name=f"Meter {key}",
            kind=DeviceKind.ENERGY_METER,
            enterprise=enterprise,
            zone=zone,
            location=point(lon + 0.001, 20.9215),
        )
        Channel.objects.create(device=device, metric="energy", source_name="kwh", unit="kWh")
        park[key] = enterprise
        park[f"device_{key}"] = device
    park["park_device"] = Device.objects.create(
        serial="DA-AIR-01",
        name="Air station 1",
        kind=DeviceKind.AIR_STATION,
        zone=zone,
        location=point(106.279, 20.925),
    )
    return park
