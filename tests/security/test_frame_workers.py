"""The frame workers on the real stack: a local HTTP server plays the cameras, PostgreSQL and Redis keep
the rest; the dispatcher and the jobs run as Celery tasks (in-process, as the conftest makes them) on a
test clock, so 5-second intervals take no 5 seconds. Issue 7's acceptance for counts, intrusion and
offline cameras, and the per-camera lock with a real thread pool.
"""

import threading
import time
from datetime import UTC, datetime
from datetime import time as clock_time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

from ioc.alerts.choices import Severity
from ioc.alerts.models import Alarm
from ioc.evidence.models import Image, Purpose
from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from ioc.telemetry.models import DeviceEvent
from security import analysis, frame_jobs, tasks
from security.analytics import synthetic
from security.models import Camera
from tests.security.camera_server import CameraServer, FakeCamera

# 23:00 in the park (UTC+7), inside the default restricted hours 22:00–06:00; and 10:00 the next day.
NIGHT = datetime(2026, 11, 25, 16, 0, tzinfo=UTC).timestamp()
DAY = datetime(2026, 11, 26, 3, 0, tzinfo=UTC).timestamp()
TOP_HALF = [[0, 0], [1, 0], [1, 0.5], [0, 0.5]]
BOTTOM_HALF = [[0, 0.55], [1, 0.55], [1, 1], [0, 1]]


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


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


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(NIGHT)
    monkeypatch.setattr(frame_jobs, "clock", clock)
    return clock


@pytest.fixture(autouse=True)
def _frames(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURITY_GRAB_TIMEOUT_SECONDS = 1
    analysis.states.forget()
    yield
    analysis.states.forget()


def make_camera(server, name, frames, serial=None, **values) -> Camera:
    server.cameras[name] = FakeCamera(frames)
    device = Device.objects.create(
        serial=serial or f"CAM-{name.upper()}", name=f"Camera {name}", kind=DeviceKind.CAMERA,
        location={"type": "Point", "coordinates": [106.27, 20.93]},
    )  # fmt: skip
    values = {"purpose": "road", "analysis_enabled": True, "grab_interval": 5, **values}
    return Camera.objects.create(device=device, snapshot_url=server.url(name), **values)


def step(clock, seconds=5):
    """One beat of the dispatcher after `seconds` on the test clock."""
    clock.now += seconds
    return tasks.dispatch_frames.delay()


def jpegs(frames) -> list[bytes]:
    return [synthetic.encode_jpeg(frame) for frame in frames]


def vehicle_counts(camera) -> dict[str, int]:
    totals = {"in": 0, "out": 0}
    for details in DeviceEvent.objects.filter(device=camera.device, kind="vehicle_count").values_list(
        "details", flat=True
    ):
        totals[details["direction"]] += details["count"]
    return totals


@pytest.mark.django_db
def test_vehicles_crossing_the_line_are_counted_through_grab_and_analysis(
    server, clock, django_capture_on_commit_callbacks
):
    size = {"width": 640, "height": 360, "size": (0.12, 0.2), "seed": 7}
    clip = [
        *synthetic.moving_object_clip((0.3, -0.15), (0.3, 1.15), frames=9, lead_in=8, **size),  # in
        *synthetic.moving_object_clip((0.7, 1.15), (0.7, -0.15), frames=9, lead_in=2, **size),  # out
        *synthetic.moving_object_clip((0.5, -0.15), (0.5, 1.15), frames=9, lead_in=2, **size),  # in
    ]
    camera = make_camera(server, "road", jpegs(clip), counting_line=[[0, 0.5], [1, 0.5]])
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(len(clip) + 12):  # the clip, then the last frame for a minute: the count closes
            step(clock)
    assert server.cameras["road"].served == len(clip) + 12
    got = vehicle_counts(camera)
    assert abs(got["in"] - 2) <= 1 and abs(got["out"] - 1) <= 1, got
    assert got == {"in": 2, "out": 1}  # the ±1 of the acceptance is slack this clip does not need
    events = DeviceEvent.objects.filter(device=camera.device, kind="vehicle_count")
    assert all(e.source == "analysis" and e.details["period_s"] == 60 and e.at.second == 0 for e in events)
    camera.refresh_from_db()
    assert camera.online and camera.failures_in_row == 0 and camera.frame_rate == pytest.approx(12)
    assert camera.last_frame_at.timestamp() == clock.now
    # One snapshot kept per camera: each new one (every 60 s) replaced the last, its file deleted too.
    snapshots = Image.objects.filter(device=camera.device, purpose=Purpose.SNAPSHOT)
    assert list(snapshots) == [camera.latest_snapshot]
    media = Path(camera.latest_snapshot.file.path).parent
    assert [p.name for p in media.iterdir()] == [Path(camera.latest_snapshot.file.name).name]
    assert not Alarm.objects.filter(device=camera.device).exists()


def intrusion_clip():
    # An object walks along the fence (the top half) after the warm-up, for 8 frames = 40 s.
    return synthetic.moving_object_clip(
        (0.1, 0.25), (0.9, 0.25), frames=8, lead_in=8, shape="ellipse", size=(0.08, 0.2), width=640,
        height=360, seed=11,
    )  # fmt: skip


def fence_camera(server, **values):
    regions = [{"name": "fence", "points": TOP_HALF, "restricted": True},
               {"name": "yard", "points": BOTTOM_HALF, "restricted": False}]  # fmt: skip
    frames = jpegs(intrusion_clip())
    camera = make_camera(server, "fence", frames, purpose="perimeter", regions=regions, detect_people=False,
                         restricted_from=clock_time(22, 0), restricted_until=clock_time(6, 0), **values)  # fmt: skip
    return camera, frames


@pytest.mark.django_db
def test_movement_in_a_restricted_region_at_night_raises_one_alarm_with_the_frame(server, clock):
    camera, frames = fence_camera(server)
    for _ in range(len(frames) + 4):
        step(clock)
    events = DeviceEvent.objects.filter(device=camera.device, kind="intrusion")
    assert events.count() == 1  # movement went on for 40 s: one event, not one a frame
    event = events.get()
    assert event.details == {"rule": "region_entry", "region": "fence", "object": "unknown"}
    alarm = Alarm.objects.get(device=camera.device)
    assert alarm.severity == Severity.CRITICAL and alarm.count == 1 and alarm.image_id == event.image_id
    attached = alarm.image.file.read()
    assert attached in frames[8:]  # the very frame that showed the intruder, as the camera sent it
    assert alarm.image.content_type == "image/jpeg" and alarm.image.purpose == Purpose.EVENT
    assert synthetic.decode_jpeg(attached).shape == (360, 640, 3)


@pytest.mark.django_db
def test_the_same_movement_by_day_raises_nothing(server, clock):
    clock.now = DAY
    camera, frames = fence_camera(server)
    for _ in range(len(frames) + 2):
        step(clock)
    assert not DeviceEvent.objects.filter(device=camera.device, kind="intrusion").exists()
    assert not Alarm.objects.filter(device=camera.device).exists()


@pytest.mark.django_db
def test_a_long_intrusion_is_one_event_per_throttle_period(server, clock, settings):
    settings.SECURITY_INTRUSION_EVERY_SECONDS = 20
    camera, frames = fence_camera(server)
    for _ in range(len(frames)):
        step(clock)
    # 8 frames of movement, 5 s apart, one event at most every 20 s: the 1st, 5th (and no more).
    assert DeviceEvent.objects.filter(device=camera.device, kind="intrusion").count() == 2
    assert Alarm.objects.get(device=camera.device).count == 2


@pytest.mark.django_db
def test_a_camera_that_stops_answering_is_offline_within_three_intervals_and_comes_back(server, clock):
    still = jpegs(synthetic.static_clip(3, width=320, height=240))
    camera = make_camera(server, "gate", still, analysis_enabled=False)
    other = make_camera(server, "yard", still, analysis_enabled=False)
    step(clock)
    camera.refresh_from_db()
    assert camera.online and camera.latest_snapshot is not None
    last_good = camera.last_frame_at.timestamp()
    server.cameras["gate"].mode = "hang"
    states = []
    for _ in range(3):
        began = time.monotonic()
        step(clock)
        assert time.monotonic() - began < 2.5  # one deadline (1 s) for the hanging camera, not more
        camera.refresh_from_db()
        states.append((camera.online, camera.failures_in_row))
    assert states == [(True, 1), (True, 2), (False, 3)]  # one lost frame is not an outage
    assert clock.now - last_good <= 3 * camera.grab_interval
    assert camera.last_error == "No answer within 1 s."
    other.refresh_from_db()
    assert other.online and other.last_frame_at.timestamp() == clock.now  # the others went on
    server.cameras["gate"].mode = "ok"
    step(clock)
    camera.refresh_from_db()
    assert camera.online and camera.failures_in_row == 0 and camera.last_error == ""
    assert camera.frame_rate is None  # the outage is not averaged into the rate; the next frame sets it


@pytest.mark.django_db
def test_a_camera_no_worker_answers_for_goes_offline_by_the_sweep(server, clock):
    camera = make_camera(server, "gate", jpegs(synthetic.static_clip(1)), analysis_enabled=False)
    step(clock)
    camera.refresh_from_db()
    last_good = camera.last_frame_at.timestamp()
    reports = []
    for _ in range(16):  # the dispatcher's beats for 16 s: jobs are sent, but nobody runs them
        clock.now += 1
        reports.append(frame_jobs.dispatch(lambda *job: None))
    assert sum(len(r["sent"]) for r in reports) == 1  # its lock stays held: no pile-up of jobs
    # Its turns come every 5 s (where in the second depends on its id): the first sends the job, every
    # later one finds the camera still busy.
    turns = [i for i, r in enumerate(reports) if camera.pk in r["busy"] or camera.pk in r["sent"]]
    assert len(turns) >= 3 and camera.pk in reports[turns[0]]["sent"]
    assert all(camera.pk in reports[i]["busy"] for i in turns[1:])
    assert all(b - a == camera.grab_interval for a, b in zip(turns, turns[1:], strict=False))
    gone = [clock.now - 16 + i + 1 - last_good for i, r in enumerate(reports) if r["offline"]]
    assert gone == [14]  # 3 intervals (15 s) without a frame, less the dispatcher's 1 s beat
    camera.refresh_from_db()
    assert not camera.online and camera.last_error == "No frame for 14 s: no frame worker answered."


@pytest.mark.django_db(transaction=True)
def test_a_slow_camera_has_one_job_in_flight_and_holds_up_no_other(server, clock, settings):
    settings.SECURITY_GRAB_TIMEOUT_SECONDS = 4
    still = jpegs(synthetic.static_clip(1, width=320, height=240))
    slow = make_camera(server, "slow", still, grab_interval=1, analysis_enabled=False)
    fast = make_camera(server, "fast", still, grab_interval=1, analysis_enabled=False)
    server.cameras["slow"].delay = 2.0
    pool = []

    def send(*job):  # what the frames worker's thread pool does with a job
        def work():
            try:
                tasks.grab_frame(*job[:3])
            finally:
                connection.close()

        pool.append(threading.Thread(target=work))
        pool[-1].start()

    began = time.monotonic()
    reports = []
    for _ in range(3):
        reports.append(frame_jobs.dispatch(send))
        clock.now += 1
        time.sleep(0.3)
    fast_served = server.cameras["fast"].served
    slow_asked = len(server.cameras["slow"].requests)
    for thread in pool:
        thread.join(10)
    assert time.monotonic() - began < 4
    assert [sorted(r["sent"]) for r in reports] == [sorted([slow.pk, fast.pk]), [fast.pk], [fast.pk]]
    assert [r["busy"] for r in reports] == [[], [slow.pk], [slow.pk]]
    assert fast_served == 3 and slow_asked == 1  # while the slow one still waited for its first frame
    slow.refresh_from_db()
    assert slow.online and frame_jobs.claim(slow.pk, 5) is not None  # done: its lock was released


def test_cameras_are_spread_over_the_interval_and_due_once_per_slot():
    from security import scheduling

    phases = sorted(scheduling.phase(camera_id, 5) for camera_id in range(1, 51))
    per_second = [sum(s <= p < s + 1 for p in phases) for s in range(5)]
    assert per_second == [10, 10, 10, 10, 10]  # 50 cameras: 10 frames due each second, not 50 at once
    number = scheduling.slot(7, 5, 1000.0)
    assert scheduling.slot_time(7, 5, number) <= 1000.0 < scheduling.slot_time(7, 5, number + 1)
    assert scheduling.slot(7, 5, scheduling.slot_time(7, 5, number + 1)) == number + 1


def test_frame_rate_and_the_offline_cutoff_worked_examples():
    from security import scheduling

    assert scheduling.frames_per_minute(None, None, 100.0) is None  # one frame is no rate
    assert scheduling.frames_per_minute(None, 100.0, 105.0) == 12.0
    assert round(scheduling.frames_per_minute(12.0, 105.0, 115.0), 2) == 9.6  # one 10 s gap among 5 s ones
    assert scheduling.offline_cutoff(5, 1000.0) == 986.0  # 3 × 5 s less the dispatcher's 1 s beat
    assert scheduling.overdue(986.0, 5, 1000.0) and not scheduling.overdue(986.5, 5, 1000.0)
    assert not scheduling.overdue(None, 5, 1000.0)  # never seen: nothing to lose


def test_sensitivity_maps_to_the_changed_share_on_a_log_scale():
    assert analysis.min_share(0) == pytest.approx(0.1)
    assert analysis.min_share(0.5) == pytest.approx(0.01)
    assert analysis.min_share(1) == pytest.approx(0.001)
    assert analysis.min_share(7) == analysis.min_share(1)


@pytest.mark.django_db
def test_no_jobs_pile_up_when_no_frames_worker_reads_the_queue(server, clock):
    camera = make_camera(server, "gate", jpegs(synthetic.static_clip(1)), analysis_enabled=False)
    sent = []
    report = frame_jobs.dispatch(lambda *job: sent.append(job), backlog=frame_jobs.BACKLOG_PER_CAMERA + 1)
    assert report["sent"] == [] and sent == [] and frame_jobs.claim(camera.pk, 5) is not None  # no lock left
