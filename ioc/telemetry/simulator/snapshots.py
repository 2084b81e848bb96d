"""Small synthetic JPEGs for the simulated events: a night scene with a figure or smoke, a plate crop.

Drawn with OpenCV (no file, no download); small (a few KB) so that a simulated day of events keeps
the image store light. Base64, as a device sends them.
"""

import base64
import random
from datetime import UTC, datetime

import cv2
import numpy as np

from ioc.telemetry.simulator.base import UTC_OFFSET_S, mix

WIDTH, HEIGHT = 320, 180


def scene(serial: str, t: float, *, person: bool, smoke: bool, seed: int = 0) -> str:
    """A dark fence-line view stamped with the camera and local time; a figure and/or a smoke plume."""
    rng = random.Random(mix(seed, round(t)))  # noqa: S311
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 6, (HEIGHT, WIDTH, 3))
    frame = np.clip(28 + noise, 0, 255).astype(np.uint8)
    cv2.line(frame, (0, 120), (WIDTH, 105), (70, 70, 70), 2)  # the fence
    if person:
        x, y = rng.randint(40, WIDTH - 40), rng.randint(90, 140)
        cv2.rectangle(frame, (x - 7, y - 40), (x + 7, y), (150, 150, 150), -1)
        cv2.circle(frame, (x, y - 47), 7, (160, 160, 160), -1)
    if smoke:
        for n in range(12):
            centre = (rng.randint(120, 200), 150 - n * 10)
            cv2.circle(frame, centre, 12 + n * 3, (110 + n * 4,) * 3, -1)
    local = datetime.fromtimestamp(t + UTC_OFFSET_S, UTC).strftime("%Y-%m-%d %H:%M:%S")
    cv2.putText(frame, f"{serial}  {local}", (6, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (220, 220, 220), 1)
    return _b64(frame, 60)


def plate_crop(text: str) -> str:
    """A plate as a reader crops it: dark characters on a white plate."""
    frame = np.full((48, 200, 3), 235, np.uint8)
    cv2.rectangle(frame, (1, 1), (198, 46), (20, 20, 20), 2)
    cv2.putText(frame, text, (8, 33), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (15, 15, 15), 2)
    return _b64(frame, 70)


def _b64(frame: np.ndarray, quality: int) -> str:
    ok, encoded = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # never for a uint8 frame; a clear error rather than an empty image if it were
        raise RuntimeError("OpenCV could not encode a JPEG")
    return base64.b64encode(encoded.tobytes()).decode()
