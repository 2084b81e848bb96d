"""Celery tasks of the environment app; each is a thin call into the modules that hold the rules."""

from datetime import UTC, datetime

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from environment import aqi_store, evaluation
from environment.hourly import floor_hour
from environment.models import Station
from environment.transmission import transmissions_produce, transmissions_send


@shared_task(name="environment.readings_arrived", ignore_result=True)
def readings_arrived(hours_by_device: dict[str, list[float]]) -> None:
    """New readings landed for these devices and hours (epochs): refresh AQI, judge closed hours."""
    stations = Station.objects.select_related("standard", "device").filter(
        device_id__in=[int(d) for d in hours_by_device]
    )
    closed_before = floor_hour(datetime.now(UTC))
    for station in stations:
        hours = {datetime.fromtimestamp(epoch, UTC) for epoch in hours_by_device[str(station.device_id)]}
        if station.kind == "air":
            aqi_store.refresh(station, hours)
        for hour in evaluation.hours_to_judge(hours, closed_before):
            evaluation.evaluate_hour(station, hour)


@shared_task(name="environment.hourly_upkeep", ignore_result=True)
def hourly_upkeep() -> None:
    """Judge hours that closed without new data and keep the AQI of the last hours current."""
    aqi_store.refresh_recent()
    evaluation.evaluate_recent()


# One sender at a time: two would race to upload the same file. The lock outlives a stuck worker
# by at most this long.
SEND_LOCK = "environment:transmit:lock"
SEND_LOCK_S = 600


@shared_task(name="environment.transmit")
def transmit() -> dict:
    """Make the files of the periods just closed, then send what is due, in order."""
    made = transmissions_produce(now=timezone.now())
    if not cache.add(SEND_LOCK, "1", SEND_LOCK_S):
        return {"made": made, "skipped": "another sender is running"}
    try:
        return {"made": made, **transmissions_send(now=timezone.now())}
    finally:
        cache.delete(SEND_LOCK)
