"""Serializers of the traffic API. Plates leave masked unless the caller's role may see them whole."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ioc.api.serializers import CleanModelSerializer
from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from ioc.telemetry.series import local_time
from traffic.models import Gate, PlateRead, RoadCounter, WatchlistEntry
from traffic.privacy import plate_for, sees_full_plates


def image_url(image_id: int | None) -> str | None:
    # The core's image view logs every opening (Decree 13/2023/NĐ-CP).
    return f"/api/v1/images/{image_id}/content" if image_id else None


class MaskedPlateMixin:
    def masked(self, plate: str) -> str:
        return plate_for(self.context["request"].user, plate)


class GateSerializer(CleanModelSerializer):
    name = serializers.CharField(read_only=True)
    device_serial = serializers.CharField(source="device.serial", read_only=True)
    location = serializers.JSONField(source="device.location", read_only=True)
    readers = serializers.PrimaryKeyRelatedField(many=True, queryset=Device.objects.all(), required=False)

    class Meta:
        model = Gate
        fields = ["id", "device", "device_serial", "name", "name_vi", "name_en", "lanes", "inbound", "readers",
                  "location"]  # fmt: skip

    def validate_readers(self, readers):
        wrong = [device.serial for device in readers if device.kind != DeviceKind.CAMERA]
        if wrong:
            raise serializers.ValidationError(
                _("Only cameras read plates for a gate: %(serials)s is not one.")
                % {"serials": ", ".join(wrong)}
            )
        return readers


class PlateReadSerializer(MaskedPlateMixin, serializers.ModelSerializer):
    plate = serializers.SerializerMethodField()
    masked = serializers.SerializerMethodField()
    reader = serializers.CharField(source="reader.serial", read_only=True)
    at = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()
    watchlisted = serializers.SerializerMethodField()

    class Meta:
        model = PlateRead
        fields = ["id", "plate", "masked", "gate", "reader", "direction", "vehicle_class", "heavy", "confidence",
                  "at", "image", "repeats", "first_seen", "anomaly", "watchlisted", "watch_match"]  # fmt: skip

    def get_plate(self, read) -> str:
        return self.masked(read.plate)

    def get_masked(self, read) -> bool:
        return not sees_full_plates(self.context["request"].user)

    def get_at(self, read) -> str:
        return local_time(read.at)

    def get_image(self, read) -> str | None:
        return image_url(read.image_id)

    def get_watchlisted(self, read) -> bool:
        return read.watchlist_entry_id is not None


class WatchlistEntrySerializer(MaskedPlateMixin, CleanModelSerializer):
    added_by = serializers.CharField(
        source="added_by.username", read_only=True, default=None, allow_null=True
    )
    hits = serializers.SerializerMethodField()

    class Meta:
        model = WatchlistEntry
        fields = [
            "id",
            "plate",
            "reason",
            "valid_from",
            "valid_until",
            "active",
            "added_by",
            "created_at",
            "hits",
        ]
        read_only_fields = ["created_at"]

    def get_hits(self, entry) -> int:
        """Reads of the plate while listed (within the reads' retention)."""
        return getattr(entry, "hit_count", 0)

    def to_representation(self, entry):
        data = super().to_representation(entry)
        data["plate"] = self.masked(entry.plate)
        return data


class RoadCounterSerializer(CleanModelSerializer):
    name = serializers.CharField(read_only=True)
    device_serial = serializers.CharField(source="device.serial", read_only=True)
    latest = serializers.SerializerMethodField()

    class Meta:
        model = RoadCounter
        fields = ["id", "device", "device_serial", "name", "name_vi", "name_en", "segment", "capacity_per_hour",
                  "capacity_source", "source", "latest"]  # fmt: skip

    def get_latest(self, counter) -> dict | None:
        """The latest complete 15 minutes (within the last 30) and its congestion."""
        row = self.context.get("latest", {}).get(counter.pk)
        if row is None or row.interval is None:
            return None
        return interval_data(row.interval, row.level)


def interval_data(interval, level) -> dict:
    return {
        "bucket": local_time(interval.bucket), "volume": interval.volume, "volume_in": interval.volume_in,
        "volume_out": interval.volume_out, "volume_undirected": interval.volume_undirected,
        "heavy": interval.heavy, "hourly_rate": level.hourly_rate, "ratio": level.ratio, "band": level.band.key,
        "band_name": str(level.band.name), "color": level.band.color,
    }  # fmt: skip
