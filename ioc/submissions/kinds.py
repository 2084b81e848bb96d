"""What a report kind is: a versioned schema of fields with units and bilingual labels, and its rules.

Each domain app builds its kinds from these and registers them (`registry.register_submission_kind`)
in its AppConfig; the platform validates, stores, reviews and reminds without knowing the domain.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

# Units a value may be given in, per canonical unit: factor to the canonical one.
UNIT_FACTORS: dict[str, dict[str, Decimal]] = {
    "kWh": {"kWh": Decimal(1), "MWh": Decimal(1000), "Wh": Decimal("0.001")},
    "MWh": {"MWh": Decimal(1), "kWh": Decimal("0.001"), "GWh": Decimal(1000)},
    "m³": {"m³": Decimal(1), "L": Decimal("0.001")},
    "L": {"L": Decimal(1), "m³": Decimal(1000)},
    "kg": {"kg": Decimal(1), "t": Decimal(1000)},
    "t": {"t": Decimal(1), "kg": Decimal("0.001")},
    "Nm³": {"Nm³": Decimal(1)},
    "VND": {"VND": Decimal(1)},
    "USD": {"USD": Decimal(1)},
    "h": {"h": Decimal(1)},
    "%": {"%": Decimal(1)},
    "tCO2": {"tCO2": Decimal(1), "kgCO2": Decimal("0.001")},
    "d": {"d": Decimal(1)},
}


@dataclass(frozen=True)
class Field:
    """One value of a report. `kind`: int, decimal, bool, text, choice, date (ISO, stored as text)."""

    name: str
    label: Any  # lazy, translated
    kind: str = "decimal"
    unit: str = ""
    minimum: Decimal | int | None = 0
    maximum: Decimal | int | None = None
    required: bool = True
    choices: tuple[tuple[str, Any], ...] = ()
    max_length: int = 200
    # In a row, a unit that follows a sibling choice (fuel type → L, kg, Nm³…): (sibling, ((value, unit),…)).
    # A value given in another unit is converted if it can be, refused if not.
    unit_by: tuple[str, tuple[tuple[str, str], ...]] | None = None

    def unit_for(self, row: dict) -> str | None:
        """The canonical unit of this field in `row`; None when the sibling that decides it is not valid."""
        if self.unit_by is None:
            return self.unit
        sibling, units = self.unit_by
        return dict(units).get(row.get(sibling))


@dataclass(frozen=True)
class Rows:
    """A repeated group of fields: output per product, fuels by type, waste per category."""

    name: str
    label: Any
    fields: tuple[Field, ...]
    min_rows: int = 0
    max_rows: int = 200


@dataclass(frozen=True)
class Flag:
    """Accepted, but worth a reviewer's look (a tenfold jump), or a ward check's finding."""

    code: str
    field: str
    message: str  # already formatted in the language of the moment it was raised

    def as_dict(self) -> dict:
        return {"code": self.code, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class SubmissionKind:
    key: str  # "labour.monthly"
    app: str
    title: Any
    version: int
    cadence: str  # "monthly" | "annual"
    fields: tuple[Field | Rows, ...]
    deadline_day: int = 10  # of the month after a monthly period; of January after an annual one
    # Cross-field consistency: (data, period start or None) → {field: [message]} (errors: refused).
    # The period is there for rules like "operating days ≤ days in the month" and licence validity.
    consistency: Callable[[dict, date | None], dict[str, list[str]]] | None = None
    # Plausibility against the enterprise's own accepted history (newest first): data → flags.
    plausibility: Callable[[dict, list[dict]], list[Flag]] | None = None
    # The ward's checks, run on acceptance: (data, period start, enterprise) → flags.
    checks: Callable[[dict, date, Any], list[Flag]] | None = None
    # What the owning app makes of an accepted report (waste rows → its records); runs in the acceptance's
    # transaction, so a failure leaves the report submitted.
    on_accept: Callable[[Any], None] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def period_of(cadence: str, day: date) -> date:
    """The first day of the period holding `day`."""
    return day.replace(day=1) if cadence == "monthly" else day.replace(month=1, day=1)


def deadline(kind: SubmissionKind, period: date) -> date:
    """Due date: `deadline_day` of the month after the period (January after a year)."""
    if kind.cadence == "monthly":
        year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
    else:
        year, month = period.year + 1, 1
    return date(year, month, kind.deadline_day)


def relative_jump(current: Decimal | None, previous: list[Decimal], factor: Decimal = Decimal(10)) -> bool:
    """True when `current` is `factor` times the median of the previous values or more, or that much
    less: accepted, but flagged for review."""
    values = sorted(v for v in previous if v)
    if current is None or not values:
        return False
    median = values[len(values) // 2]
    return current >= median * factor or (current > 0 and current * factor <= median)


def tenfold_jumps(measures: Callable[[dict], dict[str, tuple[str, Decimal]]]):
    """A plausibility rule: flag each measure that jumps tenfold against the same measure in the enterprise's
    accepted history. `measures(data)` → {identity: (field the reviewer should look at, value)}; a row's
    identity (fuel type, product) is stable across reports where its index is not."""

    def plausibility(data: dict, history: list[dict]) -> list[Flag]:
        before = [measures(old) for old in history]
        return [
            Flag("tenfold_jump", path, gettext("Ten times more (or less) than in the previous reports."))
            for key, (path, value) in measures(data).items()
            if relative_jump(value, [old[key][1] for old in before if key in old])
        ]

    return plausibility


def number(value) -> Decimal:
    """A stored figure (int, float or None) as a Decimal, None as 0."""
    return Decimal(str(value or 0))


def field_measures(data: dict, *names: str) -> dict[str, tuple[str, Decimal]]:
    return {name: (name, number(data.get(name))) for name in names}


def row_identity(row: dict, keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(str(row.get(k) or "").casefold().split()) for k in keys)


def row_measures(data: dict, rows: str, keys: tuple[str, ...], value: str) -> dict[str, tuple[str, Decimal]]:
    """One measure per row, identified by its key columns (case and spacing ignored)."""
    found = {}
    for index, row in enumerate(data.get(rows) or []):
        identity = "|".join(row_identity(row, keys))
        found[f"{rows}:{identity}:{value}"] = (f"{rows}.{index}.{value}", number(row.get(value)))
    return found


def duplicate_rows(data: dict, rows: str, keys: tuple[str, ...], message: str) -> dict[str, list[str]]:
    """An error on each row that repeats an earlier row's key columns."""
    seen, errors = set(), {}
    for index, row in enumerate(data.get(rows) or []):
        identity = row_identity(row, keys)
        if identity in seen:
            errors[f"{rows}.{index}.{keys[0]}"] = [message]
        seen.add(identity)
    return errors
