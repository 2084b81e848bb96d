"""The monthly waste report: per category as WasteRecord holds it; accepted rows become WasteRecords.

Each row is checked by WasteRecord's own rules (outflows ≤ generated; a waste code for hazardous waste
only, on the list of Circular 02/2022/TT-BTNMT Annex III; a handler licensed over the period and for the
code, Decree 08/2022/NĐ-CP), so the report and the register cannot disagree.
"""

import calendar
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from environment.circularity_choices import WasteCategory
from environment.models import WasteHandler, WasteRecord
from environment.waste_codes import normalise_code
from ioc.submissions.kinds import Field, Rows, SubmissionKind, duplicate_rows, row_measures, tenfold_jumps

TONNES = ("generated_t", "reused_t", "recycled_t", "treated_t", "landfilled_t")
HANDED_OVER = ("recycled_t", "treated_t", "landfilled_t")  # what leaves the enterprise for a handler
# WasteRecord's field → the report's column its error belongs to.
COLUMN_OF = {"handler": "handler_licence", "period_end": "category"}


def month_end(period: date) -> date:
    return period.replace(day=calendar.monthrange(period.year, period.month)[1])


def handler_of(row: dict) -> WasteHandler | None:
    licence = (row.get("handler_licence") or "").strip()
    return WasteHandler.objects.filter(licence_number=licence).first() if licence else None


def record_of(row: dict, period: date | None, **extra) -> WasteRecord:
    """The WasteRecord a report row stands for (unsaved)."""
    return WasteRecord(
        period_start=period, period_end=month_end(period) if period else None, category=row["category"],
        waste_code=normalise_code(row.get("waste_code") or ""),
        **{name: Decimal(str(row.get(name) or 0)) for name in TONNES}, **extra,
    )  # fmt: skip


def _row_errors(row: dict, period: date | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    hazardous = row["category"] == WasteCategory.HAZARDOUS
    handler = handler_of(row) if hazardous and period else None
    if hazardous and row.get("handler_licence") and handler is None:
        errors["handler_licence"] = [
            gettext("No hazardous-waste handler with licence number “%(licence)s” is on the park's register.")
            % {"licence": row["handler_licence"]}
        ]
    elif hazardous and not row.get("handler_licence") and any(row.get(name) for name in HANDED_OVER):
        errors["handler_licence"] = [
            gettext("Hazardous waste handed over needs its handler's licence number (Decree 08/2022/NĐ-CP).")
        ]
    try:
        # Without a period (rows checked alone) the handler is left out: its licence's dates cannot be judged.
        record_of(row, period, handler=handler).clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(COLUMN_OF.get(name, name), []).extend(messages)
    return errors


def consistency(data: dict, period: date | None) -> dict[str, list[str]]:
    errors = duplicate_rows(
        data, "waste", ("category", "waste_code"), gettext("This category and code are listed twice.")
    )
    for index, row in enumerate(data["waste"]):
        for column, messages in _row_errors(row, period).items():
            errors.setdefault(f"waste.{index}.{column}", []).extend(messages)
    return errors


def on_accept(submission) -> None:
    """The accepted rows become the enterprise's WasteRecords for the month, replacing those of an
    earlier accepted version of the same report."""
    WasteRecord.objects.filter(
        enterprise=submission.enterprise_id, submission__kind=submission.kind,
        submission__period=submission.period,
    ).delete()  # fmt: skip
    for row in submission.data.get("waste", []):
        handler = handler_of(row) if row["category"] == WasteCategory.HAZARDOUS else None
        record_of(row, submission.period, enterprise_id=submission.enterprise_id, handler=handler,
                  submission=submission).save()  # fmt: skip


def measures(data: dict) -> dict:
    return row_measures(data, "waste", ("category", "waste_code"), "generated_t")


def _tonnes(name: str, label, required: bool = False) -> Field:
    return Field(name, label, unit="t", maximum=10**6, required=required)


MONTHLY_WASTE = SubmissionKind(
    key="environment.waste_monthly",
    app="environment",
    title=_("Monthly waste report"),
    version=1,
    cadence="monthly",
    fields=(
        Rows(
            "waste",
            _("Waste per category"),
            fields=(
                Field("category", _("Category"), kind="choice", choices=tuple(WasteCategory.choices)),
                Field("waste_code", _("Hazardous-waste code"), kind="text", required=False, max_length=12),
                _tonnes("generated_t", _("Generated"), required=True),
                _tonnes("reused_t", _("Reused")),
                _tonnes("recycled_t", _("Recycled")),
                _tonnes("treated_t", _("Treated")),
                _tonnes("landfilled_t", _("Landfilled")),
                Field(
                    "handler_licence",
                    _("Handler's licence number"),
                    kind="text",
                    required=False,
                    max_length=60,
                ),
            ),  # fmt: skip
        ),
    ),
    consistency=consistency,
    plausibility=tenfold_jumps(measures),
    on_accept=on_accept,
)
