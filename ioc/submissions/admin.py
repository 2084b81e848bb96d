from django.contrib import admin

from ioc.submissions.models import IdempotencyRecord, Reminder, Submission, SubmissionEvent


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    readonly_fields = ["at", "user", "action", "version", "address", "text"]
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read-only: reports change through the API's review actions, which keep the audit trail."""

    list_display = ["enterprise", "kind", "period", "version", "status", "submitted_at", "reviewed_at"]
    list_filter = ["kind", "status", "period"]
    search_fields = ["enterprise__name_vi", "enterprise__tax_code"]
    inlines = [SubmissionEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(admin.ModelAdmin):
    """The audit log of every write to a submission: who, when, which version, from which address."""

    list_display = ["at", "submission", "action", "version", "user", "address"]
    list_filter = ["action"]
    search_fields = ["submission__enterprise__name_vi", "user__username", "address"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "key", "status_code", "created_at"]
    search_fields = ["key", "user__username"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """What was e-mailed, so a reminder is never sent twice; written only by the daily task."""

    list_display = ["sent_at", "enterprise", "kind", "period", "stage"]
    list_filter = ["kind", "stage", "period"]
    search_fields = ["enterprise__name_vi", "enterprise__tax_code"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
