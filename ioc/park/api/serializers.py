from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from ioc.api.serializers import CleanModelSerializer
from ioc.park.models import Channel, Contact, Device, Enterprise, Lot, ShiftSchedule, Zone
from ioc.telemetry.models import LatestValue

MAX_INTERVAL_S = 7 * 24 * 3600


class ContactSerializer(CleanModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "enterprise", "name", "position", "phone", "email"]


class ShiftSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShiftSchedule
        fields = ["name", "start", "end", "days", "headcount"]


class EnterpriseSerializer(CountryFieldMixin, CleanModelSerializer):
    name = serializers.CharField(read_only=True)
    sector_name = serializers.CharField(read_only=True)
    lots = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    shifts = ShiftSerializer(many=True, read_only=True)  # edited in the admin

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "tax_code",
            "name",
            "name_vi",
            "name_en",
            "investment_type",
            "investor_country",
            "sector",
            "sector_name",
            "land_area_ha",
            "registered_capital_usd",
            "started_operation",
            "status",
            "is_sample",
            "lots",
            "shifts",
            "created_at",
            "updated_at",
        ]


class ZoneSerializer(CleanModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Zone
        fields = ["id", "code", "name", "name_vi", "name_en", "kind", "boundary", "area_ha"]


class LotSerializer(CleanModelSerializer):
    class Meta:
        model = Lot
        fields = ["id", "code", "zone", "enterprise", "boundary", "area_ha"]


class ChannelSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(max_length=16, allow_blank=True, required=False, default="")

    class Meta:
        model = Channel
        fields = ["metric", "source_name", "unit", "range_min", "range_max"]

    def validate(self, attrs):
        try:
            Channel(**attrs).clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from None
        return attrs


class DeviceSerializer(CleanModelSerializer):
    channels = ChannelSerializer(many=True, required=False)
    online = serializers.SerializerMethodField(
        help_text=_("Heard from within its expected interval; null: never.")
    )
    last_seen = serializers.SerializerMethodField()
    expected_interval_s = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INTERVAL_S,
        required=False,
        help_text=_("Expected seconds between two reports."),
    )

    class Meta:
        model = Device
        fields = [
            "id",
            "serial",
            "name",
            "kind",
            "enterprise",
            "zone",
            "location",
            "expected_interval_s",
            "status",
            "channels",
            "token_hint",
            "token_issued_at",
            "online",
            "last_seen",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["token_hint", "token_issued_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["expected_interval_s"] = int(instance.expected_interval.total_seconds())
        return data

    @staticmethod
    def _health(device):
        return getattr(device, "health", None) if hasattr(device, "health") else None

    def get_online(self, device) -> bool | None:
        health = self._health(device)
        return health.online if health else None

    def get_last_seen(self, device) -> str | None:
        health = self._health(device)
        return health.last_seen.isoformat() if health and health.last_seen else None

    def validate_channels(self, channels):
        names = [c["source_name"] for c in channels]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise serializers.ValidationError(
                _("Each channel needs its own name on the device; repeated: %(names)s.")
                % {"names": ", ".join(duplicates)}
            )
        return channels

    def validate(self, attrs):
        seconds = attrs.pop("expected_interval_s", None)
        attrs = super().validate(attrs)
        if seconds is not None:
            attrs["expected_interval"] = timedelta(seconds=seconds)
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        channels = validated_data.pop("channels", [])
        device = super().create(validated_data)
        Channel.objects.bulk_create(Channel(device=device, **c) for c in channels)
        return device

    @transaction.atomic
    def update(self, instance, validated_data):
        channels = validated_data.pop("channels", None)
        device = super().update(instance, validated_data)
        if channels is not None:
            _replace_channels(device, channels)
        return device


def _replace_channels(device: Device, channels: list[dict]) -> None:
    """Make the device's channels those listed, matched by their name on the device.

    A kept channel keeps its id, so its history stays attached; a channel that already holds
    readings cannot be dropped (its data would lose its meaning), only changed.
    """
    current = {c.source_name: c for c in device.channels.all()}
    wanted = {c["source_name"]: c for c in channels}
    dropped = [c for name, c in current.items() if name not in wanted]
    with_data = [c.source_name for c in dropped if LatestValue.objects.filter(channel=c).exists()]
    if with_data:
        raise serializers.ValidationError(
            {
                "channels": _("These channels hold readings and cannot be removed: %(names)s.")
                % {"names": ", ".join(sorted(with_data))}
            }
        )
    Channel.objects.filter(pk__in=[c.pk for c in dropped]).delete()
    for name, values in wanted.items():
        Channel.objects.update_or_create(device=device, source_name=name, defaults=values)
