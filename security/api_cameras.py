"""The camera registry over the API: where each camera looks, how to reach it, how it is doing."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from ioc.api.serializers import CleanModelSerializer
from ioc.api.viewsets import ParkModelViewSet
from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from security.api_access import SecurityReaders
from security.models import RANGE_MESSAGES, Camera

# Image content is served (and each view logged, Decree 13/2023/NĐ-CP) by the core's evidence API.
IMAGE_CONTENT = "/api/v1/images/{id}/content"
HEALTH = ["online", "last_frame_at", "frame_rate", "failures_in_row", "last_error"]


def image_url(image_id: int | None) -> str | None:
    return IMAGE_CONTENT.format(id=image_id) if image_id else None


def camera_status(camera: Camera, now=None) -> str:
    """ "online", "offline", or "silent": marked online but not heard from within the margin."""
    if not camera.online:
        return "offline"
    return "silent" if camera.is_offline(now) else "online"


class SnapshotField(serializers.Serializer):
    id = serializers.IntegerField()
    taken_at = serializers.DateTimeField()
    url = serializers.CharField()


class CameraSerializer(CleanModelSerializer):
    device = serializers.PrimaryKeyRelatedField(
        queryset=Device.objects.filter(kind=DeviceKind.CAMERA),
        validators=[UniqueValidator(Camera.objects.all(), message=_("This device already has its camera."))],
    )
    serial = serializers.CharField(source="device.serial", read_only=True)
    name = serializers.CharField(source="device.name", read_only=True)
    enterprise = serializers.IntegerField(source="device.enterprise_id", read_only=True, allow_null=True)
    zone = serializers.IntegerField(source="device.zone_id", read_only=True, allow_null=True)
    zone_name = serializers.SerializerMethodField()
    location = serializers.JSONField(source="device.location", read_only=True)
    password = serializers.CharField(
        write_only=True, required=False, allow_blank=True, allow_null=True, max_length=200,
        style={"input_type": "password"},
        help_text=_("Never shown back. Leave it out or blank to keep the stored one; null removes it."),
    )  # fmt: skip
    has_password = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    latest_snapshot = serializers.SerializerMethodField()

    class Meta:
        model = Camera
        fields = [
            "id", "device", "serial", "name", "enterprise", "zone", "zone_name", "location", "purpose", "bearing",
            "field_of_view", "stream_url", "snapshot_url", "username", "password", "has_password", "vendor",
            "model_name", "firmware", "onvif_url", "onvif_profile", "has_own_analytics", "analysis_enabled",
            "grab_interval", "regions", "counting_line", "restricted_from", "restricted_until", "sensitivity",
            "detect_people", *HEALTH, "status", "latest_snapshot",
        ]  # fmt: skip
        read_only_fields = HEALTH
        extra_kwargs = {
            name: {"error_messages": {"min_value": message, "max_value": message}}
            for name, message in RANGE_MESSAGES.items()
        }

    def get_zone_name(self, camera) -> str | None:
        return camera.device.zone.name if camera.device.zone else None

    def get_has_password(self, camera) -> bool:
        return bool(camera.password)

    def get_status(self, camera) -> str:
        return camera_status(camera, self.context.get("now"))

    @extend_schema_field(SnapshotField(allow_null=True))
    def get_latest_snapshot(self, camera) -> dict | None:
        image = camera.latest_snapshot
        if image is None:
            return None
        taken_at = serializers.DateTimeField().to_representation(image.taken_at)
        return {"id": image.pk, "taken_at": taken_at, "url": image_url(image.pk)}

    def validate_device(self, device):
        if self.instance is not None and device != self.instance.device:
            raise serializers.ValidationError(
                _("A camera stays on its device; register the new device's camera.")
            )
        return device

    def validate(self, attrs):
        if attrs.get("password") == "":
            del attrs["password"]  # blank keeps the stored password
        return super().validate(attrs)


class CameraFilter(filters.FilterSet):
    zone = filters.NumberFilter(field_name="device__zone")
    enterprise = filters.NumberFilter(field_name="device__enterprise")

    class Meta:
        model = Camera
        fields = ["purpose", "online", "analysis_enabled", "has_own_analytics"]


class CameraViewSet(ParkModelViewSet):
    """Cameras: park managers register and tune them, operators read them, an enterprise user reads
    the cameras on its own devices. Passwords are written, never read."""

    queryset = Camera.objects.select_related("device__zone", "latest_snapshot")
    serializer_class = CameraSerializer
    filterset_class = CameraFilter
    permission_classes = [SecurityReaders]
    search_fields = ["device__serial", "device__name", "vendor", "model_name"]
    ordering_fields = ["device__serial", "last_frame_at", "purpose"]
    enterprise_field = "device__enterprise"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    def perform_create(self, serializer):
        serializer.save()  # the enterprise comes with the device

    perform_update = perform_create
