from django.contrib import admin

from ioc.telemetry.models import AuthFailure, DeviceEvent, DeviceHealth, LatestValue, Rejection


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the pipeline only; people look, they do not edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DeviceHealth)
class DeviceHealthAdmin(ReadOnlyAdmin):
    list_display = ["device", "online", "last_seen", "status_changed_at", "battery", "signal"]
    list_filter = ["online"]
    list_select_related = ["device"]
    search_fields = ["device__serial", "device__name"]


@admin.register(LatestValue)
class LatestValueAdmin(ReadOnlyAdmin):
    list_display = ["channel", "ts", "value", "quality"]
    list_filter = ["quality", "channel__metric"]
    list_select_related = ["channel__device"]
    search_fields = ["channel__device__serial"]


@admin.register(Rejection)
class RejectionAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "device", "source", "reason", "name", "message"]
    list_filter = ["source", "reason"]
    list_select_related = ["device"]
    search_fields = ["device__serial", "name"]
    date_hierarchy = "received_at"


@admin.register(AuthFailure)
class AuthFailureAdmin(ReadOnlyAdmin):
    list_display = ["day", "source", "identity", "count", "last_at"]
    list_filter = ["source", "day"]
    search_fields = ["identity"]


@admin.register(DeviceEvent)
class DeviceEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "device", "kind", "event_id", "source", "image", "received_at"]
    list_filter = ["kind", "source"]
    list_select_related = ["device", "image"]
    search_fields = ["device__serial", "device__name", "event_id"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in DeviceEvent._meta.fields]
