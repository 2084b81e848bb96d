"""Pages of the security app: the cameras on the map with the latest events, the camera wall, and each
camera's analysis settings."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, UpdateView

from ioc.alerts.choices import Domain
from ioc.alerts.models import Incident
from ioc.api.tenancy import scope_to_user
from ioc.dashboard.views import DomainPageView
from ioc.park.choices import REGISTRY_EDITORS, Role
from ioc.park.models import Zone
from ioc.registry import registry
from ioc.telemetry.models import DeviceEvent
from security import patrols, patrols_services
from security.api_cameras import camera_status, image_url
from security.forms import AnalysisSettingsForm
from security.panels import CLOSED, visible_cameras

STAFF = frozenset({Role.ADMIN, Role.PARK_MANAGER, Role.OPERATOR})
ALARM_KINDS = ("intrusion", "loitering", "fire", "smoke", "crowding")
SHOWN = 30
ROUNDS_HOURS = 12


def sees_images(user) -> bool:
    """Snapshots show people and plates (Decree 13/2023/NĐ-CP): for the park's staff and, for their own
    cameras, enterprise users; a ward official reads the alarms without the pictures."""
    return user.effective_role != Role.WARD_OFFICIAL


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def map_point(camera, now, images: bool) -> dict:
    lon, lat = camera.device.location["coordinates"][:2]
    snapshot = camera.latest_snapshot_id if images else None
    return {"id": camera.pk, "serial": camera.device.serial, "name": camera.device.name, "lat": lat, "lon": lon,
            "bearing": camera.bearing, "fov": camera.field_of_view, "status": camera_status(camera, now),
            "zone": camera.device.zone.name if camera.device.zone else "", "purpose": camera.get_purpose_display(),
            "last_frame": _local(camera.last_frame_at), "snapshot": image_url(snapshot)}  # fmt: skip


class SecurityPageView(DomainPageView):
    """Cameras on the park map with where they look, active alarms, open incidents with their images,
    the latest camera events and, for the staff, the patrol rounds of the last hours."""

    template_name = "security/home.html"
    domain_label = "security"

    def get_context_data(self, **kwargs):
        user, now = self.request.user, timezone.now()
        images = sees_images(user)
        context = super().get_context_data(**kwargs)

        def shown(image_id):
            return image_url(image_id) if images else None

        cameras = list(visible_cameras(user))
        events = scope_to_user(
            DeviceEvent.objects.filter(kind__in=ALARM_KINDS).select_related("device__zone"),
            user,
            "device__enterprise",
        )[:SHOWN]
        incidents = scope_to_user(
            Incident.objects.filter(category=Domain.SECURITY).exclude(status__in=CLOSED).prefetch_related("images"),
            user, "enterprise",
        )[:SHOWN]  # fmt: skip
        return context | {
            "cameras": [{"camera": c, "status": camera_status(c, now)} for c in cameras],
            "map_cameras": [map_point(c, now, images) for c in cameras],
            "map_zones": [{"name": z.name, "boundary": z.boundary} for z in Zone.objects.all()],
            "events": [
                {
                    "event": e,
                    "title": _event_title(e.kind),
                    "image": shown(e.image_id),
                    "where": e.details.get("region") or e.details.get("line"),
                }
                for e in events
            ],
            "incidents": [
                {
                    "incident": i,
                    "images": [{"url": shown(m.pk), "taken_at": m.taken_at} for m in i.images.all()],
                }
                for i in incidents
            ],
            "alarm_rows": [{"alarm": a, "image": shown(a.image_id)} for a in context["alarms"]],
            "rounds": _route_rounds(now) if user.effective_role in STAFF else None,
            "sees_images": images,
            "edits": user.effective_role in STAFF,
        }


def _event_title(kind: str):
    found = registry.device_event_kinds.get(kind)
    return found.title if found else kind


def _route_rounds(now) -> list[dict]:
    routes = patrols_services.routes_with_stops().filter(active=True)
    since = now - timedelta(hours=ROUNDS_HOURS)
    return [
        {"route": route, "rounds": [
            {"round": r, "label": patrols.STATUS_LABELS[r.status]}
            for r in patrols_services.route_rounds(route, since=since, until=now + timedelta(hours=2), now=now)
        ]}
        for route in routes
    ]  # fmt: skip


class CameraWallView(LoginRequiredMixin, TemplateView):
    """The latest snapshot of every camera the user may see, refreshed every few seconds."""

    template_name = "security/wall.html"
    refresh_seconds = 5

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not sees_images(user):
            raise PermissionDenied(
                _("Ward officials read the security page; the camera wall is for park staff.")
            )
        now = timezone.now()
        cameras = [{"camera": c, "status": camera_status(c, now), "snapshot": image_url(c.latest_snapshot_id)}
                   for c in visible_cameras(user)]  # fmt: skip
        return super().get_context_data(cameras=cameras, refresh_ms=self.refresh_seconds * 1000,
                                        edits=user.effective_role in STAFF, **kwargs)  # fmt: skip


class CameraSettingsView(LoginRequiredMixin, UpdateView):
    """Regions, counting line, restricted hours, sensitivity and grab interval of one camera. Park staff
    read them; park managers and administrators change them."""

    template_name = "security/settings.html"
    form_class = AnalysisSettingsForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            role = request.user.effective_role
            if role not in STAFF:
                raise PermissionDenied(_("A camera's analysis settings are for the park's staff."))
            if request.method not in ("GET", "HEAD") and role not in REGISTRY_EDITORS:
                raise PermissionDenied(_("Only park managers change a camera's analysis settings."))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(visible_cameras(self.request.user), pk=self.kwargs["pk"])

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.user.effective_role not in REGISTRY_EDITORS:
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        camera = self.object
        return super().get_context_data(
            camera=camera, snapshot=image_url(camera.latest_snapshot_id), status=camera_status(camera),
            can_edit=self.request.user.effective_role in REGISTRY_EDITORS, **kwargs,
        )  # fmt: skip

    def form_valid(self, form):
        form.save()
        messages.success(
            self.request, _("The analysis settings of %(camera)s are saved.") % {"camera": self.object}
        )
        return redirect("security:camera-settings", pk=self.object.pk)
