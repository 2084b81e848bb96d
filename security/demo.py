"""Demo cameras whose snapshots the IOC draws itself, so the frame workers have something to analyse.

Three scenes, each a function of the time, so consecutive grabs see things move: a road at the main
gate with vehicles going in and out across a counting line, a fence along Quốc lộ 5 that a person
climbs over now and then (dark at night, restricted 22:00–06:00), and the wastewater plant's tanks,
closed to walkers at all hours. Served by security/demo_views.py; the loader below points three of the
demo park's cameras at them.
"""

import time
from datetime import UTC, datetime
from datetime import time as clock
from functools import cache

import cv2
import numpy as np
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ioc.park.models import Device
from security.analytics.synthetic import background, encode_jpeg
from security.models import Camera, Purpose

WIDTH, HEIGHT = 640, 360
DARK_FROM_HOUR, DARK_UNTIL_HOUR = 18, 6


@cache
def _scenery(name: str) -> np.ndarray:
    return background(WIDTH, HEIGHT, seed=sum(map(ord, name)))


def _progress(at: float, cycle: float, moving: float, offset: float = 0.0) -> float | None:
    """How far (0–1) an object that crosses in `moving` seconds of every `cycle` has gone; None: absent."""
    t = (at + offset) % cycle
    return t / moving if t < moving else None


def _vehicle(frame, x: float, y: float, colour) -> None:
    w, h = round(0.12 * WIDTH), round(0.2 * HEIGHT)
    cx, cy = round(x * WIDTH), round(y * HEIGHT)
    # One flat body: a windscreen as dark as the scenery's patches would split it into two blobs.
    cv2.rectangle(frame, (cx - w // 2, cy - h // 2), (cx + w // 2, cy + h // 2), colour, -1)


def _person(frame, x: float, y: float, colour) -> None:
    """A walker, drawn as synthetic.moving_object_clip draws one: head, torso, two legs."""
    hw, hh = round(0.025 * WIDTH), round(0.12 * HEIGHT)
    cx, cy = round(x * WIDTH), round(y * HEIGHT)
    head = max(2, hh // 4)
    cv2.circle(frame, (cx, cy - hh + head), head, colour, -1)
    cv2.rectangle(frame, (cx - hw, cy - hh + 2 * head), (cx + hw, cy + hh // 8), colour, -1)
    cv2.rectangle(frame, (cx - hw, cy + hh // 8), (cx - hw // 4, cy + hh), colour, -1)
    cv2.rectangle(frame, (cx + hw // 4, cy + hh // 8), (cx + hw, cy + hh), colour, -1)


def _road(frame, at: float) -> None:
    # In: down the left lane every 40 s; out: up the right lane every 60 s. 24 s across the view, so
    # a grab every 3 s sees each vehicle 8 times, steps well within the line counter's max_jump.
    if (p := _progress(at, 40, 24)) is not None:
        _vehicle(frame, 0.35, -0.15 + 1.3 * p, (235, 235, 235))
    if (p := _progress(at, 60, 24, offset=17)) is not None:
        _vehicle(frame, 0.68, 1.15 - 1.3 * p, (15, 15, 15))


def _fence(frame, at: float) -> None:
    # Over the fence (the top of the view) into the park every 3 minutes.
    if (p := _progress(at, 180, 30)) is not None:
        _person(frame, 0.2 + 0.6 * p, 0.25 + 0.5 * p, (220, 220, 40))


def _plant(frame, at: float) -> None:
    # Across the tank area every 2 minutes.
    if (p := _progress(at, 120, 24, offset=40)) is not None:
        _person(frame, 0.1 + 0.8 * p, 0.6, (40, 220, 220))


SCENES = {"road": _road, "fence": _fence, "plant": _plant}


def is_dark(at: float) -> bool:
    hour = timezone.localtime(datetime.fromtimestamp(at, UTC)).hour
    return hour >= DARK_FROM_HOUR or hour < DARK_UNTIL_HOUR


def scene_frame(name: str, at: float) -> np.ndarray:
    """The scene `name` at epoch `at`: its scenery, what moves in it then, sensor noise, night."""
    frame = _scenery(name).copy()
    SCENES[name](frame, at)
    noise = np.random.default_rng(int(at)).normal(0, 2.0, size=frame.shape)
    frame = np.clip(frame + noise, 0, 255)
    if name == "fence" and is_dark(at):  # floodlights only: the plant's tanks are lit all night
        frame = frame * 0.4
    return frame.astype(np.uint8)


def scene_jpeg(name: str, at: float | None = None) -> bytes:
    return encode_jpeg(scene_frame(name, time.time() if at is None else at))


# serial of a demo park camera → its scene and analysis settings (normalised image coordinates).
# The synthetic walkers are not people to the HOG detector, so these cameras judge by movement alone.
DEMO_CAMERAS = {
    "DA-CAM-01": {
        "scene": "road", "purpose": Purpose.GATE, "grab_interval": 3, "counting_line": [[0.0, 0.5], [1.0, 0.5]],
        "regions": [{"name": "lòng đường", "points": [[0.15, 0], [0.9, 0], [0.9, 1], [0.15, 1]], "restricted": False}],
        "detect_people": False,
    },
    "DA-CAM-05": {
        "scene": "fence", "purpose": Purpose.PERIMETER, "grab_interval": 5,
        "regions": [{"name": "hàng rào", "points": [[0, 0], [1, 0], [1, 0.55], [0, 0.55]], "restricted": True}],
        "restricted_from": clock(22, 0), "restricted_until": clock(6, 0), "detect_people": False, "sensitivity": 0.7,
    },
    "DA-CAM-14": {
        # Closed at all hours (restricted from 00:00 to 00:00), so the demo shows an intrusion by day too.
        "scene": "plant", "purpose": Purpose.WAREHOUSE, "grab_interval": 5,
        "regions": [{"name": "khu bể", "points": [[0, 0.3], [1, 0.3], [1, 0.95], [0, 0.95]], "restricted": True}],
        "restricted_from": clock(0, 0), "restricted_until": clock(0, 0), "detect_people": False, "sensitivity": 0.7,
    },
}  # fmt: skip


def snapshot_url(scene: str) -> str:
    path = reverse("security:demo_camera_snapshot", kwargs={"name": scene})
    return settings.SECURITY_DEMO_SNAPSHOT_BASE_URL.rstrip("/") + path


def _values(spec: dict) -> dict:
    values = {k: v for k, v in spec.items() if k != "scene"}
    values.update(snapshot_url=snapshot_url(spec["scene"]), analysis_enabled=True, has_own_analytics=False)
    return values


def load_demo_cameras(*, reset: bool = False) -> list[str]:
    """Point the demo cameras at their synthetic scenes (cameras already pointed elsewhere: with reset)."""
    created = updated = 0
    for device in Device.objects.filter(serial__in=DEMO_CAMERAS, kind="camera").order_by("serial"):
        values = _values(DEMO_CAMERAS[device.serial])
        camera = Camera.objects.filter(device=device).first()
        if camera is not None and not (reset or not camera.snapshot_url):
            continue
        fresh = camera is None
        camera = camera or Camera(device=device)
        for name, value in values.items():
            setattr(camera, name, value)
        camera.full_clean()
        camera.save()
        created, updated = created + fresh, updated + (not fresh)
    return [f"demo cameras {created} created, {updated} updated"] if created or updated else []


def register() -> None:
    """Called from SecurityConfig.ready()."""
    from ioc.registry import registry

    registry.register_demo_loader("security.demo_cameras", load_demo_cameras)
