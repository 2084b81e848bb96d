"""The ledger of files sent to the Department (Circular 10/2021/TT-BTNMT): one row per station and period."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TransmissionState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    NO_DATA = "no_data", _("No data")
    FAILED = "failed", _("Failed, will retry")


UNSENT = (TransmissionState.PENDING, TransmissionState.FAILED)


class Transmission(models.Model):
    """One station's file for one period, made once and sent once, in period order.

    The unique (station, period) constraint is what makes the producer idempotent: a period is
    recorded once whichever worker gets there first. A period without any data gets a row too
    (state "no data", no file), so the health page can show the gap and the producer moves on.
    A failed file is never given up: the Department must get every period (Circular 10).
    """

    station = models.ForeignKey(
        "environment.Station", on_delete=models.CASCADE, related_name="transmissions",
        verbose_name=_("monitoring station"),
    )  # fmt: skip
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    body = models.TextField(_("file content"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=TransmissionState.choices, default=TransmissionState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "station"]
        verbose_name = _("transmission to the Department")
        verbose_name_plural = _("transmissions to the Department")
        constraints = [
            models.UniqueConstraint(fields=["station", "period_start"], name="transmission_once_per_period")
        ]
        indexes = [models.Index(fields=["station", "state", "period_start"], name="transmission_queue")]

    def __str__(self):
        return f"{self.station_id} {self.period_end:%Y-%m-%d %H:%M} {self.state}"

    @property
    def enterprise(self):
        return self.station.device.enterprise
