"""GET /api/v1/audit/: the log of writes, for park managers; an enterprise user sees its own."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ioc.api.instants import InstantFilter
from ioc.api.viewsets import ParkReadOnlyViewSet
from ioc.audit.models import AuditEntry
from ioc.park.choices import REGISTRY_EDITORS, Role


class AuditReaders(BasePermission):
    """Park managers and administrators read it all; enterprise users their own enterprise's writes
    (the queryset scopes them); operators and ward officials have no business with who wrote what."""

    message = _("Only park managers read the audit log.")

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method not in SAFE_METHODS:  # nobody writes the log; a 403 says so before a 405
            return user.effective_role in REGISTRY_EDITORS
        return user.effective_role in REGISTRY_EDITORS | {Role.ENTERPRISE}


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = ["id", "at", "username", "enterprise", "method", "path", "action", "model", "object_id",
                  "version", "changes", "status_code", "address"]  # fmt: skip


class AuditEntryFilter(filters.FilterSet):
    at_from = InstantFilter(field_name="at", lookup_expr="gte")
    at_to = InstantFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = AuditEntry
        fields = ["username", "enterprise", "method", "action", "model", "object_id"]


class AuditEntryViewSet(ParkReadOnlyViewSet):
    """Every write through the API: who, when, which row and version, which fields, from which address."""

    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    permission_classes = [AuditReaders]
    filterset_class = AuditEntryFilter
    ordering_fields = ["at"]
    search_fields = ["username", "path", "object_id"]
