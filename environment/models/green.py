"""Green space per zone, surveyed from time to time."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["GreenArea"]

M2_PER_HA = 10_000


class GreenArea(models.Model):
    """The green area of a zone on a survey date, and the trees planted since the previous survey."""

    zone = models.ForeignKey(
        "park.Zone", on_delete=models.CASCADE, related_name="green_areas", verbose_name=_("zone")
    )
    surveyed_on = models.DateField(_("surveyed on"))
    green_area_m2 = models.DecimalField(
        _("green area (m²)"), max_digits=12, decimal_places=1, validators=[MinValueValidator(0)]
    )
    trees_planted = models.PositiveIntegerField(_("trees planted"), default=0)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["zone__code", "-surveyed_on"]
        verbose_name = _("green area")
        verbose_name_plural = _("green areas")
        constraints = [
            models.UniqueConstraint(fields=["zone", "surveyed_on"], name="one_green_survey_per_day")
        ]

    def __str__(self):
        return f"{self.zone} {self.surveyed_on}: {self.green_area_m2} m²"

    def clean(self):
        errors = {}
        if self.surveyed_on and self.surveyed_on > timezone.localdate():
            errors["surveyed_on"] = _("A survey cannot be dated in the future.")
        zone_m2 = self.zone.area_ha * M2_PER_HA if self.zone_id and self.zone.area_ha is not None else None
        if zone_m2 is not None and self.green_area_m2 is not None and self.green_area_m2 > zone_m2:
            errors["green_area_m2"] = _(
                "The green area (%(green)s m²) exceeds the zone's area (%(zone)s m²)."
            ) % {
                "green": self.green_area_m2,
                "zone": zone_m2,
            }
        if errors:
            raise ValidationError(errors)
