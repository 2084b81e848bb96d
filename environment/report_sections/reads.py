"""What the environment sections read: stations in scope, verdicts, the Circular 10 ledger, completeness,
the monthly energy reports."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from environment.models import ComplianceRecord, Station, Transmission, TransmissionState
from environment.submissions.energy_water import MONTHLY_ENERGY_WATER
from ioc.park.choices import EnterpriseStatus
from ioc.park.models import Channel
from ioc.reports.periods import Period
from ioc.reports.scope import Scope
from ioc.submissions.choices import Status
from ioc.submissions.models import Submission
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.models import RollupDay

COUNTED = (Status.SUBMITTED, Status.ACCEPTED)
DAILY_TABLE_MAX_DAYS = 92  # a day-by-day AQI table for a month or a quarter; a year gets the band counts only
COMPLETENESS_TARGET = Decimal("1")  # "continuous" monitoring (park.md); no official share is set


def parameter_name(key: str) -> str:
    metric = METRICS.get(key)
    return str(metric.name) if metric else key


def station_label(station: Station, language: str) -> str:
    name = station.name_en if language == "en" and station.name_en else station.name_vi
    return f"{name} ({station.code})"


def stations_in(scope: Scope):
    return Station.objects.filter(scope.device_q("device")).select_related("device", "standard")


def exceedances(period: Period, stations) -> list[dict]:
    """Judged periods and exceedances per station, parameter and averaging, with the exceeded days."""
    first, after = period.bounds()
    records = ComplianceRecord.objects.filter(
        station__in=stations, period_end__gt=first, period_end__lte=after
    )
    rows = list(
        records.values("station", "parameter", "averaging")
        .annotate(judged=Count("id"), exceeded=Count("id", filter=Q(compliant=False)))
        .order_by("station", "parameter", "averaging")
    )
    days = defaultdict(list)
    for station, parameter, averaging, start in records.filter(compliant=False).values_list(
        "station", "parameter", "averaging", "period_start"
    ):
        days[(station, parameter, averaging)].append(timezone.localdate(start))
    for row in rows:
        row["days"] = sorted(days[(row["station"], row["parameter"], row["averaging"])])
    return rows


def transmissions(period: Period, stations) -> dict:
    first, after = period.bounds()
    due = timedelta(
        minutes=settings.ENV_TRANSMISSION_PERIOD_MINUTES, seconds=settings.ENV_TRANSMISSION_DELAY_SECONDS
    )
    ledger = Transmission.objects.filter(station__in=stations, period_end__gt=first, period_end__lte=after)
    found = {"made": 0, "on_time": 0, "late": 0, "unsent": 0, "no_data": 0}
    for state, end, sent in ledger.values_list("state", "period_end", "sent_at").iterator():
        found["made"] += 1
        if state == TransmissionState.NO_DATA:
            found["no_data"] += 1
        elif state == TransmissionState.SENT:
            found["on_time" if sent - end <= due else "late"] += 1
        else:
            found["unsent"] += 1
    return found


def completeness(period: Period, stations) -> float | None:
    """Readings received / readings expected, over the stations' channels and the period so far."""
    first, after = period.bounds()
    end = min(after, timezone.now())
    expected = Decimal(0)
    channels = defaultdict(list)
    for pk, device, interval in Channel.objects.filter(device__station__in=stations).values_list(
        "pk", "device", "device__expected_interval"
    ):
        channels[device].append(pk)
        expected += Decimal(max((end - first).total_seconds(), 0)) / Decimal(interval.total_seconds())
    if expected < 1:
        return None
    ids = [pk for group in channels.values() for pk in group]
    got = (
        RollupDay.objects.filter(channel__in=ids, bucket__gte=first, bucket__lt=after).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )
    return min(float(got / expected), 1.0)


def energy_reports(period: Period, scope: Scope) -> dict[int, list[dict]]:
    rows = Submission.objects.filter(
        kind=MONTHLY_ENERGY_WATER.key, period__in=period.months(), status__in=COUNTED
    )
    rows = rows.filter(enterprise__in=scope.enterprises().filter(status=EnterpriseStatus.OPERATING))
    found = defaultdict(list)
    for enterprise, data in rows.values_list("enterprise", "data"):
        found[enterprise].append(data)
    return found


def share(numerator: int | float, denominator: int | float) -> float | None:
    return float(numerator) / float(denominator) if denominator else None
