"""Grabbing frames from a real local HTTP server playing cameras: auth, deadlines, limits, reasons."""

import time

import cv2
import pytest
from django.utils import translation

from security import grabbing
from security.analytics import synthetic
from tests.security.camera_server import CameraServer, FakeCamera

FRAME = synthetic.encode_jpeg(synthetic.background(320, 240, seed=4))


@pytest.fixture(autouse=True)
def _english():
    # Reasons are written in the active language (the park's, vi, in a worker); these tests read English.
    with translation.override("en"):
        yield


@pytest.fixture
def server():
    server = CameraServer().start()
    yield server
    server.stop()


def failure(url, *args, seconds=1.0) -> tuple[str, float]:
    began = time.monotonic()
    with pytest.raises(grabbing.GrabError) as caught:
        grabbing.grab_snapshot(url, *args, seconds=seconds)
    return caught.value.reason, time.monotonic() - began


def test_a_snapshot_is_fetched_and_decoded(server):
    server.cameras["gate"] = FakeCamera([FRAME])
    grabbed = grabbing.grab_snapshot(server.url("gate"))
    assert grabbed.data == FRAME and grabbed.frame.shape == (240, 320, 3)


def test_basic_credentials_go_only_after_the_challenge_and_then_straight_away(server):
    server.cameras["gate"] = camera = FakeCamera([FRAME], auth="basic")
    grabbing.grab_snapshot(server.url("gate"), camera.username, camera.password)
    grabbing.grab_snapshot(server.url("gate"), camera.username, camera.password)
    assert camera.authorizations == ["", "Basic", "Basic"]


def test_a_digest_camera_never_receives_the_password_in_clear(server):
    server.cameras["fence"] = camera = FakeCamera([FRAME], auth="digest")
    for _ in range(2):
        assert grabbing.grab_snapshot(server.url("fence"), camera.username, camera.password).data == FRAME
    assert "Basic" not in camera.authorizations and camera.authorizations.count("Digest") == 2


def test_wrong_credentials_are_named(server):
    server.cameras["fence"] = FakeCamera([FRAME], auth="digest")
    reason, _took = failure(server.url("fence"), "admin", "wrong")
    assert reason == "The camera refused the user name or password (HTTP 401)."


@pytest.mark.parametrize("mode", ["hang", "trickle"])
def test_a_camera_that_hangs_or_trickles_costs_one_deadline(server, mode):
    server.cameras["slow"] = FakeCamera([FRAME], mode=mode)
    reason, took = failure(server.url("slow"), seconds=1.0)
    assert reason == "No answer within 1.0 s." and 0.9 < took < 1.6


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("html", "The camera sent something that is not a JPEG or PNG image."),
        ("empty", "The camera sent an empty answer."),
    ],
)
def test_what_is_not_an_image_is_refused_with_a_reason(server, mode, reason):
    server.cameras["cam"] = FakeCamera([FRAME], mode=mode)
    assert failure(server.url("cam"))[0] == reason


def test_a_snapshot_over_the_size_limit_is_refused(server, settings):
    settings.IMAGE_MAX_BYTES = len(FRAME) - 1
    server.cameras["cam"] = FakeCamera([FRAME])
    assert failure(server.url("cam"))[0] == f"The snapshot is larger than {len(FRAME) - 1} bytes."


def test_http_errors_and_closed_ports_are_named(server):
    assert failure(server.url("nobody"))[0] == "The camera answered HTTP 404."
    reason, took = failure("http://127.0.0.1:1/snapshot.jpg")
    assert reason.startswith("Cannot connect:") and "refused" in reason and took < 1


def test_reasons_are_in_the_parks_language(server):
    server.cameras["cam"] = FakeCamera([FRAME], mode="html")
    with translation.override("vi"):
        assert failure(server.url("cam"))[0] == "Camera gửi về dữ liệu không phải ảnh JPEG hay PNG."


def test_a_stream_gives_one_frame_through_ffmpeg(server, tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 5, (320, 240))
    for frame in synthetic.static_clip(5):
        writer.write(frame)
    writer.release()
    server.cameras["stream"] = FakeCamera([path.read_bytes()])
    grabbed = grabbing.grab_stream(server.url("stream", "avi"), seconds=5)
    assert grabbed.frame.shape == (240, 320, 3) and grabbed.data.startswith(b"\xff\xd8\xff")


def test_a_stream_that_cannot_be_opened_fails_within_its_deadline():
    began = time.monotonic()
    with pytest.raises(grabbing.GrabError, match="could not be opened"):
        grabbing.grab_stream("rtsp://127.0.0.1:1/live", seconds=1)
    assert time.monotonic() - began < 2


def test_stream_credentials_are_put_into_the_url_quoted():
    assert (
        grabbing.with_credentials("rtsp://10.0.5.21:554/Streaming/101", "admin", "p@ss:word/1")
        == "rtsp://admin:p%40ss%3Aword%2F1@10.0.5.21:554/Streaming/101"
    )
    assert grabbing.with_credentials("rtsp://u:p@cam/live", "admin", "x") == "rtsp://u:p@cam/live"
    assert grabbing.with_credentials("rtsp://cam/live", "", "") == "rtsp://cam/live"
