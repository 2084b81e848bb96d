from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelemetryConfig(AppConfig):
    """Ingest, readings, rollups and device health (the telemetry issue fills this in)."""

    name = "ioc.telemetry"
    label = "telemetry"
    verbose_name = _("Telemetry")

    def ready(self):
        from ioc.telemetry.broker_sync import connect_receivers

        connect_receivers()
