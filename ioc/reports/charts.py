"""A section's chart, drawn from its table: as a Plotly figure for the page, as SVG for the PDF.

Why not Plotly's own static export for the PDF: it needs kaleido driving a Chrome process, one
browser start per export in the worker, and a browser in the production image. The charts of a
report are bars and lines of a few dozen points; matplotlib draws them to SVG in-process, offline,
the same every time, and WeasyPrint embeds the SVG as vector graphics. Both drawings read the same
table, so they show the same numbers.
"""

import base64
import io
import textwrap
from datetime import date
from functools import lru_cache

from ioc.reports.sections import BAR, LINE, STACKED_BAR, Chart, Table

PALETTE = ("#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#b7791f", "#319795", "#718096")


def axis_labels(values: list) -> list[str]:
    """Days as 12/10, months (first days only) as 10/2025, anything else as text."""
    if values and all(isinstance(v, date) for v in values):
        monthly = all(v.day == 1 for v in values) and len({(v.year, v.month) for v in values}) == len(values)
        return [f"{v:%m/%Y}" if monthly else f"{v:%d/%m}" for v in values]
    return [str(v) for v in values]


def has_data(chart: Chart, table: Table) -> bool:
    return any(v is not None for key in chart.y for v in table.values(key))


def _series(chart: Chart, table: Table):
    x = axis_labels(table.values(chart.x))
    for i, key in enumerate(chart.y):
        column = table.columns[table.column(key)]
        values = [v * 100 if v is not None and column.type == "percent" else v for v in table.values(key)]
        color = (
            chart.colors[i] if len(chart.colors) > i and not chart.color_by_row else PALETTE[i % len(PALETTE)]
        )
        yield x, values, column.title, color


def _row_colors(chart: Chart, count: int) -> list[str]:
    return [chart.colors[i % len(chart.colors)] for i in range(count)] if chart.colors else []


def plotly_figure(chart: Chart, table: Table) -> dict:
    """A Plotly figure spec (data, layout) as plain JSON."""
    data = []
    for x, values, name, color in _series(chart, table):
        trace = {"x": x, "y": values, "name": name}
        if chart.kind == LINE:
            trace.update(type="scatter", mode="lines+markers", line={"color": color})
        else:
            marker = _row_colors(chart, len(x)) if chart.color_by_row else color
            trace.update(type="bar", marker={"color": marker, "line": {"color": "#4a5568", "width": 0.5}})
            if chart.horizontal:
                trace.update(x=values, y=x, orientation="h")
        data.append(trace)
    layout = {
        "title": {"text": chart.title},
        "margin": {"l": 50, "r": 20, "t": 50, "b": 60},
        "yaxis": {"title": {"text": chart.y_title}, "rangemode": "tozero"},
        "showlegend": len(chart.y) > 1,
        "height": 320,
    }
    if chart.horizontal:
        layout.update(
            xaxis={"title": {"text": chart.y_title}, "rangemode": "tozero"},
            yaxis={"automargin": True, "autorange": "reversed"},
            height=max(240, 60 + 26 * len(table.rows)),
            margin={"l": 220, "r": 20, "t": 50, "b": 40},
        )
    if chart.kind == STACKED_BAR:
        layout["barmode"] = "stack"
    elif chart.kind == BAR and len(chart.y) > 1:
        layout["barmode"] = "group"
    return {"data": data, "layout": layout}


@lru_cache(maxsize=1)
def _pyplot():
    import matplotlib

    matplotlib.use("svg")  # no display in a worker
    import matplotlib.pyplot as plt

    # Text drawn as outlines: the SVG carries its Vietnamese glyphs, whatever fonts the PDF has.
    plt.rcParams.update({"svg.fonttype": "path", "font.family": "DejaVu Sans", "font.size": 9})
    return plt


def svg(chart: Chart, table: Table) -> str:
    """The chart as an SVG document, about 16 × 7 cm."""
    plt = _pyplot()
    height = max(2.0, 0.6 + 0.28 * len(table.rows)) if chart.horizontal else 2.8
    figure, axes = plt.subplots(figsize=(6.3, height))
    try:
        _draw(axes, chart, table)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg")
    finally:
        plt.close(figure)
    return out.getvalue()


def svg_data_uri(chart: Chart, table: Table) -> str:
    """For an <img>: each chart is drawn apart, so the ids matplotlib gives its parts never clash."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(chart, table).encode()).decode()


def _draw_horizontal(axes, chart: Chart, table: Table) -> None:
    positions = list(range(len(table.rows)))
    series = list(_series(chart, table))
    width = 0.8 / max(len(series), 1)
    for i, (_x, values, name, color) in enumerate(series):
        shift = (i - (len(series) - 1) / 2) * width
        axes.barh(
            [p + shift for p in positions],
            [v or 0 for v in values],
            width,
            color=color,
            label=name,
            edgecolor="#4a5568",
            linewidth=0.5,
        )
    axes.set_yticks(
        positions, [textwrap.fill(label, 34) for label in axis_labels(table.values(chart.x))], fontsize=7
    )
    axes.invert_yaxis()  # the first row on top, as in the table
    axes.set_xlabel(chart.y_title)
    axes.set_xlim(left=0)


def _draw(axes, chart: Chart, table: Table) -> None:
    if chart.horizontal:
        _draw_horizontal(axes, chart, table)
        _finish(axes, chart, len(chart.y))
        return
    series = list(_series(chart, table))
    positions = list(range(len(table.rows)))
    width = 0.8 / (1 if chart.kind == STACKED_BAR else max(len(series), 1))
    bottoms = [0.0] * len(positions)
    for i, (x, values, name, color) in enumerate(series):
        numbers = [v or 0 for v in values]
        if chart.kind == LINE:
            axes.plot(
                positions,
                [v if v is not None else float("nan") for v in values],
                marker="o",
                color=color,
                label=name,
            )
        elif chart.kind == STACKED_BAR:
            axes.bar(positions, numbers, 0.8, bottom=bottoms, color=color, label=name, edgecolor="#4a5568")
            bottoms = [b + v for b, v in zip(bottoms, numbers, strict=True)]
        else:
            shift = (i - (len(series) - 1) / 2) * width
            colors = _row_colors(chart, len(x)) if chart.color_by_row else color
            axes.bar(
                [p + shift for p in positions],
                numbers,
                width,
                color=colors,
                label=name,
                edgecolor="#4a5568",
                linewidth=0.5,
            )
    labels = [textwrap.fill(label, 16) for label in axis_labels(table.values(chart.x))]
    many = len(labels) > 8
    axes.set_xticks(
        positions,
        labels,
        rotation=45 if many else 0,
        ha="right" if many else "center",
        fontsize=7 if many else 8,
    )
    axes.set_ylabel(chart.y_title)
    axes.set_ylim(bottom=0)
    _finish(axes, chart, len(series))


def _finish(axes, chart: Chart, series: int) -> None:
    axes.set_title(chart.title)
    axes.spines[["top", "right"]].set_visible(False)
    if series > 1:  # beside the plot, where it hides no bar
        axes.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
