from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ioc.registry import Domain

DOMAIN = Domain(
    label="traffic",
    title=_("Traffic"),
    url_name="traffic:home",
    urls="traffic.urls",
    order=30,
    device_kinds=("gate", "traffic_counter"),
)


class TrafficConfig(AppConfig):
    """Gates with plate readers, road counters and parking."""

    name = "traffic"
    verbose_name = _("Traffic")

    def ready(self):
        from django.db.models.signals import post_save

        from ioc.registry import Panel, registry
        from ioc.telemetry import health
        from ioc.telemetry.models import DeviceEvent
        from traffic import counts, demo, panels
        from traffic.api.views import ROUTES
        from traffic.events import KINDS

        registry.register_domain(DOMAIN)
        for kind in KINDS:
            registry.register_device_event_kind(kind)
        for key, title, read, order in (
            ("traffic.inside", _("Vehicles inside the park"), panels.inside_reading, 30),
            ("traffic.congestion", _("Congestion now"), panels.congestion_reading, 31),
        ):
            registry.register_panel(Panel(key=key, title=title, domain="traffic", read=read, order=order))
        registry.register_map_overlay("traffic.counters", panels.counter_marks)
        registry.register_demo_loader("traffic", demo.load_demo_traffic)
        for prefix, viewset, basename in ROUTES:
            registry.register_api_route(prefix, viewset, basename)
        health.readings_stored.connect(counts.readings_stored, dispatch_uid="traffic.readings")
        post_save.connect(counts.event_saved, sender=DeviceEvent, dispatch_uid="traffic.vehicle_count")
