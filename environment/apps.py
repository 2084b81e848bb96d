from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ioc.registry import Domain

DOMAIN = Domain(
    label="environment",
    title=_("Environment"),
    url_name="environment:home",
    urls="environment.urls",
    order=20,
    device_kinds=("air_station", "wastewater_station", "stack_station", "weather_station"),
)


class EnvironmentConfig(AppConfig):
    """Automatic monitoring of air, wastewater and stacks; QCVN compliance; VN_AQI."""

    name = "environment"
    verbose_name = _("Environment")

    def ready(self):
        from ioc.dashboard.panels import device_count_reader
        from ioc.registry import Panel, registry

        registry.register_domain(DOMAIN)
        registry.register_panel(
            Panel(
                key="environment.devices",
                title=_("Monitoring stations"),
                domain="environment",
                read=device_count_reader(DOMAIN.device_kinds),
                order=20,
            )
        )
        from environment.api import TransmissionViewSet

        registry.register_api_route("environment/transmissions", TransmissionViewSet, "transmission")
