from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ioc.registry import Domain

DOMAIN = Domain(
    label="security",
    title=_("Security"),
    url_name="security:home",
    urls="security.urls",
    order=10,
    device_kinds=("camera",),
)


class SecurityConfig(AppConfig):
    """Smart surveillance cameras, intrusion and fire events, patrols."""

    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from ioc.registry import Panel, registry
        from ioc.telemetry import health
        from security import demo, panels, patrol_tasks  # noqa: F401 -- registers the patrol sweep task
        from security.api_cameras import CameraViewSet
        from security.api_patrols import ROUTES
        from security.events import KINDS, camera_went_silent

        registry.register_domain(DOMAIN)
        for kind in KINDS:
            registry.register_device_event_kind(kind)
        for order, (key, title, read) in enumerate(
            [
                ("security.incidents_open", _("Open security incidents"), panels.open_incidents_reading),
                ("security.cameras_offline", _("Cameras offline"), panels.cameras_offline_reading),
                ("security.alarms_24h", _("Security alarms, last 24 h"), panels.alarms_today_reading),
            ],
            start=10,
        ):
            registry.register_panel(Panel(key=key, title=title, domain="security", read=read, order=order))
        registry.register_map_overlay("security.cameras", panels.camera_marks)
        registry.register_api_route("security/cameras", CameraViewSet, "security-camera")
        for prefix, viewset, basename in ROUTES:
            registry.register_api_route(prefix, viewset, basename)
        demo.register()
        health.device_offline.connect(camera_went_silent, dispatch_uid="security.camera_went_silent")
