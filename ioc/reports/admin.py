from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ioc.reports.models import Report, ReportSubscription


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The archive, read-only: reports are asked for on the reports page or the API, or made by the schedule."""

    list_display = [
        "id",
        "period_kind",
        "period_start",
        "period_end",
        "scope_kind",
        "zone",
        "enterprise",
        "language",
        "status",
        "progress",
        "scheduled",
        "requested_by",
        "created_at",
        "emailed_at",
    ]
    list_filter = ["status", "period_kind", "scope_kind", "language", "scheduled"]
    search_fields = ["enterprise__name_vi", "zone__name_vi", "requested_by__username"]
    date_hierarchy = "period_start"
    exclude = ["data"]
    list_select_related = ["zone", "enterprise", "requested_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(admin.ModelAdmin):
    """Who gets the scheduled monthly and quarterly park reports by e-mail, and in which language."""

    list_display = ["user", "email", "monthly", "quarterly", "language"]
    list_filter = ["monthly", "quarterly", "language"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]

    @admin.display(description=_("e-mail"))
    def email(self, subscription):
        return subscription.user.email
