"""The environment app's report sections: the targets at a glance, and air, discharges and transmissions.

Figures come from what the app keeps: daily VN_AQI as the AQI API computes it, the compliance
verdicts, the Circular 10 ledger, the connection register and the monthly energy reports. The
plain-words summaries are pure functions of the counts (tests/reports/test_summaries.py).
"""

from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from environment import aqi, green_energy, reports, targets
from environment.kpis import connection_figures
from environment.models import ComplianceRecord, Station, StationRole, Transmission, TransmissionState
from environment.submissions.energy_water import MONTHLY_ENERGY_WATER
from ioc.park.choices import EnterpriseStatus
from ioc.park.models import Channel
from ioc.reports.periods import Period
from ioc.reports.scope import ENTERPRISE, Scope
from ioc.reports.sections import (
    BAR,
    DATE,
    INT,
    LINE,
    PERCENT,
    STACKED_BAR,
    Chart,
    Column,
    Section,
    SectionData,
    Table,
)
from ioc.reports.summaries import count, days_phrase, join_words, percent
from ioc.submissions.choices import Status
from ioc.submissions.models import Submission
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.models import RollupDay

COUNTED = (Status.SUBMITTED, Status.ACCEPTED)
DAILY_TABLE_MAX_DAYS = 92  # a day-by-day AQI table for a month or a quarter; a year gets the band counts only
COMPLETENESS_TARGET = Decimal("1")  # "continuous" monitoring (park.md); no official share is set


def parameter_name(key: str) -> str:
    metric = METRICS.get(key)
    return str(metric.name) if metric else key


def station_label(station: Station, language: str) -> str:
    name = station.name_en if language == "en" and station.name_en else station.name_vi
    return f"{name} ({station.code})"


# ---- plain words (pure) ----


def exceedance_summary(rows: list[tuple[str, str, int, list]]) -> list[str]:
    """rows: (parameter, where, hours exceeded, local days they fell on), most hours first."""
    if not rows:
        return [_("No hourly limit was exceeded at the judged stations.")]
    return [
        ngettext(
            "%(n)s exceedance hour of %(parameter)s at %(where)s, %(when)s.",
            "%(n)s exceedance hours of %(parameter)s at %(where)s, %(when)s.",
            hours,
        )
        % {"n": count(hours), "parameter": parameter, "where": where, "when": days_phrase(days)}
        for parameter, where, hours, days in rows
    ]


def aqi_summary(station: str, days_by_band: list[tuple[str, int]], no_aqi: int) -> str:
    """One station's days per band: "ĐA-AIR-01: 20 days Good, 8 Moderate; 2 days without an AQI"."""
    parts = [_("%(n)s %(band)s") % {"n": count(n), "band": band} for band, n in days_by_band if n]
    text = (
        _("%(station)s: days per AQI band — %(bands)s") % {"station": station, "bands": join_words(parts)}
        if parts
        else _("%(station)s: no day with an AQI") % {"station": station}
    )
    if no_aqi and parts:
        text += "; " + ngettext("%(n)s day without enough data", "%(n)s days without enough data", no_aqi) % {
            "n": count(no_aqi)
        }
    return text + "."


def transmission_summary(made: int, on_time: int, late: int, unsent: int, no_data: int) -> str:
    if not made:
        return _("No file was due to the Department in this period.")
    sent_share = on_time / (made - no_data) if made - no_data else None
    text = _(
        "%(made)s files due to the Department: %(on_time)s sent on time (%(share)s), %(late)s late, "
        "%(unsent)s not yet sent"
    ) % {
        "made": count(made),
        "on_time": count(on_time),
        "share": percent(sent_share),
        "late": count(late),
        "unsent": count(unsent),
    }
    if no_data:
        text += "; " + ngettext("%(n)s period had no data", "%(n)s periods had no data", no_data) % {
            "n": count(no_data)
        }
    return text + "."


def target_verdict(value: float | None, target: float) -> str:
    if value is None:
        return _("no data")
    return _("met") if value >= target else _("not met")


# ---- reads ----


def stations_in(scope: Scope):
    return Station.objects.filter(scope.device_q("device")).select_related("device", "standard")


def exceedances(period: Period, stations) -> list[dict]:
    """Judged periods and exceedances per station, parameter and averaging, with the exceeded days."""
    first, after = period.bounds()
    records = ComplianceRecord.objects.filter(
        station__in=stations, period_end__gt=first, period_end__lte=after
    )
    rows = list(
        records.values("station", "parameter", "averaging")
        .annotate(judged=Count("id"), exceeded=Count("id", filter=Q(compliant=False)))
        .order_by("station", "parameter", "averaging")
    )
    days = defaultdict(list)
    for station, parameter, averaging, start in records.filter(compliant=False).values_list(
        "station", "parameter", "averaging", "period_start"
    ):
        days[(station, parameter, averaging)].append(timezone.localdate(start))
    for row in rows:
        row["days"] = sorted(days[(row["station"], row["parameter"], row["averaging"])])
    return rows


def transmissions(period: Period, stations) -> dict:
    first, after = period.bounds()
    due = timedelta(
        minutes=settings.ENV_TRANSMISSION_PERIOD_MINUTES, seconds=settings.ENV_TRANSMISSION_DELAY_SECONDS
    )
    ledger = Transmission.objects.filter(station__in=stations, period_end__gt=first, period_end__lte=after)
    found = {"made": 0, "on_time": 0, "late": 0, "unsent": 0, "no_data": 0}
    for state, end, sent in ledger.values_list("state", "period_end", "sent_at").iterator():
        found["made"] += 1
        if state == TransmissionState.NO_DATA:
            found["no_data"] += 1
        elif state == TransmissionState.SENT:
            found["on_time" if sent - end <= due else "late"] += 1
        else:
            found["unsent"] += 1
    return found


def completeness(period: Period, stations) -> float | None:
    """Readings received / readings expected, over the stations' channels and the period so far."""
    first, after = period.bounds()
    end = min(after, timezone.now())
    expected = Decimal(0)
    channels = defaultdict(list)
    for pk, device, interval in Channel.objects.filter(device__station__in=stations).values_list(
        "pk", "device", "device__expected_interval"
    ):
        channels[device].append(pk)
        expected += Decimal(max((end - first).total_seconds(), 0)) / Decimal(interval.total_seconds())
    if expected < 1:
        return None
    ids = [pk for group in channels.values() for pk in group]
    got = (
        RollupDay.objects.filter(channel__in=ids, bucket__gte=first, bucket__lt=after).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )
    return min(float(got / expected), 1.0)


def energy_reports(period: Period, scope: Scope) -> dict[int, list[dict]]:
    rows = Submission.objects.filter(
        kind=MONTHLY_ENERGY_WATER.key, period__in=period.months(), status__in=COUNTED
    )
    rows = rows.filter(enterprise__in=scope.enterprises().filter(status=EnterpriseStatus.OPERATING))
    found = defaultdict(list)
    for enterprise, data in rows.values_list("enterprise", "data"):
        found[enterprise].append(data)
    return found


# ---- targets at a glance ----


def _share(numerator: int | float, denominator: int | float) -> float | None:
    return float(numerator) / float(denominator) if denominator else None


def _green_energy_row(period: Period, scope: Scope) -> tuple:
    operating = scope.enterprises().filter(status=EnterpriseStatus.OPERATING).count()
    mixes = {e: green_energy.period_mix(reports) for e, reports in energy_reports(period, scope).items()}
    green = sum(1 for mix in mixes.values() if mix.green_user)
    basis = _(
        "%(green)s green-energy users of %(operating)s operating enterprises (%(reported)s reported energy)"
    ) % {"green": green, "operating": operating, "reported": len(mixes)}
    value = _share(green, operating) if mixes else None
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
    return (what, _share(judged - exceeded, judged), 1.0, basis)


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
            _share(sent["on_time"], judged),
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


# ---- environment ----


def _aqi_tables(period: Period, stations, language: str):
    air = list(stations.filter(kind="air"))
    bands = [(b.name_en if language == "en" else b.name_vi, b.hex) for b in aqi.BANDS]
    per_station, daily, lines = [], defaultdict(dict), []
    for station in air:
        entries = list(reports.daily_aqi(station, period.start, period.end))
        tally = Counter(
            (e["band"]["name_en" if language == "en" else "name_vi"] if e["band"] else None) for e in entries
        )
        per_station.append((station.code, *[tally[name] for name, _hex in bands], tally[None]))
        lines.append(
            aqi_summary(
                station_label(station, language), [(name, tally[name]) for name, _hex in bands], tally[None]
            )
        )
        for e in entries:
            daily[e["date"]][station.code] = e["aqi"]
    columns = (
        Column("station", _("Station")),
        *[Column(f"band_{i}", name, INT) for i, (name, _h) in enumerate(bands)],
        Column("no_aqi", _("No AQI (not enough data)"), INT),
    )
    days_table = Table(
        "aqi_days", _("Days per AQI band (VN_AQI, Decision 1459/QĐ-TCMT)"), columns, tuple(per_station)
    )
    chart = Chart(
        "aqi_days",
        _("Days per AQI band"),
        "aqi_days",
        "station",
        tuple(c.key for c in columns[1:]),
        kind=STACKED_BAR,
        y_title=_("days"),
        colors=(*[h for _n, h in bands], "#cbd5e0"),
    )
    tables, charts = [days_table], [chart]
    if air and period.days <= DAILY_TABLE_MAX_DAYS:
        codes = [s.code for s in air]
        rows = tuple((day, *[daily[day.isoformat()].get(c) for c in codes]) for day in period.day_list())
        tables.append(
            Table(
                "aqi_daily",
                _("Daily AQI"),
                (Column("date", _("Day"), DATE), *[Column(c, c, INT) for c in codes]),
                rows,
            )
        )
        charts.append(
            Chart("aqi_daily", _("Daily AQI"), "aqi_daily", "date", tuple(codes), kind=LINE, y_title="VN_AQI")
        )
    return (tables, charts, lines) if air else ([], [], [])


def _exceedance_table(period: Period, stations, language: str):
    names = {s.pk: station_label(s, language) for s in stations}
    codes = {s.pk: s.code for s in stations}
    rows = exceedances(period, stations)
    table = Table(
        "exceedances",
        _("Compliance by parameter"),
        (
            Column("station", _("Station")),
            Column("parameter", _("Parameter")),
            Column("averaging", _("Averaging")),
            Column("judged", _("Periods judged"), INT),
            Column("exceeded", _("Periods exceeded"), INT),
            Column("rate", _("Compliant"), PERCENT),
            Column("days", _("Days with exceedances")),
        ),
        tuple(
            (
                names[r["station"]],
                parameter_name(r["parameter"]),
                r["averaging"],
                r["judged"],
                r["exceeded"],
                _share(r["judged"] - r["exceeded"], r["judged"]),
                ", ".join(f"{d:%d/%m}" for d in sorted(set(r["days"]))),
            )
            for r in rows
        ),
    )
    hourly = [r for r in rows if r["averaging"] == "1h" and r["exceeded"]]
    hours = Table(
        "exceedance_hours",
        _("Exceedance hours by parameter"),
        (
            Column("what", _("Station · parameter")),
            Column("hours", _("Hours"), INT),
        ),
        tuple((f"{codes[r['station']]} · {parameter_name(r['parameter'])}", r["exceeded"]) for r in hourly),
    )
    chart = Chart(
        "exceedance_hours",
        _("Exceedance hours by parameter"),
        "exceedance_hours",
        "what",
        ("hours",),
        kind=BAR,
        y_title=_("hours"),
        colors=("#c53030",),
    )
    summary = exceedance_summary(
        sorted(
            ((parameter_name(r["parameter"]), names[r["station"]], r["exceeded"], r["days"]) for r in hourly),
            key=lambda x: -x[2],
        )
    )
    return (table, hours, chart, summary) if rows else None


def build_environment(period: Period, scope: Scope, language: str) -> SectionData:
    stations = stations_in(scope)
    tables, charts, summary = _aqi_tables(period, stations, language)
    judged = _exceedance_table(
        period, stations.filter(role__in=[r for r in StationRole if r != StationRole.AMBIENT]), language
    )
    if judged:
        table, hours, chart, lines = judged
        tables += [hours, table]
        charts.append(chart)
        summary += lines
    sent = transmissions(period, stations.filter(transmits=True))
    if sent["made"]:
        tables.append(
            Table(
                "transmissions",
                _("Files sent to the Department (Circular 10/2021/TT-BTNMT)"),
                (
                    Column("made", _("Files due"), INT),
                    Column("on_time", _("Sent on time"), INT),
                    Column("late", _("Sent late"), INT),
                    Column("unsent", _("Not yet sent"), INT),
                    Column("no_data", _("Periods without data"), INT),
                ),
                ((sent["made"], sent["on_time"], sent["late"], sent["unsent"], sent["no_data"]),),
            )
        )
        summary.append(transmission_summary(**sent))
    title = str(ENVIRONMENT.title)
    if not tables:
        return SectionData.empty(
            ENVIRONMENT.key, title, _("No monitoring station in this scope had data for the period.")
        )
    return SectionData(
        key=ENVIRONMENT.key,
        title=title,
        summary=tuple(summary),
        tables=tuple(tables),
        charts=tuple(charts),
        notes=(
            _(
                "Exceedances are judged on each limit's own averaging period (QCVN 40:2011, QCVN 05:2023, "
                "QCVN 19:2009); an exceedance hour is an hourly mean outside its limit."
            ),
        ),
    )


ENVIRONMENT = Section(key="environment", title=gettext_lazy("Environment"), order=20, build=build_environment)
SECTIONS = (TARGETS, ENVIRONMENT)
