"""The portal's report form, generated from a kind's schema: what the template shows, and the data
a posted form stands for. Posted values go to `services.save` as typed, so validation (and its
field-named errors in the reader's language) is the same as the API's."""

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from django.utils.translation import gettext as _

from ioc.submissions.kinds import UNIT_FACTORS, Field, Rows, SubmissionKind

UNIT = "__unit"


@dataclass
class Input:
    spec: Field
    name: str  # the form input's name
    value: object = ""
    unit: str = ""
    units: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    is_group: ClassVar[bool] = False


@dataclass
class Group:
    spec: Rows
    rows: list[list[Input]]
    errors: list[str] = field(default_factory=list)
    is_group: ClassVar[bool] = True


def _input(spec: Field, name: str, raw, errors: dict, path: str) -> Input:
    value, unit = (raw.get("value"), raw.get("unit")) if isinstance(raw, dict) else (raw, spec.unit)
    units = list(UNIT_FACTORS.get(spec.unit, {})) if spec.unit else []
    return Input(spec, name, "" if value is None else value, unit or spec.unit, units, errors.get(path, []))


def layout(kind: SubmissionKind, data: dict, errors: dict[str, list[str]]) -> list[Input | Group]:
    """Inputs and row groups with their values and errors; `errors` keyed by data path."""
    items: list[Input | Group] = []
    for spec in kind.fields:
        if isinstance(spec, Rows):
            rows = data.get(spec.name) or []
            items.append(Group(spec, [
                [_input(col, f"{spec.name}-{i}-{col.name}", row.get(col.name), errors, f"{spec.name}.{i}.{col.name}")
                 for col in spec.fields]
                for i, row in enumerate(rows)
            ], errors.get(spec.name, [])))  # fmt: skip
        else:
            items.append(_input(spec, spec.name, data.get(spec.name), errors, spec.name))
    return items


def _posted(spec: Field, post, name: str):
    if spec.kind == "bool":
        return name in post
    value = post.get(name, "").strip()
    unit = post.get(name + UNIT, spec.unit)
    return {"value": value, "unit": unit} if value and unit != spec.unit else value


def data_from_post(kind: SubmissionKind, post) -> dict:
    """The data a posted form stands for. A row left wholly blank is dropped (an unused added row);
    an `add:<group>` or `remove:<group>:<i>` action adds or drops one."""
    action = post.get("action", "")
    data: dict = {}
    for spec in kind.fields:
        if not isinstance(spec, Rows):
            data[spec.name] = _posted(spec, post, spec.name)
            continue
        try:
            count = min(int(post.get(f"{spec.name}-count", 0)), spec.max_rows)
        except ValueError:
            count = 0
        rows = []
        for i in range(count):
            if action == f"remove:{spec.name}:{i}":
                continue
            row = {col.name: _posted(col, post, f"{spec.name}-{i}-{col.name}") for col in spec.fields}
            if any(value not in ("", False) for value in row.values()):
                rows.append(row)
        if action == f"add:{spec.name}":
            rows.append({col.name: "" for col in spec.fields})
        data[spec.name] = rows
    return data


def period_from_post(cadence: str, raw: str) -> tuple[date | None, str]:
    """The period a form names ("2026-01" for a month, "2026" for a year), or an error."""
    try:
        if cadence == "monthly":
            year, month = raw.strip().split("-")
            return date(int(year), int(month), 1), ""
        return date(int(raw.strip()), 1, 1), ""
    except ValueError:
        return None, _("Give a month as YYYY-MM.") if cadence == "monthly" else _("Give a year, e.g. 2025.")


def period_value(cadence: str, period: date) -> str:
    return f"{period:%Y-%m}" if cadence == "monthly" else f"{period:%Y}"


def errors_by_path(message_dict: dict[str, list[str]]) -> dict[str, list[str]]:
    """services.save names data errors `data.<path>`; the form keys them by path alone."""
    return {key.removeprefix("data."): messages for key, messages in message_dict.items()}
