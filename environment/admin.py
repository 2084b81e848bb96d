from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from environment.models import Standard, StandardLimit, Station, Transmission
from environment.models.transmission import UNSENT


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
