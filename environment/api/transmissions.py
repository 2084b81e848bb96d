"""The ledger of files sent to the Department over the API: read-only, paginated, filterable."""

from django_filters import rest_framework as filters
from rest_framework import serializers

from environment.models import Transmission
from ioc.api.instants import InstantFilter
from ioc.api.viewsets import ParkReadOnlyViewSet


class TransmissionSerializer(serializers.ModelSerializer):
    station_code = serializers.CharField(source="station.code", read_only=True)

    class Meta:
        model = Transmission
        fields = [
            "id", "station", "station_code", "period_start", "period_end", "file_name", "state", "attempts",
            "next_attempt_at", "sent_at", "last_error", "body",
        ]  # fmt: skip


class TransmissionFilter(filters.FilterSet):
    station_code = filters.CharFilter(field_name="station__code")
    period_end_after = InstantFilter(field_name="period_end", lookup_expr="gte")
    period_end_before = InstantFilter(field_name="period_end", lookup_expr="lt")

    class Meta:
        model = Transmission
        fields = ["station", "state"]


class TransmissionViewSet(ParkReadOnlyViewSet):
    """Files made for the Department, newest first; an enterprise sees its own stations' files."""

    queryset = Transmission.objects.select_related("station")
    serializer_class = TransmissionSerializer
    filterset_class = TransmissionFilter
    enterprise_field = "station__device__enterprise"
    ordering_fields = ["period_start", "period_end", "sent_at"]
    search_fields = ["file_name"]
