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
        from ioc.dashboard.panels import device_count_reader
        from ioc.registry import Panel, registry
        from security.events import KINDS

        registry.register_domain(DOMAIN)
        for kind in KINDS:
            registry.register_device_event_kind(kind)
        registry.register_panel(
            Panel(
                key="security.devices",
                title=_("Cameras"),
                domain="security",
                read=device_count_reader(DOMAIN.device_kinds),
                order=10,
            )
        )
