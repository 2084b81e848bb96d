from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ioc.registry import Domain

DOMAIN = Domain(
    label="labour",
    title=_("Labour"),
    url_name="labour:home",
    urls="labour.urls",
    order=40,
    device_kinds=(),
    alarm_domain="safety",
)


class LabourConfig(AppConfig):
    """Workforce, wages, overtime and occupational safety from enterprise submissions."""

    name = "labour"
    verbose_name = _("Labour")

    def ready(self):
        from ioc.registry import registry
        from labour.submissions import MONTHLY_LABOUR

        registry.register_domain(DOMAIN)
        registry.register_submission_kind(MONTHLY_LABOUR.key, MONTHLY_LABOUR)
        from labour.report_sections import SECTION

        registry.register_report_section(SECTION.key, SECTION)
