"""Effective discharge limits: C_max = C × Kq × Kf (QCVN 40:2011/BTNMT) and C × Kp × Kv (QCVN 19:2009/BTNMT).

Pure functions with the coefficient tables as data (shared/domain/environment.md §3–4). Each
result carries its derivation, so a page can show how the limit was reached.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

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


# How each standard scales its base limits: the coefficients' names, in the order they multiply.
SCALING_COEFFICIENTS = {"none": (), "kq_kf": ("Kq", "Kf"), "kp_kv": ("Kp", "Kv")}


@dataclass(frozen=True)
class EffectiveLimit:
    """C_max for one parameter: an upper bound (`value`), a lower one (pH), or both."""

    value: float | None
    base: float | None
    coefficients: dict[str, float]
    source: str
    lower: float | None = None

    @property
    def derivation(self) -> str:
        if self.lower is not None:
            upper = f"{self.value:g}" if self.value is not None else "…"
            return f"{self.lower:g}–{upper} ({self.source}; {_('not scaled')})"
        if not self.coefficients:
            return f"{self.base:g} ({self.source}; {_('not scaled')})"
        factors = " × ".join(f"{name} {value:g}" for name, value in self.coefficients.items())
        return f"{self.base:g} × {factors} = {self.value:g} ({self.source})"

    def breached_by(self, value: float) -> bool:
        return (self.value is not None and value > self.value) or (
            self.lower is not None and value < self.lower
        )

    def text(self) -> str:
        """The bound as an operator would say it: "≤ 135", "5.5–9", "≥ 2"."""
        if self.lower is not None and self.value is not None:
            return f"{self.lower:g}–{self.value:g}"
        return f"≥ {self.lower:g}" if self.lower is not None else f"≤ {self.value:g}"


def effective_limit(
    *, lower: float | None, upper: float | None, scaled: bool, coefficients: dict[str, float], source: str
) -> EffectiveLimit:
    """C_max = C × the product of the coefficients when the parameter is scaled; C otherwise.

    A range (pH) is never scaled: QCVN 40:2011 2.3 and QCVN 19:2009 scale single upper limits only.
    """
    if lower is not None or not scaled or not coefficients or upper is None:
        return EffectiveLimit(upper, upper, {}, source, lower)
    value = upper
    for factor in coefficients.values():
        value *= factor
    return EffectiveLimit(round(value, 6), upper, dict(coefficients), source)


def wastewater_limit(
    parameter: str, base: float, *, kq: float, kf: float, column: str = "B"
) -> EffectiveLimit:
    return effective_limit(
        lower=None,
        upper=base,
        scaled=parameter not in UNSCALED_PARAMETERS,
        coefficients={"Kq": kq, "Kf": kf},
        source=_("%(standard)s column %(column)s") % {"standard": "QCVN 40:2011/BTNMT", "column": column},
    )


def stack_limit(base: float, *, kp: float, kv: float) -> EffectiveLimit:
    return effective_limit(
        lower=None,
        upper=base,
        scaled=True,
        coefficients={"Kp": kp, "Kv": kv},
        source=_("%(standard)s column %(column)s") % {"standard": "QCVN 19:2009/BTNMT", "column": "B"},
    )


def o2_corrected(measured: float, *, o2_measured: float, o2_reference: float) -> float:
    """C_ref = C_meas × (20.9 − O2_ref) / (20.9 − O2_meas) (QCVN 19:2024/BTNMT's reference-oxygen rule)."""
    if not 0 <= o2_measured < 20.9:
        raise ValueError(f"stack O2 must be in [0, 20.9) % to correct to a reference ({o2_measured})")
    return measured * (20.9 - o2_reference) / (20.9 - o2_measured)
