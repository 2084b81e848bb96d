"""The traffic API: gates and the park now, plate reads, the watchlist, road counters and peaks."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from ioc.api.viewsets import ParkModelViewSet, ParkReadOnlyViewSet
from ioc.audit.recording import record_access
from ioc.telemetry.series import local_time
from traffic import selectors
from traffic.api.filters import PlateReadFilter, WatchlistFilter
from traffic.api.serializers import (
    GateSerializer,
    PlateReadSerializer,
    RoadCounterSerializer,
    WatchlistEntrySerializer,
    interval_data,
)
from traffic.congestion import congestion
from traffic.models import Gate, PlateRead, RoadCounter, WatchlistEntry

MAX_VOLUME_DAYS = 31


def log_plate_search(request, model: str) -> None:
    """Every search for a plate, by whoever, valid or not (Decree 13/2023/NĐ-CP: access to personal data)."""
    if "plate" in request.query_params:
        params = {
            storable(key): storable(value) for key, value in request.query_params.items() if key != "plate"
        }
        record_access(request, model=model, action="plate_search",
                      detail={"plate": storable(request.query_params["plate"]), "params": params})  # fmt: skip


def storable(text: str, limit: int = 60) -> str:
    """What was asked, as PostgreSQL's JSON can keep it: no NUL, no lone surrogate (a fuzzer's or a broken client's)."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")[:limit]


class DayQuery(serializers.Serializer):
    date = serializers.DateField(required=False, input_formats=["iso-8601"])
    gate = serializers.IntegerField(required=False, min_value=1)


class GateViewSet(ParkModelViewSet):
    """Gates with plate readers. Enterprise users see the gates their enterprise owns."""

    queryset = Gate.objects.select_related("device").prefetch_related("readers")
    serializer_class = GateSerializer
    filterset_fields = ["inbound", "device"]
    search_fields = ["name_vi", "name_en", "device__serial"]
    enterprise_field = "device__enterprise"

    def perform_create(self, serializer):
        serializer.save()  # the enterprise comes with the device

    perform_update = perform_create

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def now(self, request):
        """Vehicles inside now, heavy ones, and today's counts and dwell per gate."""
        now = selectors.park_now(request.user, median_dwell=True)
        return Response({
            "inside": now.inside, "heavy_inside": now.heavy_inside, "today": now.totals,
            "dwell_median_s": now.dwell_median_s, "dwell_mean_s": now.dwell_mean_s,
            "watchlist_hits_today": now.watchlist_hits,
            "gates": [{"id": gate.pk, "name": gate.name, **{k: v for k, v in counts.items() if k != "gate"}}
                      for gate, counts in now.gates],
        })  # fmt: skip

    @extend_schema(
        parameters=[OpenApiParameter("date"), OpenApiParameter("gate", int)], responses=OpenApiTypes.OBJECT
    )
    @action(detail=False, methods=["get"])
    def hours(self, request):
        """Entries and exits per gate and local hour of `?date=` (today by default)."""
        query = DayQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("date") or timezone.localdate()
        gate = None
        if "gate" in query.validated_data:
            gate = self.get_queryset().filter(pk=query.validated_data["gate"]).first()
            if gate is None:
                raise serializers.ValidationError({"gate": [_("No gate %(id)s that you may see.") % {
                    "id": query.validated_data["gate"]}]})  # fmt: skip
        return Response({"date": day.isoformat(), "hours": selectors.gate_hours(request.user, day, gate)})


class PlateReadViewSet(ParkReadOnlyViewSet):
    """Plate reads (masked unless your role sees plates whole). `?plate=` searches, and is logged."""

    queryset = PlateRead.objects.select_related("reader")
    serializer_class = PlateReadSerializer
    filterset_class = PlateReadFilter
    ordering_fields = ["at", "confidence"]
    enterprise_field = "gate__device__enterprise"

    def list(self, request, *args, **kwargs):
        log_plate_search(request, "traffic.PlateRead")
        return super().list(request, *args, **kwargs)


class WatchlistViewSet(ParkModelViewSet):
    """Plates whose reads raise an alarm at once. Park managers and administrators edit it; enterprise
    users see none of it."""

    queryset = (
        WatchlistEntry.objects.select_related("added_by")
        .annotate(hit_count=Count("hits"))
        .order_by("-created_at", "-id")
    )
    serializer_class = WatchlistEntrySerializer
    filterset_class = WatchlistFilter
    search_fields = ["reason"]
    ordering_fields = ["created_at", "valid_until"]
    enterprise_field = None

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.none() if self.request.user.is_enterprise_user else queryset

    def list(self, request, *args, **kwargs):
        log_plate_search(request, "traffic.WatchlistEntry")
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.save(added_by=self.request.user)

    def perform_update(self, serializer):
        serializer.save()


class VolumeQuery(serializers.Serializer):
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)

    def validate(self, attrs):
        until = attrs.get("until") or timezone.now()
        since = attrs.get("since") or until - timedelta(days=1)
        if since >= until:
            raise serializers.ValidationError({"until": [_("The end comes before the start.")]})
        if until - since > timedelta(days=MAX_VOLUME_DAYS):
            raise serializers.ValidationError(
                {"until": [_("Ask for at most %(days)d days at a time.") % {"days": MAX_VOLUME_DAYS}]}
            )
        return {"since": since, "until": until}


class PeaksQuery(serializers.Serializer):
    hours = serializers.IntegerField(required=False, default=24, min_value=1, max_value=168)


class RoadCounterViewSet(ParkModelViewSet):
    """Road counters on the park's segments, with their latest 15 minutes and its congestion band."""

    queryset = RoadCounter.objects.select_related("device")
    serializer_class = RoadCounterSerializer
    filterset_fields = ["source", "device"]
    search_fields = ["name_vi", "name_en", "device__serial"]
    enterprise_field = None

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action in ("list", "retrieve"):
            context["latest"] = {row.counter.pk: row for row in selectors.counters_now()}
        return context

    @extend_schema(
        parameters=[OpenApiParameter("since"), OpenApiParameter("until")], responses=OpenApiTypes.OBJECT
    )
    @action(detail=True, methods=["get"])
    def volumes(self, request, pk=None):
        """The counter's 15-minute volumes and congestion between `?since=` and `?until=` (last 24 h)."""
        counter = self.get_object()
        query = VolumeQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        span = query.validated_data
        intervals = counter.intervals.filter(bucket__gte=span["since"], bucket__lt=span["until"]).order_by(
            "bucket"
        )
        page = self.paginate_queryset(intervals)
        rows = [interval_data(i, congestion(i.volume, counter.capacity_per_hour)) for i in page]
        return self.get_paginated_response(rows)

    @extend_schema(parameters=[OpenApiParameter("hours", int)], responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def peaks(self, request):
        """The shift-change peaks expected in the next `?hours=` (24), from the enterprises' shifts."""
        query = PeaksQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = selectors.next_peaks(hours=query.validated_data["hours"])
        own = request.user.enterprise_id if request.user.is_enterprise_user else None
        return Response({"peaks": [peak_data(peak, own) for peak in found]})


def peak_data(peak, own_enterprise: int | None) -> dict:
    """A peak; an enterprise user sees the totals and its own shifts, not the others' headcounts."""
    changes = [c for c in peak.changes if own_enterprise is None or c.shift.enterprise == own_enterprise]
    return {
        "start": local_time(peak.start), "end": local_time(peak.end), "arriving": peak.arriving,
        "leaving": peak.leaving, "vehicles_in": peak.vehicles_in, "vehicles_out": peak.vehicles_out,
        "vehicles": peak.vehicles, "by_mode": peak.by_mode(),
        "shifts": [{"enterprise": c.shift.who, "shift": c.shift.name, "at": local_time(c.at),
                    "arriving": c.arriving, "headcount": c.shift.headcount} for c in changes],
    }  # fmt: skip


ROUTES = [
    ("traffic/gates", GateViewSet, "traffic-gate"),
    ("traffic/plate-reads", PlateReadViewSet, "traffic-plate-read"),
    ("traffic/watchlist", WatchlistViewSet, "traffic-watchlist"),
    ("traffic/counters", RoadCounterViewSet, "traffic-counter"),
]
