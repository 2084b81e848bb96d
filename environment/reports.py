"""What the environment endpoints and pages answer: AQI by hour or day, compliance rates."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from environment import aqi, aqi_store
from environment.compliance import Rate
from environment.hourly import HOUR, hourly_means
from environment.models import AqiHour, ComplianceRecord, Station
from ioc.telemetry.series import local_time

# Why an hour or a day has no AQI, in the reader's language.
NO_AQI = {
    "nowcast": _("Not enough data: NowCast needs at least two of the last three hourly PM means."),
    "no_pm": _("Not enough data: no AQI without PM10 or PM2.5."),
    "no_pm_24h": _("Not enough data: no 24-hour PM10 or PM2.5 mean (at least 18 hourly means)."),
    "no_data": _("No data for this period."),
    "invalid": _("A negative hourly mean: the sensor needs checking."),
}


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), _zone()).astimezone(UTC)


def band_of(value: int | None) -> dict | None:
    if value is None:
        return None
    level = aqi.band(value)
    return {"name_vi": level.name_vi, "name_en": level.name_en, "color": level.hex, "rgb": list(level.rgb)}


def _entry(key: str, value: str, found: aqi.AqiResult | AqiHour | None, reason: str = "no_data") -> dict:
    number = getattr(found, "aqi", None)
    if number is None:
        why = getattr(found, "insufficient", "") or reason
        return {key: value, "aqi": None, "sub_indices": {}, "dominant": None, "band": None,
                "insufficient": str(NO_AQI.get(why, why))}  # fmt: skip
    sub = {name: round(v, 2) for name, v in found.sub_indices.items()}
    return {key: value, "aqi": number, "sub_indices": sub, "dominant": found.dominant, "band": band_of(number),
            "insufficient": None}  # fmt: skip


def aqi_report(station: Station, query: dict) -> dict:
    if query["period"] == "daily":
        return {
            "station": station.code,
            "period": "daily",
            "days": list(daily_aqi(station, query["from"], query["to"])),
        }
    start = day_start(query["date"])
    stored = {row.hour: row for row in AqiHour.objects.filter(station=station, hour__gte=start,
                                                                hour__lt=start + timedelta(days=1))}  # fmt: skip
    hours = [start + i * HOUR for i in range(24)]
    return {
        "station": station.code,
        "period": "hourly",
        "date": query["date"].isoformat(),
        "hours": [_entry("time", local_time(hour), stored.get(hour)) for hour in hours],
    }


def daily_aqi(station: Station, first: date, last: date):
    start, end = day_start(first), day_start(last + timedelta(days=1))
    means = hourly_means(station.device_id, aqi_store.POLLUTANTS, start - 7 * HOUR, end)
    day = first
    while day <= last:
        try:
            found, reason = aqi_store.day_aqi(means, day_start(day)), ""
        except aqi.InsufficientData as why:
            found, reason = None, why.code
        except ValueError:
            found, reason = None, "invalid"
        yield _entry("date", day.isoformat(), found, reason or "no_data")
        day += timedelta(days=1)


def compliance_report(station: Station, query: dict) -> dict:
    truncate = TruncDate if query["period"] == "day" else TruncMonth
    rows = (
        ComplianceRecord.objects.filter(
            station=station, period_end__gt=day_start(query["from"]),
            period_end__lte=day_start(query["to"] + timedelta(days=1)),
        )
        .annotate(bucket=truncate("period_start", tzinfo=_zone()))
        .values("bucket", "parameter", "averaging")
        .annotate(judged=Count("id"), compliant=Count("id", filter=Q(compliant=True)))
        .order_by("bucket", "parameter", "averaging")
    )  # fmt: skip
    result = []
    for row in rows:
        rate = Rate(row["compliant"], row["judged"])
        bucket = row["bucket"]
        label = bucket.isoformat()[:10] if query["period"] == "day" else f"{bucket:%Y-%m}"
        result.append({"period": label, "parameter": row["parameter"], "averaging": row["averaging"],
                       "judged": rate.judged, "compliant": rate.compliant, "rate": rate.share})  # fmt: skip
    return {"station": station.code, "period": query["period"], "from": query["from"].isoformat(),
            "to": query["to"].isoformat(), "rates": result}  # fmt: skip
