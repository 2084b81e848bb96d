from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ioc.registry import Domain

DOMAIN = Domain(
    label="traffic",
    title=_("Traffic"),
    url_name="traffic:home",
    urls="traffic.urls",
    order=30,
    device_kinds=("gate", "traffic_counter"),
)


class TrafficConfig(AppConfig):
    """Gates with plate readers, road counters and parking."""

    name = "traffic"
    verbose_name = _("Traffic")

    def ready(self):
        from ioc.dashboard.panels import device_count_reader
        from ioc.registry import Panel, registry

        registry.register_domain(DOMAIN)
        registry.register_panel(
            Panel(
                key="traffic.devices",
                title=_("Gates and traffic counters"),
                domain="traffic",
                read=device_count_reader(DOMAIN.device_kinds),
                order=30,
            )
        )
