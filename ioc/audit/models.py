"""One row per successful write through the API; never changed, kept when the row it names is gone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # SET_NULL with the username kept: the log outlives the accounts it names.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("user"),
    )  # fmt: skip
    username = models.CharField(_("username"), max_length=150)
    # The writer's enterprise, so an enterprise user reads its own writes and nobody else's.
    enterprise = models.ForeignKey(
        "park.Enterprise", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("enterprise"),
    )  # fmt: skip
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=300)
    action = models.CharField(_("action"), max_length=40)
    model = models.CharField(_("model"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    changes = models.JSONField(_("fields written"), default=list, blank=True)
    # For a read of personal data (a plate search, an image view): what was looked for.
    detail = models.JSONField(_("what was looked at"), default=dict, blank=True)
    status_code = models.PositiveSmallIntegerField(_("answer"))
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.method} {self.model}:{self.object_id}"
