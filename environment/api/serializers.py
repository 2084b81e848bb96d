from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from environment.models import (
    GreenArea,
    HazardousWasteCode,
    SymbiosisLink,
    WasteHandler,
    WasteRecord,
    WastewaterConnection,
    WastewaterVolume,
)
from ioc.api.serializers import CleanModelSerializer


class EnterpriseStampedSerializer(CleanModelSerializer):
    """An enterprise user's rows are its own: the enterprise comes from the user, before clean() runs."""

    def validate(self, attrs):
        user = self.context["request"].user
        if getattr(user, "is_enterprise_user", False):
            attrs["enterprise"] = user.enterprise
        elif not attrs.get("enterprise") and self.instance is None:
            raise serializers.ValidationError({"enterprise": _("Name the enterprise.")})
        return super().validate(attrs)


class WastewaterConnectionSerializer(CleanModelSerializer):
    class Meta:
        model = WastewaterConnection
        fields = [
            "id", "enterprise", "status", "connected_on", "connection_point", "agreed_volume_m3_day",
            "permit_number", "permit_issued_on", "permit_expires_on", "note", "updated_at",
        ]  # fmt: skip


class WastewaterVolumeSerializer(EnterpriseStampedSerializer):
    class Meta:
        model = WastewaterVolume
        fields = ["id", "enterprise", "month", "volume_m3", "source", "recorded_at"]
        extra_kwargs = {"enterprise": {"required": False}}
        validators = []  # one volume per month is checked in clean(), after the enterprise is stamped


class HazardousWasteCodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = HazardousWasteCode
        fields = ["id", "code", "name_vi", "name_en", "source", "confidence"]


class WasteHandlerSerializer(CleanModelSerializer):
    class Meta:
        model = WasteHandler
        fields = [
            "id", "name", "licence_number", "licence_issuer", "licence_issued_on", "licence_expires_on",
            "accepted_codes",
        ]  # fmt: skip


class WasteRecordSerializer(EnterpriseStampedSerializer):
    handled_by_licensed = serializers.BooleanField(read_only=True)

    class Meta:
        model = WasteRecord
        fields = [
            "id", "enterprise", "period_start", "period_end", "category", "waste_code", "generated_t", "reused_t",
            "recycled_t", "treated_t", "landfilled_t", "handler", "handled_by_licensed", "recorded_at",
        ]  # fmt: skip
        extra_kwargs = {"enterprise": {"required": False}}


class SymbiosisLinkSerializer(EnterpriseStampedSerializer):
    class Meta:
        model = SymbiosisLink
        fields = [
            "id", "enterprise", "receiver", "external_partner", "link_type", "what", "tonnes_per_year",
            "started_on", "ended_on",
        ]  # fmt: skip
        extra_kwargs = {"enterprise": {"required": False}}


class GreenAreaSerializer(CleanModelSerializer):
    class Meta:
        model = GreenArea
        fields = ["id", "zone", "surveyed_on", "green_area_m2", "trees_planted", "note"]


class OnDay(serializers.Serializer):
    on = serializers.DateField(required=False)


class Year(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
