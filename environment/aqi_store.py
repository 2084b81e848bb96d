"""Hourly VN_AQI per air station, computed from hourly means and kept in AqiHour."""

from datetime import datetime, timedelta

from django.utils import timezone

from environment import aqi
from environment.hourly import HOUR, floor_hour, hourly_means
from environment.models import AqiHour, Station

GASES = ("so2", "no2", "co", "o3")
POLLUTANTS = (*aqi.PARTICULATES, *GASES)
NOWCAST_HOURS = 12


def hour_aqi(means: dict[str, dict[datetime, float]], hour: datetime) -> aqi.AqiResult:
    """The hourly AQI at `hour` from {pollutant: {hour: mean}}; raises InsufficientData."""
    pm_hours = {
        pm: [means[pm].get(hour - i * HOUR) for i in range(NOWCAST_HOURS)]
        for pm in aqi.PARTICULATES
        if pm in means
    }
    gases = {gas: means[gas][hour] for gas in GASES if hour in means.get(gas, {})}
    return aqi.hourly_aqi(pm_hours=pm_hours, gases=gases)


def refresh(station: Station, hours) -> int:
    """Recompute the AQI of `hours` and of the hours whose NowCast they feed; return rows written."""
    if not hours:
        return 0
    now_hour = floor_hour(timezone.now())
    first, last = min(hours), min(max(hours) + (NOWCAST_HOURS - 1) * HOUR, now_hour)
    means = hourly_means(station.device_id, POLLUTANTS, first - NOWCAST_HOURS * HOUR, last + HOUR)
    written, hour = 0, first
    while hour <= last:
        if any(hour in series for series in means.values()) or hour in hours:
            _store(station, hour, means)
            written += 1
        hour += HOUR
    return written


def _store(station: Station, hour: datetime, means) -> None:
    try:
        result = hour_aqi(means, hour)
    except aqi.InsufficientData as why:
        values = {"aqi": None, "sub_indices": {}, "dominant": "", "insufficient": why.code}
    except ValueError:  # a negative hourly mean: a sensor fault, not an air quality
        values = {"aqi": None, "sub_indices": {}, "dominant": "", "insufficient": "invalid"}
    else:
        sub = {name: round(value, 2) for name, value in result.sub_indices.items()}
        values = {"aqi": result.aqi, "sub_indices": sub, "dominant": result.dominant, "insufficient": ""}
    AqiHour.objects.update_or_create(station=station, hour=hour, defaults=values)


def refresh_recent(hours_back: int = 2) -> int:
    """Periodic catch-up: the last hours of every air station (covers hours with no new data)."""
    now_hour = floor_hour(timezone.now())
    hours = {now_hour - i * HOUR for i in range(hours_back + 1)}
    return sum(refresh(station, hours) for station in Station.objects.filter(kind="air"))


def daily_means(station: Station, day_start: datetime) -> dict[str, dict[datetime, float]]:
    """Hourly means for a local day and the 7 hours before it (for the day's rolling 8-hour O3)."""
    return hourly_means(station.device_id, POLLUTANTS, day_start - 7 * HOUR, day_start + timedelta(days=1))


def day_aqi(means: dict[str, dict[datetime, float]], day_start: datetime) -> aqi.AqiResult:
    """Daily AQI of the local day starting at `day_start` (hours 01:00–24:00, Decision 1459 §2.2)."""
    from environment.compliance import min_hours

    hours = [day_start + i * HOUR for i in range(24)]

    def values(pollutant, within):
        series = means.get(pollutant, {})
        return [series[h] for h in within if h in series]

    pm_24h = {
        pm: sum(v) / len(v) for pm in aqi.PARTICULATES if len(v := values(pm, hours)) >= min_hours("24h")
    }
    gas_max_1h = {gas: max(v) for gas in GASES if (v := values(gas, hours))}
    rolling_o3 = [
        sum(v) / len(v)
        for h in hours
        if len(v := values("o3", [h - i * HOUR for i in range(8)])) >= min_hours("8h")
    ]
    if not pm_24h:
        raise aqi.InsufficientData(
            "no_pm_24h", "no AQI without a 24-hour PM10 or PM2.5 mean (at least 18 hourly means)"
        )
    return aqi.daily_aqi(pm_24h=pm_24h, gas_max_1h=gas_max_1h, o3_max_8h=max(rolling_o3, default=None))
