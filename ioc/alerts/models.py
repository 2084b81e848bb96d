"""Alarm rules, the alarms they raise, the incidents people make of them, and who hears about it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ioc.alerts.choices import (
    AlarmState,
    Domain,
    EventKind,
    EventWhen,
    IncidentStatus,
    Joiner,
    Operator,
    RuleKind,
    Severity,
)
from ioc.park.choices import DeviceKind
from ioc.registry import registry
from ioc.telemetry.metrics import METRIC_CHOICES


class AlarmRule(models.Model):
    """When to raise an alarm: a condition on readings, over a scope, held for a duration."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices, default=RuleKind.THRESHOLD)
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices, default=Domain.ENVIRONMENT)
    severity = models.IntegerField(_("severity"), choices=Severity.choices, default=Severity.MAJOR)
    enabled = models.BooleanField(_("enabled"), default=True)
    # Scope: one channel, or a metric (optionally within a zone, optionally on one kind of device).
    channel = models.ForeignKey(
        "park.Channel", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    metric = models.CharField(_("metric"), max_length=40, choices=METRIC_CHOICES, blank=True)
    zone = models.ForeignKey("park.Zone", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    device_kind = models.CharField(_("device kind"), max_length=30, choices=DeviceKind.choices, blank=True)
    # Threshold and rate conditions.
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices, default=Operator.ABOVE)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    limit_key = models.CharField(
        _("regulation limit"),
        max_length=80,
        blank=True,
        help_text=_("Take the threshold from a limit a domain app registers (e.g. a QCVN column)."),
    )
    # Event rules: which device events raise this rule's alarm, when, and whether they open an incident.
    event_type = models.CharField(_("device event type"), max_length=40, blank=True)
    event_when = models.CharField(
        _("when"), max_length=12, choices=EventWhen.choices, default=EventWhen.ALWAYS, blank=True
    )
    opens_incident = models.BooleanField(
        _("open an incident at once"),
        default=False,
        help_text=_("For events that cannot wait (fire, smoke)."),
    )
    hysteresis = models.FloatField(
        _("hysteresis"), default=0, help_text=_("How far back past the threshold before it clears.")
    )
    duration = models.PositiveIntegerField(_("for at least (seconds)"), default=0)
    # Combination: sub-conditions [{"metric": "cod", "operator": "gt", "threshold": 75}, …] on one device.
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    joiner = models.CharField(_("combine"), max_length=3, choices=Joiner.choices, default=Joiner.ALL)
    # What happens when nobody acknowledges.
    escalate_after = models.PositiveIntegerField(_("escalate after (minutes)"), null=True, blank=True)
    escalate_to = models.IntegerField(_("escalate to"), choices=Severity.choices, null=True, blank=True)
    remind_every = models.PositiveIntegerField(_("remind every (minutes)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alarm rule")
        verbose_name_plural = _("alarm rules")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.kind in (RuleKind.THRESHOLD, RuleKind.RATE) and self.threshold is None and not self.limit_key:
            errors["threshold"] = _("Give a threshold or a regulation limit.")
        if self.kind == RuleKind.REGULATION and self.limit_key not in registry.limits:
            errors["limit_key"] = _("Name a regulation limit a domain app registers.")
        if self.kind == RuleKind.EVENT and self.event_type not in registry.device_event_kinds:
            errors["event_type"] = _("Name a device event type: %(types)s.") % {
                "types": ", ".join(sorted(registry.device_event_kinds))
            }
        scoped_elsewhere = (RuleKind.COMBINATION, RuleKind.REGULATION, RuleKind.EVENT)
        if self.kind not in scoped_elsewhere and not (self.channel_id or self.metric or self.device_kind):
            errors["metric"] = _("Say what the rule watches: a channel, a metric or a kind of device.")
        if self.kind == RuleKind.COMBINATION and not self.conditions:
            errors["conditions"] = _("A combination needs at least one condition.")
        for condition in self.conditions or []:
            if not (
                isinstance(condition, dict)
                and condition.get("metric") in dict(METRIC_CHOICES)
                and condition.get("operator", "gt") in Operator.values
                and isinstance(condition.get("threshold"), int | float)
            ):
                errors["conditions"] = _(
                    'Each condition is {"metric": a metric key, "operator": gt/ge/lt/le, "threshold": a number}.'
                )
        if self.escalate_after and self.escalate_to is None:
            errors["escalate_to"] = _("Say what severity the alarm escalates to.")
        if errors:
            raise ValidationError(errors)


class Alarm(models.Model):
    """One alarm per rule and source while it is not cleared; repeats count, they do not multiply."""

    rule = models.ForeignKey(
        AlarmRule, on_delete=models.CASCADE, related_name="alarms", verbose_name=_("rule")
    )
    source = models.CharField(_("source"), max_length=100)  # "channel:12", "device:4"
    device = models.ForeignKey("park.Device", on_delete=models.CASCADE, null=True, related_name="alarms")
    channel = models.ForeignKey("park.Channel", on_delete=models.SET_NULL, null=True, related_name="+")
    severity = models.IntegerField(_("severity"), choices=Severity.choices)
    state = models.CharField(_("state"), max_length=15, choices=AlarmState.choices, default=AlarmState.ACTIVE)
    message = models.TextField(_("message"))
    value = models.FloatField(_("last value"), null=True)
    image = models.ForeignKey(
        "evidence.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("image"),
    )  # fmt: skip
    count = models.PositiveIntegerField(_("occurrences"), default=1)
    first_at = models.DateTimeField(_("first"))
    last_at = models.DateTimeField(_("last"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assignee"),
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_at"]
        verbose_name = _("alarm")
        verbose_name_plural = _("alarms")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "source"],
                condition=~Q(state=AlarmState.CLEARED),
                name="alarm_one_open_per_rule_source",
            )
        ]
        indexes = [models.Index(fields=["state", "-last_at"])]

    def __str__(self):
        return f"{self.rule} · {self.source}"

    @property
    def domain(self) -> str:
        return self.rule.domain


class TimelineEntry(models.Model):
    """A line of a timeline: who did what, when."""

    at = models.DateTimeField(_("when"))
    kind = models.CharField(_("what"), max_length=15, choices=EventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class AlarmEvent(TimelineEntry):
    alarm = models.ForeignKey(Alarm, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEntry.Meta):
        verbose_name = _("alarm event")
        verbose_name_plural = _("alarm events")


class RuleState(models.Model):
    """Where a rule stands for one source between batches (since when its condition holds)."""

    rule = models.ForeignKey(AlarmRule, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=100)
    since = models.FloatField(null=True)
    raised = models.BooleanField(default=False)
    last_ts = models.FloatField(null=True)
    last_value = models.FloatField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "source"], name="rulestate_unique")]
        verbose_name = _("rule state")
        verbose_name_plural = _("rule states")

    def __str__(self):
        return f"{self.rule_id}/{self.source}"


class Incident(models.Model):
    """Something people own and close: made from alarms, or opened by hand."""

    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Domain.choices)
    zone = models.ForeignKey("park.Zone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    location = models.JSONField(_("location (GeoJSON point)"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=15, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    severity = models.IntegerField(_("severity"), choices=Severity.choices, default=Severity.MAJOR)
    alarms = models.ManyToManyField(Alarm, blank=True, related_name="incidents")
    images = models.ManyToManyField("evidence.Image", blank=True, related_name="+", verbose_name=_("images"))
    enterprise = models.ForeignKey(
        "park.Enterprise", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self):
        return self.title


class IncidentEvent(TimelineEntry):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEntry.Meta):
        verbose_name = _("incident event")
        verbose_name_plural = _("incident events")


class NotificationPreference(models.Model):
    """What reaches one person, and how. Without a row, the defaults below apply."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    by_email = models.BooleanField(_("by e-mail"), default=True)
    in_page = models.BooleanField(_("in the page"), default=True)
    min_severity = models.IntegerField(_("from severity"), choices=Severity.choices, default=Severity.MINOR)
    domains = models.JSONField(_("domains"), default=list, blank=True, help_text=_("Empty: all domains."))
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_to = models.TimeField(_("quiet until"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


class Webhook(models.Model):
    """An outside system told of alarms: JSON POSTs signed with HMAC-SHA256, retried with backoff."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"))
    secret = models.CharField(_("signing secret"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    min_severity = models.IntegerField(_("from severity"), choices=Severity.choices, default=Severity.MINOR)
    domains = models.JSONField(_("domains"), default=list, blank=True, help_text=_("Empty: all domains."))

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    """One event for one webhook, until it is delivered or given up."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(max_length=64)
    payload = models.JSONField()
    attempts = models.PositiveIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [models.UniqueConstraint(fields=["webhook", "event_id"], name="webhook_event_once")]

    def __str__(self):
        return f"{self.webhook} {self.event_id}"
