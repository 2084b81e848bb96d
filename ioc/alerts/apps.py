from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Alarm rules, alarms, incidents and notifications (the operations-center issue fills this in)."""

    name = "ioc.alerts"
    label = "alerts"
    verbose_name = _("Alarms and incidents")
