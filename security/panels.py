"""The security app's dashboard tiles and its cameras' colours on the park map."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ioc.alerts.choices import Domain, IncidentStatus, Severity
from ioc.alerts.models import Alarm, Incident
from ioc.api.tenancy import scope_to_user
from ioc.registry import MapMark, PanelReading
from security.models import Camera

ONLINE, OFFLINE, ALARMING = "#1b7a4b", "#8a94a0", "#c53030"  # the park map's own colours
CLOSED = (IncidentStatus.RESOLVED, IncidentStatus.CLOSED)


def visible_cameras(user):
    """Park staff see every camera, an enterprise user the cameras on its own devices."""
    return scope_to_user(
        Camera.objects.select_related("device__zone", "latest_snapshot"), user, "device__enterprise"
    )


def open_incidents_reading(request) -> PanelReading:
    incidents = scope_to_user(
        Incident.objects.filter(category=Domain.SECURITY).exclude(status__in=CLOSED),
        request.user,
        "enterprise",
    )
    counts = incidents.aggregate(
        total=Count("id"), critical=Count("id", filter=Q(severity=Severity.CRITICAL))
    )
    note = _("%(critical)d critical") % counts if counts["total"] else _("no open incident")
    return PanelReading(value=str(counts["total"]), note=note, color=ALARMING if counts["critical"] else "")


def cameras_offline_reading(request) -> PanelReading:
    cameras, now = list(visible_cameras(request.user)), timezone.now()
    if not cameras:
        return PanelReading(note=_("no camera registered"))
    offline = sum(camera.is_offline(now) for camera in cameras)
    return PanelReading(
        value=str(offline), note=_("of %(total)d cameras") % {"total": len(cameras)},
        color=ALARMING if offline else ONLINE,
    )  # fmt: skip


def alarms_today_reading(request) -> PanelReading:
    since = timezone.now() - timedelta(hours=24)
    alarms = scope_to_user(
        Alarm.objects.filter(rule__domain=Domain.SECURITY, first_at__gte=since),
        request.user,
        "device__enterprise",
    )
    counts = alarms.aggregate(total=Count("id"), critical=Count("id", filter=Q(severity=Severity.CRITICAL)))
    return PanelReading(value=str(counts["total"]), note=_("%(critical)d critical") % counts)


def camera_marks(request) -> dict[int, MapMark]:
    """Each camera in green when frames or heartbeats arrive, grey when they stopped."""
    now, marks = timezone.now(), {}
    for camera in visible_cameras(request.user):
        if camera.is_offline(now):
            marks[camera.device_id] = MapMark(OFFLINE, _("Camera offline: %(error)s") % {
                "error": camera.last_error or _("no frame lately")})  # fmt: skip
        else:
            marks[camera.device_id] = MapMark(ONLINE, _("Camera online"))
    return marks
