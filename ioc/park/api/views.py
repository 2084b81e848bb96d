from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ioc.api.viewsets import ParkModelViewSet
from ioc.park.api import filters
from ioc.park.api.serializers import (
    ContactSerializer,
    DeviceSerializer,
    EnterpriseSerializer,
    LotSerializer,
    ZoneSerializer,
)
from ioc.park.models import Contact, Device, Enterprise, Lot, Zone

_ISSUED = inline_serializer(
    "DeviceCredentials",
    {
        "access_token": serializers.CharField(),
        "token_hint": serializers.CharField(),
        "token_issued_at": serializers.DateTimeField(),
    },
)


class EnterpriseViewSet(ParkModelViewSet):
    """Enterprises of the park. Enterprise users see their own only."""

    queryset = Enterprise.objects.prefetch_related("lots", "shifts")
    serializer_class = EnterpriseSerializer
    filterset_class = filters.EnterpriseFilter
    search_fields = ["name_vi", "name_en", "tax_code"]
    ordering_fields = ["name_vi", "tax_code", "registered_capital_usd", "started_operation"]
    enterprise_field = "pk"


class ContactViewSet(ParkModelViewSet):
    queryset = Contact.objects.select_related("enterprise")
    serializer_class = ContactSerializer
    filterset_class = filters.ContactFilter
    search_fields = ["name", "email"]


class ZoneViewSet(ParkModelViewSet):
    """Zones of the park, with their boundary and measured area; readable by everyone."""

    queryset = Zone.objects.all()
    serializer_class = ZoneSerializer
    filterset_class = filters.ZoneFilter
    ordering_fields = ["code", "area_ha"]
    enterprise_field = None


class LotViewSet(ParkModelViewSet):
    queryset = Lot.objects.select_related("zone", "enterprise")
    serializer_class = LotSerializer
    filterset_class = filters.LotFilter
    search_fields = ["code"]
    ordering_fields = ["code", "area_ha"]
    enterprise_field = None


class DeviceViewSet(ParkModelViewSet):
    """Devices and their channels. Creating one returns its access token, shown only then."""

    queryset = Device.objects.select_related("enterprise", "zone", "health").prefetch_related("channels")
    serializer_class = DeviceSerializer
    filterset_class = filters.DeviceFilter
    search_fields = ["serial", "name"]
    ordering_fields = ["serial", "name", "kind"]

    @extend_schema(responses={201: DeviceSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        token = self._issue_token(serializer.instance)
        return Response(
            {**self.get_serializer(serializer.instance).data, "access_token": token},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={201: _ISSUED})
    @action(detail=True, methods=["post"])
    def credentials(self, request, pk=None):
        """Issue a new access token for the device; the old one stops working at once."""
        device = self.get_object()
        token = self._issue_token(device)
        return Response(
            {
                "access_token": token,
                "token_hint": device.token_hint,
                "token_issued_at": device.token_issued_at,
                "detail": _("The previous token is revoked. Keep this one secret; it is shown only now."),
            },
            status=status.HTTP_201_CREATED,
        )

    @staticmethod
    def _issue_token(device: Device) -> str:
        return device.rotate_token()
