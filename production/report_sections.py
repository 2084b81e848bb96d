"""The production section of the park report: output and exports from the monthly production reports."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ioc.park.choices import EnterpriseStatus
from ioc.reports.periods import Period
from ioc.reports.scope import Scope
from ioc.reports.sections import BAR, DATE, DECIMAL, INT, PERCENT, Chart, Column, Section, SectionData, Table
from ioc.reports.summaries import count
from ioc.submissions.choices import Status
from ioc.submissions.models import Submission
from production.submissions import MONTHLY_PRODUCTION

COUNTED = (Status.SUBMITTED, Status.ACCEPTED)
BILLION = Decimal(10**9)
MILLION = Decimal(10**6)


@dataclass
class Month:
    reports: int = 0
    output_vnd: int = 0
    export_usd: Decimal = Decimal(0)
    utilisation: list = field(default_factory=list)

    @property
    def mean_utilisation(self) -> float | None:
        return float(sum(self.utilisation) / len(self.utilisation)) / 100 if self.utilisation else None


def production_summary(reports: int, expected: int, output_vnd: int, export_usd: Decimal) -> list[str]:
    """Pure: the period's totals in billions of dong and millions of dollars."""
    return [
        _(
            "Output %(output)s billion VND and exports %(exports)s million USD, from %(reports)s reports of "
            "%(expected)s operating enterprises."
        )
        % {
            "output": count(Decimal(output_vnd) / BILLION, 1),
            "exports": count(export_usd / MILLION, 2),
            "reports": count(reports),
            "expected": count(expected),
        }
    ]


def build(period: Period, scope: Scope, language: str) -> SectionData:
    enterprises = scope.enterprises().filter(status=EnterpriseStatus.OPERATING)
    reports = Submission.objects.filter(
        kind=MONTHLY_PRODUCTION.key,
        period__in=period.months(),
        status__in=COUNTED,
        enterprise__in=enterprises,
    )
    months: dict = defaultdict(Month)
    for when, data in reports.values_list("period", "data"):
        month = months[when]
        month.reports += 1
        month.output_vnd += int(data.get("output_value_vnd") or 0)
        month.export_usd += Decimal(str(data.get("export_value_usd") or 0))
        if data.get("capacity_utilisation") is not None:
            month.utilisation.append(Decimal(str(data["capacity_utilisation"])))
    title = str(SECTION.title)
    if not months:
        return SectionData.empty(
            SECTION.key, title, _("No monthly production report was submitted for this period.")
        )
    rows = tuple(
        (
            m,
            v.reports,
            round(Decimal(v.output_vnd) / BILLION, 3),
            round(v.export_usd / MILLION, 3),
            v.mean_utilisation,
        )
        for m, v in sorted(months.items())
    )
    table = Table(
        "by_month",
        _("Output and exports by month"),
        (
            Column("month", _("Month"), DATE),
            Column("reports", _("Reports"), INT),
            Column("output", _("Output value"), DECIMAL, _("billion VND"), 1),
            Column("exports", _("Export value"), DECIMAL, _("million USD"), 2),
            Column("utilisation", _("Capacity utilisation (mean)"), PERCENT),
        ),
        rows,
    )
    chart = Chart(
        "output",
        _("Output value by month"),
        "by_month",
        "month",
        ("output",),
        kind=BAR,
        y_title=_("billion VND"),
    )
    exports = Chart(
        "exports",
        _("Export value by month"),
        "by_month",
        "month",
        ("exports",),
        kind=BAR,
        y_title=_("million USD"),
        colors=("#2f855a",),
    )
    summary = production_summary(
        sum(v.reports for v in months.values()),
        enterprises.count() * len(period.months()),
        sum(v.output_vnd for v in months.values()),
        sum((v.export_usd for v in months.values()), Decimal(0)),
    )
    return SectionData(
        key=SECTION.key,
        title=title,
        summary=tuple(summary),
        tables=(table,),
        charts=(chart, exports),
        notes=(_("Figures as enterprises reported them (submitted or accepted reports)."),),
    )


SECTION = Section(key="production", title=gettext_lazy("Production"), order=50, build=build)
