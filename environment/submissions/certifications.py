"""The annual report of management-system certifications an enterprise holds.

Owned by `environment`: the Green Enterprise Index scores ISO 14001 (management) and ISO 50001 (energy),
see shared/domain/park.md. The other standards (ISO 45001, ISO 27001, ISO 9001…) are asked in the same
list so an enterprise reports its certificates once; any app reads them from the accepted report.
"""

from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ioc.submissions.kinds import Field, Flag, Rows, SubmissionKind, duplicate_rows

STANDARDS = (
    ("iso_14001", _("ISO 14001 (environmental management)")),
    ("iso_50001", _("ISO 50001 (energy management)")),
    ("iso_45001", _("ISO 45001 (occupational health and safety)")),
    ("iso_27001", _("ISO 27001 (information security)")),
    ("iso_9001", _("ISO 9001 (quality management)")),
    ("other", _("Other (name it)")),
)


def consistency(data: dict, period: date | None) -> dict[str, list[str]]:
    errors = duplicate_rows(
        data, "certificates", ("standard", "certificate_number"), gettext("This certificate is listed twice.")
    )
    for index, row in enumerate(data["certificates"]):
        if row["standard"] == "other" and not row.get("standard_name"):
            errors[f"certificates.{index}.standard_name"] = [gettext("Name the standard.")]
        if period is not None and date.fromisoformat(row["valid_until"]) < period:
            errors[f"certificates.{index}.valid_until"] = [
                gettext("This certificate expired before the reported year began.")
            ]
    return errors


def plausibility(data: dict, history: list[dict]) -> list[Flag]:
    """A standard held in the last accepted year and missing now: lapsed, or forgotten?"""
    if not history:
        return []
    held = {row["standard"] for row in data["certificates"]} | {"other"}
    labels = dict(STANDARDS)
    return [
        Flag("certificate_missing", "certificates",
             gettext("%(standard)s was reported last year and is not now.") % {"standard": labels[standard]})
        for standard in sorted({row["standard"] for row in history[0].get("certificates", [])} - held)
    ]  # fmt: skip


CERTIFICATIONS = SubmissionKind(
    key="environment.certifications_annual",
    app="environment",
    title=_("Annual report of certifications"),
    version=1,
    cadence="annual",
    fields=(
        Rows(
            "certificates",
            _("Certificates held"),
            fields=(
                Field("standard", _("Standard"), kind="choice", choices=STANDARDS),
                Field(
                    "standard_name", _("Name of the standard"), kind="text", required=False, max_length=120
                ),
                Field("certificate_number", _("Certificate number"), kind="text", max_length=80),
                Field("certifier", _("Certification body"), kind="text", required=False, max_length=200),
                Field("valid_until", _("Valid until"), kind="date"),
            ),
            max_rows=50,
        ),
    ),
    consistency=consistency,
    plausibility=plausibility,
)
