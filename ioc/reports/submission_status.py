"""The submissions section: enterprise reports expected in the period, received on time, late, missing."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ioc.park.choices import EnterpriseStatus
from ioc.registry import registry
from ioc.reports.periods import Period
from ioc.reports.scope import Scope
from ioc.reports.sections import DATE, INT, STACKED_BAR, Chart, Column, Section, SectionData, Table
from ioc.reports.summaries import count
from ioc.submissions import deadlines
from ioc.submissions.selectors import first_sent_on

STATES = (deadlines.ON_TIME, deadlines.LATE, deadlines.MISSING)
STATE_NAMES = {deadlines.LATE: gettext_lazy("Late"), deadlines.MISSING: gettext_lazy("Missing")}


def submissions_summary(expected: int, on_time: int, late: int, missing: int, pending: int) -> list[str]:
    """Pure: the counts over every kind and month of the period."""
    if not expected:
        return [_("No enterprise report was expected in this period.")]
    lines = [
        _(
            "Of %(expected)s reports expected, %(on_time)s arrived on time, %(late)s late and %(missing)s "
            "are missing."
        )
        % {
            "expected": count(expected),
            "on_time": count(on_time),
            "late": count(late),
            "missing": count(missing),
        }
    ]
    if pending:
        lines.append(
            ngettext("%(n)s is not due yet.", "%(n)s are not due yet.", pending) % {"n": count(pending)}
        )
    return lines


def kind_periods(kind, period: Period) -> list[date]:
    """Periods of `kind` that end inside the report's period: its months, or its years whose last day is in it."""
    if kind.cadence == "monthly":
        return period.months()
    return [
        date(y, 1, 1)
        for y in range(period.start.year, period.end.year + 1)
        if period.start <= date(y, 12, 31) <= period.end
    ]


def build(period: Period, scope: Scope, language: str) -> SectionData:
    enterprises = scope.enterprises().filter(status=EnterpriseStatus.OPERATING)
    expected = [
        deadlines.Expected(pk, started) for pk, started in enterprises.values_list("pk", "started_operation")
    ]
    names = dict(enterprises.values_list("pk", "name_vi" if language == "vi" else "name_en"))
    fallback = dict(enterprises.values_list("pk", "name_vi"))
    today = timezone.localdate()
    totals, missing_rows = [], []
    for kind in sorted(registry.submission_kinds.values(), key=lambda k: k.key):
        states = dict.fromkeys((*STATES, "pending"), 0)
        for when in kind_periods(kind, period):
            for row in deadlines.standing(kind, when, expected, first_sent_on(kind.key, when), today, 0):
                states[row.state if row.state in STATES else "pending"] += 1
                if row.state in (deadlines.LATE, deadlines.MISSING):
                    missing_rows.append(
                        (
                            names.get(row.enterprise_id) or fallback[row.enterprise_id],
                            str(kind.title),
                            when,
                            str(STATE_NAMES[row.state]),
                            row.days_late,
                        )
                    )
        expected_n = sum(states.values())
        if expected_n:
            totals.append(
                (
                    str(kind.title),
                    expected_n,
                    states[deadlines.ON_TIME],
                    states[deadlines.LATE],
                    states[deadlines.MISSING],
                    states["pending"],
                )
            )
    title = str(SECTION.title)
    if not totals:
        return SectionData.empty(SECTION.key, title, _("No enterprise report was expected in this period."))
    by_kind = Table(
        "by_kind",
        _("Reports by kind"),
        (
            Column("kind", _("Report")),
            Column("expected", _("Expected"), INT),
            Column("on_time", _("On time"), INT),
            Column("late", _("Late"), INT),
            Column("missing", _("Missing"), INT),
            Column("pending", _("Not due yet"), INT),
        ),
        tuple(totals),
    )
    late = Table(
        "late_missing",
        _("Late and missing reports"),
        (
            Column("enterprise", _("Enterprise")),
            Column("kind", _("Report")),
            Column("period", _("Period"), DATE),
            Column("state", _("State")),
            Column("days_late", _("Days late"), INT),
        ),
        tuple(sorted(missing_rows, key=lambda r: (-r[4], r[0]))),
    )
    chart = Chart(
        "by_kind",
        _("Reports by kind"),
        "by_kind",
        "kind",
        ("on_time", "late", "missing"),
        kind=STACKED_BAR,
        y_title=_("reports"),
        colors=("#2f855a", "#dd6b20", "#c53030"),
    )
    sums = [sum(row[i] for row in totals) for i in range(1, 6)]
    return SectionData(
        key=SECTION.key,
        title=title,
        summary=tuple(submissions_summary(*sums)),
        tables=(by_kind, late),
        charts=(chart,),
        notes=(
            _(
                "A report counts as sent on the day of its first submission; the deadline "
                "day itself is on time."
            ),
        ),
    )


SECTION = Section(
    key="submissions",
    title=gettext_lazy("Enterprise reports received, late and missing"),
    order=70,
    build=build,
)
