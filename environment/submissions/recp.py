"""The annual report of resource-efficiency (RECP) savings and industrial-symbiosis links: the enterprise
part of form B.4 (Decree 35/2022/NĐ-CP; Circular 05/2025/TT-BKHĐT), which feeds the park's ENV.1 (symbiosis
links) and ENV.2 (share of enterprises applying RECP) and the Green Enterprise Index's circularity part.
"""

from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from environment.circularity_choices import TONNAGE_TYPES, SymbiosisType
from environment.submissions.energy_water import fuel_rows
from ioc.submissions.kinds import (
    Field,
    Rows,
    SubmissionKind,
    duplicate_rows,
    field_measures,
    row_measures,
    tenfold_jumps,
)

SAVINGS = ("saved_kwh", "saved_tco2", "saved_water_m3", "saved_wastewater_m3", "reused_t", "recycled_t",
           "saved_materials_t", "saved_chemicals_t", "saved_cost_vnd")  # fmt: skip


def consistency(data: dict, period: date | None) -> dict[str, list[str]]:
    errors = duplicate_rows(data, "fuel_savings", ("fuel",), gettext("Give each fuel once."))
    errors |= duplicate_rows(
        data, "symbiosis", ("link_type", "partner", "what"), gettext("This link is listed twice.")
    )
    for index, row in enumerate(data["symbiosis"]):
        # Circular 05/2025 form B.4: exchanges of materials, waste and by-products are counted in tonnes.
        if row["link_type"] in TONNAGE_TYPES and not (row.get("received_t") or row.get("supplied_t")):
            errors[f"symbiosis.{index}.supplied_t"] = [
                gettext(
                    "An exchange of materials, waste or by-products needs the tonnes received or supplied."
                )
            ]
    return errors


def measures(data: dict) -> dict:
    return {
        **field_measures(data, *SAVINGS),
        **row_measures(data, "fuel_savings", ("fuel",), "quantity"),
        **row_measures(data, "symbiosis", ("link_type", "partner", "what"), "supplied_t"),
        **row_measures(data, "symbiosis", ("link_type", "partner", "what"), "received_t"),
    }


def _saving(name: str, label, unit: str, maximum=10**9) -> Field:
    return Field(name, label, unit=unit, maximum=maximum, required=False)


RECP_SYMBIOSIS = SubmissionKind(
    key="environment.recp_annual",
    app="environment",
    title=_("Annual resource-efficiency and industrial-symbiosis report (form B.4)"),
    version=1,
    cadence="annual",
    fields=(
        _saving("saved_kwh", _("Electricity saved"), "kWh", 10**10),
        _saving("saved_tco2", _("Emissions avoided"), "tCO2"),
        fuel_rows("fuel_savings", _("Fuel saved")),
        _saving("saved_water_m3", _("Water saved"), "m³"),
        _saving("saved_wastewater_m3", _("Wastewater avoided"), "m³"),
        _saving("reused_t", _("Waste reused"), "t"),
        _saving("recycled_t", _("Waste recycled"), "t"),
        _saving("saved_materials_t", _("Materials saved"), "t"),
        _saving("saved_chemicals_t", _("Chemicals saved"), "t"),
        _saving("saved_cost_vnd", _("Cost saved"), "VND", 10**15),
        Rows(
            "symbiosis",
            _("Industrial-symbiosis links"),
            fields=(
                Field("link_type", _("Type"), kind="choice", choices=tuple(SymbiosisType.choices)),
                Field("partner", _("Partner"), kind="text", max_length=255),
                Field("what", _("What is supplied or shared"), kind="text", max_length=255),
                Field("received_t", _("Tonnes received"), unit="t", maximum=10**7, required=False),
                Field("supplied_t", _("Tonnes supplied"), unit="t", maximum=10**7, required=False),
            ),
        ),
    ),
    consistency=consistency,
    plausibility=tenfold_jumps(measures),
)
