from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The live operations page and its websocket."""

    name = "ioc.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from django.urls import path

        from ioc.dashboard import live
        from ioc.dashboard.consumers import DashboardConsumer
        from ioc.dashboard.panels import register_park_panels
        from ioc.registry import registry

        live.connect()
        register_park_panels(registry)
        registry.register_websocket_route(path("ws/dashboard/", DashboardConsumer.as_asgi()))
