"""The circularity API: registers and records on the tenancy-scoped base, plus each subject's KPI."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from environment import kpis
from environment.api import filters
from environment.api import serializers as s
from environment.models import (
    GreenArea,
    HazardousWasteCode,
    SymbiosisLink,
    WasteHandler,
    WasteRecord,
    WastewaterConnection,
    WastewaterVolume,
)
from ioc.api.tenancy import scope_to_user
from ioc.api.viewsets import ParkModelViewSet, ParkReadOnlyViewSet
from ioc.park.choices import REGISTRY_EDITORS, EnterpriseStatus, Role
from ioc.park.models import Enterprise, Zone

# Enterprises submit their own volumes, waste and symbiosis links; the park keeps the registers.
SUBMITTERS = REGISTRY_EDITORS | {Role.ENTERPRISE}


def query(serializer_class, request) -> dict:
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


class WastewaterConnectionViewSet(ParkModelViewSet):
    """The connection register: one row per enterprise. `kpi/` gives the share connected and who is not."""

    queryset = WastewaterConnection.objects.select_related("enterprise")
    serializer_class = s.WastewaterConnectionSerializer
    filterset_class = filters.WastewaterConnectionFilter
    search_fields = ["enterprise__name_vi", "permit_number"]
    ordering_fields = ["permit_expires_on", "connected_on"]

    @extend_schema(parameters=[s.OnDay], responses=OpenApiTypes.OBJECT)
    @action(detail=False, url_path="kpi")
    def kpi(self, request):
        on = query(s.OnDay, request).get("on") or timezone.localdate()
        # A closed enterprise discharges nothing, so it is outside "all".
        enterprises = scope_to_user(
            Enterprise.objects.exclude(status=EnterpriseStatus.CLOSED), request.user, "pk"
        )
        return Response(kpis.connection_figures(list(enterprises), on))


class WastewaterVolumeViewSet(ParkModelViewSet):
    queryset = WastewaterVolume.objects.select_related("enterprise")
    serializer_class = s.WastewaterVolumeSerializer
    filterset_class = filters.WastewaterVolumeFilter
    ordering_fields = ["month", "volume_m3"]
    write_roles = SUBMITTERS


class HazardousWasteCodeViewSet(ParkReadOnlyViewSet):
    """The hazardous-waste codes records may carry (Circular 02/2022/TT-BTNMT, Annex III, as loaded)."""

    queryset = HazardousWasteCode.objects.filter(active=True)
    serializer_class = s.HazardousWasteCodeSerializer
    filterset_fields = ["confidence"]
    search_fields = ["code", "name_vi", "name_en"]
    enterprise_field = None


class WasteHandlerViewSet(ParkModelViewSet):
    """Licensed hazardous-waste handlers: park-wide, kept by the park."""

    queryset = WasteHandler.objects.all()
    serializer_class = s.WasteHandlerSerializer
    filterset_class = filters.WasteHandlerFilter
    search_fields = ["name", "licence_number"]
    enterprise_field = None


class WasteRecordViewSet(ParkModelViewSet):
    """Waste per enterprise and period. `kpi/?year=` gives the Decree 35/2022 circularity figures."""

    queryset = WasteRecord.objects.select_related("enterprise", "handler")
    serializer_class = s.WasteRecordSerializer
    filterset_class = filters.WasteRecordFilter
    ordering_fields = ["period_start", "generated_t"]
    write_roles = SUBMITTERS

    @extend_schema(parameters=[s.Year], responses=OpenApiTypes.OBJECT)
    @action(detail=False, url_path="kpi")
    def kpi(self, request):
        year = query(s.Year, request).get("year") or timezone.localdate().year
        links = kpis.symbiosis_links_visible_to(request.user)
        return Response(kpis.circularity_figures(self.get_queryset(), links, year))


class SymbiosisLinkViewSet(ParkModelViewSet):
    """Symbiosis links; both enterprises see a link, only the supplier that recorded it changes it."""

    queryset = SymbiosisLink.objects.select_related("enterprise", "receiver")
    serializer_class = s.SymbiosisLinkSerializer
    filterset_class = filters.SymbiosisLinkFilter
    search_fields = ["what", "external_partner"]
    ordering_fields = ["started_on", "tonnes_per_year"]
    write_roles = SUBMITTERS

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            return kpis.symbiosis_links_visible_to(self.request.user)
        return super().get_queryset()


class GreenAreaViewSet(ParkModelViewSet):
    """Green area per zone and survey. `kpi/` compares the park's green share with its target."""

    queryset = GreenArea.objects.select_related("zone")
    serializer_class = s.GreenAreaSerializer
    filterset_class = filters.GreenAreaFilter
    ordering_fields = ["surveyed_on", "green_area_m2"]
    enterprise_field = None

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=False, url_path="kpi")
    def kpi(self, request):
        return Response(kpis.green_space_figures(list(Zone.objects.all())))


ROUTES = [
    ("environment/connections", WastewaterConnectionViewSet, "wastewater-connection"),
    ("environment/wastewater-volumes", WastewaterVolumeViewSet, "wastewater-volume"),
    ("environment/waste-codes", HazardousWasteCodeViewSet, "hazardous-waste-code"),
    ("environment/waste-handlers", WasteHandlerViewSet, "waste-handler"),
    ("environment/waste-records", WasteRecordViewSet, "waste-record"),
    ("environment/symbiosis-links", SymbiosisLinkViewSet, "symbiosis-link"),
    ("environment/green-areas", GreenAreaViewSet, "green-area"),
]
