"""Gates, the plates read at them, the stays they make, and the watchlist.

Plates are personal data (Decree 13/2023/NĐ-CP, Art. 2): reads and stays are deleted after
PLATE_READ_RETENTION_DAYS (traffic.tasks); what survives them is counts (GateHour), never plates.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ioc.api.instants import EARLIEST_YEAR, LATEST_YEAR
from ioc.park.choices import DeviceKind
from traffic.choices import Anomaly, Direction, StayOutcome, VehicleClass, WatchMatch
from traffic.plates import PlateError, parse_plate


class Gate(models.Model):
    """A gate with plate readers: its own controller (a device of kind gate), its lanes, and which
    direction its readers report for a vehicle entering the park."""

    device = models.OneToOneField(
        "park.Device", on_delete=models.PROTECT, related_name="gate", verbose_name=_("device"),
        limit_choices_to={"kind": DeviceKind.GATE},
    )  # fmt: skip
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    lanes = models.PositiveSmallIntegerField(
        _("lanes"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    inbound = models.CharField(
        _("direction meaning “entering”"), max_length=3, choices=Direction.choices, default=Direction.IN,
        help_text=_("What the readers report for a vehicle entering the park: “out” when they face the other way."),
    )  # fmt: skip
    readers = models.ManyToManyField(
        "park.Device", blank=True, related_name="reader_of_gates", verbose_name=_("plate-reading cameras"),
        limit_choices_to={"kind": DeviceKind.CAMERA},
        help_text=_("Cameras whose plate reads count at this gate, besides the gate's own controller."),
    )  # fmt: skip

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("gate")
        verbose_name_plural = _("gates")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi

    def clean(self):
        if self.device_id and self.device.kind != DeviceKind.GATE:
            raise ValidationError({"device": _("A gate's device must be of kind “gate”.")})

    def park_direction(self, reported: str) -> str:
        if self.inbound == Direction.IN:
            return reported
        return Direction.OUT if reported == Direction.IN else Direction.IN


class WatchlistEntry(models.Model):
    """A plate the guards must hear of at once when a reader sees it (exactly or but for one OCR slip)."""

    plate = models.CharField(_("plate"), max_length=20)
    plate_compact = models.CharField(max_length=12, editable=False, db_index=True)
    reason = models.CharField(_("reason"), max_length=300)
    valid_from = models.DateTimeField(_("from"), default=timezone.now)
    valid_until = models.DateTimeField(_("until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("added by"), editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("watchlist entry")
        verbose_name_plural = _("watchlist")

    def __str__(self):
        return self.plate

    def save(self, *args, **kwargs):
        if not self.plate_compact:
            self.plate_compact = parse_plate(self.plate).compact
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        try:
            plate = parse_plate(self.plate)
            self.plate, self.plate_compact = plate.canonical, plate.compact
        except PlateError as error:
            errors["plate"] = error.message
        for name in ("valid_from", "valid_until"):
            moment = getattr(self, name)
            if moment and not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
                errors[name] = _("Give a time between the years %(low)d and %(high)d.") % {
                    "low": EARLIEST_YEAR, "high": LATEST_YEAR}  # fmt: skip
        if (
            not errors.keys() & {"valid_from", "valid_until"}
            and self.valid_from
            and self.valid_until
            and (self.valid_until <= self.valid_from)
        ):
            errors["valid_until"] = _("The entry must end after it starts.")
        if errors:
            raise ValidationError(errors)


class PlateRead(models.Model):
    """One passage a reader saw, from its `plate_read` event; repeats of it within the dedup window
    only count in `repeats`."""

    event = models.OneToOneField(
        "telemetry.DeviceEvent", on_delete=models.CASCADE, related_name="plate_read", verbose_name=_("event")
    )
    reader = models.ForeignKey(
        "park.Device", on_delete=models.CASCADE, related_name="+", verbose_name=_("reader")
    )
    gate = models.ForeignKey(
        Gate, on_delete=models.SET_NULL, null=True, blank=True, related_name="reads", verbose_name=_("gate")
    )
    plate = models.CharField(_("plate"), max_length=20)  # canonical: 15C-123.45
    plate_compact = models.CharField(max_length=12)  # 15C12345: what searches and matches compare
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    vehicle_class = models.CharField(_("vehicle class"), max_length=10, choices=VehicleClass.choices)
    heavy = models.BooleanField(_("heavy vehicle"), default=False)
    confidence = models.FloatField(_("confidence"))
    at = models.DateTimeField(_("time"))
    image = models.ForeignKey(
        "evidence.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plate image"),
    )
    repeats = models.PositiveIntegerField(_("repeated reads"), default=0)
    # Not read in the retention period before: the park keeps no registry of vehicles, so "unknown"
    # can only mean "not seen lately".
    first_seen = models.BooleanField(_("not seen before"), default=False)
    anomaly = models.CharField(_("anomaly"), max_length=20, choices=Anomaly.choices, blank=True)
    watchlist_entry = models.ForeignKey(
        WatchlistEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="hits",
        verbose_name=_("watchlist entry"),
    )  # fmt: skip
    watch_match = models.CharField(_("watchlist match"), max_length=5, choices=WatchMatch.choices, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("plate read")
        verbose_name_plural = _("plate reads")
        indexes = [
            models.Index(fields=["plate_compact", "at"]),
            models.Index(fields=["gate", "at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self):
        return f"{self.plate} {self.direction} {self.at:%Y-%m-%d %H:%M:%S}"


class Stay(models.Model):
    """A vehicle inside the park: from its entry read to its exit read (traffic.gates.passage)."""

    plate_compact = models.CharField(max_length=12)
    entry = models.ForeignKey(PlateRead, on_delete=models.CASCADE, related_name="+", verbose_name=_("entry"))
    exit = models.ForeignKey(
        PlateRead, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("exit")
    )
    gate_in = models.ForeignKey(
        Gate, on_delete=models.CASCADE, related_name="+", verbose_name=_("entered by")
    )
    gate_out = models.ForeignKey(
        Gate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("left by")
    )
    entered_at = models.DateTimeField(_("entered"))
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    heavy = models.BooleanField(_("heavy vehicle"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=StayOutcome.choices, default=StayOutcome.OPEN
    )

    class Meta:
        ordering = ["-entered_at", "-id"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        indexes = [
            models.Index(fields=["plate_compact", "outcome"]),
            models.Index(fields=["outcome", "gate_in"]),
        ]

    def __str__(self):
        return f"{self.plate_compact} {self.entered_at:%Y-%m-%d %H:%M}"

    @property
    def seconds(self) -> float | None:
        return (self.left_at - self.entered_at).total_seconds() if self.left_at else None


class GateHour(models.Model):
    """Counts of one gate over one hour (UTC start): what the park keeps once the reads are deleted."""

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="hours", verbose_name=_("gate"))
    hour = models.DateTimeField(_("hour"))
    entries = models.PositiveIntegerField(_("entries"), default=0)
    exits = models.PositiveIntegerField(_("exits"), default=0)
    heavy_entries = models.PositiveIntegerField(_("heavy vehicles in"), default=0)
    heavy_exits = models.PositiveIntegerField(_("heavy vehicles out"), default=0)
    new_plates = models.PositiveIntegerField(_("plates not seen before"), default=0)
    stays_closed = models.PositiveIntegerField(_("stays ended"), default=0)
    dwell_seconds = models.FloatField(_("time inside of the stays ended (s)"), default=0)

    class Meta:
        ordering = ["-hour", "gate"]
        verbose_name = _("gate hour")
        verbose_name_plural = _("gate hours")
        constraints = [models.UniqueConstraint(fields=["gate", "hour"], name="gatehour_once")]

    def __str__(self):
        return f"{self.gate_id} {self.hour:%Y-%m-%d %H:00}"
