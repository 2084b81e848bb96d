from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ioc.evidence.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """Read-only. The picture opens through the API, where the view is written to the audit log
    (Decree 13/2023/NĐ-CP); the file's own path is not linked."""

    list_display = ["taken_at", "device", "purpose", "width", "height", "size", "expires_at"]
    list_filter = ["purpose"]
    list_select_related = ["device"]
    search_fields = ["device__serial", "device__name"]
    date_hierarchy = "taken_at"
    readonly_fields = [f.name for f in Image._meta.fields if f.name != "file"] + ["picture"]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("picture"))
    def picture(self, image):
        url = reverse("image-content", kwargs={"pk": image.pk})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open (logged)"))
