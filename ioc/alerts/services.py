"""Every change to an alarm or incident goes through one of these functions.

Each records who did what in the timeline and, after commit, tells the live page and the
notification senders (ioc.alerts.notify) — never before the change is durable.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ioc.alerts.choices import AlarmState, EventKind, IncidentStatus
from ioc.alerts.models import Alarm, AlarmEvent, AlarmRule, Incident, IncidentEvent


def _after_commit(alarm: Alarm, change: str) -> None:
    from ioc.alerts.notify import alarm_changed

    transaction.on_commit(lambda: alarm_changed(alarm.pk, change))


def _event(alarm: Alarm, kind: str, user=None, text: str = "", at: datetime | None = None) -> None:
    AlarmEvent.objects.create(alarm=alarm, at=at or timezone.now(), kind=kind, user=user, text=text)


@transaction.atomic
def alarm_raise(
    *, rule: AlarmRule, source: str, device_id, channel_id, value, at: datetime, message: str
) -> Alarm:
    """Raise the rule's alarm for `source`, or count one more occurrence of the open one."""
    alarm = (
        Alarm.objects.select_for_update()
        .filter(rule=rule, source=source)
        .exclude(state=AlarmState.CLEARED)
        .first()
    )
    if alarm is not None:
        alarm_repeat(alarm.pk, value=value, at=at)
        return alarm
    alarm = Alarm.objects.create(
        rule=rule, source=source, device_id=device_id, channel_id=channel_id, severity=rule.severity,
        message=message, value=value, first_at=at, last_at=at,
    )  # fmt: skip
    _event(alarm, EventKind.RAISED, text=message, at=at)
    _after_commit(alarm, "raised")
    return alarm


def alarm_repeat(alarm_id: int, *, value, at: datetime, times: int = 1) -> None:
    Alarm.objects.filter(pk=alarm_id).update(count=F("count") + times, value=value, last_at=at)


@transaction.atomic
def alarm_acknowledge(alarm: Alarm, user, text: str = "") -> Alarm:
    if alarm.state != AlarmState.ACTIVE:
        return alarm
    alarm.state, alarm.acknowledged_at, alarm.acknowledged_by = AlarmState.ACKNOWLEDGED, timezone.now(), user
    alarm.save(update_fields=["state", "acknowledged_at", "acknowledged_by"])
    _event(alarm, EventKind.ACKNOWLEDGED, user, text)
    _after_commit(alarm, "acknowledged")
    return alarm


@transaction.atomic
def alarm_clear(alarm: Alarm, user=None, text: str = "") -> Alarm:
    """Clear by hand (`user`) or because the condition ended (no user)."""
    if alarm.state == AlarmState.CLEARED:
        return alarm
    alarm.state, alarm.cleared_at, alarm.cleared_by = AlarmState.CLEARED, timezone.now(), user
    alarm.save(update_fields=["state", "cleared_at", "cleared_by"])
    _event(alarm, EventKind.CLEARED, user, text)
    _after_commit(alarm, "cleared")
    return alarm


@transaction.atomic
def alarm_assign(alarm: Alarm, user, assignee) -> Alarm:
    alarm.assignee = assignee
    alarm.save(update_fields=["assignee"])
    _event(alarm, EventKind.ASSIGNED, user, assignee.get_username() if assignee else "")
    _after_commit(alarm, "assigned")
    return alarm


@transaction.atomic
def alarm_comment(alarm: Alarm, user, text: str) -> Alarm:
    _event(alarm, EventKind.COMMENTED, user, text)
    _after_commit(alarm, "commented")
    return alarm


def alarms_escalate_due(now: datetime | None = None) -> list[int]:
    """Raise the severity of active alarms nobody acknowledged within their rule's minutes."""
    now = now or timezone.now()
    due = Alarm.objects.filter(
        state=AlarmState.ACTIVE, escalated_at__isnull=True, rule__escalate_after__isnull=False
    ).select_related("rule")
    escalated = []
    for alarm in due:
        if now - alarm.first_at >= timedelta(minutes=alarm.rule.escalate_after):
            with transaction.atomic():
                alarm.severity = max(alarm.severity, alarm.rule.escalate_to)
                alarm.escalated_at = now
                alarm.save(update_fields=["severity", "escalated_at"])
                _event(alarm, EventKind.ESCALATED, text=alarm.get_severity_display(), at=now)
                _after_commit(alarm, "escalated")
            escalated.append(alarm.pk)
    return escalated


def alarms_remind_due(now: datetime | None = None) -> list[int]:
    """Remind people of active alarms still not acknowledged, every rule's `remind_every` minutes."""
    now = now or timezone.now()
    reminded = []
    for alarm in Alarm.objects.filter(
        state=AlarmState.ACTIVE, rule__remind_every__isnull=False
    ).select_related("rule"):
        last = alarm.reminded_at or alarm.first_at
        if now - last >= timedelta(minutes=alarm.rule.remind_every):
            with transaction.atomic():
                Alarm.objects.filter(pk=alarm.pk).update(reminded_at=now)
                _event(alarm, EventKind.REMINDED, at=now)
                _after_commit(alarm, "reminded")
            reminded.append(alarm.pk)
    return reminded


@transaction.atomic
def incident_from_alarm(alarm: Alarm, user, *, title: str = "", category: str = "") -> Incident:
    device = alarm.device
    incident = Incident.objects.create(
        title=title or alarm.message[:200], category=category or alarm.rule.domain, severity=alarm.severity,
        zone=device.zone if device else None, location=device.location if device else None,
        enterprise=device.enterprise if device else None, owner=user, created_by=user,
    )  # fmt: skip
    incident.alarms.add(alarm)
    IncidentEvent.objects.create(
        incident=incident, at=timezone.now(), kind=EventKind.PROMOTED, user=user, text=alarm.message
    )
    _event(alarm, EventKind.PROMOTED, user, incident.title)
    return incident


@transaction.atomic
def incident_set_status(incident: Incident, user, status: str, text: str = "") -> Incident:
    if status not in IncidentStatus.values:
        raise ValueError(status)
    incident.status = status
    incident.save(update_fields=["status", "updated_at"])
    IncidentEvent.objects.create(
        incident=incident,
        at=timezone.now(),
        kind=EventKind.STATUS,
        user=user,
        text=f"{status} {text}".strip(),
    )
    return incident
