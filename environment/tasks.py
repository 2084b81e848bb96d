"""Celery tasks of the environment app; each is a thin call into the modules that hold the rules."""

from datetime import UTC, datetime

from celery import shared_task

from environment import aqi_store, evaluation
from environment.hourly import floor_hour
from environment.models import Station


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
        for hour in sorted(h for h in hours if h < closed_before):
            evaluation.evaluate_hour(station, hour)


@shared_task(name="environment.hourly_upkeep", ignore_result=True)
def hourly_upkeep() -> None:
    """Judge hours that closed without new data and keep the AQI of the last hours current."""
    aqi_store.refresh_recent()
    evaluation.evaluate_recent()
