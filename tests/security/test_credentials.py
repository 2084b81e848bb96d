"""Camera passwords are stored encrypted and survive a SECRET_KEY rotation through the fallbacks."""

import pytest
from django.db import connection

from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from security.models import Camera, Purpose
from tests.conftest import point

pytestmark = pytest.mark.django_db


def stored_password(camera_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT password FROM security_camera WHERE id = %s", [camera_id])
        return cursor.fetchone()[0]


def make_camera(password: str) -> Camera:
    device = Device.objects.create(
        serial="CAM-X", name="X", kind=DeviceKind.CAMERA, location=point(106.27, 20.92)
    )
    return Camera.objects.create(device=device, purpose=Purpose.GATE, username="admin", password=password)


def test_the_database_never_holds_the_plain_password():
    camera = make_camera("Hai-Phong-2026!")
    column = stored_password(camera.pk)
    assert "Hai-Phong" not in column and column.startswith("gAAAA")  # a Fernet token
    assert Camera.objects.get(pk=camera.pk).password == "Hai-Phong-2026!"


def test_a_rotated_secret_key_still_opens_passwords_through_the_fallbacks(settings):
    camera = make_camera("rtsp-pass")
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "n" * 50, [old]
    field = Camera._meta.get_field("password")
    for cached in ("keys", "f"):
        field.__dict__.pop(cached, None)
    try:
        assert Camera.objects.get(pk=camera.pk).password == "rtsp-pass"
    finally:
        settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = old, []
        for cached in ("keys", "f"):
            field.__dict__.pop(cached, None)
