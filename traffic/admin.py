"""The traffic app in the admin. Plates appear whole here: the admin is for park managers and
administrators (traffic.privacy.FULL_PLATE_ROLES). Reads, stays and counts derive from the devices'
messages: they are looked at, never edited."""

from django.contrib import admin

from ioc.audit.recording import record_access
from ioc.telemetry.admin import ReadOnlyAdmin
from traffic.api.views import storable
from traffic.models import CountInterval, Gate, GateHour, PlateRead, RoadCounter, Stay, WatchlistEntry


@admin.register(Gate)
class GateAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "device", "lanes", "inbound"]
    list_select_related = ["device"]
    search_fields = ["name_vi", "name_en", "device__serial"]
    raw_id_fields = ["device"]
    filter_horizontal = ["readers"]


@admin.register(WatchlistEntry)
class WatchlistEntryAdmin(admin.ModelAdmin):
    list_display = ["plate", "reason", "valid_from", "valid_until", "active", "added_by"]
    list_filter = ["active"]
    list_select_related = ["added_by"]
    search_fields = ["plate", "plate_compact", "reason"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


class PlateSearchLogged(ReadOnlyAdmin):
    """A search by plate in the admin is logged like one through the API (Decree 13/2023/NĐ-CP)."""

    def get_search_results(self, request, queryset, search_term):
        if search_term.strip():
            record_access(request, model=self.model._meta.label_lower, action="plate_search",
                          detail={"plate": storable(search_term), "params": {"via": "admin"}})  # fmt: skip
        return super().get_search_results(request, queryset, search_term)


@admin.register(PlateRead)
class PlateReadAdmin(PlateSearchLogged):
    list_display = ["plate", "direction", "gate", "vehicle_class", "confidence", "at", "repeats", "anomaly",
                    "watch_match"]  # fmt: skip
    list_filter = ["direction", "vehicle_class", "heavy", "first_seen", "anomaly", "watch_match"]
    list_select_related = ["gate"]
    search_fields = ["plate_compact"]
    date_hierarchy = "at"
    raw_id_fields = ["event", "reader", "image", "watchlist_entry"]


@admin.register(Stay)
class StayAdmin(PlateSearchLogged):
    list_display = ["plate_compact", "gate_in", "entered_at", "gate_out", "left_at", "outcome", "heavy"]
    list_filter = ["outcome", "heavy"]
    list_select_related = ["gate_in", "gate_out"]
    search_fields = ["plate_compact"]
    raw_id_fields = ["entry", "exit"]


@admin.register(GateHour)
class GateHourAdmin(ReadOnlyAdmin):
    list_display = ["gate", "hour", "entries", "exits", "heavy_entries", "heavy_exits", "new_plates"]
    list_filter = ["gate"]
    list_select_related = ["gate"]
    date_hierarchy = "hour"


@admin.register(RoadCounter)
class RoadCounterAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "device", "capacity_per_hour", "source"]
    list_select_related = ["device"]
    search_fields = ["name_vi", "name_en", "device__serial"]
    raw_id_fields = ["device"]


@admin.register(CountInterval)
class CountIntervalAdmin(ReadOnlyAdmin):
    list_display = ["counter", "bucket", "volume_in", "volume_out", "volume_undirected", "heavy"]
    list_filter = ["counter"]
    list_select_related = ["counter"]
    date_hierarchy = "bucket"
