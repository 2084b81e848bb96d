from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """Images from cameras and plate readers: personal data, kept for a bounded time, every view logged."""

    name = "ioc.evidence"
    label = "evidence"
    verbose_name = _("Images")
