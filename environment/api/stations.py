"""Monitoring stations, the standards they are held to, their AQI and their compliance."""

from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from environment import reports
from environment.api.queries import AqiQuery, ComplianceQuery
from environment.models import ComplianceRecord, Standard, StandardLimit, Station
from ioc.api.instants import InstantFilter
from ioc.api.serializers import CleanModelSerializer
from ioc.api.viewsets import ParkModelViewSet, ParkReadOnlyViewSet
from ioc.telemetry.series import local_time


class StandardLimitSerializer(serializers.ModelSerializer):
    class Meta:
        model = StandardLimit
        fields = ["column", "parameter", "name", "unit", "averaging", "lower", "upper", "scaled", "valid_from",
                  "valid_until"]  # fmt: skip


class StandardSerializer(serializers.ModelSerializer):
    limits = StandardLimitSerializer(many=True, read_only=True)
    superseded_by = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Standard
        fields = ["code", "title_vi", "title_en", "medium", "issued_by", "in_force_from", "superseded_by",
                  "scaling", "reference_o2", "source", "limits"]  # fmt: skip


class StationSerializer(CleanModelSerializer):
    standard = serializers.SlugRelatedField(slug_field="code", queryset=Standard.objects.all())
    enterprise = serializers.IntegerField(source="device.enterprise_id", read_only=True)
    device_serial = serializers.CharField(source="device.serial", read_only=True)
    location = serializers.JSONField(source="device.location", read_only=True)
    limits = serializers.SerializerMethodField()

    class Meta:
        model = Station
        fields = ["id", "code", "name_vi", "name_en", "kind", "role", "device", "device_serial", "enterprise",
                  "location", "standard", "column", "kq", "kf", "kp", "kv", "coefficient_basis",
                  "facility_code", "transmits", "limits"]  # fmt: skip

    def get_limits(self, station) -> list[dict]:
        """The station's effective limits today (C_max), each with its derivation."""
        return [
            {
                "parameter": row.parameter,
                "name": row.name,
                "unit": row.unit,
                "averaging": row.averaging,
                "lower": limit.lower,
                "c_max": limit.value,
                "derivation": limit.derivation,
            }  # fmt: skip
            for row, limit in station.effective_limits(timezone.localdate())
        ]


class StationFilter(filters.FilterSet):
    standard = filters.CharFilter(field_name="standard__code")

    class Meta:
        model = Station
        fields = ["kind", "role", "transmits", "device"]


class StationViewSet(ParkModelViewSet):
    """Automatic monitoring stations. Enterprise users see their own discharge points and stacks."""

    queryset = Station.objects.select_related("device", "standard").prefetch_related("standard__limits")
    serializer_class = StationSerializer
    filterset_class = StationFilter
    search_fields = ["code", "name_vi", "name_en"]
    ordering_fields = ["code", "kind"]
    enterprise_field = "device__enterprise"
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]+"

    def perform_create(self, serializer):
        serializer.save()  # the enterprise comes with the device

    perform_update = perform_create

    @extend_schema(parameters=[OpenApiParameter("date"), OpenApiParameter("period"), OpenApiParameter("from"),
                               OpenApiParameter("to")], responses=OpenApiTypes.OBJECT)  # fmt: skip
    @action(detail=True, methods=["get"])
    def aqi(self, request, code=None):
        """VN_AQI: the local day's 24 hourly values (`?date=`), or daily values (`?period=daily&from=&to=`)."""
        station = self.get_object()
        query = AqiQuery(data=request.query_params, context={"station": station})
        query.is_valid(raise_exception=True)
        return Response(reports.aqi_report(station, query.validated_data))

    @extend_schema(
        parameters=[OpenApiParameter("period"), OpenApiParameter("from"), OpenApiParameter("to")],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"])
    def compliance(self, request, code=None):
        """Compliance rate per parameter and averaging period, per day or per month (`?period=month`)."""
        station = self.get_object()
        query = ComplianceQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(reports.compliance_report(station, query.validated_data))


class StandardViewSet(ParkReadOnlyViewSet):
    """The regulations as loaded, with their limits and sources (park-wide reference data)."""

    queryset = Standard.objects.prefetch_related("limits").select_related("superseded_by")
    serializer_class = StandardSerializer
    filterset_fields = ["medium", "scaling"]
    search_fields = ["code", "title_vi", "title_en"]
    enterprise_field = None
    lookup_field = "pk"


class ComplianceRecordSerializer(serializers.ModelSerializer):
    station = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period_start = serializers.SerializerMethodField()
    period_end = serializers.SerializerMethodField()

    class Meta:
        model = ComplianceRecord
        fields = ["id", "station", "parameter", "averaging", "period_start", "period_end", "mean", "hours",
                  "lower", "upper", "derivation", "compliant"]  # fmt: skip

    def get_period_start(self, record) -> str:
        return local_time(record.period_start)

    def get_period_end(self, record) -> str:
        return local_time(record.period_end)


class ComplianceRecordFilter(filters.FilterSet):
    station = filters.CharFilter(field_name="station__code")
    kind = filters.CharFilter(field_name="station__kind")
    since = InstantFilter(field_name="period_end", lookup_expr="gte")
    until = InstantFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = ComplianceRecord
        fields = ["parameter", "averaging", "compliant"]


class ComplianceRecordViewSet(ParkReadOnlyViewSet):
    """Every verdict kept: `?compliant=false` is the exceedance log."""

    queryset = ComplianceRecord.objects.select_related("station")
    serializer_class = ComplianceRecordSerializer
    filterset_class = ComplianceRecordFilter
    ordering_fields = ["period_end", "mean"]
    enterprise_field = "station__device__enterprise"


ROUTES = [
    ("environment/stations", StationViewSet, "environment-station"),
    ("environment/standards", StandardViewSet, "environment-standard"),
    ("environment/compliance", ComplianceRecordViewSet, "environment-compliance"),
]
