"""Pages of the environment app."""

from datetime import timedelta

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from environment import charts, pages, panels
from environment.compliance import Rate
from environment.models import ComplianceRecord, Station
from environment.selectors import transmission_health, transmitting
from environment.transmission import config
from ioc.api.tenancy import scope_to_user
from ioc.dashboard.views import DomainPageView

EXCEEDANCES_SHOWN = 30


class EnvironmentPageView(DomainPageView):
    """Stations on the map by AQI or verdict, the outfall against its limits, exceedances, data to the
    Department, the wastewater connection register, waste and symbiosis, green space."""

    template_name = "environment/home.html"
    domain_label = "environment"

    def get_context_data(self, **kwargs):
        request = self.request
        stations = list(panels.visible_stations(request.user).order_by("kind", "code"))
        marks = panels.station_marks(request)
        month_start = timezone.localdate().replace(day=1)
        rates = {
            row["station"]: Rate(row["compliant"], row["judged"])
            for row in ComplianceRecord.objects.filter(station__in=stations, period_end__date__gte=month_start)
            .values("station")
            .annotate(judged=Count("id"), compliant=Count("id", filter=Q(compliant=True)))
        }  # fmt: skip
        rows = [{"station": s, "mark": marks.get(s.device_id), "rate": rates.get(s.pk)} for s in stations]
        featured = next((s for s in stations if s.role == "plant_outfall"), None) or next(
            (s for s in stations if s.role == "discharge_point"), None
        )
        cfg = config()
        return super().get_context_data(
            stations=rows,
            map_stations=[_map_point(row) for row in rows if row["station"].device.location],
            featured=featured,
            featured_charts=charts.limit_charts(featured) if featured else [],
            exceedances=ComplianceRecord.objects.filter(station__in=stations, compliant=False)
            .select_related("station")
            .order_by("-period_end")[:EXCEEDANCES_SHOWN],
            transmission_rows=transmission_health(
                transmitting(Station.objects.filter(pk__in=[s.pk for s in stations])),
                now=timezone.now(),
                period=cfg.period,
                delay=cfg.delay,
            ),  # fmt: skip
            **pages.circularity_context(request),
            **kwargs,
        )


def _map_point(row) -> dict:
    station, mark = row["station"], row["mark"]
    lon, lat = station.device.location["coordinates"]
    return {"code": station.code, "name": station.name_vi, "kind": station.kind, "lat": lat, "lon": lon,
            "color": mark.color if mark else "#8a94a0", "label": str(mark.label) if mark else ""}  # fmt: skip


class TransmissionHealthView(LoginRequiredMixin, TemplateView):
    """Per station: last period sent, backlog, on time / late / failing, last error."""

    template_name = "environment/transmission.html"

    def get_context_data(self, **kwargs):
        cfg = config()
        stations = transmitting(scope_to_user(Station.objects.all(), self.request.user, "device__enterprise"))
        return super().get_context_data(
            rows=transmission_health(stations, now=timezone.now(), period=cfg.period, delay=cfg.delay),
            cfg=cfg,
            target_set=bool(cfg.url),
            delay_minutes=round(cfg.delay / timedelta(minutes=1), 1),
            **kwargs,
        )
