"""Boiler and kiln stacks (QCVN 19:2009 column B: dust 200, SO2 500, NOx 850, CO 1000 mg/Nm³).

A stack's concentrations follow its firing rate, which follows the owner's shifts; when the boiler
is down, the flow drops to a draught and the O2 analyser reads air. Soot blowing now and then sends
a short burst of dust over the limit.
"""

import math

from ioc.telemetry.simulator.base import Spec, chance, smooth, working

HOUR = 3600.0
SOOT_BLOW_PER_HOUR = 0.01
AIR_O2 = 20.9


def firing(spec: Spec, t: float) -> float:
    """Firing rate 0–1; boilers of three-shift factories never quite stop."""
    return min(1.0, working(t, spec.shifts) * (1 + 0.1 * smooth(spec.key + 1, t, 2 * HOUR)))


def soot_blow(spec: Spec, t: float) -> float:
    """0 normally; up to 1 during a 15–30 minute soot blow."""
    hour_index = int(t // HOUR)
    for h in (hour_index, hour_index - 1):
        if chance(spec.key, 11, h) < SOOT_BLOW_PER_HOUR:
            start = h * HOUR + chance(spec.key, 12, h) * HOUR
            length = (0.25 + 0.25 * chance(spec.key, 13, h)) * HOUR
            if start <= t <= start + length:
                return math.sin(math.pi * (t - start) / length)
    return 0.0


def stack(spec: Spec, t: float, rng) -> dict[str, float]:
    rate = firing(spec, t)
    if rate < 0.05:
        return {
            "flow": 300.0 * spec.scale * (1 + rng.gauss(0, 0.1)),
            "stack_o2": AIR_O2 - abs(rng.gauss(0, 0.1)),
            "stack_dust": abs(rng.gauss(2.0, 0.8)),
            "stack_so2": abs(rng.gauss(3.0, 1.0)),
            "stack_nox": abs(rng.gauss(5.0, 2.0)),
            "stack_co": abs(rng.gauss(4.0, 1.5)),
        }
    fuel = spec.params.get("sulphur", 1.0)  # coal-fired stacks carry more SO2 than gas or biomass
    excess_air = 1 - rate  # a boiler at low fire runs with more excess air
    blow = soot_blow(spec, t)
    drift = 1 + 0.12 * smooth(spec.key + 2, t, HOUR)
    return {
        "flow": 15000.0 * spec.scale * (0.25 + 0.75 * rate) * (1 + rng.gauss(0, 0.03)),
        "stack_o2": min(
            AIR_O2, 7.5 + 4.0 * excess_air + 0.5 * smooth(spec.key + 3, t, HOUR) + rng.gauss(0, 0.2)
        ),
        "stack_dust": (35.0 * drift + 260.0 * blow) * (1 + rng.gauss(0, 0.08)),
        "stack_so2": 180.0 * fuel * drift * (0.7 + 0.3 * rate) * (1 + rng.gauss(0, 0.05)),
        "stack_nox": 260.0 * drift * (0.6 + 0.4 * rate) * (1 + rng.gauss(0, 0.05)),
        "stack_co": (80.0 + 150.0 * excess_air) * drift * (1 + rng.gauss(0, 0.1)),
    }
