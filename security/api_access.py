"""Who reads the security API: park staff all of it, an enterprise user its own cameras only."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS

from ioc.api.permissions import ParkRolePermission
from ioc.park.choices import Role


class SecurityReaders(ParkRolePermission):
    """Reads for park staff and enterprise users (whose querysets are scoped); writes by the view's
    `write_roles`. A ward official reads the security page's alarms, but camera addresses, stream
    settings and guard rounds are not theirs to see."""

    message = _("Ward officials see the security page; the park's cameras and patrols are for its staff.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method not in SAFE_METHODS or request.user.effective_role != Role.WARD_OFFICIAL


class StaffOnlyMixin:
    """Patrol data belongs to the park's security staff; an enterprise user owns none of it."""

    enterprise_field = None
    permission_classes = [SecurityReaders]

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.none() if self.request.user.is_enterprise_user else queryset
