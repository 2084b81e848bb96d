"""Check a submission's data against its kind: every error at once, each under the field it concerns.

Messages are produced in the active language (the request's). Values may be given in the field's
unit as a bare number, or as {"value": …, "unit": …} in a unit convertible to it.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ioc.submissions.kinds import UNIT_FACTORS, Field, Rows, SubmissionKind


@dataclass
class Checked:
    data: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def refuse(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)


def validate(kind: SubmissionKind, raw, period: date | None = None) -> Checked:
    result = Checked()
    if not isinstance(raw, dict):
        result.refuse("data", _("The report's data must be an object of fields."))
        return result
    known = {f.name: f for f in kind.fields}
    for name in raw:
        if name not in known:
            result.refuse(name, _("“%(name)s” is not a field of this report.") % {"name": name})
    for spec in kind.fields:
        if isinstance(spec, Rows):
            _rows(spec, raw.get(spec.name), result)
        else:
            _value(spec, raw.get(spec.name), spec.name, result, result.data)
    if not result.errors and kind.consistency:
        for path, messages in kind.consistency(result.data, period).items():
            for message in messages:
                result.refuse(path, message)
    return result


def _rows(spec: Rows, raw, result: Checked) -> None:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        result.refuse(spec.name, _("Give a list of rows."))
        return
    if not spec.min_rows <= len(raw) <= spec.max_rows:
        result.refuse(
            spec.name,
            _("Give between %(low)d and %(high)d rows.") % {"low": spec.min_rows, "high": spec.max_rows},
        )
    rows = []
    for index, row in enumerate(raw):
        path = f"{spec.name}.{index}"
        if not isinstance(row, dict):
            result.refuse(path, _("Each row must be an object of fields."))
            continue
        known = {f.name for f in spec.fields}
        for name in row:
            if name not in known:
                result.refuse(
                    f"{path}.{name}", _("“%(name)s” is not a field of this report.") % {"name": name}
                )
        clean: dict = {}
        for column in spec.fields:
            unit = column.unit_for(clean)
            if unit is None:
                continue  # the sibling that decides the unit is wrong, and says so
            _value(replace(column, unit=unit), row.get(column.name), f"{path}.{column.name}", result, clean)
        rows.append(clean)
    result.data[spec.name] = rows


def _value(spec: Field, raw, path: str, result: Checked, into: dict) -> None:
    if raw is None or raw == "":
        if spec.required:
            result.refuse(path, _("This field is required."))
        else:
            into[spec.name] = None
        return
    if spec.kind == "text":
        if not isinstance(raw, str) or len(raw) > spec.max_length:
            result.refuse(path, _("Give a text of at most %(n)d characters.") % {"n": spec.max_length})
        else:
            into[spec.name] = raw.strip()
        return
    if spec.kind == "bool":
        if not isinstance(raw, bool):
            result.refuse(path, _("Give true or false."))
        else:
            into[spec.name] = raw
        return
    if spec.kind == "date":
        day = _date(raw)
        if day is None:
            result.refuse(path, _("Give a date as YYYY-MM-DD."))
        else:
            into[spec.name] = day.isoformat()
        return
    if spec.kind == "choice":
        allowed = [key for key, _label in spec.choices]
        if raw not in allowed:
            result.refuse(
                path,
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": raw, "allowed": ", ".join(allowed)},
            )
        else:
            into[spec.name] = raw
        return
    number = _number(spec, raw, path, result)
    if number is None:
        return
    if spec.minimum is not None and number < Decimal(spec.minimum):
        result.refuse(
            path, _("Must be at least %(low)s %(unit)s.") % {"low": spec.minimum, "unit": spec.unit}
        )
        return
    if spec.maximum is not None and number > Decimal(spec.maximum):
        result.refuse(
            path, _("Must be at most %(high)s %(unit)s.") % {"high": spec.maximum, "unit": spec.unit}
        )
        return
    into[spec.name] = int(number) if spec.kind == "int" else float(number)


def _date(raw) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _number(spec: Field, raw, path: str, result: Checked) -> Decimal | None:
    unit = spec.unit
    if isinstance(raw, dict):
        unit, raw = raw.get("unit", spec.unit), raw.get("value")
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        result.refuse(path, _("Give a number."))
        return None
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        result.refuse(path, _("Give a number."))
        return None
    if not number.is_finite():
        result.refuse(path, _("Give a number."))
        return None
    if unit != spec.unit:
        factor = UNIT_FACTORS.get(spec.unit, {}).get(unit)
        if factor is None:
            result.refuse(
                path,
                _("“%(unit)s” cannot be converted to %(canonical)s.")
                % {"unit": unit, "canonical": spec.unit or "—"},
            )
            return None
        number *= factor
    if spec.kind == "int" and number != number.to_integral_value():
        result.refuse(path, _("Give a whole number."))
        return None
    return number
