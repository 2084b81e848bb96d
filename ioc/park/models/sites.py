from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ioc.park.choices import ZoneKind
from ioc.park.geo import area_ha
from ioc.park.validators import validate_polygon


class AreaFromBoundary(models.Model):
    """A piece of land whose area is measured from its boundary, never typed in."""

    boundary = models.JSONField(_("boundary (GeoJSON)"), validators=[validate_polygon])
    area_ha = models.DecimalField(_("area (ha)"), max_digits=9, decimal_places=2, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.area_ha = Decimal(str(round(area_ha(self.boundary), 2)))
        super().save(*args, **kwargs)


class Zone(AreaFromBoundary):
    """A named part of the park (a phase, the utilities area, green belts…)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ZoneKind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


class Lot(AreaFromBoundary):
    """A leasable plot inside a zone, with the enterprise that holds it (if any)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="lots", verbose_name=_("zone"))
    enterprise = models.ForeignKey(
        "park.Enterprise",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lots",
        verbose_name=_("enterprise"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")

    def __str__(self):
        return self.code
