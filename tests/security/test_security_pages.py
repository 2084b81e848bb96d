"""The security pages for every role (200 or 403 as designed), in both languages; the analysis settings
form with its errors per field; the admin's write-only password; the dashboard tiles."""

import json
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ioc.alerts.models import Incident
from ioc.park.choices import DeviceKind, Role
from ioc.park.models import Device
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.events import ingest_events
from ioc.telemetry.models import Source
from security.models import Camera
from tests.conftest import point
from tests.security.test_camera_events import jpeg_b64

pytestmark = pytest.mark.django_db
ROLES = [Role.ADMIN, Role.PARK_MANAGER, Role.OPERATOR, Role.WARD_OFFICIAL, Role.ENTERPRISE]
EXPECTED = {  # page → the roles refused it
    "security:home": set(),
    "security:camera-wall": {Role.WARD_OFFICIAL},
    "security:camera-settings": {Role.WARD_OFFICIAL, Role.ENTERPRISE},
}


@pytest.fixture
def signed_in(make_user, small_park):
    def client(role: str, language: str = "vi") -> Client:
        browser = Client()
        browser.force_login(make_user(role, small_park["a"] if role == Role.ENTERPRISE else None))
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return browser

    return client


def url_of(name: str, small_park) -> str:
    return (
        reverse(name, args=[small_park["camera_a"].pk])
        if name == "security:camera-settings"
        else reverse(name)
    )


@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_page_opens_or_is_refused_for_each_role_in_both_languages(
    signed_in, small_park, name, role, language
):
    page = signed_in(role, language).get(url_of(name, small_park))
    assert page.status_code == (403 if role in EXPECTED[name] else 200)
    if page.status_code == 200:
        assert f'<html lang="{language}">' in page.content.decode()


def test_a_stranger_is_asked_to_sign_in(client, small_park):
    for name in EXPECTED:
        response = client.get(url_of(name, small_park))
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_security_page_speaks_vietnamese_first(signed_in):
    html = signed_in(Role.OPERATOR).get(reverse("security:home")).content.decode()
    assert (
        "Màn hình camera" in html
        and "Sự kiện camera mới nhất" in html
        and "Vòng tuần tra trong 12 giờ qua" in html
    )


def fire_at(camera) -> Incident:
    ingest_events(context_for_serial(camera.device.serial), {"type": "fire", "id": "f1", "image": jpeg_b64()},
                  Source.HTTP, time.time())  # fmt: skip
    return Incident.objects.get(alarms__device=camera.device)


def test_the_map_shows_each_cameras_cone_and_state_and_the_incident_its_images(signed_in, small_park, settings,
                                                                                tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    camera = small_park["camera_a"]
    Camera.objects.filter(pk=camera.pk).update(
        bearing=135, field_of_view=70, online=True, last_frame_at=timezone.now()
    )
    image = fire_at(camera).images.get()
    html = signed_in(Role.OPERATOR).get(reverse("security:home")).content.decode()
    marker = 'id="map-cameras" type="application/json">'
    start = html.index(marker) + len(marker)
    points = {p["serial"]: p for p in json.loads(html[start : html.index("</script>", start)])}
    assert (points["CAM-a"]["bearing"], points["CAM-a"]["fov"], points["CAM-a"]["status"]) == (
        135,
        70,
        "online",
    )
    assert points["CAM-b"]["status"] == "offline"
    assert f"/api/v1/images/{image.pk}/content" in html and "Cháy" in html


def test_an_enterprise_user_sees_its_own_cameras_and_a_ward_official_no_picture(signed_in, small_park, settings,
                                                                               tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    image = fire_at(small_park["camera_b"]).images.get()
    mine = signed_in(Role.ENTERPRISE).get(reverse("security:home")).content.decode()
    assert "CAM-a" in mine and "CAM-b" not in mine and f"/images/{image.pk}/" not in mine
    ward = signed_in(Role.WARD_OFFICIAL).get(reverse("security:home")).content.decode()
    assert "CAM-b" in ward and "/api/v1/images/" not in ward and "Cháy" in ward
    assert "Vòng tuần tra" not in ward  # patrols are the staff's


def test_the_camera_wall_shows_each_snapshot_with_its_time_in_park_time(signed_in, small_park):
    at = timezone.now().replace(microsecond=0) - timedelta(seconds=4)
    Camera.objects.filter(pk=small_park["camera_a"].pk).update(online=True, last_frame_at=at)
    html = signed_in(Role.PARK_MANAGER, "en").get(reverse("security:camera-wall")).content.decode()
    assert timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S") in html
    assert 'data-time-zone="Asia/Ho_Chi_Minh"' in html and "/api/v1/security/cameras/" in html
    assert "No snapshot yet" in html


def settings_form(**change) -> dict:
    form = {"grab_interval": "5", "sensitivity": "0.5", "restricted_from": "22:00", "restricted_until": "06:00",
            "regions": json.dumps([{"name": "hàng rào", "points": [[0, 0], [1, 0], [1, 0.4]], "restricted": True}]),
            "counting_line": json.dumps([[0, 0.5], [1, 0.5]]), "detect_people": "on"}  # fmt: skip
    return {**form, **change}


def test_a_park_manager_saves_regions_line_hours_and_sensitivity(signed_in, small_park):
    camera = small_park["camera_a"]
    url = reverse("security:camera-settings", args=[camera.pk])
    response = signed_in(Role.PARK_MANAGER).post(
        url, settings_form(sensitivity="0.8", restricted_from="21:30")
    )
    assert response.status_code == 302
    camera.refresh_from_db()
    assert camera.restricted_regions() == {"hàng rào"} and camera.counting_line == [[0, 0.5], [1, 0.5]]
    assert (camera.sensitivity, camera.restricted_from.strftime("%H:%M")) == (0.8, "21:30")
    assert camera.password == "secret-a"  # untouched by this form


def test_an_operator_reads_the_settings_but_cannot_change_them(signed_in, small_park):
    url = reverse("security:camera-settings", args=[small_park["camera_a"].pk])
    operator = signed_in(Role.OPERATOR)
    page = operator.get(url).content.decode()
    assert "disabled" in page and "Bạn chỉ xem các cài đặt này" in page
    assert operator.post(url, settings_form()).status_code == 403
    assert signed_in(Role.ENTERPRISE).post(url, settings_form()).status_code == 403


@pytest.mark.parametrize(
    ("language", "change", "messages"),
    [
        ("en", {"grab_interval": "0"}, ["Grab a frame every 1 to 3600 seconds."]),
        ("vi", {"regions": json.dumps([{"name": "kho", "points": [[0, 0], [1, 1]]}])}, ["kho: Vùng cần ít nhất 3 điểm."]),
        ("en", {"counting_line": "[[0, 0.5]"}, ["Enter a valid JSON."]),
        ("vi", {"counting_line": json.dumps([[0.2, 0.2], [0.2, 0.2]])}, ["Hai điểm của vạch đếm trùng nhau."]),
        ("en", {"analysis_enabled": "on"},
         ["Snapshot URL: Give a snapshot or stream URL for the workers to grab frames from."]),
    ],
)  # fmt: skip
def test_a_bad_setting_is_shown_by_its_field_and_nothing_is_saved(
    signed_in, small_park, language, change, messages
):
    camera = small_park["camera_a"]
    url = reverse("security:camera-settings", args=[camera.pk])
    response = signed_in(Role.PARK_MANAGER, language).post(url, settings_form(sensitivity="0.9", **change))
    assert response.status_code == 200
    html = response.content.decode()
    for message in messages:
        assert message.replace('"', "&quot;") in html or message in html
    camera.refresh_from_db()
    assert camera.sensitivity == 0.5 and camera.regions == []


def test_the_admin_never_shows_a_camera_password_and_keeps_it_when_left_blank(make_user, small_park):
    browser = Client()
    browser.force_login(make_user(Role.PARK_MANAGER))
    camera = small_park["camera_a"]
    url = reverse("admin:security_camera_change", args=[camera.pk])
    page = browser.get(url).content.decode()
    assert page.count("secret-a") == 0 and "CAM-a" in page
    form = {"device": camera.device_id, "purpose": "gate", "field_of_view": 90, "grab_interval": 5, "regions": "[]",
            "counting_line": "null", "restricted_from": "22:00", "restricted_until": "06:00", "sensitivity": 0.5,
            "password": ""}  # fmt: skip
    assert browser.post(url, form).status_code == 302
    camera.refresh_from_db()
    assert (camera.purpose, camera.password) == ("gate", "secret-a")
    assert browser.post(url, {**form, "password": "mới-2026"}).status_code == 302
    camera.refresh_from_db()
    assert camera.password == "mới-2026"
    assert browser.post(url, {**form, "clear_password": "on"}).status_code == 302
    camera.refresh_from_db()
    assert camera.password is None


def test_an_operator_reads_the_security_admin_and_changes_nothing(make_user, small_park):
    operator = make_user(Role.OPERATOR)
    operator.is_staff = True
    operator.save()
    browser = Client()
    browser.force_login(operator)
    assert browser.get(reverse("admin:security_camera_changelist")).status_code == 200
    assert browser.get(reverse("admin:security_patrolroute_add")).status_code == 403


def test_the_dashboard_counts_open_incidents_and_cameras_offline(signed_in, small_park, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Camera.objects.filter(pk=small_park["camera_a"].pk).update(online=True, last_frame_at=timezone.now())
    fire_at(small_park["camera_b"])
    html = signed_in(Role.OPERATOR, "en").get(reverse("dashboard:home")).content.decode()
    tile = html[html.index('data-panel="security.cameras_offline"') :]
    assert "Cameras offline" in tile and '<p class="value">1 <small>' in tile and "of 2 cameras" in tile
    incidents = html[html.index('data-panel="security.incidents_open"') :]
    assert '<p class="value">1 <small>' in incidents and "1 critical" in incidents
    assert 'data-panel="security.devices"' not in html  # the plain device count is replaced


def test_the_security_page_and_the_wall_cost_a_fixed_number_of_queries(
    signed_in, small_park, django_assert_max_num_queries
):
    for n in range(20):
        device = Device.objects.create(serial=f"CAM-X{n}", name=f"Camera {n}", kind=DeviceKind.CAMERA,
                                       zone=small_park["zone"], location=point(106.27, 20.92))  # fmt: skip
        Camera.objects.create(device=device, purpose="road", bearing=n * 10)
    browser = signed_in(Role.OPERATOR)
    with django_assert_max_num_queries(13):  # 2 cameras or 22: the same count
        assert browser.get(reverse("security:home")).status_code == 200
    with django_assert_max_num_queries(3):
        assert browser.get(reverse("security:camera-wall")).status_code == 200
