"""Submissions: one row per version of an enterprise's report for a kind and period, never overwritten."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ioc.submissions.choices import Action, ReminderStage, Status


class Submission(models.Model):
    enterprise = models.ForeignKey(
        "park.Enterprise", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("enterprise")
    )
    kind = models.CharField(_("report kind"), max_length=60)
    schema_version = models.PositiveSmallIntegerField(_("schema version"))
    period = models.DateField(_("period (first day)"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by",
        verbose_name=_("corrects"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    data = models.JSONField(_("data"), default=dict)
    flags = models.JSONField(_("flags for review"), default=list, blank=True)
    checks = models.JSONField(_("the ward's checks"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        ordering = ["-period", "kind", "enterprise", "-version"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "period", "version"], name="submission_version"
            ),
            models.UniqueConstraint(
                fields=["enterprise", "kind", "period"],
                condition=~Q(status=Status.SUPERSEDED),
                name="submission_one_current",
            ),  # fmt: skip
        ]
        indexes = [models.Index(fields=["kind", "period", "status"])]

    def __str__(self):
        return f"{self.kind} {self.period:%Y-%m} v{self.version} · {self.enterprise_id}"


class SubmissionEvent(models.Model):
    """The audit trail of a submission: who did what, to which version, from which address."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("what"), max_length=12, choices=Action.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    text = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")

    def __str__(self):
        return f"{self.action} v{self.version} {self.at:%Y-%m-%d %H:%M}"


class IdempotencyRecord(models.Model):
    """A POST made with an Idempotency-Key: the same key again returns the first answer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_digest = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key")]
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")

    def __str__(self):
        return f"{self.user_id}:{self.key}"


class Reminder(models.Model):
    """A reminder e-mailed to an enterprise for a report, kept so that no stage is sent twice."""

    enterprise = models.ForeignKey(
        "park.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("enterprise")
    )
    kind = models.CharField(_("report kind"), max_length=60)
    period = models.DateField(_("period (first day)"))
    stage = models.CharField(_("stage"), max_length=8, choices=ReminderStage.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "kind", "period", "stage"], name="reminder_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.period:%Y-%m} {self.stage} · {self.enterprise_id}"
