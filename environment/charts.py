"""Charts of the environment page: a discharge point's hourly means against its limit lines (Plotly)."""

import json
from datetime import timedelta

import plotly.graph_objects as go
import plotly.io as pio
from django.utils import timezone
from django.utils.translation import gettext as _

from environment.hourly import HOUR, floor_hour, hourly_means
from environment.models import Station
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.series import local_time

CHART_HOURS = 72


def limit_charts(station: Station, hours: int = CHART_HOURS) -> list[dict]:
    """One figure per hourly-judged parameter the station measures: its means and C_max (and lower)."""
    end = floor_hour(timezone.now()) + HOUR
    start = end - timedelta(hours=hours)
    limits = [
        (row, limit) for row, limit in station.effective_limits(timezone.localdate()) if row.averaging == "1h"
    ]
    means = hourly_means(station.device_id, {row.parameter for row, _limit in limits}, start, end)
    figures = []
    for row, limit in limits:
        series = means.get(row.parameter)
        if not series:
            continue
        hours_sorted = sorted(series)
        x = [local_time(hour) for hour in hours_sorted]
        metric = METRICS.get(row.parameter)
        name = str(metric.name) if metric else row.name
        fig = go.Figure(go.Scatter(x=x, y=[series[h] for h in hours_sorted], mode="lines+markers", name=name))
        for bound, label in ((limit.value, "C_max"), (limit.lower, _("lower limit"))):
            if bound is not None:
                fig.add_hline(y=bound, line={"color": "#c53030", "dash": "dash"},
                              annotation_text=f"{label} {bound:g}", annotation_position="top left")  # fmt: skip
        fig.update_layout(
            title={"text": f"{name} — {limit.derivation}", "font": {"size": 13}},
            margin={"t": 40, "r": 10, "b": 40, "l": 50}, height=260, showlegend=False,
            yaxis={"title": row.unit or ""},
        )  # fmt: skip
        figures.append({"parameter": row.parameter, "figure": json.loads(pio.to_json(fig))})
    return figures
