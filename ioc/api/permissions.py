"""Who may do what through the API: everyone signed in reads what is in scope; writes by role."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from ioc.park.choices import REGISTRY_EDITORS


class ParkRolePermission(BasePermission):
    """Reads for any signed-in user; writes for the roles the view names in `write_roles`.

    What a user may see at all (their enterprise only, for enterprise users) is the queryset's
    business: see ioc.api.viewsets.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return user.effective_role in getattr(view, "write_roles", REGISTRY_EDITORS)
