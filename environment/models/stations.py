"""Automatic monitoring stations: where a device measures, what it is held to, and how it reports."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from environment.discharge import EffectiveLimit, effective_limit
from environment.models.standards import Medium, Standard

STATION_CODE = RegexValidator(
    re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$"),
    _("Use 2–40 letters, digits, '-' or '_' (it appears in file names sent to the Department)."),
)
COEFFICIENT_RANGE = [MinValueValidator(0.5), MaxValueValidator(1.5)]


class StationKind(models.TextChoices):
    AIR = "air", _("Ambient air")
    WASTEWATER = "wastewater", _("Wastewater")
    STACK = "stack", _("Stack")


class StationRole(models.TextChoices):
    PLANT_INLET = "plant_inlet", _("Central plant inlet")
    PLANT_OUTFALL = "plant_outfall", _("Central plant outfall")
    DISCHARGE_POINT = "discharge_point", _("Enterprise discharge point")
    STACK = "stack", _("Enterprise stack")
    AMBIENT = "ambient", _("Ambient air")


# The standard's medium each kind of station is held to.
KIND_MEDIUM = {StationKind.AIR: Medium.AMBIENT_AIR, StationKind.WASTEWATER: Medium.WASTEWATER,
               StationKind.STACK: Medium.STACK}  # fmt: skip
# A plant inlet is measured, not judged: raw wastewater has no discharge limit.
JUDGED_ROLES = {
    StationRole.PLANT_OUTFALL,
    StationRole.DISCHARGE_POINT,
    StationRole.STACK,
    StationRole.AMBIENT,
}


class Station(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[STATION_CODE])
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=StationKind.choices)
    role = models.CharField(_("role"), max_length=20, choices=StationRole.choices)
    device = models.OneToOneField(
        "park.Device", on_delete=models.PROTECT, related_name="station", verbose_name=_("device")
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="stations", verbose_name=_("standard")
    )
    column = models.CharField(_("column"), max_length=10, default="B")
    # Coefficients of QCVN 40:2011 (Kq, Kf) or QCVN 19:2009 (Kp, Kv), and what they were read from.
    kq = models.FloatField("Kq", null=True, blank=True, validators=COEFFICIENT_RANGE)
    kf = models.FloatField("Kf", null=True, blank=True, validators=COEFFICIENT_RANGE)
    kp = models.FloatField("Kp", null=True, blank=True, validators=COEFFICIENT_RANGE)
    kv = models.FloatField("Kv", null=True, blank=True, validators=COEFFICIENT_RANGE)
    coefficient_basis = models.CharField(
        _("basis of the coefficients"), max_length=300, blank=True,
        help_text=_("e.g. Kim Sơn river, Q ≤ 50 m³/s; discharge 4,000 m³/day"),
    )  # fmt: skip
    # Circular 10/2021/TT-BTNMT: the facility and station as they appear in transmitted file names.
    facility_code = models.CharField(
        _("facility code (Circular 10)"), max_length=40, blank=True, validators=[STATION_CODE]
    )
    transmits = models.BooleanField(_("sends data to the Department"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("monitoring station")
        verbose_name_plural = _("monitoring stations")

    def __str__(self):
        return f"{self.code} · {self.name_vi}"

    @property
    def enterprise(self):
        return self.device.enterprise

    @property
    def judged(self) -> bool:
        return self.role in JUDGED_ROLES

    def coefficients(self) -> dict[str, float]:
        values = {"Kq": self.kq, "Kf": self.kf, "Kp": self.kp, "Kv": self.kv}
        return {name: values[name] for name in self.standard.coefficient_names}

    def clean(self):
        errors = {}
        if self.standard_id and KIND_MEDIUM.get(self.kind) != self.standard.medium:
            errors["standard"] = _("This standard is for %(medium)s, not for this kind of station.") % {
                "medium": self.standard.get_medium_display()
            }
        if self.standard_id and not self.standard.limits.filter(column=self.column).exists():
            errors["column"] = _("The standard has no column %(column)s.") % {"column": self.column}
        if self.standard_id:
            missing = [name for name, value in self.coefficients().items() if value is None]
            if missing:
                errors[missing[0].lower()] = _("The standard scales its limits by %(names)s: give %(name)s.") % {
                    "names": " × ".join(self.standard.coefficient_names), "name": missing[0]
                }  # fmt: skip
        if self.transmits and not self.facility_code:
            errors["facility_code"] = _("A station that sends data to the Department needs a facility code.")
        if errors:
            raise ValidationError(errors)

    def effective_limits(self, on: date) -> list[tuple["StandardLimit", EffectiveLimit]]:  # noqa: F821
        """Each limit of the station's column in force on `on`, with its C_max and derivation."""
        source = (
            self.standard.code
            if self.column == "-"
            else gettext("%(standard)s column %(column)s")
            % {"standard": self.standard.code, "column": self.column}
        )
        # .all() then filter here: a list of stations prefetches its standards' limits once.
        rows = [row for row in self.standard.limits.all() if row.column == self.column and row.applies_on(on)]
        return [
            (
                row,
                effective_limit(
                    lower=row.lower,
                    upper=row.upper,
                    scaled=row.scaled,
                    coefficients=self.coefficients(),
                    source=source,
                ),
            )  # fmt: skip
            for row in rows
        ]
