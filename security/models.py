"""Cameras: where they look, how to reach them, what to watch for, and how they are doing.
Patrols: checkpoints, the routes guards walk through them, and the guards' scans."""

import json
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from ioc.park.choices import Role
from ioc.park.validators import validate_point
from ioc.telemetry.health import offline_after
from security.analytics.regions import validate_line, validate_region
from security.patrols import Schedule

# One message per range, shared by the model's validators and the API's bounds.
RANGE_MESSAGES = {
    "bearing": _("Give the bearing in degrees from 0 to 359, clockwise from north."),
    "field_of_view": _("Give the field of view in degrees from 1 to 360."),
    "grab_interval": _("Grab a frame every 1 to 3600 seconds."),
    "sensitivity": _("Give a sensitivity from 0 to 1."),
}


def _between(name: str, low, high) -> list:
    message = RANGE_MESSAGES[name]
    return [MinValueValidator(low, message=message), MaxValueValidator(high, message=message)]


def nul_errors(errors: dict, **values) -> None:
    """PostgreSQL's JSON cannot hold a NUL character: say so by field instead of failing on save."""
    for name, value in values.items():
        if "\\u0000" in json.dumps(value):
            errors.setdefault(name, []).append(_("Remove the NUL character (\\u0000): it cannot be stored."))


def url_errors(url: str, schemes: tuple[str, ...]) -> list:
    """What is wrong with a camera URL; credentials belong in their own (encrypted) fields."""
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme.lower() not in schemes or any(c.isspace() for c in url):
        return [
            _("Use a URL starting with %(schemes)s.") % {"schemes": ", ".join(f"{s}://" for s in schemes)}
        ]
    try:
        host, credentials = parts.hostname, parts.username or parts.password
        parts.port  # noqa: B018 -- a port that is not a number raises here
    except ValueError:
        return [_("The URL's port is not a number from 1 to 65535.")]
    if not host:
        return [_("The URL names no host (a camera's address, e.g. 10.0.5.21).")]
    if credentials:
        return [_("Put the user name and password in their own fields, where they are stored encrypted, "
                  "not in the URL.")]  # fmt: skip
    return []


MAX_REGION_NAME = 60  # it appears in alarm messages and in events from smart cameras (≤ 100)


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
        _("bearing (°)"), null=True, blank=True, validators=_between("bearing", 0, 359),
        help_text=_("Where the camera looks, clockwise from north."),
    )  # fmt: skip
    field_of_view = models.PositiveSmallIntegerField(
        _("field of view (°)"), default=90, validators=_between("field_of_view", 1, 360)
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
        _("grab a frame every (s)"), default=5, validators=_between("grab_interval", 1, 3600)
    )
    regions = models.JSONField(
        _("regions"), default=list, blank=True,
        help_text=_('[{"name": "fence", "points": [[x, y], …], "restricted": true}] in 0–1 image coordinates'),
    )  # fmt: skip
    counting_line = models.JSONField(_("counting line"), null=True, blank=True)
    restricted_from = models.TimeField(_("restricted from"), default=time(22, 0))
    restricted_until = models.TimeField(_("restricted until"), default=time(6, 0))
    sensitivity = models.FloatField(
        _("sensitivity"), default=0.5, validators=_between("sensitivity", 0.0, 1.0),
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
                                   ("snapshot_url", ("http", "https")), ("onvif_url", ("http", "https"))):  # fmt: skip
            if problems := url_errors(getattr(self, url_field), schemes):
                errors[url_field] = problems
        try:
            self.parsed_regions()
        except ValidationError as error:
            errors["regions"] = error.messages
        if self.counting_line:
            try:
                validate_line(self.counting_line)
            except ValidationError as error:
                errors["counting_line"] = error.messages
        nul_errors(errors, regions=self.regions, counting_line=self.counting_line)
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
            if len(name) > MAX_REGION_NAME:
                errors.append(_("Region %(index)d: a name of at most %(limit)d characters.")
                              % {"index": index, "limit": MAX_REGION_NAME})  # fmt: skip
                continue
            if name in names:
                errors.append(_("Two regions are named “%(name)s”.") % {"name": name})
            names.add(name)
            if not isinstance(raw.get("restricted", False), bool):
                errors.append(_("Region “%(name)s”: “restricted” is true or false.") % {"name": name})
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

    def health_interval(self) -> timedelta:
        """How often the camera should be heard from: its grabs, or its own heartbeats."""
        if self.analysis_enabled and not self.has_own_analytics:
            return timedelta(seconds=self.grab_interval)
        return self.device.expected_interval

    def is_offline(self, now: datetime | None = None) -> bool:
        """Offline when marked so, or silent for longer than the telemetry's offline margin: a frame
        grabber or a heartbeat that stopped without saying so must not leave a camera "online"."""
        if not self.online or self.last_frame_at is None:
            return True
        return (now or timezone.now()) - self.last_frame_at > offline_after(self.health_interval())


CODE = RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", _("Use letters, digits, '.', '_' and '-' only."))
GUARD_ROLES = (Role.OPERATOR, Role.PARK_MANAGER, Role.ADMIN)


def normalise_tag(value: str) -> str:
    """An NFC tag UID as readers print it in many ways (04:a2:2b…, 04 A2 2B…): upper-case hex only."""
    return "".join(c for c in value.upper() if c not in ": -")


def _zone() -> models.ForeignKey:
    return models.ForeignKey(
        "park.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zone"),
    )


class Guard(models.Model):
    """A member of the park's security staff who walks patrol rounds and scans checkpoints."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guard", verbose_name=_("user")
    )
    badge = models.CharField(_("badge number"), max_length=30, unique=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    active = models.BooleanField(_("on the roster"), default=True)

    class Meta:
        ordering = ["badge"]
        verbose_name = _("guard")
        verbose_name_plural = _("guards")

    def __str__(self):
        return f"{self.badge} · {self.user.get_full_name() or self.user.get_username()}"

    def clean(self):
        if self.user_id and self.user.effective_role not in GUARD_ROLES:
            raise ValidationError(
                {"user": _("A guard is park staff: choose a user whose role is operator or park manager.")}
            )


class Checkpoint(models.Model):
    """A point on a patrol route, marked by a QR code (its code) and optionally an NFC tag."""

    code = models.CharField(
        _("code"), max_length=40, unique=True, validators=[CODE],
        help_text=_("Printed on the checkpoint and encoded in its QR code."),
    )  # fmt: skip
    nfc_tag = models.CharField(
        _("NFC tag UID"), max_length=64, unique=True, null=True, blank=True,
        help_text=_("The tag's UID as a reader shows it, e.g. 04:A2:2B:1A:3C:5D:80."),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    zone = _zone()
    location = models.JSONField(_("location (GeoJSON point)"), validators=[validate_point])
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")

    def __str__(self):
        return f"{self.code} · {self.name}"

    def clean(self):
        self.nfc_tag = normalise_tag(self.nfc_tag or "") or None
        errors: dict = {}
        nul_errors(errors, location=self.location)
        if errors:
            raise ValidationError(errors)
        others = Checkpoint.objects.exclude(pk=self.pk)
        # A scanned value must lead to one checkpoint, whether it is read as a code or as a tag.
        if self.nfc_tag and others.filter(code__iexact=self.nfc_tag).exists():
            raise ValidationError({"nfc_tag": _("Another checkpoint has this as its code.")})
        if self.code and others.filter(nfc_tag=normalise_tag(self.code)).exists():
            raise ValidationError({"code": _("Another checkpoint's NFC tag reads as this code.")})


class PatrolRoute(models.Model):
    """Checkpoints walked in order, in rounds on a schedule (e.g. every 2 h from 22:00 to 06:00)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    zone = _zone()
    checkpoints = models.ManyToManyField(
        Checkpoint, through="RouteStop", related_name="routes", verbose_name=_("checkpoints")
    )
    rounds_from = models.TimeField(_("first round at"), default=time(22, 0))
    rounds_until = models.TimeField(
        _("last round at"), default=time(6, 0),
        help_text=_("The last round starts no later than this; the same time as the first: around the clock."),
    )  # fmt: skip
    every = models.PositiveIntegerField(
        _("a round every (minutes)"), default=120, validators=[MinValueValidator(5), MaxValueValidator(1440)]
    )
    allowed = models.PositiveIntegerField(
        _("time allowed per round (minutes)"), default=45,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
    )  # fmt: skip
    active = models.BooleanField(_("in use"), default=True)
    # Rounds before this were nobody's duty: a new route, or one back in use, owes none of them.
    in_use_since = models.DateTimeField(_("in use since"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("patrol route")
        verbose_name_plural = _("patrol routes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk and self.active and PatrolRoute.objects.filter(pk=self.pk, active=False).exists():
            self.in_use_since = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "in_use_since"}
        super().save(*args, **kwargs)

    def clean(self):
        if self.allowed and self.every and self.allowed > self.every:
            raise ValidationError({"allowed": _(
                "A round may take at most the time between two rounds (%(every)d minutes)."
            ) % {"every": self.every}})  # fmt: skip

    def schedule(self) -> Schedule:
        return Schedule(self.rounds_from, self.rounds_until, timedelta(minutes=self.every),
                        timedelta(minutes=self.allowed))  # fmt: skip


class RouteStop(models.Model):
    """A checkpoint's place on a route."""

    route = models.ForeignKey(PatrolRoute, on_delete=models.CASCADE, related_name="stops")
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.PROTECT, related_name="stops", verbose_name=_("checkpoint")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["route", "position", "id"]
        verbose_name = _("route stop")
        verbose_name_plural = _("route stops")
        constraints = [
            models.UniqueConstraint(fields=["route", "checkpoint"], name="route_stop_once"),
        ]

    def __str__(self):
        return f"{self.route} #{self.position} {self.checkpoint.code}"


class ScanMethod(models.TextChoices):
    QR = "qr", _("QR code")
    NFC = "nfc", _("NFC tag")
    MANUAL = "manual", _("Typed in")


class PatrolScan(models.Model):
    """A guard's scan of a checkpoint: the proof that someone was there, and when."""

    guard = models.ForeignKey(Guard, on_delete=models.PROTECT, related_name="scans", verbose_name=_("guard"))
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.PROTECT, related_name="scans", verbose_name=_("checkpoint")
    )
    scanned_at = models.DateTimeField(_("scanned at"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    method = models.CharField(_("how"), max_length=10, choices=ScanMethod.choices, default=ScanMethod.QR)

    class Meta:
        ordering = ["-scanned_at", "-id"]
        verbose_name = _("patrol scan")
        verbose_name_plural = _("patrol scans")
        indexes = [models.Index(fields=["checkpoint", "scanned_at"])]

    def __str__(self):
        return f"{self.checkpoint.code} {self.scanned_at:%Y-%m-%d %H:%M:%S}"
