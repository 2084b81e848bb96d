from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ioc.park.models import Channel, Contact, Device, Enterprise, Lot, ShiftSchedule, User, Zone


@admin.register(User)
class ParkUserAdmin(UserAdmin):
    list_display = ["username", "email", "role", "enterprise", "is_active"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["enterprise"]
    autocomplete_fields = ["enterprise"]
    fieldsets = (*UserAdmin.fieldsets, (_("Park role"), {"fields": ("role", "enterprise")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, (_("Park role"), {"fields": ("role", "enterprise")}))


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class ShiftInline(admin.TabularInline):
    """The shifts whose changes the traffic page expects as peaks on the park's roads."""

    model = ShiftSchedule
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = [
        "name_vi",
        "tax_code",
        "investment_type",
        "investor_country",
        "sector",
        "status",
        "is_sample",
    ]
    list_filter = ["investment_type", "investor_country", "status", "is_sample"]
    search_fields = ["name_vi", "name_en", "tax_code"]
    inlines = [ContactInline, ShiftInline]


@admin.register(ShiftSchedule)
class ShiftScheduleAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "name", "start", "end", "days", "headcount"]
    list_select_related = ["enterprise"]
    search_fields = ["enterprise__name_vi", "name"]
    autocomplete_fields = ["enterprise"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "enterprise", "phone", "email"]
    list_select_related = ["enterprise"]
    search_fields = ["name", "enterprise__name_vi"]


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "kind", "area_ha"]
    search_fields = ["code", "name_vi", "name_en"]
    list_filter = ["kind"]
    readonly_fields = ["area_ha"]


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ["code", "zone", "enterprise", "area_ha"]
    list_filter = ["zone"]
    list_select_related = ["zone", "enterprise"]
    search_fields = ["code", "enterprise__name_vi"]
    autocomplete_fields = ["enterprise"]
    readonly_fields = ["area_ha"]


class ChannelInline(admin.TabularInline):
    model = Channel
    extra = 0


@admin.action(description=_("Issue a new access token (revokes the old one)"))
def issue_new_token(modeladmin, request, queryset):
    for device in queryset:
        token = device.rotate_token()
        modeladmin.message_user(
            request,
            _("New token for %(serial)s, shown once: %(token)s") % {"serial": device.serial, "token": token},
            messages.WARNING,
        )


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ["serial", "name", "kind", "enterprise", "zone", "status", "token_hint"]
    list_filter = ["kind", "status", "zone"]
    list_select_related = ["enterprise", "zone"]
    search_fields = ["serial", "name"]
    autocomplete_fields = ["enterprise"]
    readonly_fields = ["token_hint", "token_issued_at"]
    inlines = [ChannelInline]
    actions = [issue_new_token]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["device", "metric", "source_name", "unit"]
    list_filter = ["metric"]
    list_select_related = ["device"]
    search_fields = ["device__serial", "source_name"]
