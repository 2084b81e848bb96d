from django.contrib import admin

from ioc.alerts.models import (
    Alarm,
    AlarmEvent,
    AlarmRule,
    Incident,
    IncidentEvent,
    NotificationPreference,
    RuleState,
    Webhook,
    WebhookDelivery,
)


@admin.register(AlarmRule)
class AlarmRuleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "domain",
        "severity",
        "metric",
        "operator",
        "threshold",
        "limit_key",
        "enabled",
    ]
    list_filter = ["kind", "domain", "severity", "enabled"]
    search_fields = ["name"]
    autocomplete_fields = ["channel", "zone"]


class AlarmEventInline(admin.TabularInline):
    model = AlarmEvent
    extra = 0
    readonly_fields = ["at", "kind", "user", "text"]


@admin.register(Alarm)
class AlarmAdmin(admin.ModelAdmin):
    list_display = ["last_at", "rule", "source", "severity", "state", "count", "assignee"]
    list_filter = ["state", "severity", "rule__domain"]
    list_select_related = ["rule", "assignee"]
    search_fields = ["message", "source"]
    readonly_fields = ["rule", "source", "device", "channel", "count", "first_at", "last_at", "value"]
    inlines = [AlarmEventInline]


@admin.register(AlarmEvent)
class AlarmEventAdmin(admin.ModelAdmin):
    list_display = ["at", "alarm", "kind", "user"]
    list_filter = ["kind"]
    list_select_related = ["alarm__rule", "user"]


@admin.register(RuleState)
class RuleStateAdmin(admin.ModelAdmin):
    list_display = ["rule", "source", "raised", "since", "last_ts", "last_value"]
    list_select_related = ["rule"]


class IncidentEventInline(admin.TabularInline):
    model = IncidentEvent
    extra = 0


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "title", "category", "severity", "status", "owner"]
    list_filter = ["status", "category", "severity"]
    search_fields = ["title"]
    inlines = [IncidentEventInline]
    filter_horizontal = ["alarms"]


@admin.register(IncidentEvent)
class IncidentEventAdmin(admin.ModelAdmin):
    list_display = ["at", "incident", "kind", "user"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "by_email", "in_page", "min_severity", "quiet_from", "quiet_to"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "active", "min_severity"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "webhook", "event_id", "attempts", "delivered_at", "failed_at"]
    list_filter = ["webhook"]
