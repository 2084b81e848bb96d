from django.contrib import admin

from ioc.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: a log that could be edited would prove nothing."""

    list_display = ["at", "username", "method", "action", "model", "object_id", "version", "address"]
    list_filter = ["method", "action", "model"]
    search_fields = ["username", "object_id", "path", "address"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
