from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ioc.alerts.choices import AlarmState
from ioc.alerts.models import Alarm
from ioc.api.tenancy import scope_to_user
from ioc.park.models import Device
from ioc.registry import registry


def read_panels(request, domain: str | None = None) -> list[dict]:
    """The registered tiles (of one domain, or all) with what each reads now."""
    panels = [p for p in registry.ordered_panels() if domain is None or p.domain == domain]
    return [{"panel": p, "reading": p.read(request)} for p in panels]


class HomeView(LoginRequiredMixin, TemplateView):
    """The operations center's front page: every app's tiles."""

    template_name = "dashboard/home.html"

    def get_context_data(self, **kwargs):
        labels = {
            "acknowledge": _("Acknowledge"), "assign_to_me": _("Assign to me"), "acknowledged": _("acknowledged"),
            "active": _("active"), "times": _("times"), "online": _("online"), "offline": _("offline"),
            "no_data": _("No data yet"), "latest": _("Latest values"),
        }  # fmt: skip
        return super().get_context_data(
            tiles=read_panels(self.request),
            labels={k: str(v) for k, v in labels.items()},
            **kwargs,
        )


class MapOverlaysView(LoginRequiredMixin, View):
    """{device id: {color, label}} from every app's overlay, for the map's fills (refreshed with the tiles)."""

    def get(self, request):
        marks = {}
        for _key, read in sorted(registry.map_overlays.items()):
            for device_id, mark in read(request).items():
                marks[str(device_id)] = {"color": mark.color, "label": str(mark.label)}
        return JsonResponse(marks)


class TilesView(LoginRequiredMixin, TemplateView):
    """The tiles alone, for the live page to refresh when data arrives."""

    template_name = "dashboard/_tiles.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tiles=read_panels(self.request), **kwargs)


class DomainPageView(LoginRequiredMixin, TemplateView):
    """A domain's page: its tiles and the devices of the kinds it watches."""

    template_name = "dashboard/domain.html"
    domain_label = ""

    def get_context_data(self, **kwargs):
        domain = registry.domain(self.domain_label)
        devices = scope_to_user(
            Device.objects.filter(kind__in=domain.device_kinds).select_related("enterprise", "zone"),
            self.request.user,
            "enterprise",
        )
        alarms = scope_to_user(
            Alarm.objects.filter(rule__domain=domain.alarm_domain or domain.label)
            .exclude(state=AlarmState.CLEARED)
            .select_related("rule"),
            self.request.user,
            "device__enterprise",
        )[:50]
        return super().get_context_data(
            domain=domain,
            tiles=read_panels(self.request, domain.label),
            devices=devices,
            alarms=alarms,
            **kwargs,
        )
