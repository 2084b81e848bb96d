"""Model permissions by role, so the admin opens for park staff without per-user grants.

Superusers have everything (Django's own backend). A park manager runs the registry, the rules,
the alarms, and the cameras and patrols (the security app, named by its label only); an operator
handles alarms and incidents and reads the rest; a ward official and an enterprise user get no
admin permissions (they use the pages and the API).
"""

from django.contrib.auth.backends import BaseBackend

from ioc.park.choices import Role

ALL = ("add", "change", "delete", "view")
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    # Traffic's admin shows whole plates (searches there are logged): managers yes, operators no.
    Role.PARK_MANAGER: {
        "park": ALL,
        "alerts": ALL,
        "telemetry": ("view",),
        "security": ALL,
        "traffic": ALL,
        "reports": ALL,
    },
    Role.OPERATOR: {
        "park": ("view",),
        "telemetry": ("view",),
        "alerts": ("view", "change", "add"),
        "security": ("view",),
        "reports": ("view",),
    },
}


class RolePermissionBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if not (user_obj.is_active and user_obj.is_staff):
            return False
        app_label, _dot, codename = perm.partition(".")
        action = codename.split("_", 1)[0]
        return action in ROLE_PERMISSIONS.get(getattr(user_obj, "role", ""), {}).get(app_label, ())

    def has_module_perms(self, user_obj, app_label):
        return (
            user_obj.is_active
            and user_obj.is_staff
            and app_label in ROLE_PERMISSIONS.get(getattr(user_obj, "role", ""), {})
        )
