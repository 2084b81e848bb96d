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
        from environment import demo, evaluation, panels, signals
        from environment.api.stations import ROUTES as STATION_ROUTES
        from environment.api.transmissions import TransmissionViewSet
        from environment.api.views import ROUTES as CIRCULARITY_ROUTES
        from environment.submissions import certifications, energy_water, recp, waste
        from ioc.dashboard.panels import device_count_reader
        from ioc.registry import Panel, registry
        from ioc.telemetry import health

        registry.register_domain(DOMAIN)
        for kind in (energy_water.MONTHLY_ENERGY_WATER, waste.MONTHLY_WASTE, certifications.CERTIFICATIONS,
                     recp.RECP_SYMBIOSIS):  # fmt: skip
            registry.register_submission_kind(kind.key, kind)
        registry.register_panel(
            Panel(
                key="environment.devices",
                title=_("Monitoring stations"),
                domain="environment",
                read=device_count_reader(DOMAIN.device_kinds),
                order=20,
            )
        )
        registry.register_panel(
            Panel(
                key="environment.aqi",
                title=_("Air quality now"),
                domain="environment",
                read=panels.aqi_now_reading,
                order=15,
            )  # fmt: skip
        )
        registry.register_limit(evaluation.REGULATION_LIMIT, evaluation.limit_for_channel)
        registry.register_demo_loader("environment", demo.load_demo_stations)
        registry.register_map_overlay("environment.stations", panels.station_marks)
        health.readings_stored.connect(signals.readings_stored, dispatch_uid="environment.readings")
        for prefix, viewset, basename in [*STATION_ROUTES, *CIRCULARITY_ROUTES]:
            registry.register_api_route(prefix, viewset, basename)
        registry.register_api_route("environment/transmissions", TransmissionViewSet, "transmission")
        from environment.report_sections import SECTIONS

        for section in SECTIONS:
            registry.register_report_section(section.key, section)
