from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from ioc.registry import registry


class ReportIndexView(LoginRequiredMixin, TemplateView):
    """Reports the apps offer; the report builder (its own issue) fills this page."""

    template_name = "reports/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=list(registry.report_sections.values()), **kwargs)
