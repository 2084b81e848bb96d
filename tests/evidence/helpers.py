"""Cameras and pictures for the event and image tests."""

import base64

import cv2
import numpy as np

from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from tests.conftest import point


def jpeg(width: int = 64, height: int = 48, seed: int = 0) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 255, (height, width, 3), dtype=np.uint8)
    ok, encoded = cv2.imencode(".jpg", pixels)
    assert ok
    return encoded.tobytes()


def jpeg_b64(width: int = 64, height: int = 48, seed: int = 0) -> str:
    return base64.b64encode(jpeg(width, height, seed)).decode()


def camera(serial: str, *, zone=None, enterprise=None, kind: str = DeviceKind.CAMERA) -> Device:
    """A live camera with a fresh access token in `.token`."""
    device = Device(
        serial=serial, name=f"Camera {serial}", kind=kind, zone=zone, enterprise=enterprise,
        location=point(106.273, 20.93),
    )  # fmt: skip
    device.token = device.issue_token()
    device.save()
    return device
