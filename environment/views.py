"""Pages of the environment app."""

from datetime import timedelta

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from environment.models import Station
from environment.selectors import transmission_health, transmitting
from environment.transmission import config
from ioc.api.tenancy import scope_to_user


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
