"""Cameras: where they look, how to reach them, what to watch for, and how they are doing."""

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from security.analytics.regions import validate_line, validate_region


class Purpose(models.TextChoices):
    PERIMETER = "perimeter", _("Perimeter")
    GATE = "gate", _("Gate")
    ROAD = "road", _("Road")
    FIRE_WATCH = "fire_watch", _("Fire watch")
    WAREHOUSE = "warehouse", _("Warehouse")


class Camera(models.Model):
    """A camera of the park's registry (its Device holds serial, zone, location and token)."""

    device = models.OneToOneField(
        "park.Device", on_delete=models.CASCADE, related_name="camera", verbose_name=_("device"),
        limit_choices_to={"kind": "camera"},
    )  # fmt: skip
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    bearing = models.PositiveSmallIntegerField(
        _("bearing (°)"), null=True, blank=True, validators=[MaxValueValidator(359)],
        help_text=_("Where the camera looks, clockwise from north."),
    )  # fmt: skip
    field_of_view = models.PositiveSmallIntegerField(
        _("field of view (°)"), default=90, validators=[MinValueValidator(1), MaxValueValidator(360)]
    )
    stream_url = models.CharField(_("stream URL (RTSP)"), max_length=500, blank=True)
    snapshot_url = models.CharField(_("snapshot URL"), max_length=500, blank=True)
    username = models.CharField(_("user name"), max_length=100, blank=True)
    password = EncryptedCharField(_("password"), max_length=200, null=True, blank=True)
    vendor = models.CharField(_("vendor"), max_length=100, blank=True)
    model_name = models.CharField(_("model"), max_length=100, blank=True)
    firmware = models.CharField(_("firmware"), max_length=100, blank=True)
    onvif_url = models.CharField(
        _("ONVIF device service"), max_length=500, blank=True,
        help_text=_("e.g. http://10.0.5.21/onvif/device_service"),
    )  # fmt: skip
    onvif_profile = models.CharField(_("ONVIF media profile"), max_length=100, blank=True)
    has_own_analytics = models.BooleanField(
        _("sends its own events"), default=False,
        help_text=_("A smart camera or NVR that posts its own events; the IOC does not analyse its frames."),
    )  # fmt: skip

    # What the IOC's workers do with its frames.
    analysis_enabled = models.BooleanField(_("analyse frames"), default=False)
    grab_interval = models.PositiveIntegerField(
        _("grab a frame every (s)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(3600)]
    )
    regions = models.JSONField(
        _("regions"), default=list, blank=True,
        help_text=_('[{"name": "fence", "points": [[x, y], …], "restricted": true}] in 0–1 image coordinates'),
    )  # fmt: skip
    counting_line = models.JSONField(_("counting line"), null=True, blank=True)
    restricted_from = models.TimeField(_("restricted from"), default=time(22, 0))
    restricted_until = models.TimeField(_("restricted until"), default=time(6, 0))
    sensitivity = models.FloatField(
        _("sensitivity"), default=0.5, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 reports only large movements, 1 the smallest."),
    )  # fmt: skip
    detect_people = models.BooleanField(_("look for people in restricted regions"), default=True)

    # Health, written by the frame grabber (or by the camera's own heartbeats).
    online = models.BooleanField(_("online"), default=False)
    last_frame_at = models.DateTimeField(_("last frame"), null=True, blank=True)
    frame_rate = models.FloatField(_("frames per minute"), null=True, blank=True)
    failures_in_row = models.PositiveIntegerField(_("failed grabs in a row"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    latest_snapshot = models.ForeignKey(
        "evidence.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("latest snapshot"),
    )  # fmt: skip

    class Meta:
        ordering = ["device__serial"]
        verbose_name = _("camera")
        verbose_name_plural = _("cameras")

    def __str__(self):
        return str(self.device)

    def clean(self):
        errors = {}
        if self.device_id and self.device.kind != "camera":
            errors["device"] = _("Choose a device of kind camera.")
        if self.analysis_enabled and not (self.snapshot_url or self.stream_url):
            errors["snapshot_url"] = _("Give a snapshot or stream URL for the workers to grab frames from.")
        for url_field, schemes in (("stream_url", ("rtsp", "rtsps", "http", "https")),
                                   ("snapshot_url", ("http", "https"))):  # fmt: skip
            url = getattr(self, url_field)
            if url and url.split("://", 1)[0].lower() not in schemes:
                errors[url_field] = _("Use a URL starting with %(schemes)s.") % {
                    "schemes": ", ".join(f"{s}://" for s in schemes)
                }
        try:
            self.parsed_regions()
        except ValidationError as error:
            errors["regions"] = error.messages
        if self.counting_line:
            try:
                validate_line(self.counting_line)
            except ValidationError as error:
                errors["counting_line"] = error.messages
        if errors:
            raise ValidationError(errors)

    def parsed_regions(self):
        """The regions as analytics.Region, or a ValidationError naming each bad one."""
        if not isinstance(self.regions, list):
            raise ValidationError(_("Regions are a list of objects with a name and points."))
        parsed, errors, names = [], [], set()
        for index, raw in enumerate(self.regions, start=1):
            name = raw.get("name") if isinstance(raw, dict) else None
            if not isinstance(name, str) or not name.strip():
                errors.append(_("Region %(index)d needs a name.") % {"index": index})
                continue
            if name in names:
                errors.append(_("Two regions are named “%(name)s”.") % {"name": name})
            names.add(name)
            try:
                parsed.append(validate_region(name, raw.get("points")))
            except ValidationError as error:
                errors += [f"{name}: {message}" for message in error.messages]
        if errors:
            raise ValidationError(errors)
        return parsed

    def restricted_regions(self) -> set[str]:
        return {r["name"] for r in self.regions if isinstance(r, dict) and r.get("restricted")}

    def is_restricted_at(self, local_time: time) -> bool:
        """Whether `local_time` (park time) falls in the restricted hours, which may span midnight."""
        start, end = self.restricted_from, self.restricted_until
        if start == end:
            return True
        if start < end:
            return start <= local_time < end
        return local_time >= start or local_time < end
