"""Effective discharge limits: C_max = C × Kq × Kf (QCVN 40:2011/BTNMT) and C × Kp × Kv (QCVN 19:2009/BTNMT).

Pure functions with the coefficient tables as data (shared/domain/environment.md §3–4). Each
result carries its derivation, so a page can show how the limit was reached.
"""

from dataclasses import dataclass

# QCVN 40:2011/BTNMT, 2.3: parameters whose limit is not scaled by Kq and Kf.
UNSCALED_PARAMETERS = frozenset({"water_temperature", "color", "ph", "coliform", "gross_alpha", "gross_beta"})

# Kq for rivers by Q, the mean flow of the three driest months (m³/s): (upper bound inclusive, Kq).
KQ_RIVER = ((50, 0.9), (200, 1.0), (500, 1.1), (float("inf"), 1.2))
# Kq for lakes by volume (m³).
KQ_LAKE = ((1e7, 0.6), (1e8, 0.8), (float("inf"), 1.0))
KQ_COASTAL = {"aquatic_or_recreation": 1.0, "other": 1.3}
# Kf by the discharge F (m³/day).
KF = ((50, 1.2), (500, 1.1), (5000, 1.0), (float("inf"), 0.9))
# QCVN 19:2009/BTNMT: Kp by stack flow P (m³/h); Kv by area (an industrial park is 1.0).
KP = ((20_000, 1.0), (100_000, 0.9), (float("inf"), 0.8))
KV = {"1": 0.6, "2": 0.8, "3": 1.0, "4": 1.2, "5": 1.4, "industrial_park": 1.0}


def _step(table, value: float) -> float:
    if value < 0:
        raise ValueError(f"a flow or volume cannot be negative ({value})")
    return next(coefficient for upper, coefficient in table if value <= upper)


def kq_river(dry_season_flow_m3s: float) -> float:
    return _step(KQ_RIVER, dry_season_flow_m3s)


def kq_lake(volume_m3: float) -> float:
    return _step(KQ_LAKE, volume_m3)


def kf(discharge_m3_per_day: float) -> float:
    return _step(KF, discharge_m3_per_day)


def kp(stack_flow_m3h: float) -> float:
    return _step(KP, stack_flow_m3h)


@dataclass(frozen=True)
class EffectiveLimit:
    value: float
    base: float
    coefficients: dict[str, float]
    source: str

    @property
    def derivation(self) -> str:
        if not self.coefficients:
            return f"{self.base:g} ({self.source}; not scaled)"
        factors = " × ".join(f"{name} {value:g}" for name, value in self.coefficients.items())
        return f"{self.base:g} × {factors} = {self.value:g} ({self.source})"


def wastewater_limit(
    parameter: str, base: float, *, kq: float, kf: float, column: str = "B"
) -> EffectiveLimit:
    source = f"QCVN 40:2011/BTNMT column {column}"
    if parameter in UNSCALED_PARAMETERS:
        return EffectiveLimit(base, base, {}, source)
    return EffectiveLimit(round(base * kq * kf, 6), base, {"Kq": kq, "Kf": kf}, source)


def stack_limit(base: float, *, kp: float, kv: float) -> EffectiveLimit:
    return EffectiveLimit(round(base * kp * kv, 6), base, {"Kp": kp, "Kv": kv}, "QCVN 19:2009/BTNMT column B")
