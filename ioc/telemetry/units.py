"""Unit conversion to the park's canonical units (shared/domain/metrics.md).

Gases: µg/m³ = ppb × M / 24.45 at 25 °C and 1 atm (molar volume 24.45 L/mol), as QCVN 05:2023
expresses concentrations; ppm = 1,000 ppb.
"""

from collections.abc import Callable

# g/mol
MOLAR_MASS = {"o3": 48.00, "no2": 46.01, "so2": 64.07, "co": 28.01}
MOLAR_VOLUME_L = 24.45


def _aliases(unit: str) -> str:
    return {"mg/l": "mg/L", "ug/m3": "µg/m³", "μg/m³": "µg/m³", "mg/m3": "mg/m³", "m3/h": "m³/h"}.get(
        unit, unit
    )


def converter(metric: str, unit: str, canonical: str) -> Callable[[float], float] | None:
    """A function taking a value in `unit` to `canonical`, or None when there is no such conversion."""
    unit, canonical = _aliases(unit), _aliases(canonical)
    if unit == canonical:
        return _same
    if (unit, canonical) in _LINEAR:
        factor = _LINEAR[(unit, canonical)]
        return lambda value: value * factor
    if canonical == "µg/m³" and metric in MOLAR_MASS and unit in ("ppb", "ppm"):
        factor = MOLAR_MASS[metric] / MOLAR_VOLUME_L * (1000 if unit == "ppm" else 1)
        return lambda value: value * factor
    if unit == "°F" and canonical == "°C":
        return lambda value: (value - 32) * 5 / 9
    return None


def _same(value: float) -> float:
    return value


_LINEAR = {
    ("mg/m³", "µg/m³"): 1000.0,
    ("L/s", "m³/h"): 3.6,
    ("Wh", "kWh"): 0.001,
    ("W", "kW"): 0.001,
}
