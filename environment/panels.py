"""The environment app's dashboard tiles."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from environment.aqi import band
from environment.models import AqiHour
from ioc.registry import PanelReading
from ioc.telemetry.series import local_time

FRESH_HOURS = 3  # an AQI older than this is not "now"


def aqi_now_reading(request) -> PanelReading:
    """The worst current hourly VN_AQI over the park's air stations, with its band and station."""
    since = timezone.now() - timezone.timedelta(hours=FRESH_HOURS)
    latest = (
        AqiHour.objects.filter(hour__gte=since, aqi__isnull=False)
        .select_related("station")
        .order_by("-hour", "-aqi")
        .first()
    )
    if latest is None:
        return PanelReading(note=_("no air station has enough data for an AQI"))
    worst = (
        AqiHour.objects.filter(hour=latest.hour, aqi__isnull=False)
        .select_related("station")
        .order_by("-aqi")
        .first()
    )
    level = band(worst.aqi)
    name = level.name_vi if (get_language() or "vi").startswith("vi") else level.name_en
    return PanelReading(
        value=str(worst.aqi),
        unit="VN_AQI",
        note=f"{name} · {worst.station.code} · {local_time(worst.hour)[11:16]}",
        color="#{:02x}{:02x}{:02x}".format(*level.rgb),
    )
