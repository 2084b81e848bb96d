"""Regulations as versioned data: a standard, its columns and its limits per parameter and period.

A standard is never edited into its successor: QCVN 40:2011 and QCVN 40:2025 live side by side, and
each monitoring point names the one (and the column) that applies to it. The figures are loaded by
a data migration from `environment/regulations.py`, each with its source.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from environment.discharge import SCALING_COEFFICIENTS


class Medium(models.TextChoices):
    WASTEWATER = "wastewater", _("Wastewater")
    AMBIENT_AIR = "ambient_air", _("Ambient air")
    STACK = "stack", _("Stack emissions")


class Scaling(models.TextChoices):
    NONE = "none", _("No coefficients")
    KQ_KF = "kq_kf", _("Kq × Kf (receiving water, discharge flow)")
    KP_KV = "kp_kv", _("Kp × Kv (stack flow, zone)")


class Averaging(models.TextChoices):
    HOUR = "1h", _("1-hour mean")
    EIGHT_HOURS = "8h", _("8-hour mean")
    DAY = "24h", _("24-hour mean")
    YEAR = "year", _("annual mean")


class Standard(models.Model):
    """A national technical regulation (QCVN) as issued, with when it applies and what replaced it."""

    code = models.CharField(_("code"), max_length=40, unique=True)  # "QCVN 40:2011/BTNMT"
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    issued_by = models.CharField(_("issuing document"), max_length=200)
    in_force_from = models.DateField(_("in force from"))
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes",
        verbose_name=_("superseded by"),
    )  # fmt: skip
    scaling = models.CharField(
        _("coefficients"), max_length=10, choices=Scaling.choices, default=Scaling.NONE
    )
    reference_o2 = models.FloatField(
        _("reference O2 (%)"), null=True, blank=True,
        help_text=_("Stack limits corrected to this oxygen content (QCVN 19:2024 style); blank: none."),
    )  # fmt: skip
    source = models.TextField(_("source"), help_text=_("Where the figures come from and how sure we are."))

    class Meta:
        ordering = ["medium", "code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self):
        return self.code

    def clean(self):
        if self.reference_o2 is not None and not 0 <= self.reference_o2 < 20.9:
            raise ValidationError({"reference_o2": _("Reference oxygen must be between 0 and 20.9 %.")})

    @property
    def coefficient_names(self) -> tuple[str, ...]:
        return SCALING_COEFFICIENTS[self.scaling]


class StandardLimit(models.Model):
    """One row of a standard's table: a parameter's bound in a column, over an averaging period."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="limits")
    column = models.CharField(
        _("column"), max_length=10, help_text=_("A, B, C or the zone the column is for.")
    )
    parameter = models.CharField(_("parameter"), max_length=40, help_text=_("A metric key where one exists."))
    name = models.CharField(_("parameter as written"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    averaging = models.CharField(_("averaging period"), max_length=4, choices=Averaging.choices)
    lower = models.FloatField(_("lower limit"), null=True, blank=True)
    upper = models.FloatField(_("upper limit"), null=True, blank=True)
    scaled = models.BooleanField(_("scaled by the coefficients"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["standard", "column", "parameter", "averaging", "valid_from"]
        verbose_name = _("limit")
        verbose_name_plural = _("limits")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "column", "parameter", "averaging", "valid_from"],
                name="standardlimit_unique_row",
            )
        ]

    def __str__(self):
        return f"{self.standard} {self.column} {self.parameter} {self.averaging}"

    def clean(self):
        errors = {}
        if self.lower is None and self.upper is None:
            errors["upper"] = _("Give a lower limit, an upper limit or both.")
        elif self.lower is not None and self.upper is not None and self.lower > self.upper:
            errors["lower"] = _("The lower limit is above the upper one.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity comes before its start.")
        if errors:
            raise ValidationError(errors)

    def applies_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )
