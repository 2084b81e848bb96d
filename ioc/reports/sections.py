"""What a report section is, and what it gives back: typed tables, charts drawn from them, a summary.

Apps register a `Section` with `registry.register_report_section(section.key, section)` from their
AppConfig.ready(). The builder calls `build(period, scope, language)` with the language active and
renders the `SectionData` it returns to HTML, PDF and XLSX alike.

A chart never carries numbers of its own: it names a table and the columns it draws, so the data
behind every chart is the table the reader also gets (and the XLSX sheet holds). A section without
data returns `SectionData.no_data(...)` with the reason; it never shows invented numbers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TEXT, INT, DECIMAL, PERCENT, DATE = "text", "int", "decimal", "percent", "date"
COLUMN_TYPES = (TEXT, INT, DECIMAL, PERCENT, DATE)
BAR, STACKED_BAR, LINE = "bar", "stacked_bar", "line"


@dataclass(frozen=True)
class Column:
    """A table column; `percent` values are shares 0–1, shown as %. `unit` goes in the heading."""

    key: str
    title: str
    type: str = TEXT
    unit: str = ""
    digits: int = 1  # decimals shown for decimal and percent columns

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"column {self.key!r}: unknown type {self.type!r}")


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]  # one value per column; None means "no data" (shown as —)
    note: str = ""

    def __post_init__(self):
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.key!r}: a row has {len(row)} values for {len(self.columns)} columns"
                )

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def values(self, key: str) -> list:
        index = self.column(key)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class Chart:
    """A chart of `table`: `x` column along the axis, one series per `y` column.

    `colors` (#rrggbb) go with the series in order, or with the bars when `color_by_row`
    (AQI bands wear their regulation colours).
    """

    key: str
    title: str
    table: str
    x: str
    y: tuple[str, ...]
    kind: str = BAR
    y_title: str = ""
    colors: tuple[str, ...] = ()
    color_by_row: bool = False
    horizontal: bool = False  # bars along y: for long labels (station · parameter, targets)


@dataclass(frozen=True)
class SectionData:
    key: str
    title: str
    summary: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    no_data: str = ""  # why there is nothing to show; empty when there is
    notes: tuple[str, ...] = ()  # sources and definitions

    def __post_init__(self):
        keys = {t.key for t in self.tables}
        for chart in self.charts:
            if chart.table not in keys:
                raise ValueError(f"chart {chart.key!r} draws table {chart.table!r}, which the section lacks")

    @classmethod
    def empty(cls, key: str, title: str, reason: str, notes: tuple[str, ...] = ()) -> "SectionData":
        return cls(key=key, title=title, no_data=reason, notes=notes)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


@dataclass(frozen=True)
class Section:
    """What an app registers. `build(period, scope, language) -> SectionData`."""

    key: str
    title: Any  # lazy translatable
    order: int
    build: Callable[..., SectionData]
    notes: tuple[Any, ...] = field(default_factory=tuple)
