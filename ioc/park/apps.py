from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkConfig(AppConfig):
    """The park registry: enterprises, zones and lots, devices and their channels, people."""

    name = "ioc.park"
    label = "park"
    verbose_name = _("Park registry")
