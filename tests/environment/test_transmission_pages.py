"""The transmission health page, the ledger API, the alarm rule's scope and the settings' errors."""

import pytest
from django.conf import settings
from django.utils import timezone

from environment.models import Station, Transmission, TransmissionState
from ioc.alerts.choices import RuleKind
from ioc.alerts.engine import device_went_offline
from ioc.alerts.models import Alarm
from ioc.park.choices import Role


@pytest.fixture
def failing(small_park):
    station = Station.objects.get(code="WW-A")
    Station.objects.filter(pk=station.pk).update(transmits=True)
    row = Transmission.objects.get(station=station)
    Transmission.objects.filter(pk=row.pk).update(
        state=TransmissionState.FAILED,
        attempts=4,
        last_error="ftp://so@10.0.0.9:21/in: ConnectionRefusedError",
    )
    return station


@pytest.mark.parametrize(
    ("language", "words"),
    [("vi", ["Dữ liệu gửi Sở", "Thất bại"]), ("en", ["Data to the Department", "Failing"])],
)
def test_the_health_page_shows_a_failing_station_in_both_languages(
    client, make_user, failing, language, words, django_assert_max_num_queries
):
    client.force_login(make_user(Role.OPERATOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with django_assert_max_num_queries(8):
        page = client.get("/environment/transmission/").content.decode()
    for word in words:
        assert word in page
    assert "WW-A" in page and "ConnectionRefusedError" in page


def test_an_enterprise_user_sees_only_its_own_stations_on_the_health_page(client, make_user, small_park):
    Station.objects.update(transmits=True)
    client.force_login(make_user(Role.ENTERPRISE, small_park["b"]))
    page = client.get("/environment/transmission/").content.decode()
    assert "WW-B" in page and "WW-A" not in page


def test_the_ledger_api_filters_by_station_and_state(client_for, failing):
    api = client_for(Role.OPERATOR)
    rows = api.get("/api/v1/environment/transmissions/", {"state": "failed"}).json()["results"]
    assert [row["station_code"] for row in rows] == ["WW-A"]
    rows = api.get("/api/v1/environment/transmissions/", {"station_code": "WW-B"}).json()["results"]
    assert [row["state"] for row in rows] == ["sent"]


def test_a_bad_filter_value_is_refused_naming_the_field_in_vietnamese(client_for, small_park):
    api = client_for(Role.OPERATOR, language="vi")
    response = api.get("/api/v1/environment/transmissions/", {"state": "lost", "period_end_after": "hôm qua"})
    assert response.status_code == 400
    body = response.json()
    text = str(body)
    assert "state" in text and "period_end_after" in text
    assert "lost" in text and ("hợp lệ" in text or "Chọn" in text), body


def test_the_transmission_rule_is_not_raised_when_a_device_goes_offline(small_park):
    from environment.transmission import transmission_rule

    rule = transmission_rule()
    assert rule.kind == RuleKind.NO_DATA
    device_went_offline(small_park["device_a"].pk, timezone.now())
    assert not Alarm.objects.filter(rule=rule).exists()


def test_settings_refuse_a_bad_period_or_url_naming_the_variable(monkeypatch):
    import subprocess
    import sys

    for name, value, words in (
        ("ENV_TRANSMISSION_PERIOD_MINUTES", "7", "ENV_TRANSMISSION_PERIOD_MINUTES must be 5, 10"),
        ("ENV_TRANSMISSION_URL", "http://so.example/in", "ENV_TRANSMISSION_URL must start with"),
        ("ENV_TRANSMISSION_PROVINCE", "H P", "ENV_TRANSMISSION_PROVINCE must be letters"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", "import ioc.settings"], env={**__import__("os").environ, name: value},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode != 0 and words in done.stderr, done.stderr[-500:]
