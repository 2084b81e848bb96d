"""Judge stations against their standard when an hour closes, keep the verdicts, raise the alarms.

Exceedances go through the alarm rules of kind "regulation" that name our registered limit
(`REGULATION_LIMIT`), so operators set their severity, escalation and who hears of them.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from environment.compliance import PERIOD_HOURS, Verdict, judge
from environment.hourly import HOUR, floor_hour, hourly_means
from environment.models import ComplianceRecord, Station
from ioc.alerts import services
from ioc.alerts.choices import AlarmState, RuleKind
from ioc.alerts.models import Alarm, AlarmRule
from ioc.telemetry.metrics import METRICS

REGULATION_LIMIT = "environment.qcvn"
O2_METRIC = "stack_o2"


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def _due_periods(averaging: str, hour: datetime) -> datetime | None:
    """The end of the `averaging` period that the closing of `hour` completes, if any."""
    end = hour + HOUR
    if averaging in ("1h", "8h"):
        return end  # 8 h: a rolling mean, judged every hour
    if averaging == "24h" and _local(end).hour == 0:
        return end
    return None  # annual means: judged in the yearly report, not hour by hour


def evaluate_hour(station: Station, hour: datetime) -> list[ComplianceRecord]:
    """Judge every limit of the station whose period the closed `hour` completes."""
    hour = floor_hour(hour)
    if not station.judged:
        return []
    limits = [(row, limit) for row, limit in station.effective_limits(_local(hour).date())
              if _due_periods(row.averaging, hour)]  # fmt: skip
    if not limits:
        return []
    longest = max(PERIOD_HOURS.get(row.averaging, 1) for row, _limit in limits)
    metrics = {row.parameter for row, _limit in limits} | {O2_METRIC}
    means = hourly_means(station.device_id, metrics, hour + HOUR - longest * HOUR, hour + HOUR)
    o2 = means.get(O2_METRIC, {})
    verdicts = []
    for row, limit in limits:
        series = means.get(row.parameter)
        if not series:
            continue
        if station.standard.reference_o2 is not None:
            series = _o2_corrected(series, o2, station.standard.reference_o2)
        verdict = judge(row.parameter, row.averaging, series, _due_periods(row.averaging, hour), limit)
        if verdict is not None:
            verdicts.append(verdict)
    if not verdicts:
        return []
    with transaction.atomic():  # one commit per station-hour, not one per verdict
        return _record(station, verdicts)


def _o2_corrected(series, o2, reference):
    from environment.discharge import o2_corrected

    return {
        h: o2_corrected(v, o2_measured=o2[h], o2_reference=reference) for h, v in series.items() if h in o2
    }


def _record(station: Station, verdicts: list[Verdict]) -> list[ComplianceRecord]:
    """Keep the verdicts; raise on a new or newly failed one, clear on a pass. A re-judged period
    with the same outcome (a late duplicate, the periodic catch-up) changes nothing."""
    keys = {(v.parameter, v.averaging, v.period_start) for v in verdicts}
    existing = {
        (r.parameter, r.averaging, r.period_start): r
        for r in ComplianceRecord.objects.filter(station=station, period_start__in={k[2] for k in keys})
    }
    open_sources = set(
        Alarm.objects.filter(rule__in=_rules(), source__startswith=f"station:{station.code}:")
        .exclude(state=AlarmState.CLEARED)
        .values_list("source", flat=True)
    )
    records = []
    for verdict in verdicts:
        values = {"period_end": verdict.period_end, "mean": verdict.mean, "hours": verdict.hours,
                  "lower": verdict.limit.lower, "upper": verdict.limit.value,
                  "derivation": verdict.limit.derivation[:300], "compliant": verdict.compliant}  # fmt: skip
        previous = existing.get((verdict.parameter, verdict.averaging, verdict.period_start))
        if previous is None:
            record = ComplianceRecord.objects.create(
                station=station, parameter=verdict.parameter, averaging=verdict.averaging,
                period_start=verdict.period_start, **values,
            )  # fmt: skip
        else:
            record = ComplianceRecord(pk=previous.pk, station=station, parameter=verdict.parameter,
                                      averaging=verdict.averaging, period_start=verdict.period_start, **values)  # fmt: skip
            if any(getattr(previous, name) != value for name, value in values.items()):
                record.save(update_fields=list(values))
        records.append(record)
        source = source_of(station, verdict.parameter, verdict.averaging)
        if not verdict.compliant and (previous is None or previous.compliant):
            _raise(station, verdict)
        elif verdict.compliant and source in open_sources:
            _clear(station, verdict)
    return records


def source_of(station: Station, parameter: str, averaging: str) -> str:
    return f"station:{station.code}:{parameter}:{averaging}"


def _rules():
    return AlarmRule.objects.filter(kind=RuleKind.REGULATION, limit_key=REGULATION_LIMIT, enabled=True)


def exceedance_message(station: Station, verdict: Verdict) -> str:
    metric = METRICS.get(verdict.parameter)
    unit = metric.unit if metric else ""
    start, end = _local(verdict.period_start), _local(verdict.period_end)
    return _(
        "%(station)s: %(parameter)s %(averaging)s mean %(mean)s %(unit)s outside C_max %(limit)s — "
        "%(derivation)s; %(start)s–%(end)s"
    ) % {
        "station": station.code, "parameter": metric.name if metric else verdict.parameter,
        "averaging": verdict.averaging, "mean": f"{verdict.mean:.4g}", "unit": unit,
        "limit": verdict.limit.text(), "derivation": verdict.limit.derivation,
        "start": f"{start:%d/%m/%Y %H:%M}", "end": f"{end:%H:%M}" if end.date() == start.date() else f"{end:%d/%m %H:%M}",
    }  # fmt: skip


def _raise(station: Station, verdict: Verdict) -> None:
    channel_id = station.device.channels.filter(metric=verdict.parameter).values_list("pk", flat=True).first()
    with translation.override(settings.LANGUAGE_CODE):
        message = exceedance_message(station, verdict)
    for rule in _rules():
        services.alarm_raise(
            rule=rule, source=source_of(station, verdict.parameter, verdict.averaging),
            device_id=station.device_id, channel_id=channel_id, value=verdict.mean,
            at=verdict.period_end, message=message,
        )  # fmt: skip


def _clear(station: Station, verdict: Verdict) -> None:
    source = source_of(station, verdict.parameter, verdict.averaging)
    open_alarms = Alarm.objects.filter(rule__in=_rules(), source=source, last_at__lte=verdict.period_end)
    for alarm in open_alarms.exclude(state=AlarmState.CLEARED):
        services.alarm_clear(alarm, text=f"{verdict.mean:.4g} ({verdict.limit.text()})")


def evaluate_recent(hours_back: int = 3) -> int:
    """Periodic: judge the last closed hours of every judged station (catches hours with no late data)."""
    now_hour = floor_hour(timezone.now())
    count = 0
    for station in Station.objects.select_related("standard", "device"):
        for i in range(1, hours_back + 1):
            count += len(evaluate_hour(station, now_hour - i * HOUR))
    return count


def hours_to_judge(touched, closed_before: datetime) -> list[datetime]:
    """The closed hours whose verdicts new readings in `touched` hours can change: each hour itself,
    the 7 after it (their rolling 8-hour means include it) and the last hour of its local day."""
    hours = set()
    for hour in touched:
        hours.update(hour + i * HOUR for i in range(PERIOD_HOURS["8h"]))
        day_end = _local(hour).replace(hour=0) + timedelta(days=1)
        hours.add(day_end.astimezone(UTC) - HOUR)
    return sorted(h for h in hours if h < closed_before)


def limit_for_channel(channel) -> float | None:
    """Registered limit: today's 1-hour C_max of the channel's station, for raw-reading threshold rules."""
    station = Station.objects.filter(device_id=channel.device_id).select_related("standard").first()
    if station is None or not station.judged:
        return None
    today = timezone.localdate()
    return next(
        (limit.value for row, limit in station.effective_limits(today)
         if row.parameter == channel.metric and row.averaging == "1h" and limit.value is not None),
        None,
    )  # fmt: skip
