"""Choice lists of alarms and incidents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.IntegerChoices):
    """Higher is worse, so escalation is `max()` and filters are `>=`."""

    WARNING = 1, _("Warning")
    MINOR = 2, _("Minor")
    MAJOR = 3, _("Major")
    CRITICAL = 4, _("Critical")


class RuleKind(models.TextChoices):
    THRESHOLD = "threshold", _("Threshold")
    RATE = "rate", _("Rate of change")
    NO_DATA = "no_data", _("No data / device offline")
    COMBINATION = "combination", _("Combination of conditions")
    # Judged by the domain app that registered `limit_key`, on its standard's averaging period.
    REGULATION = "regulation", _("Regulation limit on its averaging period")
    # A device event of `event_type` (an intrusion, a fire, a watch-listed plate), judged by its app.
    EVENT = "event", _("Device event")


class EventWhen(models.TextChoices):
    ALWAYS = "always", _("At any time")
    RESTRICTED = "restricted", _("Only in the device's restricted hours and regions")


class Operator(models.TextChoices):
    ABOVE = "gt", ">"
    AT_LEAST = "ge", "≥"
    BELOW = "lt", "<"
    AT_MOST = "le", "≤"


class Joiner(models.TextChoices):
    ALL = "and", _("all of them (AND)")
    ANY = "or", _("any of them (OR)")


class AlarmState(models.TextChoices):
    ACTIVE = "active", _("Active")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLEARED = "cleared", _("Cleared")


class Domain(models.TextChoices):
    ENVIRONMENT = "environment", _("Environment")
    SECURITY = "security", _("Security")
    TRAFFIC = "traffic", _("Traffic")
    SAFETY = "safety", _("Safety")
    PRODUCTION = "production", _("Production")
    PARK = "park", _("Park infrastructure")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class EventKind(models.TextChoices):
    RAISED = "raised", _("Raised")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSIGNED = "assigned", _("Assigned")
    COMMENTED = "commented", _("Comment")
    ESCALATED = "escalated", _("Escalated")
    REMINDED = "reminded", _("Reminder sent")
    CLEARED = "cleared", _("Cleared")
    PROMOTED = "promoted", _("Promoted to an incident")
    STATUS = "status", _("Status changed")
