"""The wastewater connection register and each enterprise's monthly wastewater volume."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from environment.circularity_choices import ConnectionStatus, VolumeSource

__all__ = ["WastewaterConnection", "WastewaterVolume"]


class WastewaterConnection(models.Model):
    """How an enterprise's wastewater leaves it: to the central plant, under its own permit, or not at all."""

    enterprise = models.OneToOneField(
        "park.Enterprise",
        on_delete=models.CASCADE,
        related_name="wastewater_connection",
        verbose_name=_("enterprise"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ConnectionStatus.choices)
    connected_on = models.DateField(_("connected on"), null=True, blank=True)
    connection_point = models.CharField(_("connection point"), max_length=100, blank=True)
    agreed_volume_m3_day = models.DecimalField(
        _("agreed volume (m³/day)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    permit_number = models.CharField(_("discharge permit number"), max_length=60, blank=True)
    permit_issued_on = models.DateField(_("permit issued on"), null=True, blank=True)
    permit_expires_on = models.DateField(_("permit expires on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enterprise__name_vi"]
        verbose_name = _("wastewater connection")
        verbose_name_plural = _("wastewater connections")

    def __str__(self):
        return f"{self.enterprise} — {self.get_status_display()}"

    def clean(self):
        errors = {}
        if self.status == ConnectionStatus.CONNECTED:
            errors.update(self._connection_errors())
        elif self.status == ConnectionStatus.OWN_DISCHARGE:
            errors.update(self._permit_errors())
        if errors:
            raise ValidationError(errors)

    def _connection_errors(self) -> dict:
        errors = {}
        if not self.connected_on:
            errors["connected_on"] = _("A connected enterprise needs the date of its connection.")
        elif self.connected_on > timezone.localdate():
            errors["connected_on"] = _("The connection date cannot be in the future.")
        if not self.connection_point:
            errors["connection_point"] = _("A connected enterprise needs its connection point.")
        if not self.agreed_volume_m3_day:
            errors["agreed_volume_m3_day"] = _("A connected enterprise needs its agreed volume (m³/day).")
        return errors

    def _permit_errors(self) -> dict:
        # Law 72/2020 on environmental protection: discharging outside the central plant needs a permit.
        errors = {}
        if not self.permit_number:
            errors["permit_number"] = _("An own discharge needs the number of its discharge permit.")
        if not self.permit_expires_on:
            errors["permit_expires_on"] = _("An own discharge needs its permit's expiry date.")
        elif self.permit_issued_on and self.permit_issued_on > self.permit_expires_on:
            errors["permit_expires_on"] = _("The permit cannot expire before it was issued.")
        elif self.permit_expires_on < timezone.localdate():
            errors["permit_expires_on"] = _(
                "The discharge permit has expired; record the renewed permit or mark the enterprise not connected."
            )
        return errors


class WastewaterVolume(models.Model):
    """The wastewater an enterprise discharged in a month, and where the figure comes from."""

    enterprise = models.ForeignKey(
        "park.Enterprise",
        on_delete=models.CASCADE,
        related_name="wastewater_volumes",
        verbose_name=_("enterprise"),
    )
    month = models.DateField(_("month"), help_text=_("Any day of the month; the first is kept."))
    volume_m3 = models.DecimalField(
        _("volume (m³)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("source"), max_length=12, choices=VolumeSource.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month", "enterprise__name_vi"]
        verbose_name = _("monthly wastewater volume")
        verbose_name_plural = _("monthly wastewater volumes")
        constraints = [models.UniqueConstraint(fields=["enterprise", "month"], name="one_volume_per_month")]

    def __str__(self):
        return f"{self.enterprise} {self.month:%Y-%m}: {self.volume_m3} m³"

    def clean(self):
        if not self.month:
            return
        self.month = self.month.replace(day=1)
        if self.month > timezone.localdate():
            raise ValidationError({"month": _("A month that has not begun has no volume yet.")})
        taken = WastewaterVolume.objects.filter(enterprise_id=self.enterprise_id, month=self.month)
        if self.enterprise_id and taken.exclude(pk=self.pk).exists():
            raise ValidationError({"month": _("This enterprise already has a volume for that month.")})
