"""Patrols over the API: checkpoints and routes for park managers, scans from guards, rounds for all staff."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from ioc.api.instants import EARLIEST_YEAR, LATEST_YEAR, InstantFilter
from ioc.api.serializers import CleanModelSerializer
from ioc.api.viewsets import ParkModelViewSet, ParkViewSetMixin
from security import patrols_services
from security.api_access import SecurityReaders, StaffOnlyMixin
from security.models import Checkpoint, Guard, PatrolRoute, PatrolScan, RouteStop, ScanMethod

MAX_ROUNDS_SPAN = timedelta(days=7)


class CheckpointSerializer(CleanModelSerializer):
    class Meta:
        model = Checkpoint
        fields = ["id", "code", "nfc_tag", "name", "zone", "location", "active"]


class CheckpointViewSet(StaffOnlyMixin, ParkModelViewSet):
    """Checkpoints guards scan; park managers place them."""

    queryset = Checkpoint.objects.all()
    serializer_class = CheckpointSerializer
    filterset_fields = ["zone", "active"]
    search_fields = ["code", "name", "nfc_tag"]
    ordering_fields = ["code", "name"]


class CheckpointCodesField(serializers.ListField):
    """Codes in, codes out: a route reads back as the codes of its stops, in walking order."""

    def get_attribute(self, route):
        return [stop.checkpoint.code for stop in route.stops.all()]


class PatrolRouteSerializer(CleanModelSerializer):
    checkpoints = CheckpointCodesField(
        child=serializers.CharField(max_length=40), allow_empty=False, max_length=200,
        help_text=_("The checkpoints' codes in the order they are walked."),
    )  # fmt: skip

    class Meta:
        model = PatrolRoute
        fields = [
            "id",
            "name",
            "zone",
            "checkpoints",
            "rounds_from",
            "rounds_until",
            "every",
            "allowed",
            "active",
        ]

    def validate_checkpoints(self, codes: list[str]) -> list[Checkpoint]:
        found = {c.code: c for c in Checkpoint.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise serializers.ValidationError(
                _("No checkpoint has the code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        twice = sorted({code for code in codes if codes.count(code) > 1})
        if twice:
            raise serializers.ValidationError(_("A checkpoint appears once on a route: %(codes)s.")
                                              % {"codes": ", ".join(twice)})  # fmt: skip
        return [found[code] for code in codes]

    @transaction.atomic
    def create(self, validated_data):
        checkpoints = validated_data.pop("checkpoints")
        return _with_stops(super().create(validated_data), checkpoints)

    @transaction.atomic
    def update(self, instance, validated_data):
        checkpoints = validated_data.pop("checkpoints", None)
        route = super().update(instance, validated_data)
        return route if checkpoints is None else _with_stops(route, checkpoints)


def _with_stops(route: PatrolRoute, checkpoints: list[Checkpoint]) -> PatrolRoute:
    route.stops.all().delete()
    RouteStop.objects.bulk_create(
        RouteStop(route=route, checkpoint=c, position=n) for n, c in enumerate(checkpoints, start=1)
    )
    return patrols_services.routes_with_stops().get(pk=route.pk)


class RoundsQuery(serializers.Serializer):
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)

    def validate_since(self, moment):
        return _within_years(moment)

    def validate_until(self, moment):
        return _within_years(moment)

    def validate(self, attrs):
        now = timezone.now()
        since, until = (
            attrs.get("since", now - timedelta(hours=24)),
            attrs.get("until", now + timedelta(hours=12)),
        )
        if until <= since:
            raise serializers.ValidationError({"until": _("Give an end after the start.")})
        if until - since > MAX_ROUNDS_SPAN:
            raise serializers.ValidationError({"until": _("Ask for at most 7 days of rounds at a time.")})
        return {"since": since, "until": until}


def _within_years(moment):
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise serializers.ValidationError(_("Give a time between the years %(low)d and %(high)d.")
                                          % {"low": EARLIEST_YEAR, "high": LATEST_YEAR})  # fmt: skip
    return moment


class VisitSerializer(serializers.Serializer):
    checkpoint = serializers.CharField()
    at = serializers.DateTimeField()
    guard = serializers.CharField()


class RoundSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    status = serializers.CharField()
    visited = VisitSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    completed_at = serializers.DateTimeField(allow_null=True)
    order_kept = serializers.BooleanField(allow_null=True)
    guards = serializers.ListField(child=serializers.CharField())


class PatrolRouteViewSet(StaffOnlyMixin, ParkModelViewSet):
    """Routes of checkpoints and their schedule of rounds; `rounds/` judges them from the scans."""

    queryset = patrols_services.routes_with_stops()
    serializer_class = PatrolRouteSerializer
    filterset_fields = ["zone", "active"]
    search_fields = ["name"]
    ordering_fields = ["name"]

    @extend_schema(parameters=[OpenApiParameter("since", str), OpenApiParameter("until", str)],
                   responses=RoundSerializer(many=True))  # fmt: skip
    @action(detail=True, methods=["get"], pagination_class=None)
    def rounds(self, request, pk=None):
        """Rounds starting between `since` and `until` (default: the last 24 h and the next 12 h)."""
        route = self.get_object()
        query = RoundsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        rounds = patrols_services.route_rounds(route, **query.validated_data, now=timezone.now())
        return Response(RoundSerializer(rounds, many=True).data)


class PatrolScanSerializer(serializers.ModelSerializer):
    checkpoint = serializers.CharField(
        max_length=64, help_text=_("What the guard scanned: the checkpoint's code (QR) or its NFC tag's UID.")
    )
    checkpoint_name = serializers.CharField(source="checkpoint.name", read_only=True)
    guard = serializers.CharField(source="guard.badge", read_only=True)
    scanned_at = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=ScanMethod.choices, default=ScanMethod.QR)

    class Meta:
        model = PatrolScan
        fields = ["id", "checkpoint", "checkpoint_name", "guard", "scanned_at", "received_at", "method"]
        read_only_fields = ["received_at"]

    def to_representation(self, scan):
        return {**super().to_representation(scan), "checkpoint": scan.checkpoint.code}


class GuardsWrite(SecurityReaders):
    """Reads as for the rest of the security API; only a guard on the roster records a scan."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return super().has_permission(request, view)
        self.message = _("Only guards on the roster record patrol scans.")
        user = request.user
        return bool(user and user.is_authenticated) and Guard.objects.filter(user=user, active=True).exists()


class PatrolScanFilter(filters.FilterSet):
    checkpoint = filters.CharFilter(field_name="checkpoint__code")
    guard = filters.CharFilter(field_name="guard__badge")
    route = filters.NumberFilter(field_name="checkpoint__stops__route", distinct=True)
    since = InstantFilter(field_name="scanned_at", lookup_expr="gte")
    until = InstantFilter(field_name="scanned_at", lookup_expr="lt")

    class Meta:
        model = PatrolScan
        fields = ["method"]


class PatrolScanViewSet(
    StaffOnlyMixin, ParkViewSetMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
    mixins.RetrieveModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """Guards' scans: a guard posts what was scanned and when; staff read them. A scan is kept as sent."""

    queryset = PatrolScan.objects.select_related("checkpoint", "guard")
    serializer_class = PatrolScanSerializer
    permission_classes = [GuardsWrite]
    filterset_class = PatrolScanFilter
    ordering_fields = ["scanned_at"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        scan = patrols_services.scan_record(
            guard=request.user.guard,
            value=data["checkpoint"],
            scanned_at=data["scanned_at"],
            method=data["method"],
        )
        return Response(self.get_serializer(scan).data, status=status.HTTP_201_CREATED)


ROUTES = [
    ("security/checkpoints", CheckpointViewSet, "security-checkpoint"),
    ("security/patrol-routes", PatrolRouteViewSet, "security-patrol-route"),
    ("security/patrol-scans", PatrolScanViewSet, "security-patrol-scan"),
]
