"""The labour section of the park report, from the monthly labour reports enterprises submit.

Headcount is a stock: a quarter's or a year's figure is its last reported month's, never a sum of
months. Wages are averaged over workers (each enterprise's average weighted by its headcount).
The checks are the ward's (labour/rules.py): region minimum wage, overtime caps, accidents.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ioc.park.choices import EnterpriseStatus
from ioc.reports.periods import Period
from ioc.reports.scope import Scope
from ioc.reports.sections import BAR, DATE, INT, Chart, Column, Section, SectionData, Table
from ioc.reports.summaries import count
from ioc.submissions.choices import Status
from ioc.submissions.models import Submission
from labour import rules
from labour.submissions import MONTHLY_LABOUR, headcount

COUNTED = (Status.SUBMITTED, Status.ACCEPTED)
BELOW_MINIMUM, OVERTIME, FATAL = "below_minimum_wage", "overtime_above_cap", "fatal_accident"


@dataclass
class Month:
    """One month's figures over the enterprises that reported it."""

    reports: int = 0
    headcount: int = 0
    women: int = 0
    foreign: int = 0
    wage_bill: int = 0  # Σ average wage × headcount, for the weighted average
    lowest: int | None = None
    below_minimum: int = 0
    overtime_flags: int = 0
    injured: int = 0
    fatal: int = 0
    days_lost: int = 0

    @property
    def average_wage(self) -> int | None:
        return round(self.wage_bill / self.headcount) if self.headcount else None


def findings(data: dict, period, sector: str) -> list[tuple[str, str]]:
    """The ward's findings on one report (pure): (code, words) for below minimum, overtime over a cap, deaths."""
    found = []
    region = settings.PARK_WAGE_REGION
    minimum = rules.minimum_wage(period, region)
    if minimum is not None and data["wage_lowest"] < minimum.by_region[region]:
        found.append(
            (
                BELOW_MINIMUM,
                _("lowest wage below the region %(region)s minimum (%(decree)s)")
                % {"region": region, "decree": minimum.decree},
            )
        )
    if data["overtime_hours_max_worker"] > rules.OVERTIME_MONTH_CAP_H:
        found.append(
            (
                OVERTIME,
                _("overtime above %(cap)d h in the month (Labour Code 2019, Art. 107)")
                % {"cap": rules.OVERTIME_MONTH_CAP_H},
            )
        )
    year_cap = rules.overtime_year_cap(sector)
    if (data.get("overtime_hours_max_worker_year") or 0) > year_cap:
        found.append(
            (
                OVERTIME,
                _("overtime above %(cap)d h in the year (Decree 145/2020, Art. 60–61)") % {"cap": year_cap},
            )
        )
    if data["accidents_fatal"]:
        found.append((FATAL, _("fatal occupational accident")))
    return found


def labour_summary(
    last_month: str, last: Month, expected: int, below: int, overtime: int, injured: int, fatal: int
) -> list[str]:
    """Pure: the latest month's headcount, and the period's checks and accidents."""
    lines = [
        _("Headcount %(n)s in %(month)s, from %(reports)s of %(expected)s operating enterprises' reports.")
        % {
            "n": count(last.headcount),
            "month": last_month,
            "reports": count(last.reports),
            "expected": count(expected),
        }
    ]
    if below or overtime:
        lines.append(
            _("Reports paying below the minimum wage: %(below)s; with overtime above a cap: %(overtime)s.")
            % {"below": count(below), "overtime": count(overtime)}
        )
    else:
        lines.append(_("No report paid below the minimum wage or went over an overtime cap."))
    if injured or fatal:
        lines.append(
            ngettext(
                "%(n)s person injured in occupational accidents",
                "%(n)s people injured in occupational accidents",
                injured,
            )
            % {"n": count(injured)}
            + ", "
            + ngettext("%(n)s death.", "%(n)s deaths.", fatal) % {"n": count(fatal)}
        )
    else:
        lines.append(_("No occupational accident was reported."))
    return lines


def build(period: Period, scope: Scope, language: str) -> SectionData:
    enterprises = scope.enterprises().filter(status=EnterpriseStatus.OPERATING)
    reports = Submission.objects.filter(
        kind=MONTHLY_LABOUR.key, period__in=period.months(), status__in=COUNTED, enterprise__in=enterprises
    ).select_related("enterprise")
    months: dict = defaultdict(Month)
    flagged = []
    for report in reports.order_by("period", "enterprise__name_vi"):
        data, month = report.data, months[report.period]
        people = headcount(data)
        month.reports += 1
        month.headcount += people
        month.women += (data.get("headcount_vn_female") or 0) + (data.get("headcount_foreign_female") or 0)
        month.foreign += (data.get("headcount_foreign_male") or 0) + (
            data.get("headcount_foreign_female") or 0
        )
        month.wage_bill += data["wage_average"] * people
        month.lowest = data["wage_lowest"] if month.lowest is None else min(month.lowest, data["wage_lowest"])
        month.injured += data["accidents_injured"]
        month.fatal += data["accidents_fatal"]
        month.days_lost += data.get("days_lost") or 0
        found = findings(data, report.period, report.enterprise.sector)
        codes = {code for code, _words in found}
        month.below_minimum += BELOW_MINIMUM in codes
        month.overtime_flags += OVERTIME in codes
        flagged += [(report.enterprise.name, report.period, words) for _code, words in found]
    title = str(SECTION.title)
    if not months:
        return SectionData.empty(
            SECTION.key, title, _("No monthly labour report was submitted for this period.")
        )
    return _section(title, months, flagged, enterprises.count())


def _section(title: str, months: dict, flagged: list, expected: int) -> SectionData:
    rows = tuple(
        (
            m,
            v.reports,
            v.headcount,
            v.women,
            v.foreign,
            v.average_wage,
            v.lowest,
            v.below_minimum,
            v.overtime_flags,
            v.injured,
            v.fatal,
            v.days_lost,
        )
        for m, v in sorted(months.items())
    )
    by_month = Table(
        "by_month",
        _("Labour by month"),
        (
            Column("month", _("Month"), DATE),
            Column("reports", _("Reports"), INT),
            Column("headcount", _("Headcount"), INT),
            Column("women", _("Women"), INT),
            Column("foreign", _("Foreign workers"), INT),
            Column("wage_average", _("Average wage"), INT, "VND"),
            Column("wage_lowest", _("Lowest wage"), INT, "VND"),
            Column("below_minimum", _("Below minimum wage"), INT),
            Column("overtime", _("Overtime above a cap"), INT),
            Column("injured", _("Injured"), INT),
            Column("fatal", _("Deaths"), INT),
            Column("days_lost", _("Days lost"), INT),
        ),
        rows,
    )
    checks = Table(
        "findings",
        _("The ward's findings"),
        (
            Column("enterprise", _("Enterprise")),
            Column("month", _("Month"), DATE),
            Column("finding", _("Finding")),
        ),
        tuple(flagged),
    )
    chart = Chart(
        "headcount",
        _("Headcount by month"),
        "by_month",
        "month",
        ("headcount",),
        kind=BAR,
        y_title=_("workers"),
    )
    last_month, last = max(months.items())
    summary = labour_summary(
        f"{last_month:%m/%Y}",
        last,
        expected,
        sum(m.below_minimum for m in months.values()),
        sum(m.overtime_flags for m in months.values()),
        sum(m.injured for m in months.values()),
        sum(m.fatal for m in months.values()),
    )
    return SectionData(
        key=SECTION.key,
        title=title,
        summary=tuple(summary),
        tables=(by_month, checks),
        charts=(chart,),
        notes=(_("Figures as enterprises reported them (submitted or accepted reports)."),),
    )


SECTION = Section(key="labour", title=gettext_lazy("Labour"), order=40, build=build)
