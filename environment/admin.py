from django.contrib import admin

from environment.models import (
    GreenArea,
    SymbiosisLink,
    WasteHandler,
    WasteRecord,
    WastewaterConnection,
    WastewaterVolume,
)


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
