"""Reading data back: a device's series, its latest values, and the latest values of many devices."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ioc.api.viewsets import ParkViewSetMixin
from ioc.park.models import Device
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.models import LatestValue
from ioc.telemetry.series import INTERVALS, MAX_POINTS, local_time, read_auto, read_series

MAX_RANGE = timedelta(days=3660)


class SeriesQuery(serializers.Serializer):
    metric = serializers.CharField(help_text=_("A metric key of one of the device's channels."))
    channel = serializers.IntegerField(
        required=False, help_text=_("A channel id, when two report one metric.")
    )
    to = serializers.DateTimeField(required=False)
    interval = serializers.ChoiceField(choices=INTERVALS, required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateTimeField(required=False)  # a Python keyword, so declared here
        return fields

    def validate(self, attrs):
        end = attrs.get("to") or timezone.now()
        start = attrs.get("from") or end - timedelta(hours=24)
        if start >= end:
            raise serializers.ValidationError({"from": _("“from” must come before “to”.")})
        if end - start > MAX_RANGE:
            raise serializers.ValidationError({"from": _("A query may span at most ten years.")})
        return {**attrs, "from": start, "to": end}


def latest_values(channel_ids) -> dict[int, dict]:
    rows = LatestValue.objects.filter(channel_id__in=channel_ids).values_list(
        "channel_id", "ts", "value", "quality"
    )
    return {c: {"time": local_time(ts), "value": v, "quality": q} for c, ts, v, q in rows}


class DeviceTelemetryViewSet(ParkViewSetMixin, viewsets.GenericViewSet):
    """Telemetry of one device; enterprise users reach only their own devices."""

    queryset = Device.objects.prefetch_related("channels")

    @extend_schema(
        parameters=[
            OpenApiParameter("metric", str, required=True),
            OpenApiParameter("channel", int),
            OpenApiParameter("from", OpenApiTypes.DATETIME),
            OpenApiParameter("to", OpenApiTypes.DATETIME),
            OpenApiParameter("interval", str, enum=list(INTERVALS)),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["get"])
    def telemetry(self, request, pk=None):
        device = self.get_object()
        query = SeriesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        channels = [c for c in device.channels.all() if c.metric == params["metric"]]
        if "channel" in params:
            channels = [c for c in channels if c.pk == params["channel"]]
        if not channels:
            raise serializers.ValidationError({"metric": _("This device has no channel for that metric.")})
        channel = channels[0]
        if params.get("interval"):
            series = read_series(channel.pk, params["from"], params["to"], params["interval"])
        else:
            expected = device.expected_interval.total_seconds()
            series = read_auto(channel.pk, params["from"], params["to"], expected)
        unit = METRICS[channel.metric].unit if channel.metric in METRICS else channel.unit
        return Response({
            "device": device.pk, "serial": device.serial, "channel": channel.pk, "metric": channel.metric,
            "unit": unit, "interval": series.interval,
            "from": local_time(params["from"]), "to": local_time(params["to"]),
            "max_points": MAX_POINTS, "truncated": series.truncated, "points": series.points,
        })  # fmt: skip

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def latest(self, request, pk=None):
        device = self.get_object()
        return Response(latest_by_device([(device.pk, device.serial)])[0])


class LatestTelemetryViewSet(ParkViewSetMixin, viewsets.GenericViewSet):
    """Latest values of many devices in one call: `?device=1,2,3` or `?zone=<id>`.

    The map asks for thousands of channels at once, so this reads plain rows (no model objects):
    one query for the page of devices, one for all their latest values.
    """

    queryset = Device.objects.order_by("pk")

    @extend_schema(
        parameters=[
            OpenApiParameter("device", str, description="ids, comma-separated"),
            OpenApiParameter("zone", int),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def list(self, request):
        devices = self.get_queryset()
        wanted = request.query_params.get("device")
        if wanted:
            try:
                ids = [int(part) for part in wanted.split(",") if part.strip()]
            except ValueError:
                raise serializers.ValidationError(
                    {"device": _("List device ids separated by commas.")}
                ) from None
            devices = devices.filter(pk__in=ids)
        zone = request.query_params.get("zone")
        if zone:
            if not zone.isdigit():
                raise serializers.ValidationError({"zone": _("A zone is given by its id.")})
            devices = devices.filter(zone_id=int(zone))
        page = self.paginate_queryset(devices.values_list("pk", "serial"))
        return self.get_paginated_response(latest_by_device(page))


def latest_by_device(devices: list[tuple[int, str]]) -> list[dict]:
    rows = LatestValue.objects.filter(channel__device_id__in=[pk for pk, _serial in devices]).values_list(
        "channel__device_id",
        "channel__source_name",
        "channel__metric",
        "channel__unit",
        "ts",
        "value",
        "quality",
    )
    values: dict[int, dict] = {pk: {} for pk, _serial in devices}
    for device_id, name, metric, unit, ts, value, quality in rows:
        canonical = METRICS[metric].unit if metric in METRICS else unit
        values[device_id][name] = {
            "metric": metric, "unit": canonical, "time": local_time(ts), "value": value,
            "quality": quality,
        }  # fmt: skip
    return [{"device": pk, "serial": serial, "values": values[pk]} for pk, serial in devices]
