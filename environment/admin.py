from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from environment.models import (
    GreenArea,
    HazardousWasteCode,
    Standard,
    StandardLimit,
    Station,
    SymbiosisLink,
    Transmission,
    WasteHandler,
    WasteRecord,
    WastewaterConnection,
    WastewaterVolume,
)
from environment.models.transmission import UNSENT


@admin.register(WastewaterConnection)
class WastewaterConnectionAdmin(admin.ModelAdmin):
    list_display = [
        "enterprise",
        "status",
        "connected_on",
        "agreed_volume_m3_day",
        "permit_number",
        "permit_expires_on",
    ]
    list_filter = ["status"]
    list_select_related = ["enterprise"]
    search_fields = ["enterprise__name_vi", "permit_number", "connection_point"]
    autocomplete_fields = ["enterprise"]


@admin.register(WastewaterVolume)
class WastewaterVolumeAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "month", "volume_m3", "source"]
    list_filter = ["source", "month"]
    list_select_related = ["enterprise"]
    search_fields = ["enterprise__name_vi"]
    autocomplete_fields = ["enterprise"]


@admin.register(HazardousWasteCode)
class HazardousWasteCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "confidence", "active", "source"]
    list_filter = ["confidence", "active"]
    search_fields = ["code", "name_vi", "name_en"]


@admin.register(WasteHandler)
class WasteHandlerAdmin(admin.ModelAdmin):
    list_display = ["name", "licence_number", "licence_issuer", "licence_issued_on", "licence_expires_on"]
    search_fields = ["name", "licence_number"]


@admin.register(WasteRecord)
class WasteRecordAdmin(admin.ModelAdmin):
    list_display = [
        "enterprise",
        "period_start",
        "period_end",
        "category",
        "waste_code",
        "generated_t",
        "handler",
    ]
    list_filter = ["category", "period_start"]
    list_select_related = ["enterprise", "handler"]
    search_fields = ["enterprise__name_vi", "waste_code"]
    autocomplete_fields = ["enterprise", "handler"]
    raw_id_fields = ["submission"]


@admin.register(SymbiosisLink)
class SymbiosisLinkAdmin(admin.ModelAdmin):
    list_display = [
        "enterprise",
        "receiver",
        "external_partner",
        "link_type",
        "what",
        "tonnes_per_year",
        "started_on",
    ]
    list_filter = ["link_type"]
    list_select_related = ["enterprise", "receiver"]
    search_fields = ["enterprise__name_vi", "receiver__name_vi", "external_partner", "what"]
    autocomplete_fields = ["enterprise", "receiver"]


@admin.register(GreenArea)
class GreenAreaAdmin(admin.ModelAdmin):
    list_display = ["zone", "surveyed_on", "green_area_m2", "trees_planted"]
    list_filter = ["zone"]
    list_select_related = ["zone"]


class StandardLimitInline(admin.TabularInline):
    model = StandardLimit
    extra = 0
    fields = ["column", "parameter", "name", "unit", "averaging", "lower", "upper", "scaled", "valid_from",
              "valid_until"]  # fmt: skip


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["code", "title_vi", "medium", "in_force_from", "superseded_by", "scaling"]
    list_filter = ["medium", "scaling"]
    search_fields = ["code", "title_vi", "title_en"]
    inlines = [StandardLimitInline]


@admin.register(StandardLimit)
class StandardLimitAdmin(admin.ModelAdmin):
    list_display = ["standard", "column", "parameter", "averaging", "lower", "upper", "unit", "scaled",
                    "valid_from", "valid_until"]  # fmt: skip
    list_filter = ["standard", "column", "averaging"]
    search_fields = ["parameter", "name"]


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "kind", "role", "device", "standard", "column", "transmits"]
    list_filter = ["kind", "role", "standard", "transmits"]
    search_fields = ["code", "name_vi", "name_en", "device__serial"]
    autocomplete_fields = ["device"]
    readonly_fields = ["effective_limits"]

    @admin.display(description=_("effective limits (C_max)"))
    def effective_limits(self, station):
        if not station.pk:
            return "—"
        rows = station.effective_limits(timezone.localdate())
        return format_html_join(
            "\n", "<div>{} ({}): {} — {}</div>",
            ((row.name, row.get_averaging_display(), limit.text(), limit.derivation) for row, limit in rows),
        )  # fmt: skip


@admin.register(Transmission)
class TransmissionAdmin(admin.ModelAdmin):
    """The ledger is written by the producer and the sender only; here it is read, or a retry hurried."""

    list_display = ["station", "period_end", "file_name", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state", "station"]
    search_fields = ["file_name", "station__code"]
    date_hierarchy = "period_end"
    list_select_related = ["station"]
    readonly_fields = [f.name for f in Transmission._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Try again now"))
    def retry_now(self, request, queryset):
        queryset.filter(state__in=UNSENT).update(next_attempt_at=timezone.now())
