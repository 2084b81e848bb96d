"""The environment app's dashboard tile and its colours on the park map."""

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from environment.aqi import band
from environment.models import AqiHour, ComplianceRecord, Station
from ioc.registry import MapMark, PanelReading
from ioc.telemetry.series import local_time

FRESH_HOURS = 3  # an AQI or a verdict older than this is not "now"
COMPLIANT, BREACH = "#1b7a4b", "#c53030"


def _since():
    return timezone.now() - timezone.timedelta(hours=FRESH_HOURS)


def aqi_now_reading(request) -> PanelReading:
    """The worst current hourly VN_AQI over the park's air stations, with its band and station."""
    latest = AqiHour.objects.filter(hour__gte=_since(), aqi__isnull=False).aggregate(hour=Max("hour"))["hour"]
    if latest is None:
        return PanelReading(note=_("no air station has enough data for an AQI"))
    worst = (
        AqiHour.objects.filter(hour=latest, aqi__isnull=False)
        .select_related("station")
        .order_by("-aqi")
        .first()
    )
    level = band(worst.aqi)
    return PanelReading(
        value=str(worst.aqi),
        unit="VN_AQI",
        note=f"{level.name(get_language())} · {worst.station.code} · {local_time(worst.hour)[11:16]}",
        color=level.hex,
    )


def visible_stations(user):
    """An enterprise sees its own points and the park's air stations, never another's verdicts."""
    stations = Station.objects.select_related("device", "standard")
    if getattr(user, "is_enterprise_user", False):
        stations = stations.filter(
            Q(device__enterprise=user.enterprise_id) | Q(device__enterprise__isnull=True)
        )
    return stations


def station_marks(request) -> dict[int, MapMark]:
    """Air stations in their current AQI band; outfalls and stacks by their latest verdict."""
    stations = list(visible_stations(request.user))
    marks: dict[int, MapMark] = {}
    latest_aqi = {
        row.station_id: row
        for row in AqiHour.objects.filter(
            station__in=stations, hour__gte=_since(), aqi__isnull=False
        ).order_by("hour")
    }
    for station in stations:
        if (row := latest_aqi.get(station.pk)) is not None:
            level = band(row.aqi)
            marks[station.device_id] = MapMark(level.hex, f"VN_AQI {row.aqi} · {level.name(get_language())}")
    judged = [s for s in stations if s.kind != "air" and s.judged]
    verdicts = ComplianceRecord.objects.filter(station__in=judged, period_end__gte=_since())
    last_end = dict(verdicts.values("station").annotate(end=Max("period_end")).values_list("station", "end"))
    breaches: dict[int, set[str]] = {}
    for station_id, parameter, end in verdicts.filter(compliant=False).values_list(
        "station", "parameter", "period_end"
    ):
        if end == last_end.get(station_id):
            breaches.setdefault(station_id, set()).add(parameter)
    for station in judged:
        if station.pk not in last_end:
            continue
        breached = sorted(breaches.get(station.pk, ()))
        if breached:
            label = _("Exceeds %(standard)s: %(parameters)s") % {
                "standard": station.standard.code, "parameters": ", ".join(breached)}  # fmt: skip
            marks[station.device_id] = MapMark(BREACH, label)
        else:
            marks[station.device_id] = MapMark(
                COMPLIANT, _("Meets %(standard)s") % {"standard": station.standard.code}
            )
    return marks
