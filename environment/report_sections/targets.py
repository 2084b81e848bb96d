"""Targets at a glance: green energy, wastewater connection, outfall compliance, monitoring (shared/domain/park.md)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from environment import green_energy, targets
from environment.kpis import connection_figures
from environment.models import StationRole
from environment.report_sections.reads import (
    COMPLETENESS_TARGET,
    completeness,
    energy_reports,
    exceedances,
    share,
    stations_in,
    transmissions,
)
from environment.report_sections.words import target_verdict
from ioc.park.choices import EnterpriseStatus
from ioc.reports.periods import Period
from ioc.reports.scope import ENTERPRISE, Scope
from ioc.reports.sections import (
    BAR,
    PERCENT,
    Chart,
    Column,
    Section,
    SectionData,
    Table,
)
from ioc.reports.summaries import percent


def _green_energy_row(period: Period, scope: Scope) -> tuple:
    operating = scope.enterprises().filter(status=EnterpriseStatus.OPERATING).count()
    mixes = {e: green_energy.period_mix(reports) for e, reports in energy_reports(period, scope).items()}
    green = sum(1 for mix in mixes.values() if mix.green_user)
    basis = _(
        "%(green)s green-energy users of %(operating)s operating enterprises (%(reported)s reported energy)"
    ) % {"green": green, "operating": operating, "reported": len(mixes)}
    value = share(green, operating) if mixes else None
    return (
        _("Enterprises using green energy (by %(year)d)") % {"year": green_energy.TARGET_YEAR},
        value,
        float(green_energy.TARGET_SHARE_OF_ENTERPRISES),
        basis,
    )


def _connection_row(period: Period, scope: Scope) -> tuple:
    on = min(period.end, timezone.localdate())
    figures = connection_figures(list(scope.enterprises()), on)["share"]
    basis = _("%(n)s of %(all)s enterprises connected or licensed, on %(day)s") % {
        "n": int(figures["numerator"]),
        "all": int(figures["denominator"]),
        "day": f"{on:%d/%m/%Y}",
    }
    return (
        _("Connected to the central wastewater plant"),
        figures["value"],
        float(targets.CONNECTION_SHARE.value),
        basis,
    )


def _outfall_row(period: Period, scope: Scope) -> tuple:
    role = StationRole.DISCHARGE_POINT if scope.kind == ENTERPRISE else StationRole.PLANT_OUTFALL
    stations = stations_in(scope).filter(role=role)
    rows = [r for r in exceedances(period, stations) if r["averaging"] == "1h"]
    judged, exceeded = sum(r["judged"] for r in rows), sum(r["exceeded"] for r in rows)
    basis = _("%(ok)s of %(judged)s hourly verdicts compliant") % {"ok": judged - exceeded, "judged": judged}
    what = (
        _("Discharge points meeting the standard")
        if scope.kind == ENTERPRISE
        else _("Outfall meeting the standard (hours)")
    )
    return (what, share(judged - exceeded, judged), 1.0, basis)


def _monitoring_rows(period: Period, scope: Scope) -> list[tuple]:
    stations = stations_in(scope)
    sent = transmissions(period, stations.filter(transmits=True))
    judged = sent["made"] - sent["no_data"]
    return [
        (
            _("Monitoring data completeness"),
            completeness(period, stations),
            float(COMPLETENESS_TARGET),
            _("readings received / expected, %(n)s stations") % {"n": stations.count()},
        ),
        (
            _("Files sent to the Department on time"),
            share(sent["on_time"], judged),
            1.0,
            _("%(on_time)s of %(n)s files with data") % {"on_time": sent["on_time"], "n": judged},
        ),
    ]


def build_targets(period: Period, scope: Scope, language: str) -> SectionData:
    rows = [
        _green_energy_row(period, scope),
        _connection_row(period, scope),
        _outfall_row(period, scope),
        *_monitoring_rows(period, scope),
    ]
    table_rows = tuple(
        (what, value, target, target_verdict(value, target), basis) for what, value, target, basis in rows
    )
    table = Table(
        "targets",
        _("Targets at a glance"),
        (
            Column("target", _("Target")),
            Column("value", _("Now"), PERCENT),
            Column("goal", _("Goal"), PERCENT, digits=0),
            Column("verdict", _("Verdict")),
            Column("basis", _("Basis")),
        ),
        table_rows,
    )
    chart = Chart(
        "targets",
        _("Targets at a glance"),
        "targets",
        "target",
        ("value", "goal"),
        kind=BAR,
        y_title="%",
        colors=("#2b6cb0", "#a0aec0"),
        horizontal=True,
    )
    summary = [
        _("%(target)s: %(value)s against %(goal)s (%(verdict)s).")
        % {"target": what, "value": percent(value), "goal": percent(goal, 0), "verdict": verdict}
        for what, value, goal, verdict, _basis in table_rows
    ]
    if all(value is None for _w, value, *_rest in table_rows):
        return SectionData.empty(
            TARGETS.key, str(TARGETS.title), _("No figure behind any target for this period and scope.")
        )
    notes = (
        green_energy.TARGET_SOURCE,
        targets.CONNECTION_SHARE.source,
        _(
            "A green-energy user has a renewable source and draws at least a tenth of its final energy from renewables."
        ),
    )
    return SectionData(
        key=TARGETS.key,
        title=str(TARGETS.title),
        summary=tuple(summary),
        tables=(table,),
        charts=(chart,),
        notes=notes,
    )


TARGETS = Section(key="targets", title=gettext_lazy("Targets at a glance"), order=10, build=build_targets)
