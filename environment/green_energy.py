"""The renewable share of an enterprise's final energy, and whether it is a "green-energy user". Pure.

shared/domain/park.md: the ward's target is ≥ 50% of operating enterprises using green energy by
2030; a green-energy user has a renewable source and ≥ 10% of its final energy from renewables.
Final energy = grid electricity + rooftop solar used on site + the energy content of the fuels
burned. Renewable = solar used on site + biomass + grid electricity covered by a DPPA or by
certificates (never more than the grid electricity itself: a certificate cannot green power that
was not bought).

Energy content of fuels (kWh per unit the monthly report uses), from IPCC 2006 defaults:
diesel 43.0 TJ/Gg × 0.844 kg/L (V); LPG 47.3 TJ/Gg (V); anthracite 26.7 TJ/Gg (V, the report says
only "coal"); natural gas 48.0 TJ/Gg at 0.75 kg/Nm³ (M); wood and wood waste 15.6 TJ/Gg (M).
"""

from dataclasses import dataclass
from decimal import Decimal

KWH_PER_UNIT = {
    "diesel": Decimal("10.081"),  # per L
    "lpg": Decimal("13.139"),  # per kg
    "natural_gas": Decimal("10.0"),  # per Nm³
    "coal": Decimal("7416.7"),  # per t
    "biomass": Decimal("4333.3"),  # per t
}
RENEWABLE_FUELS = frozenset({"biomass"})
GREEN_USER_MIN_SHARE = Decimal("0.10")
TARGET_SHARE_OF_ENTERPRISES = Decimal("0.50")
TARGET_YEAR = 2030
TARGET_SOURCE = (
    "Tứ Minh ward resolution and Hải Phòng plans (shared/domain/park.md): ≥ 50% of enterprises by 2030"
)


@dataclass(frozen=True)
class EnergyMix:
    final_kwh: Decimal
    renewable_kwh: Decimal

    @property
    def share(self) -> Decimal | None:
        return self.renewable_kwh / self.final_kwh if self.final_kwh else None

    @property
    def green_user(self) -> bool:
        share = self.share
        return self.renewable_kwh > 0 and share is not None and share >= GREEN_USER_MIN_SHARE

    def __add__(self, other: "EnergyMix") -> "EnergyMix":
        return EnergyMix(self.final_kwh + other.final_kwh, self.renewable_kwh + other.renewable_kwh)


def _d(value) -> Decimal:
    return Decimal(str(value or 0))


def energy_mix(data: dict) -> EnergyMix:
    """One monthly energy and water report's mix."""
    grid, solar = _d(data.get("grid_kwh")), _d(data.get("solar_self_consumed_kwh"))
    bought_green = (_d(data.get("renewable_dppa_mwh")) + _d(data.get("renewable_certificates_mwh"))) * 1000
    fuels = renewable_fuels = Decimal(0)
    for row in data.get("fuels") or []:
        kwh = _d(row.get("quantity")) * KWH_PER_UNIT.get(row.get("fuel"), Decimal(0))
        fuels += kwh
        if row.get("fuel") in RENEWABLE_FUELS:
            renewable_fuels += kwh
    return EnergyMix(grid + solar + fuels, solar + min(bought_green, grid) + renewable_fuels)


def period_mix(reports: list[dict]) -> EnergyMix:
    """The mix of several months of one enterprise: energies add up, shares do not."""
    total = EnergyMix(Decimal(0), Decimal(0))
    for data in reports:
        total = total + energy_mix(data)
    return total
