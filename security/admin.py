from datetime import timedelta

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from security import patrols_services
from security.models import Camera, Checkpoint, Guard, PatrolRoute, PatrolScan, RouteStop
from security.patrols import STATUS_LABELS


class CameraForm(forms.ModelForm):
    """The password is written, never shown: blank keeps the stored one."""

    password = forms.CharField(
        label=_("password"), required=False, max_length=200, strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Stored encrypted and never shown. Leave blank to keep the current password."),
    )  # fmt: skip
    clear_password = forms.BooleanField(label=_("remove the stored password"), required=False)

    class Meta:
        model = Camera
        fields = ["device", "purpose", "bearing", "field_of_view", "stream_url", "snapshot_url", "username",
                  "password", "onvif_url", "onvif_profile", "vendor", "model_name", "firmware", "has_own_analytics",
                  "analysis_enabled", "grab_interval", "regions", "counting_line", "restricted_from",
                  "restricted_until", "sensitivity", "detect_people"]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("clear_password"):
            cleaned["password"] = None
        elif not cleaned.get("password"):
            cleaned["password"] = self.instance.password  # blank keeps what is stored
        return cleaned


@admin.register(Camera)
class CameraAdmin(admin.ModelAdmin):
    form = CameraForm
    list_display = ["device", "serial", "zone", "purpose", "online", "last_frame_at", "analysis_enabled"]
    list_filter = ["purpose", "online", "analysis_enabled", "has_own_analytics", "device__zone"]
    list_select_related = ["device__zone"]
    search_fields = ["device__serial", "device__name", "vendor", "model_name"]
    autocomplete_fields = ["device"]
    readonly_fields = ["serial", "zone", "location", "password_set", "online", "last_frame_at", "frame_rate",
                       "failures_in_row", "last_error", "latest_snapshot"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["device", "serial", "zone", "location", "purpose", "bearing", "field_of_view"]}),
        (
            _("Access"),
            {
                "fields": [
                    "stream_url",
                    "snapshot_url",
                    "username",
                    "password",
                    "password_set",
                    "clear_password",
                    "onvif_url",
                    "onvif_profile",
                ]
            },
        ),  # fmt: skip
        (_("Make"), {"fields": ["vendor", "model_name", "firmware", "has_own_analytics"]}),
        (
            _("Analysis"),
            {
                "fields": [
                    "analysis_enabled",
                    "grab_interval",
                    "regions",
                    "counting_line",
                    "restricted_from",
                    "restricted_until",
                    "sensitivity",
                    "detect_people",
                ]
            },
        ),  # fmt: skip
        (
            _("Health"),
            {
                "fields": [
                    "online",
                    "last_frame_at",
                    "frame_rate",
                    "failures_in_row",
                    "last_error",
                    "latest_snapshot",
                ]
            },
        ),  # fmt: skip
    ]

    @admin.display(description=_("serial"), ordering="device__serial")
    def serial(self, camera):
        return camera.device.serial if camera.device_id else "—"

    @admin.display(description=_("zone"))
    def zone(self, camera):
        return (camera.device.zone or "—") if camera.device_id else "—"

    @admin.display(description=_("location"))
    def location(self, camera):
        if not camera.device_id:
            return "—"
        lon, lat = camera.device.location["coordinates"][:2]
        return f"{lat:.6f}, {lon:.6f}"

    @admin.display(description=_("password stored"), boolean=True)
    def password_set(self, camera):
        return bool(camera.password)


@admin.register(Guard)
class GuardAdmin(admin.ModelAdmin):
    list_display = ["badge", "user", "phone", "active"]
    list_filter = ["active"]
    list_select_related = ["user"]
    search_fields = ["badge", "user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "zone", "nfc_tag", "active"]
    list_filter = ["active", "zone"]
    list_select_related = ["zone"]
    search_fields = ["code", "name", "nfc_tag"]


class RouteStopInline(admin.TabularInline):
    model = RouteStop
    extra = 1
    autocomplete_fields = ["checkpoint"]


@admin.register(PatrolRoute)
class PatrolRouteAdmin(admin.ModelAdmin):
    list_display = ["name", "zone", "rounds_from", "rounds_until", "every", "allowed", "active"]
    list_filter = ["active", "zone"]
    search_fields = ["name"]
    inlines = [RouteStopInline]
    readonly_fields = ["last_rounds"]

    @admin.display(description=_("rounds of the last 24 hours"))
    def last_rounds(self, route):
        if not route.pk:
            return "—"
        now = timezone.now()
        route = patrols_services.routes_with_stops().get(pk=route.pk)
        rounds = patrols_services.route_rounds(route, since=now - timedelta(hours=24), until=now, now=now)
        return (
            format_html_join(
                ", ",
                "{} {}",
                ((timezone.localtime(r.start).strftime("%H:%M"), STATUS_LABELS[r.status]) for r in rounds),
            )
            or "—"
        )


@admin.register(PatrolScan)
class PatrolScanAdmin(admin.ModelAdmin):
    """Scans are evidence: kept as the guard's phone sent them."""

    list_display = ["scanned_at", "checkpoint", "guard", "method", "received_at"]
    list_filter = ["method", "checkpoint"]
    list_select_related = ["checkpoint", "guard__user"]
    search_fields = ["checkpoint__code", "guard__badge"]
    date_hierarchy = "scanned_at"

    def has_add_permission(self, request):
        return False  # a scan comes from a guard's phone, checked (security.patrols_services)

    def has_change_permission(self, request, obj=None):
        return False
