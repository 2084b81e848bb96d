"""The monthly production report enterprises submit: output and export value, output per product and unit,
capacity utilisation, operating days. Its per-product output feeds form B.4 of Decree 35/2022/NĐ-CP
("output and capacity per product")."""

import calendar
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ioc.submissions.kinds import (
    Field,
    Rows,
    SubmissionKind,
    duplicate_rows,
    field_measures,
    row_measures,
    tenfold_jumps,
)

PRODUCT_UNITS = (
    ("piece", _("pieces")),
    ("set", _("sets")),
    ("pair", _("pairs")),
    ("t", "t"),
    ("kg", "kg"),
    ("m", "m"),
    ("m²", "m²"),
    ("m³", "m³"),
    ("L", "L"),
)

UNIT_OF_ITSELF = tuple((unit, unit) for unit, _label in PRODUCT_UNITS)


def days_in_month(period: date) -> int:
    return calendar.monthrange(period.year, period.month)[1]


def consistency(data: dict, period: date | None) -> dict[str, list[str]]:
    errors = duplicate_rows(
        data, "products", ("product", "unit"), gettext("This product is listed twice in the same unit.")
    )
    if period is not None and data["operating_days"] > days_in_month(period):
        errors["operating_days"] = [
            gettext("%(days)d operating days, but the month has %(month)d.")
            % {"days": data["operating_days"], "month": days_in_month(period)}
        ]
    return errors


def measures(data: dict) -> dict:
    return {
        **field_measures(data, "output_value_vnd", "export_value_usd"),
        **row_measures(data, "products", ("product", "unit"), "quantity"),
    }


MONTHLY_PRODUCTION = SubmissionKind(
    key="production.monthly",
    app="production",
    title=_("Monthly production report"),
    version=1,
    cadence="monthly",
    fields=(
        Field("output_value_vnd", _("Output value"), kind="int", unit="VND", maximum=10**15),
        Field("export_value_usd", _("Export value"), unit="USD", maximum=10**11),
        Rows(
            "products",
            _("Output per product"),
            fields=(
                Field("product", _("Product"), kind="text", max_length=200),
                Field("unit", _("Unit"), kind="choice", choices=PRODUCT_UNITS),
                # In the row's unit; 180,000 kg in a row counted in t is converted to 180.
                Field("quantity", _("Quantity"), maximum=10**12, unit_by=("unit", UNIT_OF_ITSELF)),
            ),
        ),
        Field("capacity_utilisation", _("Capacity utilisation"), unit="%", maximum=100),
        Field("operating_days", _("Operating days"), kind="int", unit="d", maximum=31),
    ),
    consistency=consistency,
    plausibility=tenfold_jumps(measures),
)
