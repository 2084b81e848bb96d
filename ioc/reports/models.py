"""The report archive: every report asked for or scheduled, its progress, its document and its files."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ioc.park.choices import Role
from ioc.reports import periods, scope
from ioc.reports.choices import Language, PeriodKind, ReportStatus, ScopeKind


class Report(models.Model):
    """One report of a period and scope in one language; `data` is the built document all formats render."""

    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    scope_kind = models.CharField(
        _("scope"), max_length=12, choices=ScopeKind.choices, default=ScopeKind.PARK
    )
    zone = models.ForeignKey(
        "park.Zone", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("zone")
    )
    enterprise = models.ForeignKey(
        "park.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.VI)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("now doing"), max_length=200, blank=True)
    data = models.JSONField(_("document"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/%m/", blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to="reports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    scheduled = models.BooleanField(_("scheduled"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    created_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            # Beat may run twice (a restart, two beat processes): one scheduled report per period and language.
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "language"],
                condition=Q(scheduled=True, scope_kind=ScopeKind.PARK),
                name="report_scheduled_once",
            ),
        ]
        indexes = [models.Index(fields=["period_start", "scope_kind"])]

    def __str__(self):
        return f"{self.period_kind} {self.period_start:%Y-%m-%d} {self.scope_kind} {self.language}"

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The last day comes before the first.")
        if self.scope_kind == ScopeKind.ZONE and not self.zone_id:
            errors["zone"] = _("A zone report needs its zone.")
        if self.scope_kind == ScopeKind.ENTERPRISE and not self.enterprise_id:
            errors["enterprise"] = _("An enterprise report needs its enterprise.")
        if self.scope_kind != ScopeKind.ZONE and self.zone_id:
            errors["zone"] = _("Only a zone report names a zone.")
        if self.scope_kind != ScopeKind.ENTERPRISE and self.enterprise_id:
            errors["enterprise"] = _("Only an enterprise report names an enterprise.")
        if errors:
            raise ValidationError(errors)

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.period_kind, self.period_start, self.period_end)

    @property
    def scope(self) -> scope.Scope:
        return scope.Scope(self.scope_kind, self.zone_id, self.enterprise_id)

    def file_name(self, extension: str) -> str:
        where = {
            ScopeKind.ZONE: f"-zone{self.zone_id}",
            ScopeKind.ENTERPRISE: f"-dn{self.enterprise_id}",
        }.get(self.scope_kind, "")
        return f"bao-cao-kcn-dai-an-{self.period.slug()}{where}-{self.language}.{extension}"


class ReportSubscription(models.Model):
    """An official who gets the scheduled park reports by e-mail, in the language of their choice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_subscription",
        verbose_name=_("user"),
    )
    monthly = models.BooleanField(_("monthly report"), default=True)
    quarterly = models.BooleanField(_("quarterly report"), default=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.VI)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")

    def __str__(self):
        return str(self.user)

    def clean(self):
        if self.user_id and self.user.effective_role == Role.ENTERPRISE:
            raise ValidationError(
                {
                    "user": _(
                        "The scheduled reports cover the whole park; an enterprise user cannot "
                        "subscribe to them."
                    )
                }
            )
        if self.user_id and not self.user.email:
            raise ValidationError({"user": _("This user has no e-mail address to send the reports to.")})
