"""Keeping an image: check that the bytes are a picture, name the file by its content, set its expiry."""

import base64
import binascii
import hashlib
from datetime import datetime, timedelta

import cv2
import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from ioc.evidence.models import Image

# What a camera or an NVR sends: JPEG nearly always, PNG from some analytics boxes.
SIGNATURES = {b"\xff\xd8\xff": ("image/jpeg", "jpg"), b"\x89PNG\r\n\x1a\n": ("image/png", "png")}


def decode_base64_image(text) -> bytes:
    """The bytes of a base64 image (a `data:image/jpeg;base64,` prefix allowed)."""
    if not isinstance(text, str) or not text:
        raise ValidationError(_("Send the image as a base64 string."))
    if text.startswith("data:"):
        text = text.partition(",")[2]
    limit = settings.IMAGE_MAX_BYTES
    if len(text) > limit * 4 // 3 + 8:
        raise ValidationError(
            _("The image is larger than %(limit)s bytes."), params={"limit": limit}, code="too_large"
        )
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(_("The image is not valid base64."), code="bad_base64") from None


def inspect_image(data: bytes) -> tuple[str, str, int, int]:
    """(content type, extension, width, height) of a JPEG or PNG, or a ValidationError saying why not."""
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is larger than %(limit)s bytes."),
            params={"limit": settings.IMAGE_MAX_BYTES},
            code="too_large",
        )
    kind = next((v for sig, v in SIGNATURES.items() if data.startswith(sig)), None)
    if kind is None:
        raise ValidationError(_("The image must be a JPEG or a PNG."), code="bad_image_type")
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if pixels is None:
        raise ValidationError(_("The image cannot be decoded."), code="bad_image")
    return kind[0], kind[1], pixels.shape[1], pixels.shape[0]


def retention_period() -> timedelta:
    return timedelta(days=settings.IMAGE_RETENTION_DAYS)


def store_image(*, device_id: int, data: bytes, taken_at: datetime, purpose: str) -> Image:
    """Save `data` (validated) for `device_id`; it is deleted `IMAGE_RETENTION_DAYS` after `taken_at`."""
    content_type, extension, width, height = inspect_image(data)
    digest = hashlib.sha256(data).hexdigest()
    image = Image(
        device_id=device_id, purpose=purpose, taken_at=taken_at, expires_at=taken_at + retention_period(),
        content_type=content_type, size=len(data), width=width, height=height, sha256=digest,
    )  # fmt: skip
    image.file.save(f"{device_id}-{digest[:16]}.{extension}", ContentFile(data), save=True)
    return image
