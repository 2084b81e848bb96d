"""The monthly energy and water report.

Owned by `environment`, not `production`: what it feeds lives here — Scope 1 and 2 emissions (fuels
burned on site, grid MWh × the grid factor; Decree 06/2022/NĐ-CP inventories), the renewable share of
final energy in the Green Enterprise Index and the "green-energy user" target, water reused (Decree
35/2022/NĐ-CP, ENV.3) and the volume sent to the central wastewater plant, whose register
(WastewaterConnection, WastewaterVolume) is this app's. Domain apps never import each other, so the
report sits with its readers.
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from environment.circularity_choices import VolumeSource
from environment.models import WastewaterVolume
from ioc.submissions.kinds import (
    Field,
    Rows,
    SubmissionKind,
    duplicate_rows,
    field_measures,
    row_measures,
    tenfold_jumps,
)

FUELS = (
    ("diesel", _("Diesel oil")),
    ("lpg", _("LPG")),
    ("natural_gas", _("Natural gas")),
    ("coal", _("Coal")),
    ("biomass", _("Biomass")),
)
# The unit each fuel is reported in; another unit is converted when it can be (m³ of diesel → L).
FUEL_UNITS = (("diesel", "L"), ("lpg", "kg"), ("natural_gas", "Nm³"), ("coal", "t"), ("biomass", "t"))
ENERGY_MAX_KWH = 10**10
WATER_MAX_M3 = 10**9


def fuel_rows(name: str, label) -> Rows:
    """Fuels by type, each in its own unit; also the fuel savings of the annual RECP report."""
    return Rows(
        name,
        label,
        fields=(
            Field("fuel", _("Fuel"), kind="choice", choices=FUELS),
            Field("quantity", _("Quantity"), maximum=10**9, unit_by=("fuel", FUEL_UNITS)),
        ),
        max_rows=len(FUELS),
    )


def consistency(data: dict, period: date | None) -> dict[str, list[str]]:
    errors = duplicate_rows(data, "fuels", ("fuel",), gettext("Give each fuel once."))
    if data["solar_self_consumed_kwh"] > data["solar_generated_kwh"]:
        errors["solar_self_consumed_kwh"] = [
            gettext("Solar power used on site cannot exceed the solar power generated.")
        ]
    return errors


def on_accept(submission) -> None:
    """The accepted volume sent to the central plant becomes the month's WastewaterVolume, unless a flow
    meter already gave one: a meter's figure outranks a declaration."""
    month, enterprise = submission.period, submission.enterprise_id
    current = WastewaterVolume.objects.filter(enterprise=enterprise, month=month).first()
    if current is not None and current.source == VolumeSource.METER:
        return
    WastewaterVolume.objects.update_or_create(
        enterprise_id=enterprise, month=month,
        defaults={"volume_m3": Decimal(str(submission.data["wastewater_to_plant_m3"])),
                  "source": VolumeSource.SUBMISSION},
    )  # fmt: skip


def measures(data: dict) -> dict:
    return {
        **field_measures(data, "grid_kwh", "solar_generated_kwh", "water_withdrawn_m3",
                         "wastewater_to_plant_m3", "water_reused_m3"),
        **row_measures(data, "fuels", ("fuel",), "quantity"),
    }  # fmt: skip


MONTHLY_ENERGY_WATER = SubmissionKind(
    key="environment.energy_water_monthly",
    app="environment",
    title=_("Monthly energy and water report"),
    version=1,
    cadence="monthly",
    fields=(
        Field("grid_kwh", _("Electricity from the grid"), unit="kWh", maximum=ENERGY_MAX_KWH),
        Field("solar_generated_kwh", _("Rooftop solar generated"), unit="kWh", maximum=ENERGY_MAX_KWH),
        Field("solar_self_consumed_kwh", _("Rooftop solar used on site"), unit="kWh", maximum=ENERGY_MAX_KWH),
        # Direct power purchase agreements (Decree 57/2025/NĐ-CP, which replaced Decree 80/2024/NĐ-CP; M).
        Field("renewable_dppa_mwh", _("Renewable power bought under a DPPA"), unit="MWh", maximum=10**7),
        Field("renewable_certificates_mwh", _("Renewable energy certificates"), unit="MWh", maximum=10**7),
        fuel_rows("fuels", _("Fuels burned on site")),
        Field("water_withdrawn_m3", _("Water withdrawn"), unit="m³", maximum=WATER_MAX_M3),
        Field(
            "wastewater_to_plant_m3", _("Wastewater to the central plant"), unit="m³", maximum=WATER_MAX_M3
        ),
        Field("water_reused_m3", _("Water reused"), unit="m³", maximum=WATER_MAX_M3),
    ),
    consistency=consistency,
    plausibility=tenfold_jumps(measures),
    on_accept=on_accept,
)
