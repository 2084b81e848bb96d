"""Road counters on the park's road segments, and their 15-minute volumes."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ioc.park.choices import DeviceKind
from ioc.park.validators import validate_point
from traffic.choices import CountSource

BUCKET = timedelta(minutes=15)
COUNTER_KINDS = (DeviceKind.TRAFFIC_COUNTER, DeviceKind.CAMERA)


def validate_line(value) -> None:
    """A GeoJSON LineString in WGS 84 with at least two positions."""
    if not isinstance(value, dict) or value.get("type") != "LineString":
        raise ValidationError(_("Expected a GeoJSON LineString object."), code="invalid_line")
    positions = value.get("coordinates")
    if not isinstance(positions, list) or len(positions) < 2:
        raise ValidationError(_("A road segment needs at least two positions."), code="invalid_line")
    for position in positions:
        validate_point({"type": "Point", "coordinates": position})


class RoadCounter(models.Model):
    """A device counting the vehicles on a road segment, and what that segment can carry.

    "In" is the way the segment is drawn, from its first position to its last.
    """

    device = models.OneToOneField(
        "park.Device", on_delete=models.PROTECT, related_name="road_counter", verbose_name=_("device"),
        limit_choices_to={"kind__in": COUNTER_KINDS},
    )  # fmt: skip
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    segment = models.JSONField(_("road segment (GeoJSON LineString)"), validators=[validate_line])
    capacity_per_hour = models.PositiveIntegerField(
        _("capacity (vehicles per hour)"), validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("In the vehicles the device counts, all of them (motorbikes included), both ways counted."),
    )  # fmt: skip
    capacity_source = models.CharField(
        _("source of the capacity"), max_length=300,
        help_text=_("A survey, a design standard (e.g. TCVN 4054:2005) or a stated assumption."),
    )  # fmt: skip
    source = models.CharField(
        _("counts from"), max_length=10, choices=CountSource.choices, default=CountSource.READINGS,
        help_text=_("Telemetry readings of vehicle_count (counters, cameras that report counts as readings) "
                    "or vehicle_count events (cameras, with directions)."),
    )  # fmt: skip

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("road counter")
        verbose_name_plural = _("road counters")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi

    @property
    def capacity_per_15_minutes(self) -> float:
        return self.capacity_per_hour / 4

    def clean(self):
        if not self.device_id:
            return
        if self.device.kind not in COUNTER_KINDS:
            raise ValidationError({"device": _("A road counter is a traffic counter or a camera.")})
        if self.source == CountSource.EVENTS and self.device.kind != DeviceKind.CAMERA:
            raise ValidationError({"source": _("Only cameras send vehicle_count events.")})


class CountInterval(models.Model):
    """A counter's vehicles over 15 minutes (UTC start), rebuilt from what it sent whenever that changes."""

    counter = models.ForeignKey(
        RoadCounter, on_delete=models.CASCADE, related_name="intervals", verbose_name=_("counter")
    )
    bucket = models.DateTimeField(_("15 minutes from"))
    volume_in = models.PositiveIntegerField(_("vehicles in"), default=0)
    volume_out = models.PositiveIntegerField(_("vehicles out"), default=0)
    volume_undirected = models.PositiveIntegerField(_("vehicles, direction not reported"), default=0)
    heavy = models.PositiveIntegerField(_("heavy vehicles"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-bucket", "counter"]
        verbose_name = _("15-minute count")
        verbose_name_plural = _("15-minute counts")
        constraints = [models.UniqueConstraint(fields=["counter", "bucket"], name="countinterval_once")]

    def __str__(self):
        return f"{self.counter_id} {self.bucket:%Y-%m-%d %H:%M} {self.volume}"

    @property
    def volume(self) -> int:
        return self.volume_in + self.volume_out + self.volume_undirected
