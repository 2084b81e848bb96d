"""Patrols in the database: a guard's scan recorded, rounds judged, missed rounds raised as alarms.

The judging itself is security.patrols (plain functions); this reads what it needs, writes scans,
and raises or clears alarms through ioc.alerts.services.
"""

from datetime import UTC, datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ioc.alerts import services as alarms
from ioc.alerts.choices import AlarmState, Domain, RuleKind, Severity
from ioc.alerts.models import Alarm, AlarmRule
from security import patrols
from security.models import Checkpoint, Guard, PatrolRoute, PatrolScan, RouteStop, normalise_tag

RULE_NAME = "Bỏ lỡ vòng tuần tra / Missed patrol round"  # the rule's name is data (migration 0004)
# A phone's clock may run a little fast; more than this is a wrong clock, not a scan.
FUTURE_TOLERANCE = timedelta(minutes=2)
# A phone out of coverage sends its scans later, but not days later.
MAX_AGE = timedelta(hours=24)
# Two scans of one checkpoint by one guard this close together are one scan tapped twice.
DUPLICATE_WINDOW = timedelta(seconds=60)
# How far back the sweep judges rounds: a day, so a restart or late scans are caught up.
LOOKBACK = timedelta(hours=24)


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M:%S %d/%m/%Y")


def checkpoint_for(value: str) -> Checkpoint | None:
    """The checkpoint a scanned value names: its code (QR, typed in) or its NFC tag's UID."""
    value = (value or "").strip()
    if not value:
        return None
    return Checkpoint.objects.filter(Q(code__iexact=value) | Q(nfc_tag=normalise_tag(value))).first()


def scan_check(*, guard: Guard, value: str, scanned_at: datetime, now: datetime) -> Checkpoint:
    """The checkpoint of a scan, or a ValidationError naming the field and what to do about it."""
    checkpoint = checkpoint_for(value)
    if checkpoint is None:
        raise ValidationError({"checkpoint": _("No checkpoint has the code or NFC tag “%(value)s”.")
                               % {"value": value}})  # fmt: skip
    if not checkpoint.active:
        raise ValidationError({"checkpoint": _("Checkpoint %(code)s is no longer in use.")
                               % {"code": checkpoint.code}})  # fmt: skip
    if scanned_at > now + FUTURE_TOLERANCE:
        raise ValidationError({"scanned_at": _(
            "%(time)s is in the future (the server's time is %(now)s): check the phone's clock."
        ) % {"time": _local(scanned_at), "now": _local(now)}})  # fmt: skip
    if scanned_at < now - MAX_AGE:
        raise ValidationError({"scanned_at": _(
            "%(time)s is more than %(hours)d hours ago: a scan is sent within a day of being made."
        ) % {"time": _local(scanned_at), "hours": MAX_AGE // timedelta(hours=1)}})  # fmt: skip
    earlier = PatrolScan.objects.filter(
        guard=guard, checkpoint=checkpoint, scanned_at__range=(scanned_at - DUPLICATE_WINDOW,
                                                               scanned_at + DUPLICATE_WINDOW),
    ).first()  # fmt: skip
    if earlier is not None:
        raise ValidationError({"checkpoint": _(
            "You already scanned %(code)s at %(time)s; a scan within %(seconds)d seconds of it counts once."
        ) % {"code": checkpoint.code, "time": _local(earlier.scanned_at),
             "seconds": DUPLICATE_WINDOW.total_seconds()}})  # fmt: skip
    return checkpoint


@transaction.atomic
def scan_record(*, guard: Guard, value: str, scanned_at: datetime, method: str) -> PatrolScan:
    """Keep a guard's scan; a round it completes clears its route's missed-round alarms at the next sweep."""
    now = timezone.now()
    # One guard's scans are checked one at a time, so a double tap sent twice at once is caught.
    Guard.objects.select_for_update().filter(pk=guard.pk).first()
    checkpoint = scan_check(guard=guard, value=value, scanned_at=scanned_at, now=now)
    scan = PatrolScan.objects.create(
        guard=guard, checkpoint=checkpoint, scanned_at=scanned_at, received_at=now, method=method
    )
    transaction.on_commit(_sweep_soon)
    return scan


def _sweep_soon() -> None:
    from security.patrol_tasks import patrol_sweep

    patrol_sweep.delay()


def routes_with_stops():
    stops = RouteStop.objects.select_related("checkpoint").order_by("position", "id")
    return PatrolRoute.objects.prefetch_related(Prefetch("stops", queryset=stops))


def route_rounds(
    route: PatrolRoute, *, since: datetime, until: datetime, now: datetime
) -> list[patrols.Round]:
    """The route's rounds starting in [since, until), judged at `now` from the scans kept."""
    stops = [stop.checkpoint.code for stop in route.stops.all()]
    allowed = timedelta(minutes=route.allowed)
    since = max(since, route.in_use_since)
    if until <= since:
        return []
    scans = [
        patrols.Scan(code, at, guard)
        for code, at, guard in PatrolScan.objects.filter(
            checkpoint__code__in=stops, scanned_at__gte=since, scanned_at__lte=until + allowed
        ).values_list("checkpoint__code", "scanned_at", "guard__badge")
    ]
    return patrols.judge_rounds(route.schedule(), stops, scans, since=since, until=until, now=now,
                                zone=timezone.get_default_timezone())  # fmt: skip


def missed_round_rule() -> AlarmRule:
    rule, _created = AlarmRule.objects.get_or_create(
        name=RULE_NAME, kind=RuleKind.NO_DATA, domain=Domain.SECURITY, defaults={"severity": Severity.WARNING}
    )
    return rule


def alarm_source(route: PatrolRoute, round_: patrols.Round) -> str:
    return f"patrol:{route.pk}:{round_.start.astimezone(UTC):%Y%m%dT%H%MZ}"


def missed_message(route: PatrolRoute, round_: patrols.Round) -> str:
    return _(
        "Patrol round missed: %(route)s, round of %(start)s not completed within %(minutes)d minutes; "
        "checkpoints not scanned: %(missing)s"
    ) % {"route": route.name, "start": timezone.localtime(round_.start).strftime("%H:%M %d/%m/%Y"),
         "minutes": route.allowed, "missing": ", ".join(round_.missing)}  # fmt: skip


def patrol_sweep(now: datetime | None = None) -> dict:
    """Raise one warning per missed round of each route (once, however often this runs); clear a
    route's missed-round alarms once a later round, or the missed round itself, is done."""
    now = now or timezone.now()
    rule = missed_round_rule()
    raised = cleared = 0
    for route in routes_with_stops():
        open_alarms = {
            alarm.source: alarm
            for alarm in Alarm.objects.filter(rule=rule, source__startswith=f"patrol:{route.pk}:").exclude(
                state=AlarmState.CLEARED
            )
        }
        if not route.active or not route.stops.all():
            cleared += _clear(list(open_alarms.values()), gettext_lazy("The route is no longer in use."))
            continue
        rounds = route_rounds(
            route, since=now - LOOKBACK - timedelta(minutes=route.allowed), until=now, now=now
        )
        if rule.enabled:
            raised += sum(_raise_once(rule, route, r) for r in rounds if r.status == patrols.Status.MISSED)
        to_clear = patrols.rounds_to_clear(
            {source: alarm.first_at for source, alarm in open_alarms.items()}, rounds,
            partial(alarm_source, route),
        )  # fmt: skip
        cleared += _clear(
            [open_alarms[s] for s in to_clear], gettext_lazy("A round of the route was completed.")
        )
    return {"raised": raised, "cleared": cleared}


def _raise_once(rule: AlarmRule, route: PatrolRoute, round_: patrols.Round) -> bool:
    source = alarm_source(route, round_)
    if Alarm.objects.filter(rule=rule, source=source).exists():  # raised before, maybe cleared since
        return False
    with translation.override(settings.LANGUAGE_CODE):
        message = missed_message(route, round_)
    alarms.alarm_raise(rule=rule, source=source, device_id=None, channel_id=None, value=len(round_.missing),
                       at=round_.deadline, message=message)  # fmt: skip
    return True


def _clear(open_alarms: list[Alarm], reason) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        text = str(reason)
    for alarm in open_alarms:
        alarms.alarm_clear(alarm, text=text)
    return len(open_alarms)
