"""The base every API viewset in the project derives from, so tenancy comes for free."""

from rest_framework import viewsets

from ioc.api.tenancy import scope_to_user
from ioc.park.choices import REGISTRY_EDITORS


class ParkViewSetMixin:
    """Scopes the queryset to the user's enterprise and stamps it on what they create.

    Subclasses set `enterprise_field` (None for park-wide data) and, when enterprise users may
    write, `write_roles`.
    """

    enterprise_field: str | None = "enterprise"
    write_roles = REGISTRY_EDITORS

    def get_queryset(self):
        return scope_to_user(super().get_queryset(), self.request.user, self.enterprise_field)

    def perform_create(self, serializer):
        serializer.save(**self.tenant_values())

    def perform_update(self, serializer):
        serializer.save(**self.tenant_values())

    def tenant_values(self) -> dict:
        user = self.request.user
        if user.is_enterprise_user and self.enterprise_field == "enterprise":
            return {"enterprise": user.enterprise}
        return {}


class ParkModelViewSet(ParkViewSetMixin, viewsets.ModelViewSet):
    pass


class ParkReadOnlyViewSet(ParkViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
