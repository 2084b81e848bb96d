"""Telemetry pages: a device's health and refusals; the intake overview for park staff only."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from ioc.park.choices import Role


def signed_in(make_user, role, enterprise=None, language="en") -> Client:
    client = Client()
    client.force_login(make_user(role, enterprise))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_device_page_shows_latest_values_health_and_refusals(station, make_user):
    APIClient().post(
        f"/api/v1/devices/{station.token}/telemetry", {"PM2.5": 42.5, "CO2": 1, "battery": 90}, format="json"
    )
    html = (
        signed_in(make_user, Role.PARK_MANAGER)
        .get(reverse("telemetry:device", args=[station.pk]))
        .content.decode()
    )
    assert "42.50" in html and "online" in html and "90.0 %" in html
    assert "The device has no channel named “CO2”." in html


def test_an_enterprise_user_cannot_open_another_enterprises_device(station, small_park, make_user):
    client = signed_in(make_user, Role.ENTERPRISE, small_park["a"])
    assert client.get(reverse("telemetry:device", args=[station.pk])).status_code == 404
    assert client.get(reverse("telemetry:device", args=[small_park["device_a"].pk])).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"), [(Role.PARK_MANAGER, 200), (Role.OPERATOR, 200), (Role.WARD_OFFICIAL, 403)]
)
def test_the_intake_overview_counts_failed_authentications_for_park_staff(station, make_user, role, status):
    APIClient().post("/api/v1/telemetry/", {"x": 1}, format="json", HTTP_AUTHORIZATION="Device forged")
    page = signed_in(make_user, role, language="vi").get(reverse("telemetry:overview"))
    assert page.status_code == status
    if status == 200:
        assert "127.0.0.1" in page.content.decode()
