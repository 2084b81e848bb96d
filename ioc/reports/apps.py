from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The report builder; domain apps register report sections (the reports issue fills this in)."""

    name = "ioc.reports"
    label = "reports"
    verbose_name = _("Reports")
