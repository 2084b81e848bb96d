from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Alarm rules, alarms, incidents and notifications."""

    name = "ioc.alerts"
    label = "alerts"
    verbose_name = _("Alarms and incidents")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from ioc.alerts import engine
        from ioc.alerts.models import AlarmRule
        from ioc.telemetry import health

        health.readings_stored.connect(_evaluate, dispatch_uid="alerts.evaluate")
        health.device_offline.connect(_offline, dispatch_uid="alerts.offline")
        health.device_online.connect(_online, dispatch_uid="alerts.online")
        for signal in (post_save, post_delete):
            signal.connect(lambda **kwargs: engine.forget_rules(), sender=AlarmRule, weak=False,
                           dispatch_uid=f"alerts.forget.{signal}")  # fmt: skip


def _evaluate(sender, rows, **kwargs):
    from ioc.alerts.engine import evaluate_readings

    evaluate_readings(rows)


def _offline(sender, device_id, last_seen, **kwargs):
    from ioc.alerts.engine import device_went_offline

    device_went_offline(device_id, last_seen)


def _online(sender, device_id, **kwargs):
    from ioc.alerts.engine import device_came_back

    device_came_back(device_id)
