"""The base every API viewset in the project derives from, so tenancy comes for free."""

from rest_framework import viewsets
from rest_framework.permissions import SAFE_METHODS

from ioc.api.tenancy import scope_to_user
from ioc.audit.recording import record
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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Here rather than in perform_*: custom actions (accept, acknowledge…) write too.
        if request.method not in SAFE_METHODS and getattr(request.user, "is_authenticated", False):
            model = getattr(self, "queryset", None)
            record(request, response, model=model.model._meta.label if model is not None else type(self).__name__,
                   action=getattr(self, "action", None) or request.method.lower(),
                   lookup=self.lookup_url_kwarg or self.lookup_field, kwargs=kwargs)  # fmt: skip
        return response

    def tenant_values(self) -> dict:
        user = self.request.user
        if user.is_enterprise_user and self.enterprise_field == "enterprise":
            return {"enterprise": user.enterprise}
        return {}


class ParkModelViewSet(ParkViewSetMixin, viewsets.ModelViewSet):
    pass


class ParkReadOnlyViewSet(ParkViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
