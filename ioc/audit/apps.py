from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who wrote what through the API, when, from which address: the park's log of every write."""

    name = "ioc.audit"
    label = "audit"
    verbose_name = _("Audit log")
