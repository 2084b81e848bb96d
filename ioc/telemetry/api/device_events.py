"""GET /api/v1/device-events/: what devices said happened, newest first; an enterprise user sees its
own devices' events. (`/api/v1/events/` is the devices' POST route, so the list lives here.)

Each type's app decides what a reader sees of an event's details (`EventKind.present`): traffic masks
plates for operators. The image itself is behind /api/v1/images/<id>/content/, where every view is logged.
"""

from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ioc.api.instants import InstantFilter
from ioc.api.viewsets import ParkReadOnlyViewSet
from ioc.park.models import Zone
from ioc.registry import registry
from ioc.telemetry.events import present_details
from ioc.telemetry.models import DeviceEvent, Source


class DeviceEventSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="kind")
    type_title = serializers.SerializerMethodField()
    serial = serializers.CharField(source="device.serial")
    device_name = serializers.CharField(source="device.name")
    zone = serializers.IntegerField(source="device.zone_id", allow_null=True)
    details = serializers.SerializerMethodField()
    image_url = serializers.SerializerMethodField()

    class Meta:
        model = DeviceEvent
        fields = ["id", "device", "serial", "device_name", "zone", "type", "type_title", "event_id", "at",
                  "received_at", "source", "details", "image", "image_url"]  # fmt: skip

    def get_type_title(self, event) -> str:
        kind = registry.device_event_kinds.get(event.kind)
        return str(kind.title) if kind else event.kind

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_details(self, event) -> dict:
        return present_details(event, self.context.get("request"))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_image_url(self, event) -> str | None:
        if event.image_id is None:
            return None
        path = reverse("image-content", kwargs={"pk": event.image_id})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class DeviceEventFilter(filters.FilterSet):
    type = filters.CharFilter(field_name="kind", help_text="An event type: intrusion, plate_read…")
    serial = filters.CharFilter(field_name="device__serial")
    zone = filters.ModelChoiceFilter(field_name="device__zone", queryset=Zone.objects.all())
    source = filters.ChoiceFilter(choices=Source.choices)
    at_from = InstantFilter(field_name="at", lookup_expr="gte")
    at_to = InstantFilter(field_name="at", lookup_expr="lt")
    has_image = filters.BooleanFilter(field_name="image", lookup_expr="isnull", exclude=True)

    class Meta:
        model = DeviceEvent
        fields = ["device", "type", "serial", "zone", "source", "at_from", "at_to", "has_image"]


class DeviceEventViewSet(ParkReadOnlyViewSet):
    """Device events (intrusions, counts, plate reads…), filterable by type, device, zone and time."""

    queryset = DeviceEvent.objects.select_related("device")
    serializer_class = DeviceEventSerializer
    filterset_class = DeviceEventFilter
    enterprise_field = "device__enterprise"
    ordering_fields = ["at", "received_at"]
    search_fields = ["device__serial", "device__name", "event_id"]
