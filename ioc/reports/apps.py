from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The report builder and archive; the core's own sections (incidents, submissions) are registered here,
    the domain apps register theirs from their own AppConfig."""

    name = "ioc.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from ioc.registry import registry
        from ioc.reports import incidents, submission_status
        from ioc.reports.api import ReportViewSet

        for section in (incidents.SECTION, submission_status.SECTION):
            registry.register_report_section(section.key, section)
        registry.register_api_route("reports", ReportViewSet, "report")
