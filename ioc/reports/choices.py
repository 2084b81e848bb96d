"""Choice lists of the report archive."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    RANGE = "range", _("Range of days")


class ScopeKind(models.TextChoices):
    PARK = "park", _("Whole park")
    ZONE = "zone", _("Zone")
    ENTERPRISE = "enterprise", _("Enterprise")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"
