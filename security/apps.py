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

        registry.register_domain(DOMAIN)
        registry.register_panel(
            Panel(
                key="security.devices",
                title=_("Cameras"),
                domain="security",
                read=device_count_reader(DOMAIN.device_kinds),
                order=10,
            )
        )
