"""Telemetry pages: one device's health, values and refusals; the ingest overview for park staff."""

from datetime import timedelta

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.db.models import Count, Sum
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from ioc.api.tenancy import scope_to_user
from ioc.park.choices import Role
from ioc.park.models import Device
from ioc.telemetry import health
from ioc.telemetry.models import AuthFailure, DeviceHealth, LatestValue, Rejection
from ioc.telemetry.storage.portable import bucket_day

RECENT_REJECTIONS = 50
PARK_STAFF = {Role.ADMIN, Role.PARK_MANAGER, Role.OPERATOR}


class DeviceTelemetryView(LoginRequiredMixin, DetailView):
    model = Device
    template_name = "telemetry/device.html"
    context_object_name = "device"

    def get_queryset(self):
        queryset = Device.objects.select_related("enterprise", "zone").prefetch_related("channels")
        return scope_to_user(queryset, self.request.user, "enterprise")

    def get_context_data(self, **kwargs):
        device, now = self.object, timezone.now()
        channels = list(device.channels.all())
        latest = {v.channel_id: v for v in LatestValue.objects.filter(channel__in=channels)}
        state = DeviceHealth.objects.filter(device=device).first()
        return super().get_context_data(
            rows=[(c, latest.get(c.pk)) for c in channels],
            state=state,
            completeness=health.completeness(
                [c.pk for c in channels], device.expected_interval, bucket_day(now), now
            ),
            rejections=Rejection.objects.filter(device=device)[:RECENT_REJECTIONS],
            **kwargs,
        )


class IngestOverviewView(LoginRequiredMixin, UserPassesTestMixin, TemplateView):
    """For park staff: who is online, what was refused, who failed to authenticate."""

    template_name = "telemetry/overview.html"

    def test_func(self):
        return self.request.user.effective_role in PARK_STAFF

    def get_context_data(self, **kwargs):
        since = timezone.localdate() - timedelta(days=6)
        return super().get_context_data(
            online=DeviceHealth.objects.filter(online=True).count(),
            heard=DeviceHealth.objects.count(),
            devices=Device.objects.count(),
            failures=AuthFailure.objects.filter(day__gte=since)
            .values("day", "source")
            .annotate(total=Sum("count"))
            .order_by("-day", "source"),
            top_identities=AuthFailure.objects.filter(day__gte=since)
            .values("source", "identity")
            .annotate(total=Sum("count"))
            .order_by("-total")[:10],
            reasons=Rejection.objects.filter(received_at__date__gte=since)
            .values("reason")
            .annotate(n=Count("id"))
            .order_by("-n"),
            recent=Rejection.objects.select_related("device")[:RECENT_REJECTIONS],
            **kwargs,
        )
