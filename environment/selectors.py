"""Reads for the transmission health page: one query for every station's ledger summary."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery

from environment.models import Station, Transmission, TransmissionState
from environment.models.transmission import UNSENT
from environment.transmission_health import Health, Ledger, classify


@dataclass(frozen=True)
class StationHealth:
    station: Station
    health: Health
    last_sent_end: datetime | None
    backlog: int
    gaps_24h: int
    last_error: str


def transmission_health(stations: QuerySet, *, now: datetime, period: timedelta, delay: timedelta):
    """Each station's transmission state, newest figures from the ledger."""
    unsent = Q(transmissions__state__in=UNSENT)
    head_error = (
        Transmission.objects.filter(station=OuterRef("pk"), state__in=UNSENT)
        .order_by("period_start")
        .values("last_error")[:1]
    )
    rows = stations.select_related("device").annotate(
        last_recorded=Max("transmissions__period_end"),
        last_sent=Max("transmissions__period_end", filter=Q(transmissions__state=TransmissionState.SENT)),
        oldest_unsent=Min("transmissions__period_end", filter=unsent),
        backlog=Count("transmissions", filter=unsent),
        failures=Max("transmissions__attempts", filter=Q(transmissions__state=TransmissionState.FAILED)),
        gaps=Count("transmissions", filter=Q(transmissions__state=TransmissionState.NO_DATA,
                                             transmissions__period_end__gt=now - timedelta(hours=24))),
        head_error=Subquery(head_error),
    )  # fmt: skip
    return [
        StationHealth(
            station=row,
            health=classify(
                Ledger(row.last_recorded, row.oldest_unsent, row.failures or 0),
                now=now,
                period=period,
                delay=delay,
            ),  # fmt: skip
            last_sent_end=row.last_sent,
            backlog=row.backlog,
            gaps_24h=row.gaps,
            last_error=row.head_error or "",
        )
        for row in rows
    ]


def transmitting(queryset: QuerySet[Station]) -> QuerySet[Station]:
    return queryset.filter(transmits=True).order_by("code")
