"""Images a camera, an NVR or a plate reader sent, or a worker grabbed.

Under Decree 13/2023/NĐ-CP on personal data protection a face or a number plate in a picture is
personal data: each image is kept only until `expires_at` (IMAGE_RETENTION_DAYS after it was taken,
30 by default) and then deleted with its file; who looked at it is in the audit log.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    SNAPSHOT = "snapshot", _("Camera snapshot")
    EVENT = "event", _("Event image")
    PLATE = "plate", _("Plate read image")


def image_path(instance: "Image", filename: str) -> str:
    return f"evidence/{instance.taken_at:%Y/%m/%d}/{filename}"


class Image(models.Model):
    device = models.ForeignKey(
        "park.Device", on_delete=models.CASCADE, related_name="images", verbose_name=_("device")
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    taken_at = models.DateTimeField(_("taken at"), db_index=True)
    expires_at = models.DateTimeField(_("delete after"), db_index=True)
    file = models.FileField(_("file"), upload_to=image_path, max_length=200)
    content_type = models.CharField(_("type"), max_length=20)
    size = models.PositiveIntegerField(_("bytes"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-taken_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [models.Index(fields=["device", "-taken_at"])]

    def __str__(self):
        return f"{self.device_id} {self.purpose} {self.taken_at:%Y-%m-%d %H:%M:%S}"
