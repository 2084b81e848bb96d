from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ioc.registry import Domain

DOMAIN = Domain(
    label="production",
    title=_("Production"),
    url_name="production:home",
    urls="production.urls",
    order=50,
    device_kinds=("energy_meter", "solar_meter", "water_meter", "machine"),
)


class ProductionConfig(AppConfig):
    """Output, exports, energy, rooftop solar and smart-factory telemetry."""

    name = "production"
    verbose_name = _("Production")

    def ready(self):
        from ioc.dashboard.panels import device_count_reader
        from ioc.registry import Panel, registry
        from production.digital_readiness import DIGITAL_READINESS
        from production.submissions import MONTHLY_PRODUCTION

        registry.register_domain(DOMAIN)
        for kind in (MONTHLY_PRODUCTION, DIGITAL_READINESS):
            registry.register_submission_kind(kind.key, kind)
        from production.report_sections import SECTION

        registry.register_report_section(SECTION.key, SECTION)
        registry.register_panel(
            Panel(
                key="production.devices",
                title=_("Meters and machines"),
                domain="production",
                read=device_count_reader(DOMAIN.device_kinds),
                order=50,
            )
        )
