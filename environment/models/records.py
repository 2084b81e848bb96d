"""What the environment app computes from readings and keeps: hourly AQI and compliance verdicts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from environment.models.standards import Averaging
from environment.models.stations import Station


class AqiHour(models.Model):
    """VN_AQI of one air station for one hour (Decision 1459/QĐ-TCMT), or why there is none."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="aqi_hours")
    hour = models.DateTimeField(_("hour (start)"))
    aqi = models.PositiveSmallIntegerField(_("AQI"), null=True, blank=True)
    sub_indices = models.JSONField(_("sub-indices"), default=dict)
    dominant = models.CharField(_("dominant pollutant"), max_length=10, blank=True)
    insufficient = models.CharField(_("why there is no AQI"), max_length=200, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["station", "-hour"]
        verbose_name = _("hourly AQI")
        verbose_name_plural = _("hourly AQI")
        constraints = [models.UniqueConstraint(fields=["station", "hour"], name="aqihour_one_per_hour")]

    def __str__(self):
        return (
            f"{self.station.code} {self.hour:%Y-%m-%d %H:%M} AQI {self.aqi if self.aqi is not None else '—'}"
        )


class ComplianceRecord(models.Model):
    """The verdict on one parameter of one station over one averaging period."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="compliance")
    parameter = models.CharField(_("parameter"), max_length=40)
    averaging = models.CharField(_("averaging period"), max_length=4, choices=Averaging.choices)
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    mean = models.FloatField(_("mean"))
    hours = models.PositiveSmallIntegerField(_("hours with data"))
    lower = models.FloatField(_("lower limit"), null=True, blank=True)
    upper = models.FloatField(_("upper limit (C_max)"), null=True, blank=True)
    derivation = models.CharField(_("how the limit was reached"), max_length=300)
    compliant = models.BooleanField(_("compliant"))

    class Meta:
        ordering = ["-period_end", "station", "parameter"]
        verbose_name = _("compliance record")
        verbose_name_plural = _("compliance records")
        constraints = [
            models.UniqueConstraint(
                fields=["station", "parameter", "averaging", "period_start"], name="compliance_one_per_period"
            )
        ]
        indexes = [models.Index(fields=["station", "period_end"])]

    def __str__(self):
        verdict = "✔" if self.compliant else "✘"
        return f"{self.station.code} {self.parameter} {self.averaging} {self.period_start:%Y-%m-%d %H:%M} {verdict}"
