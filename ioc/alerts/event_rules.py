"""Event rules: a device event (an intrusion, a fire, a watch-listed plate) raises its rules' alarms.

The app that owns the event type decides what the event means (is it in the camera's restricted
hours and regions? is the plate on the watchlist?) and calls `raise_for_event`; this module finds
the enabled rules of kind "event" for that type whose scope covers the device, raises one alarm per
rule and device (repeats count), attaches the event's image, and opens an incident when the rule
says the event cannot wait.
"""

from django.db import transaction
from django.db.models import Q

from ioc.alerts import services
from ioc.alerts.choices import EventWhen, IncidentStatus, RuleKind
from ioc.alerts.models import Alarm, AlarmRule


def rules_for(event_type: str, device, *, restricted: bool):
    scope = Q(zone__isnull=True) | Q(zone_id=device.zone_id)
    rules = AlarmRule.objects.filter(scope, kind=RuleKind.EVENT, enabled=True, event_type=event_type)
    rules = rules.filter(Q(device_kind="") | Q(device_kind=device.kind))
    if not restricted:
        rules = rules.exclude(event_when=EventWhen.RESTRICTED)
    return rules


@transaction.atomic
def raise_for_event(
    event, *, restricted: bool, message: str, value: float | None = None, subject: str = ""
) -> list[Alarm]:
    """Raise the alarms `event` (a DeviceEvent) calls for; `restricted` says whether it happened in
    the device's restricted hours and regions (rules for those hours only are skipped otherwise).

    Repeats on one device count on one open alarm; `subject` (an id, never personal data: the source is
    shown to everyone who handles alarms) keeps apart what must not merge, e.g. two listed vehicles.
    """
    device = event.device
    alarms = []
    for rule in rules_for(event.kind, device, restricted=restricted):
        alarm = services.alarm_raise(
            rule=rule, source=f"device:{device.pk}:{event.kind}" + (f":{subject}" if subject else ""), device_id=device.pk, channel_id=None,
            value=value, at=event.at, message=message,
        )  # fmt: skip
        if event.image_id:
            Alarm.objects.filter(pk=alarm.pk).update(image_id=event.image_id)
            alarm.image_id = event.image_id
        if rule.opens_incident:
            incident = alarm.incidents.exclude(
                status__in=[IncidentStatus.RESOLVED, IncidentStatus.CLOSED]
            ).first()
            if incident is None:
                incident = services.incident_from_alarm(alarm, None, category=rule.domain)
            if event.image_id:
                incident.images.add(event.image_id)
        alarms.append(alarm)
    return alarms
