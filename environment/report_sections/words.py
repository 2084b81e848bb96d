"""The environment sections' summaries in plain words: pure functions of the counts."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ioc.reports.summaries import count, days_phrase, join_words, percent

MAX_EXCEEDANCE_LINES = 5  # a summary names the worst; the table holds them all


def exceedance_summary(rows: list[tuple[str, str, int, list]]) -> list[str]:
    """rows: (parameter, where, hours exceeded, local days they fell on), most hours first."""
    if not rows:
        return [_("No hourly limit was exceeded at the judged stations.")]
    lines = [
        ngettext(
            "%(n)s exceedance hour of %(parameter)s at %(where)s, %(when)s.",
            "%(n)s exceedance hours of %(parameter)s at %(where)s, %(when)s.",
            hours,
        )
        % {"n": count(hours), "parameter": parameter, "where": where, "when": days_phrase(days)}
        for parameter, where, hours, days in rows[:MAX_EXCEEDANCE_LINES]
    ]
    rest = len(rows) - MAX_EXCEEDANCE_LINES
    if rest > 0:
        lines.append(
            ngettext(
                "And %(n)s more parameter and station with exceedances (see the table).",
                "And %(n)s more parameters and stations with exceedances (see the table).",
                rest,
            )
            % {"n": count(rest)}
        )
    return lines


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
