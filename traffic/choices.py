"""Choice lists of the traffic app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    IN = "in", _("In")
    OUT = "out", _("Out")


class VehicleClass(models.TextChoices):
    """What plate readers report (traffic.plate_reads.VEHICLE_CLASSES)."""

    MOTORBIKE = "motorbike", _("Motorbike")
    CAR = "car", _("Car")
    VAN = "van", _("Van")
    BUS = "bus", _("Bus")
    TRUCK = "truck", _("Truck")
    CONTAINER = "container", _("Container truck")
    OTHER = "other", _("Other")


class WatchMatch(models.TextChoices):
    EXACT = "exact", _("Exact")
    FUZZY = "fuzzy", _("One character differs (a likely OCR slip)")


class Anomaly(models.TextChoices):
    """Reads that break the in–out pairing at the gates (traffic.gates)."""

    EXIT_WITHOUT_ENTRY = "exit_without_entry", _("Exit without an entry")
    MISSED_EXIT = "missed_exit", _("Entry while already inside (exit missed)")


class StayOutcome(models.TextChoices):
    OPEN = "open", _("Inside")
    LEFT = "left", _("Left")
    MISSED_EXIT = "missed_exit", _("Exit missed")


class CountSource(models.TextChoices):
    READINGS = "readings", _("Telemetry readings (vehicle_count)")
    EVENTS = "events", _("Camera vehicle_count events")
