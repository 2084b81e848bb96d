from django.contrib import admin

from ioc.evidence.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["taken_at", "device", "purpose", "width", "height", "size", "expires_at"]
    list_filter = ["purpose"]
    search_fields = ["device__serial", "device__name"]
    date_hierarchy = "taken_at"
    readonly_fields = [f.name for f in Image._meta.fields]

    def has_add_permission(self, request):
        return False
