"""Telling people: the live page at once, then e-mail and webhooks by each user's choices."""

import logging

logger = logging.getLogger("ioc.alerts.notify")

ALARMS_GROUP = "alarms"


def alarm_payload(alarm) -> dict:
    return {
        "id": alarm.pk, "rule": alarm.rule.name, "domain": alarm.rule.domain, "severity": alarm.severity,
        "severity_label": str(alarm.get_severity_display()), "state": alarm.state, "message": alarm.message,
        "count": alarm.count, "value": alarm.value, "device": alarm.device_id,
        "enterprise": alarm.device.enterprise_id if alarm.device else None,
        "first_at": alarm.first_at.isoformat(), "last_at": alarm.last_at.isoformat(),
        "assignee": alarm.assignee.get_username() if alarm.assignee else None,
    }  # fmt: skip


def alarm_changed(alarm_id: int, change: str) -> None:
    """After commit: push the alarm to the live page, then queue its notifications."""
    from ioc.alerts.models import Alarm

    alarm = Alarm.objects.select_related("rule", "device", "assignee").filter(pk=alarm_id).first()
    if alarm is None:
        return
    from ioc.dashboard.live import push

    push(ALARMS_GROUP, {"type": "alarm", "change": change, **alarm_payload(alarm)})
    from ioc.alerts.tasks import send_alarm_notifications

    send_alarm_notifications.delay(alarm_id, change)
