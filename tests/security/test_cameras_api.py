"""The camera registry over the API: encrypted write-only passwords, tenancy and roles, filters, health
and the latest snapshot, and every bad value refused naming its field in the caller's language."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ioc.evidence.images import store_image
from ioc.evidence.models import Purpose as ImagePurpose
from ioc.park.choices import DeviceKind, Role
from ioc.park.models import Device
from security.analytics.synthetic import background, encode_jpeg
from security.models import Camera
from tests.conftest import point

pytestmark = pytest.mark.django_db
CAMERAS = "/api/v1/security/cameras/"


@pytest.fixture
def gate_device(small_park):
    return Device.objects.create(
        serial="CAM-GATE-01", name="Cổng chính", kind=DeviceKind.CAMERA, zone=small_park["zone"],
        location=point(106.2705, 20.9205),
    )  # fmt: skip


def stored_password(camera_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT password FROM security_camera WHERE id = %s", [camera_id])
        return cursor.fetchone()[0]


def test_a_park_manager_registers_a_camera_whose_password_is_stored_encrypted_and_never_read_back(
    gate_device, client_for
):
    api = client_for(Role.PARK_MANAGER)
    body = {"device": gate_device.pk, "purpose": "gate", "bearing": 135, "field_of_view": 70,
            "stream_url": "rtsp://10.0.5.21:554/Streaming/Channels/101", "snapshot_url": "http://10.0.5.21/ISAPI/snap.jpg",
            "username": "ioc", "password": "Đại-An-2026!", "vendor": "Hikvision"}  # fmt: skip
    created = api.post(CAMERAS, body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert "password" not in data and data["has_password"] is True
    assert (data["serial"], data["zone"], data["location"]["coordinates"]) == ("CAM-GATE-01", gate_device.zone_id,
                                                                               [106.2705, 20.9205])  # fmt: skip
    raw = stored_password(data["id"])
    assert raw and "Đại-An-2026" not in raw and raw.startswith("gAAAA")  # a Fernet token
    assert Camera.objects.get(pk=data["id"]).password == "Đại-An-2026!"
    assert "Đại-An-2026" not in api.get(f"{CAMERAS}{data['id']}/").content.decode()


def test_a_blank_password_keeps_the_stored_one_and_null_removes_it(small_park, client_for):
    api, camera = client_for(Role.PARK_MANAGER), small_park["camera_a"]
    assert api.patch(f"{CAMERAS}{camera.pk}/", {"password": "", "vendor": "Dahua"}).status_code == 200
    camera.refresh_from_db()
    assert (camera.password, camera.vendor) == ("secret-a", "Dahua")
    assert api.patch(f"{CAMERAS}{camera.pk}/", {"vendor": "Axis"}).json()["has_password"] is True
    assert api.patch(f"{CAMERAS}{camera.pk}/", {"password": None}).json()["has_password"] is False
    camera.refresh_from_db()
    assert camera.password is None


def test_operators_read_every_camera_and_change_none(small_park, client_for):
    api = client_for(Role.OPERATOR)
    assert api.get(CAMERAS).json()["count"] == Camera.objects.count() == 2
    camera = small_park["camera_a"]
    assert api.patch(f"{CAMERAS}{camera.pk}/", {"bearing": 10}).status_code == 403
    assert api.delete(f"{CAMERAS}{camera.pk}/").status_code == 403


def test_an_enterprise_user_reads_only_the_cameras_of_its_own_devices_and_changes_none(
    small_park, client_for
):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    listed = api.get(CAMERAS).json()
    assert [row["serial"] for row in listed["results"]] == ["CAM-a"]
    assert api.get(f"{CAMERAS}{small_park['camera_b'].pk}/").status_code == 404
    assert api.patch(f"{CAMERAS}{small_park['camera_a'].pk}/", {"bearing": 10}).status_code == 403


def test_a_ward_official_is_refused_the_camera_registry(small_park, client_for):
    api = client_for(Role.WARD_OFFICIAL, language="vi")
    response = api.get(CAMERAS)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Cán bộ phường xem trang An ninh")


def test_cameras_are_filtered_by_purpose_zone_state_and_analysis(small_park, gate_device, client_for):
    Camera.objects.create(device=gate_device, purpose="gate", online=True, analysis_enabled=True,
                          snapshot_url="http://10.0.5.21/snap.jpg")  # fmt: skip
    api = client_for(Role.OPERATOR)

    def serials(**query):
        return [row["serial"] for row in api.get(CAMERAS, query).json()["results"]]

    assert serials(purpose="gate") == ["CAM-GATE-01"]
    assert serials(zone=small_park["zone"].pk) == ["CAM-GATE-01"]
    assert serials(online="true") == ["CAM-GATE-01"] and serials(online="false") == ["CAM-a", "CAM-b"]
    assert serials(analysis_enabled="false") == ["CAM-a", "CAM-b"]
    assert api.get(CAMERAS, {"purpose": "moon"}).status_code == 400


def test_health_and_the_latest_snapshot_are_in_the_answer(small_park, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    camera = small_park["camera_a"]
    frame_at = timezone.now() - timedelta(seconds=20)
    image = store_image(device_id=camera.device_id, data=encode_jpeg(background(64, 48)), taken_at=frame_at,
                        purpose=ImagePurpose.SNAPSHOT)  # fmt: skip
    Camera.objects.filter(pk=camera.pk).update(online=True, last_frame_at=frame_at, frame_rate=11.5, failures_in_row=0,
                                               latest_snapshot=image)  # fmt: skip
    Camera.objects.filter(pk=small_park["camera_b"].pk).update(
        online=True,
        last_frame_at=timezone.now() - timedelta(hours=2),
        failures_in_row=3,
        last_error="timed out",
    )
    rows = {row["serial"]: row for row in client_for(Role.OPERATOR).get(CAMERAS).json()["results"]}
    a, b = rows["CAM-a"], rows["CAM-b"]
    assert (a["online"], a["frame_rate"], a["status"]) == (True, 11.5, "online")
    assert (
        a["latest_snapshot"]["id"] == image.pk
        and a["latest_snapshot"]["url"] == f"/api/v1/images/{image.pk}/content"
    )
    assert a["last_frame_at"].endswith("+07:00")  # shown in park time
    assert (b["status"], b["failures_in_row"], b["last_error"], b["latest_snapshot"]) == (
        "silent", 3, "timed out", None,
    )  # fmt: skip


def test_health_is_not_written_through_the_registry(small_park, client_for):
    camera = small_park["camera_a"]
    client_for(Role.PARK_MANAGER).patch(f"{CAMERAS}{camera.pk}/", {"online": True, "failures_in_row": 9})
    camera.refresh_from_db()
    assert (camera.online, camera.failures_in_row) == (False, 0)


@pytest.mark.parametrize(
    ("language", "change", "field", "message"),
    [
        ("en", {"bearing": 360}, "bearing", "Give the bearing in degrees from 0 to 359, clockwise from north."),
        ("vi", {"bearing": -5}, "bearing",
         "Hãy nhập hướng nhìn theo độ từ 0 đến 359, tính theo chiều kim đồng hồ từ hướng bắc."),
        ("en", {"field_of_view": 0}, "field_of_view", "Give the field of view in degrees from 1 to 360."),
        ("vi", {"sensitivity": 1.5}, "sensitivity", "Hãy nhập độ nhạy từ 0 đến 1."),
        ("en", {"grab_interval": 0}, "grab_interval", "Grab a frame every 1 to 3600 seconds."),
        ("en", {"stream_url": "ftp://10.0.5.21/x"}, "stream_url",
         "Use a URL starting with rtsp://, rtsps://, http://, https://."),
        ("vi", {"snapshot_url": "http:///snap.jpg"}, "snapshot_url",
         "URL không có máy chủ (địa chỉ của camera, ví dụ 10.0.5.21)."),
        ("en", {"stream_url": "rtsp://admin:12345@10.0.5.21/live"}, "stream_url",
         "Put the user name and password in their own fields, where they are stored encrypted, not in the URL."),
        ("en", {"onvif_url": "http://10.0.5.21:99999/onvif"}, "onvif_url",
         "The URL's port is not a number from 1 to 65535."),
        ("en", {"analysis_enabled": True}, "snapshot_url",
         "Give a snapshot or stream URL for the workers to grab frames from."),
        ("en", {"regions": [{"name": "fence", "points": [[0, 0], [1, 0]]}]}, "regions",
         "fence: A region needs at least 3 points."),
        ("vi", {"regions": [{"name": "fence", "points": [[0, 0], [1.2, 0], [1, 1]]}]}, "regions",
         "fence: Điểm 2 nằm ngoài khung hình: x và y có giá trị từ 0 đến 1."),
        ("en", {"regions": [{"name": "a", "points": [[0, 0], [1, 0], [1, 1]], "restricted": "yes"}]}, "regions",
         "Region “a”: “restricted” is true or false."),
        ("vi", {"regions": [{"points": [[0, 0], [1, 0], [1, 1]]}]}, "regions", "Vùng 1 cần có tên."),
        ("en", {"counting_line": [[0.1, 0.5]]}, "counting_line", "A counting line needs exactly 2 points."),
        ("vi", {"counting_line": [[0.5, 0.5], [0.5, 0.5]]}, "counting_line", "Hai điểm của vạch đếm trùng nhau."),
        ("en", {"regions": [{"name": "a\u0000", "points": [[0, 0], [1, 0], [1, 1]]}]}, "regions",
         "Remove the NUL character (\\u0000): it cannot be stored."),
    ],
)  # fmt: skip
def test_a_bad_value_is_refused_naming_its_field_and_nothing_is_changed(
    small_park, client_for, language, change, field, message
):
    camera = small_park["camera_a"]
    api = client_for(Role.PARK_MANAGER, language=language)
    response = api.patch(f"{CAMERAS}{camera.pk}/", {"vendor": "Bosch", **change})
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    camera.refresh_from_db()
    assert camera.vendor == ""


def test_a_camera_is_registered_only_on_a_camera_device_and_only_once(small_park, gate_device, client_for):
    api = client_for(Role.PARK_MANAGER, language="en")
    meter = api.post(CAMERAS, {"device": small_park["device_a"].pk, "purpose": "gate"})
    assert meter.status_code == 400 and list(meter.json()) == ["device"]
    twice = api.post(CAMERAS, {"device": small_park["camera_a"].device_id, "purpose": "gate"})
    assert twice.json() == {"device": ["This device already has its camera."]}
    moved = api.patch(f"{CAMERAS}{small_park['camera_a'].pk}/", {"device": gate_device.pk})
    assert moved.json() == {"device": ["A camera stays on its device; register the new device's camera."]}


def test_the_list_costs_a_fixed_number_of_queries(
    small_park, gate_device, client_for, django_assert_max_num_queries
):
    for n in range(20):
        device = Device.objects.create(serial=f"CAM-X{n}", name=f"Camera {n}", kind=DeviceKind.CAMERA,
                                       zone=small_park["zone"], location=point(106.27, 20.92))  # fmt: skip
        Camera.objects.create(device=device, purpose="road")
    api = client_for(Role.OPERATOR)
    with django_assert_max_num_queries(8):
        assert api.get(CAMERAS, {"page_size": 100}).json()["count"] == 22
