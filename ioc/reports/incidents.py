"""The security and traffic section: incidents and alarms of those domains, from ioc.alerts only."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ioc.alerts.choices import Domain, IncidentStatus, Severity
from ioc.alerts.models import Alarm, Incident
from ioc.reports.periods import Period
from ioc.reports.scope import ENTERPRISE, ZONE, Scope
from ioc.reports.sections import BAR, INT, Chart, Column, Section, SectionData, Table
from ioc.reports.summaries import count, join_words

DOMAINS = (Domain.SECURITY, Domain.TRAFFIC)
CLOSED = (IncidentStatus.RESOLVED, IncidentStatus.CLOSED)


def incidents_summary(rows: list[tuple[str, int, int, int]]) -> list[str]:
    """rows: (category name, opened, closed, still open). Pure: worked examples in tests."""
    opened = [(name, n) for name, n, _closed, _open in rows if n]
    if not opened:
        return [_("No security or traffic incident was opened in the period.")]
    parts = [
        ngettext("%(n)s %(category)s incident", "%(n)s %(category)s incidents", n)
        % {"n": count(n), "category": name.lower()}
        for name, n in opened
    ]
    lines = [_("%(incidents)s opened in the period.") % {"incidents": join_words(parts)}]
    still_open = sum(row[3] for row in rows)
    if still_open:
        lines.append(
            ngettext("%(n)s of them is still open.", "%(n)s of them are still open.", still_open)
            % {"n": count(still_open)}
        )
    else:
        lines.append(_("All of them are resolved or closed."))
    return lines


def _incidents(period: Period, scope: Scope):
    first, after = period.bounds()
    queryset = Incident.objects.filter(category__in=DOMAINS, created_at__gte=first, created_at__lt=after)
    if scope.kind == ZONE:
        return queryset.filter(Q(zone=scope.zone_id) | scope.enterprise_q())
    if scope.kind == ENTERPRISE:
        return queryset.filter(enterprise=scope.enterprise_id)
    return queryset


def _alarms(period: Period, scope: Scope):
    first, after = period.bounds()
    queryset = Alarm.objects.filter(rule__domain__in=DOMAINS, first_at__gte=first, first_at__lt=after)
    return queryset.filter(scope.device_q())


def build(period: Period, scope: Scope, language: str) -> SectionData:
    title = str(SECTION.title)
    counts = {
        row["category"]: row
        for row in _incidents(period, scope)
        .values("category")
        .annotate(
            opened=Count("id"),
            closed=Count("id", filter=Q(status__in=CLOSED)),
            critical=Count("id", filter=Q(severity=Severity.CRITICAL)),
        )
    }
    names = dict(Domain.choices)
    by_category = []
    for domain in DOMAINS:
        row = counts.get(domain, {"opened": 0, "closed": 0, "critical": 0})
        by_category.append(
            (str(names[domain]), row["opened"], row["closed"], row["opened"] - row["closed"], row["critical"])
        )
    alarms = (
        _alarms(period, scope)
        .values("rule__name", "rule__domain")
        .annotate(alarms=Count("id"), occurrences=Sum("count"))
        .order_by("-alarms", "rule__name")
    )
    alarm_rows = tuple(
        (a["rule__name"], str(names[a["rule__domain"]]), a["alarms"], a["occurrences"]) for a in alarms
    )
    categories = Table(
        "by_category",
        _("Incidents by category"),
        (
            Column("category", _("Category")),
            Column("opened", _("Opened"), INT),
            Column("closed", _("Resolved or closed"), INT),
            Column("open", _("Still open"), INT),
            Column("critical", _("Critical"), INT),
        ),
        tuple(by_category),
    )
    by_rule = Table(
        "alarms",
        _("Alarms by rule"),
        (
            Column("rule", _("Rule")),
            Column("domain", _("Domain")),
            Column("alarms", _("Alarms"), INT),
            Column("occurrences", _("Occurrences"), INT),
        ),
        alarm_rows,
    )
    chart = Chart(
        "by_category",
        _("Incidents by category"),
        "by_category",
        "category",
        ("opened", "open"),
        kind=BAR,
        y_title=_("incidents"),
    )
    summary = incidents_summary([row[:4] for row in by_category])
    if alarm_rows:
        summary.append(
            ngettext(
                "%(n)s security or traffic alarm was raised.",
                "%(n)s security or traffic alarms were raised.",
                sum(r[2] for r in alarm_rows),
            )
            % {"n": count(sum(r[2] for r in alarm_rows))}
        )
    return SectionData(
        key=SECTION.key,
        title=title,
        summary=tuple(summary),
        tables=(categories, by_rule),
        charts=(chart,),
        notes=(
            _(
                "Incidents opened in the period, as the operators recorded them; "
                "alarms by the day they were first raised."
            ),
        ),
    )


SECTION = Section(
    key="incidents", title=gettext_lazy("Security and traffic incidents"), order=60, build=build
)
