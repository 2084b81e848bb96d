from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """What enterprises report (monthly production, labour, energy, waste…): kinds come from the apps."""

    name = "ioc.submissions"
    label = "submissions"
    verbose_name = _("Enterprise submissions")
