"""The monthly labour report enterprises submit, and what the ward checks in it."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ioc.submissions.kinds import Field, Flag, SubmissionKind, relative_jump
from labour import rules

HEADCOUNT = ("headcount_vn_male", "headcount_vn_female", "headcount_foreign_male", "headcount_foreign_female")
MAX_HOURS_IN_MONTH = 744  # 31 × 24: no worker can do more overtime than that


def headcount(data: dict) -> int:
    return sum(data.get(name) or 0 for name in HEADCOUNT)


def consistency(data: dict, period: date | None = None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data["wage_lowest"] > data["wage_average"]:
        errors["wage_lowest"] = [gettext("The lowest wage cannot be above the average wage.")]
    if (data.get("overtime_hours_max_worker_year") or data["overtime_hours_max_worker"]) < data[
        "overtime_hours_max_worker"
    ]:
        errors["overtime_hours_max_worker_year"] = [
            gettext("The year's overtime cannot be less than this month's.")
        ]
    if data["overtime_hours_max_worker"] > data["overtime_hours_total"]:
        errors["overtime_hours_max_worker"] = [gettext("One worker's overtime cannot exceed the total.")]
    if data["accidents_fatal"] + data["accidents_injured"] > headcount(data) > 0:
        errors["accidents_injured"] = [gettext("More accident victims than workers.")]
    return errors


def plausibility(data: dict, history: list[dict]) -> list[Flag]:
    """Accepted but flagged: tenfold jumps against the enterprise's own months, and a headcount change
    that hires and separations do not explain."""
    flags = []
    for name in (*HEADCOUNT, "wage_average", "overtime_hours_total"):
        previous = [Decimal(str(h.get(name) or 0)) for h in history]
        if relative_jump(Decimal(str(data.get(name) or 0)), previous):
            flags.append(
                Flag("tenfold_jump", name, gettext("Ten times more (or less) than in the previous months."))
            )
    if history:
        change = headcount(data) - headcount(history[0])
        explained = data["hires"] - data["separations"]
        if abs(change - explained) > max(5, headcount(data) * 0.05):
            flags.append(Flag("headcount_unexplained", "hires", gettext(
                "Headcount changed by %(change)d but hires − separations is %(explained)d."
            ) % {"change": change, "explained": explained}))  # fmt: skip
    return flags


def checks(data: dict, period: date, enterprise=None) -> list[Flag]:
    """The ward's checks, run when the park accepts the report."""
    flags = []
    region = settings.PARK_WAGE_REGION
    minimum = rules.minimum_wage(period, region)
    if minimum is not None and data["wage_lowest"] < minimum.by_region[region]:
        flags.append(Flag("below_minimum_wage", "wage_lowest", gettext(
            "Lowest wage %(wage)s VND is below the region %(region)s minimum of %(minimum)s VND (%(decree)s)."
        ) % {"wage": number_format(data["wage_lowest"], force_grouping=True), "region": region,
             "minimum": number_format(minimum.by_region[region], force_grouping=True), "decree": minimum.decree}))  # fmt: skip
    if data["overtime_hours_max_worker"] > rules.OVERTIME_MONTH_CAP_H:
        flags.append(Flag("overtime_above_cap", "overtime_hours_max_worker", gettext(
            "%(hours)s overtime hours in a month for one worker: the cap is %(cap)d (Labour Code 2019, Art. 107)."
        ) % {"hours": number_format(data["overtime_hours_max_worker"]), "cap": rules.OVERTIME_MONTH_CAP_H}))  # fmt: skip
    year_cap = rules.overtime_year_cap(getattr(enterprise, "sector", ""))
    if (data.get("overtime_hours_max_worker_year") or 0) > year_cap:
        flags.append(Flag("overtime_above_year_cap", "overtime_hours_max_worker_year", gettext(
            "%(hours)s overtime hours this year for one worker: the cap is %(cap)d (Decree 145/2020, Art. 60–61)."
        ) % {"hours": number_format(data["overtime_hours_max_worker_year"]), "cap": year_cap}))  # fmt: skip
    if data["accidents_fatal"]:
        flags.append(Flag("fatal_accident", "accidents_fatal", gettext("%(n)d fatal occupational accident(s).") % {
            "n": data["accidents_fatal"]}))  # fmt: skip
    frequency = rules.accident_frequency(data["accidents_injured"], data["accidents_fatal"], headcount(data))
    if frequency:
        flags.append(Flag("accident_frequency", "accidents_injured", gettext(
            "%(f)s accident victims per 1,000 workers this month.") % {"f": number_format(frequency, 2)}))  # fmt: skip
    return flags


def _count(name, label):
    return Field(name, label, kind="int", maximum=1_000_000)


MONTHLY_LABOUR = SubmissionKind(
    key="labour.monthly",
    app="labour",
    title=_("Monthly labour report"),
    version=1,
    cadence="monthly",
    fields=(
        _count("headcount_vn_male", _("Vietnamese workers, men")),
        _count("headcount_vn_female", _("Vietnamese workers, women")),
        _count("headcount_foreign_male", _("Foreign workers, men")),
        _count("headcount_foreign_female", _("Foreign workers, women")),
        _count("hires", _("Hires in the month")),
        _count("separations", _("Separations in the month")),
        Field("wage_average", _("Average monthly wage"), kind="int", unit="VND", maximum=10_000_000_000),
        Field("wage_lowest", _("Lowest monthly wage"), kind="int", unit="VND", maximum=10_000_000_000),
        Field("overtime_hours_total", _("Overtime, all workers"), unit="h", maximum=100_000_000),
        Field(
            "overtime_hours_max_worker",
            _("Overtime, the most of one worker"),
            unit="h",
            maximum=MAX_HOURS_IN_MONTH,
        ),  # fmt: skip
        Field(
            "overtime_hours_max_worker_year",
            _("Overtime since 1 January, the most of one worker"),
            unit="h",
            maximum=MAX_HOURS_IN_MONTH * 12,
            required=False,
        ),  # fmt: skip
        _count("accidents_injured", _("Occupational accidents: people injured")),
        _count("accidents_fatal", _("Occupational accidents: deaths")),
        _count("days_lost", _("Working days lost to accidents")),
        Field("training_hours", _("Training hours"), unit="h", maximum=100_000_000),
    ),
    consistency=consistency,
    plausibility=plausibility,
    checks=checks,
)
