"""The demo cameras: synthetic scenes that change with time, served as snapshots, analysed like any camera."""

from datetime import UTC, datetime

import numpy as np
import pytest
from django.urls import include, path

from ioc.alerts.models import Alarm
from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from security import analysis, demo, frame_jobs, tasks
from security.analytics import synthetic
from security.models import Camera
from tests.security.camera_server import CameraServer, FakeCamera
from tests.security.test_frame_workers import vehicle_counts

# security/urls.py includes security.demo_urls; this module mounts it the same way for its own tests.
urlpatterns = [path("security/", include(("security.demo_urls", "security")))]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
NOON = datetime(2026, 11, 25, 5, 0, tzinfo=UTC).timestamp()  # 12:00 in the park
MIDNIGHT = datetime(2026, 11, 25, 17, 0, tzinfo=UTC).timestamp()  # 00:00 in the park


@pytest.fixture
def demo_devices():
    return {
        serial: Device.objects.create(
            serial=serial,
            name=f"Camera {serial}",
            kind=DeviceKind.CAMERA,
            location={"type": "Point", "coordinates": [106.27, 20.93]},
        )  # fmt: skip
        for serial in demo.DEMO_CAMERAS
    }


def test_the_view_serves_a_jpeg_of_the_scene_as_it_is_now(client):
    response = client.get("/security/demo/cameras/road.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert synthetic.decode_jpeg(response.content).shape == (demo.HEIGHT, demo.WIDTH, 3)
    assert response["Cache-Control"] == "no-store"
    assert client.get("/security/demo/cameras/elsewhere.jpg").status_code == 404
    assert client.post("/security/demo/cameras/road.jpg").status_code == 405


def test_scenes_move_with_time_and_the_fence_is_dark_at_night():
    base = NOON - NOON % 120  # the road's two vehicles are on 40 s and 60 s cycles
    moving = [demo.scene_frame("road", base + t).astype(int) for t in (6, 12)]  # the inbound one
    empty = [demo.scene_frame("road", base + t).astype(int) for t in (30, 36)]  # none in view
    changed = [int((np.abs(a - b).max(axis=2) > 40).sum()) for a, b in (moving, empty)]
    assert changed[0] > 0.01 * demo.WIDTH * demo.HEIGHT and changed[1] == 0  # empty: only sensor noise
    assert demo.scene_frame("fence", MIDNIGHT).mean() < 0.5 * demo.scene_frame("fence", NOON).mean()
    assert demo.scene_frame("plant", MIDNIGHT).mean() == pytest.approx(
        demo.scene_frame("plant", NOON).mean(), rel=0.05
    )


def test_the_loader_points_the_demo_cameras_at_their_scenes_once(demo_devices, settings):
    settings.SECURITY_DEMO_SNAPSHOT_BASE_URL = "http://127.0.0.1:8123/"
    assert demo.load_demo_cameras() == ["demo cameras 3 created, 0 updated"]
    assert demo.load_demo_cameras() == []
    road = Camera.objects.get(device__serial="DA-CAM-01")
    assert road.snapshot_url == "http://127.0.0.1:8123/security/demo/cameras/road.jpg"
    assert road.analysis_enabled and road.counting_line == [[0.0, 0.5], [1.0, 0.5]]
    Camera.objects.filter(pk=road.pk).update(grab_interval=30)
    assert demo.load_demo_cameras(reset=True) == ["demo cameras 0 created, 3 updated"]
    assert Camera.objects.get(pk=road.pk).grab_interval == 3


def run_scene(camera, scene, start, seconds, monkeypatch):
    """The frames worker on `scene` for `seconds` of test clock from `start`, each frame drawn for its time."""
    now = {"t": start}
    monkeypatch.setattr(frame_jobs, "clock", lambda: now["t"])
    server = CameraServer().start()
    times = [start + camera.grab_interval * (i + 1) for i in range(int(seconds // camera.grab_interval))]
    server.cameras[scene] = FakeCamera([demo.scene_jpeg(scene, t) for t in times])
    Camera.objects.filter(pk=camera.pk).update(snapshot_url=server.url(scene))
    try:
        for t in times:
            now["t"] = t
            tasks.dispatch_frames.delay()
    finally:
        server.stop()
    return server.cameras[scene].served


def test_the_demo_road_gives_vehicle_counts(demo_devices, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    analysis.states.forget()
    demo.load_demo_cameras()
    camera = Camera.objects.get(device__serial="DA-CAM-01")
    # From a moment the road is empty (a model warmed up on a passing vehicle takes minutes to forget
    # it), 4 minutes of grabs every 3 s: frames at +30 s … +270 s of the vehicles' 120 s cycle.
    assert run_scene(camera, "road", NOON - NOON % 120 + 27, 243, monkeypatch) == 81
    totals = vehicle_counts(camera)
    # The closed minutes (to +240 s) saw 5 vehicles in (crossing at +54, 93, 135, 174, 213 s) and 4
    # out (+57, 117, 177, 237 s); the minute still open is counted with its first frame after it.
    assert totals == {"in": 5, "out": 4}


def test_the_demo_plant_raises_an_intrusion_alarm_by_day(demo_devices, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    analysis.states.forget()
    demo.load_demo_cameras()
    camera = Camera.objects.get(device__serial="DA-CAM-14")
    run_scene(camera, "plant", NOON - NOON % 120, 240, monkeypatch)
    alarm = Alarm.objects.get(device=camera.device)
    assert alarm.image is not None and "“khu bể”" in alarm.message
