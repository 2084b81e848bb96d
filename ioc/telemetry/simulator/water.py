"""Water supply and wastewater: the central plant's inlet and outfall, enterprises' discharges, meters.

Flows follow the production day: the plant receives what the factories used a little earlier, and
its outfall lags the inlet by the few hours water spends in the tanks. The treated outfall sits well
under QCVN 40:2011 column A (COD 75, TSS 50, NH4 5 mg/L) and column B (150, 100, 10) except during
the plant's occasional upsets, a couple a month, when COD, TSS and NH4 rise for a few hours.
"""

import math

from ioc.telemetry.simulator.base import (
    DAY_S,
    Spec,
    bump,
    chance,
    local_day,
    local_hour,
    season,
    smooth,
    working,
)

HOUR = 3600.0
PLANT_LAG_S = 4 * HOUR  # hydraulic retention of the central plant
UPSET_PER_DAY = 0.07  # about two treatment upsets a month


def park_use(t: float) -> float:
    """Water the park's factories use, relative to the day's mean (most work three shifts)."""
    return 0.45 * working(t, 3) + 0.35 * working(t, 2) + 0.2 * working(t, 1) + 0.35


def water_temperature(spec: Spec, t: float) -> float:
    return 26.0 - 4.5 * season(t) + 1.0 * math.cos(2 * math.pi * (local_hour(t) - 16) / 24)


def inlet(spec: Spec, t: float, rng) -> dict[str, float]:
    """Raw wastewater reaching the central plant (design ~3,000 m³/day)."""
    load = park_use(t - HOUR)
    strength = math.exp(0.15 * smooth(spec.key + 1, t, 6 * HOUR))
    return {
        "flow": 125.0 * spec.scale * load * (1 + rng.gauss(0, 0.04)),
        "water_temperature": water_temperature(spec, t) + 2.0 + rng.gauss(0, 0.2),
        "ph": 7.2 + 0.4 * smooth(spec.key + 2, t, 3 * HOUR) + rng.gauss(0, 0.05),
        "cod": 320.0 * (0.8 + 0.25 * load) * strength * (1 + rng.gauss(0, 0.05)),
        "tss": 180.0 * (0.8 + 0.25 * load) * strength * (1 + rng.gauss(0, 0.07)),
        "nh4": 28.0 * strength * (1 + rng.gauss(0, 0.05)),
        "tn": 45.0 * strength * (1 + rng.gauss(0, 0.05)),
        "tp": 6.0 * strength * (1 + rng.gauss(0, 0.06)),
        "color": 140.0 * strength * (1 + rng.gauss(0, 0.05)),
    }


def upset(spec: Spec, t: float) -> float:
    """0 normally; up to 2 at the height of a treatment upset (bad sludge, an illicit discharge)."""
    worst = 0.0
    for day in (local_day(t), local_day(t) - 1):
        if chance(spec.key, 7, day) >= UPSET_PER_DAY:
            continue
        start = day * DAY_S - 7 * HOUR + chance(spec.key, 8, day) * DAY_S
        length = (2 + 5 * chance(spec.key, 9, day)) * HOUR
        severity = 0.6 + 1.4 * chance(spec.key, 10, day)  # most stay under column B; a few do not
        if start <= t <= start + length:
            worst = max(worst, severity * math.sin(math.pi * (t - start) / length))
    return worst


def outfall(spec: Spec, t: float, rng) -> dict[str, float]:
    """Treated water leaving the central plant for the Kim Sơn river."""
    trouble = upset(spec, t)
    drift = 1 + 0.15 * smooth(spec.key + 3, t, 8 * HOUR)
    return {
        "flow": 120.0 * spec.scale * park_use(t - PLANT_LAG_S - HOUR) * (1 + rng.gauss(0, 0.03)),
        "water_temperature": water_temperature(spec, t) + rng.gauss(0, 0.15),
        "ph": 7.2 + 0.25 * smooth(spec.key + 4, t, 6 * HOUR) - 0.4 * trouble + rng.gauss(0, 0.03),
        "cod": 38.0 * drift * (1 + 2.4 * trouble) + rng.gauss(0, 2.5),
        "tss": 17.0 * drift * (1 + 2.6 * trouble) + rng.gauss(0, 1.5),
        "nh4": 1.8 * drift * (1 + 3.0 * trouble) + rng.gauss(0, 0.15),
        "tn": 11.0 * drift * (1 + 1.0 * trouble) + rng.gauss(0, 0.5),
        "tp": 1.6 * drift * (1 + 0.8 * trouble) + rng.gauss(0, 0.1),
        "color": 28.0 * drift * (1 + 1.2 * trouble) + rng.gauss(0, 1.5),
    }


def discharge(spec: Spec, t: float, rng) -> dict[str, float]:
    """An enterprise's pre-treated wastewater to the park's collection network (flow in m³/h)."""
    level = working(t, spec.shifts)
    strength = math.exp(0.25 * smooth(spec.key + 5, t, 4 * HOUR)) * (1 + 0.8 * bump(local_hour(t), 9, 0.5))
    return {
        "flow": max(0.0, 8.0 * spec.scale * (0.1 + level) * (1 + rng.gauss(0, 0.08))),
        "water_temperature": water_temperature(spec, t) + 3.0 + 3.0 * level + rng.gauss(0, 0.3),
        "ph": 7.3 + 0.6 * smooth(spec.key + 6, t, 2 * HOUR) + rng.gauss(0, 0.08),
        "cod": 110.0 * strength * (0.5 + level) * (1 + rng.gauss(0, 0.08)),
        "tss": 60.0 * strength * (0.5 + level) * (1 + rng.gauss(0, 0.1)),
        "nh4": 9.0 * strength * (1 + rng.gauss(0, 0.08)),
    }


def meter(spec: Spec, t: float, rng) -> dict[str, float]:
    """A water meter's flow: a factory's own use, or the park's supply mains for the park's meters."""
    use = (
        working(t, spec.shifts)
        if spec.model == "enterprise"
        else park_use(t) * (1 + 0.3 * bump(local_hour(t), 11, 3))
    )
    return {"flow": max(0.0, 6.0 * spec.scale * (0.08 + use) * (1 + rng.gauss(0, 0.06)))}
