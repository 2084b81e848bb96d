"""Celery tasks of the traffic app; each is a thin call into the modules that hold the rules."""

from datetime import UTC, datetime

from celery import shared_task

from traffic import counts, retention
from traffic.models import RoadCounter


@shared_task(name="traffic.recount", ignore_result=True)
def recount(quarters_by_counter: dict[str, list[float]]) -> None:
    """New readings landed for these counters and quarters (UTC start epochs): sum them again."""
    for counter in RoadCounter.objects.filter(pk__in=[int(c) for c in quarters_by_counter]):
        for epoch in quarters_by_counter[str(counter.pk)]:
            counts.recount(counter, datetime.fromtimestamp(epoch, UTC))


@shared_task(name="traffic.purge_plate_reads")
def purge_plate_reads() -> dict[str, int]:
    """Delete plate reads past PLATE_READ_RETENTION_DAYS (Decree 13/2023/NĐ-CP); counts stay."""
    return retention.purge_plate_reads()
