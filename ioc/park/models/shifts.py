"""When an enterprise's people work: the shifts that fill the park's roads as they change."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# ISO weekdays, 1 Monday … 7 Sunday, each at most once: "123456" is Monday to Saturday.
_DAYS = re.compile(r"^[1-7]{1,7}$")


def validate_days(value: str) -> None:
    if not _DAYS.match(value or "") or len(set(value)) != len(value):
        raise ValidationError(
            _("Give the working days as digits 1 (Monday) to 7 (Sunday), each once, e.g. 123456."),
            code="invalid_days",
        )


class ShiftSchedule(models.Model):
    """One shift of an enterprise: when it starts and ends, on which days, and how many people work it.

    A shift may run past midnight (22:00–06:00): it ends on the day after the one it starts on.
    """

    enterprise = models.ForeignKey(
        "park.Enterprise", on_delete=models.CASCADE, related_name="shifts", verbose_name=_("enterprise")
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("e.g. Ca 1, Ca hành chính"))
    start = models.TimeField(_("starts at"))
    end = models.TimeField(_("ends at"))
    days = models.CharField(
        _("working days"), max_length=7, default="123456", validators=[validate_days],
        help_text=_("Digits 1 (Monday) to 7 (Sunday): 123456 is Monday to Saturday."),
    )  # fmt: skip
    headcount = models.PositiveIntegerField(_("headcount"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["enterprise", "start", "name"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [models.UniqueConstraint(fields=["enterprise", "name"], name="shift_unique_name")]

    def __str__(self):
        return f"{self.name} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        if self.start is not None and self.start == self.end:
            raise ValidationError({"end": _("A shift must end at another time than it starts.")})
        if self.days:
            self.days = "".join(sorted(self.days))
