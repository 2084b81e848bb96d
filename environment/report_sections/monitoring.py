"""The environment section: AQI days per band, exceedances by parameter, transmissions to the Department."""

from collections import Counter, defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from environment import aqi, reports
from environment.models import StationRole
from environment.report_sections.reads import (
    DAILY_TABLE_MAX_DAYS,
    exceedances,
    parameter_name,
    share,
    station_label,
    stations_in,
    transmissions,
)
from environment.report_sections.words import aqi_summary, exceedance_summary, transmission_summary
from ioc.reports.periods import Period
from ioc.reports.scope import Scope
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
                share(r["judged"] - r["exceeded"], r["judged"]),
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
        tuple(
            (f"{codes[r['station']]} · {parameter_name(r['parameter'])}", r["exceeded"])
            for r in sorted(hourly, key=lambda r: -r["exceeded"])
        ),
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
        horizontal=True,
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
